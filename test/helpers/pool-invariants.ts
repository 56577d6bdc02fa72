/**
 * INV-9 (DESIGN §10), the StableSwap pool's invariant, checked from the outside so that unit tests and
 * scenarios can assert it after every step:
 *
 * - the pool always holds at least its LP balances plus its admin fees, in each coin (a donation
 *   only adds to the surplus);
 * - D never falls on an exchange (fees stay in the pool; rounding favours it);
 * - the virtual price D/supply never falls, except when the rate in use falls or A is ramped down
 *   (D of an imbalanced pool falls with A: a ramp down takes value from the LPs, ng's too).
 *
 * Both D rules hold at a fixed rate and a non-falling A; a rising A only raises D.
 *
 * The last two compare with a snapshot taken before the step: pass what `assertPoolInvariants`
 * returned last time, and the kind of step it was.
 */
import { expect } from "chai";

import type { DecimalsTestToken, StableSwapPool } from "../../types/ethers-contracts/index.js";
import { invariantOf, PRECISION, type PoolState } from "./stableswap-reference.js";

/** A pool and its coin 1, as the invariant reads them. */
export interface PoolSystem {
  pool: StableSwapPool;
  token: Pick<DecimalsTestToken, "balanceOf" | "decimals">;
}

/** What the next check compares with. */
export interface PoolSnapshot {
  state: PoolState;
  /** Invariant D (xp units, from the reference model on the pool's state). */
  d: bigint;
  /** D × 1e18 / supply (0 for an empty pool). */
  virtualPrice: bigint;
}

/** The pool's state in the reference model's terms, with the rate the pool uses now. */
export async function readPoolState(pool: StableSwapPool, decimals: bigint): Promise<PoolState> {
  return {
    balances: [await pool.balances(0n), await pool.balances(1n)],
    rateWad: await pool.storedRate(),
    decimals,
    amp: await pool.APrecise(),
    fee: await pool.fee(),
    offpeg: await pool.offpegFeeMultiplier(),
    supply: await pool.totalSupply(),
  };
}

/**
 * Asserts INV-9 and returns a snapshot for the next call.
 * @param previous The snapshot returned after the previous step (omit for the first check).
 * @param step `"exchange"` when the step was a trade (D must not fall), `"other"` otherwise.
 */
export async function assertPoolInvariants(
  { pool, token }: PoolSystem,
  previous?: PoolSnapshot,
  step: "exchange" | "other" = "other",
): Promise<PoolSnapshot> {
  const poolAddress = await pool.getAddress();
  const provider = pool.runner!.provider!;
  const decimals = BigInt(await token.decimals());
  const state = await readPoolState(pool, decimals);

  const ethHeld = await provider.getBalance(poolAddress);
  const ethOwed = state.balances[0] + (await pool.adminBalances(0n));
  expect(ethHeld >= ethOwed, `INV-9: pool holds ${ethHeld} wei, owes ${ethOwed}`).to.equal(true);
  const tokensHeld = await token.balanceOf(poolAddress);
  const tokensOwed = state.balances[1] + (await pool.adminBalances(1n));
  expect(
    tokensHeld >= tokensOwed,
    `INV-9: pool holds ${tokensHeld} tokens, owes ${tokensOwed}`,
  ).to.equal(true);

  const empty = state.balances[0] === 0n || state.balances[1] === 0n || state.supply === 0n;
  const d = empty ? 0n : invariantOf(state);
  const virtualPrice = empty ? 0n : (d * PRECISION) / state.supply;
  if (!empty) {
    expect(await pool.getVirtualPrice(), "INV-9: getVirtualPrice is D × 1e18 / supply").to.equal(
      virtualPrice,
    );
  }

  if (previous !== undefined && !empty && previous.virtualPrice !== 0n) {
    const rateFell = state.rateWad < previous.state.rateWad;
    const sameRate = state.rateWad === previous.state.rateWad;
    const aFell = state.amp < previous.state.amp;
    if (step === "exchange" && sameRate && !aFell) {
      expect(d >= previous.d, `INV-9: D fell on an exchange, ${previous.d} → ${d}`).to.equal(true);
    }
    if (!rateFell && !aFell) {
      expect(
        virtualPrice >= previous.virtualPrice,
        `INV-9: virtual price fell without a rate fall or an A ramp down, ${previous.virtualPrice} → ${virtualPrice}`,
      ).to.equal(true);
    }
  }
  return { state, d, virtualPrice };
}
