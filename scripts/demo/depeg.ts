/**
 * Chapter 4 — a depeg (脫鉤): the LST and the LRT have two prices, their NAV (what the protocol
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
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { Signer } from "ethers";

import { realistic } from "../../config/profiles.js";
import StakingLabModule from "../../ignition/modules/StakingLab.js";
import { addressesOf, attachLab } from "../lib/contracts.js";
import { formatNumber } from "../lib/format.js";
import {
  ORACLES,
  ORACLE_LABELS,
  attachMarket,
  marketAddressesOf,
  type CollateralContracts,
  type OracleKind,
} from "../lib/market-deployment.js";
import { buildOracleReport, reportHash } from "../lib/oracle.js";
import { moduleParameters } from "../lib/parameters.js";
import { printTable } from "../lib/table.js";
import { DAY, WAD, say } from "./context.js";
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

export async function depegChapter(hre: HardhatRuntimeEnvironment): Promise<void> {
  const connection = await hre.network.create();
  const { ethers, networkHelpers } = connection;
  const profile = realistic;
  const deployed = await connection.ignition.deploy(StakingLabModule, {
    parameters: moduleParameters(profile),
    displayUi: false,
  });
  const lab = await attachLab(ethers, await addressesOf(deployed));
  const market = await attachMarket(ethers, await marketAddressesOf(deployed as never));
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

  say(
    "",
    "Chapter 4 — A depeg (脫鉤): the market price against the NAV",
    "A fresh chain with the market: a StableSwap pool per token (ETH against slETH, ETH against",
    `slrETH), seeded by the teacher with ${amount(profile.market.lstPool.seedEthWei)} ETH a side, and four lending markets per`,
    "token that differ only by their oracle: NAV (exchange rate), CAPO (capped NAV), spot, EMA.",
  );

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
  // The report's chart: the pool's price of slETH in ETH against its NAV, step by step.
  let priceStep = 0;
  const recordPrice = async (step: string) => {
    const [spot, stored, nav] = await Promise.all([
      lst.pool.spotPrice(),
      lst.pool.storedRate(),
      lst.rateProvider.getRate(),
    ]);
    const price = Number((spot * stored) / WAD) / 1e18;
    recordPoint("depegPrice", "slETH price in the pool", priceStep, price, step);
    recordPoint("depegPrice", "slETH NAV", priceStep++, Number(nav) / 1e18, step);
  };
  const lstRow = async (step: string) => {
    lstRows.push([step, ...(await poolState(lst))]);
    await recordPrice(step);
  };
  await lstRow("seeded; a year of rewards");

  await (await depositPool.pause()).wait();
  // Sell until ETH is 18.5 % of the pool's value, as on Curve's stETH pool in mid-June 2022.
  for (const [i, slEth] of [200n, 200n].entries()) {
    await sell(lst, alice, slEth * ETHER);
    await networkHelpers.time.increase(10n * MINUTE);
    await lstRow(`${i + 1}. alice sells ${slEth} slETH; 10 min`);
  }
  const toTarget = await saleToEthShare(lst, (185n * WAD) / 1000n);
  await sell(lst, alice, toTarget);
  await lstRow(`3. sells ${amount(toTarget)} more: ETH 18.5 %`);
  await networkHelpers.time.increase(60n * MINUTE);
  await lstRow("4. an hour later, no one redeems");

  printTable(["withdrawals closed", "ETH %", "spot/NAV", "EMA/NAV", "NAV ETH", "depeg"], lstRows);
  say(
    "Notice: nothing pulls the price back while no one can redeem at the NAV; at 18.5 % ETH the",
    "pool pays ~0.94 of the NAV (Curve, June 2022: 0.935–0.94), and the EMA catches up in an hour.",
    "(The −0.1 % at first: the pool lets a rise of the NAV in at most 1 % at a time, Curve's safe rate.)",
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
    arbRows.push([`${round}. bob buys: 100 ETH → ${amount(got)} slETH`, ...(await poolState(lst))]);
    await recordPrice(`bob buys 100 ETH of slETH (${round})`);
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
  arbRows.push([
    `queue: ${amount(bought)} slETH → ${amount(received)} ETH`,
    ...(await poolState(lst)),
  ]);
  await recordPrice("bob redeems through the queue");
  printTable(["withdrawals open", "ETH %", "spot/NAV", "EMA/NAV", "NAV ETH", "depeg"], arbRows);
  // (1 − f) / p − 1: what one more slETH bought at the pre-trade price earns at the NAV.
  const expected = ((WAD - fee * 10n ** 8n) * WAD) / spotBefore - WAD;
  const profit = received - paid;
  say(
    `Notice: bob paid ${amount(paid)} ETH and the queue paid ${amount(received)} ETH a day later: ${formatNumber((profit * 10_000n) / paid, 2, { full: true })} %`,
    `profit, below the first slETH's (1 − fee)/price − 1 = ${num(expected * 100n, 2)} % as his buying closed the gap.`,
  );

  // ---------------------------------------------------------------- 2. the LRT cliff, April 2024
  const lrt = market.LRT;
  const lrtAddress = await lrt.pool.getAddress();
  const lltv = await lrt.markets.Ema.lltv();
  const lif = await lrt.markets.Ema.liquidationIncentiveFactor();
  say(
    "",
    `The LRT: slrETH cannot be redeemed (the vault paused, as ezETH in April 2024). Three borrowers`,
    `post the same slrETH in each of the four markets (LLTV ${num(lltv * 100n, 1)} %, incentive ${num(lif, 4)}) and borrow`,
    "60 %, 75 % and 84 % of its NAV. Then frank dumps slrETH into the pool.",
  );
  const borrowers: [Signer & { address: string }, bigint, string][] = [
    [carol, 60n, "carol"],
    [dave, 75n, "dave"],
    [erin, 84n, "erin"],
  ];
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
  // The report's chart: dave's loan (75 % of the NAV) under each oracle, step by step.
  let healthStep = 0;
  const recordHealth = async (step: string) => {
    for (const kind of ORACLES) {
      const health = await lrt.markets[kind].healthFactor(dave.address);
      if (health === ethers.MaxUint256) continue; // liquidated: no debt left
      recordPoint("healthFactors", ORACLE_LABELS[kind], healthStep, Number(health) / 1e18, step);
    }
    healthStep++;
  };
  cliffRows.push(["seeded", ...(await poolState(lrt))]);
  await recordHealth("seeded");
  let sold = 0n;
  for (const ethWorth of [600n, 300n, 25n, 15n]) {
    await sell(lrt, frank, lrtUnits(ethWorth * ETHER));
    sold += ethWorth;
    cliffRows.push([`frank has sold ${sold} ETH's worth`, ...(await poolState(lrt))]);
    await recordHealth(`frank has sold ${sold} ETH's worth`);
  }
  printTable(["LRT pool, A = 500", "ETH %", "spot/NAV", "EMA/NAV", "NAV ETH", "depeg"], cliffRows);
  say(
    "Notice: A = 500 keeps the price within a fraction of a percent of the NAV while ETH is left,",
    "then the last ETH costs a cliff: the spot price falls off it while the EMA has not moved yet.",
  );

  // Liquidations, oracle by oracle, right after the dump and again half an hour later.
  const badDebt: Record<OracleKind, bigint> = {
    ExchangeRate: 0n,
    CappedRate: 0n,
    Spot: 0n,
    Ema: 0n,
  };
  const liquidated = new Set<string>();
  const round = async (title: string, note: string[]) => {
    const rows: string[][] = [];
    const prices = await Promise.all(ORACLES.map((k) => lrt.oracles[k].price()));
    rows.push([
      "price / NAV",
      ...prices.map((p) => num((p * 10n ** 21n * WAD) / PRICE_SCALE / oneLrtEth, 4)),
    ]);
    for (const [who, ltvPercent, name] of borrowers) {
      const cells: string[] = [`${name}, ${ltvPercent} %`];
      for (const kind of ORACLES) {
        const key = `${name}:${kind}`;
        if (liquidated.has(key)) {
          cells.push("(gone)");
          continue;
        }
        const health = await lrt.markets[kind].healthFactor(who.address);
        const outcome = await liquidate(lrt, kind, who.address, liquidator);
        if (outcome === undefined) {
          cells.push(`${num(health, 3)} safe`);
        } else {
          liquidated.add(key);
          badDebt[kind] += outcome;
          cells.push(`${num(health, 3)} ${outcome > 0n ? "bad debt" : "liquidated"}`);
        }
      }
      rows.push(cells);
    }
    printTable([title, ...ORACLES.map((k) => `${ORACLE_LABELS[k]}: HF`)], rows);
    say(...note);
  };
  await round("right after the dump", [
    "Notice: only the spot oracle sees the cliff at once; below LTV × incentive (84 % × 1.0438 =",
    "0.877 of the NAV) the collateral no longer covers the debt, and the rest becomes bad debt.",
  ]);
  await networkHelpers.time.increase(30n * MINUTE);
  await recordHealth("30 minutes later");
  await round("30 minutes later", [
    "Notice: after three EMA half-lives (10 min each) the EMA has followed most of the fall,",
    "and the same loans are liquidated under it; the NAV and CAPO still see no reason to.",
  ]);
  printTable(
    ["bad debt written off (ETH)", ...ORACLES.map((k) => ORACLE_LABELS[k])],
    [["suppliers lose", ...ORACLES.map((k) => amount(badDebt[k]))]],
  );
  say(
    "Notice: the suppliers of the market-priced markets pay for the cliff; on 24 April 2024 Morpho's",
    "86 % ezETH market wrote off 10.96 ETH this way, while an exchange-rate oracle would have",
    "liquidated no one (the NAV never fell: a liquidity event, not a backing loss).",
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
