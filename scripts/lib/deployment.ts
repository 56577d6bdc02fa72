/**
 * Deployment records: `deployments/<network>.json` says what was deployed where, with which
 * arguments and profile, from which commit. Scripts write it; tasks read it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { Profile } from "../../config/profiles.js";
import { deployCommand } from "./commands.js";
import { UserError } from "./errors.js";
import { isEphemeral } from "./network.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const IGNITION_DIR = `${ROOT}ignition/deployments`;

/**
 * Where records live: `deployments/`, or `STAKING_LAB_DEPLOYMENTS_DIR` (the task tests keep
 * theirs in a temporary directory, so they never touch a student's records).
 */
export function deploymentsDir(): string {
  const override = process.env.STAKING_LAB_DEPLOYMENTS_DIR;
  return override !== undefined && override !== "" ? override : `${ROOT}deployments`;
}

export interface ContractRecord {
  address: string;
  /** The transaction that created it (for a contract created by another contract, that one's). */
  transactionHash: string | null;
  blockNumber: number | null;
  constructorArgs: string[];
  /** Set when another contract created this one (the LST is created by the pool). */
  createdBy?: string;
}

export interface DeploymentRecord {
  network: string;
  chainId: number;
  profile: Record<string, string>;
  commit: string;
  deployer: string;
  ignitionDeploymentId: string;
  updatedAt: string;
  contracts: Record<string, ContractRecord>;
}

export function recordPath(networkName: string): string {
  return `${deploymentsDir()}/${networkName}.json`;
}

/** Reads `deployments/<network>.json`, or says how to make it. */
export function loadDeployment(networkName: string): DeploymentRecord {
  const file = recordPath(networkName);
  if (!existsSync(file)) {
    if (isEphemeral(networkName)) {
      // The embedded chain forgets everything when the command ends: deploying there records
      // nothing, so "deploy first" would send the student in a loop.
      throw new UserError(
        `Without --network, each command runs on a fresh embedded chain that keeps nothing: start a node ` +
          `(\`npx hardhat node --hostname 127.0.0.1 --chain-id 560048\`), deploy with ${deployCommand("localhost")}, ` +
          `then add --network localhost to each lab command (or --network hoodi).`,
      );
    }
    throw new UserError(
      `No deployment on ${networkName} (deployments/${networkName}.json is missing): ` +
        `run ${deployCommand(networkName)} first.`,
    );
  }
  let record: DeploymentRecord;
  try {
    record = JSON.parse(readFileSync(file, "utf8")) as DeploymentRecord;
  } catch (error) {
    throw new UserError(
      `deployments/${networkName}.json is not a deployment record (${(error as Error).message}): ` +
        `delete it and redeploy with ${deployCommand(networkName)}.`,
    );
  }
  if (
    typeof record !== "object" ||
    record === null ||
    typeof record.contracts !== "object" ||
    record.contracts === null
  ) {
    throw new UserError(
      `deployments/${networkName}.json lists no contracts: delete it and redeploy with ${deployCommand(networkName)}.`,
    );
  }
  return record;
}

export function saveDeployment(record: DeploymentRecord): string {
  mkdirSync(deploymentsDir(), { recursive: true });
  const file = recordPath(record.network);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** The commit the contracts were built from, marked `-dirty` when the tree has changes. */
export function currentCommit(): string {
  try {
    // stderr ignored: outside a git checkout (a copy, a tarball) the commit is just "unknown".
    const options = {
      cwd: ROOT,
      encoding: "utf8" as const,
      stdio: ["ignore", "pipe", "ignore"] as ("ignore" | "pipe")[],
    };
    const head = execFileSync("git", ["rev-parse", "HEAD"], options).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "contracts"], options).trim();
    return dirty === "" ? head : `${head}-dirty`;
  } catch {
    return "unknown";
  }
}

/** Profile values as strings (JSON has no bigint); nested groups as dotted keys (`market.lstPool.a`). */
export function profileRecord(profile: Profile): Record<string, string> {
  const flat = (prefix: string, value: object): [string, string][] =>
    Object.entries(value).flatMap(([key, inner]) =>
      typeof inner === "object" && inner !== null
        ? flat(`${prefix}${key}.`, inner as object)
        : [[`${prefix}${key}`, String(inner)] as [string, string]],
    );
  return Object.fromEntries(flat("", profile));
}
