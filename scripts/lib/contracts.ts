/** Typechain-typed handles on a Staking Lab deployment, from its addresses. */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractRunner } from "ethers";

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
