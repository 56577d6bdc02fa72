/**
 * DESIGN §9 scenario 9, the LST leverage loop: stake ETH, post the LST, borrow ETH, stake it, post it,
 * repeat. With 10 ETH and 12 rounds at 94 % of the collateral's value (LLTV 94.5 %, Morpho's
 * wstETH/WETH), the position holds 92.1 LST against 82.1 ETH of debt: 9.2× the staking yield, less
 * 8.2× the borrow rate. A year of consensus rewards shows the multiplication. Then a run a little
 * deeper than June 2022's takes the pool to 16 % ETH (0.9176 of NAV): the loop priced by the pool's
 * spot is liquidated (a year of yield lifted its health factor to ~1.075: June's 6.25 % discount
 * would not break it, 8.25 % does) and loses most of its equity; the same loop priced by the
 * exchange rate does not notice, because the NAV did not fall.
 *
 * Two identical loopers (`ScenarioLeverageLooper`, one transaction each, as DeFi Saver's recipes),
 * one in the exchange-rate market, one in the spot market. The loop is replayed here with the Morpho
 * reference model; the yield figures are computed from the NAV and the debt the model accrues.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketFixtures, type MarketFixture } from "../helpers/fixtures/market.js";
import { SECONDS_PER_YEAR, ether, submitOracleReport } from "../helpers/index.js";
import { liquidateAndCheck } from "../helpers/lending-invariants.js";
import {
  checkMarketInvariants,
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
  priceFromPool,
  toAssetsUp,
} from "../helpers/morpho-reference.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import { exchange, spotPrice } from "../helpers/stableswap-reference.js";
import type { ScenarioLeverageLooper } from "../../types/ethers-contracts/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployMarketFixture } = marketFixtures(connection);

const WAD = 10n ** 18n;
const EQUITY = ether(10);
const ROUNDS = 12n;
const LOOP_LTV = ether("0.94");
const SEED = ether(200);
const SUPPLY = ether(1000);
const LOOPS = ["exchangeRate", "spot"] as const;
type Loop = (typeof LOOPS)[number];

describe("Scenario: a leverage loop (stake, borrow, stake again) multiplies the yield; a depeg unwinds it under a market-priced oracle only", function () {
  let f: MarketFixture;
  let tokens: CheckedToken[];
  let users: string[];
  let snapshots: (PoolSnapshot | undefined)[] = [];
  const loopers = {} as Record<Loop, ScenarioLeverageLooper>;
  const models = {} as Record<Loop, MarketModel>;
  let collateral = 0n;
  let debtAtStart = 0n;
  let nav = WAD;

  async function check(step: string, kind: "exchange" | "other" = "other") {
    snapshots = await checkMarketInvariants(tokens, snapshots, users, f.liquidator, step, kind);
  }

  const timestampOf = (tx: { wait(): Promise<unknown> }) => minedAt(ethers.provider, tx);

  const latest = async () => BigInt(await networkHelpers.time.latest());

  /** Collateral, debt, equity at NAV and HF of each loop, from the chain. */
  async function loopTable() {
    const table: Record<string, Record<string, string>> = {};
    for (const kind of LOOPS) {
      const market = f.lstMarkets.markets[kind];
      const who = await loopers[kind].getAddress();
      const posted = await market.collateral(who);
      const debt = await market.borrowAssetsOf(who);
      table[kind] = {
        "collateral (LST)": fmt(posted, 3),
        "debt (ETH)": fmt(debt, 3),
        "equity at NAV (ETH)": fmt((posted * nav) / WAD - debt, 3),
        HF: debt === 0n ? "none" : fmt(await market.healthFactor(who), 3),
      };
    }
    return table;
  }

  /** The same from the Morpho model at the prices computed here. */
  async function expectedLoopTable(prices: Record<Loop, bigint>) {
    const table: Record<string, Record<string, string>> = {};
    const now = await latest();
    for (const kind of LOOPS) {
      const model = models[kind].clone();
      model.accrue(now);
      const who = await loopers[kind].getAddress();
      const p = model.position(who);
      const debt = toAssetsUp(p.borrowShares, model.totalBorrowAssets, model.totalBorrowShares);
      table[kind] = {
        "collateral (LST)": fmt(p.collateral, 3),
        "debt (ETH)": fmt(debt, 3),
        "equity at NAV (ETH)": fmt((p.collateral * nav) / WAD - debt, 3),
        HF: debt === 0n ? "none" : fmt(model.healthFactor(who, prices[kind]), 3),
      };
    }
    return table;
  }

  before(async function () {
    f = await networkHelpers.loadFixture(deployMarketFixture);
    tokens = [
      { markets: f.lstMarkets, token: f.lst },
      { markets: f.lrtMarkets, token: f.vault },
    ];
    const factory = await ethers.getContractFactory("ScenarioLeverageLooper");
    for (const kind of LOOPS) {
      loopers[kind] = await factory
        .connect(f.borrowers[0])
        .deploy(await f.pool.getAddress(), await f.lstMarkets.markets[kind].getAddress());
    }
    users = [f.lp, f.seller, f.supplier, f.arbitrageur].map((w) => w.address);
    for (const kind of LOOPS) users.push(await loopers[kind].getAddress());
  });

  it("1. a 200 + 200 pool, 1,000 ETH lent in each market; each looper turns 10 ETH into 92.1 LST against 82.1 ETH of debt in one transaction (9.2×, HF 1.060)", async function () {
    const { pool: depositPool, lst, lp, seller, supplier, lstMarkets } = f;
    const poolAddress = await lstMarkets.pool.getAddress();
    await depositPool.connect(lp).deposit({ value: SEED });
    await depositPool.connect(seller).deposit({ value: ether(300) });
    await lst.connect(lp).approve(poolAddress, SEED);
    await lst.connect(seller).approve(poolAddress, ethers.MaxUint256);
    await lstMarkets.pool.connect(lp).addLiquidity([SEED, SEED], 0n, lp.address, { value: SEED });
    expect(await depositPool.getExchangeRate(), "NAV 1.0: 1 LST per ETH staked").to.equal(WAD);

    for (const kind of LOOPS) {
      const market = lstMarkets.markets[kind];
      const model = (models[kind] = new MarketModel(lstMarkets.lltv, await market.lastUpdate()));
      model.supply(
        supplier.address,
        SUPPLY,
        await timestampOf(
          await market.connect(supplier).supply(supplier.address, { value: SUPPLY }),
        ),
      );
      const tx = await loopers[kind]
        .connect(f.borrowers[0])
        .loop(ROUNDS, LOOP_LTV, { value: EQUITY });
      const ts = await timestampOf(tx);
      // The loop replayed: every oracle says 1.0 (NAV 1, a balanced pool), 1 LST per ETH staked.
      const who = await loopers[kind].getAddress();
      const price = ORACLE_PRICE_SCALE;
      let posted = EQUITY;
      model.supplyCollateral(who, EQUITY);
      for (let k = 0n; k < ROUNDS; k++) {
        const target = (((posted * price) / ORACLE_PRICE_SCALE) * LOOP_LTV) / WAD;
        const p = model.position(who);
        const debt = toAssetsUp(p.borrowShares, model.totalBorrowAssets, model.totalBorrowShares);
        model.borrow(who, target - debt, price, ts);
        model.supplyCollateral(who, target - debt);
        posted += target - debt;
      }
      expect(await market.collateral(who), `${kind}: collateral = the replayed loop`).to.equal(
        posted,
      );
      expect(await market.borrowShares(who), `${kind}: borrow shares = the replayed loop`).to.equal(
        model.position(who).borrowShares,
      );
      collateral = posted;
      debtAtStart = await market.borrowAssetsOf(who);
    }
    // 10 × Σ 0.94^k for k = 0…12 = 92.10 LST; the debt is 10 less.
    expect(fmt(collateral, 2), "collateral").to.equal("92.10");
    expect(fmt(debtAtStart, 2), "debt").to.equal("82.10");
    const prices = { exchangeRate: ORACLE_PRICE_SCALE, spot: ORACLE_PRICE_SCALE };
    expectStateTable(
      "step 1: two identical loops",
      await loopTable(),
      await expectedLoopTable(prices),
    );
    expect((await loopTable()).spot.HF, "HF = 0.945 × 92.10 / 82.10").to.equal("1.060");
    await check("step 1");
  });

  it("2. the pool stakes its buffer; a year of 3 % rewards raises the NAV 2.69 %; the loops' equity earns 9.2 × 2.69 % − 8.2 × 1.28 % = 14.2 %", async function () {
    const { pool: depositPool, simulator, oracle, poolOperator } = f;
    const validators = (await depositPool.bufferedEther()) / ether(32);
    for (let v = 0n; v < validators; v++) {
      await depositPool.connect(poolOperator).stakeValidator(ethers.id(`loop-${v}`));
    }
    await submitOracleReport(depositPool, simulator, oracle);
    await networkHelpers.time.increase(SECONDS_PER_YEAR);
    await submitOracleReport(depositPool, simulator, oracle);
    nav = await depositPool.getExchangeRate();
    const stakingYield = nav - WAD;
    const now = await latest();
    const model = models.exchangeRate.clone();
    model.accrue(now);
    const who = await loopers.exchangeRate.getAddress();
    const debt = toAssetsUp(
      model.position(who).borrowShares,
      model.totalBorrowAssets,
      model.totalBorrowShares,
    );
    const borrowCost = ((debt - debtAtStart) * WAD) / debtAtStart;
    const equity = (collateral * nav) / WAD - debt;
    const equityYield = ((equity - EQUITY) * WAD) / EQUITY;
    // L·y − (L − 1)·b with L = collateral / equity at the start (9.207).
    const formula =
      (collateral * stakingYield) / EQUITY - ((collateral - EQUITY) * borrowCost) / EQUITY;
    expect(
      equityYield - formula <= 10n ** 12n && formula - equityYield <= 10n ** 12n,
      "equity yield = L·y − (L − 1)·b",
    ).to.be.true;
    expect(fmt(stakingYield * 100n, 2), "staking yield %").to.equal("2.69");
    expect(fmt(borrowCost * 100n, 2), "borrow cost %").to.equal("1.28");
    expect(fmt(equityYield * 100n, 1), "the loop's yield on its 10 ETH %").to.equal("14.2");
    expectStateTable(
      "step 2: a year later",
      await loopTable(),
      await expectedLoopTable({
        exchangeRate: nav * 10n ** 18n,
        spot: priceFromPool(
          spotPrice(await readPoolState(f.lstMarkets.pool, 18n)),
          await f.lstMarkets.pool.storedRate(),
          18,
        ),
      }),
    );
    await check("step 2");
  });

  it("3. a run a little deeper than June 2022's takes the pool to 16 % ETH (0.9176 of NAV): the spot-priced loop is liquidated and keeps 2.44 of its 11.43 ETH; the exchange-rate loop is untouched", async function () {
    const { lstMarkets, arbitrageur, seller } = f;
    const { pool } = lstMarkets;
    // The pool reads the new NAV in steps of at most 1 % a block-window: three small trades.
    for (let n = 0; n < 3; n++) {
      await networkHelpers.mine(25);
      await pool
        .connect(arbitrageur)
        .exchange(0n, 1n, 10n ** 9n, 0n, arbitrageur.address, { value: 10n ** 9n });
    }
    expect(await pool.storedRate(), "the pool uses the new NAV").to.equal(nav);
    const state = await readPoolState(pool, 18n);
    const sold = saleToEthShare(state, 1600n);
    const expected = exchange(state, 1, sold);
    await pool.connect(seller).exchange(1n, 0n, sold, expected.dy, seller.address);
    const spot = spotPrice({ ...state, balances: expected.balances });
    expect(fmt(spot), "spot (NAV units; calibration 0.9175 at 16 %)").to.equal("0.9176");

    const market = lstMarkets.markets.spot;
    const who = await loopers.spot.getAddress();
    const shares = await market.borrowShares(who);
    await networkHelpers.time.setNextBlockTimestamp((await latest()) + 1n);
    const done = await liquidateAndCheck(market, f.liquidator, who, 0n, shares, ether(100));
    const ts = BigInt((await ethers.provider.getBlock(done.receipt.blockNumber))!.timestamp);
    const price = priceFromPool(spot, nav, 18);
    const modelled = models.spot.liquidate(who, 0n, shares, price, ts);
    expect(done.seizedAssets, "seized (Morpho model)").to.equal(modelled.seizedAssets);
    expect(done.repaidAssets, "repaid (Morpho model)").to.equal(modelled.repaidAssets);
    const rows = await loopTable();
    expectStateTable(
      "step 3: the run",
      rows,
      await expectedLoopTable({ exchangeRate: nav * 10n ** 18n, spot: price }),
    );
    expect(rows.spot["equity at NAV (ETH)"], "what is left of the spot loop").to.equal("2.443");
    expect(rows.exchangeRate["equity at NAV (ETH)"], "the exchange-rate loop").to.equal("11.427");
    expect(
      await lstMarkets.markets.exchangeRate.isHealthy(await loopers.exchangeRate.getAddress()),
      "untouched",
    ).to.be.true;
    await check("step 3");
  });
});
