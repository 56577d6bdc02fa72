/**
 * The whole Staking Lab system, layer on layer. `scripts/deploy.ts` deploys this module with the
 * network's profile; Ignition journals every step, so a second run sends nothing and a run cut
 * off half-way resumes where it stopped.
 *
 * `StakingLabCoreModule` is the staking stack without the market (the demo's first chapters use
 * it, so that the market's seed liquidity does not change their numbers).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import LiquidRestakingModule from "./LiquidRestaking.js";
import MarketModule from "./Market.js";
import RestakingModule from "./Restaking.js";
import StakingModule from "./Staking.js";

export const StakingLabCoreModule = buildModule("StakingLabCore", (m) => {
  const staking = m.useModule(StakingModule);
  const restaking = m.useModule(RestakingModule);
  const liquidRestaking = m.useModule(LiquidRestakingModule);
  return { ...staking, ...restaking, ...liquidRestaking };
});

export default buildModule("StakingLab", (m) => {
  const core = m.useModule(StakingLabCoreModule);
  const market = m.useModule(MarketModule);
  return { ...core, ...market };
});
