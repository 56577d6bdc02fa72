/** Ignition module parameters from a profile: the one place profiles meet the deploy modules. */
import type { Profile } from "../../config/profiles.js";
import { marketModuleParameters } from "./market-deployment.js";

export function moduleParameters(profile: Profile) {
  return {
    Staking: {
      validatorDeposit: profile.validatorDepositWei,
      rewardAprBps: profile.rewardAprBps,
      timeScale: profile.timeScale,
      exitDelay: profile.exitDelaySeconds,
      slashingPenaltyQuotient: profile.slashingPenaltyQuotient,
      correlationWindow: profile.correlationWindowSeconds,
      externalActiveBalance: profile.externalActiveBalanceWei,
      initialRewardReserve: profile.initialRewardReserveWei,
      protocolFeeBps: profile.protocolFeeBps,
      maxAprBps: profile.maxAprBps,
      lossBudgetPerValidator: profile.lossBudgetPerValidatorWei,
      minDeposit: profile.minDepositWei,
      depositCap: profile.depositCapWei,
    },
    Restaking: {
      withdrawalDelay: profile.restakingWithdrawalDelaySeconds,
      deallocationDelay: profile.deallocationDelaySeconds,
      allocationDelay: profile.allocationDelaySeconds,
      operatorSplitBps: profile.operatorSplitBps,
    },
    LiquidRestaking: {
      bufferBps: profile.lrtBufferBps,
      feeBps: profile.lrtFeeBps,
    },
    Market: marketModuleParameters(profile),
  };
}
