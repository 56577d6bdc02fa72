/**
 * The hint after each custom error — what to do next, with the command — and the units of the
 * arguments whose names alone do not say. Keys are `Contract.Error` (when two contracts give the
 * same error different meanings) or `Error`. An error missing here still prints decoded, with
 * the default hint: add a line when you add an error a student can meet.
 */
import { lab } from "./commands.js";
import type { ArgumentKind } from "./revert.js";
import { ETH, SLETH, formatDuration, formatEth, formatWait } from "./format.js";
import { roleName } from "./roles.js";
import { MARKET_HINTS, MARKET_UNIT_OVERRIDES } from "./market-hints.js";
import { REAL_HINTS } from "./real-hints.js";

export interface HintContext {
  /** The chain's time (seconds), for "wait 1 min 40 s". */
  now?: bigint;
  /** The address acting, printed as "(you)". */
  me?: string;
  /** Set by `describeRevert`: the contract that refused and the error's values by name. */
  contract?: string;
  values?: Record<string, unknown>;
  /** The network's accounts, by index (`--account N`), to say who must run a command. */
  accounts?: readonly string[];
}

type Hint = (context: HintContext) => string;

const value = (context: HintContext, name: string): bigint => {
  const v = context.values?.[name];
  return typeof v === "bigint" ? v : 0n;
};
/** "wait 1 min 40 s" until the error's `name` argument, from the chain's now. */
const waitUntil = (context: HintContext, name: string): string =>
  context.now === undefined ? "wait" : formatWait(value(context, name), context.now);

/**
 * A command that the address in the error's `name` argument must run: with `--account N` when
 * it is one of the network's accounts (yours: the task's own account), else "as <address>".
 */
const runBy = (context: HintContext, name: string, task: string, options = ""): string => {
  const who = context.values?.[name];
  if (typeof who !== "string") return lab(task, options);
  if (context.me !== undefined && who.toLowerCase() === context.me.toLowerCase())
    return lab(task, options, { asMe: true });
  const index = (context.accounts ?? []).findIndex((a) => a.toLowerCase() === who.toLowerCase());
  if (index === -1) return `${lab(task, options)} as ${who}`;
  return lab(task, `${options}${options === "" ? "" : " "}--account ${index}`);
};
/** An address of the error as `--avs` / `--operator` takes it: the account index when known. */
const optionFor = (context: HintContext, name: string): string => {
  const who = context.values?.[name];
  if (typeof who !== "string") return `<${name}>`;
  const index = (context.accounts ?? []).findIndex((a) => a.toLowerCase() === who.toLowerCase());
  return index === -1 ? who : String(index);
};

const ROLE_OWNER = "your own deployment's first account holds it; on a shared one ask the teacher";

export const HINTS: Readonly<Record<string, Hint>> = {
  default: () =>
    `${lab("status")} shows the state; docs/ explains each contract's rules (run with --verbose for the raw error).`,

  // Liquid staking (DepositPool, LiquidStakingToken)
  DepositBelowMinimum: () =>
    `Deposit at least the minimum: ${lab("stake", "--amount <ETH>", { asMe: true })}.`,
  DepositCapExceeded: () =>
    `The pool is full: deposit less (${lab("status")} shows the pooled ether and the cap).`,
  "DepositPool.ZeroShares": () => "The amount is too small to mint one share: deposit more.",
  NotEnoughDepositableEther: () =>
    `Stake more ETH first (${lab("stake", "--amount 0.1")}) or stake fewer validators.`,
  ReportNotNewer: () =>
    "A report for this moment was already submitted: let time pass, then report again.",
  ReportInFuture: () => `Build the report from the chain: ${lab("report")}.`,
  RewardAboveBound: () =>
    "The balance grew faster than the APR bound allows: check the reward rate, or report later.",
  LossAboveBudget: () =>
    `A loss this large needs the loss confirmer's second opinion: ${lab("report", "--confirm")} (${ROLE_OWNER}).`,
  RequestTooRecent: (c) =>
    `A request is finalised only by a report made after it: ${waitUntil(c, "requestedAt")}, then ${lab("report")}.`,
  NotEnoughEtherToFinalize: () =>
    `The buffer cannot pay these requests yet: ${lab("cl-sweep")} (and exits) bring ETH back, then ${lab("report")}.`,
  FinalizationPausedBySlashing: () =>
    `Bunker mode: sweep the slashed validators once withdrawable (${lab("cl-sweep")}), then ${lab("report")}.`,
  WithdrawalBelowMinimum: () => "Withdraw at least the minimum shown.",
  "DepositPool.UnknownRequest": () =>
    `No request has that id: ${lab("my-requests", "", { asMe: true })} lists yours.`,
  "DepositPool.NotRequestOwner": () =>
    `That request is someone else's: ${lab("my-requests", "", { asMe: true })} lists yours.`,
  "DepositPool.RequestNotFinalized": () =>
    `The next oracle report finalises it: ${lab("report")}, then claim again.`,
  "DepositPool.AlreadyClaimed": () =>
    `Nothing left to claim: ${lab("my-requests", "", { asMe: true })} lists your open requests.`,
  ERC20InsufficientBalance: () => `You hold less than that: ${lab("status", "", { asMe: true })}.`,
  ERC20InsufficientAllowance: () => "Approve the contract for that amount first, then retry.",

  // Consensus layer (BeaconChainSimulator)
  UnknownValidator: (c) =>
    `Validators are numbered 0 to ${value(c, "validatorCount") - 1n}: ${lab("status")} counts them.`,
  ValidatorNotActive: () =>
    `Only an active validator can be slashed, penalised or exited: ${lab("status")}.`,
  AlreadySlashed: () => "A validator is slashed at most once.",
  AlreadyWithdrawable: () =>
    `It has already left the consensus layer: sweep it with ${lab("cl-sweep")}.`,
  NotYetWithdrawable: (c) =>
    `The exit delay runs: ${waitUntil(c, "withdrawableAt")}, then ${lab("cl-sweep")}.`,
  NothingToSweep: () => "No reward above the deposit and not withdrawable: wait, then sweep.",
  NotWithdrawalAddress: () =>
    "Only the validator's withdrawal address (or the teacher's consensus role) may do that.",
  RewardReserveShort: () => `Top up the reward reserve: ${lab("cl-fund", "--amount 0.01")}.`,
  WrongDepositAmount: (c) => `A validator takes exactly ${formatEth(value(c, "required"))}.`,
  DuplicatePubkey: () => "That key is taken: run the task again (it picks a new random key).",

  // Restaking (RestakingManager, RestakingPod)
  NotOperator: (c) =>
    `That address is not an operator; it registers first: ${runBy(c, "account", "register-operator")}.`,
  AlreadyOperator: () => "You are already an operator.",
  NotAVS: (c) =>
    `That address is not a service (AVS); it registers first: ${runBy(c, "account", "register-avs")}.`,
  AlreadyAVS: () => "You are already a service (AVS).",
  NotOptedIn: (c) =>
    `The operator must opt in and allocate first: ${runBy(c, "operator", "allocate", `--avs ${optionFor(c, "avs")} --percent 50`)}.`,
  OperatorNotAllocated: (c) =>
    `The operator allocated nothing to this service: ${runBy(c, "operator", "allocate", `--avs ${optionFor(c, "avs")} --percent 50`)}.`,
  "RestakingManager.AlreadyDelegated": () =>
    "Undelegate first (queue your withdrawal), then delegate anew.",
  "RestakingManager.NotDelegated": () =>
    `Delegate first: ${lab("delegate", "--operator <operator>", { asMe: true })}.`,
  NoDelegatedStake: () => "Nobody delegated stake of that token to this operator yet.",
  ModificationPending: (c) =>
    `A change of this allocation is pending: ${waitUntil(c, "effectTimestamp")}, then try again.`,
  InsufficientMagnitude: () => "Allocate at most what is left unallocated (100 % in all).",
  SameMagnitude: () => "That is already the allocation.",
  InvalidWadToSlash: () => "Slash more than 0 and at most 100 %.",
  FullySlashed: () => "This operator has nothing left to slash or allocate.",
  InsufficientShares: () =>
    `Withdraw at most what you restake: ${lab("status", "", { asMe: true })}.`,
  WithdrawalNotFound: () =>
    `No restaking withdrawal has that id: ${lab("my-requests", "", { asMe: true })} lists yours.`,
  NotWithdrawalStaker: () =>
    `That withdrawal is someone else's: ${lab("my-requests", "", { asMe: true })} lists yours.`,
  WithdrawalAlreadyCompleted: () => "That withdrawal was already paid.",
  WithdrawalDelayNotElapsed: (c) =>
    `Restaked stake stays slashable through the delay: ${waitUntil(c, "completableAt")}, then complete it again.`,
  NothingToClaim: () =>
    `No service rewards yet: a service pays them (${lab("avs-pay", "--operator <operator> --amount 0.001")}).`,
  RewardTokenNotAllowed: () => "Services pay rewards in slETH here.",
  NoPod: () => `Create your pod first: ${lab("pod-create", "", { asMe: true })}.`,
  PodAlreadyExists: () => "You already have a pod.",
  UseAPodForNativeETH: () =>
    `Native ETH restakes through a pod: ${lab("pod-create", "", { asMe: true })}.`,
  UnverifiedValidators: () =>
    `Credit every pod validator first: ${lab("pod-credit", "", { asMe: true })}.`,
  AlreadyVerified: () => "That validator is already credited.",
  WrongWithdrawalAddress: () => "That validator's withdrawal address is not your pod.",
  NotPodOwner: () => "Only the pod's owner may do that.",
  ZeroAmount: () => "Give an amount above 0.",
  AllocationDelayTooShort: (c) =>
    `The allocation delay (${formatDuration(value(c, "allocationDelay"))}) must exceed the withdrawal delay (${formatDuration(value(c, "withdrawalDelay"))}), so delegators can leave first: fix config/profiles.ts.`,
  InvalidRewardsDuration: (c) =>
    `Stream a payment over more than 0 s and at most ${formatDuration(value(c, "max"))}.`,
  PodFullySlashed: () =>
    "This pod's slashing factor is 0: a new validator could never be credited. Stake from a fresh account and pod.",
  "RestakingManager.ZeroShares": () => "The amount is too small for one share: restake more.",

  // Liquid restaking (LRTVault)
  SlippageExceeded: () =>
    `The vault would mint fewer slrETH than --min-shares: lower it, after checking the rate with ${lab("status")}.`,
  MaxAssetsExceeded: () => "Deposit less (the vault's cap).",
  NotEnoughIdle: () =>
    "The vault's idle slETH cannot pay that now: the manager queues restaked stake first; try later or less.",
  BufferTooLow: () => "Restake less: the vault keeps a buffer idle for redemptions.",
  "LRTVault.UnknownRequest": () =>
    `No redemption has that id: ${lab("my-requests", "", { asMe: true })} lists yours.`,
  "LRTVault.NotRequestOwner": () =>
    `That redemption is someone else's: ${lab("my-requests", "", { asMe: true })} lists yours.`,
  "LRTVault.AlreadyClaimed": () => "That redemption was already paid.",
  RedeemNotReady: (c) =>
    `Redemptions wait for the restaking delay: ${waitUntil(c, "readyAt")}, then ${lab("lrt-claim", `--id ${value(c, "requestId")}`, { asMe: true })}.`,
  NothingToHarvest: () => "No service rewards to compound yet.",
  WithdrawalsStillOpen: (c) =>
    `The vault's ${value(c, "open")} withdrawal(s) from its previous operator are not back yet: wait the restaking delay, then ${lab("lrt-manage", "--complete")} before delegating anew.`,
  ZeroAssets: () => "Redeem more: that many slrETH are worth 0 slETH.",
  NotManager: () => "Only the vault's manager may do that.",
  "RestakingPod.NotManager": () => "Only the restaking manager may call this on a pod.",

  // Misconfiguration and internal checks a student meets only by calling a contract directly
  InvalidParameter: () =>
    "A deployment parameter is out of range: see config/profiles.ts for the allowed values.",
  ZeroAddress: () => "An address argument is the zero address: give a real one.",
  ZeroWithdrawalAddress: () => "A validator needs a withdrawal address: give a real one.",
  OnlyPool: () =>
    "Only the pool mints and burns slETH: stake or withdraw through the pool's tasks.",
  InvalidFinalization: () =>
    `The oracle finalises requests in order, never past the last: ${lab("report")} builds a valid report.`,
  ValidatorCountDecreased: () =>
    `Reports count validators ever seen, which never decreases: ${lab("report")} builds a valid report.`,
  ValidatorCountTooHigh: () =>
    `The report counts more validators than the pool staked: ${lab("report")} builds a valid report.`,
  WithdrawnExceedsReceived: () =>
    `The report claims more ETH than the pool received: ${lab("cl-sweep")}, then ${lab("report")}.`,
  UnexpectedEtherSender: () => `Send ETH to the pool through ${lab("stake", "--amount 0.01")}.`,
  EthTransferFailed: () => "The recipient refused the ETH: claim to an address that accepts ETH.",
  ETHTransferFailed: () => "The recipient refused the ETH: use an address that accepts ETH.",
  PaymentFailed: () =>
    "The withdrawal address refused the ETH: it must accept plain ETH transfers.",
  AlreadyInitialized: () => "The pod is already set up.",
  InsufficientWithdrawableETH: () =>
    "The pod holds less withdrawable ETH: complete fewer, or sweep first.",
  NotPod: () => "Only a pod created by the manager may call this.",
  TooMany: () => "The list is full: that many entries at most.",
  AlreadyAdded: () => "That strategy already exists.",
  StrategyNotFound: () =>
    `There is no strategy for that token: restake slETH (${lab("restake", "--amount 0.01")}).`,
  BpsTooHigh: () => "At most 10,000 bps (100 %).",
  NoDeallocationToClear: () => "No lowered allocation is waiting to take effect.",
  OperatorCannotUndelegate: () => "An operator stays delegated to itself.",
  AlreadyOptedIn: () => "You are already opted in to that service.",
  "LRTVault.AlreadyDelegated": () =>
    `The vault is already delegated: to move it, ${lab("lrt-manage", "--undelegate")}, wait the restaking delay, then ${lab("lrt-manage", "--complete")}.`,
  "LRTVault.NotDelegated": () =>
    `The vault's manager delegates it first: ${lab("lrt-manage", "--delegate <operator>")}.`,

  // OpenZeppelin: roles, pausing, tokens and checks inherited by the contracts above
  AccessControlBadConfirmation: () => "Only the account itself can renounce its role.",
  ExpectedPause: () => "The contract is not paused.",
  ReentrancyGuardReentrantCall: () =>
    "A contract may not call back into this one in the same call.",
  SafeERC20FailedOperation: () => "A token transfer failed: check balances and allowances.",
  SafeCastOverflowedUintDowncast: () =>
    "A value is too large for this model: use a smaller amount.",
  SafeCastOverflowedUintToInt: () => "A value is too large for this model: use a smaller amount.",
  ERC20InvalidSender: () => "Tokens cannot come from the zero address.",
  ERC20InvalidReceiver: () => "Tokens cannot go to the zero address: give a real recipient.",
  ERC20InvalidApprover: () => "Approvals cannot come from the zero address.",
  ERC20InvalidSpender: () => "Approvals cannot be for the zero address.",
  ERC4626ExceededMaxDeposit: () => "Deposit less: the vault caps deposits.",
  ERC4626ExceededMaxMint: () => "Mint less: the vault caps deposits.",
  ERC4626ExceededMaxRedeem: () =>
    `Redeem at most what you hold: ${lab("status", "", { asMe: true })}.`,
  ERC4626ExceededMaxWithdraw: () =>
    `Withdraw at most what you hold: ${lab("status", "", { asMe: true })}.`,
  ERC2612ExpiredSignature: () => "The permit's deadline passed: sign a new one.",
  ERC2612InvalidSigner: () =>
    "The permit was signed by another account: sign it with the owner's key.",
  InvalidAccountNonce: () => "The permit's nonce is stale: sign a new one.",

  // OpenZeppelin: roles and pausing
  AccessControlUnauthorizedAccount: (c) =>
    `Only a holder of ${roleName(c.values?.neededRole) ?? "that role"} may do this, and this account is not one (${ROLE_OWNER}).`,
  EnforcedPause: () => "The contract is paused: ask whoever holds its pauser role.",

  // The market layer (StableSwapPool, LendingMarket, oracles): market-hints.ts
  ...MARKET_HINTS,
  ...REAL_HINTS,
};

/** Where the name alone misleads: the kind of each such argument, per error. */
export const UNIT_OVERRIDES: Readonly<Record<string, Readonly<Record<string, ArgumentKind>>>> = {
  ReportNotNewer: { timestamp: "simulated-time", lastTimestamp: "simulated-time" },
  ReportInFuture: { timestamp: "simulated-time", simulatedNow: "simulated-time" },
  // IBeaconChainSimulator.Status, in its declaration order
  ValidatorNotActive: { status: { enumNames: ["None", "Active", "Exiting", "Withdrawn"] } },
  ValidatorCountDecreased: { reported: "plain" },
  ValidatorCountTooHigh: { reported: "plain" },
  InvalidParameter: { value: "plain" },
  TooMany: { max: "plain" },
  WithdrawalsStillOpen: { open: "plain" },
  WithdrawalBelowMinimum: { shares: SLETH, minimum: SLETH },
  InsufficientMagnitude: { requested: "wad", available: "wad" },
  "LRTVault.ZeroAssets": { shares: "shares" },
  "RestakingPod.InsufficientWithdrawableETH": { requested: ETH, available: ETH },
  "RestakingPod.WrongDepositAmount": { sent: ETH, required: ETH },
  "BeaconChainSimulator.WrongDepositAmount": { sent: ETH, required: ETH },
  ...MARKET_UNIT_OVERRIDES,
};
