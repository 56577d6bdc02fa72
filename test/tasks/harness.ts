/**
 * Runs `lab` tasks in-process against the embedded chain, as a student runs them in a terminal:
 * the system is deployed with the deploy script's own code (`deployStakingLab`), its record is
 * written where the tasks read it (a temporary directory, never the student's `deployments/`),
 * and each task runs through Hardhat's task runner with its output captured.
 *
 * Tasks open the network with `network.getOrCreate()`, so they share the connection the
 * fixture deployed on (a test file that uses this harness does not call `network.create()`).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";
import hre, { network } from "hardhat";

import { classroom, type Profile } from "../../config/profiles.js";
import { checkWiring, contractRecords, deployStakingLab } from "../../scripts/lib/deploy-lab.js";
import { profileRecord, saveDeployment } from "../../scripts/lib/deployment.js";

process.env.STAKING_LAB_DEPLOYMENTS_DIR = mkdtempSync(join(tmpdir(), "staking-lab-tasks-"));

export const connection = await network.getOrCreate();
export const { ethers, networkHelpers } = connection;

/** The classroom profile, as on Hoodi: 0.032 ETH validators, a simulated year in 30 minutes. */
export async function deployedForTasksFixture() {
  return deployForTasks(classroom);
}

/** Deploys with any profile and writes the record the tasks read. */
export async function deployForTasks(profile: Profile) {
  const [deployer] = await ethers.getSigners();
  const deployment = await deployStakingLab(connection, profile);
  const problems = await checkWiring(deployment, profile, deployer.address);
  if (problems.length > 0) throw new Error(`miswired: ${problems.join("; ")}`);
  saveDeployment({
    network: connection.networkName,
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    profile: profileRecord(profile),
    commit: "test",
    deployer: deployer.address,
    ignitionDeploymentId: "",
    updatedAt: new Date(0).toISOString(),
    contracts: await contractRecords(undefined, deployment.addresses, ethers),
  });
  return deployment;
}

export interface TaskRun {
  /** Everything the task printed (stdout and stderr, in order). */
  output: string;
  /** Whether the task failed (exit status 1 on the command line). */
  failed: boolean;
  /** The refusal line ("Error: …"), if any. */
  error: string | undefined;
}

/**
 * Runs `npx hardhat lab <task> …` in-process. Options are given as the task receives them
 * (strings for options, booleans for flags); omitted ones take their defaults. A task of a
 * subgroup is named with a space ("real status"); `runtime` is another Hardhat runtime (one
 * whose default network is another chain), this project's by default.
 */
export async function runLab(
  task: string,
  args: Record<string, string | boolean> = {},
  runtime: Pick<typeof hre, "tasks"> = hre,
): Promise<TaskRun> {
  const lines: string[] = [];
  const saved = { log: console.log, error: console.error, exitCode: process.exitCode };
  const capture = (...parts: unknown[]) => {
    lines.push(parts.map((part) => (part instanceof Error ? part.stack : String(part))).join(" "));
  };
  console.log = capture;
  console.error = capture;
  process.exitCode = undefined;
  let failed: boolean;
  try {
    await runtime.tasks.getTask(["lab", ...task.split(" ")]).run(args);
  } finally {
    failed = process.exitCode === 1;
    console.log = saved.log;
    console.error = saved.error;
    process.exitCode = saved.exitCode;
  }
  const output = lines.join("\n");
  return { output, failed, error: lines.find((line) => line.startsWith("Error: ")) };
}

/** Runs a task that must succeed, and returns its output. */
export async function runLabOk(task: string, args: Record<string, string | boolean> = {}) {
  const run = await runLab(task, args);
  if (run.failed) throw new Error(`lab ${task} failed:\n${run.output}`);
  return run.output;
}

/**
 * A refusal as a student must see it: the task failed with one "Error:" line, no stack trace, no
 * wei-sized number, and each of `parts` in that line.
 */
export function expectRefusal(run: TaskRun, ...parts: string[]): void {
  expect(run.failed, `the task fails:\n${run.output}`).to.equal(true);
  expect(run.error, `one "Error:" line:\n${run.output}`).to.not.equal(undefined);
  expect(run.output, "no stack trace").to.not.match(/\n\s+at /);
  expect(run.error, "no wei-sized number").to.not.match(/(?<![.\d])\d{13,}/);
  for (const part of parts) expect(run.error, run.output).to.contain(part);
}
