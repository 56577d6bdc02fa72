/**
 * The comparison's vocabulary: the five ways to stake, the scenario's timeline and inputs, and the
 * typed result `runComparison` returns (scripts/compare/run.ts) and the table renders.
 */
import type { Profile } from "../../config/profiles.js";

export const WAD = 10n ** 18n;
const ETHER = WAD;

/** The five ways to stake, in the order of the talk (and of the table's columns). */
export const STAKING_TYPES = ["solo", "liquid", "native", "lstRestaked", "lrt"] as const;
export type StakingType = (typeof STAKING_TYPES)[number];

/** What each holder puts in. */
export const STAKE = 32n * ETHER;

/** The days the events happen on, and the scenario's fixed inputs (the table's note cites them). */
export const TIMELINE = {
  reportEveryDays: 30n,
  /** The layers' rates are measured over the quiet days before the first loss. */
  quietUntilDay: 150n,
  clSlashingDay: 180n,
  avsSlashingDay: 270n,
  yearDays: 365n,
} as const;

export const EVENTS = {
  /** AVS rewards a year on the stake it secures, basis points: native ETH, then slETH. */
  avsRewardBpsNative: 100n,
  avsRewardBpsLst: 50n,
  /** The operator's allocation to the AVS (WAD) and the share of it the AVS slashes (WAD). */
  allocationWad: WAD / 2n,
  avsSlashWad: WAD / 10n,
  /** Validators of the pool: 4,096 ETH staked (the market's seeds, the whale, the AVS, the holders). */
  poolValidators: 128n,
  /** The whale's slETH and slrETH (ETH deposited on day 0), and the AVS's slETH for its rewards. */
  whaleLstEth: 990n * ETHER,
  whaleLrtEth: 990n * ETHER,
  avsEth: 20n * ETHER,
  /** The run: the whale sells until ETH is this share (WAD) of the LST pool's value (June 2022). */
  lstPoolEthShareWad: (185n * WAD) / 1000n,
} as const;

/** One way to stake, after the year. Amounts in wei (ETH unless named), rates as WAD a year. */
export interface TypeResult {
  /** The least ETH that starts this way, and whether you run a node yourself. */
  capitalWei: bigint;
  runsNode: boolean;
  /** What you hold at the end: a token (amount in its smallest unit) or a position. */
  holding:
    | { kind: "validator" | "pod"; amountWei: bigint }
    | { kind: "slETH" | "restakedSlETH"; amountWei: bigint }
    | { kind: "slrETH"; amount: bigint };
  /** Yield layers measured over the quiet days, annualised, net of fees (WAD, 0.03e18 = 3 %). */
  clRateWad: bigint;
  avsRateWad: bigint | undefined;
  /** Fees taken on this holder's rewards: the LST's, the operator's split, the LRT's (wei). */
  fees: { lstWei: bigint; operatorWei: bigint; lrtWei: bigint };
  /** Value at NAV at the start and at the end of the year (wei), and the return (WAD). */
  startWei: bigint;
  endWei: bigint;
  returnWad: bigint;
  /** Seconds from asking to leave to holding ETH at NAV, from the deployed delays. */
  exitSeconds: bigint;
  /** Selling now in the pool during the run, or why one cannot. */
  marketExit:
    | { kind: "quote"; navWei: bigint; quoteWei: bigint; discountWad: bigint }
    | { kind: "noToken" }
    | { kind: "locked"; seconds: bigint };
  /** What each loss took from this holder's value at NAV (wei). */
  losses: { clSlashingWei: bigint; avsSlashingWei: bigint };
  /** Restaked value the AVS could slash just before it did (wei; 0 when not restaked). */
  restakedBeforeAvsSlashingWei: bigint;
}

/** A StableSwap pool's state, as its maths reads it (amp = A × 100, fees in 1e10 = 100 %). */
export interface PoolSnapshot {
  balances: [bigint, bigint];
  rateWad: bigint;
  amp: bigint;
  fee: bigint;
  offpeg: bigint;
}

export interface ComparisonResult {
  profile: Profile;
  types: Record<StakingType, TypeResult>;
  /** Facts the note under the table and the tests cite. */
  facts: {
    poolValidators: bigint;
    lstRateEndWad: bigint;
    lstPoolEthShareWad: bigint;
    lstSpotWad: bigint;
    /** The LST pool before and after the whale's sale of `lstSoldWei` slETH. */
    lstPoolBeforeRun: PoolSnapshot;
    lstPoolAfterRun: PoolSnapshot;
    lstSoldWei: bigint;
    lrtSpotWad: bigint;
    whaleSoldLrtEthWei: bigint;
    /** The initial penalty of the solo validator's slashing (its `ValidatorSlashed` event), wei. */
    slashedValidatorLossWei: bigint;
  };
}

/** Builds a record with one entry per way to stake. */
export function mapTypes<T>(f: (type: StakingType) => T): Record<StakingType, T> {
  return Object.fromEntries(STAKING_TYPES.map((type) => [type, f(type)])) as Record<StakingType, T>;
}
