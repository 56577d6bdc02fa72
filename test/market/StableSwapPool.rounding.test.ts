/**
 * The pool's rounding rule, as properties of the reference model (which the pool matches to the wei:
 * `StableSwapPool.reference.test.ts`): over random pools of both decimals, rates, A and fees, a trader
 * or a depositor who goes out and back never ends with more than he brought. fast-check, seeded, no
 * chain: the model is plain bigint, so many pools cost little.
 */
import { expect } from "chai";
import fc from "fast-check";

import * as ref from "../helpers/stableswap-reference.js";

const SEED = 11;
const RUNS = 1_000;

/** A pool a StableSwapPool could be: 18 or 21 decimals, rate 0.9–1.2, A 1–5,000, fee 0.01–1 %, from
 * 0.001 ETH to 1e7 ETH, up to 1 : 1,000 either way. */
const poolArbitrary = fc
  .record({
    decimals: fc.constantFrom(18n, 21n),
    rateWad: fc.bigInt(9n * 10n ** 17n, 12n * 10n ** 17n),
    a: fc.constantFrom(1n, 2n, 5n, 50n, 500n, 5_000n),
    fee: fc.constantFrom(1_000_000n, 4_000_000n, 100_000_000n),
    offpeg: fc.constantFrom(10_000_000_000n, 20_000_000_000n, 100_000_000_000n),
    eth: fc
      .constantFrom(10n ** 15n, 10n ** 18n, 10n ** 21n, 10n ** 24n)
      .chain((scale) => fc.bigInt(scale, 10n * scale)),
    imbalanceTenths: fc.integer({ min: -30, max: 30 }), // the token's value per ETH: 10^(k/10)
  })
  .map(({ decimals, rateWad, a, fee, offpeg, eth, imbalanceTenths }): ref.PoolState => {
    // 10^(k/10) in parts per million, from 1 : 1,000 to 1,000 : 1, every tenth of a decade alike.
    const ppm = BigInt(Math.round(10 ** (imbalanceTenths / 10) * 1e6));
    const tokens = (((eth * ppm) / 1_000_000n) * 10n ** decimals) / rateWad;
    const seeded: ref.PoolState = {
      balances: [eth, tokens],
      rateWad,
      decimals,
      amp: a * ref.A_PRECISION,
      fee,
      offpeg,
      supply: 0n,
    };
    return { ...seeded, supply: ref.addLiquidity(seeded, [eth, tokens]).minted };
  });

/** A size from 1 wei to 10 % of `balance`, every order of magnitude alike. */
const sizeArbitrary = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), // dust half the time
  fc.integer({ min: 0, max: 999_999 }),
);
function sizeOf([decade, millionths]: [number, number], balance: bigint): bigint {
  const cap = balance / 10n > 0n ? balance / 10n : 1n;
  const unit = 10n ** BigInt(decade);
  const size = unit + (BigInt(millionths) * unit) / 1_000_000n;
  return size > cap ? 1n + (size % cap) : size;
}

/** Runs `fn`, or returns undefined where the pool itself would revert (too small, emptied coin). */
function unlessRefused<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (
      error instanceof ref.InvariantNotIncreased ||
      /ExchangeTooSmall|WithdrawalEmptiesCoin|D did not increase/.test(String(error))
    ) {
      return undefined;
    }
    throw error;
  }
}

describe("StableSwapPool rounding (reference model properties)", function () {
  describe("exchange", function () {
    it("returns no more than it sold when a trade of any size is sold straight back", function () {
      fc.assert(
        fc.property(poolArbitrary, sizeArbitrary, fc.constantFrom(0, 1), (state, size, i) => {
          const coin = i as 0 | 1;
          const sold = sizeOf(size, state.balances[coin]);
          const out = unlessRefused(() => ref.exchange(state, coin, sold));
          if (out === undefined || out.dy === 0n) return;
          const back = unlessRefused(() =>
            ref.exchange({ ...state, balances: out.balances }, (1 - coin) as 0 | 1, out.dy),
          );
          if (back === undefined) return;
          expect(back.dy <= sold, `sold ${sold}, got back ${back.dy}`).to.equal(true);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it("never lowers the invariant", function () {
      fc.assert(
        fc.property(poolArbitrary, sizeArbitrary, fc.constantFrom(0, 1), (state, size, i) => {
          const coin = i as 0 | 1;
          const out = unlessRefused(() =>
            ref.exchange(state, coin, sizeOf(size, state.balances[coin])),
          );
          if (out === undefined) return;
          const after = ref.invariantOf({ ...state, balances: out.balances });
          expect(after >= ref.invariantOf(state)).to.equal(true);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });

  describe("addLiquidity then removeLiquidityOneCoin", function () {
    it("returns no more of the coin than was deposited", function () {
      fc.assert(
        fc.property(poolArbitrary, sizeArbitrary, fc.constantFrom(0, 1), (state, size, i) => {
          const coin = i as 0 | 1;
          const amount = sizeOf(size, state.balances[coin]);
          const amounts: [bigint, bigint] = coin === 0 ? [amount, 0n] : [0n, amount];
          const added = unlessRefused(() => ref.addLiquidity(state, amounts));
          if (added === undefined || added.minted === 0n) return;
          const after = { ...state, balances: added.balances, supply: state.supply + added.minted };
          const out = unlessRefused(() => ref.calcWithdrawOneCoin(after, added.minted, coin));
          if (out === undefined) return;
          expect(out.dy <= amount, `deposited ${amount}, withdrew ${out.dy}`).to.equal(true);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });
});
