/** Amounts for tests and scripts, as bigint: never floats. */
import { parseEther, parseUnits } from "ethers";

export { SECONDS_PER_YEAR } from "../../config/profiles.js";

/** `ether("1.5")` = 1.5e18 wei. */
export function ether(amount: string | number): bigint {
  return parseEther(String(amount));
}

/** `gwei("1")` = 1e9 wei. */
export function gwei(amount: string | number): bigint {
  return parseUnits(String(amount), "gwei");
}

/** Basis points as a bigint: `bps(1000)` = 10 %. */
export function bps(value: number | bigint): bigint {
  return BigInt(value);
}

/** 1e18, the fixed-point unit of rates (`rateWad`) and slashing fractions (`wadToSlash`). */
export const WAD = 10n ** 18n;

/** 10,000 basis points = 100 %. */
export const BPS = 10_000n;

export const MINUTE = 60n;
export const HOUR = 60n * MINUTE;
export const DAY = 24n * HOUR;

/** `a × b / c`, rounded down, as Solidity's `Math.mulDiv`. */
export function mulDiv(a: bigint, b: bigint, c: bigint): bigint {
  return (a * b) / c;
}

/** `a × b / c`, rounded up. */
export function mulDivUp(a: bigint, b: bigint, c: bigint): bigint {
  return (a * b + c - 1n) / c;
}

/** `tokenUnits("1.5", 21)` = 1.5 × 10^21: an amount of a token with `decimals` decimals (the LRT has 21). */
export function tokenUnits(amount: string | number, decimals: number): bigint {
  return parseUnits(String(amount), decimals);
}
