/**
 * The pool keeps each coin's balance in 128 bits (`uint128[2]`, one slot). A token of 36 decimals (the
 * most the constructor accepts) reaches 2^128 units at about 340 whole tokens, so the bound is near.
 * Before the audit fix (review-ss), `exchange` credited `uint128(dx)` and `addLiquidity` `uint128(old +
 * amount)`: a sale of 2^128 + k units was priced on all of it but credited k, so the trader took the
 * pool's ETH and the LPs' books kept none of the 2^128 units paid (stuck in the pool forever); a
 * deposit above the bound was credited modulo 2^128 and minted on that. Every such amount now reverts
 * `BalanceTooLarge` with the coin, the balance it would reach, and the bound. Measured before the fix:
 * in a pool of 100 ETH + 100 tokens, selling 2^128 + 1e36 units paid the seller 99.76 ETH, the books
 * gained 1 token (the 340 others stuck), and the virtual price fell from 1.0 to 0.335.
 * Last, the proportional exit needs no maths: it stays open even where one absurdly large sale has
 * left the pool beyond the range of getD's checked arithmetic.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketPoolFixtures, type PoolParams } from "../helpers/fixtures/market-pool.js";
import { ether } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployPool, seededLstPoolFixture } = marketPoolFixtures(connection);

const MAX_BALANCE = 2n ** 128n - 1n;
const TOKEN = 10n ** 36n; // one whole token of 36 decimals

/** A pool of a 36-decimal token at rate 1 (its xp is its balance / 1e18), otherwise the LST pool's. */
const WIDE_POOL: PoolParams = {
  decimals: 36n,
  rateWad: 10n ** 18n,
  a: 50n,
  fee: 4_000_000n,
  offpeg: 20_000_000_000n,
  maExpTime: 866n,
};

/** The 36-decimal pool, empty; alice holds 1,000 tokens more than the fixture's 1,000,000 ETH worth. */
async function deployWidePoolFixture() {
  const fixture = await deployPool(WIDE_POOL);
  await fixture.token.mint(fixture.alice.address, 1_000n * TOKEN);
  return fixture;
}

/** The 36-decimal pool seeded by alice with 100 ETH and 100 tokens (1e38 units, below 2^128). */
async function seededWidePoolFixture() {
  const fixture = await deployPool(WIDE_POOL);
  const { pool, token, alice, attacker } = fixture;
  await pool
    .connect(alice)
    .addLiquidity([ether(100), 100n * TOKEN], 0n, alice.address, { value: ether(100) });
  await token.mint(attacker.address, 1_000n * TOKEN);
  return fixture;
}

describe("StableSwapPool balances", function () {
  describe("exchange", function () {
    describe("when the sale would take coin 1's balance to 2^128 units or more", function () {
      it("reverts with BalanceTooLarge where it credited dx modulo 2^128", async function () {
        const { pool, attacker } = await networkHelpers.loadFixture(seededWidePoolFixture);
        const dx = 2n ** 128n + TOKEN; // 341.28 tokens: priced on all of it, credited 1 token before the fix
        await expect(pool.connect(attacker).exchange(1n, 0n, dx, 0n, attacker.address))
          .to.be.revertedWithCustomError(pool, "BalanceTooLarge")
          .withArgs(1n, 100n * TOKEN + dx, MAX_BALANCE);
      });

      it("reverts with BalanceTooLarge one unit past the bound", async function () {
        const { pool, attacker } = await networkHelpers.loadFixture(seededWidePoolFixture);
        const dx = MAX_BALANCE - 100n * TOKEN + 1n;
        await expect(pool.connect(attacker).exchange(1n, 0n, dx, 0n, attacker.address))
          .to.be.revertedWithCustomError(pool, "BalanceTooLarge")
          .withArgs(1n, MAX_BALANCE + 1n, MAX_BALANCE);
      });

      it("credits a sale that takes the balance exactly to the bound", async function () {
        const { pool, attacker } = await networkHelpers.loadFixture(seededWidePoolFixture);
        const dx = MAX_BALANCE - 100n * TOKEN;
        await pool.connect(attacker).exchange(1n, 0n, dx, 0n, attacker.address);
        expect(await pool.balances(1n)).to.equal(MAX_BALANCE);
      });
    });
  });

  describe("addLiquidity", function () {
    describe("when the first deposit is 2^128 units of coin 1 or more", function () {
      it("reverts with BalanceTooLarge where it credited the deposit modulo 2^128", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployWidePoolFixture);
        // 1e39 units, 2.94 × 2^128: credited as 319.4 tokens (and minted on them) before the fix
        const amount = 1_000n * TOKEN;
        await expect(
          pool
            .connect(alice)
            .addLiquidity([ether(1_000), amount], 0n, alice.address, { value: ether(1_000) }),
        )
          .to.be.revertedWithCustomError(pool, "BalanceTooLarge")
          .withArgs(1n, amount, MAX_BALANCE);
      });
    });

    describe("when a later deposit would take coin 1's balance past 2^128 units", function () {
      it("reverts with BalanceTooLarge", async function () {
        const { pool, attacker } = await networkHelpers.loadFixture(seededWidePoolFixture);
        const amount = MAX_BALANCE - 100n * TOKEN + 1n;
        await expect(pool.connect(attacker).addLiquidity([0n, amount], 0n, attacker.address))
          .to.be.revertedWithCustomError(pool, "BalanceTooLarge")
          .withArgs(1n, MAX_BALANCE + 1n, MAX_BALANCE);
      });
    });
  });

  describe("removeLiquidity", function () {
    describe("when one sale has left the pool beyond getD's domain ((x₀ + x₁)³ / min > 2^256)", function () {
      // 1.9e37 units of an 18-decimal token (1.9e19 tokens, more than any ETH-backed LST could be)
      // sold into 1,000 + 1,000: the pool keeps 0.4 ETH against 2e37 wei of xp, and every later call
      // that computes D (exchange, quotes, deposits, one-coin withdrawals) overflows. Audit note: not
      // reachable with a token backed by real ETH; the proportional exit must stay open regardless.
      it("still pays an LP its share of both coins", async function () {
        const { pool, token, alice, attacker } =
          await networkHelpers.loadFixture(seededLstPoolFixture);
        const dx = 19n * 10n ** 36n;
        await token.mint(attacker.address, dx);
        await pool.connect(attacker).exchange(1n, 0n, dx, 0n, attacker.address);
        await expect(pool.getVirtualPrice()).to.be.revertedWithPanic(0x11);
        const [ethBalance, tokenBalance] = [await pool.balances(0n), await pool.balances(1n)];
        const supply = await pool.totalSupply();
        const burn = await pool.balanceOf(alice.address);
        const tx = pool.connect(alice).removeLiquidity(burn, [0n, 0n], alice.address);
        await expect(tx).to.changeTokenBalance(
          ethers,
          token,
          alice,
          (tokenBalance * burn) / supply,
        );
        expect(await pool.balances(0n)).to.equal(ethBalance - (ethBalance * burn) / supply);
      });
    });
  });
});
