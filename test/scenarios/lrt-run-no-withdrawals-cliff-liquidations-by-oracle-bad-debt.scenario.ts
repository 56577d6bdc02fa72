/**
 * Scenario 6 of the market layer (docs/market.md), the ezETH depeg of 24 April 2024 in its shape.
 *
 * ezETH had no native withdrawals; sellers could only use the DEX pools, which were thin (Balancer's
 * WETH side 4,000 → 500). Morpho's ezETH/WETH markets priced ezETH with a market feed: the LLTV 86 %
 * market saw 138 liquidations, 5,035 WETH repaid for 6,236.72 ezETH seized (an average oracle price
 * of 5,035 × 1.0438 / 6,236.72 ≈ 0.843), and 10.96 WETH of bad debt socialised; the NAV never fell
 * (Gauntlet's review on the Morpho forum, "ezETH price volatility", April 2024).
 *
 * Here: an LRT (21 decimals) whose vault is paused (no redemptions, as ezETH then), an ETH/LRT pool of
 * 40 + 40 at Curve's LRT preset (A = 500, 0.01 %, off-peg ×10), and the same three loans (10 LRT
 * each, LTV 50 %, 70 %, 80 % of NAV) in four LLTV-86 % markets that differ only by their oracle.
 * Sellers drain the pool. A high A holds the price until the pool is nearly empty (0.976 at 10 % ETH,
 * 0.911 at 5 %), then it falls off a cliff: 0.30 at 1 % ETH (calibration, research §1.12; the
 * table's 2 % row gives 0.63 at A = 500, so the 0.2–0.3 of the real low is reached at ~1 %).
 * A loan at LTV ℓ is liquidatable below a price of ℓ / 0.86 and leaves bad debt below ℓ × 1.0438.
 *
 * Every liquidation is checked against the Morpho reference model (`MarketModel`) at the oracle price
 * computed here: the spot from the StableSwap reference model, the EMA replayed by `EmaModel`.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  ORACLE_KINDS,
  marketFixtures,
  type MarketFixture,
  type OracleKind,
} from "../helpers/fixtures/market.js";
import { MINUTE, ether, tokenUnits } from "../helpers/index.js";
import { liquidateAndCheck } from "../helpers/lending-invariants.js";
import {
  EmaModel,
  checkMarketInvariants,
  ethShareBps,
  expectStateTable,
  fmt,
  readPoolState,
  saleToEthShare,
  type CheckedToken,
  minedAt,
} from "../helpers/market-scenario.js";
import {
  MarketModel,
  ORACLE_PRICE_SCALE,
  liquidationIncentiveFactor,
  priceFromPool,
  priceFromRate,
} from "../helpers/morpho-reference.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import { exchange, spotPrice } from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployMarketFixture } = marketFixtures(connection);

const WAD = 10n ** 18n;
const DECIMALS = 21;
const lrt = (amount: string | number) => tokenUnits(amount, DECIMALS);
/** Each side of the pool: 40 ETH + 40 LRT at NAV 1.0. */
const SEED = 40;
/** Each borrower posts 10 LRT in each market and borrows 5, 7 or 8 ETH (LTV 50 %, 70 %, 80 %). */
const COLLATERAL = lrt(10);
const DEBTS = [ether(5), ether(7), ether(8)];
/** ETH lent in each market. */
const SUPPLY = ether(30);
/** NAV of the LRT: 1 LST per LRT, 1 ETH per LST (no reward or loss in this story). */
const NAV = WAD;
const NAV_PRICE = priceFromRate(NAV, DECIMALS);

describe("Scenario: an LRT without withdrawals drained from a high-A pool: the cliff, liquidations under each oracle, bad debt (April 2024)", function () {
  let f: MarketFixture;
  let tokens: CheckedToken[];
  let users: string[];
  let snapshots: (PoolSnapshot | undefined)[] = [];
  const ema = new EmaModel(866n);
  const models = {} as Record<OracleKind, MarketModel>;
  /** borrower index → oracle → what happened to the loan (the final side-by-side table). */
  const outcome: Record<string, Record<string, string>> = {};

  async function check(step: string, kind: "exchange" | "other" = "other") {
    snapshots = await checkMarketInvariants(tokens, snapshots, users, f.liquidator, step, kind);
  }

  const timestampOf = (tx: { wait(): Promise<unknown> }) => minedAt(ethers.provider, tx);

  const latestTimestamp = async () => BigInt(await networkHelpers.time.latest());

  /** The price each oracle gives now, computed here (NAV, CAPO = NAV, reference spot, replayed EMA). */
  async function expectedPrices(): Promise<Record<OracleKind, bigint>> {
    const state = await readPoolState(f.lrtMarkets.pool, 21n);
    return {
      exchangeRate: NAV_PRICE,
      capped: NAV_PRICE,
      spot: priceFromPool(spotPrice(state), NAV, DECIMALS),
      ema: priceFromPool(ema.at(await latestTimestamp()), NAV, DECIMALS),
    };
  }

  /** Oracle → its price and each borrower's health factor (or what happened to the loan). */
  async function loanTable(): Promise<Record<string, Record<string, string>>> {
    const table: Record<string, Record<string, string>> = {};
    for (const kind of ORACLE_KINDS) {
      const market = f.lrtMarkets.markets[kind];
      const row: Record<string, string> = {
        "price (ETH/LRT)": fmt(await f.lrtMarkets.oracles[kind].price(), 4, 36n - 21n + 18n),
      };
      for (const [n, b] of f.borrowers.entries()) {
        const p = await market.position(b.address);
        row[`HF ${LTV_LABELS[n]}`] =
          p.borrowShares === 0n
            ? p.collateral === 0n
              ? "wiped"
              : "repaid"
            : fmt(await market.healthFactor(b.address), 3);
      }
      table[kind] = row;
    }
    return table;
  }

  /** The same table from the models and the prices computed here. */
  async function expectedLoanTable(): Promise<Record<string, Record<string, string>>> {
    const prices = await expectedPrices();
    const now = await latestTimestamp();
    const table: Record<string, Record<string, string>> = {};
    for (const kind of ORACLE_KINDS) {
      const model = models[kind].clone();
      model.accrue(now);
      const row: Record<string, string> = {
        "price (ETH/LRT)": fmt(prices[kind], 4, 36n - 21n + 18n),
      };
      for (const [n, b] of f.borrowers.entries()) {
        const p = model.position(b.address);
        row[`HF ${LTV_LABELS[n]}`] =
          p.borrowShares === 0n
            ? p.collateral === 0n
              ? "wiped"
              : "repaid"
            : fmt(model.healthFactor(b.address, prices[kind]), 3);
      }
      table[kind] = row;
    }
    return table;
  }

  /** Sells `amount` LRT into the pool as the seller, checked against the reference model. */
  async function sell(amount: bigint) {
    const { pool } = f.lrtMarkets;
    const before = await readPoolState(pool, 21n);
    const expected = exchange(before, 1, amount);
    // 12-s blocks, set explicitly: the EMA figures below depend only on the story's timing.
    await networkHelpers.time.setNextBlockTimestamp((await latestTimestamp()) + 12n);
    const tx = await pool.connect(f.seller).exchange(1n, 0n, amount, expected.dy, f.seller.address);
    ema.upkeep(expected.price, await timestampOf(tx));
    const after = await readPoolState(pool, 21n);
    expect(after.balances, "pool balances = the reference model's").to.deep.equal(
      expected.balances,
    );
    return after;
  }

  /**
   * Liquidates `borrower` in the `kind` market: the whole debt if the collateral covers it with the
   * incentive, else all the collateral (the rest is bad debt); checked against the Morpho model.
   */
  async function liquidate(kind: OracleKind, n: number, step: string) {
    const market = f.lrtMarkets.markets[kind];
    const borrower = f.borrowers[n].address;
    const model = models[kind];
    const position = await market.position(borrower);
    const price = (await expectedPrices())[kind];
    const debt = await market.borrowAssetsOf(borrower);
    const lif = liquidationIncentiveFactor(model.lltv);
    const covered = (position.collateral * price) / ORACLE_PRICE_SCALE >= (debt * lif) / WAD;
    const [seize, repay] = covered ? [0n, position.borrowShares] : [position.collateral, 0n];
    await networkHelpers.time.setNextBlockTimestamp((await latestTimestamp()) + 1n);
    const done = await liquidateAndCheck(
      market,
      f.liquidator,
      borrower,
      seize,
      repay,
      debt + ether(1),
    );
    const at = BigInt((await ethers.provider.getBlock(done.receipt.blockNumber))!.timestamp);
    const priceAt = kind === "ema" ? priceFromPool(ema.at(at), NAV, DECIMALS) : price;
    const expected = model.liquidate(borrower, seize, repay, priceAt, at);
    expect(done.seizedAssets, `${step}: seized (Morpho model)`).to.equal(expected.seizedAssets);
    expect(done.repaidAssets, `${step}: repaid (Morpho model)`).to.equal(expected.repaidAssets);
    expect(done.badDebtAssets, `${step}: bad debt (Morpho model)`).to.equal(expected.badDebtAssets);
    return { ...done, price: priceAt };
  }

  before(async function () {
    f = await networkHelpers.loadFixture(deployMarketFixture);
    tokens = [
      { markets: f.lstMarkets, token: f.lst },
      { markets: f.lrtMarkets, token: f.vault },
    ];
    users = [f.lp, f.seller, f.supplier, ...f.borrowers].map((w) => w.address);
  });

  it("1. the vault is paused (no redemptions); an LP seeds 40 ETH + 40 LRT; three loans of 10 LRT at LTV 50/70/80 % in each of four markets", async function () {
    const { vault, guardian, lp, seller, supplier, borrowers, lrtMarkets } = f;
    const { pool } = lrtMarkets;
    const poolAddress = await pool.getAddress();
    await vault.connect(lp).depositETH(lp.address, 0n, { value: ether(SEED) });
    await vault.connect(seller).depositETH(seller.address, 0n, { value: ether(50) });
    for (const b of borrowers)
      await vault.connect(b).depositETH(b.address, 0n, { value: ether(40) });
    expect(await vault.lrtRateInEth(), "NAV: 1 ETH per LRT").to.equal(NAV);
    expect(await vault.balanceOf(lp.address), "1 ETH → 1 LRT = 10^21 units").to.equal(lrt(SEED));
    await vault.connect(lp).approve(poolAddress, lrt(SEED));
    await pool
      .connect(lp)
      .addLiquidity([ether(SEED), lrt(SEED)], 0n, lp.address, { value: ether(SEED) });
    await vault.connect(seller).approve(poolAddress, ethers.MaxUint256);

    for (const kind of ORACLE_KINDS) {
      const market = lrtMarkets.markets[kind];
      const marketAddress = await market.getAddress();
      const model = (models[kind] = new MarketModel(lrtMarkets.lltv, await market.lastUpdate()));
      const supplied = await market.connect(supplier).supply(supplier.address, { value: SUPPLY });
      model.supply(supplier.address, SUPPLY, await timestampOf(supplied));
      for (const [n, b] of borrowers.entries()) {
        await vault.connect(b).approve(marketAddress, COLLATERAL);
        await market.connect(b).supplyCollateral(COLLATERAL, b.address);
        model.supplyCollateral(b.address, COLLATERAL);
        const borrowed = await market.connect(b).borrow(DEBTS[n], b.address);
        model.borrow(b.address, DEBTS[n], NAV_PRICE, await timestampOf(borrowed));
      }
    }
    // Morpho's incentive at LLTV 86 %: 1 / (0.3 × 0.86 + 0.7) = 1.0438, the same in every market.
    for (const kind of ORACLE_KINDS) {
      const lif = await lrtMarkets.markets[kind].liquidationIncentiveFactor();
      expect(lif, `${kind}: LIF`).to.equal(liquidationIncentiveFactor(lrtMarkets.lltv));
      expect(fmt(lif), `${kind}: LIF`).to.equal("1.0438");
    }
    // No withdrawals, as ezETH in April 2024: the only exit is the pool.
    await vault.connect(guardian).pause();
    await expect(
      vault.connect(seller).requestRedeem(lrt(1)),
      "no redemptions while the vault is paused",
    ).to.be.revertedWithCustomError(vault, "EnforcedPause");

    // HF = 0.86 / LTV under every oracle: 1.720, 1.229, 1.075, each rounded down against the borrower.
    const table = await loanTable();
    expectStateTable("step 1: every oracle says 1.0", table, await expectedLoanTable());
    expect(table.spot, "spot at NAV").to.deep.equal({
      "price (ETH/LRT)": "1.0000",
      "HF 50 %": "1.719",
      "HF 70 %": "1.228",
      "HF 80 %": "1.074",
    });
    await check("step 1");
  });

  it("2. sellers drain the pool to 10 % ETH (~32 LRT sold): the high A holds the price at 0.976, nobody is liquidatable", async function () {
    const state = await readPoolState(f.lrtMarkets.pool, 21n);
    const after = await sell(saleToEthShare(state, 1000n));
    expect(ethShareBps(after), "10 % ETH").to.equal(1000n);
    expect(fmt(await f.lrtMarkets.pool.spotPrice()), "spot (calibration: 0.9761)").to.equal(
      "0.9761",
    );
    const table = await loanTable();
    expectStateTable("step 2: the price holds", table, await expectedLoanTable());
    // The 80 % loan under the spot oracle: 0.86 × 0.976 / 0.80 = 1.049.
    expect(table.spot["HF 80 %"], "spot, LTV 80 %").to.equal("1.049");
    await check("step 2", "exchange");
  });

  it("3. to 5 % ETH (~4 LRT more): spot 0.911 < 0.930, the 80 % loan is liquidated under the spot oracle only, without bad debt", async function () {
    const state = await readPoolState(f.lrtMarkets.pool, 21n);
    const after = await sell(saleToEthShare(state, 500n));
    expect(ethShareBps(after), "5 % ETH").to.equal(500n);
    // Calibration: 0.9108 at 5.00 %; the sale stops within 0.01 % of ETH share of it.
    expect(fmt(await f.lrtMarkets.pool.spotPrice()), "spot (calibration: 0.9108)").to.equal(
      "0.9111",
    );

    const done = await liquidate("spot", 2, "step 3");
    expect(done.badDebtAssets, "no bad debt: 0.911 > 0.80 × 1.0438").to.equal(0n);
    // Gauntlet's check: the price a liquidation implies is repaid × LIF / seized (5,035 × 1.0438 /
    // 6,236.72 = 0.8427 on Morpho in April 2024); here the spot oracle's price, within rounding.
    const lif = await f.lrtMarkets.markets.spot.liquidationIncentiveFactor();
    const implied = (done.repaidAssets * lif * 10n ** 21n) / WAD / done.seizedAssets;
    expect(fmt(implied), "implied price = the spot oracle's").to.equal("0.9111");
    expect(fmt((ether(5035) * lif) / ether("6236.72")), "Gauntlet's April 2024 average").to.equal(
      "0.8427",
    );
    outcome["LTV 80 %"] = {
      spot: `liquidated at 0.911, seized ${fmt(done.seizedAssets, 3, 21n)} LRT`,
    };

    for (const kind of ["exchangeRate", "capped", "ema"] as const) {
      expect(
        await f.lrtMarkets.markets[kind].isHealthy(f.borrowers[2].address),
        `the 80 % loan is healthy under ${kind}`,
      ).to.be.true;
    }
    expectStateTable("step 3: spot liquidates", await loanTable(), await expectedLoanTable());
    await check("step 3");
  });

  it("4. the selling holds for 30 minutes: the EMA follows to ≈ 0.922 < 0.930, the 80 % loan is liquidated under the EMA oracle too", async function () {
    await networkHelpers.time.increaseTo(ema.lastTime + 30n * MINUTE);
    const emaNow = ema.at(await latestTimestamp());
    expect(await f.lrtMarkets.pool.priceOracle(), "EMA = the replayed EMA").to.equal(emaNow);
    expect(fmt(emaNow, 3), "EMA after 30 minutes").to.equal("0.922");

    const done = await liquidate("ema", 2, "step 4");
    expect(done.badDebtAssets, "no bad debt under the EMA").to.equal(0n);
    outcome["LTV 80 %"].ema = `liquidated at 0.92, seized ${fmt(done.seizedAssets, 2, 21n)} LRT`;
    expectStateTable("step 4: the EMA follows", await loanTable(), await expectedLoanTable());
    await check("step 4");
  });

  it("5. to 2 % ETH (~3 LRT more): the cliff begins, spot 0.63 (the table's 2 % row); the 70 % loan is under water under the spot oracle (liquidatable below 0.814, bad debt below 0.731)", async function () {
    const state = await readPoolState(f.lrtMarkets.pool, 21n);
    const after = await sell(saleToEthShare(state, 200n));
    expect(ethShareBps(after), "2 % ETH").to.equal(200n);
    // Calibration: 0.6265 at 2.00 %; the sale stops within 0.01 % of ETH share of it.
    expect(fmt(await f.lrtMarkets.pool.spotPrice()), "spot (calibration: 0.6265)").to.equal(
      "0.6287",
    );
    expect(
      await f.lrtMarkets.markets.spot.isHealthy(f.borrowers[1].address),
      "the 70 % loan is liquidatable under spot",
    ).to.be.false;
    expect(
      await f.lrtMarkets.markets.spot.isHealthy(f.borrowers[0].address),
      "the 50 % loan is still healthy (0.63 > 0.581)",
    ).to.be.true;
    expectStateTable("step 5: the cliff begins", await loanTable(), await expectedLoanTable());
    await check("step 5", "exchange");
  });

  it("6. the cliff: ~2 LRT more take the pool to 1 % ETH and the price to 0.30; under the spot oracle the 50 % and 70 % loans leave bad debt", async function () {
    const { lrtMarkets, supplier } = f;
    const state = await readPoolState(lrtMarkets.pool, 21n);
    const after = await sell(saleToEthShare(state, 100n));
    expect(ethShareBps(after), "1 % ETH").to.equal(100n);
    expect(fmt(await lrtMarkets.pool.spotPrice(), 2), "spot (calibration: 0.3049)").to.equal(
      "0.30",
    );

    const market = lrtMarkets.markets.spot;
    const suppliedBefore = await market.totalSupplyAssets();
    let written = 0n;
    for (const n of [0, 1]) {
      const done = await liquidate("spot", n, "step 6");
      expect(done.seizedAssets, "all the collateral is seized").to.equal(COLLATERAL);
      expect(done.badDebtAssets > 0n, "the fall outran the incentive: bad debt").to.be.true;
      await expect(done.receipt, "written off visibly")
        .to.emit(market, "BadDebtWrittenOff")
        .withArgs(f.borrowers[n].address, done.badDebtAssets, done.badDebtShares);
      written += done.badDebtAssets;
      outcome[`LTV ${LTV_LABELS[n]}`] = { spot: `bad debt ${fmt(done.badDebtAssets, 3)} ETH` };
    }
    // 10 LRT × 0.30 / 1.0438 ≈ 2.9 ETH repaid per loan: 5 − 2.9 and 7 − 2.9 are written off.
    expect(fmt(written, 1), "bad debt written off in the spot market").to.equal("6.0");
    const interest = (await market.totalSupplyAssets()) + written - suppliedBefore;
    expect(
      interest >= 0n && interest < ether("0.001"),
      "suppliers lose the bad debt (less a few seconds of interest)",
    ).to.be.true;
    expect(
      await market.supplyAssetsOf(supplier.address),
      "the supplier's claim fell",
    ).to.be.lessThan(SUPPLY - ether(6));
    expect(
      await lrtMarkets.markets.ema.isHealthy(f.borrowers[1].address),
      "the EMA has not followed yet",
    ).to.be.true;
    expectStateTable("step 6: the cliff", await loanTable(), await expectedLoanTable());
    await check("step 6", "exchange");
  });

  it("7. an hour later the EMA is ≈ 0.31: the same loans leave bad debt under the EMA oracle; none is ever liquidatable under the exchange-rate or CAPO oracles", async function () {
    await networkHelpers.time.increaseTo(ema.lastTime + 60n * MINUTE);
    expect(fmt(ema.at(await latestTimestamp()), 2), "EMA").to.equal("0.31");
    for (const n of [0, 1]) {
      const done = await liquidate("ema", n, "step 7");
      expect(done.badDebtAssets > 0n, "bad debt under the EMA").to.be.true;
      outcome[`LTV ${LTV_LABELS[n]}`].ema = `bad debt ${fmt(done.badDebtAssets, 2)} ETH`;
    }
    for (const kind of ["exchangeRate", "capped"] as const) {
      for (const [n, b] of f.borrowers.entries()) {
        const market = f.lrtMarkets.markets[kind];
        expect(await market.isHealthy(b.address), `${kind}: loan ${LTV_LABELS[n]} healthy`).to.be
          .true;
        outcome[`LTV ${LTV_LABELS[n]}`][kind] = "safe";
      }
    }
    expectStateTable(
      "step 7: the EMA follows the cliff",
      await loanTable(),
      await expectedLoanTable(),
    );
    await check("step 7");
  });

  it("8. side by side: who was liquidated under which oracle (the NAV never fell: 1.0)", async function () {
    expect(await f.lrtMarkets.rateProvider.getRate(), "NAV unchanged").to.equal(NAV);
    const ordered: Record<string, Record<string, string>> = {};
    for (const label of LTV_LABELS) {
      const row = outcome[`LTV ${label}`];
      ordered[`LTV ${label}`] = {
        exchangeRate: row.exchangeRate,
        capped: row.capped,
        spot: row.spot,
        ema: row.ema,
      };
    }
    // Spot: liquidated at the spot of the sale that crossed the line; EMA: 30 minutes and an hour
    // later, at a slightly different price (EMA figures to 2 decimals: they move ~1e-4 a second).
    expectStateTable("step 8: liquidated under which oracle", ordered, {
      "LTV 50 %": {
        exchangeRate: "safe",
        capped: "safe",
        spot: "bad debt 2.040 ETH",
        ema: "bad debt 1.95 ETH",
      },
      "LTV 70 %": {
        exchangeRate: "safe",
        capped: "safe",
        spot: "bad debt 4.040 ETH",
        ema: "bad debt 3.95 ETH",
      },
      "LTV 80 %": {
        exchangeRate: "safe",
        capped: "safe",
        spot: "liquidated at 0.911, seized 9.165 LRT",
        ema: "liquidated at 0.92, seized 9.05 LRT",
      },
    });
    await check("step 8");
  });
});

const LTV_LABELS = ["50 %", "70 %", "80 %"];
