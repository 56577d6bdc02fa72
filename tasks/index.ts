/**
 * Hardhat tasks for students and teachers, under `npx hardhat lab …`. Each reads
 * `deployments/<network>.json` (written by scripts/deploy.ts) and acts as the first account.
 * `npx hardhat lab --help` lists them.
 */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

export const labTasks = [
  emptyTask("lab", "Staking Lab: drive a deployment (deployments/<network>.json)").build(),

  task(["lab", "status"], "Rates, balances and the withdrawal queue in one table")
    .setAction(() => import("./actions/status.js"))
    .build(),

  // Liquid staking: what a student does.
  task(["lab", "stake"], "Deposit ETH into the pool and receive slETH")
    .addOption({ name: "amount", description: "ETH to deposit, e.g. 0.01", defaultValue: "" })
    .setAction(() => import("./actions/stake.js"))
    .build(),
  task(["lab", "request-withdrawal"], "Queue slETH for withdrawal (paid after the next report)")
    .addOption({ name: "amount", description: "slETH to withdraw, e.g. 0.005", defaultValue: "" })
    .addFlag({ name: "all", description: "Withdraw all your slETH" })
    .setAction(() => import("./actions/request-withdrawal.js"))
    .build(),
  task(["lab", "claim-withdrawal"], "Collect the ETH of a finalised withdrawal request")
    .addOption({
      name: "id",
      description: "Request id (printed by request-withdrawal)",
      defaultValue: "",
    })
    .setAction(() => import("./actions/claim-withdrawal.js"))
    .build(),

  // The protocol's roles: operator and oracle.
  task(["lab", "stake-validator"], "Operator: stake validators from the pool's buffer")
    .addOption({ name: "count", description: "How many validators", defaultValue: "1" })
    .setAction(() => import("./actions/stake-validator.js"))
    .build(),
  task(["lab", "report"], "Oracle: read the consensus layer and submit a report to the pool")
    .addFlag({
      name: "confirm",
      description: "Also confirm a loss above the budget (loss-confirmer role)",
    })
    .setAction(() => import("./actions/report.js"))
    .build(),

  // The consensus layer: what the teacher does.
  task(["lab", "cl-fund"], "Teacher: top up the consensus-layer reward reserve")
    .addOption({ name: "amount", description: "ETH to add, e.g. 0.01", defaultValue: "" })
    .setAction(() => import("./actions/cl-fund.js"))
    .build(),
  task(["lab", "cl-slash"], "Teacher: slash a validator")
    .addOption({ name: "index", description: "Validator index", defaultValue: "" })
    .setAction(() => import("./actions/cl-slash.js"))
    .build(),
  task(["lab", "cl-penalize"], "Teacher: apply an offline (inactivity) penalty")
    .addOption({ name: "index", description: "Validator index", defaultValue: "" })
    .addOption({ name: "amount", description: "Penalty in ETH", defaultValue: "" })
    .setAction(() => import("./actions/cl-penalize.js"))
    .build(),
  task(["lab", "cl-exit"], "Request a validator's exit (withdrawal address or teacher)")
    .addOption({ name: "index", description: "Validator index", defaultValue: "" })
    .setAction(() => import("./actions/cl-exit.js"))
    .build(),
  task(["lab", "cl-sweep"], "Pay withdrawal addresses what the consensus layer owes them")
    .addOption({
      name: "index",
      description: "One validator (default: all of the pool's due)",
      defaultValue: "",
    })
    .setAction(() => import("./actions/cl-sweep.js"))
    .build(),
  task(["lab", "time"], "Local nodes only: move the clock forward")
    .addOption({
      name: "seconds",
      description: "Seconds to add",
      defaultValue: "",
      type: ArgumentType.STRING,
    })
    .setAction(() => import("./actions/time.js"))
    .build(),

  task(["lab", "verify"], "Verify the recorded contracts on Hoodi's explorers")
    .setAction(() => import("./actions/verify.js"))
    .build(),
];
