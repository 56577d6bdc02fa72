/**
 * DESIGN §9 scenario 10, the oracle lag of an EMA.
 *
 * The pool's `priceOracle` is stableswap-ng's exponential moving average: once per block it folds in
 * the price the *previous* action left, with weight 1 − exp(−Δt/τ) (τ = 866 s, a 10-minute
 * half-life). So a price pushed for one block barely moves it (12 s: 1.38 % of the gap), and a price
 * held moves it by half the gap every 10 minutes. Morpho-style loans priced by the EMA are therefore
 * safe from a one-block spike that liquidates a spot-priced loan, and are liquidated about one
 * half-life later when the fall is real.
 *
 * Blocks are 12 s apart (set explicitly), so every figure is exact: the EMA is replayed here with the
 * reference model's own exp (`EmaModel`), not solady's, and compared to the wei.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketFixtures, type MarketFixture } from "../helpers/fixtures/market.js";
import { ether } from "../helpers/index.js";
import {
  EmaModel,
  checkMarketInvariants,
  expectStateTable,
  fmt,
  readPoolState,
  saleToEthShare,
  type CheckedToken,
} from "../helpers/market-scenario.js";
import { priceFromPool } from "../helpers/morpho-reference.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import { exchange, spotPrice } from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { deployMarketFixture } = marketFixtures(connection);

const WAD = 10n ** 18n;
const SEED = ether(500);
/** 10 LST posted, 9 ETH borrowed in the spot and the EMA markets: LTV 90 %, liquidatable below 0.9524. */
const COLLATERAL = ether(10);
const DEBT = ether(9);
const BLOCK = 12n;
/** Half-life of τ = 866 s: 866 × ln 2 = 600.3 s; the dump is held for whole 10-minute periods. */
const TEN_MINUTES = 600n;

describe("Scenario: an EMA oracle ignores a one-block spike and follows a sustained dump within a few half-lives", function () {
  let f: MarketFixture;
  let tokens: CheckedToken[];
  let users: string[];
  let snapshots: (PoolSnapshot | undefined)[] = [];
  const ema = new EmaModel(866n);
  let now: bigint;

  async function check(step: string, kind: "exchange" | "other" = "other") {
    snapshots = await checkMarketInvariants(tokens, snapshots, users, f.liquidator, step, kind);
  }

  /** Sends the next transaction 12 s after the last block (or `seconds` later). */
  async function nextBlock(seconds = BLOCK) {
    now += seconds;
    await networkHelpers.time.setNextBlockTimestamp(now);
  }

  /** Trades `dx` of coin `i` as `who` at the next 12-s block, checked against the reference. */
  async function trade(i: 0 | 1, dx: bigint, who = f.seller) {
    const { pool } = f.lstMarkets;
    const expected = exchange(await readPoolState(pool, 18n), i, dx);
    await nextBlock();
    await pool.connect(who).exchange(BigInt(i), BigInt(1 - i), dx, expected.dy, who.address, {
      value: i === 0 ? dx : 0n,
    });
    ema.upkeep(expected.price, now);
    return expected;
  }

  async function priceTable() {
    const { pool, oracles, markets } = f.lstMarkets;
    const b = f.borrowers[0].address;
    return {
      spot: {
        "price (NAV units)": fmt(await pool.spotPrice()),
        "oracle (ETH/LST)": fmt(await oracles.spot.price(), 4, 36n),
        healthy: String(await markets.spot.isHealthy(b)),
      },
      ema: {
        "price (NAV units)": fmt(await pool.priceOracle()),
        "oracle (ETH/LST)": fmt(await oracles.ema.price(), 4, 36n),
        healthy: String(await markets.ema.isHealthy(b)),
      },
    };
  }

  function expectedTable(spot: bigint, emaPrice: bigint) {
    // HF ≥ 1 iff 10 × price × 0.945 ≥ 9: price ≥ 0.95238.
    const healthy = (p: bigint) => String((COLLATERAL * p * 945n) / 1000n / WAD >= DEBT);
    return {
      spot: {
        "price (NAV units)": fmt(spot),
        "oracle (ETH/LST)": fmt(priceFromPool(spot, WAD, 18), 4, 36n),
        healthy: healthy(spot),
      },
      ema: {
        "price (NAV units)": fmt(emaPrice),
        "oracle (ETH/LST)": fmt(priceFromPool(emaPrice, WAD, 18), 4, 36n),
        healthy: healthy(emaPrice),
      },
    };
  }

  before(async function () {
    f = await networkHelpers.loadFixture(deployMarketFixture);
    tokens = [
      { markets: f.lstMarkets, token: f.lst },
      { markets: f.lrtMarkets, token: f.vault },
    ];
    users = [f.lp, f.seller, f.supplier, f.arbitrageur, ...f.borrowers].map((w) => w.address);
  });

  it("1. a balanced pool of 500 + 500; a loan of 9 ETH on 10 LST in the spot and the EMA markets (HF 1.05)", async function () {
    const { pool: depositPool, lst, lp, seller, supplier, lstMarkets } = f;
    const borrower = f.borrowers[0];
    const poolAddress = await lstMarkets.pool.getAddress();
    for (const who of [lp, seller, borrower]) {
      await depositPool.connect(who).deposit({ value: SEED });
    }
    await lst.connect(lp).approve(poolAddress, SEED);
    await depositPool.connect(seller).deposit({ value: SEED });
    await lst.connect(seller).approve(poolAddress, connection.ethers.MaxUint256);
    await lstMarkets.pool.connect(lp).addLiquidity([SEED, SEED], 0n, lp.address, { value: SEED });
    for (const kind of ["spot", "ema"] as const) {
      const market = lstMarkets.markets[kind];
      await market.connect(supplier).supply(supplier.address, { value: ether(100) });
      await lst.connect(borrower).approve(await market.getAddress(), COLLATERAL);
      await market.connect(borrower).supplyCollateral(COLLATERAL, borrower.address);
      await market.connect(borrower).borrow(DEBT, borrower.address);
    }
    now = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);
    expectStateTable("step 1: at peg", await priceTable(), expectedTable(WAD, WAD));
    expect(fmt(await lstMarkets.markets.ema.healthFactor(borrower.address), 3), "HF").to.equal(
      "1.050",
    );
    await check("step 1");
  });

  it("2. one block: ~304 LST dumped to 20 % ETH, spot 0.9465 < 0.9524: the spot-priced loan is liquidatable, the EMA has not moved (1.0000)", async function () {
    const { lstMarkets } = f;
    const state = await readPoolState(lstMarkets.pool, 18n);
    const dumped = saleToEthShare(state, 2000n);
    await trade(1, dumped);
    const spot = await lstMarkets.pool.spotPrice();
    expect(spot, "spot = reference").to.equal(spotPrice(await readPoolState(lstMarkets.pool, 18n)));
    expect(fmt(spot), "spot (calibration, A = 50, 20 % ETH: 0.9465)").to.equal("0.9465");
    expect(await lstMarkets.pool.priceOracle(), "the EMA ignores the block's own price").to.equal(
      WAD,
    );
    expect(await lstMarkets.oracles.ema.price(), "EmaPriceOracle unchanged").to.equal(
      priceFromPool(WAD, WAD, 18),
    );
    expect(fmt(dumped, 0), "LST dumped").to.equal("304");
    expectStateTable("step 2: the spike's block", await priceTable(), expectedTable(spot, WAD));
    await check("step 2", "exchange");
  });

  it("3. the next block an arbitrageur buys it back: spot ≈ 1 again; the EMA took in 12 s of the spike, 1 − exp(−12/866) = 1.38 % of the gap", async function () {
    const { lstMarkets, arbitrageur } = f;
    const spike = ema.lastPrice;
    const state = await readPoolState(lstMarkets.pool, 18n);
    // Buy back with the ETH the dump took out: the balances return close to 500 + 500.
    await trade(0, SEED - state.balances[0], arbitrageur);
    const emaNow = ema.at(now);
    expect(await lstMarkets.pool.priceOracle(), "EMA = replayed, to the wei").to.equal(emaNow);
    // The EMA moved by (1 − 0.9465) × 1.376 % = 0.074 %.
    const moved = WAD - emaNow;
    const expectedMove = ((WAD - spike) * 1376n) / 100_000n;
    expect(
      moved > (expectedMove * 999n) / 1000n && moved < (expectedMove * 1001n) / 1000n,
      `the EMA moved by 1.376 % of the gap: ${fmt(moved, 6)} vs ${fmt(expectedMove, 6)}`,
    ).to.be.true;
    expect(fmt(emaNow), "EMA after the spike").to.equal("0.9992");
    expectStateTable(
      "step 3: the spike is gone",
      await priceTable(),
      expectedTable(spotPrice(await readPoolState(lstMarkets.pool, 18n)), emaNow),
    );
    await check("step 3", "exchange");
  });

  it("4. a sustained dump to 0.901 held for 40 minutes: every 10 minutes the EMA halves its gap to the spot (0.950, 0.926, 0.913, 0.907); the EMA-priced loan is liquidatable after the first 10", async function () {
    const { lstMarkets, borrowers } = f;
    const state = await readPoolState(lstMarkets.pool, 18n);
    await trade(1, saleToEthShare(state, 1450n));
    const spot = spotPrice(await readPoolState(lstMarkets.pool, 18n));
    expect(fmt(spot, 3), "spot (A = 50 at 14.5 % ETH)").to.equal("0.901");
    const startGap = ema.at(now) - ema.lastPrice;
    const rows: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    let liquidatableAfter = 0;
    for (let k = 1; k <= 4; k++) {
      await networkHelpers.time.increaseTo((now += TEN_MINUTES));
      const emaNow = ema.at(now);
      expect(await lstMarkets.pool.priceOracle(), `EMA after ${k * 10} min, to the wei`).to.equal(
        emaNow,
      );
      // A 600-s period is 0.99950 half-lives: the gap is 2^−k of the start, within 0.05 % × k.
      const gap = emaNow - ema.lastPrice;
      const halved = startGap >> BigInt(k);
      expect(
        gap >= halved && gap - halved <= (halved * 5n * BigInt(k)) / 10_000n,
        `gap after ${k} half-lives`,
      ).to.be.true;
      if (
        liquidatableAfter === 0 &&
        !(await lstMarkets.markets.ema.isHealthy(borrowers[0].address))
      )
        liquidatableAfter = k;
      rows[`+${k * 10} min`] = {
        spot: fmt(await lstMarkets.pool.spotPrice()),
        EMA: fmt(await lstMarkets.pool.priceOracle()),
      };
      expected[`+${k * 10} min`] = { spot: fmt(spot), EMA: fmt(emaNow) };
    }
    expectStateTable("step 4: the EMA follows", rows, expected);
    expect(rows["+10 min"].EMA, "after one half-life").to.equal("0.9502");
    expect(rows["+40 min"].EMA, "after four").to.equal("0.9073");
    expect(liquidatableAfter, "the EMA-priced loan is liquidatable after one half-life").to.equal(
      1,
    );
    await check("step 4");
  });
});
