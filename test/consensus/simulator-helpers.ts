/** Small helpers shared by the BeaconChainSimulator test files. */
import type { ContractTransactionResponse } from "ethers";
import { id } from "ethers";

import { BPS, SECONDS_PER_YEAR, mulDiv, mulDivUp } from "../helpers/index.js";

/** `IBeaconChainSimulator.Status`, as the ABI returns it. */
export const Status = { None: 0n, Active: 1n, Exiting: 2n, Withdrawn: 3n } as const;

/** The teacher's role, computed here rather than read from the contract. */
export const CONSENSUS_ROLE = id("CONSENSUS_ROLE");

/** The admin role of OpenZeppelin's AccessControl. */
export const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}`;

/** Reward of one validator over `simulatedSeconds` at `aprBps` on `depositWei`, rounded down. */
export function rewardFor(depositWei: bigint, aprBps: bigint, simulatedSeconds: bigint): bigint {
  return mulDiv(depositWei * aprBps, simulatedSeconds, BPS * SECONDS_PER_YEAR);
}

/** Block timestamp of a mined transaction, in seconds. */
export async function timestampOf(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  const block = await receipt!.getBlock();
  return BigInt(block.timestamp);
}

/** Gas used by a mined transaction. */
export async function gasOf(tx: ContractTransactionResponse): Promise<bigint> {
  return (await tx.wait())!.gasUsed;
}

/** One slashing as the reference model sees it: its block timestamp and the deposit slashed. */
export interface SlashingRecord {
  at: bigint;
  depositWei: bigint;
}

/**
 * Reference model of the consensus specs' `process_slashings` as the simulator applies it,
 * computed independently of the contract:
 *
 * - the penalty is fixed at the midpoint `slashedAt + window / 2` (`epoch + EPOCHS_PER_SLASHINGS_VECTOR
 *   // 2 == withdrawable_epoch`), whatever the time of the sweep;
 * - it counts the deposits slashed in the 16 buckets of `window / 16` seconds ending with the
 *   midpoint's bucket: about half a window before the validator's own slashing, half a window after;
 * - penalty = balance × min(3 × slashed, totalActive) / totalActive, rounded up; all of it when
 *   nothing is left active.
 */
export function correlationPenaltyReference(args: {
  balance: bigint;
  slashedAt: bigint;
  slashings: readonly SlashingRecord[];
  totalActive: bigint;
  window: bigint;
}): { penalty: bigint; slashedInWindow: bigint } {
  const bucketSeconds = args.window / 16n;
  const lastBucket = (args.slashedAt + args.window / 2n) / bucketSeconds;
  const firstBucket = lastBucket >= 15n ? lastBucket - 15n : 0n;
  let slashedInWindow = 0n;
  for (const { at, depositWei } of args.slashings) {
    const bucket = at / bucketSeconds;
    if (bucket >= firstBucket && bucket <= lastBucket) slashedInWindow += depositWei;
  }
  if (args.totalActive === 0n) return { penalty: args.balance, slashedInWindow };
  const tripled = 3n * slashedInWindow;
  const numerator = tripled < args.totalActive ? tripled : args.totalActive;
  return { penalty: mulDivUp(args.balance, numerator, args.totalActive), slashedInWindow };
}
