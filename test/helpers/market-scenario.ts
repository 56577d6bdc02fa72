/**
 * What the market scenarios share: INV-9 and INV-10 after every step over the whole market layer,
 * the state tables each step asserts (and prints with `SCENARIO_TABLES=1`), and small bigint
 * computations on the reference models (how much to sell to bring a pool to a given ETH share).
 */
import { expect } from "chai";
import type { Signer } from "ethers";

import { ORACLE_KINDS, type TokenMarkets } from "./fixtures/market.js";
import { assertLendingInvariants } from "./lending-invariants.js";
import { assertPoolInvariants, readPoolState, type PoolSnapshot } from "./pool-invariants.js";
import {
  capPrice,
  exchange,
  movingAverage,
  spotPrice,
  xpOf,
  type PoolState,
} from "./stableswap-reference.js";

const WAD = 10n ** 18n;

// ------------------------------------------------------------------ invariants

/** A token's market layer as the invariant checks read it. */
export interface CheckedToken {
  markets: TokenMarkets;
  token: { balanceOf(a: string): Promise<bigint>; decimals(): Promise<bigint> };
}

/**
 * Checks INV-9 on each token's pool and INV-10 on each of its four markets, for `users` (every
 * address that ever held a position); returns the pool snapshots for the next step.
 * @param kind `"exchange"` when the step only traded (INV-9: D must not fall), `"other"` otherwise.
 */
export async function checkMarketInvariants(
  tokens: CheckedToken[],
  previous: (PoolSnapshot | undefined)[],
  users: string[],
  liquidator: Signer,
  step: string,
  kind: "exchange" | "other" = "other",
): Promise<PoolSnapshot[]> {
  const snapshots: PoolSnapshot[] = [];
  for (const [n, { markets, token }] of tokens.entries()) {
    snapshots.push(
      await assertPoolInvariants({ pool: markets.pool, token: token as never }, previous[n], kind),
    );
    for (const oracle of ORACLE_KINDS) {
      await assertLendingInvariants(
        markets.markets[oracle],
        users,
        liquidator,
        `${step}, ${oracle}`,
      );
    }
  }
  return snapshots;
}

// ------------------------------------------------------------------ tables

/** `fmt(937_512_345_678_901_234n)` = "0.9375": a WAD (or wei) amount with `digits` decimals, rounded down. */
export function fmt(wad: bigint, digits = 4, decimals = 18n): string {
  const negative = wad < 0n;
  const abs = negative ? -wad : wad;
  const unit = 10n ** decimals;
  const scaled = (abs * 10n ** BigInt(digits)) / unit;
  const whole = scaled / 10n ** BigInt(digits);
  const frac = (scaled % 10n ** BigInt(digits)).toString().padStart(digits, "0");
  return `${negative ? "-" : ""}${whole}${digits > 0 ? "." + frac : ""}`;
}

/** A table: row label → column label → cell. */
export type StateTable = Record<string, Record<string, string>>;

/**
 * Asserts a step's state table cell by cell against the table computed in the test, and prints it
 * when `SCENARIO_TABLES=1` (the demo and the docs quote these tables).
 */
export function expectStateTable(title: string, actual: StateTable, expected: StateTable): void {
  if (process.env.SCENARIO_TABLES === "1") {
    console.log(`\n      ${title}`);
    console.table(actual);
  }
  expect(actual, `state table: ${title}`).to.deep.equal(expected);
}

// ------------------------------------------------------------------ pool shapes

/** The ETH share of a pool's value, in basis points of x0 / (x0 + x1) (xp units: NAV-weighted). */
export function ethShareBps(state: PoolState): bigint {
  const [x0, x1] = xpOf(state);
  return (x0 * 10_000n) / (x0 + x1);
}

/**
 * The smallest sale of coin 1 (token units) after which the pool's ETH share is at most
 * `targetBps`, found by bisection on the reference model's `exchange` (each probe is the pool's
 * exact maths, fees included). The pool state is read by the caller (`readPoolState`).
 */
export function saleToEthShare(state: PoolState, targetBps: bigint): bigint {
  const after = (dx: bigint): PoolState => ({
    ...state,
    balances: exchange(state, 1, dx).balances,
  });
  let low = 0n;
  let high = state.balances[1];
  while (ethShareBps(after(high)) > targetBps) high *= 2n;
  while (high - low > 10n ** (state.decimals - 6n)) {
    const mid = (low + high) / 2n;
    if (ethShareBps(after(mid)) > targetBps) low = mid;
    else high = mid;
  }
  return high;
}

export { readPoolState };

/** `value × 1e18 / base − 1e18`: a relative change as a WAD (profit, loss, discount). */
export function relativeWad(value: bigint, base: bigint): bigint {
  return (value * WAD) / base - WAD;
}

// ------------------------------------------------------------------ the EMA, independently

/**
 * The pool's EMA oracle replayed from the prices each action left and the blocks' timestamps, with
 * the reference model's `movingAverage` (exp computed by its own series, not solady's): ng's
 * `upkeep_oracles` folds the *previous* action's price in at most once per block.
 */
/** solady `expWad(x)` is 0 for x ≤ −41.446531673892822313 (WAD): e^x < 0.5e-18. */
const EXP_WAD_ZERO_BELOW = 41_446_531_673_892_822_312n;

export class EmaModel {
  constructor(
    readonly maExpTime: bigint,
    public lastPrice: bigint = WAD,
    public ema: bigint = WAD,
    public lastTime = 0n,
  ) {}

  /** An action at `timestamp` left the spot price `price` (uncapped). */
  upkeep(price: bigint, timestamp: bigint): void {
    if (timestamp > this.lastTime) {
      this.ema = this.at(timestamp);
      this.lastTime = timestamp;
    }
    this.lastPrice = capPrice(price);
  }

  /**
   * `priceOracle()` read at `timestamp`. Beyond Δt/τ ≈ 41.45, exp(−Δt/τ) is below 1 wei and solady's
   * `expWad` returns 0 (its documented domain): the average is then the last price exactly.
   */
  at(timestamp: bigint): bigint {
    if (timestamp <= this.lastTime) return this.ema;
    const dt = timestamp - this.lastTime;
    if ((dt * WAD) / this.maExpTime > EXP_WAD_ZERO_BELOW) return this.lastPrice;
    return movingAverage(this.lastPrice, this.ema, dt, this.maExpTime);
  }
}

/**
 * The smallest purchase of coin 1 with ETH (wei) after which the pool's spot price (NAV units) is at
 * least `targetWad`, by bisection on the reference model's `exchange` (fees included).
 */
export function purchaseToSpot(state: PoolState, targetWad: bigint): bigint {
  const priceAfter = (dx: bigint): bigint =>
    spotPrice({ ...state, balances: exchange(state, 0, dx).balances });
  let low = 0n;
  let high = state.balances[0];
  while (priceAfter(high) < targetWad) high *= 2n;
  while (high - low > 10n ** 12n) {
    const mid = (low + high) / 2n;
    if (priceAfter(mid) < targetWad) low = mid;
    else high = mid;
  }
  return high;
}

/** What a scenario needs of a provider to date a transaction. */
interface BlockReader {
  getBlock(block: number | string): Promise<{ timestamp: number } | null>;
}

/** The timestamp of the block that mined `tx`: the `block.timestamp` the contracts saw. */
export async function minedAt(
  provider: BlockReader,
  tx: { wait(): Promise<unknown> },
): Promise<bigint> {
  const receipt = (await tx.wait()) as { blockNumber: number };
  return BigInt((await provider.getBlock(receipt.blockNumber))!.timestamp);
}
