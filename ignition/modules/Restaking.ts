/**
 * The restaking layer: one RestakingManager (EigenLayer's StrategyManager, DelegationManager,
 * AllocationManager, RewardsCoordinator and EigenPodManager in one) with the LST as its first
 * strategy and as the token services pay rewards in. Native ETH (pods) is built in.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import StakingModule from "./Staking.js";

export default buildModule("Restaking", (m) => {
  const deployer = m.getAccount(0);
  const { simulator, token } = m.useModule(StakingModule);

  const manager = m.contract("RestakingManager", [
    deployer,
    simulator,
    m.getParameter<bigint>("withdrawalDelay"),
    m.getParameter<bigint>("deallocationDelay"),
    m.getParameter<bigint>("allocationDelay"),
    m.getParameter<bigint>("operatorSplitBps"),
  ]);
  m.call(manager, "addStrategy", [token], { id: "addLstStrategy" });
  m.call(manager, "addRewardToken", [token], { id: "addLstRewardToken" });

  return { manager };
});
