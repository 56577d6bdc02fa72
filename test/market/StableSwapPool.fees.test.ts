/**
 * Fees: ng's dynamic (off-peg) fee, half of every fee to the admin, and `withdrawAdminFees`.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketPoolFixtures, LST_POOL } from "../helpers/fixtures/market-pool.js";
import { ether } from "../helpers/index.js";
import { assertPoolInvariants, readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployPool, seed, seededLstPoolFixture } = marketPoolFixtures(connection);

/** The LST pool after bob sold 800 ETH into it: 1,800 ETH against what is left of the LST. */
async function ethHeavyPoolFixture() {
  const fixture = await seededLstPoolFixture();
  await fixture.pool
    .connect(fixture.bob)
    .exchange(0n, 1n, ether(800), 0n, fixture.bob.address, { value: ether(800) });
  return fixture;
}

/** The same pool with no off-peg multiplier (1e10 = ×1): the fee is flat. */
async function flatFeePoolFixture() {
  return seed(await deployPool({ ...LST_POOL, offpeg: 10_000_000_000n }));
}

describe("StableSwapPool", function () {
  describe("dynamicFee", function () {
    describe("when the pool is balanced", function () {
      it("is the base fee, to the rounding of the token's rate", async function () {
        const { pool } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const [x0, x1] = ref.xpOf(await readPoolState(pool, 18n));
        expect(await pool.dynamicFee(0n, 1n)).to.equal(
          ref.dynamicFee(x0, x1, LST_POOL.fee, LST_POOL.offpeg),
        );
        expect(LST_POOL.fee - (await pool.dynamicFee(1n, 0n)) <= 1n, "within 1 of 0.04 %").to.equal(
          true,
        );
      });
    });

    describe("when the pool is off peg (800 ETH sold into it)", function () {
      it("rises towards fee × multiplier, as ng's formula", async function () {
        const { pool } = await networkHelpers.loadFixture(ethHeavyPoolFixture);
        const [x0, x1] = ref.xpOf(await readPoolState(pool, 18n));
        const expected = ref.dynamicFee(x0, x1, LST_POOL.fee, LST_POOL.offpeg);
        expect(await pool.dynamicFee(0n, 1n)).to.equal(expected);
        // 4·x0·x1/(x0 + x1)² ≈ 0.35 here: the fee is 2f/(0.35 + 1) ≈ 1.5 × the base fee.
        expect(
          expected > (LST_POOL.fee * 14n) / 10n && expected < (LST_POOL.fee * 16n) / 10n,
        ).to.equal(true);
      });

      it("charges a trade that rebalances less than one that unbalances further", async function () {
        // The same 50 ETH of value, sold each way from the same off-peg pool: the admin's half of the fee
        // per unit paid out is the fee rate each trade was charged.
        const rebalancing = await networkHelpers.loadFixture(ethHeavyPoolFixture);
        const tokens = (ether(50) * 10n ** 18n) / LST_POOL.rateWad;
        const dyEth = await rebalancing.pool.getDy(1n, 0n, tokens);
        await rebalancing.pool
          .connect(rebalancing.bob)
          .exchange(1n, 0n, tokens, 0n, rebalancing.bob.address);
        const rebalanceRate = ((await rebalancing.pool.adminBalances(0n)) * 10n ** 18n) / dyEth;

        const unbalancing = await networkHelpers.loadFixture(ethHeavyPoolFixture);
        const feesBefore = await unbalancing.pool.adminBalances(1n);
        const dyTokens = await unbalancing.pool.getDy(0n, 1n, ether(50));
        await unbalancing.pool
          .connect(unbalancing.bob)
          .exchange(0n, 1n, ether(50), 0n, unbalancing.bob.address, { value: ether(50) });
        const unbalanceRate =
          (((await unbalancing.pool.adminBalances(1n)) - feesBefore) * 10n ** 18n) / dyTokens;
        expect(
          rebalanceRate < unbalanceRate,
          `rebalancing ${rebalanceRate} < unbalancing ${unbalanceRate}`,
        ).to.equal(true);
      });
    });

    describe("when the multiplier is ×1 (1e10)", function () {
      it("is the base fee at any imbalance", async function () {
        const fixture = await networkHelpers.loadFixture(flatFeePoolFixture);
        await fixture.pool
          .connect(fixture.bob)
          .exchange(0n, 1n, ether(900), 0n, fixture.bob.address, { value: ether(900) });
        expect(await fixture.pool.dynamicFee(0n, 1n)).to.equal(LST_POOL.fee);
      });
    });

    it("reverts with InvalidCoinIndex and SameCoin", async function () {
      const { pool } = await networkHelpers.loadFixture(seededLstPoolFixture);
      await expect(pool.dynamicFee(2n, 0n))
        .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
        .withArgs(2n);
      await expect(pool.dynamicFee(1n, 1n))
        .to.be.revertedWithCustomError(pool, "SameCoin")
        .withArgs(1n);
    });
  });

  describe("admin fees", function () {
    describe("when trades pay fees", function () {
      it("keeps half of each fee for the admin, outside the LPs' balances", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, bob } = fixture;
        const state = await readPoolState(pool, 18n);
        const trade = ref.exchange(state, 0, ether(100));
        await pool
          .connect(bob)
          .exchange(0n, 1n, ether(100), 0n, bob.address, { value: ether(100) });
        expect(await pool.adminBalances(1n)).to.equal(trade.adminFee);
        expect(await pool.adminBalances(0n)).to.equal(0n);
        expect(trade.adminFee > 0n).to.equal(true);
        await assertPoolInvariants(fixture);
      });
    });
  });

  describe("withdrawAdminFees", function () {
    describe("when the admin withdraws", function () {
      it("pays both coins to the receiver, zeroes them and moves no price", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, token, bob, admin, carol } = fixture;
        await pool
          .connect(bob)
          .exchange(0n, 1n, ether(100), 0n, bob.address, { value: ether(100) });
        await pool.connect(bob).exchange(1n, 0n, ether(150), 0n, bob.address);
        const fees: [bigint, bigint] = [await pool.adminBalances(0n), await pool.adminBalances(1n)];
        expect(fees[0] > 0n && fees[1] > 0n, "both coins earned fees").to.equal(true);
        const before = await assertPoolInvariants(fixture);
        const spot = await pool.spotPrice();
        const tx = pool.connect(admin).withdrawAdminFees(carol.address);
        await expect(tx).to.emit(pool, "AdminFeesWithdrawn").withArgs(carol.address, fees);
        await expect(tx).to.changeEtherBalances(ethers, [carol, pool], [fees[0], -fees[0]]);
        await expect(tx).to.changeTokenBalances(ethers, token, [carol, pool], [fees[1], -fees[1]]);
        expect([await pool.adminBalances(0n), await pool.adminBalances(1n)]).to.deep.equal([
          0n,
          0n,
        ]);
        expect(await pool.spotPrice(), "spot price").to.equal(spot);
        const after = await assertPoolInvariants(fixture, before);
        expect(after.virtualPrice, "virtual price").to.equal(before.virtualPrice);
      });

      it("pays nothing when nothing accrued", async function () {
        const { pool, admin } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(admin).withdrawAdminFees(admin.address))
          .to.emit(pool, "AdminFeesWithdrawn")
          .withArgs(admin.address, [0n, 0n]);
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(stranger).withdrawAdminFees(stranger.address))
          .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await pool.DEFAULT_ADMIN_ROLE());
      });
    });

    describe("when the receiver is zero", function () {
      it("reverts with ZeroAddress", async function () {
        const { pool, admin } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(admin).withdrawAdminFees(ethers.ZeroAddress))
          .to.be.revertedWithCustomError(pool, "ZeroAddress")
          .withArgs("receiver");
      });
    });
  });
});
