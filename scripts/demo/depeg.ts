/**
 * Chapter — a depeg (脫鉤): the LST and the LRT have two prices, their NAV (what the protocol
 * owes per token) and their market price (what the StableSwap pool pays). On a fresh chain with
 * the whole system, market included:
 *
 * 1. The June-2022 shape on the LST pool (A = 50, 0.04 %): holders sell slETH until ETH is 18.5 %
 *    of the pool. With withdrawals closed nothing pulls the price back; with withdrawals open an
 *    arbitrageur buys the discount and redeems at the NAV through the real withdrawal queue.
 * 2. The April-2024 shape on the LRT pool (A = 500, 0.01 %, no withdrawals): the flat curve holds
 *    the price until the ETH side is nearly gone, then it falls off a cliff. The same loans,
 *    priced by each of the four oracles, are liquidated — or not — side by side.
 */
import type { Signer } from "ethers";

import { realistic } from "../../config/profiles.js";
import { deployLabWithMarket } from "../lib/contracts.js";
import { formatNumber } from "../lib/format.js";
import { t } from "../i18n/index.js";
import { ORACLES, type CollateralContracts, type OracleKind } from "../lib/market-deployment.js";
import { buildOracleReport, reportHash } from "../lib/oracle.js";
import { DAY, WAD, chapter, say, showTable, type Demo } from "./context.js";
import { printChart } from "./chart.js";
import { pause } from "./controls.js";
import { recordPoint } from "./series.js";

const ETHER = WAD;
const MINUTE = 60n;
/** Oracle prices are scaled 1e36 per smallest unit (Morpho's `ORACLE_PRICE_SCALE`). */
const PRICE_SCALE = 10n ** 36n;

/** A WAD number with exactly `decimals` decimals, rounded half up ("0.9375", "1.0000"). */
const num = (wad: bigint, decimals = 4) => {
  const step = 10n ** BigInt(18 - decimals);
  const rounded = (wad + step / 2n) / step;
  const text = rounded.toString().padStart(decimals + 1, "0");
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
};
/** Whole-unit amounts for the tables ("1,234.5"). */
const amount = (value: bigint, decimals = 18) => formatNumber(value, decimals, { significant: 1 });
/** (price − 1) as a percentage with one decimal: 0.937 → "−6.3 %". */
const depeg = (ratioWad: bigint) => {
  const tenthsOfPercent =
    ((ratioWad - WAD) * 1000n - (ratioWad < WAD ? WAD / 2n : -WAD / 2n)) / WAD;
  return `${tenthsOfPercent < 0n ? "−" : ""}${formatNumber(tenthsOfPercent < 0n ? -tenthsOfPercent : tenthsOfPercent, 1, { full: true })} %`;
};

/** An oracle's name in the tables, in the run's language. */
const oracleLabel = (kind: OracleKind) => t(`demoDepeg:oracles.${kind}`);

export async function depegChapter(demo: Demo): Promise<void> {
  const connection = await demo.hre.network.create();
  const { ethers, networkHelpers } = connection;
  const profile = realistic;
  const { lab, market } = await deployLabWithMarket(connection, profile);
  const { simulator, pool: depositPool, token, vault } = lab;
  const signers = await ethers.getSigners();
  const [, alice, bob, carol, dave, erin, frank, , , liquidator] = signers;

  async function report(): Promise<void> {
    const { report: data, outcome } = await buildOracleReport(depositPool, simulator);
    if (outcome.bounds === "loss-needs-confirmation") {
      await (await depositPool.confirmLossReport(reportHash(data))).wait();
    }
    await (await depositPool.submitReport(data)).wait();
  }

  chapter(
    t("demoDepeg:title"),
    t("demoDepeg:intro", { seed: amount(profile.market.lstPool.seedEthWei) }),
  );
  const head = (title: string) => [
    title,
    t("demoDepeg:head.ethShare"),
    t("demoDepeg:head.spot"),
    t("demoDepeg:head.ema"),
    t("demoDepeg:head.nav"),
    t("demoDepeg:head.depeg"),
  ];

  // ---------------------------------------------------------------- setting: a year of rewards
  await (await depositPool.connect(alice).deposit({ value: 2_000n * ETHER })).wait();
  for (let i = 0; i < 50; i++) {
    await (await depositPool.stakeValidator(ethers.id(`depeg-validator-${i}`))).wait();
  }
  await networkHelpers.time.increase(365n * DAY);
  await report();

  // ---------------------------------------------------------------- 1. the LST run, June 2022
  const lst = market.LST;
  const lstAddress = await lst.pool.getAddress();
  await (await token.connect(alice).approve(lstAddress, ethers.MaxUint256)).wait();
  const lstRows: string[][] = [];
  let lstStep = 0;
  /** A row of the LST pool's state, and its prices in ETH on the depeg chart. */
  const lstRow = async (rows: string[][], step: string) => {
    rows.push([step, ...(await poolState(lst))]);
    const [spot, ema, nav, stored] = await Promise.all([
      lst.pool.spotPrice(),
      lst.pool.priceOracle(),
      lst.rateProvider.getRate(),
      lst.pool.storedRate(),
    ]);
    const inEth = (price: bigint) => Number((price * stored) / WAD) / 1e18;
    recordPoint("depegPrice", t("demoDepeg:series.market"), lstStep, inEth(spot), step);
    recordPoint("depegPrice", t("demoDepeg:series.ema"), lstStep, inEth(ema), step);
    recordPoint("depegPrice", t("demoDepeg:series.nav"), lstStep, Number(nav) / 1e18, step);
    lstStep += 1;
  };
  await lstRow(lstRows, t("demoDepeg:lst.seeded"));

  await (await depositPool.pause()).wait();
  // Sell until ETH is 18.5 % of the pool's value, as on Curve's stETH pool in mid-June 2022.
  for (const [i, slEth] of [200n, 200n].entries()) {
    await sell(lst, alice, slEth * ETHER);
    await networkHelpers.time.increase(10n * MINUTE);
    await lstRow(lstRows, t("demoDepeg:lst.sell", { number: i + 1, amount: `${slEth}` }));
  }
  const toTarget = await saleToEthShare(lst, (185n * WAD) / 1000n);
  await sell(lst, alice, toTarget);
  await lstRow(lstRows, t("demoDepeg:lst.sellToTarget", { amount: amount(toTarget) }));
  const spotAtTarget = await lst.pool.spotPrice();
  await networkHelpers.time.increase(60n * MINUTE);
  await lstRow(lstRows, t("demoDepeg:lst.hourLater"));

  await showTable(
    head(t("demoDepeg:lst.closed")),
    lstRows,
    t("demoDepeg:notice.closed", { price: num(spotAtTarget, 3) }),
  );

  // Withdrawals open: bob buys the discount and redeems it through the pool's queue.
  await (await depositPool.unpause()).wait();
  const arbRows: string[][] = [];
  const spotBefore = await lst.pool.spotPrice();
  const fee = await lst.pool.fee();
  let paid = 0n;
  let bought = 0n;
  for (let round = 1; round <= 6 && (await lst.pool.spotPrice()) < (995n * WAD) / 1000n; round++) {
    const ethIn = 100n * ETHER;
    const before = await token.balanceOf(bob.address);
    await (
      await lst.pool.connect(bob).exchange(0, 1, ethIn, 0, bob.address, { value: ethIn })
    ).wait();
    const got = (await token.balanceOf(bob.address)) - before;
    paid += ethIn;
    bought += got;
    await lstRow(
      arbRows,
      t("demoDepeg:lst.buy", { number: round, eth: amount(ethIn), slEth: amount(got) }),
    );
  }
  await (await token.connect(bob).approve(await depositPool.getAddress(), bought)).wait();
  await (await depositPool.connect(bob).requestWithdrawal(bought)).wait();
  const requestId = await depositPool.lastRequestId();
  await networkHelpers.time.increase(DAY);
  await report();
  const ethBefore = await ethers.provider.getBalance(bob.address);
  const claim = await (await depositPool.connect(bob).claimWithdrawal(requestId)).wait();
  const gas = claim!.gasUsed * claim!.gasPrice;
  const received = (await ethers.provider.getBalance(bob.address)) - ethBefore + gas;
  await lstRow(arbRows, t("demoDepeg:lst.queue", { slEth: amount(bought), eth: amount(received) }));
  // (1 − f) / p − 1: what one more slETH bought at the pre-trade price earns at the NAV.
  const expected = ((WAD - fee * 10n ** 8n) * WAD) / spotBefore - WAD;
  const profit = received - paid;
  await showTable(
    head(t("demoDepeg:lst.open")),
    arbRows,
    t("demoDepeg:notice.open", {
      paid: amount(paid),
      received: amount(received),
      profit: formatNumber((profit * 10_000n) / paid, 2, { full: true }),
      expected: num(expected * 100n, 2),
    }),
  );

  // ---------------------------------------------------------------- 2. the LRT cliff, April 2024
  const lrt = market.LRT;
  const lrtAddress = await lrt.pool.getAddress();
  const lltv = await lrt.markets.Ema.lltv();
  const lif = await lrt.markets.Ema.liquidationIncentiveFactor();
  const borrowers: [Signer & { address: string }, bigint, string][] = [
    [carol, 60n, "Carol"],
    [dave, 75n, "Dave"],
    [erin, 84n, "Erin"],
  ];
  console.log("");
  say(
    t("demoDepeg:lrt.intro", {
      lltv: num(lltv * 100n, 1),
      incentive: num(lif, 4),
      ltvs: borrowers.map(([, ltv]) => `${ltv} %`).join(t("demo:listSeparator")),
    }),
  );
  const collateralEth = 100n * ETHER;
  for (const [who, ltvPercent] of borrowers) {
    const before = await vault.balanceOf(who.address);
    await (
      await vault.connect(who).depositETH(who.address, 0n, { value: 4n * collateralEth })
    ).wait();
    const each = ((await vault.balanceOf(who.address)) - before) / 4n;
    for (const kind of ORACLES) {
      const lending = lrt.markets[kind];
      await (await vault.connect(who).approve(await lending.getAddress(), each)).wait();
      await (await lending.connect(who).supplyCollateral(each, who.address)).wait();
      const navValue = (each * (await lrt.rateProvider.getRate())) / 10n ** 21n;
      await (await lending.connect(who).borrow((navValue * ltvPercent) / 100n, who.address)).wait();
    }
  }
  await (
    await vault.connect(frank).depositETH(frank.address, 0n, { value: 3_000n * ETHER })
  ).wait();
  await (await vault.pause()).wait();
  await (await vault.connect(frank).approve(lrtAddress, ethers.MaxUint256)).wait();

  const cliffRows: string[][] = [];
  const oneLrtEth = await lrt.rateProvider.getRate();
  const lrtUnits = (eth: bigint) => (eth * 10n ** 21n) / oneLrtEth;
  // One loan followed through the cliff on the health-factor chart: the middle borrower's.
  const [followed, followedLtv, followedName] = borrowers[1];
  let cliffStep = 0;
  const plotHealth = async (label: string, skip: ReadonlySet<string> = new Set()) => {
    for (const kind of ORACLES) {
      if (skip.has(`${followedName}:${kind}`)) continue;
      const health = await lrt.markets[kind].healthFactor(followed.address);
      const series = t("demoDepeg:series.health", {
        oracle: oracleLabel(kind),
        name: followedName,
        ltv: `${followedLtv}`,
      });
      recordPoint("healthFactors", series, cliffStep, Number(health) / 1e18, label);
    }
    cliffStep += 1;
  };
  const seeded = t("demoDepeg:lrt.seeded");
  cliffRows.push([seeded, ...(await poolState(lrt))]);
  await plotHealth(seeded);
  let sold = 0n;
  for (const ethWorth of [600n, 300n, 25n, 15n]) {
    await sell(lrt, frank, lrtUnits(ethWorth * ETHER));
    sold += ethWorth;
    const step = t("demoDepeg:lrt.sold", { eth: `${sold}` });
    cliffRows.push([step, ...(await poolState(lrt))]);
    await plotHealth(step);
  }
  await showTable(
    head(t("demoDepeg:lrt.pool", { a: `${await lrt.pool.A()}` })),
    cliffRows,
    t("demoDepeg:notice.cliff", { a: `${await lrt.pool.A()}` }),
  );

  // Liquidations, oracle by oracle, right after the dump and again half an hour later.
  const badDebt: Record<OracleKind, bigint> = {
    ExchangeRate: 0n,
    CappedRate: 0n,
    Spot: 0n,
    Ema: 0n,
  };
  const liquidated = new Set<string>();
  const round = async (title: string, note: string) => {
    const rows: string[][] = [];
    const prices = await Promise.all(ORACLES.map((k) => lrt.oracles[k].price()));
    rows.push([
      t("demoDepeg:liquidations.price"),
      ...prices.map((p) => num((p * 10n ** 21n * WAD) / PRICE_SCALE / oneLrtEth, 4)),
    ]);
    for (const [who, ltvPercent, name] of borrowers) {
      const cells: string[] = [
        t("demoDepeg:liquidations.borrower", { name, ltv: `${ltvPercent}` }),
      ];
      for (const kind of ORACLES) {
        const key = `${name}:${kind}`;
        if (liquidated.has(key)) {
          cells.push(t("demoDepeg:liquidations.gone"));
          continue;
        }
        const health = await lrt.markets[kind].healthFactor(who.address);
        const outcome = await liquidate(lrt, kind, who.address, liquidator);
        if (outcome === undefined) {
          cells.push(t("demoDepeg:liquidations.safe", { health: num(health, 3) }));
        } else {
          liquidated.add(key);
          badDebt[kind] += outcome;
          cells.push(
            t(
              outcome > 0n ? "demoDepeg:liquidations.badDebt" : "demoDepeg:liquidations.liquidated",
              {
                health: num(health, 3),
              },
            ),
          );
        }
      }
      rows.push(cells);
    }
    await showTable(
      [title, ...ORACLES.map((k) => t("demoDepeg:liquidations.head", { oracle: oracleLabel(k) }))],
      rows,
      note,
    );
  };
  const [, highestLtv] = borrowers[2];
  await round(
    t("demoDepeg:liquidations.afterDump"),
    t("demoDepeg:notice.afterDump", {
      ltv: `${highestLtv}`,
      incentive: num(lif, 4),
      cover: num((highestLtv * lif) / 100n, 3),
    }),
  );
  const later = 30n * MINUTE;
  await networkHelpers.time.increase(later);
  await plotHealth(t("demoDepeg:liquidations.later", { minutes: `${later / MINUTE}` }), liquidated);
  // The EMA's half-life is τ·ln 2 (Curve's `ma_exp_time`): 866 s is 10 minutes.
  const halfLifeMinutes = Math.round((Number(await lrt.pool.maExpTime()) * Math.LN2) / 60);
  await round(
    t("demoDepeg:liquidations.later", { minutes: `${later / MINUTE}` }),
    t("demoDepeg:notice.later", {
      halfLives: `${Math.round(Number(later / MINUTE) / halfLifeMinutes)}`,
      minutes: `${halfLifeMinutes}`,
    }),
  );
  printChart("healthFactors", {
    title: t("demoDepeg:chart", { name: followedName, ltv: `${followedLtv}` }),
    xUnit: t("demoDepeg:chartSteps"),
    decimals: 3,
    spacing: "events",
  });
  say(t("demoDepeg:notice.chart"));
  await pause();
  await showTable(
    [t("demoDepeg:badDebt.head"), ...ORACLES.map(oracleLabel)],
    [[t("demoDepeg:badDebt.row"), ...ORACLES.map((k) => amount(badDebt[k]))]],
    t("demoDepeg:notice.badDebt"),
  );

  /** ETH share of the pool's value, spot and EMA in NAV units, the NAV, the depeg: one row. */
  async function poolState(side: CollateralContracts): Promise<string[]> {
    const { pool, rateProvider } = side;
    const decimals = side.collateral === "LST" ? 18n : 21n;
    const [eth, tokens, spot, ema, nav, stored] = await Promise.all([
      pool.balances(0),
      pool.balances(1),
      pool.spotPrice(),
      pool.priceOracle(),
      rateProvider.getRate(),
      pool.storedRate(),
    ]);
    const tokenValue = (tokens * nav) / 10n ** decimals;
    const share = (eth * 10_000n) / (eth + tokenValue);
    return [
      `${formatNumber(share, 2, { full: true })} %`,
      num(spot),
      num(ema),
      num(nav),
      // The market price in ETH (spot × the pool's rate) against the NAV.
      depeg((spot * stored) / nav),
    ];
  }

  async function sell(side: CollateralContracts, who: Signer, tokens: bigint): Promise<void> {
    await (await side.pool.connect(who).exchange(1, 0, tokens, 0, await who.getAddress())).wait();
  }

  /** The sale of tokens that leaves ETH at `targetShare` (WAD) of the pool's value (bisection). */
  async function saleToEthShare(side: CollateralContracts, targetShare: bigint): Promise<bigint> {
    const { pool, rateProvider } = side;
    const [eth, tokens, nav] = await Promise.all([
      pool.balances(0),
      pool.balances(1),
      rateProvider.getRate(),
    ]);
    let low = 0n;
    let high = tokens;
    while (high - low > ETHER / 100n) {
      const mid = (low + high) / 2n;
      const out = await pool.getDy(1, 0, mid);
      const ethLeft = eth - out;
      const share = (ethLeft * WAD) / (ethLeft + ((tokens + mid) * nav) / WAD);
      if (share > targetShare) low = mid;
      else high = mid;
    }
    return (high / (ETHER / 100n)) * (ETHER / 100n);
  }

  /**
   * Liquidates `borrower` in one market if its oracle allows: repays the whole debt, or, when the
   * collateral does not cover it with the incentive, seizes all of it (the rest is bad debt).
   * Returns the bad debt written off, or undefined when the position is healthy.
   */
  async function liquidate(
    side: CollateralContracts,
    kind: OracleKind,
    borrower: string,
    by: Signer,
  ): Promise<bigint | undefined> {
    const lending = side.markets[kind].connect(by);
    if (await lending.isHealthy(borrower)) return undefined;
    const position = await lending.position(borrower);
    const debt = await lending.borrowAssetsOf(borrower);
    const value = debt + ETHER; // the excess is refunded
    const price = await side.oracles[kind].price();
    const seizedForAll = (((debt * lif) / WAD) * PRICE_SCALE) / price;
    const tx =
      seizedForAll < position.collateral
        ? await lending.liquidate(borrower, 0, position.borrowShares, { value })
        : await lending.liquidate(borrower, position.collateral, 0, { value });
    const receipt = await tx.wait();
    for (const log of receipt!.logs) {
      const parsed = lending.interface.parseLog(log);
      if (parsed?.name === "Liquidate") return parsed.args.badDebtAssets as bigint;
    }
    return 0n;
  }
}
