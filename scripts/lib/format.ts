/**
 * The one way Staking Lab reads and prints amounts, durations and shares of a whole: what a
 * student types (`--amount 0.01`, `--percent 10`) and what every task, script and refusal prints
 * ("0.0321 ETH", "wait 1 min 40 s", "12.5 %"). Everything is bigint; nothing goes through floats.
 */
import { UserError } from "./errors.js";

/** A token unit: its symbol and decimals (slrETH has 21, the others 18). */
export interface Unit {
  readonly symbol: string;
  readonly decimals: number;
}

export const ETH: Unit = { symbol: "ETH", decimals: 18 };
export const SLETH: Unit = { symbol: "slETH", decimals: 18 };
/** The LRT vault's share: 3 decimals more than its asset (ERC-4626 decimals offset). */
export const SLRETH: Unit = { symbol: "slrETH", decimals: 21 };
/** Restaking shares (18 decimals), as EigenLayer's strategies count them. */
export const SHARES: Unit = { symbol: "shares", decimals: 18 };

/** Significant decimals printed by default: enough to see a change, few enough to read. */
const DEFAULT_SIGNIFICANT = 6;

/**
 * Formats a token amount with its unit, rounded half up to `significant` significant decimals
 * (at least 4 decimals; whole digits are never cut): 0.032000013 ETH → "0.032 ETH",
 * 1.0000271249 → "1.000027 ETH", 0.000123456789 → "0.000123457 ETH". `{ full: true }` prints every decimal.
 */
export function formatAmount(
  value: bigint,
  unit: Unit = ETH,
  { full = false, significant = DEFAULT_SIGNIFICANT } = {},
): string {
  return `${formatNumber(value, unit.decimals, { full, significant })} ${unit.symbol}`;
}

/** Wei as ETH (`formatAmount(wei, ETH)`), the common case. */
export function formatEth(wei: bigint, options?: { full?: boolean; significant?: number }): string {
  return formatAmount(wei, ETH, options);
}

/** A fixed-point number without its unit, rounded as `formatAmount` rounds. */
export function formatNumber(
  value: bigint,
  decimals: number,
  { full = false, significant = DEFAULT_SIGNIFICANT } = {},
): string {
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  const one = 10n ** BigInt(decimals);
  let keep = decimals;
  if (!full) {
    // Decimals to keep: `significant` of them above 1, else `significant` digits after the
    // first non-zero one; at least 4.
    const whole = magnitude / one;
    if (whole > 0n) keep = Math.min(decimals, Math.max(4, significant));
    else {
      const fractionDigits = (magnitude % one).toString().padStart(decimals, "0");
      const leadingZeros = fractionDigits.search(/[1-9]/);
      keep = Math.min(
        decimals,
        Math.max(4, (leadingZeros === -1 ? 0 : leadingZeros) + significant),
      );
    }
    const step = 10n ** BigInt(decimals - keep);
    magnitude = ((magnitude + step / 2n) / step) * step;
  }
  const whole = magnitude / one;
  const fraction = (magnitude % one)
    .toString()
    .padStart(decimals, "0")
    .slice(0, keep)
    .replace(/0+$/, "");
  const text =
    fraction === ""
      ? whole.toLocaleString("en-US")
      : `${whole.toLocaleString("en-US")}.${fraction}`;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

/** Basis points as a percentage: 1000 → "10 %", 25 → "0.25 %". */
export function formatBps(bps: bigint): string {
  return `${formatNumber(bps, 2, { full: true })} %`;
}

/** A WAD fraction (1e18 = 100 %) as a percentage: 5e17 → "50 %". */
export function formatWadPercent(wad: bigint): string {
  return `${formatNumber(wad * 100n, 18, { significant: 4 })} %`;
}

/**
 * Seconds as a duration a person reads: 100 → "1 min 40 s", 7500 → "2 h 5 min",
 * 93600 → "1 day 2 h". The two largest units only; 0 → "0 s".
 */
export function formatDuration(seconds: bigint): string {
  let rest = seconds < 0n ? -seconds : seconds;
  const parts: string[] = [];
  for (const [size, name] of [
    [86_400n, "day"],
    [3_600n, "h"],
    [60n, "min"],
    [1n, "s"],
  ] as const) {
    const count = rest / size;
    rest %= size;
    if (count > 0n || (parts.length === 0 && size === 1n)) {
      parts.push(name === "day" ? `${count} day${count === 1n ? "" : "s"}` : `${count} ${name}`);
    }
    if (parts.length > 0 && count === 0n) break; // "2 h" rather than "2 h 0 min 7 s"
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/**
 * A moment relative to now: "in 1 min 40 s" when it is ahead, "now" or "1 min ago" when it has
 * passed. Both are chain timestamps (seconds).
 */
export function formatWhen(at: bigint, now: bigint): string {
  if (at > now) return `in ${formatDuration(at - now)}`;
  if (at === now) return "now";
  return `${formatDuration(now - at)} ago`;
}

/** The time a refusal asks for: "wait 1 min 40 s", or "it is time now" once passed. */
export function formatWait(at: bigint, now: bigint): string {
  return at > now ? `wait ${formatDuration(at - now)}` : "it is time now";
}

/**
 * Parses an amount a student typed, in the unit's decimals: "0.01" → 10^16 wei. Refuses, in one
 * line, anything that is not a plain positive decimal or has more decimals than the unit has.
 */
export function parseAmount(value: string, option: string, unit: Unit = ETH): bigint {
  const example = `e.g. --${option} 0.01`;
  if (value === "") throw new UserError(`--${option} is required, ${example}`);
  const match = /^(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (match === null || (match[1] === "" && (match[2] ?? "") === "")) {
    throw new UserError(
      `--${option} must be an amount in ${unit.symbol} such as 0.01, not "${value}"`,
    );
  }
  const [, whole, fraction = ""] = match;
  const significantFraction = fraction.replace(/0+$/, "");
  if (significantFraction.length > unit.decimals) {
    throw new UserError(
      `--${option} ${value} has ${significantFraction.length} decimals; ${unit.symbol} has ${unit.decimals}: ` +
        `give at most ${unit.decimals} decimals.`,
    );
  }
  const amount =
    BigInt(whole === "" ? "0" : whole) * 10n ** BigInt(unit.decimals) +
    BigInt(significantFraction.padEnd(unit.decimals, "0") || "0");
  if (amount === 0n) throw new UserError(`--${option} must be more than 0, not "${value}"`);
  return amount;
}

/**
 * Parses a percentage into a WAD fraction (10 → 10^17), as EigenLayer's magnitudes and
 * `wadToSlash`: more than 0, at most 100, at most 16 decimals (the WAD's resolution).
 */
export function parsePercentWad(value: string, option: string): bigint {
  if (value === "" || !/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new UserError(`--${option} must be a percentage such as 10 or 2.5, not "${value}"`);
  }
  const fraction = (value.split(".")[1] ?? "").replace(/0+$/, "");
  if (fraction.length > 16) {
    throw new UserError(
      `--${option} ${value} has ${fraction.length} decimals; a percentage here has at most 16 (1e-18 of the whole)`,
    );
  }
  const wad = parseAmount(value, option, { symbol: "%", decimals: 16 });
  if (wad > 10n ** 18n) throw new UserError(`--${option} must be at most 100, not ${value}`);
  return wad;
}

/**
 * Parses a non-negative whole number option (an index, an id, a count, seconds), within
 * `min`…`max` when given (`describe` says what the maximum is, e.g. "10 years").
 */
export function parseWhole(
  value: string,
  option: string,
  { min, max, describe }: { min?: bigint; max?: bigint; describe?: (n: bigint) => string } = {},
): bigint {
  if (!/^\d+$/.test(value.trim()))
    throw new UserError(`--${option} must be a whole number, not "${value}"`);
  const n = BigInt(value.trim());
  if (min !== undefined && n < min)
    throw new UserError(`--${option} must be at least ${min}, not ${value.trim()}`);
  if (max !== undefined && n > max) {
    const shown = describe === undefined ? "" : ` (${describe(max)})`;
    throw new UserError(`--${option} must be at most ${max}${shown}, not ${value.trim()}`);
  }
  return n;
}
