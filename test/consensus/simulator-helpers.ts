/** Small helpers shared by the BeaconChainSimulator test files. */
import type { ContractTransactionResponse } from "ethers";
import { id } from "ethers";

import { BPS, SECONDS_PER_YEAR, mulDiv } from "../helpers/index.js";

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
