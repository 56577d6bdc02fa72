/**
 * Deploys Staking Lab with the network's profile, checks the wiring, and writes
 * `deployments/<network>.json`.
 *
 *   npx hardhat run scripts/deploy.ts --network hoodi      # the classroom profile, faucet ETH
 *   npx hardhat run scripts/deploy.ts --network localhost  # a rehearsal on `npx hardhat node`
 *
 * Ignition journals each transaction under `ignition/deployments/<network>-<chainId>/`: running
 * the script again sends nothing, and a run cut off half-way resumes where it stopped.
 */
import { rmSync } from "node:fs";

import hre from "hardhat";
import { formatEther } from "ethers";

import { runMain, stackTracesRequested } from "./lib/boundary.js";
import { setCommandContext, txLink } from "./lib/commands.js";
import {
  CREATED_BY,
  FUTURES,
  checkWiring,
  contractRecords,
  deployStakingLab,
  deployedFutures,
  deploymentComplete,
} from "./lib/deploy-lab.js";
import {
  IGNITION_DIR,
  currentCommit,
  profileRecord,
  recordPath,
  saveDeployment,
} from "./lib/deployment.js";
import { UserError } from "./lib/errors.js";
import { contractNameOf, marketDeploymentValue } from "./lib/market-deployment.js";
import { connect, isEphemeral, type Connected } from "./lib/network.js";
import { printTable } from "./lib/table.js";

/**
 * Transactions besides contract creations: the reserve funding and the role grants (11), and the
 * market's seeding (2 stakes, 2 approvals, 2 additions of liquidity at ~300,000) and supplies (8).
 */
const CALL_GAS_BUDGET = 11n * 60_000n + 4n * 100_000n + 2n * 300_000n + 8n * 100_000n;

await runMain(
  async () => {
    setCommandContext({ networkName: hre.globalOptions.network ?? "default" });
    const connected = await connect(hre);
    const { connection, ethers, networkName, chainId, profile } = connected;
    const signers = await ethers.getSigners();
    if (signers.length === 0) {
      throw new UserError(
        `No deployer account on ${networkName}: run \`npx hardhat keystore set HOODI_PRIVATE_KEY\`.`,
      );
    }
    const deployer = signers[0];
    const deploymentId = `${networkName}-${chainId}`;
    const deploymentDir = `${IGNITION_DIR}/${deploymentId}`;
    const ephemeral = isEphemeral(networkName);
    console.log(
      `Deploying Staking Lab to ${networkName} (chain ${chainId}) from ${deployer.address}\n` +
        `Profile "${profile.name}": ${profile.description}`,
    );

    if (!ephemeral) await forgetRestartedLocalNode(connected, deploymentDir);
    if (!ephemeral && !(await deploymentComplete(deploymentDir))) {
      await checkBalance(connected, deployer.address);
    }

    const nonceBefore = await ethers.provider.getTransactionCount(deployer.address);
    // Ignition's own progress display (each batch of transactions as it is sent and mined):
    // on a public testnet a deployment takes minutes, and a silent terminal looks stuck.
    const deployment = await deployStakingLab(connection, profile, {
      deploymentId: ephemeral ? undefined : deploymentId,
      displayUi: !ephemeral,
    });
    const sent = (await ethers.provider.getTransactionCount(deployer.address)) - nonceBefore;
    const { addresses } = deployment;

    const problems = await checkWiring(deployment, profile, deployer.address);
    if (problems.length > 0) {
      throw new UserError(
        `The deployment is miswired: ${problems.join("; ")}. Redeploy from a clean state.`,
      );
    }

    console.log(`Wiring checked; ${sent} transaction(s) sent by this run.`);
    if (ephemeral) {
      printTable(["contract", "address"], Object.entries(addresses));
      console.log(
        "The embedded chain ends with this process: nothing recorded. Use --network localhost or hoodi.",
      );
      return;
    }
    const contracts = await contractRecords(deploymentDir, addresses, ethers);
    printTable(
      ["contract", "address", "created in"],
      Object.entries(contracts).map(([name, record]) => [
        name,
        record.address,
        record.transactionHash === null
          ? "?"
          : record.createdBy !== undefined
            ? `${record.createdBy}'s transaction`
            : txLink(record.transactionHash, networkName),
      ]),
    );
    const file = saveDeployment({
      network: networkName,
      chainId: Number(chainId),
      profile: profileRecord(profile),
      commit: currentCommit(),
      deployer: deployer.address,
      ignitionDeploymentId: deploymentId,
      updatedAt: new Date().toISOString(),
      contracts,
    });
    console.log(`Recorded in ${file.replace(`${process.cwd()}/`, "")}`);
    const network = `--network ${networkName}`;
    console.log(
      networkName === "hoodi"
        ? `Next: \`npx hardhat lab verify ${network}\`, then \`npx hardhat lab status ${network}\` (docs/lesson.md walks the lesson).`
        : `Next: \`npx hardhat lab status ${network}\` (docs/lesson.md walks the lesson).`,
    );
  },
  { verbose: stackTracesRequested() },
);

/**
 * A local node forgets everything when restarted, but Ignition's journal remembers: if the
 * deployment's first contract has no code any more, the journal belongs to a chain that is gone.
 */
async function forgetRestartedLocalNode({ ethers, networkName }: Connected, deploymentDir: string) {
  if (networkName !== "localhost") return;
  const first = (await deployedFutures(deploymentDir))[FUTURES.BeaconChainSimulator];
  if (first === undefined || (await ethers.provider.getCode(first)) !== "0x") return;
  console.log("The local node was restarted since the last deployment: starting a fresh one.");
  rmSync(deploymentDir, { recursive: true, force: true });
  rmSync(recordPath(networkName), { force: true });
}

/**
 * Refuses to start a deployment the account cannot pay for. Creation gas is estimated from the
 * bytecode (32,000 + 200 per byte of runtime code + 16 per byte of init code + storage), which is
 * close enough to tell a student whether the faucet is needed.
 */
async function checkBalance({ ethers, networkName, profile }: Connected, deployerAddress: string) {
  let gas = CALL_GAS_BUDGET;
  for (const name of [...Object.keys(FUTURES), ...Object.keys(CREATED_BY)]) {
    const artifact = await hre.artifacts.readArtifact(contractNameOf(name));
    const initBytes = BigInt((artifact.bytecode.length - 2) / 2);
    const runtimeBytes = BigInt((artifact.deployedBytecode.length - 2) / 2);
    gas += 53_000n + 200n * runtimeBytes + 16n * initBytes + 12n * 22_100n;
  }
  const fees = await ethers.provider.getFeeData();
  const gasPrice = fees.maxFeePerGas ?? fees.gasPrice ?? 0n;
  // ETH sent with calls: the reward reserve, the pools' seeds and the lending markets' supply.
  const needed = gas * gasPrice + profile.initialRewardReserveWei + marketDeploymentValue(profile);
  const balance = await ethers.provider.getBalance(deployerAddress);
  if (balance < needed) {
    throw new UserError(
      `${deployerAddress} has ${formatEther(balance)} ETH on ${networkName} but the deployment needs about ` +
        `${formatEther(needed)} ETH (gas, the reward reserve, the market's liquidity): get Hoodi ETH from a faucet ` +
        `(README › "Deploy to Hoodi" lists some) and run again.`,
    );
  }
  console.log(`Estimated cost ${formatEther(needed)} ETH; balance ${formatEther(balance)} ETH.`);
}
