/**
 * Trading: `exchange` and its quote `getDy`, in both directions, on the LST pool (18 decimals) and
 * the LRT pool (21 decimals); every revert; 1 wei, a trade larger than the pool, and the largest A.
 * Expected figures come from the reference model, never from the pool.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  marketPoolFixtures,
  tokensForEth,
  type PoolFixture,
} from "../helpers/fixtures/market-pool.js";
import { ether, WAD } from "../helpers/index.js";
import { assertPoolInvariants, readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployPool, seed, deployLstPoolFixture, seededLstPoolFixture, seededLrtPoolFixture } =
  marketPoolFixtures(connection);

/** A pool at ng's largest A (999,999), seeded like the others. */
async function seededMaxAPoolFixture() {
  return seed(
    await deployPool({
      decimals: 18n,
      rateWad: ether(1),
      a: 999_999n,
      fee: 4_000_000n,
      offpeg: 20_000_000_000n,
      maExpTime: 866n,
    }),
  );
}

async function expectTradeAsReference(fixture: PoolFixture, i: 0 | 1, dx: bigint) {
  const { pool, token, bob, carol, params } = fixture;
  const before = await assertPoolInvariants(fixture);
  const state = await readPoolState(pool, params.decimals);
  const expected = ref.exchange(state, i, dx);
  expect(await pool.getDy(i, 1 - i, dx), "getDy quotes the trade").to.equal(expected.dy);

  const tx = pool.connect(bob).exchange(i, 1 - i, dx, expected.dy, carol.address, {
    value: i === 0 ? dx : 0n,
  });
  if (i === 0) {
    await expect(tx).to.changeTokenBalances(
      ethers,
      token,
      [carol, pool],
      [expected.dy, -expected.dy],
    );
  } else {
    await expect(tx).to.changeEtherBalances(ethers, [carol, pool], [expected.dy, -expected.dy]);
  }
  await expect(tx)
    .to.emit(pool, "TokenExchange")
    .withArgs(bob.address, i, dx, 1 - i, expected.dy);
  expect(
    [await pool.balances(0n), await pool.balances(1n)],
    "balances after the trade",
  ).to.deep.equal(expected.balances);
  expect(await pool.adminBalances(1 - i), "the admin's half of the fee").to.equal(
    expected.adminFee,
  );
  await assertPoolInvariants(fixture, before, "exchange");
  return expected;
}

describe("StableSwapPool", function () {
  describe("exchange", function () {
    describe("when selling ETH for the LST", function () {
      it("pays the reference amount to the receiver and keeps INV-9", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const expected = await expectTradeAsReference(fixture, 0, ether(100));
        // 100 ETH buys a little less than 100 ETH of LST at rate 1.05: the fee and the curve's slope.
        expect(
          expected.dy < tokensForEth(ether(100), fixture.params.rateWad, 18n),
          "below NAV",
        ).to.equal(true);
      });
    });

    describe("when selling the LST for ETH", function () {
      it("pays the reference amount in ETH to the receiver", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expectTradeAsReference(fixture, 1, ether(250));
      });
    });

    describe("when trading the LRT (21 decimals)", function () {
      it("pays the reference amount both ways", async function () {
        const fixture = await networkHelpers.loadFixture(seededLrtPoolFixture);
        await expectTradeAsReference(fixture, 0, ether(40));
        await expectTradeAsReference(fixture, 1, 123_456_789_123_456_789_123n);
      });
    });

    describe("when selling 1 wei", function () {
      it("reverts ExchangeTooSmall: 1 wei of ETH frees less than 1 wei of the LST's xp", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, bob } = fixture;
        const state = await readPoolState(pool, 18n);
        // Balanced, 1 wei of ETH is worth 0.9999… wei of the LST's xp: the balance the pool keeps,
        // rounded up (⌈y⌉), is the whole xp₁, so there is nothing to pay. ng's floored get_y gave
        // xp₁ − 1 and paid 0 (its −1 wei).
        const [x0, x1] = ref.xpOf(state);
        expect(ref.getY(x0 + 1n, ref.getD(x0, x1, state.amp), state.amp), "⌈y⌉").to.equal(x1);
        await expect(pool.getDy(0n, 1n, 1n))
          .to.be.revertedWithCustomError(pool, "ExchangeTooSmall")
          .withArgs(0n, 1n);
        await expect(pool.connect(bob).exchange(0n, 1n, 1n, 0n, bob.address, { value: 1n }))
          .to.be.revertedWithCustomError(pool, "ExchangeTooSmall")
          .withArgs(0n, 1n);
      });
    });

    describe("when selling 2 wei", function () {
      it("pays nothing: the 1 wei taken off for rounding goes to the pool", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const expected = await expectTradeAsReference(fixture, 0, 2n);
        expect(expected.dy, "2 wei buy 0").to.equal(0n);
      });
    });

    describe("when selling less than one wei of value (980 units of the 21-decimal LRT)", function () {
      it("reverts ExchangeTooSmall: the sale adds nothing to the curve, so nothing can be paid", async function () {
        const fixture = await networkHelpers.loadFixture(seededLrtPoolFixture);
        const { pool, bob } = fixture;
        const state = await readPoolState(pool, 21n);
        // 980 × 1.02e15 / 1e18 = 0.9996: the sale adds 0 to coin 1's xp, so y solves back to xp₀ and
        // ng's Δ = xp₀ − y − 1 would be −1 wei (ng and this pool used to revert on the underflow).
        const rate1 = ref.scaledRate(state.rateWad, 21n);
        expect((980n * rate1) / WAD, "xp added").to.equal(0n);
        const [x0, x1] = ref.xpOf(state);
        const y = ref.getY(x1, ref.getD(x0, x1, state.amp), state.amp);
        expect(y >= x0, "y at or above the ETH xp").to.equal(true);
        await expect(pool.getDy(1n, 0n, 980n))
          .to.be.revertedWithCustomError(pool, "ExchangeTooSmall")
          .withArgs(1n, 980n);
        await expect(pool.connect(bob).exchange(1n, 0n, 980n, 0n, bob.address))
          .to.be.revertedWithCustomError(pool, "ExchangeTooSmall")
          .withArgs(1n, 980n);
      });
    });

    describe("when a dust trade is sold back (the fuzz tests' round trip, on the pool)", function () {
      // Counterexamples to ng's rounding, found by replaying ng's floored maths (the reference model
      // before this fix) over pools this contract deploys: ng paid 27 wei for 24 (18 decimals) and
      // 505 wei for 499 (21 decimals). Rounded for the pool, each leg keeps ⌈y⌉ + 1 wei and a fee of at
      // least 1 wei, so the trader gets back less than he sold.
      const roundTrips = [
        {
          decimals: 18n,
          a: 1n,
          balances: [54_270_956_683_847_914_225_664n, 4_807_835_573_677_803_438_080n] as const,
          sold: 24n,
          ngReturned: 27n,
        },
        {
          decimals: 21n,
          a: 2n,
          balances: [12_013_901_053_519_277_850_624n, 40_760_637_474_401_949_843_456n] as const,
          sold: 499n,
          ngReturned: 505n,
        },
      ];
      for (const { decimals, a, balances, sold, ngReturned } of roundTrips) {
        it(`a dust round trip ETH→LST→ETH never returns more than it took, at ${decimals} decimals (ng: ${sold} → ${ngReturned} wei)`, async function () {
          const fixture = await deployPool({
            decimals,
            rateWad: WAD,
            a,
            fee: 1_000_000n,
            offpeg: 100_000_000_000n,
            maExpTime: 866n,
          });
          const { pool, alice } = fixture;
          await pool
            .connect(alice)
            .addLiquidity([...balances], 0n, alice.address, { value: balances[0] });
          const bought = (await expectTradeAsReference(fixture, 0, sold)).dy;
          expect(bought > 0n, "the dust buys some of the token").to.equal(true);
          const returned = (await expectTradeAsReference(fixture, 1, bought)).dy;
          expect(returned <= sold, `sold ${sold} wei, got back ${returned}`).to.equal(true);
        });
      }
    });

    describe("when selling ten times the pool's token balance", function () {
      it("pays less than the pool's whole ETH balance", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const ethBalance = await fixture.pool.balances(0n);
        const expected = await expectTradeAsReference(
          fixture,
          1,
          (await fixture.pool.balances(1n)) * 10n,
        );
        expect(expected.dy < ethBalance, "some ETH is always left").to.equal(true);
        expect((await fixture.pool.balances(0n)) > 0n, "ETH balance stays positive").to.equal(true);
      });
    });

    describe("when A is ng's largest (999,999)", function () {
      it("trades at almost exactly the NAV, as the reference", async function () {
        const fixture = await networkHelpers.loadFixture(seededMaxAPoolFixture);
        const expected = await expectTradeAsReference(fixture, 0, ether(500));
        // Half the pool's ETH side sold: still within the fee (0.04 %) plus 0.001 % of the NAV.
        expect(expected.dy >= (ether(500) * 99_950n) / 100_000n, "near constant-sum").to.equal(
          true,
        );
      });
    });

    describe("when the arguments are wrong", function () {
      it("reverts with InvalidCoinIndex for a coin above 1", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(bob).exchange(2n, 0n, 1n, 0n, bob.address))
          .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
          .withArgs(2n);
        await expect(pool.connect(bob).exchange(0n, 3n, 1n, 0n, bob.address, { value: 1n }))
          .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
          .withArgs(3n);
      });

      it("reverts with SameCoin when i equals j", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(bob).exchange(1n, 1n, 1n, 0n, bob.address))
          .to.be.revertedWithCustomError(pool, "SameCoin")
          .withArgs(1n);
      });

      it("reverts with ZeroAmount for dx = 0", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(
          pool.connect(bob).exchange(0n, 1n, 0n, 0n, bob.address),
        ).to.be.revertedWithCustomError(pool, "ZeroAmount");
      });

      it("reverts with ZeroAddress for the zero receiver", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(bob).exchange(0n, 1n, 1n, 0n, ethers.ZeroAddress, { value: 1n }))
          .to.be.revertedWithCustomError(pool, "ZeroAddress")
          .withArgs("receiver");
      });

      it("reverts with EthAmountMismatch when the ETH sent is not dx", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(
          pool.connect(bob).exchange(0n, 1n, ether(2), 0n, bob.address, { value: ether(1) }),
        )
          .to.be.revertedWithCustomError(pool, "EthAmountMismatch")
          .withArgs(ether(1), ether(2));
      });

      it("reverts with EthAmountMismatch when ETH comes with a token sale", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(bob).exchange(1n, 0n, ether(1), 0n, bob.address, { value: 1n }))
          .to.be.revertedWithCustomError(pool, "EthAmountMismatch")
          .withArgs(1n, 0n);
      });
    });

    describe("when the output is below minDy", function () {
      it("reverts with ExchangeBelowMinimum carrying both amounts", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const dy = await pool.getDy(0n, 1n, ether(10));
        await expect(
          pool.connect(bob).exchange(0n, 1n, ether(10), dy + 1n, bob.address, { value: ether(10) }),
        )
          .to.be.revertedWithCustomError(pool, "ExchangeBelowMinimum")
          .withArgs(dy, dy + 1n);
      });
    });

    describe("when the pool is empty", function () {
      it("reverts with EmptyPool: there is nothing to buy", async function () {
        const { pool, bob } = await networkHelpers.loadFixture(deployLstPoolFixture);
        await expect(
          pool.connect(bob).exchange(0n, 1n, ether(1), 0n, bob.address, { value: ether(1) }),
        )
          .to.be.revertedWithCustomError(pool, "EmptyPool")
          .withArgs(0n, 0n, 0n);
      });
    });
  });

  describe("getDy", function () {
    it("reverts with InvalidCoinIndex and SameCoin like exchange", async function () {
      const { pool } = await networkHelpers.loadFixture(seededLstPoolFixture);
      await expect(pool.getDy(0n, 2n, 1n))
        .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
        .withArgs(2n);
      await expect(pool.getDy(0n, 0n, 1n))
        .to.be.revertedWithCustomError(pool, "SameCoin")
        .withArgs(0n);
    });

    it("quotes 0 for 2 wei", async function () {
      const { pool } = await networkHelpers.loadFixture(seededLstPoolFixture);
      const state = await readPoolState(pool, 18n);
      // Δ = xp_j − ⌈y⌉ − 1 with ⌈y⌉ = xp_j − 1: the −1 wei taken for rounding (ng's) makes the quote 0.
      expect(ref.exchange(state, 0, 2n).dy).to.equal(0n);
      expect(await pool.getDy(0n, 1n, 2n)).to.equal(0n);
    });
  });
});
