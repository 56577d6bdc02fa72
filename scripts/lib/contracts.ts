/** Typechain-typed handles on a Staking Lab deployment, from its addresses. */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractRunner } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { Profile } from "../../config/profiles.js";
import StakingLabModule from "../../ignition/modules/StakingLab.js";
import { attachMarket, marketAddressesOf } from "./market-deployment.js";
import { moduleParameters } from "./parameters.js";

export interface LabAddresses {
  simulator: string;
  pool: string;
  token: string;
  manager: string;
  vault: string;
}

/** The five contracts a deployment creates, typed, bound to `runner` (a signer) if given. */
export async function attachLab(
  ethers: HardhatEthers,
  addresses: LabAddresses,
  runner?: ContractRunner,
) {
  const signer = runner as Parameters<typeof ethers.getContractAt>[2];
  return {
    simulator: await ethers.getContractAt("BeaconChainSimulator", addresses.simulator, signer),
    pool: await ethers.getContractAt("DepositPool", addresses.pool, signer),
    token: await ethers.getContractAt("LiquidStakingToken", addresses.token, signer),
    manager: await ethers.getContractAt("RestakingManager", addresses.manager, signer),
    vault: await ethers.getContractAt("LRTVault", addresses.vault, signer),
  };
}

/** The addresses of what Ignition deployed (its results are untyped contracts). */
export async function addressesOf(
  deployed: Record<keyof LabAddresses, { getAddress(): Promise<string> }>,
) {
  return {
    simulator: await deployed.simulator.getAddress(),
    pool: await deployed.pool.getAddress(),
    token: await deployed.token.getAddress(),
    manager: await deployed.manager.getAddress(),
    vault: await deployed.vault.getAddress(),
  };
}

/** The market layer's handles (pools, rate providers, oracles, lending markets), typed too. */
export {
  attachMarket,
  attachCollateral,
  type MarketContracts,
  type CollateralContracts,
} from "./market-deployment.js";

/**
 * Deploys the whole lab and its market (Ignition's StakingLabModule) with `profile` on
 * `connection`, quietly, and returns typed handles on both: what the depeg chapter and the
 * comparison each start from on a chain of their own.
 */
export async function deployLabWithMarket(connection: NetworkConnection, profile: Profile) {
  const { ethers } = connection;
  const deployed = await connection.ignition.deploy(StakingLabModule, {
    parameters: moduleParameters(profile),
    displayUi: false,
  });
  return {
    lab: await attachLab(ethers, await addressesOf(deployed)),
    market: await attachMarket(ethers, await marketAddressesOf(deployed as never)),
  };
}
