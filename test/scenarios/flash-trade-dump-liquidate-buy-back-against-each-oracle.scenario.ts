/**
 * DESIGN §11, "manipulating a spot-priced loan in one transaction (flash trade)".
 *
 * A loan priced by one pool's spot price can be liquidated by anyone who can move that price for
 * the length of one transaction: dump the collateral token into the pool, liquidate at the depressed
 * price (collecting the incentive on top of the discount), buy the tokens back. bZx (2020) and Mango
 * (2022) were drained by this pattern. The same transaction against the pool's EMA (updated at most
 * once per block, from the previous action's price) or against the exchange rate (NAV) finds the loan
 * healthy and reverts with `HealthyPosition`.
 *
 * The victim posts 100 LST (NAV 1.0) and owes 90 ETH in three LLTV-94.5 % markets (HF 1.05; the line
 * is at 0.9524). The attacker (`ScenarioFlashAttacker`, funded as by a flash loan with 400 LST and
 * 100 ETH) dumps 304 LST into a 500 + 500 pool (spot 0.9465) and liquidates half the debt. Every
 * number is computed here: the pool with the StableSwap reference model, the liquidation with the
 * Morpho reference model.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketFixtures, type MarketFixture } from "../helpers/fixtures/market.js";
import { ether } from "../helpers/index.js";
import {
  checkMarketInvariants,
  expectStateTable,
  fmt,
  readPoolState,
  type CheckedToken,
  minedAt,
} from "../helpers/market-scenario.js";
import { MarketModel, priceFromPool, priceFromRate } from "../helpers/morpho-reference.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import { exchange, spotPrice } from "../helpers/stableswap-reference.js";
import type { ScenarioFlashAttacker } from "../../types/ethers-contracts/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployMarketFixture } = marketFixtures(connection);

const WAD = 10n ** 18n;
const SEED = ether(500);
const COLLATERAL = ether(100);
const DEBT = ether(90);
/** The dump: ~304 LST take the pool from 50 % to 20 % ETH (spot 0.9465 of NAV). */
const DUMP = ether(304);
const FLASH_LST = ether(400);
const FLASH_ETH = ether(100);
const MARKETS = ["exchangeRate", "ema", "spot"] as const;

describe("Scenario: a flash trade (dump, liquidate, buy back) succeeds against a spot-priced loan and fails against EMA and exchange-rate oracles", function () {
  let f: MarketFixture;
  let tokens: CheckedToken[];
  let users: string[];
  let snapshots: (PoolSnapshot | undefined)[] = [];
  let attacker: ScenarioFlashAttacker;
  const models = {} as Record<(typeof MARKETS)[number], MarketModel>;
  let now: bigint;

  async function check(step: string, kind: "exchange" | "other" = "other") {
    snapshots = await checkMarketInvariants(tokens, snapshots, users, f.liquidator, step, kind);
  }

  const at = (tx: { wait(): Promise<unknown> }) => minedAt(ethers.provider, tx);

  async function victimTable() {
    const victim = f.borrowers[0].address;
    const table: Record<string, Record<string, string>> = {};
    for (const kind of MARKETS) {
      const market = f.lstMarkets.markets[kind];
      table[kind] = {
        "debt (ETH)": fmt(await market.borrowAssetsOf(victim), 3),
        "collateral (LST)": fmt(await market.collateral(victim), 3),
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
    const factory = await ethers.getContractFactory("ScenarioFlashAttacker");
    attacker = await factory.connect(f.attacker).deploy(await f.lstMarkets.pool.getAddress());
    users = [f.lp, f.supplier, f.borrowers[0], f.attacker].map((w) => w.address);
    users.push(await attacker.getAddress());
  });

  it("1. a 500 + 500 pool; the victim owes 90 ETH on 100 LST in three markets (HF 1.05); the attacker holds 400 LST and 100 ETH for one transaction", async function () {
    const { pool: depositPool, lst, lp, supplier, lstMarkets } = f;
    const victim = f.borrowers[0];
    await depositPool.connect(lp).deposit({ value: SEED });
    await lst.connect(lp).approve(await lstMarkets.pool.getAddress(), SEED);
    await lstMarkets.pool.connect(lp).addLiquidity([SEED, SEED], 0n, lp.address, { value: SEED });
    await depositPool.connect(victim).deposit({ value: 3n * COLLATERAL });
    await depositPool.connect(f.attacker).deposit({ value: FLASH_LST });
    for (const kind of MARKETS) {
      const market = lstMarkets.markets[kind];
      const model = (models[kind] = new MarketModel(lstMarkets.lltv, await market.lastUpdate()));
      model.supply(
        supplier.address,
        ether(200),
        await at(await market.connect(supplier).supply(supplier.address, { value: ether(200) })),
      );
      await lst.connect(victim).approve(await market.getAddress(), COLLATERAL);
      await market.connect(victim).supplyCollateral(COLLATERAL, victim.address);
      model.supplyCollateral(victim.address, COLLATERAL);
      const borrowed = await market.connect(victim).borrow(DEBT, victim.address);
      model.borrow(victim.address, DEBT, priceFromRate(WAD, 18), await at(borrowed));
      expect(fmt(await market.healthFactor(victim.address), 3), `${kind}: HF`).to.equal("1.050");
    }
    await lst.connect(f.attacker).transfer(await attacker.getAddress(), FLASH_LST);
    await f.attacker.sendTransaction({ to: await attacker.getAddress(), value: FLASH_ETH });
    now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    expectStateTable("step 1: the victim's loans", await victimTable(), {
      exchangeRate: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
      ema: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
      spot: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
    });
    await check("step 1");
  });

  for (const kind of ["ema", "exchangeRate"] as const) {
    it(`${kind === "ema" ? 2 : 3}. against the ${kind === "ema" ? "EMA" : "exchange-rate"}-priced market the same transaction reverts: HealthyPosition(debt, 94.5 ETH), the EMA/NAV still 1.0 within the transaction`, async function () {
      const market = f.lstMarkets.markets[kind];
      const victim = f.borrowers[0].address;
      now += 12n;
      await networkHelpers.time.setNextBlockTimestamp(now);
      // The debt with interest to that second, rounded up; the capacity 100 × 1.0 × 0.945, rounded down.
      const model = models[kind].clone();
      model.accrue(now);
      const { borrowed, capacity } = model.debtAndCapacity(victim, priceFromRate(WAD, 18));
      expect(capacity, "capacity").to.equal(ether("94.5"));
      await expect(
        attacker.connect(f.attacker).attack(await market.getAddress(), victim, DUMP),
        `the ${kind} oracle does not see the dump`,
      )
        .to.be.revertedWithCustomError(market, "HealthyPosition")
        .withArgs(borrowed, capacity);
      await networkHelpers.mine(); // the reverted transaction's block
      expect(await f.lstMarkets.pool.spotPrice(), "nothing happened: spot 1.0").to.equal(WAD);
      expectStateTable(`the victim after the failed attack (${kind})`, await victimTable(), {
        exchangeRate: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
        ema: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
        spot: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
      });
      await check(`step ${kind}`);
    });
  }

  it("4. against the spot-priced market it succeeds in one transaction: half the debt (45 ETH) repaid for 48.33 LST, the attacker gains 3.07 ETH at NAV, the victim loses it", async function () {
    const { lstMarkets, lst } = f;
    const market = lstMarkets.markets.spot;
    const victim = f.borrowers[0].address;
    const attackerAddress = await attacker.getAddress();
    const lstBefore = await lst.balanceOf(attackerAddress);
    const ethBefore = await ethers.provider.getBalance(attackerAddress);
    // Independent computation: the dump, the liquidation at the depressed spot, the buy-back.
    const state0 = await readPoolState(lstMarkets.pool, 18n);
    const dumped = exchange(state0, 1, DUMP);
    const state1 = { ...state0, balances: dumped.balances };
    const price = priceFromPool(spotPrice(state1), WAD, 18);
    now += 12n;
    await networkHelpers.time.setNextBlockTimestamp(now);
    const shares = (await market.borrowShares(victim)) / 2n;
    const liquidation = models.spot.liquidate(victim, 0n, shares, price, now);
    const bought = exchange(state1, 0, dumped.dy);

    await attacker.connect(f.attacker).attack(await market.getAddress(), victim, DUMP);

    const lstAfter = await lst.balanceOf(attackerAddress);
    const ethAfter = await ethers.provider.getBalance(attackerAddress);
    expect(lstAfter, "LST: − dump + seized + bought back").to.equal(
      lstBefore - DUMP + liquidation.seizedAssets + bought.dy,
    );
    expect(ethAfter, "ETH: − repaid (the dump's ETH bought the tokens back)").to.equal(
      ethBefore - liquidation.repaidAssets,
    );
    const gain = lstAfter - lstBefore - (ethBefore - ethAfter); // at NAV 1.0
    expect(fmt(liquidation.repaidAssets, 2), "repaid").to.equal("45.00");
    expect(fmt(liquidation.seizedAssets, 2), "seized: 45 × 1.0168 / 0.9465").to.equal("48.33");
    expect(fmt(gain, 2), "attacker's gain at NAV").to.equal("3.07");
    expect(await lstMarkets.pool.priceOracle(), "the EMA did not see it").to.equal(WAD);
    expectStateTable("step 4: the victim after one transaction", await victimTable(), {
      exchangeRate: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
      ema: { "debt (ETH)": "90.000", "collateral (LST)": "100.000" },
      spot: {
        "debt (ETH)": fmt(models.spot.debtAndCapacity(victim, price).borrowed, 3),
        "collateral (LST)": fmt(COLLATERAL - liquidation.seizedAssets, 3),
      },
    });
    await check("step 4");
  });
});
