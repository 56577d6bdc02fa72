/**
 * Deployment records: `deployments/<network>.json` says what was deployed where, with which
 * arguments and profile, from which commit. Scripts write it; tasks read it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { Profile } from "../../config/profiles.js";
import { UserError } from "./errors.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DEPLOYMENTS_DIR = `${ROOT}deployments`;
export const IGNITION_DIR = `${ROOT}ignition/deployments`;

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
  return `${DEPLOYMENTS_DIR}/${networkName}.json`;
}

/** Reads `deployments/<network>.json`, or says how to make it. */
export function loadDeployment(networkName: string): DeploymentRecord {
  const file = recordPath(networkName);
  if (!existsSync(file)) {
    throw new UserError(
      `No deployment on ${networkName} (deployments/${networkName}.json is missing): ` +
        `run \`npx hardhat run scripts/deploy.ts --network ${networkName}\` first.`,
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as DeploymentRecord;
}

export function saveDeployment(record: DeploymentRecord): string {
  mkdirSync(DEPLOYMENTS_DIR, { recursive: true });
  const file = recordPath(record.network);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** The commit the contracts were built from, marked `-dirty` when the tree has changes. */
export function currentCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "contracts"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim();
    return dirty === "" ? head : `${head}-dirty`;
  } catch {
    return "unknown";
  }
}

/** Profile values as strings (JSON has no bigint). */
export function profileRecord(profile: Profile): Record<string, string> {
  return Object.fromEntries(Object.entries(profile).map(([key, value]) => [key, String(value)]));
}

interface JournalLine {
  type: string;
  futureId?: string;
  hash?: string;
  receipt?: { blockNumber: number; contractAddress?: string };
  constructorArgs?: unknown[];
}

/** What Ignition's journal says about each future: its transaction, block and constructor args. */
export function readIgnitionJournal(deploymentId: string) {
  const file = `${IGNITION_DIR}/${deploymentId}/journal.jsonl`;
  const byFuture = new Map<
    string,
    { hash?: string; blockNumber?: number; constructorArgs?: string[] }
  >();
  if (!existsSync(file)) return byFuture;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const message = JSON.parse(line) as JournalLine;
    if (message.futureId === undefined) continue;
    const entry = byFuture.get(message.futureId) ?? {};
    if (message.type === "DEPLOYMENT_EXECUTION_STATE_INITIALIZE") {
      entry.constructorArgs = (message.constructorArgs ?? []).map(stringifyArg);
    }
    if (message.type === "TRANSACTION_CONFIRM") {
      entry.hash = message.hash;
      entry.blockNumber = message.receipt?.blockNumber;
    }
    byFuture.set(message.futureId, entry);
  }
  return byFuture;
}

function stringifyArg(arg: unknown): string {
  if (typeof arg === "object" && arg !== null && "_kind" in arg && "value" in arg) {
    return String((arg as { value: unknown }).value); // Ignition's bigint encoding
  }
  return String(arg);
}
