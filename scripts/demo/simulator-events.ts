/**
 * What a transaction did on the consensus layer, read from the `BeaconChainSimulator`'s events
 * (the index of a new validator, a penalty, a sweep's payment), so that the demo's chapters print
 * the amounts the simulator applied rather than recomputing them.
 */
import type { ContractTransactionResponse, Log, Result } from "ethers";

import type { Demo } from "./context.js";

type Simulator = Demo["deployed"]["simulator"];

/** A mined transaction: its block's timestamp and the simulator's events it emitted, by name. */
export interface SimulatorReceipt {
  timestamp: bigint;
  /** The arguments of the first event `name` it emitted; throws if there is none. */
  event(name: string): Result;
}

/** Waits for `tx` and reads the events the simulator emitted in it. */
export async function sendToSimulator(
  simulator: Simulator,
  tx: Promise<ContractTransactionResponse>,
): Promise<SimulatorReceipt> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction dropped");
  const address = (await simulator.getAddress()).toLowerCase();
  const events = receipt.logs
    .filter((log: Log) => log.address.toLowerCase() === address)
    .map((log: Log) => simulator.interface.parseLog(log))
    .filter((parsed) => parsed !== null);
  return {
    timestamp: BigInt((await receipt.getBlock()).timestamp),
    event(name: string) {
      const found = events.find((e) => e.name === name);
      if (found === undefined) throw new Error(`the simulator emitted no ${name}`);
      return found.args;
    },
  };
}
