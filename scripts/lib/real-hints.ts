/**
 * What the real protocols' refusals mean, in their own terms, with the next command: their custom
 * errors (merged into `error-hints.ts`'s HINTS) and their revert strings (Lido and Rocket Pool
 * revert with text). Also the names the stand-ins' errors are catalogued under: the real contract's.
 */
import { lab } from "./commands.js";

interface HintContext {
  values?: Record<string, unknown>;
}
type Hint = (context: HintContext) => string;

const STATUS = () => lab("real status", "", { asMe: true });

/** A stand-in's artifact name → the real contract it stands for (how a refusal names it). */
export const REAL_CONTRACT_NAMES: Readonly<Record<string, string>> = {
  LidoStandIn: "Lido",
  WstETHStandIn: "Lido wstETH",
  WithdrawalQueueERC721StandIn: "Lido WithdrawalQueueERC721",
  LidoLocatorStandIn: "LidoLocator",
  AccountingOracleStandIn: "Lido AccountingOracle",
  HashConsensusStandIn: "Lido HashConsensus",
  RocketStorageStandIn: "RocketStorage",
  RocketDepositPoolStandIn: "RocketDepositPool",
  RocketTokenRETHStandIn: "RocketTokenRETH",
  RocketDAOProtocolSettingsDepositStandIn: "RocketDAOProtocolSettingsDeposit",
  StrategyManagerStandIn: "EigenLayer StrategyManager",
  StrategyBaseStandIn: "EigenLayer StrategyBase",
  DelegationManagerStandIn: "EigenLayer DelegationManager",
};

const Q = "Lido WithdrawalQueueERC721";
const D = "EigenLayer DelegationManager";
const S = "EigenLayer StrategyManager";

export const REAL_HINTS: Readonly<Record<string, Hint>> = {
  [`${Q}.RequestNotFoundOrNotFinalized`]: () =>
    `Lido finalises requests at its oracle report; ${STATUS()} says when the next is due.`,
  [`${Q}.RequestAlreadyClaimed`]: () => "That request was paid already.",
  [`${Q}.NotOwner`]: () => "Only the request's owner claims it: run as that account (--account N).",
  [`${Q}.RequestAmountTooSmall`]: () =>
    "Lido takes requests of at least 0.0000000000000001 stETH (MIN_STETH_WITHDRAWAL_AMOUNT).",
  [`${Q}.RequestAmountTooLarge`]: () => "Lido takes requests of at most 1000 stETH each.",
  [`${Q}.InvalidRequestId`]: () =>
    `No such request: ${lab("real lido-claim")} without --id lists yours.`,
  [`${D}.WithdrawalDelayNotElapsed`]: () =>
    `EigenLayer's withdrawal delay (in blocks) has not passed: ${STATUS()} shows it; try again later.`,
  [`${D}.ActivelyDelegated`]: () =>
    "You are delegated already (an operator is delegated to itself): undelegate first, on EigenLayer's site.",
  [`${D}.OperatorNotRegistered`]: () =>
    `That address is not an EigenLayer operator: it registers with ${lab("real eigen-delegate", "--register")}.`,
  [`${D}.WithdrawalNotQueued`]: () => "No such queued withdrawal (completed already?).",
  [`${S}.StrategyNotWhitelisted`]: () =>
    "EigenLayer does not take deposits into that strategy now.",
  [`${S}.SharesAmountTooHigh`]: () => `You hold fewer shares than that: ${STATUS()} shows yours.`,
  "EigenLayer StrategyBase.NewSharesZero": () =>
    "That deposit is too small to mint one share of the strategy: deposit more.",
};

/**
 * Lido's and Rocket Pool's revert strings → what they mean and what to do. Functions, as the
 * hints: the next command carries the network and account of the task that met the revert.
 */
export const REAL_REASONS: Readonly<Record<string, () => string>> = {
  STAKE_LIMIT: () =>
    `Lido's stake limit is reached: it refills each block; ${STATUS()} shows how much may be staked now.`,
  STAKING_PAUSED: () => "Lido has paused staking: try again later.",
  ZERO_DEPOSIT: () => "Lido takes a deposit of more than 0 ETH.",
  ALLOWANCE_EXCEEDED: () => "The stETH allowance is short: the task approves first; run it again.",
  BALANCE_EXCEEDED: () => `You hold less stETH than that: ${STATUS()} shows your balance.`,
  "Deposits into Rocket Pool are currently disabled": () =>
    `Rocket Pool's DAO has disabled deposits: ${STATUS()} shows the setting.`,
  "The deposited amount is less than the minimum deposit size": () =>
    `Rocket Pool has a minimum deposit: ${STATUS()} shows it.`,
  "The deposit pool size after depositing exceeds the maximum size": () =>
    `Rocket Pool's deposit pool is full: ${STATUS()} shows its room; deposit less or later.`,
  "The deposit pool size after depositing (and matching with minipools) exceeds the maximum size":
    () =>
      `Rocket Pool's deposit pool is full, node operators' queue included: ${STATUS()} shows its room; deposit less or later.`,
  "Insufficient ETH balance for exchange": () =>
    `rETH's collateral cannot pay that burn now: burn less, or later (${STATUS()} shows the collateral).`,
  "Not enough time has passed since deposit": () =>
    `rETH cannot move or burn for a few blocks after a deposit (Rocket Pool's network.reth.deposit.delay, a DAO setting): run the same command again in a few minutes.`,
  "Insufficient rETH balance": () =>
    `You hold less rETH than that: ${STATUS()} shows your balance.`,
};
