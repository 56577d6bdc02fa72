/**
 * DESIGN §9 scenario 7, backing loss vs market discount: two ways an LST holder's ETH value falls,
 * with different causes, different victims and different remedies.
 *
 * - A **backing loss** (here: 3 of the pool's 10 validators slashed under the pre-Pectra quotient,
 *   1 ETH each, as the Launchnodes slashing of 2023 but smaller) lowers the NAV itself. Every price
 *   source follows: the exchange rate and CAPO at once (a loss passes under the cap), the pool's
 *   spot and EMA through the pool's rate (its balanced point moves to the new NAV). The pool's LPs
 *   hold LST at the old centre: they lose the loss on their LST half (Curve's up-only rule for rate
 *   oracles, broken on purpose: research §1.11). A loan near the LLTV is liquidated under every oracle.
 * - A **market discount** (a liquidity run: sellers take the pool to 20 % ETH, spot 0.9465 of NAV)
 *   moves only the market price: loans priced by the exchange rate or CAPO are safe; the spot-priced
 *   loan is liquidated at once and the EMA-priced one about half an hour later. The remedy is
 *   redemption at NAV (scenario 5), not a lower NAV.
 *
 * Consensus rewards are off (APR 0) so that every change is the loss or the run alone. The loans:
 * 20 LST each, LTV 90 % (HF 1.05) and 94 % (HF 1.005) of NAV, in the four LLTV-94.5 % markets.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  ORACLE_KINDS,
  marketFixtures,
  type MarketFixture,
  type OracleKind,
} from "../helpers/fixtures/market.js";
import { MINUTE, ether, oracleReport, reportHash } from "../helpers/index.js";
import { liquidateAndCheck } from "../helpers/lending-invariants.js";
import {
  EmaModel,
  checkMarketInvariants,
  expectStateTable,
  fmt,
  readPoolState,
  saleToEthShare,
  type CheckedToken,
  minedAt,
} from "../helpers/market-scenario.js";
import { MarketModel, priceFromPool, priceFromRate } from "../helpers/morpho-reference.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import { exchange, spotPrice } from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployMarketFixture } = marketFixtures(connection);

const WAD = 10n ** 18n;
const SEED = ether(100);
const COLLATERAL = ether(20);
/** LTV 90 % and 94 % of NAV 1.0: HF 0.945 / 0.90 = 1.05 and 0.945 / 0.94 = 1.005. */
const DEBTS = [ether(18), ether("18.8")];
const LABELS = ["LTV 90 %", "LTV 94 %"];
const SLASHED = 3;

describe("Scenario: a slashing lowers the NAV and every oracle follows; a liquidity run lowers only the market price", function () {
  let f: MarketFixture;
  let tokens: CheckedToken[];
  let users: string[];
  let snapshots: (PoolSnapshot | undefined)[] = [];
  const ema = new EmaModel(866n);
  const models = {} as Record<OracleKind, MarketModel>;
  let nav = WAD;
  let vpAtPeg: bigint;
  const outcome: Record<string, Record<string, string>> = { slashing: {}, run: {} };

  async function check(step: string, kind: "exchange" | "other" = "other") {
    snapshots = await checkMarketInvariants(tokens, snapshots, users, f.liquidator, step, kind);
  }

  const at = (tx: { wait(): Promise<unknown> }) => minedAt(ethers.provider, tx);

  const latest = async () => BigInt(await networkHelpers.time.latest());

  /** Each oracle's price computed here: NAV, NAV (below the cap), reference spot × NAV, EMA × NAV. */
  async function expectedPrices(): Promise<Record<OracleKind, bigint>> {
    const state = { ...(await readPoolState(f.lstMarkets.pool, 18n)), rateWad: nav };
    return {
      exchangeRate: priceFromRate(nav, 18),
      capped: priceFromRate(nav, 18),
      spot: priceFromPool(spotPrice(state), nav, 18),
      ema: priceFromPool(ema.at(await latest()), nav, 18),
    };
  }

  async function table(fromModels: boolean) {
    const prices = await expectedPrices();
    const now = await latest();
    const rows: Record<string, Record<string, string>> = {};
    for (const kind of ORACLE_KINDS) {
      const market = f.lstMarkets.markets[kind];
      const model = models[kind].clone();
      model.accrue(now);
      const row: Record<string, string> = {
        "price (ETH/LST)": fmt(
          fromModels ? prices[kind] : await f.lstMarkets.oracles[kind].price(),
          4,
          36n,
        ),
      };
      for (const [n, b] of f.borrowers.slice(0, 2).entries()) {
        const debt = fromModels
          ? model.position(b.address).borrowShares
          : await market.borrowShares(b.address);
        row[`HF ${LABELS[n]}`] =
          debt === 0n
            ? "repaid"
            : fmt(
                fromModels
                  ? model.healthFactor(b.address, prices[kind])
                  : await market.healthFactor(b.address),
                3,
              );
      }
      rows[kind] = row;
    }
    return rows;
  }

  async function expectTables(title: string) {
    expectStateTable(title, await table(false), await table(true));
  }

  /** Liquidates borrower `n`'s whole debt in the `kind` market; checked against the Morpho model. */
  async function liquidate(kind: OracleKind, n: number, step: string) {
    const market = f.lstMarkets.markets[kind];
    const borrower = f.borrowers[n].address;
    await networkHelpers.time.setNextBlockTimestamp((await latest()) + 1n);
    const shares = await market.borrowShares(borrower);
    const done = await liquidateAndCheck(market, f.liquidator, borrower, 0n, shares, ether(20));
    const ts = await at({ wait: async () => done.receipt });
    const price = (await expectedPrices())[kind];
    const expected = models[kind].liquidate(borrower, 0n, shares, price, ts);
    expect(done.seizedAssets, `${step}, ${kind}: seized (Morpho model)`).to.equal(
      expected.seizedAssets,
    );
    expect(done.repaidAssets, `${step}, ${kind}: repaid (Morpho model)`).to.equal(
      expected.repaidAssets,
    );
    expect(done.badDebtAssets, `${step}, ${kind}: no bad debt`).to.equal(0n);
  }

  before(async function () {
    f = await networkHelpers.loadFixture(deployMarketFixture);
    tokens = [
      { markets: f.lstMarkets, token: f.lst },
      { markets: f.lrtMarkets, token: f.vault },
    ];
    users = [f.lp, f.seller, f.supplier, ...f.borrowers].map((w) => w.address);
  });

  it("1. 510 ETH pooled, 10 validators staked, rewards off; a 100 + 100 pool; loans at LTV 90 % and 94 % in all four markets", async function () {
    const {
      pool: depositPool,
      simulator,
      teacher,
      poolOperator,
      oracle,
      lst,
      lp,
      seller,
      supplier,
    } = f;
    const { lstMarkets, borrowers } = f;
    await simulator.connect(teacher).setRewardAprBps(0n);
    await depositPool.connect(lp).deposit({ value: SEED });
    await depositPool.connect(seller).deposit({ value: ether(100) });
    for (const b of borrowers.slice(0, 2))
      await depositPool.connect(b).deposit({ value: ether(80) });
    expect(
      await depositPool.totalPooledEther(),
      "150 (the LRT vault) + 100 + 100 + 80 + 80 ETH",
    ).to.equal(ether(510));
    for (let v = 0; v < 10; v++)
      await depositPool.connect(poolOperator).stakeValidator(ethers.id(`s7-${v}`));
    const report = await oracleReport(depositPool, simulator);
    await depositPool.connect(oracle).submitReport(report);
    expect(await depositPool.getExchangeRate(), "NAV 1.0").to.equal(WAD);

    const poolAddress = await lstMarkets.pool.getAddress();
    await lst.connect(lp).approve(poolAddress, SEED);
    await lstMarkets.pool.connect(lp).addLiquidity([SEED, SEED], 0n, lp.address, { value: SEED });
    await lst.connect(seller).approve(poolAddress, ethers.MaxUint256);
    for (const kind of ORACLE_KINDS) {
      const market = lstMarkets.markets[kind];
      const model = (models[kind] = new MarketModel(lstMarkets.lltv, await market.lastUpdate()));
      const supplied = await market
        .connect(supplier)
        .supply(supplier.address, { value: ether(100) });
      model.supply(supplier.address, ether(100), await at(supplied));
      for (const [n, b] of borrowers.slice(0, 2).entries()) {
        await lst.connect(b).approve(await market.getAddress(), COLLATERAL);
        await market.connect(b).supplyCollateral(COLLATERAL, b.address);
        model.supplyCollateral(b.address, COLLATERAL);
        const borrowed = await market.connect(b).borrow(DEBTS[n], b.address);
        model.borrow(b.address, DEBTS[n], priceFromRate(WAD, 18), await at(borrowed));
      }
    }
    const rows = await table(false);
    expect(rows.spot, "every oracle at 1.0").to.deep.equal({
      "price (ETH/LST)": "1.0000",
      "HF LTV 90 %": "1.049",
      "HF LTV 94 %": "1.005",
    });
    await expectTables("step 1: at NAV 1.0");
    await check("step 1");
    vpAtPeg = snapshots[0]!.virtualPrice;
  });

  it("2. a backing loss: 3 validators slashed (1 ETH each, pre-Pectra); the report, confirmed by the second role, lowers the NAV to 507/510 = 0.99412", async function () {
    const { pool: depositPool, simulator, teacher, oracle, lossConfirmer } = f;
    await simulator.connect(teacher).setSlashingPenaltyQuotient(32n);
    for (let n = 0; n < SLASHED; n++) {
      await simulator.connect(teacher).slash(await depositPool.validatorIndexAt(BigInt(n)));
    }
    await networkHelpers.time.increase(MINUTE);
    const report = await oracleReport(depositPool, simulator);
    await expect(depositPool.connect(oracle).submitReport(report), "3 ETH > the 1 ETH budget")
      .to.be.revertedWithCustomError(depositPool, "LossAboveBudget")
      .withArgs(ether(3), ether(1), reportHash(report));
    await depositPool.connect(lossConfirmer).confirmLossReport(reportHash(report));
    await depositPool.connect(oracle).submitReport(report);
    nav = (ether(507) * WAD) / ether(510);
    expect(await depositPool.getExchangeRate(), "NAV = 507 / 510").to.equal(nav);
    expect(fmt(nav, 5), "NAV").to.equal("0.99411");
    await expectTables("step 2: the NAV fell, every price with it");
    await check("step 2");
  });

  it("3. every oracle follows the NAV (a fall of the rate reaches the pool at its next read, unbounded: only rises are bounded): the 94 % loan is liquidated under all four, the 90 % loan is safe under all four", async function () {
    const { lstMarkets, borrowers } = f;
    expect(await lstMarkets.pool.storedRate(), "the pool reads the new NAV").to.equal(nav);
    for (const kind of ORACLE_KINDS) {
      expect(await lstMarkets.markets[kind].isHealthy(borrowers[0].address), `${kind}: 90 % safe`)
        .to.be.true;
      await liquidate(kind, 1, "step 3");
      outcome.slashing[kind] = "liquidated";
    }
    await expectTables("step 3: the 94 % loan liquidated everywhere");
    await check("step 3");
  });

  it("4. the pool re-centres at the new NAV and its LPs lose the loss on their LST half: 100 LST × 0.0059 = 0.59 ETH, the virtual price falls 0.29 %", async function () {
    const { lstMarkets, seller } = f;
    const { pool } = lstMarkets;
    // An LP's 100 ETH + 100 LST were worth 200 ETH; at the new NAV they are worth 100 + 99.41.
    const lpValue = SEED + (SEED * nav) / WAD;
    expect(fmt(ether(200) - lpValue, 4), "the LP's loss").to.equal("0.5882");
    // A small trade makes the pool store the new rate (read once per block; a fall is not bounded).
    const state = { ...(await readPoolState(pool, 18n)), rateWad: nav };
    const expected = exchange(state, 1, ether(1));
    const tx = await pool.connect(seller).exchange(1n, 0n, ether(1), expected.dy, seller.address);
    ema.upkeep(expected.price, await at(tx));
    const vp = await pool.getVirtualPrice();
    expect(fmt(((vpAtPeg - vp) * WAD) / vpAtPeg, 4), "virtual price fell ≈ half the loss").to.equal(
      "0.0029",
    );
    expect(
      fmt(await pool.spotPrice()),
      "centred on the new NAV (NAV units), after the 1-LST sale",
    ).to.equal("0.9997");
    // The LP owns the whole pool: its value at the new NAV, from the chain and from the reference.
    const valueOf = (b: readonly [bigint, bigint]) => fmt(b[0] + (b[1] * nav) / WAD, 2);
    const held = [await pool.balances(0n), await pool.balances(1n)] as const;
    expectStateTable(
      "step 4: the LP",
      { lp: { "value at peg (ETH)": "200.00", "value at the new NAV (ETH)": valueOf(held) } },
      {
        lp: {
          "value at peg (ETH)": "200.00",
          "value at the new NAV (ETH)": valueOf(expected.balances),
        },
      },
    );
    expect(valueOf(held), "the LP's value").to.equal("199.41");
    await check("step 4", "exchange");
  });

  it("5. a liquidity run: sellers take the pool to 20 % ETH; the NAV does not move; the spot-priced 90 % loan is liquidated, the others are safe", async function () {
    const { lstMarkets, pool: depositPool, borrowers } = f;
    const state = await readPoolState(lstMarkets.pool, 18n);
    const sold = saleToEthShare(state, 2000n);
    const expected = exchange(state, 1, sold);
    const tx = await lstMarkets.pool
      .connect(f.seller)
      .exchange(1n, 0n, sold, expected.dy, f.seller.address);
    ema.upkeep(expected.price, await at(tx));
    expect(await depositPool.getExchangeRate(), "NAV unchanged").to.equal(nav);
    expect(fmt(await lstMarkets.pool.spotPrice()), "spot (NAV units)").to.equal("0.9465");
    await expectTables("step 5: the run");
    await liquidate("spot", 0, "step 5");
    outcome.run.spot = "liquidated";
    for (const kind of ["exchangeRate", "capped", "ema"] as const) {
      expect(await lstMarkets.markets[kind].isHealthy(borrowers[0].address), `${kind}: safe`).to.be
        .true;
    }
    await check("step 5", "exchange");
  });

  it("6. the run holds for 30 minutes: the EMA follows and liquidates the 90 % loan too; the exchange-rate and CAPO loans stay safe (HF 1.043)", async function () {
    const { lstMarkets, borrowers } = f;
    await networkHelpers.time.increase(30n * MINUTE);
    expect(await lstMarkets.pool.priceOracle(), "EMA replayed").to.equal(ema.at(await latest()));
    await liquidate("ema", 0, "step 6");
    outcome.run.ema = "liquidated";
    for (const kind of ["exchangeRate", "capped"] as const) {
      const market = lstMarkets.markets[kind];
      expect(fmt(await market.healthFactor(borrowers[0].address), 3), `${kind}: HF`).to.equal(
        "1.043",
      );
      outcome.run[kind] = "safe";
    }
    await expectTables("step 6: the EMA follows the run");
    expectStateTable("who is liquidated by which cause, under which oracle", outcome, {
      slashing: {
        exchangeRate: "liquidated",
        capped: "liquidated",
        spot: "liquidated",
        ema: "liquidated",
      },
      run: { spot: "liquidated", ema: "liquidated", exchangeRate: "safe", capped: "safe" },
    });
    await check("step 6");
  });
});
