/**
 * INV-9 over a long mixed sequence: 60 operations drawn by a fixed pseudo-random sequence (trades
 * both ways, deposits of any shape, proportional and one-coin withdrawals, admin-fee withdrawals,
 * small rate rises, and one slashing) on the LST pool and on the LRT pool, with
 * `assertPoolInvariants` after every step: the pool holds its balances plus admin fees, D never
 * falls on a trade, the virtual price never falls except with the rate.
 */
import { network } from "hardhat";

import { marketPoolFixtures, type PoolFixture } from "../helpers/fixtures/market-pool.js";
import { assertPoolInvariants } from "../helpers/pool-invariants.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { seededLstPoolFixture, seededLrtPoolFixture } = marketPoolFixtures(connection);

/** A 32-bit linear congruential generator (Numerical Recipes): the same draws on every run. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return (bound: bigint): bigint => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return (BigInt(state) * bound) >> 32n;
  };
}

async function runSequence(fixture: PoolFixture, seed: number) {
  const { pool, rateProvider, alice, bob, carol, admin, params } = fixture;
  const draw = lcg(seed);
  const unit = 10n ** params.decimals;
  let snapshot = await assertPoolInvariants(fixture);
  for (let step = 0; step < 60; step++) {
    const kind = step === 30 ? 7n : draw(7n);
    let exchangeStep = false;
    if (kind === 0n) {
      const dx = 1n + draw(300n * 10n ** 18n);
      await pool.connect(bob).exchange(0n, 1n, dx, 0n, bob.address, { value: dx });
      exchangeStep = true;
    } else if (kind === 1n) {
      const dx = 1n + draw(300n * unit);
      await pool.connect(bob).exchange(1n, 0n, dx, 0n, bob.address);
      exchangeStep = true;
    } else if (kind === 2n) {
      const amounts: [bigint, bigint] = [draw(100n * 10n ** 18n), draw(100n * unit)];
      if (amounts[0] + amounts[1] === 0n) amounts[0] = 1n;
      await pool.connect(carol).addLiquidity(amounts, 0n, carol.address, { value: amounts[0] });
    } else if (kind === 3n) {
      const burn = 1n + draw((await pool.balanceOf(alice.address)) / 20n);
      await pool.connect(alice).removeLiquidity(burn, [0n, 0n], alice.address);
    } else if (kind === 4n) {
      const burn = 1n + draw((await pool.balanceOf(alice.address)) / 20n);
      await pool.connect(alice).removeLiquidityOneCoin(burn, draw(2n), 0n, alice.address);
    } else if (kind === 5n) {
      await pool.connect(admin).withdrawAdminFees(admin.address);
    } else if (kind === 6n) {
      const rate = await rateProvider.getRate();
      await rateProvider.setRate(rate + (rate * draw(5n)) / 10_000n); // rewards: up to +0.04 %
    } else {
      const rate = await rateProvider.getRate();
      await rateProvider.setRate((rate * 97n) / 100n); // a 3 % slashing
    }
    snapshot = await assertPoolInvariants(fixture, snapshot, exchangeStep ? "exchange" : "other");
  }
}

describe("StableSwapPool INV-9", function () {
  describe("when 60 mixed operations run on the LST pool", function () {
    it("holds after every step", async function () {
      await runSequence(await networkHelpers.loadFixture(seededLstPoolFixture), 20_220_613);
    });
  });

  describe("when 60 mixed operations run on the LRT pool (21 decimals)", function () {
    it("holds after every step", async function () {
      await runSequence(await networkHelpers.loadFixture(seededLrtPoolFixture), 20_240_424);
    });
  });
});
