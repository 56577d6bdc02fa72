/** Connecting to a network with the checks and remedies students need. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { profileForNetwork, type Profile } from "../../config/profiles.js";
import { UserError, explainHardhatError } from "./errors.js";

/** The chain each named network must be, so a wrong RPC URL is caught before anything is sent. */
export const EXPECTED_CHAIN_IDS: Readonly<Record<string, bigint>> = {
  hoodi: 560048n,
};

/** Networks whose state lives only in this process: nothing to record or resume. */
export function isEphemeral(networkName: string): boolean {
  return networkName === "default" || networkName.startsWith("hardhat");
}

export async function connect(hre: Pick<HardhatRuntimeEnvironment, "network">) {
  let connection;
  try {
    // The same connection for the whole process: one per command on the CLI, and shared with
    // the deployment when tasks run in-process (test/tasks).
    connection = await hre.network.getOrCreate();
  } catch (error) {
    const remedy = explainHardhatError(error, "the selected network");
    if (remedy !== undefined) throw new UserError(remedy);
    throw error;
  }
  const { networkName, ethers } = connection;
  let chainId: bigint;
  try {
    chainId = (await ethers.provider.getNetwork()).chainId;
  } catch (error) {
    const remedy = explainHardhatError(error, networkName);
    if (remedy !== undefined) throw new UserError(remedy);
    throw error;
  }
  const expected = EXPECTED_CHAIN_IDS[networkName];
  if (expected !== undefined && chainId !== expected) {
    throw new UserError(
      `The ${networkName} RPC answers with chain id ${chainId}, not ${expected}: ` +
        `set a ${networkName} RPC URL with \`npx hardhat keystore set HOODI_RPC_URL\`.`,
    );
  }
  let profile: Profile;
  try {
    profile = profileForNetwork(networkName);
  } catch (error) {
    // A mistyped STAKING_LAB_PROFILE: the student's own setting, said in one line.
    throw new UserError((error as Error).message);
  }
  return { connection, ethers, networkName, chainId, profile };
}

export type Connected = Awaited<ReturnType<typeof connect>>;
