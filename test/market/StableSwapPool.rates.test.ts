/**
 * Coin 1's rate: read once per block; a rise capped at min(fee × blocks since the last read, 1 %) per
 * read; a fall taken at once. A falling rate (a slashing) re-centres the pool on the lower NAV and its
 * LPs lose; a rising rate (rewards) pays them. Numbers from the reference model.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  marketPoolFixtures,
  LST_POOL,
  SEED_ETH,
  tokensForEth,
} from "../helpers/fixtures/market-pool.js";
import { ether, WAD } from "../helpers/index.js";
import { assertPoolInvariants, readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { seededLstPoolFixture, seededLrtPoolFixture } = marketPoolFixtures(connection);

const SLASHED_RATE = (LST_POOL.rateWad * 90n) / 100n; // a 10 % loss of NAV: 1.05 → 0.945

/** The block the pool last read its rate in: the last block of the fixture (it ends with a deposit). */
async function lastBlock(): Promise<bigint> {
  return BigInt(await ethers.provider.getBlockNumber());
}

describe("StableSwapPool", function () {
  describe("storedRate", function () {
    describe("when the provider's rate rises within the bound", function () {
      it("passes in full at the next call and emits RateUpdated", async function () {
        const { pool, rateProvider, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const readAt = await lastBlock();
        const risen = LST_POOL.rateWad + (LST_POOL.rateWad * 3n) / 10_000n; // +0.03 %
        await rateProvider.setRate(risen); // block readAt + 1
        // The trade lands 2 blocks after the last read: the bound is 2 × 0.04 % = 0.08 %.
        expect(ref.limitRate(LST_POOL.rateWad, risen, LST_POOL.fee, 2n)).to.equal(risen);
        await expect(
          pool.connect(bob).exchange(0n, 1n, ether(1), 0n, bob.address, { value: ether(1) }),
        )
          .to.emit(pool, "RateUpdated")
          .withArgs(risen, risen);
        expect(await pool.storedRate()).to.equal(risen);
        expect((await lastBlock()) - readAt).to.equal(2n);
      });
    });

    describe("when the provider's rate jumps 5 %", function () {
      it("lets min(fee × blocks, 1 %) through per read until it catches up", async function () {
        const { pool, rateProvider, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const jumped = (LST_POOL.rateWad * 105n) / 100n;
        await rateProvider.setRate(jumped);
        // Read 1: 2 blocks after the last read → +0.08 %.
        let expected = ref.limitRate(LST_POOL.rateWad, jumped, LST_POOL.fee, 2n);
        await expect(
          pool.connect(bob).exchange(0n, 1n, ether(1), 0n, bob.address, { value: ether(1) }),
        )
          .to.emit(pool, "RateUpdated")
          .withArgs(jumped, expected);
        expect(expected).to.equal((LST_POOL.rateWad * 10_008n) / 10_000n);
        // Reads 2…: 100 blocks apart → capped at +1 % each; 5 reads reach the provider's rate.
        let reads = 1;
        while (expected < jumped) {
          await networkHelpers.mine(99);
          const next = ref.limitRate(expected, jumped, LST_POOL.fee, 100n);
          await expect(
            pool.connect(bob).exchange(0n, 1n, ether(1), 0n, bob.address, { value: ether(1) }),
          )
            .to.emit(pool, "RateUpdated")
            .withArgs(jumped, next);
          expect(next <= expected + expected / 100n, "at most +1 % per read").to.equal(true);
          expected = next;
          reads++;
        }
        expect(await pool.storedRate()).to.equal(jumped);
        expect(reads, "1 small read, then four of +1 % and the rest").to.equal(6);
      });
    });

    describe("when the provider's rate changes between two calls of one block", function () {
      it("uses the rate read at the block's first call for the whole block", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, rateProvider, bob, carol } = fixture;
        const state0 = await readPoolState(pool, 18n);
        // A fall would pass at once if the pool read the provider again inside the block.
        const fallen = (LST_POOL.rateWad * 97n) / 100n;
        await ethers.provider.send("evm_setAutomine", [false]);
        try {
          await pool
            .connect(bob)
            .exchange(0n, 1n, ether(50), 0n, bob.address, { value: ether(50), gasLimit: 500_000n });
          await rateProvider.setRate(fallen, { gasLimit: 100_000n });
          const third = await pool.connect(carol).exchange(0n, 1n, ether(50), 0n, carol.address, {
            value: ether(50),
            gasLimit: 500_000n,
          });
          await networkHelpers.mine();
          const first = ref.exchange(state0, 0, ether(50));
          const second = ref.exchange({ ...state0, balances: first.balances }, 0, ether(50));
          await expect(third)
            .to.emit(pool, "TokenExchange")
            .withArgs(carol.address, 0n, ether(50), 1n, second.dy);
          expect(await pool.balances(1n)).to.equal(second.balances[1]);
        } finally {
          await ethers.provider.send("evm_setAutomine", [true]);
        }
        // Views read like a call in the latest block: the fall is taken at the next block's first call.
        expect(await pool.storedRate()).to.equal(LST_POOL.rateWad);
        // 2 wei: the smallest sale of ETH the pool takes (1 wei frees less than 1 wei of the LST).
        await expect(pool.connect(bob).exchange(0n, 1n, 2n, 0n, bob.address, { value: 2n }))
          .to.emit(pool, "RateUpdated")
          .withArgs(fallen, fallen);
      });
    });

    describe("when the provider's rate falls 10 % (a slashing)", function () {
      it("takes the fall at once: no one can sell the token at the old rate after it", async function () {
        const { pool, rateProvider, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await rateProvider.setRate(SLASHED_RATE);
        expect(await pool.storedRate()).to.equal(SLASHED_RATE);
        await expect(pool.connect(bob).exchange(1n, 0n, ether(1), 0n, bob.address))
          .to.emit(pool, "RateUpdated")
          .withArgs(SLASHED_RATE, SLASHED_RATE);
      });
    });
  });

  describe("a falling rate", function () {
    it("re-centres the pool on the new NAV and the LPs lose their share of the token's loss", async function () {
      const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
      const { pool, rateProvider, alice } = fixture;
      const before = await assertPoolInvariants(fixture);
      const tokens = before.state.balances[1];
      // Before: 1,000 ETH + 952.38 LST at 1.05 = 2,000 ETH of value; virtual price 1.0.
      expect(before.virtualPrice).to.equal(WAD);
      const marketBefore = ((await pool.spotPrice()) * LST_POOL.rateWad) / WAD;
      expect(marketBefore).to.equal(LST_POOL.rateWad);

      await rateProvider.setRate(SLASHED_RATE);
      const after = await assertPoolInvariants(fixture, before); // allowed: the rate fell
      const slashed = { ...before.state, rateWad: SLASHED_RATE };
      expect(after.virtualPrice, "virtual price from the reference").to.equal(
        ref.virtualPrice(slashed),
      );
      // The LST half lost 10 %: D ≈ 1,000 + 900 = 1,900, the virtual price ≈ 0.95 (a 5 % loss for LPs).
      expect(
        after.virtualPrice < (WAD * 9_501n) / 10_000n &&
          after.virtualPrice > (WAD * 9_499n) / 10_000n,
      ).to.equal(true);
      // Alice's LP (all of it) in ETH at the new NAV: exactly the pool's coins at the new rate.
      const aliceValue = SEED_ETH + (tokens * SLASHED_RATE) / WAD;
      expect(aliceValue).to.equal(
        ether(1_000) + (tokensForEth(SEED_ETH, LST_POOL.rateWad, 18n) * SLASHED_RATE) / WAD,
      );
      expect(SEED_ETH * 2n - aliceValue, "≈ 100 ETH lost").to.be.greaterThan(ether(99.99));

      // The curve is now centred on 0.945: the pool holds more value in ETH than in LST, so the LST
      // trades above its new NAV (in NAV units) until arbitrage sells LST into the pool.
      const spot = await pool.spotPrice();
      expect(spot).to.equal(ref.spotPrice(slashed));
      expect(spot > WAD, "LST above its new NAV in NAV units").to.equal(true);
      const marketAfter = (spot * SLASHED_RATE) / WAD;
      expect(
        marketAfter < (LST_POOL.rateWad * 91n) / 100n,
        "market price fell with the NAV",
      ).to.equal(true);
      await pool
        .connect(alice)
        .removeLiquidity(await pool.balanceOf(alice.address), [0n, 0n], alice.address);
    });

    it("re-centres the LRT pool (21 decimals) the same way", async function () {
      const fixture = await networkHelpers.loadFixture(seededLrtPoolFixture);
      const before = await assertPoolInvariants(fixture);
      const fallen = (fixture.params.rateWad * 97n) / 100n;
      await fixture.rateProvider.setRate(fallen);
      const after = await assertPoolInvariants(fixture, before);
      expect(after.virtualPrice).to.equal(ref.virtualPrice({ ...before.state, rateWad: fallen }));
      expect(after.virtualPrice < before.virtualPrice).to.equal(true);
    });
  });

  describe("a rising rate", function () {
    it("raises the virtual price: the LPs hold the token and earn its rewards", async function () {
      const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
      const { pool, rateProvider, bob } = fixture;
      const before = await assertPoolInvariants(fixture);
      const risen = LST_POOL.rateWad + LST_POOL.rateWad / 2_000n; // +0.05 %, a few weeks of rewards
      await rateProvider.setRate(risen);
      await networkHelpers.mine(5);
      await pool.connect(bob).exchange(0n, 1n, 2n, 0n, bob.address, { value: 2n }); // reads the rate
      const after = await assertPoolInvariants(fixture, before);
      expect(await pool.storedRate()).to.equal(risen);
      expect(after.virtualPrice > before.virtualPrice).to.equal(true);
    });
  });
});
