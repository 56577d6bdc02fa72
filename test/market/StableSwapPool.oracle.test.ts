/**
 * Prices: `lastPrice` (the spot price each action leaves, capped at 2) and `priceOracle`, ng's EMA
 * with α = exp(−Δt/τ), updated at most once per block from the previous action's price. Expected
 * values from the reference model, whose `exp` is a 60-digit Taylor series (not solady's `expWad`).
 *
 * Scenario 10 (the pool part): a one-block spike moves `spotPrice` but hardly `priceOracle`; a
 * sustained dump moves `priceOracle` to within 1/16 of the gap in four half-lives.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketPoolFixtures, LST_POOL } from "../helpers/fixtures/market-pool.js";
import { ether, expectEqualWithinRounding, WAD } from "../helpers/index.js";
import { readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { seededLstPoolFixture } = marketPoolFixtures(connection);

/**
 * solady's `expWad` and the reference's Taylor series may round α differently by 1 wei; the EMA,
 * (p·(1 − α) + ema·α)/1e18 with |p − ema| < 1e18, then differs by at most 1 wei.
 */
const EMA_TOLERANCE_WEI = 1n;
const TAU = LST_POOL.maExpTime;
/** τ·ln 2 ≈ 600 s: the half-life of a 866-second τ. */
const HALF_LIFE = 600n;

async function blockTime(tx: { wait(): Promise<{ blockNumber: number } | null> }): Promise<bigint> {
  const receipt = await tx.wait();
  return BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
}

describe("StableSwapPool", function () {
  describe("lastPrice", function () {
    it("is the spot price the last action left", async function () {
      const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
      const state = await readPoolState(pool, 18n);
      const trade = ref.exchange(state, 1, ether(300));
      await pool.connect(bob).exchange(1n, 0n, ether(300), 0n, bob.address);
      expect(await pool.lastPrice()).to.equal(trade.price);
      expect(await pool.spotPrice(), "spot: same balances, D recomputed").to.equal(
        ref.spotPrice({ ...state, balances: trade.balances }),
      );
    });

    it("is capped at 2.0 when the token is nearly drained", async function () {
      const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
      await pool
        .connect(bob)
        .exchange(0n, 1n, ether(30_000), 0n, bob.address, { value: ether(30_000) });
      expect((await pool.spotPrice()) > 2n * WAD, "spot above 2").to.equal(true);
      expect(await pool.lastPrice()).to.equal(2n * WAD);
    });
  });

  describe("priceOracle", function () {
    describe("when a second action follows the first", function () {
      it("folds the first action's price in with α = exp(−Δt/τ)", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const t1 = await blockTime(
          await pool.connect(bob).exchange(1n, 0n, ether(300), 0n, bob.address),
        );
        const p1 = await pool.lastPrice();
        expect(await pool.priceOracle(), "the trade's own price is not in yet").to.equal(WAD);
        await time.setNextBlockTimestamp(t1 + 120n);
        await pool.connect(bob).exchange(0n, 1n, ether(1), 0n, bob.address, { value: ether(1) });
        expectEqualWithinRounding(
          await pool.priceOracle(),
          ref.movingAverage(p1, WAD, 120n, TAU),
          "EMA after 120 s",
          EMA_TOLERANCE_WEI,
        );
      });
    });

    describe("when two actions share a block", function () {
      it("updates the EMA once, from the price before the block", async function () {
        const { pool, bob, carol } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const t1 = await blockTime(
          await pool.connect(bob).exchange(1n, 0n, ether(300), 0n, bob.address),
        );
        const p1 = await pool.lastPrice();
        const state1 = await readPoolState(pool, 18n);
        const second = ref.exchange(state1, 1, ether(200));
        const third = ref.exchange({ ...state1, balances: second.balances }, 0, ether(400));
        await ethers.provider.send("evm_setAutomine", [false]);
        try {
          await pool
            .connect(bob)
            .exchange(1n, 0n, ether(200), 0n, bob.address, { gasLimit: 500_000n });
          await pool.connect(carol).exchange(0n, 1n, ether(400), 0n, carol.address, {
            value: ether(400),
            gasLimit: 500_000n,
          });
          await time.setNextBlockTimestamp(t1 + 60n);
          await networkHelpers.mine();
        } finally {
          await ethers.provider.send("evm_setAutomine", [true]);
        }
        // One fold of p1 over 60 s; the block's first trade's price never enters the average.
        expectEqualWithinRounding(
          await pool.priceOracle(),
          ref.movingAverage(p1, WAD, 60n, TAU),
          "EMA after the block",
          EMA_TOLERANCE_WEI,
        );
        expect(await pool.lastPrice(), "the block's last price").to.equal(
          ref.capPrice(third.price),
        );
      });
    });
  });

  describe("Scenario 10: the EMA's lag (pool part)", function () {
    it("ignores a one-block spike that spotPrice shows in full", async function () {
      const { pool, attacker } = await networkHelpers.loadFixture(seededLstPoolFixture);
      const start = BigInt(await time.latest());
      // Block 1: dump 600 LST. Block 2 (12 s later): buy them back.
      const state = await readPoolState(pool, 18n);
      const dump = ref.exchange(state, 1, ether(600));
      await time.setNextBlockTimestamp(start + 12n);
      await pool.connect(attacker).exchange(1n, 0n, ether(600), 0n, attacker.address);
      const spotDuringSpike = await pool.spotPrice();
      expect(spotDuringSpike).to.equal(ref.spotPrice({ ...state, balances: dump.balances }));
      expect(
        spotDuringSpike < (WAD * 95n) / 100n,
        `spot ${spotDuringSpike} shows a 5 %+ discount`,
      ).to.equal(true);
      expect(await pool.priceOracle(), "EMA in the spike's block: unchanged").to.equal(WAD);

      await time.setNextBlockTimestamp(start + 24n);
      await pool
        .connect(attacker)
        .exchange(0n, 1n, dump.dy, 0n, attacker.address, { value: dump.dy });
      const ema = await pool.priceOracle();
      const expected = ref.movingAverage(ref.capPrice(dump.price), WAD, 12n, TAU);
      expectEqualWithinRounding(ema, expected, "EMA after a 12-second spike", EMA_TOLERANCE_WEI);
      // 1 − exp(−12/866) ≈ 1.4 % of the gap: a 5 %+ spike moves the EMA by < 0.1 %.
      expect(WAD - ema < WAD / 1_000n, `EMA ${ema} stays within 0.1 % of 1`).to.equal(true);
    });

    it("follows a sustained dump to within 1/16 of the gap after four half-lives", async function () {
      const { pool, attacker } = await networkHelpers.loadFixture(seededLstPoolFixture);
      const state = await readPoolState(pool, 18n);
      const dump = ref.exchange(state, 1, ether(600));
      const t0 = await blockTime(
        await pool.connect(attacker).exchange(1n, 0n, ether(600), 0n, attacker.address),
      );
      const low = ref.capPrice(dump.price);
      for (const halfLives of [1n, 2n, 4n]) {
        await time.increaseTo(t0 + halfLives * HALF_LIFE);
        const ema = await pool.priceOracle();
        expectEqualWithinRounding(
          ema,
          ref.movingAverage(low, WAD, halfLives * HALF_LIFE, TAU),
          `EMA after ${halfLives} half-lives`,
          EMA_TOLERANCE_WEI,
        );
        // After n half-lives the gap is 2^−n of what it was, to 0.2 % (τ·ln 2 = 600.27 s, not 600).
        const gap = ema - low;
        const initialGap = WAD - low;
        expect(
          gap <= (initialGap * 1_002n) / (1_000n * 2n ** halfLives),
          `gap after ${halfLives}`,
        ).to.equal(true);
      }
    });
  });
});
