/**
 * A bigint reference model of Curve stableswap-ng's maths for two coins (coin 0 ETH, coin 1 a
 * rate-bearing token), written from ng's `CurveStableSwapNG.vy` (v7.0.0) independently of the
 * Solidity pool, so tests can check the pool to the wei. ng's order of operations, with one rule
 * where ng differs: every rounding falls on the pool's side, never the trader's.
 *
 * Where this model (and the pool) differ from ng, each a rounding direction:
 * - `getD` is ⌈D⌉ and `getY` ⌈y⌉, the smallest integers at or above the exact roots of the invariant
 *   (ng stops its Newton iteration within 1 wei, on either side, and raises where it cannot settle).
 *   Here they are found by ng's Newton steps and then settled by the exact test `invariantSign` (bigint
 *   has no overflow), or by bisection where ng's iteration does not converge; the pool gets there
 *   another way (Newton rounded up, one 512-bit test), so the two agree only if both are exact.
 * - `dynamicFee` and every fee amount round up; the ideal balance of a deposit's imbalance fee and the
 *   expected change of a one-coin withdrawal's are rounded away from the balance they are compared to.
 * - A deposit mints on ⌊D₂⌋ after fees against ⌈D₀⌉ before.
 * - A one-coin withdrawal that would leave coin i at most 1 wei (⌈y⌉ ≤ 1) is refused (ng: y = 0).
 *
 * Units: balances in each coin's units; xp = balance × rate / 1e18 (ETH's rate is 1e18, the token's
 * 10^(36 − decimals) × rateWad / 1e18); `amp` = A × 100; fees in 1e10 = 100 %.
 */

export const PRECISION = 10n ** 18n;
export const A_PRECISION = 100n;
export const FEE_DENOMINATOR = 10n ** 10n;
/** ng's `admin_fee`: half of every fee. */
export const ADMIN_FEE = 5n * 10n ** 9n;
/** The safe-rate draft's `MAX_RATE_BUMP`, in fee units: 1 %. */
export const MAX_RATE_BUMP = 10n ** 8n;
/** ng caps the stored spot price at 2.0. */
export const MAX_LAST_PRICE = 2n * PRECISION;

const MAX_ITERATIONS = 255;

function withinOneWei(a: bigint, b: bigint): boolean {
  return a > b ? a - b <= 1n : b - a <= 1n;
}

/**
 * The sign of the invariant at (x, y) for D, exactly:
 *   F = 4·x·y·(Ann·(x + y − D) + 100·D) − 100·D³,   Ann = 2·amp
 * (the invariant Ann·S/100 + D = Ann·D/100 + D³/(4·x·y) multiplied by 400·x·y). 1 when (x, y) lies
 * above the curve of D (its own D is larger), 0 on it, −1 below. F falls as D rises and rises with y.
 */
export function invariantSign(x: bigint, y: bigint, d: bigint, amp: bigint): -1 | 0 | 1 {
  const ann = amp * 2n;
  const f = 4n * x * y * (ann * (x + y - d) + A_PRECISION * d) - A_PRECISION * d ** 3n;
  return f > 0n ? 1 : f < 0n ? -1 : 0;
}

/** ng's `get_D` iteration (floored, stops within 1 wei), or null where it does not settle. */
function ngGetD(x0: bigint, x1: bigint, amp: bigint): bigint | null {
  const s = x0 + x1;
  let d = s;
  const ann = amp * 2n;
  for (let round = 0; round < MAX_ITERATIONS; round++) {
    const dP = (((d * d) / x0) * d) / x1 / 4n;
    const dPrev = d;
    d =
      (((ann * s) / A_PRECISION + dP * 2n) * d) /
      (((ann - A_PRECISION) * d) / A_PRECISION + 3n * dP);
    if (withinOneWei(d, dPrev)) return d;
  }
  return null;
}

/**
 * ⌈D⌉: the smallest integer D with F(x0, x1, D) ≤ 0. Starts from ng's `get_D` (within a few wei) and
 * settles with the exact sign; bisects over [0, S] where ng's iteration does not converge.
 */
export function getD(x0: bigint, x1: bigint, amp: bigint): bigint {
  const s = x0 + x1;
  if (s === 0n) return 0n;
  const atOrAbove = (d: bigint) => invariantSign(x0, x1, d, amp) <= 0; // d ≥ the root
  const start = ngGetD(x0, x1, amp);
  if (start === null) {
    let lo = 0n;
    let hi = s;
    while (lo < hi) {
      const mid = (lo + hi) / 2n;
      if (atOrAbove(mid)) hi = mid;
      else lo = mid + 1n;
    }
    return lo;
  }
  let d = start;
  while (!atOrAbove(d)) d++;
  while (d > 0n && atOrAbove(d - 1n)) d--;
  return d;
}

/** ⌊D⌋: `getD` less 1 wei unless the root is an integer (what a deposit is credited). */
export function getDRoundedDown(x0: bigint, x1: bigint, amp: bigint): bigint {
  const d = getD(x0, x1, amp);
  return d > 0n && invariantSign(x0, x1, d, amp) !== 0 ? d - 1n : d;
}

/**
 * ⌈y⌉: the smallest integer y with F(x, y, d) ≥ 0, the balance of one coin that keeps the invariant at
 * `d` when the other coin's xp is `x` (ng's `get_y` after a trade, `get_y_D` at a reduced D). Starts
 * from ng's floored Newton (y ← (y² + c)/(2y + b − D) from y = D) and settles with the exact sign.
 */
export function getY(x: bigint, d: bigint, amp: bigint): bigint {
  const ann = amp * 2n;
  let c = (d * d) / (x * 2n);
  c = (c * d * A_PRECISION) / (ann * 2n);
  const b = x + (d * A_PRECISION) / ann;
  let y = d;
  for (let round = 0; round < MAX_ITERATIONS; round++) {
    const yPrev = y;
    y = (y * y + c) / (2n * y + b - d);
    if (withinOneWei(y, yPrev)) break;
  }
  const keeps = (v: bigint) => invariantSign(x, v, d, amp) >= 0; // v ≥ the root
  while (!keeps(y)) y++;
  while (y > 0n && keeps(y - 1n)) y--;
  return y;
}

/** ng's `get_y_D`: coin i's xp at a reduced invariant `d`, the other coin's xp being `xOther`. For
 * two coins it is the same equation as `get_y`; kept as its own name to mirror ng. */
export function getYD(amp: bigint, xOther: bigint, d: bigint): bigint {
  return getY(xOther, d, amp);
}

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return a === 0n ? 0n : (a - 1n) / b + 1n;
}

/** ng's `_dynamic_fee`, rounded up (ng floors). */
export function dynamicFee(xi: bigint, xj: bigint, fee: bigint, offpeg: bigint): bigint {
  if (offpeg <= FEE_DENOMINATOR) return fee;
  const xps2 = (xi + xj) ** 2n;
  return ceilDiv(
    offpeg * fee,
    ((offpeg - FEE_DENOMINATOR) * 4n * xi * xj) / xps2 + FEE_DENOMINATOR,
  );
}

/** ng's `_get_p`: state price of coin 1 in coin 0 (WAD, xp units). */
export function spotPriceXp(x0: bigint, x1: bigint, amp: bigint, d: bigint): bigint {
  const ann = amp * 2n;
  let dr = d / 4n;
  dr = (dr * d) / x0;
  dr = (dr * d) / x1;
  const x0A = (ann * x0) / A_PRECISION;
  return (PRECISION * (x0A + (dr * x0) / x1)) / (x0A + dr);
}

/** A pool as the maths sees it. */
export interface PoolState {
  balances: readonly [bigint, bigint];
  /** The token's rate in use (WAD ETH per whole token). */
  rateWad: bigint;
  /** The token's decimals (18 LST, 21 LRT). */
  decimals: bigint;
  /** A × 100. */
  amp: bigint;
  fee: bigint;
  offpeg: bigint;
  /** LP supply. */
  supply: bigint;
}

/** ng's rate of coin 1: 10^(36 − decimals) × rateWad / 1e18. */
export function scaledRate(rateWad: bigint, decimals: bigint): bigint {
  return (10n ** (36n - decimals) * rateWad) / PRECISION;
}

function rates(state: PoolState): [bigint, bigint] {
  return [PRECISION, scaledRate(state.rateWad, state.decimals)];
}

/** ng's `_xp_mem`. */
export function xpOf(state: PoolState, balances = state.balances): [bigint, bigint] {
  const r = rates(state);
  return [(r[0] * balances[0]) / PRECISION, (r[1] * balances[1]) / PRECISION];
}

export function invariantOf(state: PoolState): bigint {
  const [x0, x1] = xpOf(state);
  return getD(x0, x1, state.amp);
}

/** Spot price of the token in NAV units, as the pool's `spotPrice()`. */
export function spotPrice(state: PoolState): bigint {
  const [x0, x1] = xpOf(state);
  return spotPriceXp(x0, x1, state.amp, getD(x0, x1, state.amp));
}

/** D × 1e18 / supply: ng's `get_virtual_price`. */
export function virtualPrice(state: PoolState): bigint {
  return (invariantOf(state) * PRECISION) / state.supply;
}

export interface Exchange {
  /** Paid to the trader, coin j units. */
  dy: bigint;
  /** To the admin, coin j units. */
  adminFee: bigint;
  /** Spot price after (uncapped), WAD. */
  price: bigint;
  /** Balances (LP-owned) after. */
  balances: [bigint, bigint];
}

/** ng's `_exchange`: sell `dx` of coin i (y = ⌈y⌉ at ⌈D⌉, ng's −1 wei kept, the fee rounded up). */
export function exchange(state: PoolState, i: 0 | 1, dx: bigint): Exchange {
  const j = 1 - i;
  const r = rates(state);
  const xp = xpOf(state);
  const d = getD(xp[0], xp[1], state.amp);
  const x = xp[i] + (dx * r[i]) / PRECISION;
  const y = getY(x, d, state.amp);
  if (y >= xp[j]) throw new Error("ExchangeTooSmall: the sale adds nothing to the curve");
  const dyXp = xp[j] - y - 1n;
  const fee = dynamicFee((xp[i] + x) / 2n, (xp[j] + y) / 2n, state.fee, state.offpeg);
  const dyFee = ceilDiv(dyXp * fee, FEE_DENOMINATOR);
  const dy = ((dyXp - dyFee) * PRECISION) / r[j];
  const adminFee = (((dyFee * ADMIN_FEE) / FEE_DENOMINATOR) * PRECISION) / r[j];
  const after: [bigint, bigint] = [x, y];
  if (i === 1) after.reverse();
  const balances: [bigint, bigint] = [...state.balances];
  balances[i] += dx;
  balances[j] -= dy + adminFee;
  return { dy, adminFee, price: spotPriceXp(after[0], after[1], state.amp, d), balances };
}

/** A deposit that adds less than 1 wei of D after fees (⌊D₂⌋ ≤ ⌈D₀⌉), with the pool's error's values. */
export class InvariantNotIncreased extends Error {
  constructor(
    readonly d0: bigint,
    readonly d1: bigint,
  ) {
    super(`InvariantNotIncreased(${d0}, ${d1}): the deposit adds less than 1 wei of D after fees`);
  }
}

export interface AddLiquidity {
  minted: bigint;
  fees: [bigint, bigint];
  adminFees: [bigint, bigint];
  /** Invariant after fees. */
  d: bigint;
  /** Spot price after (0 for the first deposit: the oracle is left alone). */
  price: bigint;
  balances: [bigint, bigint];
}

/** ng's `add_liquidity`, imbalance fee included (rounded up), minted on ⌊D₂⌋ against ⌈D₀⌉. */
export function addLiquidity(state: PoolState, amounts: readonly [bigint, bigint]): AddLiquidity {
  const r = rates(state);
  const old = state.balances;
  const xpOld = xpOf(state, old);
  const d0 = getD(xpOld[0], xpOld[1], state.amp);
  const added: [bigint, bigint] = [old[0] + amounts[0], old[1] + amounts[1]];
  const xpNew = xpOf(state, added);
  const d1 = getD(xpNew[0], xpNew[1], state.amp);
  if (d1 <= d0) throw new Error("D did not increase");
  if (state.supply === 0n) {
    return { minted: d1, fees: [0n, 0n], adminFees: [0n, 0n], d: d1, price: 0n, balances: added };
  }
  const ys = (d0 + d1) / 2n;
  const baseFee = (state.fee * 2n) / 4n;
  const fees: [bigint, bigint] = [0n, 0n];
  const adminFees: [bigint, bigint] = [0n, 0n];
  const net: [bigint, bigint] = [...added];
  const balances: [bigint, bigint] = [...added];
  for (const k of [0, 1] as const) {
    // The ideal balance rounded away from the new one: the difference, and so the fee, rounds up.
    const idealFloor = (d1 * old[k]) / d0;
    const difference =
      idealFloor >= added[k] ? ceilDiv(d1 * old[k], d0) - added[k] : added[k] - idealFloor;
    const xs = (r[k] * (old[k] + added[k])) / PRECISION;
    fees[k] = ceilDiv(dynamicFee(xs, ys, baseFee, state.offpeg) * difference, FEE_DENOMINATOR);
    adminFees[k] = (fees[k] * ADMIN_FEE) / FEE_DENOMINATOR;
    net[k] -= fees[k];
    balances[k] -= adminFees[k];
  }
  const xp = xpOf(state, net);
  const d = getDRoundedDown(xp[0], xp[1], state.amp);
  if (d <= d0) throw new InvariantNotIncreased(d0, d);
  return {
    minted: (state.supply * (d - d0)) / d0,
    fees,
    adminFees,
    d,
    price: spotPriceXp(xp[0], xp[1], state.amp, d),
    balances,
  };
}

export interface WithdrawOne {
  dy: bigint;
  adminFee: bigint;
  /** Spot price after, WAD. */
  price: bigint;
  balances: [bigint, bigint];
}

/** ng's `_calc_withdraw_one_coin` (fees rounded up, the coin's balance ⌈y⌉). */
export function calcWithdrawOneCoin(state: PoolState, burn: bigint, i: 0 | 1): WithdrawOne {
  const j = 1 - i;
  const r = rates(state);
  const xp = xpOf(state);
  const d0 = getD(xp[0], xp[1], state.amp);
  const d1 = d0 - (burn * d0) / state.supply;
  const newY = getYD(state.amp, xp[j], d1);
  if (newY <= 1n) throw new Error("WithdrawalEmptiesCoin: coin i would solve to at most 1 wei");
  const baseFee = (state.fee * 2n) / 4n;
  const ys = (d0 + d1) / 4n;
  const reduced: [bigint, bigint] = [0n, 0n];
  for (const k of [0, 1] as const) {
    // Each expected change rounded up (coin i's ideal up, coin j's down), and each fee up.
    const expected = k === i ? ceilDiv(xp[k] * d1, d0) - newY : xp[k] - (xp[k] * d1) / d0;
    const xavg = k === i ? (xp[k] + newY) / 2n : xp[k];
    reduced[k] =
      xp[k] - ceilDiv(dynamicFee(xavg, ys, baseFee, state.offpeg) * expected, FEE_DENOMINATOR);
  }
  const dyXp = reduced[i] - getYD(state.amp, reduced[j], d1);
  const dy0 = ((xp[i] - newY) * PRECISION) / r[i];
  const dy = ((dyXp - 1n) * PRECISION) / r[i];
  const adminFee = ((dy0 - dy) * ADMIN_FEE) / FEE_DENOMINATOR;
  const after: [bigint, bigint] = [...xp];
  after[i] = newY;
  const balances: [bigint, bigint] = [...state.balances];
  balances[i] -= dy + adminFee;
  const price = spotPriceXp(after[0], after[1], state.amp, d1);
  return { dy, adminFee, price, balances };
}

/**
 * ng's `remove_liquidity`, proportional and without fee, less a margin that keeps the virtual price from
 * falling: the pool keeps ⌈ETH × left / supply + ½⌉ wei and ⌈token × left / supply⌉ + ⌈4·10^(decimals − 18)⌉
 * token units (left = supply − burn); the last LP takes everything. No rate, no curve maths.
 */
export function removeLiquidity(state: PoolState, burn: bigint): [bigint, bigint] {
  const { balances, supply } = state;
  if (burn >= supply) return [balances[0], balances[1]];
  const left = supply - burn;
  const kept = [
    ceilDiv(2n * balances[0] * left + supply, 2n * supply),
    ceilDiv(balances[1] * left, supply) + ceilDiv(4n * PRECISION, 10n ** (36n - state.decimals)),
  ];
  return [0, 1].map((k) => (kept[k] < balances[k] ? balances[k] - kept[k] : 0n)) as [
    bigint,
    bigint,
  ];
}

// ---------------------------------------------------------------- EMA oracle

/**
 * exp(−x / 1e18) × 1e18, rounded down, from the Taylor series of e^t at 60 decimal digits and its
 * inverse (no cancellation: all terms positive). Independent of solady's `expWad`.
 */
export function expNegWad(xWad: bigint): bigint {
  if (xWad < 0n) throw new Error("expNegWad takes x ≥ 0");
  const SCALE = 10n ** 60n;
  const t = xWad * 10n ** 42n; // t at 1e60
  let term = SCALE;
  let sum = SCALE;
  for (let k = 1n; term > 0n; k++) {
    term = (term * t) / (k * SCALE);
    sum += term;
  }
  const expNeg = (SCALE * SCALE) / sum; // e^(−t) at 1e60
  return expNeg / 10n ** 42n;
}

/**
 * ng's `_calc_moving_average`: the EMA `dt` seconds after the last update, from the last stored spot
 * price and the last EMA; α = exp(−(dt·1e18/τ)).
 */
export function movingAverage(
  lastPrice: bigint,
  ema: bigint,
  dt: bigint,
  maExpTime: bigint,
): bigint {
  if (dt <= 0n) return ema;
  const alpha = expNegWad((dt * PRECISION) / maExpTime);
  return (lastPrice * (PRECISION - alpha) + ema * alpha) / PRECISION;
}

/** The pool's cap on the stored spot price. */
export function capPrice(price: bigint): bigint {
  return price < MAX_LAST_PRICE ? price : MAX_LAST_PRICE;
}

// ---------------------------------------------------------------- rate bound

/**
 * The rate the pool uses when it reads the provider `blocks` blocks after it last did: a fall passes
 * at once; a rise is capped at stored × min(fee·blocks, 1 %) above the stored rate.
 */
export function limitRate(stored: bigint, provider: bigint, fee: bigint, blocks: bigint): bigint {
  if (provider <= stored) return provider;
  const bump = fee * blocks < MAX_RATE_BUMP ? fee * blocks : MAX_RATE_BUMP;
  const cap = stored + (stored * bump) / FEE_DENOMINATOR;
  return provider < cap ? provider : cap;
}
