/**
 * Gas budgets, whole transactions (21,000 base and calldata included), on a pool that has traded
 * before (its admin-fee slot is no longer zero) and a trader who already holds the token:
 * `exchange` ≤ 110,000 both ways and for a new holder (Curve's stETH/ETH pool: ≈ 129,000 with the
 * base cost, research §5: 108,277 mean pool-call gas + 21,000), `addLiquidity` ≤ 140,000 for a new
 * LP, `removeLiquidity` ≤ 80,000, `removeLiquidityOneCoin` ≤ 120,000 (Curve's stETH pool: 154,556 /
 * 76,896 / 131,133 pool-call gas). Each trade reads the rate provider: every transaction is in a new
 * block, the worst case.
 *
 * Under `--coverage` every statement also records a hit: the budgets are skipped then.
 */
import { expect } from "chai";
import hre, { network } from "hardhat";

import { marketPoolFixtures } from "../helpers/fixtures/market-pool.js";
import { ether } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { seededLstPoolFixture } = marketPoolFixtures(connection);

const EXCHANGE_BUDGET = 110_000n;
const ADD_LIQUIDITY_BUDGET = 140_000n;
const REMOVE_LIQUIDITY_BUDGET = 80_000n;
const REMOVE_ONE_COIN_BUDGET = 120_000n;
const COVERAGE = hre.globalOptions.coverage === true;

/** The seeded LST pool after one trade each way: both admin-fee balances are non-zero. */
async function tradedPoolFixture() {
  const fixture = await seededLstPoolFixture();
  const { pool, carol } = fixture;
  await pool.connect(carol).exchange(0n, 1n, ether(5), 0n, carol.address, { value: ether(5) });
  await pool.connect(carol).exchange(1n, 0n, ether(5), 0n, carol.address);
  return fixture;
}

async function gasOf(
  tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

describe("StableSwapPool gas", function () {
  beforeEach(function () {
    if (COVERAGE && this.currentTest?.title.startsWith("costs at most")) this.skip();
  });

  describe("exchange", function () {
    it(`costs at most ${EXCHANGE_BUDGET} gas selling ETH`, async function () {
      const { pool, bob } = await networkHelpers.loadFixture(tradedPoolFixture);
      const gas = await gasOf(
        pool.connect(bob).exchange(0n, 1n, ether(10), 0n, bob.address, { value: ether(10) }),
      );
      expect(gas <= EXCHANGE_BUDGET, `exchange(0, 1) used ${gas} gas`).to.equal(true);
    });

    it(`costs at most ${EXCHANGE_BUDGET} gas selling the token`, async function () {
      const { pool, bob } = await networkHelpers.loadFixture(tradedPoolFixture);
      const gas = await gasOf(pool.connect(bob).exchange(1n, 0n, ether(10), 0n, bob.address));
      expect(gas <= EXCHANGE_BUDGET, `exchange(1, 0) used ${gas} gas`).to.equal(true);
    });

    it(`costs at most ${EXCHANGE_BUDGET} gas paying a new holder of the token`, async function () {
      const { pool, bob } = await networkHelpers.loadFixture(tradedPoolFixture);
      const newHolder = ethers.Wallet.createRandom().address;
      const gas = await gasOf(
        pool.connect(bob).exchange(0n, 1n, ether(10), 0n, newHolder, { value: ether(10) }),
      );
      expect(gas <= EXCHANGE_BUDGET, `exchange to a new holder used ${gas} gas`).to.equal(true);
    });
  });

  describe("addLiquidity", function () {
    it(`costs at most ${ADD_LIQUIDITY_BUDGET} gas for a new LP`, async function () {
      const { pool, carol } = await networkHelpers.loadFixture(tradedPoolFixture);
      const gas = await gasOf(
        pool
          .connect(carol)
          .addLiquidity([ether(10), ether(9)], 0n, carol.address, { value: ether(10) }),
      );
      expect(gas <= ADD_LIQUIDITY_BUDGET, `addLiquidity used ${gas} gas`).to.equal(true);
    });
  });

  describe("removeLiquidity", function () {
    it(`costs at most ${REMOVE_LIQUIDITY_BUDGET} gas`, async function () {
      const { pool, alice } = await networkHelpers.loadFixture(tradedPoolFixture);
      const gas = await gasOf(
        pool.connect(alice).removeLiquidity(ether(10), [0n, 0n], alice.address),
      );
      expect(gas <= REMOVE_LIQUIDITY_BUDGET, `removeLiquidity used ${gas} gas`).to.equal(true);
    });
  });

  describe("removeLiquidityOneCoin", function () {
    for (const coin of [0n, 1n]) {
      it(`costs at most ${REMOVE_ONE_COIN_BUDGET} gas for coin ${coin}`, async function () {
        const { pool, alice } = await networkHelpers.loadFixture(tradedPoolFixture);
        const gas = await gasOf(
          pool.connect(alice).removeLiquidityOneCoin(ether(10), coin, 0n, alice.address),
        );
        expect(
          gas <= REMOVE_ONE_COIN_BUDGET,
          `removeLiquidityOneCoin(${coin}) used ${gas} gas`,
        ).to.equal(true);
      });
    }
  });
});
