/**
 * The consensus layer and the liquid-staking layer: BeaconChainSimulator, DepositPool and the
 * LiquidStakingToken the pool creates. Every number comes from a profile (config/profiles.ts),
 * passed in as module parameters by scripts/deploy.ts; the deployer holds every role, which is
 * what a student working alone on Hoodi needs (a real protocol gives them to different parties).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

export const ROLES = {
  consensus: id("CONSENSUS_ROLE"),
  oracle: id("ORACLE_ROLE"),
  operator: id("OPERATOR_ROLE"),
  pauser: id("PAUSER_ROLE"),
  lossConfirmer: id("LOSS_CONFIRMER_ROLE"),
} as const;

export default buildModule("Staking", (m) => {
  const deployer = m.getAccount(0);

  const simulator = m.contract("BeaconChainSimulator", [
    deployer,
    m.getParameter<bigint>("validatorDeposit"),
    m.getParameter<bigint>("rewardAprBps"),
    m.getParameter<bigint>("timeScale"),
    m.getParameter<bigint>("exitDelay"),
    m.getParameter<bigint>("slashingPenaltyQuotient"),
    m.getParameter<bigint>("correlationWindow"),
  ]);
  // The teacher funds the reserve that pays consensus-layer rewards.
  m.call(simulator, "fundRewards", [], {
    id: "fundRewardReserve",
    value: m.getParameter<bigint>("initialRewardReserve"),
  });

  // The rest of the network's stake, so one slashing costs what it would on mainnet.
  m.call(simulator, "setExternalActiveBalance", [m.getParameter<bigint>("externalActiveBalance")], {
    id: "setExternalActiveBalance",
  });

  const pool = m.contract("DepositPool", [
    deployer,
    simulator,
    deployer, // treasury
    m.getParameter<bigint>("protocolFeeBps"),
    m.getParameter<bigint>("maxAprBps"),
    m.getParameter<bigint>("lossBudgetPerValidator"),
    m.getParameter<bigint>("minDeposit"),
    m.getParameter<bigint>("depositCap"),
  ]);
  // The pool creates its token in its constructor, so only the pool can ever mint.
  const token = m.contractAt("LiquidStakingToken", m.staticCall(pool, "token"), {
    id: "LiquidStakingToken",
  });

  m.call(pool, "grantRole", [ROLES.oracle, deployer], { id: "grantOracle" });
  m.call(pool, "grantRole", [ROLES.operator, deployer], { id: "grantOperator" });
  m.call(pool, "grantRole", [ROLES.pauser, deployer], { id: "grantPauser" });
  m.call(pool, "grantRole", [ROLES.lossConfirmer, deployer], { id: "grantLossConfirmer" });

  return { simulator, pool, token };
});
