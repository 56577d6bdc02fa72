/**
 * The pool agrees to the wei with an independent TypeScript model of Curve stableswap-ng's maths
 * (`test/helpers/stableswap-reference.ts`) over a grid: A ∈ {5, 50, 500, 5,000}; coin 1 with 18
 * decimals (the LST) and 21 (the LRT); rate 1.0 and 1.123456789012345678; three pool shapes
 * (balanced, heavy in ETH, heavy in the token); trade and withdrawal sizes from 1 gwei to a third
 * of the pool. Every quote (`getDy`, `calcWithdrawOneCoin`, `calcTokenAmount`, `spotPrice`,
 * `getVirtualPrice`, `dynamicFee`) and, for one trade per shape, the executed trade.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  marketPoolFixtures,
  tokensForEth,
  type PoolParams,
} from "../helpers/fixtures/market-pool.js";
import { ether, gwei } from "../helpers/index.js";
import { readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployPool, seed } = marketPoolFixtures(connection);

const A_VALUES = [5n, 50n, 500n, 5_000n];
const DECIMALS = [18n, 21n];
const RATES = [10n ** 18n, 1_123_456_789_012_345_678n];
const ETH_SIZES = [gwei(1), ether(1), ether(37), ether(333)];

interface Case {
  name: string;
  params: PoolParams;
}

const cases: Case[] = [];
for (const a of A_VALUES) {
  for (const decimals of DECIMALS) {
    for (const rateWad of RATES) {
      cases.push({
        name: `A = ${a}, ${decimals} decimals, rate ${rateWad}`,
        params: { decimals, rateWad, a, fee: 4_000_000n, offpeg: 20_000_000_000n, maExpTime: 866n },
      });
    }
  }
}

async function mathHarnessFixture() {
  return { harness: await ethers.deployContract("PoolMathHarness") };
}

describe("StableSwapPool maths against the reference model", function () {
  describe("StableSwapMath on extreme inputs", function () {
    it("agrees with the reference from 1 wei to 1e30 wei a side, A from 1 to 999,999", async function () {
      const { harness } = await networkHelpers.loadFixture(mathHarnessFixture);
      for (const amp of [100n, 5_000n, 99_999_900n]) {
        for (const [x0, x1] of [
          [1n, 1n],
          [10n ** 18n, 10n ** 18n],
          [10n ** 30n, 3n * 10n ** 29n],
          [7n * 10n ** 20n, 10n ** 22n],
        ]) {
          const d = ref.getD(x0, x1, amp);
          expect(await harness.getD(x0, x1, amp), `getD(${x0}, ${x1}, ${amp})`).to.equal(d);
          expect(await harness.getY(x0 + x0 / 3n, d, amp), "getY").to.equal(
            ref.getY(x0 + x0 / 3n, d, amp),
          );
          expect(await harness.spotPrice(x0, x1, amp, d), "spotPrice").to.equal(
            ref.spotPriceXp(x0, x1, amp, d),
          );
          expect(
            await harness.dynamicFee(x0, x1, 4_000_000n, 20_000_000_000n),
            "dynamicFee",
          ).to.equal(ref.dynamicFee(x0, x1, 4_000_000n, 20_000_000_000n));
        }
      }
    });

    it("converges where ng's getD raises: 1e6 : 100 wei at A = 1 (a 10,000 : 1 imbalance)", async function () {
      const { harness } = await networkHelpers.loadFixture(mathHarnessFixture);
      // ng's floored Newton step overshoots and oscillates here for 255 rounds and raises (the pool
      // used to revert DidNotConverge). Rounded up, every step stays above the root and the iteration
      // ends; the result is the exact ⌈D⌉: the invariant is ≤ 0 at D and > 0 at D − 1.
      const [x0, x1, amp] = [10n ** 6n, 100n, 100n];
      const d = await harness.getD(x0, x1, amp);
      expect(d, "⌈D⌉").to.equal(91_399n);
      expect(d, "the reference (bisection)").to.equal(ref.getD(x0, x1, amp));
      expect(ref.invariantSign(x0, x1, d, amp), "at or above the root").to.be.at.most(0);
      expect(ref.invariantSign(x0, x1, d - 1n, amp), "D − 1 below it").to.equal(1);
    });

    it("reverts InvariantOutOfRange from D = 2^124 wei, where the exact test of the invariant could overflow", async function () {
      const { harness } = await networkHelpers.loadFixture(mathHarnessFixture);
      // Balanced, Newton lands on D = x0 + x1 at once, and D − 1 is tested: in range while it is below
      // 2^124 wei (2.1e37 wei, 2e19 ETH).
      const side = 2n ** 123n + 1n;
      await expect(harness.getD(side, side, 100n))
        .to.be.revertedWithCustomError(harness, "InvariantOutOfRange")
        .withArgs(side, side, 2n * side - 1n, 200n);
      const below = 2n ** 123n;
      expect(await harness.getD(below, below, 100n), "just below the range").to.equal(2n * below);
    });

    it("converges at 1 : 1e12 at A = 1 and at 1 : 1e24 at A = 999,999", async function () {
      const { harness } = await networkHelpers.loadFixture(mathHarnessFixture);
      for (const [x0, x1, amp] of [
        [10n ** 30n, 10n ** 18n, 100n],
        [1n, 10n ** 24n, 99_999_900n],
      ]) {
        expect(await harness.getD(x0, x1, amp), `getD(${x0}, ${x1}, ${amp})`).to.equal(
          ref.getD(x0, x1, amp),
        );
      }
    });
  });

  for (const { name, params } of cases) {
    const seededPoolFixture = async function seededPoolFixture() {
      return seed(await deployPool(params));
    };
    Object.defineProperty(seededPoolFixture, "name", { value: `seeded ${name}` });

    describe(`when ${name}`, function () {
      it("quotes and executes every operation to the wei in three pool shapes", async function () {
        const fixture = await networkHelpers.loadFixture(seededPoolFixture);
        const { pool, bob, alice } = fixture;
        const tokenSizes = ETH_SIZES.map((eth) =>
          tokensForEth(eth, params.rateWad, params.decimals),
        );

        // Shape 1 balanced; shape 2 after selling 600 ETH; shape 3 after selling back twice as much value.
        const shapeTrades: [0 | 1, bigint][] = [
          [0, 0n],
          [0, ether(600)],
          [1, tokensForEth(ether(1_200), params.rateWad, params.decimals)],
        ];
        for (const [i, dx] of shapeTrades) {
          if (dx !== 0n) {
            const state = await readPoolState(pool, params.decimals);
            const expected = ref.exchange(state, i, dx);
            await expect(
              pool
                .connect(bob)
                .exchange(i, 1 - i, dx, expected.dy, bob.address, { value: i === 0 ? dx : 0n }),
            )
              .to.emit(pool, "TokenExchange")
              .withArgs(bob.address, i, dx, 1 - i, expected.dy);
            expect(await pool.balances(0n), "balance 0 after the trade").to.equal(
              expected.balances[0],
            );
            expect(await pool.balances(1n), "balance 1 after the trade").to.equal(
              expected.balances[1],
            );
            expect(await pool.lastPrice(), "lastPrice after the trade").to.equal(
              ref.capPrice(expected.price),
            );
          }
          const state = await readPoolState(pool, params.decimals);
          const [x0, x1] = ref.xpOf(state);
          expect(await pool.spotPrice(), "spotPrice").to.equal(ref.spotPrice(state));
          expect(await pool.getVirtualPrice(), "getVirtualPrice").to.equal(ref.virtualPrice(state));
          expect(await pool.dynamicFee(0n, 1n), "dynamicFee").to.equal(
            ref.dynamicFee(x0, x1, state.fee, state.offpeg),
          );
          for (let k = 0; k < ETH_SIZES.length; k++) {
            expect(await pool.getDy(0n, 1n, ETH_SIZES[k]), `getDy(0, 1, ${ETH_SIZES[k]})`).to.equal(
              ref.exchange(state, 0, ETH_SIZES[k]).dy,
            );
            expect(
              await pool.getDy(1n, 0n, tokenSizes[k]),
              `getDy(1, 0, ${tokenSizes[k]})`,
            ).to.equal(ref.exchange(state, 1, tokenSizes[k]).dy);
          }
          for (const burn of [gwei(1), state.supply / 100n, state.supply / 3n]) {
            for (const coin of [0, 1] as const) {
              expect(
                await pool.calcWithdrawOneCoin(burn, coin),
                `calcWithdrawOneCoin(${burn}, ${coin})`,
              ).to.equal(ref.calcWithdrawOneCoin(state, burn, coin).dy);
            }
          }
          const deposits: [bigint, bigint][] = [
            [ether(10), tokenSizes[1] * 10n],
            [ether(50), 0n],
            [0n, tokenSizes[2]],
          ];
          for (const amounts of deposits) {
            expect(await pool.calcTokenAmount(amounts), `calcTokenAmount(${amounts})`).to.equal(
              ref.addLiquidity(state, amounts).minted,
            );
          }
        }

        // The executed versions on the last shape: an imbalanced deposit and a one-coin withdrawal.
        let state = await readPoolState(pool, params.decimals);
        const deposit = ref.addLiquidity(state, [ether(20), tokenSizes[0]]);
        await expect(
          pool
            .connect(alice)
            .addLiquidity([ether(20), tokenSizes[0]], deposit.minted, alice.address, {
              value: ether(20),
            }),
        )
          .to.emit(pool, "AddLiquidity")
          .withArgs(
            alice.address,
            [ether(20), tokenSizes[0]],
            deposit.fees,
            deposit.d,
            state.supply + deposit.minted,
          );
        expect(
          (await pool.adminBalances(0n)) + (await pool.adminBalances(1n)) > 0n,
          "admin fees accrue",
        ).to.equal(true);
        state = await readPoolState(pool, params.decimals);
        expect(state.balances, "balances after the deposit").to.deep.equal(deposit.balances);
        const burn = state.supply / 10n;
        const withdrawal = ref.calcWithdrawOneCoin(state, burn, 1);
        await expect(
          pool.connect(alice).removeLiquidityOneCoin(burn, 1n, withdrawal.dy, alice.address),
        )
          .to.emit(pool, "RemoveLiquidityOne")
          .withArgs(alice.address, 1n, burn, withdrawal.dy, state.supply - burn);
        expect(await pool.balances(1n), "token balance after the withdrawal").to.equal(
          withdrawal.balances[1],
        );
        expect(await pool.lastPrice(), "lastPrice after the withdrawal").to.equal(
          ref.capPrice(withdrawal.price),
        );
      });
    });
  }
});
