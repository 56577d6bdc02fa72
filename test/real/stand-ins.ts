/**
 * The real protocols' stand-ins at their Hoodi addresses on an embedded chain with Hoodi's chain
 * id (560048). The `lab real` tasks open the default network of the runtime they run in, so
 * this file makes a second Hardhat runtime whose default network is that chain (`hoodiRuntime`),
 * and places the stand-ins there (scripts/lib/real-stand-ins.ts, as the rehearsal does).
 */
import hre from "hardhat";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";

import config from "../../hardhat.config.js";
import { placeStandIns } from "../../scripts/lib/real-stand-ins.js";
import { runLab, runLabOk, type TaskRun } from "../tasks/harness.js";

/** The embedded chain with Hoodi's chain id, as this runtime's default network. */
export const HOODI_STAND_IN_NETWORK = "hardhatHoodi";

export const hoodiRuntime = await createHardhatRuntimeEnvironment(
  {
    ...config,
    networks: {
      ...config.networks,
      [HOODI_STAND_IN_NETWORK]: { type: "edr-simulated", chainType: "l1", chainId: 560048 },
    },
  },
  { network: HOODI_STAND_IN_NETWORK },
  hre.config.paths.root,
);

export const hoodi = await hoodiRuntime.network.getOrCreate();
export const { ethers, networkHelpers } = hoodi;

/** Every stand-in placed and set up; account 0 plays the protocols' governance and oracles. */
export async function standInsFixture() {
  const [admin, student, operator, other] = await ethers.getSigners();
  const standIns = await placeStandIns(hoodi, hre.artifacts, admin);
  return { ...standIns, admin, student, operator, other };
}

/** `npx hardhat lab real <task> --network hoodi`, in-process, on the stand-ins' chain. */
export function runReal(
  task: string,
  args: Record<string, string | boolean> = {},
): Promise<TaskRun> {
  return runLab(`real ${task}`, args, hoodiRuntime);
}

/** A real task that must succeed; its output. */
export async function runRealOk(task: string, args: Record<string, string | boolean> = {}) {
  const run = await runReal(task, args);
  if (run.failed) throw new Error(`lab real ${task} failed:\n${run.output}`);
  return run.output;
}

export { runLab, runLabOk };
