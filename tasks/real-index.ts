/**
 * `npx hardhat lab real …`: the same steps as the lab, on the real Lido, Rocket Pool and
 * EigenLayer on Hoodi (addresses in config/real-protocols.ts; docs/real-protocols.md).
 */
import { emptyTask, task } from "hardhat/config";

const ACCOUNT = {
  name: "account",
  description: "Index of the account that acts (default 0: on Hoodi, your HOODI_PRIVATE_KEY)",
  defaultValue: "0",
} as const;
const VERBOSE = {
  name: "verbose",
  description: "On an unexpected error, also print its stack trace",
} as const;
const I_KNOW = {
  name: "iKnow",
  description: "Allow more than 0.05 ETH (test ETH is scarce: the cap guards against typos)",
} as const;
const AMOUNT = (what: string) => ({ name: "amount", description: what, defaultValue: "" }) as const;

export const realTasks = [
  emptyTask(
    ["lab", "real"],
    "The real Lido, Rocket Pool and EigenLayer on Hoodi, beside the lab",
  ).build(),
  task(
    ["lab", "real", "status"],
    "The real protocols' rates, queue, limits and delays beside the lab's",
  )
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/status.js"))
    .build(),
  task(["lab", "real", "lido-stake"], "Stake ETH in Lido (submit) and receive stETH")
    .addOption(AMOUNT("ETH to stake, e.g. 0.01"))
    .addFlag(I_KNOW)
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/lido-stake.js"))
    .build(),
  task(["lab", "real", "lido-wrap"], "Wrap stETH into wstETH")
    .addOption(AMOUNT("stETH to wrap, e.g. 0.005"))
    .addFlag(I_KNOW)
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/lido-wrap.js"))
    .build(),
  task(["lab", "real", "lido-request-withdrawal"], "Queue stETH in Lido's withdrawal queue")
    .addOption(AMOUNT("stETH to withdraw, e.g. 0.004"))
    .addFlag(I_KNOW)
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/lido-request-withdrawal.js"))
    .build(),
  task(["lab", "real", "lido-claim"], "Claim a finalised Lido withdrawal (no --id: list yours)")
    .addOption({
      name: "id",
      description: "Request id (printed by lido-request-withdrawal)",
      defaultValue: "",
    })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/lido-claim.js"))
    .build(),
  task(["lab", "real", "rp-deposit"], "Deposit ETH into Rocket Pool and receive rETH")
    .addOption(AMOUNT("ETH to deposit, e.g. 0.01"))
    .addFlag(I_KNOW)
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/rp-deposit.js"))
    .build(),
  task(["lab", "real", "rp-burn"], "Burn rETH for ETH at once")
    .addOption(AMOUNT("rETH to burn, e.g. 0.005"))
    .addFlag({ name: "all", description: "Burn all your rETH" })
    .addFlag(I_KNOW)
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/rp-burn.js"))
    .build(),
  task(["lab", "real", "eigen-restake"], "Restake stETH in EigenLayer's stETH strategy")
    .addOption(AMOUNT("stETH to restake, e.g. 0.004"))
    .addFlag(I_KNOW)
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/eigen-restake.js"))
    .build(),
  task(
    ["lab", "real", "eigen-delegate"],
    "Delegate to an EigenLayer operator (or --register as one)",
  )
    .addOption({
      name: "operator",
      description: "Operator address or account index",
      defaultValue: "",
    })
    .addFlag({ name: "register", description: "Register the acting account as an operator" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/eigen-delegate.js"))
    .build(),
  task(["lab", "real", "eigen-queue-withdrawal"], "Queue a withdrawal of your EigenLayer shares")
    .addOption({ name: "shares", description: "Strategy shares, e.g. 0.002", defaultValue: "" })
    .addFlag({ name: "all", description: "All your shares" })
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/eigen-queue-withdrawal.js"))
    .build(),
  task(
    ["lab", "real", "eigen-complete"],
    "Complete your queued EigenLayer withdrawal after its delay",
  )
    .addOption(ACCOUNT)
    .addFlag(VERBOSE)
    .setAction(() => import("./real/eigen-complete.js"))
    .build(),
];
