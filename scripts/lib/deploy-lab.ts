/**
 * Deploying Staking Lab: the Ignition module with a profile's parameters, typed handles on the
 * result, a wiring check as a student would make it, and the deployment record built from
 * Ignition's public API (`status`, `listTransactions`), never from its internal journal.
 * `scripts/deploy.ts` runs it on a network; the task tests run it on the embedded chain.
 */
import { existsSync } from "node:fs";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import { listTransactions, status } from "@nomicfoundation/ignition-core";

import type { Profile } from "../../config/profiles.js";
import StakingLabModule from "../../ignition/modules/StakingLab.js";
import { LRT_ROLES } from "../../ignition/modules/LiquidRestaking.js";
import { ROLES } from "../../ignition/modules/Staking.js";
import { addressesOf, attachLab } from "./contracts.js";
import type { ContractRecord } from "./deployment.js";
import { moduleParameters } from "./parameters.js";
import {
  MARKET_FUTURES,
  attachMarket,
  checkMarketWiring,
  marketAddressesOf,
} from "./market-deployment.js";

/** Contracts the deployment creates, by the Ignition future that creates them. */
export const FUTURES = {
  BeaconChainSimulator: "Staking#BeaconChainSimulator",
  DepositPool: "Staking#DepositPool",
  LiquidStakingToken: "Staking#LiquidStakingToken",
  RestakingManager: "Restaking#RestakingManager",
  LRTVault: "LiquidRestaking#LRTVault",
  // The market layer: pools, rate providers, oracles and lending markets (market-deployment.ts).
  ...MARKET_FUTURES,
} as const;
export type Deployed = "BeaconChainSimulator" | "DepositPool" | "LRTVault" | "RestakingManager";

/** Contracts another contract creates in its constructor: same transaction as their creator. */
export const CREATED_BY: Record<string, { creator: Deployed; args: Deployed[] }> = {
  LiquidStakingToken: { creator: "DepositPool", args: ["DepositPool"] },
  RestakingPod: { creator: "RestakingManager", args: ["BeaconChainSimulator"] },
};

/**
 * Deploys (or resumes) the system with the profile's parameters. `displayUi` shows Ignition's
 * progress, batch by batch — what a student on a slow network needs to see.
 */
export async function deployStakingLab(
  connection: NetworkConnection,
  profile: Profile,
  { deploymentId, displayUi = false }: { deploymentId?: string; displayUi?: boolean } = {},
) {
  const deployed = await connection.ignition.deploy(StakingLabModule, {
    parameters: moduleParameters(profile),
    deploymentId,
    displayUi,
  });
  const contracts = await attachLab(connection.ethers, await addressesOf(deployed));
  const { simulator, pool, token, manager, vault } = contracts;
  const addresses: Record<string, string> = {
    BeaconChainSimulator: await simulator.getAddress(),
    DepositPool: await pool.getAddress(),
    LiquidStakingToken: await token.getAddress(),
    RestakingManager: await manager.getAddress(),
    RestakingPod: await manager.podImplementation(),
    LRTVault: await vault.getAddress(),
    ...(await marketAddressesOf(deployed as never)),
  };
  const market = await attachMarket(connection.ethers, addresses);
  return { contracts, market, addresses };
}

/** Checks the links between contracts, the parameters and every role; returns what is wrong. */
export async function checkWiring(
  { contracts, market, addresses }: Awaited<ReturnType<typeof deployStakingLab>>,
  profile: Profile,
  deployer: string,
): Promise<string[]> {
  const { simulator, pool, token, manager, vault } = contracts;
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
    await simulator.slashingPenaltyQuotient(),
    profile.slashingPenaltyQuotient,
    "slashingPenaltyQuotient",
  );
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
    if (!(await contract.hasRole(role, deployer))) problems.push(`${what} missing`);
  }
  const core = {
    pool: addresses.DepositPool,
    token: addresses.LiquidStakingToken,
    vault: addresses.LRTVault,
  };
  problems.push(...(await checkMarketWiring(market, core, profile, deployer)));
  return problems;
}

/** The contracts Ignition's status lists as deployed in that directory, by future id. */
export async function deployedFutures(deploymentDir: string): Promise<Record<string, string>> {
  if (!existsSync(deploymentDir)) return {};
  try {
    const result = await status(deploymentDir);
    return Object.fromEntries(
      Object.entries(result.contracts).map(([futureId, info]) => [futureId, info.address]),
    );
  } catch {
    return {}; // a directory without a deployment state yet
  }
}

/** Whether Ignition already finished every contract of this deployment. */
export async function deploymentComplete(deploymentDir: string): Promise<boolean> {
  const deployed = await deployedFutures(deploymentDir);
  return Object.values(FUTURES).every((futureId) => futureId in deployed);
}

/**
 * Each contract's creation transaction, block and constructor arguments, from Ignition's
 * `listTransactions` (and the receipt for the block). Contracts created by another contract
 * share their creator's transaction.
 */
export async function contractRecords(
  deploymentDir: string | undefined,
  addresses: Record<string, string>,
  ethers: HardhatEthers,
): Promise<Record<string, ContractRecord>> {
  const byAddress = new Map<string, { txHash: string; params: unknown[] }>();
  if (deploymentDir !== undefined && existsSync(deploymentDir)) {
    const unused = { loadArtifact: async () => ({}) as never };
    for (const tx of await listTransactions(deploymentDir, unused)) {
      if (tx.address !== undefined) {
        byAddress.set(tx.address.toLowerCase(), { txHash: tx.txHash, params: tx.params ?? [] });
      }
    }
  }
  const contracts: Record<string, ContractRecord> = {};
  for (const name of Object.keys(FUTURES)) {
    const address = addresses[name];
    const tx = byAddress.get(address.toLowerCase());
    const receipt =
      tx === undefined ? null : await ethers.provider.getTransactionReceipt(tx.txHash);
    contracts[name] = {
      address,
      transactionHash: tx?.txHash ?? null,
      blockNumber: receipt?.blockNumber ?? null,
      constructorArgs: (tx?.params ?? []).map(String),
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
  return contracts;
}
