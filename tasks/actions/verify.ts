/**
 * `lab verify --network hoodi`: publish the source of every recorded contract on the block
 * explorers hardhat-verify knows for Hoodi (Etherscan with ETHERSCAN_API_KEY, Blockscout, Sourcify).
 */
import { verifyContract } from "@nomicfoundation/hardhat-verify/verify";

import { loadDeployment } from "../../scripts/lib/deployment.js";
import { labAction, UserError } from "../lib.js";

export default labAction<Record<string, unknown>>(async (_args, hre) => {
  const { networkName } = await hre.network.create();
  if (networkName !== "hoodi") {
    throw new UserError(
      `Verification needs a public explorer: run it with --network hoodi, not ${networkName}.`,
    );
  }
  const record = loadDeployment(networkName);
  for (const [name, contract] of Object.entries(record.contracts)) {
    const folder = contractFolder(name);
    console.log(`Verifying ${name} at ${contract.address}`);
    await verifyContract(
      {
        address: contract.address,
        constructorArgs: contract.constructorArgs,
        contract: `contracts/${folder}/${name}.sol:${name}`,
      },
      hre,
    );
  }
});

function contractFolder(name: string): string {
  const folders: Record<string, string> = {
    BeaconChainSimulator: "consensus",
    DepositPool: "staking",
    LiquidStakingToken: "staking",
    RestakingManager: "restaking",
    RestakingPod: "restaking",
    LRTVault: "liquid-restaking",
  };
  const folder = folders[name];
  if (folder === undefined)
    throw new UserError(`Do not know where ${name} lives: add it to tasks/actions/verify.ts.`);
  return folder;
}
