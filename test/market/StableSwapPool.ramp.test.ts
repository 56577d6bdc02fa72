/**
 * The amplification A: `rampA` and `stopRampA` with ng's bounds (≥ 1 day apart, ≥ 1 day long,
 * 0 < A < 1,000,000, ×10 or ÷10 at most), the linear interpolation of `A`/`APrecise`, and a ramp
 * moving the price of an imbalanced pool without a trade.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketPoolFixtures } from "../helpers/fixtures/market-pool.js";
import { DAY, ether } from "../helpers/index.js";
import { assertPoolInvariants, readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { seededLstPoolFixture } = marketPoolFixtures(connection);

/** The LST pool (A = 50) with a ramp to A = 200 over 10 days started by the admin. */
async function rampingPoolFixture() {
  const fixture = await seededLstPoolFixture();
  const start = BigInt(await time.latest()) + 1n;
  await time.setNextBlockTimestamp(start);
  await fixture.pool.connect(fixture.admin).rampA(200n, start + 10n * DAY);
  return { ...fixture, start, end: start + 10n * DAY };
}

/** ng's `_A()` at time t for a ramp from a0 at t0 to a1 at t1 (×100). */
function ampAt(a0: bigint, a1: bigint, t0: bigint, t1: bigint, t: bigint): bigint {
  if (t >= t1) return a1;
  return a1 > a0
    ? a0 + ((a1 - a0) * (t - t0)) / (t1 - t0)
    : a0 - ((a0 - a1) * (t - t0)) / (t1 - t0);
}

describe("StableSwapPool", function () {
  describe("rampA", function () {
    describe("when the admin ramps A up within the bounds", function () {
      it("emits RampA and moves A linearly to its target", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, admin } = fixture;
        const start = BigInt(await time.latest()) + 1n;
        await time.setNextBlockTimestamp(start);
        await expect(pool.connect(admin).rampA(200n, start + 10n * DAY))
          .to.emit(pool, "RampA")
          .withArgs(5_000n, 20_000n, start, start + 10n * DAY);
        expect(await pool.futureAPrecise()).to.equal(20_000n);
        expect(await pool.futureATime()).to.equal(start + 10n * DAY);
        for (const elapsed of [DAY, 3n * DAY + 7n, 10n * DAY - 1n]) {
          await time.increaseTo(start + elapsed);
          expect(await pool.APrecise(), `A × 100 after ${elapsed} s`).to.equal(
            ampAt(5_000n, 20_000n, start, start + 10n * DAY, start + elapsed),
          );
        }
        await time.increaseTo(start + 10n * DAY);
        expect(await pool.A()).to.equal(200n);
      });

      it("moves the spot price of an imbalanced pool without a trade", async function () {
        const fixture = await networkHelpers.loadFixture(rampingPoolFixture);
        const { pool, bob, end } = fixture;
        await pool
          .connect(bob)
          .exchange(0n, 1n, ether(600), 0n, bob.address, { value: ether(600) });
        const before = await pool.spotPrice();
        expect(before).to.equal(ref.spotPrice(await readPoolState(pool, 18n)));
        await time.increaseTo(end);
        const after = await pool.spotPrice();
        expect(after).to.equal(
          ref.spotPrice({ ...(await readPoolState(pool, 18n)), amp: 20_000n }),
        );
        // More ETH than LST in the pool: the LST trades above NAV, and a higher A flattens the curve.
        expect(after < before, `spot ${before} → ${after}`).to.equal(true);
      });
    });

    describe("when the admin ramps A down by exactly ÷10", function () {
      it("is accepted, moves A down linearly and reaches A = 5", async function () {
        const { pool, admin } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const start = BigInt(await time.latest()) + 1n;
        await time.setNextBlockTimestamp(start);
        await pool.connect(admin).rampA(5n, start + 2n * DAY);
        await time.increaseTo(start + DAY + 3n);
        expect(await pool.APrecise()).to.equal(
          ampAt(5_000n, 500n, start, start + 2n * DAY, start + DAY + 3n),
        );
        await time.increaseTo(start + 2n * DAY);
        expect(await pool.A()).to.equal(5n);
      });

      it("lowers the virtual price of an imbalanced pool with no trade and no rate fall (INV-9 holds at a fixed A)", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, admin, bob } = fixture;
        await pool
          .connect(bob)
          .exchange(0n, 1n, ether(600), 0n, bob.address, { value: ether(600) });
        const before = await assertPoolInvariants(fixture);
        const start = BigInt(await time.latest()) + 1n;
        await time.setNextBlockTimestamp(start);
        await pool.connect(admin).rampA(5n, start + 2n * DAY);
        await time.increaseTo(start + 2n * DAY);
        // Same balances, same rate, A 50 → 5: D of an imbalanced pool falls with A (it tends to
        // Σx as A grows and to 2·√(x₀x₁) as A shrinks), so every LP token is worth less in D.
        const state = await readPoolState(pool, 18n);
        expect(state.rateWad, "the rate did not move").to.equal(before.state.rateWad);
        const expected = ref.virtualPrice({ ...state, amp: 500n });
        expect(expected, "virtual price at A = 5").to.be.lessThan(before.virtualPrice);
        expect(await pool.getVirtualPrice()).to.equal(expected);
        await assertPoolInvariants(fixture, before);
      });
    });

    describe("when a bound is broken", function () {
      it("reverts with RampTooSoon less than a day after the last ramp began", async function () {
        const { pool, admin, start } = await networkHelpers.loadFixture(rampingPoolFixture);
        const now = start + DAY - 1n;
        await time.setNextBlockTimestamp(now);
        await expect(pool.connect(admin).rampA(100n, now + 2n * DAY))
          .to.be.revertedWithCustomError(pool, "RampTooSoon")
          .withArgs(now, start + DAY);
      });

      it("reverts with RampTooShort for a ramp shorter than a day", async function () {
        const { pool, admin } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const now = BigInt(await time.latest()) + 1n;
        await time.setNextBlockTimestamp(now);
        await expect(pool.connect(admin).rampA(100n, now + DAY - 1n))
          .to.be.revertedWithCustomError(pool, "RampTooShort")
          .withArgs(now + DAY - 1n, now + DAY);
      });

      it("reverts with AOutOfRange for A = 0 and A = 1,000,000", async function () {
        const { pool, admin } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const end = BigInt(await time.latest()) + 2n * DAY;
        await expect(pool.connect(admin).rampA(0n, end))
          .to.be.revertedWithCustomError(pool, "AOutOfRange")
          .withArgs(0n);
        await expect(pool.connect(admin).rampA(1_000_000n, end))
          .to.be.revertedWithCustomError(pool, "AOutOfRange")
          .withArgs(1_000_000n);
      });

      it("reverts with AChangeTooLarge beyond ×10 or ÷10", async function () {
        const { pool, admin } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const end = BigInt(await time.latest()) + 2n * DAY;
        await expect(pool.connect(admin).rampA(501n, end))
          .to.be.revertedWithCustomError(pool, "AChangeTooLarge")
          .withArgs(5_000n, 50_100n);
        await expect(pool.connect(admin).rampA(4n, end))
          .to.be.revertedWithCustomError(pool, "AChangeTooLarge")
          .withArgs(5_000n, 400n);
        await pool.connect(admin).rampA(500n, end); // exactly ×10 is allowed
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(stranger).rampA(100n, BigInt(await time.latest()) + 2n * DAY))
          .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await pool.DEFAULT_ADMIN_ROLE());
      });
    });
  });

  describe("stopRampA", function () {
    describe("when the admin stops a ramp halfway", function () {
      it("freezes A at its current value", async function () {
        const { pool, admin, start, end } = await networkHelpers.loadFixture(rampingPoolFixture);
        const stopAt = start + 5n * DAY;
        await time.setNextBlockTimestamp(stopAt);
        const current = ampAt(5_000n, 20_000n, start, end, stopAt);
        await expect(pool.connect(admin).stopRampA())
          .to.emit(pool, "StopRampA")
          .withArgs(current, stopAt);
        await time.increaseTo(end + DAY);
        expect(await pool.APrecise()).to.equal(current);
        expect(await pool.futureATime()).to.equal(stopAt);
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(rampingPoolFixture);
        await expect(pool.connect(stranger).stopRampA())
          .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await pool.DEFAULT_ADMIN_ROLE());
      });
    });
  });
});
