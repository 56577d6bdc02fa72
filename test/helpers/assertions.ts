/** Named assertions, so that every tolerance in the suite is stated once and with its reason. */
import { expect } from "chai";

/**
 * Integer division in the contracts rounds each step down; a value computed through a few such
 * steps can differ from the exact figure computed in a test by a few wei. This is that margin.
 * INV-2 and INV-3 allow exactly this much and no more.
 */
export const ROUNDING_TOLERANCE_WEI = 2n;

/**
 * Asserts `actual` equals `expected` within `ROUNDING_TOLERANCE_WEI` (or a stated margin),
 * with a message that names the quantity.
 */
export function expectEqualWithinRounding(
  actual: bigint,
  expected: bigint,
  what: string,
  toleranceWei: bigint = ROUNDING_TOLERANCE_WEI,
): void {
  const diff = actual > expected ? actual - expected : expected - actual;
  expect(
    diff <= toleranceWei,
    `${what}: expected ${expected} ± ${toleranceWei} wei, got ${actual} (off by ${diff} wei)`,
  ).to.equal(true);
}

/** Asserts `actual` ≤ `bound`, naming the quantity (rounding must favour the protocol). */
export function expectAtMost(actual: bigint, bound: bigint, what: string): void {
  expect(actual <= bound, `${what}: ${actual} exceeds ${bound} by ${actual - bound} wei`).to.equal(
    true,
  );
}

/**
 * Asserts two gas figures are within `percent` % of each other: used to show that a cost does
 * not depend on the number of holders, validators or delegators (INV-6).
 */
export function expectGasWithinPercent(
  gasSmall: bigint,
  gasLarge: bigint,
  percent: bigint,
  what: string,
): void {
  const diff = gasSmall > gasLarge ? gasSmall - gasLarge : gasLarge - gasSmall;
  expect(
    diff * 100n <= gasSmall * percent,
    `${what}: ${gasSmall} gas with few vs ${gasLarge} with many differ by more than ${percent} %`,
  ).to.equal(true);
}
