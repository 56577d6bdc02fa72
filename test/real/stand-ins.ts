/**
 * The real protocols' stand-ins at their Hoodi addresses on an embedded chain with Hoodi's chain
 * id (560048). The `lab real` tasks open the default network of the runtime they run in, so
 * this file makes a second Hardhat runtime whose default network is that chain (`hoodiRuntime`),
 * and places the stand-ins there (scripts/lib/real-stand-ins.ts, as the rehearsal does).
 */
import hre from "hardhat";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";

import config from "../../hardhat.config.js";
import {
  HOODI_GENESIS_TIME,
  LIDO_EPOCHS_PER_FRAME,
  placeStandIns,
} from "../../scripts/lib/real-stand-ins.js";
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

/** One Lido oracle frame on Hoodi, in seconds: 12 epochs of 32 slots of 12 s. */
const FRAME_SECONDS = LIDO_EPOCHS_PER_FRAME * 32n * 12n;

/**
 * Every stand-in placed and set up; account 0 plays the protocols' governance and oracles. The
 * chain starts 520 s into an oracle frame, so the next report is "in 1 h 7 min" for the next
 * 56 s of the tests (a refusal or a table prints the same words each run).
 */
export async function standInsFixture() {
  const now = BigInt(await networkHelpers.time.latest());
  const nextFrame =
    HOODI_GENESIS_TIME + ((now - HOODI_GENESIS_TIME) / FRAME_SECONDS + 1n) * FRAME_SECONDS;
  await networkHelpers.time.setNextBlockTimestamp(nextFrame + 520n);
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
