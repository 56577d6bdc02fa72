/**
 * The whole Staking Lab system, layer on layer. `scripts/deploy.ts` deploys this module with the
 * network's profile; Ignition journals every step, so a second run sends nothing and a run cut
 * off half-way resumes where it stopped.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import LiquidRestakingModule from "./LiquidRestaking.js";
import RestakingModule from "./Restaking.js";
import StakingModule from "./Staking.js";

export default buildModule("StakingLab", (m) => {
  const staking = m.useModule(StakingModule);
  const restaking = m.useModule(RestakingModule);
  const liquidRestaking = m.useModule(LiquidRestakingModule);
  return { ...staking, ...restaking, ...liquidRestaking };
});
