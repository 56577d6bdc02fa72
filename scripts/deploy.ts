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
import { existsSync, readFileSync, rmSync } from "node:fs";

import hre from "hardhat";
import { formatEther } from "ethers";

import StakingLabModule from "../ignition/modules/StakingLab.js";
import { LRT_ROLES } from "../ignition/modules/LiquidRestaking.js";
import { ROLES } from "../ignition/modules/Staking.js";
import {
  IGNITION_DIR,
  currentCommit,
  profileRecord,
  readIgnitionJournal,
  recordPath,
  saveDeployment,
  type ContractRecord,
} from "./lib/deployment.js";
import { addressesOf, attachLab } from "./lib/contracts.js";
import { UserError, runMain } from "./lib/errors.js";
import { connect, isEphemeral, type Connected } from "./lib/network.js";
import { moduleParameters } from "./lib/parameters.js";

/** Contracts the deployment creates, by the Ignition future that creates or finds them. */
const FUTURES = {
  BeaconChainSimulator: "Staking#BeaconChainSimulator",
  DepositPool: "Staking#DepositPool",
  LiquidStakingToken: "Staking#LiquidStakingToken",
  RestakingManager: "Restaking#RestakingManager",
  LRTVault: "LiquidRestaking#LRTVault",
} as const;
type Deployed = keyof typeof FUTURES;

/** Contracts another contract creates in its constructor: same transaction as their creator. */
const CREATED_BY: Record<string, { creator: Deployed; args: Deployed[] }> = {
  LiquidStakingToken: { creator: "DepositPool", args: ["DepositPool"] },
  RestakingPod: { creator: "RestakingManager", args: ["BeaconChainSimulator"] },
};

/** Transactions besides contract creations: the reserve funding and the role grants. */
const CALL_GAS_BUDGET = 11n * 60_000n;

await runMain(async () => {
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
  const ephemeral = isEphemeral(networkName);
  console.log(
    `Deploying Staking Lab to ${networkName} (chain ${chainId}) from ${deployer.address}\n` +
      `Profile "${profile.name}": ${profile.description}`,
  );

  if (!ephemeral) await forgetRestartedLocalNode(connected, deploymentId);
  if (!ephemeral && !journalComplete(deploymentId)) await checkBalance(connected, deployer.address);

  const nonceBefore = await ethers.provider.getTransactionCount(deployer.address);
  const deployed = await connection.ignition.deploy(StakingLabModule, {
    parameters: moduleParameters(profile),
    deploymentId: ephemeral ? undefined : deploymentId,
    displayUi: false,
  });
  const sent = (await ethers.provider.getTransactionCount(deployer.address)) - nonceBefore;

  // Typechain-typed handles on what Ignition deployed.
  const { simulator, pool, token, manager, vault } = await attachLab(
    ethers,
    await addressesOf(deployed),
  );
  const addresses: Record<string, string> = {
    BeaconChainSimulator: await simulator.getAddress(),
    DepositPool: await pool.getAddress(),
    LiquidStakingToken: await token.getAddress(),
    RestakingManager: await manager.getAddress(),
    RestakingPod: await manager.podImplementation(),
    LRTVault: await vault.getAddress(),
  };

  // Check the wiring as a student would: links between contracts, parameters and every role.
  const problems: string[] = [];
  const expectEqual = (actual: unknown, expected: unknown, what: string) => {
    if (String(actual) !== String(expected))
      problems.push(`${what} is ${actual}, expected ${expected}`);
  };
  expectEqual(await pool.simulator(), addresses.BeaconChainSimulator, "pool.simulator()");
  expectEqual(await token.pool(), addresses.DepositPool, "token.pool()");
  expectEqual(await manager.simulator(), addresses.BeaconChainSimulator, "manager.simulator()");
  expectEqual(await simulator.validatorDeposit(), profile.validatorDepositWei, "validatorDeposit");
  expectEqual(
    await manager.withdrawalDelay(),
    profile.restakingWithdrawalDelaySeconds,
    "withdrawalDelay",
  );
  expectEqual(
    (await manager.getStrategy(addresses.LiquidStakingToken)).exists,
    true,
    "LST strategy",
  );
  const roleChecks: [
    string,
    { hasRole(role: string, account: string): Promise<boolean> },
    string,
  ][] = [
    ["simulator CONSENSUS_ROLE", simulator, ROLES.consensus],
    ["pool ORACLE_ROLE", pool, ROLES.oracle],
    ["pool OPERATOR_ROLE", pool, ROLES.operator],
    ["pool PAUSER_ROLE", pool, ROLES.pauser],
    ["pool LOSS_CONFIRMER_ROLE", pool, ROLES.lossConfirmer],
    ["manager PAUSER_ROLE", manager, ROLES.pauser],
    ["vault MANAGER_ROLE", vault, LRT_ROLES.manager],
    ["vault PAUSER_ROLE", vault, LRT_ROLES.pauser],
  ];
  for (const [what, contract, role] of roleChecks) {
    if (!(await contract.hasRole(role, deployer.address))) problems.push(`${what} missing`);
  }
  if (problems.length > 0) {
    throw new UserError(
      `The deployment is miswired: ${problems.join("; ")}. Redeploy from a clean state.`,
    );
  }

  console.log(`Wiring checked; ${sent} transaction(s) sent by this run.`);
  console.table(Object.entries(addresses).map(([contract, address]) => ({ contract, address })));

  if (ephemeral) {
    console.log(
      "The embedded chain ends with this process: nothing recorded. Use --network localhost or hoodi.",
    );
    return;
  }
  const journal = readIgnitionJournal(deploymentId);
  const contracts: Record<string, ContractRecord> = {};
  for (const [name, futureId] of Object.entries(FUTURES)) {
    const entry = journal.get(futureId) ?? {};
    contracts[name] = {
      address: addresses[name],
      transactionHash: entry.hash ?? null,
      blockNumber: entry.blockNumber ?? null,
      constructorArgs: entry.constructorArgs ?? [],
    };
  }
  for (const [name, { creator, args }] of Object.entries(CREATED_BY)) {
    contracts[name] = {
      address: addresses[name],
      transactionHash: contracts[creator].transactionHash,
      blockNumber: contracts[creator].blockNumber,
      constructorArgs: args.map((arg) => addresses[arg]),
      createdBy: creator,
    };
  }
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
  if (networkName === "hoodi") {
    console.log(
      "Next: `npx hardhat lab verify --network hoodi`, then `npx hardhat lab status --network hoodi`.",
    );
  }
});

/** Whether Ignition already finished every step of this deployment (then nothing will be sent). */
function journalComplete(deploymentId: string): boolean {
  const file = `${IGNITION_DIR}/${deploymentId}/deployed_addresses.json`;
  if (!existsSync(file)) return false;
  const deployed = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return Object.values(FUTURES).every((futureId) => futureId in deployed);
}

/**
 * A local node forgets everything when restarted, but Ignition's journal remembers: if the
 * journal's first contract has no code any more, the journal belongs to a chain that is gone.
 */
async function forgetRestartedLocalNode({ ethers, networkName }: Connected, deploymentId: string) {
  if (networkName !== "localhost") return;
  const file = `${IGNITION_DIR}/${deploymentId}/deployed_addresses.json`;
  if (!existsSync(file)) return;
  const deployed = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const first = deployed[FUTURES.BeaconChainSimulator];
  if (first !== undefined && (await ethers.provider.getCode(first)) !== "0x") return;
  console.log("The local node was restarted since the last deployment: starting a fresh one.");
  rmSync(`${IGNITION_DIR}/${deploymentId}`, { recursive: true, force: true });
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
    const artifact = await hre.artifacts.readArtifact(name);
    const initBytes = BigInt((artifact.bytecode.length - 2) / 2);
    const runtimeBytes = BigInt((artifact.deployedBytecode.length - 2) / 2);
    gas += 53_000n + 200n * runtimeBytes + 16n * initBytes + 12n * 22_100n;
  }
  const fees = await ethers.provider.getFeeData();
  const gasPrice = fees.maxFeePerGas ?? fees.gasPrice ?? 0n;
  const needed = gas * gasPrice + profile.initialRewardReserveWei;
  const balance = await ethers.provider.getBalance(deployerAddress);
  if (balance < needed) {
    throw new UserError(
      `${deployerAddress} has ${formatEther(balance)} ETH on ${networkName} but the deployment needs about ` +
        `${formatEther(needed)} ETH (gas + the reward reserve): get Hoodi ETH from a faucet ` +
        `(README › "Deploy to Hoodi" lists some) and run again.`,
    );
  }
  console.log(`Estimated cost ${formatEther(needed)} ETH; balance ${formatEther(balance)} ETH.`);
}
