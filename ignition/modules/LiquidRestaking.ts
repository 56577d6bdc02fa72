/**
 * The liquid-restaking layer: an LRTVault (ERC-4626 over the LST) that stakes through the pool,
 * restakes through the manager, and mints slrETH. The deployer is its manager and guardian; the
 * vault is delegated to an operator afterwards (`lab lrt-manage --delegate <operator>`), since
 * operators register themselves.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import RestakingModule from "./Restaking.js";
import StakingModule from "./Staking.js";

export const LRT_ROLES = {
  manager: id("MANAGER_ROLE"),
  pauser: id("PAUSER_ROLE"),
} as const;

export default buildModule("LiquidRestaking", (m) => {
  const deployer = m.getAccount(0);
  const { pool } = m.useModule(StakingModule);
  const { manager } = m.useModule(RestakingModule);

  const vault = m.contract("LRTVault", [
    deployer,
    pool,
    manager,
    deployer, // treasury
    m.getParameter<bigint>("bufferBps"),
    m.getParameter<bigint>("feeBps"),
  ]);
  m.call(vault, "grantRole", [LRT_ROLES.manager, deployer], { id: "grantVaultManager" });
  m.call(vault, "grantRole", [LRT_ROLES.pauser, deployer], { id: "grantVaultPauser" });

  return { vault };
});
