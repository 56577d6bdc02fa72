/**
 * Scenario 5 of the market layer (docs/market.md), the stETH depeg of June 2022 in its shape, at 1/1000 of its size.
 *
 * Mid-June 2022 the Curve stETH/ETH pool held ~111,300 ETH against ~491,000 stETH (18.5 % / 81.5 %)
 * and stETH traded at ~0.93–0.94 ETH; Lido had no withdrawals until Shapella (April 2023), so no one
 * could turn stETH into ETH at its NAV and the discount persisted (press reports of Kaiko and
 * Nansen data, June 2022; see docs/market.md). The pool's A is not stated in the sources: A = 50
 * reproduces the observed prices (0.9465 at 20 % ETH vs 0.9474 observed on 10 June; 0.9375 at
 * 18.5 %), the calibration table in docs/market.md.
 *
 * Here: a balanced ETH/LST pool of 301.15 + 301.15 (602.3 = 111.3 + 491) is sold into until it holds
 * 18.5 % ETH. "Withdrawals closed" is the DepositPool paused by its guardian: `requestWithdrawal`
 * reverts, as a Lido withdrawal did not exist before Shapella. (The other way to close them, a
 * queue that never finalises, would still give a request a claim on the NAV that the market would
 * price as a bond; pre-Shapella stETH had no claim at all. Pausing also stops deposits, which
 * changes nothing here: no one deposits at the NAV while the market sells below it.) Then the
 * pause is lifted (Shapella): an arbitrageur buys at the discount, queues a withdrawal in the real
 * queue, is finalised at the next oracle report and claims the NAV. Profit per ETH spent at price p
 * (NAV units) with fee f: ≈ (1 − f)/p − 1 (research §4), here 6.6 %.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketFixtures, type MarketFixture } from "../helpers/fixtures/market.js";
import { DAY, ether, submitOracleReport } from "../helpers/index.js";
import {
  checkMarketInvariants,
  ethShareBps,
  expectStateTable,
  fmt,
  purchaseToSpot,
  readPoolState,
  relativeWad,
  saleToEthShare,
  type CheckedToken,
} from "../helpers/market-scenario.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import {
  FEE_DENOMINATOR,
  dynamicFee,
  exchange,
  movingAverage,
  spotPrice,
  xpOf,
  type PoolState,
} from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { deployMarketFixture } = marketFixtures(connection);

const WAD = 10n ** 18n;
/** Each side of the balanced pool: 602.3 / 2, mid-June's 111.3 + 491 at 1/1000 (thousand ETH). */
const SEED = ether("301.15");
/** What the seller holds (it sells ~193 of it; the rest shows it cannot redeem). */
const SELLER_LST = ether(250);
/** June 2022: 18.5 % ETH. */
const TARGET_SHARE_BPS = 1850n;
/** Calibration (research §1.12, A = 50): 0.9375 of NAV at 18.5 % ETH. */
const CALIBRATED_PRICE = ether("0.9375");
/** How far the pool may sit from the table's float figure (it lands within 0.01 % ETH share of 18.5 %). */
const CALIBRATION_MARGIN = ether("0.001");
/** The arbitrageur's purchase: 1 ETH, small enough that its own price impact is second order. */
const ARBITRAGE_ETH = ether(1);

describe("Scenario: an LST run with withdrawals closed, then arbitrage through the withdrawal queue (June 2022)", function () {
  let f: MarketFixture;
  let tokens: CheckedToken[];
  let users: string[];
  let snapshots: (PoolSnapshot | undefined)[] = [];
  let spotAfterRun: bigint;
  let lastPriceAfterRun: bigint;
  let boughtLst: bigint;
  let valueAtRequest: bigint;
  let stateBeforeArbitrage: PoolState;
  let requestId: bigint;
  let stepTwoRow: Record<string, string>;

  async function check(step: string, kind: "exchange" | "other" = "other") {
    snapshots = await checkMarketInvariants(tokens, snapshots, users, f.liquidator, step, kind);
  }

  async function poolTable() {
    const { pool } = f.lstMarkets;
    const state = await readPoolState(pool, 18n);
    return {
      pool: {
        ETH: fmt(state.balances[0], 2),
        LST: fmt(state.balances[1], 2),
        "ETH share %": fmt(ethShareBps(state), 2, 2n),
        "spot (NAV units)": fmt(await pool.spotPrice()),
        "EMA (NAV units)": fmt(await pool.priceOracle()),
        "NAV (ETH/LST)": fmt(await f.pool.getExchangeRate()),
      },
    };
  }

  async function queueTable() {
    const { pool: depositPool, lst, arbitrageur } = f;
    return {
      queue: {
        "unfinalized ETH": fmt(await depositPool.unfinalizedEther()),
        "last finalised id": (await depositPool.lastFinalizedRequestId()).toString(),
        "arbitrageur LST": fmt(await lst.balanceOf(arbitrageur.address)),
      },
    };
  }

  before(async function () {
    f = await networkHelpers.loadFixture(deployMarketFixture);
    tokens = [
      { markets: f.lstMarkets, token: f.lst },
      { markets: f.lrtMarkets, token: f.vault },
    ];
    users = [f.lp, f.seller, f.arbitrageur, ...f.borrowers].map((w) => w.address);
  });

  it("1. an LP seeds the ETH/LST pool with 301.15 ETH + 301.15 LST at NAV 1.0: spot 1.0000", async function () {
    const { pool: depositPool, lst, lp, seller, lstMarkets } = f;
    const poolAddress = await lstMarkets.pool.getAddress();
    await depositPool.connect(lp).deposit({ value: SEED });
    await depositPool.connect(seller).deposit({ value: SELLER_LST });
    await lst.connect(lp).approve(poolAddress, SEED);
    await lstMarkets.pool.connect(lp).addLiquidity([SEED, SEED], 0n, lp.address, { value: SEED });

    expect(await depositPool.getExchangeRate(), "NAV: 1 ETH per LST").to.equal(WAD);
    expect(await lstMarkets.pool.spotPrice(), "balanced at NAV").to.equal(WAD);
    expectStateTable("step 1: a balanced pool", await poolTable(), {
      pool: {
        ETH: "301.15",
        LST: "301.15",
        "ETH share %": "50.00",
        "spot (NAV units)": "1.0000",
        "EMA (NAV units)": "1.0000",
        "NAV (ETH/LST)": "1.0000",
      },
    });
    await check("step 1");
  });

  it("2. withdrawals closed (the pool paused); a holder needing ETH sells ~193 LST: 18.5 % ETH, spot 0.9375 of NAV", async function () {
    const { pool: depositPool, guardian, lst, seller, lstMarkets } = f;
    const { pool } = lstMarkets;
    await depositPool.connect(guardian).pause();

    const before = await readPoolState(pool, 18n);
    const sold = saleToEthShare(before, TARGET_SHARE_BPS);
    const expected = exchange(before, 1, sold);
    await lst.connect(seller).approve(await pool.getAddress(), sold);
    await pool.connect(seller).exchange(1n, 0n, sold, expected.dy, seller.address);

    const after = await readPoolState(pool, 18n);
    spotAfterRun = await pool.spotPrice();
    expect(after.balances, "balances as the reference model's exchange").to.deep.equal(
      expected.balances,
    );
    expect(spotAfterRun, "spot = the reference model's price, to the wei").to.equal(
      spotPrice(after),
    );
    // ng stores the price at the trade's pre-fee point (the fee left in the pool moves it by 0.00004).
    lastPriceAfterRun = await pool.lastPrice();
    expect(lastPriceAfterRun, "lastPrice = the reference model's post-trade price").to.equal(
      expected.price,
    );
    expect(ethShareBps(after), "sold down to 18.5 % ETH").to.equal(TARGET_SHARE_BPS);
    const off =
      spotAfterRun > CALIBRATED_PRICE
        ? spotAfterRun - CALIBRATED_PRICE
        : CALIBRATED_PRICE - spotAfterRun;
    expect(off <= CALIBRATION_MARGIN, `spot ${fmt(spotAfterRun)} ≈ 0.9375 (calibration, A = 50)`).to
      .be.true;
    // ~193 LST sold for ~189 ETH: the pool now holds ~112 ETH against ~494 LST (June: 111.3 vs 491).
    expect(sold / WAD, "LST sold (whole tokens)").to.equal(192n);
    stepTwoRow = {
      ETH: "112.20",
      LST: "493.97",
      "ETH share %": "18.50",
      "spot (NAV units)": "0.9375",
      "EMA (NAV units)": "1.0000",
      "NAV (ETH/LST)": "1.0000",
    };
    expectStateTable("step 2: sold into, withdrawals closed", await poolTable(), {
      pool: stepTwoRow,
    });
    await check("step 2", "exchange");
  });

  it("3. a week later the discount persists: the seller cannot redeem (EnforcedPause), the EMA has reached 0.9375", async function () {
    const { pool: depositPool, lst, seller, lstMarkets } = f;
    await networkHelpers.time.increase(7n * DAY);
    const left = await lst.balanceOf(seller.address);
    await lst.connect(seller).approve(await depositPool.getAddress(), left);
    await expect(
      depositPool.connect(seller).requestWithdrawal(left),
      "no withdrawals before Shapella",
    ).to.be.revertedWithCustomError(depositPool, "EnforcedPause");

    expect(await lstMarkets.pool.spotPrice(), "no trade, no change: the discount stays").to.equal(
      spotAfterRun,
    );
    // After a week (698 τ), α = exp(−698) is 0: the EMA is the last price, the discount priced in.
    const ema = movingAverage(lastPriceAfterRun, WAD, 7n * DAY, 866n);
    expect(await lstMarkets.pool.priceOracle(), "EMA after 698 τ, computed here").to.equal(ema);
    expect(ema, "EMA = the last price").to.equal(lastPriceAfterRun);
    expect(fmt(ema), "EMA").to.equal("0.9375");
    expectStateTable("step 3: a week later", await poolTable(), {
      pool: { ...stepTwoRow, "EMA (NAV units)": "0.9375" },
    });
    await check("step 3");
  });

  it("4. withdrawals open (Shapella): an arbitrageur buys LST for 1 ETH at the discount: 1.0654 LST", async function () {
    const { pool: depositPool, guardian, arbitrageur, lst, lstMarkets } = f;
    const { pool } = lstMarkets;
    await depositPool.connect(guardian).unpause();
    stateBeforeArbitrage = await readPoolState(pool, 18n);
    const expected = exchange(stateBeforeArbitrage, 0, ARBITRAGE_ETH);
    await pool
      .connect(arbitrageur)
      .exchange(0n, 1n, ARBITRAGE_ETH, expected.dy, arbitrageur.address, { value: ARBITRAGE_ETH });
    boughtLst = await lst.balanceOf(arbitrageur.address);
    expect(boughtLst, "LST bought = the reference model's exchange, to the wei").to.equal(
      expected.dy,
    );
    // 1 ETH at 0.9375 less ~0.05 % fee: 1.0661 LST; its own impact takes ~0.0004 of it.
    expect(fmt(boughtLst), "LST bought").to.equal("1.0654");
    // One purchase of 1 ETH barely moves a 112-ETH side: 18.50 % → 18.67 %, spot 0.9375 → 0.9386.
    expectStateTable("step 4: the arbitrageur bought", await poolTable(), {
      pool: {
        ...stepTwoRow,
        ETH: "113.20",
        LST: "492.90",
        "ETH share %": "18.67",
        "spot (NAV units)": fmt(
          spotPrice({ ...stateBeforeArbitrage, balances: expected.balances }),
        ),
        "EMA (NAV units)": "0.9375",
      },
    });
    await check("step 4", "exchange");
  });

  it("5. it queues the LST in the real withdrawal queue: the request is worth its NAV, 1.0654 ETH", async function () {
    const { pool: depositPool, arbitrageur, lst } = f;
    await lst.connect(arbitrageur).approve(await depositPool.getAddress(), boughtLst);
    await depositPool.connect(arbitrageur).requestWithdrawal(boughtLst);
    requestId = await depositPool.lastRequestId();
    const request = await depositPool.getWithdrawalRequest(requestId);
    expect(request.owner, "the arbitrageur's request").to.equal(arbitrageur.address);
    valueAtRequest = (boughtLst * (await depositPool.getExchangeRate())) / WAD;
    expect(await depositPool.unfinalizedEther(), "value at request = LST × NAV").to.equal(
      valueAtRequest,
    );
    expect(fmt(valueAtRequest), "worth at NAV").to.equal("1.0654");
    expectStateTable("step 5: the queue", await queueTable(), {
      queue: { "unfinalized ETH": "1.0654", "last finalised id": "0", "arbitrageur LST": "0.0000" },
    });
    await check("step 5");
  });

  it("6. the next oracle report finalises it; the arbitrageur claims the NAV: profit ≈ (1 − f)/p − 1 = 6.6 %", async function () {
    const { pool: depositPool, simulator, oracle, arbitrageur } = f;
    await networkHelpers.time.increase(DAY);
    await submitOracleReport(depositPool, simulator, oracle);
    expect(await depositPool.lastFinalizedRequestId(), "finalised").to.equal(requestId);

    // The claim pays min(value at request, value at finalisation): the NAV did not move, so the former.
    const paid = valueAtRequest;
    await expect(
      depositPool.connect(arbitrageur).claimWithdrawal(requestId),
      "the arbitrageur is paid the NAV",
    ).to.changeEtherBalance(connection.ethers, arbitrageur, paid);

    // Independent computation: a marginal trade at the price and the fee before step 4.
    const profit = relativeWad(paid, ARBITRAGE_ETH);
    const marginal = marginalArbitrageProfit(spotAfterRun, stateBeforeArbitrage);
    expect(profit <= marginal, "the trade's own price impact only lowers the profit").to.be.true;
    expect(
      marginal - profit <= ether("0.001"),
      `profit ${fmt(profit, 5)} within 0.1 % of (1 − f)/p − 1 = ${fmt(marginal, 5)}`,
    ).to.be.true;
    expect(fmt(profit, 4), "profit on 1 ETH").to.equal("0.0654");
    expect(fmt(marginal, 4), "(1 − f)/p − 1").to.equal("0.0660");
    expectStateTable("step 6: finalised and claimed", await queueTable(), {
      queue: {
        "unfinalized ETH": "0.0000",
        "last finalised id": requestId.toString(),
        "arbitrageur LST": "0.0000",
      },
    });
    await check("step 6");
  });

  it("7. arbitrage continues while the queue pays NAV: buying ~180 ETH of LST (2.04 % below NAV on average) brings the pool back to 0.999 of NAV (within the fee); the discount is gone", async function () {
    const { arbitrageur, lstMarkets } = f;
    const { pool } = lstMarkets;
    const state = await readPoolState(pool, 18n);
    const target = ether("0.999");
    const spent = purchaseToSpot(state, target);
    const expected = exchange(state, 0, spent);
    await pool
      .connect(arbitrageur)
      .exchange(0n, 1n, spent, expected.dy, arbitrageur.address, { value: spent });
    const spot = await pool.spotPrice();
    expect(spot >= target, `spot ${fmt(spot)} ≥ 0.999`).to.be.true;
    // The whole purchase still earns: it bought LST below NAV on average.
    const profit = relativeWad(expected.dy, spent);
    expect(fmt(spent, 0), "ETH spent").to.equal("180");
    expect(fmt(profit * 100n, 2), "average profit % at NAV").to.equal("2.04");
    expectStateTable("step 7: the discount closed", await poolTable(), {
      pool: {
        ETH: fmt(expected.balances[0], 2),
        LST: fmt(expected.balances[1], 2),
        "ETH share %": fmt(ethShareBps({ ...state, balances: expected.balances }), 2, 2n),
        "spot (NAV units)": "0.9990",
        "EMA (NAV units)": fmt(await pool.priceOracle()),
        "NAV (ETH/LST)": "1.0000",
      },
    });
    await check("step 7", "exchange");
  });
});

/** (1 − f)/p − 1 (WAD) with p the spot price and f the dynamic fee of a marginal trade. */
function marginalArbitrageProfit(price: bigint, state: PoolState): bigint {
  const [x0, x1] = xpOf(state);
  const f = dynamicFee(x0, x1, state.fee, state.offpeg);
  return ((FEE_DENOMINATOR - f) * WAD * WAD) / FEE_DENOMINATOR / price - WAD;
}
