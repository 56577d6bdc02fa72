/**
 * `lab verify --network hoodi`: publish the source of every recorded contract on every explorer
 * hardhat-verify knows for Hoodi — Etherscan (with ETHERSCAN_API_KEY), Blockscout and Sourcify
 * (no key) — as Hardhat's own `verify` task does. A failure on one explorer or contract does not
 * stop the others; the task ends with a table of what each explorer said, and fails only if no
 * explorer verified anything.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainError } from "../../scripts/lib/boundary.js";
import { loadDeployment, type ContractRecord } from "../../scripts/lib/deployment.js";
import { contractNameOf } from "../../scripts/lib/market-deployment.js";
import { printTable } from "../../scripts/lib/table.js";
import { labAction, UserError } from "../lib.js";

export const EXPLORERS = ["etherscan", "blockscout", "sourcify"] as const;
export type Explorer = (typeof EXPLORERS)[number];

/** One verification: resolves when verified (or already verified), throws otherwise. */
export type VerifyOne = (
  explorer: Explorer,
  name: string,
  contract: ContractRecord,
) => Promise<unknown>;

/**
 * Tries every contract on every explorer, in order, whatever fails; returns the table's rows
 * (a short status per explorer) and the notes that explain each failure in one line.
 */
export async function verifyEverywhere(
  contracts: Record<string, ContractRecord>,
  verifyOne: VerifyOne,
  log: (line: string) => void = console.log,
) {
  const rows: string[][] = [];
  const notes: string[] = [];
  const noted = new Map<string, number>();
  let verified = 0;
  for (const [name, contract] of Object.entries(contracts)) {
    const row = [name];
    for (const explorer of EXPLORERS) {
      log(`Verifying ${name} at ${contract.address} on ${explorer}…`);
      try {
        await verifyOne(explorer, name, contract);
        row.push("verified");
        verified++;
      } catch (error) {
        const reason = `${explorer}: ${await explainError(error)}`;
        let index = noted.get(reason);
        if (index === undefined) {
          notes.push(reason);
          index = notes.length;
          noted.set(reason, index);
        }
        row.push(`failed [${index}]`);
      }
    }
    rows.push(row);
  }
  return { rows, notes, verified };
}

export default labAction<{ verbose: boolean }>(async (_args, hre) => {
  const { networkName } = await hre.network.getOrCreate();
  if (networkName !== "hoodi") {
    throw new UserError(
      `Verification needs a public explorer: run it with --network hoodi, not ${networkName}.`,
    );
  }
  const record = loadDeployment(networkName);
  const { verifyContract } = await import("@nomicfoundation/hardhat-verify/verify");
  const { rows, notes, verified } = await verifyEverywhere(
    record.contracts,
    (explorer, name, contract) =>
      verifyContract(
        {
          address: contract.address,
          constructorArgs: contract.constructorArgs,
          contract: sourceName(name),
          provider: explorer,
          creationTxHash: contract.transactionHash ?? undefined,
        },
        hre as HardhatRuntimeEnvironment,
      ),
  );
  printTable(["contract", ...EXPLORERS], rows);
  notes.forEach((note, i) => console.log(`[${i + 1}] ${note}`));
  if (verified === 0) {
    throw new UserError(
      "No explorer verified anything: see the notes above (a key to set, an explorer to retry later).",
    );
  }
});

/** "StableSwapPool:LST" → "contracts/market/StableSwapPool.sol:StableSwapPool". */
function sourceName(recordName: string): string {
  const name = contractNameOf(recordName);
  return `contracts/${contractFolder(name)}/${name}.sol:${name}`;
}

function contractFolder(name: string): string {
  const folders: Record<string, string> = {
    BeaconChainSimulator: "consensus",
    DepositPool: "staking",
    LiquidStakingToken: "staking",
    RestakingManager: "restaking",
    RestakingPod: "restaking",
    LRTVault: "liquid-restaking",
    LSTRateProvider: "market/rates",
    LRTRateProvider: "market/rates",
    StableSwapPool: "market",
    LendingMarket: "market",
    ExchangeRateOracle: "market/oracles",
    CappedRateOracle: "market/oracles",
    SpotPriceOracle: "market/oracles",
    EmaPriceOracle: "market/oracles",
  };
  const folder = folders[name];
  if (folder === undefined)
    throw new UserError(`Do not know where ${name} lives: add it to tasks/actions/verify.ts.`);
  return folder;
}
