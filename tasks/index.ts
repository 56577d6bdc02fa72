/**
 * Hardhat tasks for students and teachers, under `npx hardhat lab …`. Each reads
 * `deployments/<network>.json` (written by scripts/deploy.ts) and acts as the first account.
 * `npx hardhat lab --help` lists them.
 */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

/** Which of the network's accounts acts: on a local node 0–19, on Hoodi 0 (your key). */
const ACCOUNT = {
  name: "account",
  description: "Index of the account that acts (default 0, the deployer)",
  defaultValue: "0",
} as const;

/** Every lab task prints one line on failure; `--verbose` adds the stack trace. */
const VERBOSE = {
  name: "verbose",
  description: "On an unexpected error, also print its stack trace",
} as const;

export const labTasks = [
  emptyTask("lab", "Staking Lab: drive a deployment (deployments/<network>.json)").build(),

  task(["lab", "status"], "Rates, balances and the withdrawal queue in one table")
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/status.js"))
    .build(),

  task(["lab", "my-requests"], "Your own withdrawal, restaking and redemption ids (ids are shared)")
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/my-requests.js"))
    .build(),

  // Liquid staking: what a student does.
  task(["lab", "stake"], "Deposit ETH into the pool and receive slETH")
    .addOption({ name: "amount", description: "ETH to deposit, e.g. 0.01", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/stake.js"))
    .build(),
  task(["lab", "request-withdrawal"], "Queue slETH for withdrawal (paid after the next report)")
    .addOption({ name: "amount", description: "slETH to withdraw, e.g. 0.005", defaultValue: "" })
    .addFlag({ name: "all", description: "Withdraw all your slETH" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/request-withdrawal.js"))
    .build(),
  task(["lab", "claim-withdrawal"], "Collect the ETH of a finalised withdrawal request")
    .addOption({
      name: "id",
      description: "Request id (printed by request-withdrawal)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/claim-withdrawal.js"))
    .build(),

  // The protocol's roles: operator and oracle.
  task(["lab", "stake-validator"], "Operator: stake validators from the pool's buffer")
    .addOption({ name: "count", description: "How many validators", defaultValue: "1" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/stake-validator.js"))
    .build(),
  task(["lab", "report"], "Oracle: read the consensus layer and submit a report to the pool")
    .addFlag({
      name: "confirm",
      description: "Also confirm a loss above the budget (loss-confirmer role)",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/report.js"))
    .build(),

  // The consensus layer: what the teacher does.
  task(["lab", "cl-fund"], "Teacher: top up the consensus-layer reward reserve")
    .addOption({ name: "amount", description: "ETH to add, e.g. 0.01", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/cl-fund.js"))
    .build(),
  task(["lab", "cl-slash"], "Teacher: slash a validator")
    .addOption({ name: "index", description: "Validator index", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/cl-slash.js"))
    .build(),
  task(["lab", "cl-penalize"], "Teacher: apply an offline (inactivity) penalty")
    .addOption({ name: "index", description: "Validator index", defaultValue: "" })
    .addOption({ name: "amount", description: "Penalty in ETH", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/cl-penalize.js"))
    .build(),
  task(["lab", "cl-exit"], "Request a validator's exit (withdrawal address or teacher)")
    .addOption({ name: "index", description: "Validator index", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/cl-exit.js"))
    .build(),
  task(["lab", "cl-sweep"], "Pay withdrawal addresses what the consensus layer owes them")
    .addOption({
      name: "index",
      description: "One validator (default: all of the pool's due)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/cl-sweep.js"))
    .build(),
  task(["lab", "time"], "Local nodes only: move the clock forward")
    .addOption({
      name: "seconds",
      description: "Seconds to add",
      defaultValue: "",
      type: ArgumentType.STRING,
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/time.js"))
    .build(),

  // Restaking (EigenLayer): stakers, operators, services (AVSs), pods.
  task(["lab", "restake"], "Deposit slETH into the restaking manager's LST strategy")
    .addOption({ name: "amount", description: "slETH to restake, e.g. 0.01", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/restake.js"))
    .build(),
  task(["lab", "register-operator"], "Become an operator that services can use")
    .addOption({
      name: "metadata",
      description: "Where the operator describes itself",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/register-operator.js"))
    .build(),
  task(["lab", "delegate"], "Delegate all your restaked stake to an operator")
    .addOption({
      name: "operator",
      description: "Operator address or account index",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/delegate.js"))
    .build(),
  task(["lab", "register-avs"], "Register as a service (AVS) that can pay and slash operators")
    .addOption({
      name: "recipient",
      description: "Who gets slashed tokens (default: burnt)",
      defaultValue: "",
    })
    .addOption({
      name: "metadata",
      description: "Where the AVS describes itself",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/register-avs.js"))
    .build(),
  task(["lab", "allocate"], "Operator: opt in to an AVS and allocate a share of your stake to it")
    .addOption({ name: "avs", description: "AVS address or account index", defaultValue: "" })
    .addOption({ name: "percent", description: "Share of your stake, e.g. 50", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/allocate.js"))
    .build(),
  task(["lab", "avs-slash"], "AVS: slash a share of an operator's allocation to you")
    .addOption({
      name: "operator",
      description: "Operator address or account index",
      defaultValue: "",
    })
    .addOption({
      name: "percent",
      description: "Share of the allocation, e.g. 10",
      defaultValue: "",
    })
    .addOption({ name: "description", description: "Why", defaultValue: "slashed in class" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/avs-slash.js"))
    .build(),
  task(["lab", "avs-pay"], "AVS: pay slETH rewards to an operator's delegators")
    .addOption({
      name: "operator",
      description: "Operator address or account index",
      defaultValue: "",
    })
    .addOption({ name: "amount", description: "slETH to pay, e.g. 0.001", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/avs-pay.js"))
    .build(),
  task(["lab", "claim-rewards"], "Collect your service rewards")
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/claim-rewards.js"))
    .build(),
  task(
    ["lab", "queue-withdrawal"],
    "Queue restaked stake for withdrawal (slashable during the delay)",
  )
    .addOption({
      name: "amount",
      description: "slETH (or ETH with --native) to withdraw",
      defaultValue: "",
    })
    .addFlag({ name: "all", description: "Withdraw everything restaked in that strategy" })
    .addFlag({ name: "native", description: "Native ETH restaked through your pod" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/queue-withdrawal.js"))
    .build(),
  task(["lab", "complete-withdrawal"], "Collect a queued restaking withdrawal after its delay")
    .addOption({
      name: "id",
      description: "Withdrawal id (printed by queue-withdrawal)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/complete-withdrawal.js"))
    .build(),
  task(["lab", "pod-create"], "Create your RestakingPod (native restaking)")
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/pod-create.js"))
    .build(),
  task(["lab", "pod-stake"], "Stake one validator with your pod as withdrawal address")
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/pod-stake.js"))
    .build(),
  task(["lab", "pod-credit"], "Credit a pod validator as restaked ETH (or --checkpoint balances)")
    .addOption({
      name: "index",
      description: "Validator index (default: all not yet credited)",
      defaultValue: "",
    })
    .addFlag({ name: "checkpoint", description: "Re-read your validators' balances instead" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/pod-credit.js"))
    .build(),

  // Liquid restaking: the LRT vault.
  task(["lab", "lrt-deposit"], "Deposit ETH or slETH into the LRT vault, receive slrETH")
    .addOption({
      name: "eth",
      description: "ETH to deposit (staked through the pool)",
      defaultValue: "",
    })
    .addOption({ name: "lst", description: "slETH to deposit", defaultValue: "" })
    .addOption({
      name: "minShares",
      description: "Least slrETH to accept (slippage bound)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/lrt-deposit.js"))
    .build(),
  task(["lab", "lrt-redeem"], "Ask to redeem slrETH (paid after the restaking delay)")
    .addOption({ name: "shares", description: "slrETH to redeem", defaultValue: "" })
    .addFlag({ name: "all", description: "Redeem all your slrETH" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/lrt-redeem.js"))
    .build(),
  task(["lab", "lrt-claim"], "Collect a redemption's slETH after the delay")
    .addOption({
      name: "id",
      description: "Redemption id (printed by lrt-redeem)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/lrt-claim.js"))
    .build(),
  task(
    ["lab", "lrt-manage"],
    "Vault manager: delegate, restake, harvest; move to another operator (--undelegate, --complete)",
  )
    .addOption({
      name: "delegate",
      description: "Operator address or account index",
      defaultValue: "",
    })
    .addOption({ name: "restake", description: "slETH to restake", defaultValue: "" })
    .addFlag({ name: "harvest", description: "Claim and compound service rewards" })
    .addFlag({
      name: "undelegate",
      description: "Leave the operator: queue all restaked slETH (slashable for the delay)",
    })
    .addFlag({
      name: "complete",
      description: "After the restaking delay, bring the vault's withdrawals back as idle slETH",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/lrt-manage.js"))
    .build(),

  // The market: StableSwap pools (swap, provide liquidity) and lending markets by oracle.
  task(["lab", "swap"], "Trade ETH for slETH or slrETH (or back) on the token's StableSwap pool")
    .addOption({
      name: "sell",
      description: "What you sell: ETH, slETH or slrETH",
      defaultValue: "",
    })
    .addOption({
      name: "buy",
      description: "What you buy (the token when selling ETH; default ETH)",
      defaultValue: "",
    })
    .addOption({ name: "amount", description: "How much you sell, e.g. 0.01", defaultValue: "" })
    .addOption({
      name: "minOut",
      description: "Least to receive (slippage bound; default the quote less --slippage)",
      defaultValue: "",
    })
    .addOption({
      name: "slippage",
      description: "Percent below the quote you accept (default 0.5)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/swap.js"))
    .build(),
  task(["lab", "add-liquidity"], "Provide ETH and/or the token to a StableSwap pool for LP tokens")
    .addOption({ name: "pool", description: "The token's pool: slETH or slrETH", defaultValue: "" })
    .addOption({ name: "eth", description: "ETH to add, e.g. 0.01", defaultValue: "" })
    .addOption({ name: "tokens", description: "Tokens to add, e.g. 0.01", defaultValue: "" })
    .addOption({
      name: "minLp",
      description: "Least LP tokens to accept (default the quote less 0.5 %)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/add-liquidity.js"))
    .build(),
  task(["lab", "remove-liquidity"], "Burn LP tokens for both coins, or for one with --only")
    .addOption({ name: "pool", description: "The token's pool: slETH or slrETH", defaultValue: "" })
    .addOption({ name: "lp", description: "LP tokens to burn, e.g. 0.01", defaultValue: "" })
    .addFlag({ name: "all", description: "Burn all your LP tokens of that pool" })
    .addOption({
      name: "only",
      description: "Take one coin only: ETH or the token",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/remove-liquidity.js"))
    .build(),
  task(["lab", "supply"], "Lend ETH to a lending market (--eth) or post collateral (--collateral)")
    .addOption({
      name: "market",
      description: "<token>:<oracle>, e.g. lst:ema (oracles: nav, capo, spot, ema)",
      defaultValue: "",
    })
    .addOption({ name: "eth", description: "ETH to lend, e.g. 0.01", defaultValue: "" })
    .addOption({
      name: "collateral",
      description: "slETH or slrETH to post, e.g. 0.01",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/supply.js"))
    .build(),
  task(["lab", "borrow"], "Borrow ETH against your collateral in a lending market")
    .addOption({ name: "market", description: "<token>:<oracle>, e.g. lst:ema", defaultValue: "" })
    .addOption({ name: "amount", description: "ETH to borrow, e.g. 0.005", defaultValue: "" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/borrow.js"))
    .build(),
  task(["lab", "repay"], "Pay back ETH you borrowed in a lending market")
    .addOption({ name: "market", description: "<token>:<oracle>, e.g. lst:ema", defaultValue: "" })
    .addOption({ name: "amount", description: "ETH to repay, e.g. 0.002", defaultValue: "" })
    .addFlag({ name: "all", description: "Repay the whole debt with its interest" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/repay.js"))
    .build(),
  task(["lab", "liquidate"], "Repay an unhealthy loan and seize its collateral with the incentive")
    .addOption({ name: "market", description: "<token>:<oracle>, e.g. lrt:spot", defaultValue: "" })
    .addOption({
      name: "borrower",
      description: "Borrower address or account index",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/liquidate.js"))
    .build(),
  task(
    ["lab", "withdraw"],
    "Take back ETH you lent (--eth) or collateral you posted (--collateral)",
  )
    .addOption({ name: "market", description: "<token>:<oracle>, e.g. lst:ema", defaultValue: "" })
    .addOption({ name: "eth", description: "ETH to take back, or all", defaultValue: "" })
    .addOption({
      name: "collateral",
      description: "slETH or slrETH to take back, or all",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/withdraw.js"))
    .build(),
  task(["lab", "positions"], "Your lending positions, each loan's health under every oracle")
    .addOption({
      name: "of",
      description: "Whose positions (address or account index; default yours)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/positions.js"))
    .build(),

  task(
    ["lab", "verify"],
    "Verify every recorded contract on every explorer (Etherscan, Blockscout, Sourcify)",
  )
    .addFlag(VERBOSE)
    .setAction(() => import("./actions/verify.js"))
    .build(),
];
