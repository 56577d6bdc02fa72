/**
 * What a student types wrong, and what a teacher reads on a 100-column projector: each kind of
 * mistake found by trying every `lab` task with bad input is refused in one line, in ETH and
 * durations, with the next command — by the shared boundary, parsers and printers, so the rule
 * holds for every task. Run in-process against the embedded chain (test/tasks/harness.ts).
 */
import { expect } from "chai";
import { AbiCoder } from "ethers";

import { explainError, insufficientFunds } from "../../scripts/lib/boundary.js";
import { setCommandContext } from "../../scripts/lib/commands.js";
import { loadDeployment, recordPath, saveDeployment } from "../../scripts/lib/deployment.js";
import { marketName } from "../../scripts/lib/market-deployment.js";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  deployedForTasksFixture,
  ethers,
  networkHelpers,
  runLab,
  expectRefusal,
  runLabOk,
} from "./harness.js";

/** Two validators staked; accounts 0 and 1 hold slETH. */
async function stakedFixture() {
  const deployment = await deployedForTasksFixture();
  await runLabOk("stake", { amount: "0.1" });
  await runLabOk("stake", { amount: "0.05", account: "1" });
  await runLabOk("stake-validator", { count: "2" });
  return deployment;
}

/** Runs `fn` with the deployment record replaced by `edit(record)`, then restores it. */
async function withRecord(
  edit: (record: ReturnType<typeof loadDeployment>) => unknown,
  fn: () => Promise<void>,
): Promise<void> {
  const record = loadDeployment("default");
  const changed = structuredClone(record);
  edit(changed);
  saveDeployment(changed);
  try {
    await fn();
  } finally {
    saveDeployment(record);
  }
}

describe("lab tasks against a student's input (in-process, classroom profile)", function () {
  describe("the error boundary", function () {
    it("prints a node's insufficient funds in ETH with the next command, never in wei", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("cl-fund", { amount: "100000" }),
        "Your account holds 9,99",
        "less than the 100,000",
        "`npx hardhat lab status` shows your balance",
      );
      // geth's wording, as a Hoodi RPC answers
      setCommandContext({ networkName: "hoodi" });
      try {
        expect(
          insufficientFunds(
            "insufficient funds for gas * price + value: have 1000000000000000000 want 2500000000000000000",
          ),
        ).to.equal(
          "Your account holds 1 ETH, less than the 2.5 ETH this transaction needs with its gas: get Hoodi ETH " +
            "from a faucet (README › Deploy to Hoodi), or send less (`npx hardhat lab status --network hoodi` shows your balance).",
        );
      } finally {
        setCommandContext({ networkName: "default" });
      }
    });

    it("explains a Solidity panic and a require message in one line, not as raw revert data", async function () {
      const coder = AbiCoder.defaultAbiCoder();
      const panic = { data: `0x4e487b71${coder.encode(["uint256"], [0x11]).slice(2)}` };
      expect(await explainError(panic)).to.match(
        /^The transaction stopped on an arithmetic overflow or underflow \(Solidity panic 0x11\): .*try a smaller one/,
      );
      const message = { data: `0x08c379a0${coder.encode(["string"], ["too late"]).slice(2)}` };
      expect(await explainError(message)).to.match(/^The transaction reverted: "too late"\./);
    });

    it("names an AccessControl role instead of its 32-byte hash", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const run = await runLab("stake-validator", { account: "3" });
      expectRefusal(run, "neededRole OPERATOR_ROLE", "Only a holder of OPERATOR_ROLE may do this");
      expect(run.error).to.not.match(/0x[0-9a-f]{64}/);
    });

    it("prints an enum argument by its member's name, not its number", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("cl-exit", { index: "1" });
      expectRefusal(
        await runLab("cl-exit", { index: "1" }),
        "ValidatorNotActive (index 1, status Exiting)",
      );
    });

    it("marks the acting account (you) in a decoded refusal", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("register-operator", { account: "2" });
      const [, , operator] = await ethers.getSigners();
      expectRefusal(
        await runLab("register-operator", { account: "2" }),
        `AlreadyOperator (account ${operator.address} (you))`,
      );
    });

    it("a hint says which account must act, with its --account, when it is not the student", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("restake", { amount: "0.01" });
      expectRefusal(
        await runLab("delegate", { operator: "2" }),
        "NotOperator",
        "it registers first: `npx hardhat lab register-operator --account 2`.",
      );
      await runLabOk("register-operator", { account: "2" });
      await runLabOk("register-avs", { account: "3" });
      expectRefusal(
        await runLab("avs-slash", { operator: "2", percent: "10", account: "3" }),
        "NotOptedIn (operator",
        "`npx hardhat lab allocate --avs 3 --percent 50 --account 2`",
      );
      expectRefusal(
        await runLab("avs-slash", { operator: "2", percent: "10", account: "4" }),
        "NotAVS",
        "`npx hardhat lab register-avs --account 4`",
      );
    });

    it("--verbose prints the raw error under a decoded refusal; without it, one line", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(await runLab("claim-withdrawal", { id: "99" }), "UnknownRequest");
      const verbose = await runLab("claim-withdrawal", { id: "99", verbose: true });
      expect(verbose.failed).to.equal(true);
      expect(verbose.error).to.contain("UnknownRequest (requestId 99)");
      expect(verbose.output, "the raw error's stack").to.match(/\n\s+at /);
    });

    it("an RPC URL that is not a URL is one line saying what it should look like", async function () {
      // What Hardhat throws when HOODI_RPC_URL is "127.0.0.1:8545": HardhatError HHE28, whose
      // `errorCode` and `messageArguments` the boundary reads. Its resolved value is cached for
      // the process, so the error is built here rather than provoked.
      const error = Object.assign(
        new Error('HHE28: Invalid URL value for the configuration variable "HOODI_RPC_URL"'),
        {
          errorCode: "HHE28",
          messageArguments: { configVariable: 'the configuration variable "HOODI_RPC_URL"' },
        },
      );
      expect(await explainError(error)).to.equal(
        "HOODI_RPC_URL is not a URL: set it to your RPC's full address, starting with https:// " +
          "(`npx hardhat keystore set HOODI_RPC_URL --force`).",
      );
    });
  });

  describe("the environment", function () {
    it("a mistyped STAKING_LAB_PROFILE is one line naming the two profiles", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      process.env.STAKING_LAB_PROFILE = "clasroom";
      try {
        const run = await runLab("status");
        expectRefusal(
          run,
          'STAKING_LAB_PROFILE is "clasroom": use "realistic" or "classroom", or unset it.',
        );
        expect(run.error).to.not.contain("unexpected");
      } finally {
        delete process.env.STAKING_LAB_PROFILE;
      }
    });
  });

  describe("the deployment record", function () {
    it("without --network, a missing record points at a node and --network localhost, not at a deploy that keeps nothing", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const saved = process.env.STAKING_LAB_DEPLOYMENTS_DIR;
      process.env.STAKING_LAB_DEPLOYMENTS_DIR = mkdtempSync(join(tmpdir(), "staking-lab-empty-"));
      try {
        const run = await runLab("status");
        expectRefusal(
          run,
          "Without --network, each command runs on a fresh embedded chain that keeps nothing",
          "`npx hardhat run scripts/deploy.ts --network localhost`",
          "add --network localhost",
        );
      } finally {
        process.env.STAKING_LAB_DEPLOYMENTS_DIR = saved;
      }
    });

    it("a record that is not JSON is one line saying to delete it and redeploy", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const record = loadDeployment("default");
      writeFileSync(recordPath("default"), "{ half a file");
      try {
        expectRefusal(
          await runLab("stake", { amount: "0.01" }),
          "deployments/default.json is not a deployment record",
          "delete it and redeploy with `npx hardhat run scripts/deploy.ts`",
        );
      } finally {
        saveDeployment(record);
      }
    });

    it("names every recorded contract that has no code, for the staking stack and the market", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const nowhere = "0x000000000000000000000000000000000000bEEF";
      await withRecord(
        (record) => (record.contracts.LRTVault.address = nowhere),
        async () =>
          expectRefusal(
            await runLab("lrt-deposit", { eth: "0.01" }),
            "No contract at the recorded LRTVault address on default",
          ),
      );
      await withRecord(
        (record) => (record.contracts[marketName("LST", "Spot")].address = nowhere),
        async () =>
          expectRefusal(
            await runLab("positions"),
            `No contract at the recorded ${marketName("LST", "Spot")} address on default`,
          ),
      );
    });
  });

  describe("options", function () {
    it("lab time refuses 0 seconds and more than ten years, in one line", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(await runLab("time", { seconds: "0" }), "--seconds must be at least 1");
      expectRefusal(
        await runLab("time", { seconds: "315360001" }),
        "--seconds must be at most 315360000 (3650 days), not 315360001",
      );
      const huge = await runLab("time", { seconds: "99999999999999999999999" });
      expect(huge.error).to.equal(
        "Error: --seconds must be at most 315360000 (3650 days), not 99999999999999999999999",
      );
    });

    it("tells an address with a wrong checksum from something that is no address", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const [, , operator] = await ethers.getSigners();
      const miscased = `${operator.address.slice(0, -1)}${operator.address.at(-1) === "C" ? "c" : "C"}`;
      expectRefusal(
        await runLab("delegate", { operator: miscased }),
        "has a wrong checksum",
        "type it all in lowercase",
      );
      expectRefusal(
        await runLab("delegate", { operator: "0xabc" }),
        "--operator must be an address (0x and 40 hexadecimal digits) or an account index",
      );
      expectRefusal(
        await runLab("delegate", { operator: "30" }),
        "--operator 30: default has 20 account(s) (0 to 19)",
      );
    });

    it("every task refuses a mistyped option before it reads the chain, even with no deployment", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const cases: [string, Record<string, string | boolean>, string][] = [
        ["stake", { amount: "1e18" }, "--amount must be an amount in ETH"],
        ["cl-fund", { amount: "x" }, "--amount must be an amount in ETH"],
        ["cl-exit", { index: "x" }, "--index must be a whole number"],
        ["cl-slash", { index: "-1" }, "--index must be a whole number"],
        ["cl-penalize", { index: "0", amount: "1,5" }, "--amount must be an amount in ETH"],
        ["cl-sweep", { index: "x" }, "--index must be a whole number"],
        ["stake-validator", { count: "0" }, "--count must be at least 1"],
        ["request-withdrawal", { amount: "NaN" }, "--amount must be an amount in slETH"],
        ["restake", { amount: "Infinity" }, "--amount must be an amount in slETH"],
        ["avs-pay", { operator: "2", amount: "x" }, "--amount must be an amount"],
        ["queue-withdrawal", { amount: "x" }, "--amount must be an amount"],
        ["lrt-deposit", { lst: "0x10" }, "--lst must be an amount in slETH"],
        ["pod-credit", { index: "x" }, "--index must be a whole number"],
        ["pod-credit", { index: "0", checkpoint: true }, "--checkpoint and --index contradict"],
        [
          "swap",
          { sell: "slETH", amount: "0.01", slippage: "x" },
          "--slippage must be a percentage",
        ],
        [
          "swap",
          { sell: "slETH", amount: "0.01", minOut: "x" },
          "--min-out must be an amount in ETH",
        ],
        ["add-liquidity", { pool: "slETH", eth: "0.01", minLp: "x" }, "--min-lp must be an amount"],
        ["remove-liquidity", { pool: "slETH", lp: "x" }, "--lp must be an amount"],
        [
          "remove-liquidity",
          { pool: "slETH", all: true, only: "slrETH" },
          "--only is ETH or slETH",
        ],
        ["supply", { market: "lst:ema", eth: "x" }, "--eth must be an amount in ETH"],
        ["repay", { market: "lst:ema", amount: "x" }, "--amount must be an amount in ETH"],
        ["withdraw", { market: "lst:ema", eth: "x" }, "--eth must be an amount in ETH"],
        ["time", { seconds: "x" }, "--seconds must be a whole number"],
      ];
      const saved = process.env.STAKING_LAB_DEPLOYMENTS_DIR;
      process.env.STAKING_LAB_DEPLOYMENTS_DIR = mkdtempSync(join(tmpdir(), "staking-lab-empty-"));
      try {
        for (const [task, args, expected] of cases) {
          const run = await runLab(task, args);
          expectRefusal(run, expected);
          expect(run.error, `lab ${task}`).to.not.contain("Without --network");
        }
      } finally {
        process.env.STAKING_LAB_DEPLOYMENTS_DIR = saved;
      }
    });

    it("lab withdraw reads every option before the chain: a typo is refused whatever the position", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("withdraw", { market: "lst:ema", eth: "abc", account: "7" }),
        '--eth must be an amount in ETH such as 0.01, or all; not "abc"',
      );
      expectRefusal(
        await runLab("withdraw", { market: "lst:ema", collateral: "-1" }),
        '--collateral must be an amount in slETH such as 0.01, or all; not "-1"',
      );
    });

    it("refuses an amount above the balance before sending, naming the balance and the next command", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("lrt-deposit", { lst: "1000" }),
        "You hold 0.1 slETH, less than --lst 1,000 slETH",
        "`npx hardhat lab stake --amount 0.01`",
      );
      expectRefusal(await runLab("lrt-deposit", { eth: "100000" }), "less than --eth 100,000 ETH");
      await runLabOk("register-operator", { account: "2" });
      expectRefusal(
        await runLab("avs-pay", { operator: "2", amount: "5", account: "3" }),
        "You hold 0 slETH, less than --amount 5 slETH",
        "`npx hardhat lab stake --amount 0.01 --account 3`",
      );
      expectRefusal(
        await runLab("add-liquidity", { pool: "slETH", eth: "100000" }),
        "less than --eth 100,000 ETH",
      );
    });

    it("lab queue-withdrawal --native without native restaked ETH says how to restake it", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("queue-withdrawal", { native: true, amount: "0.01" }),
        "You have no native ETH restaked: `npx hardhat lab pod-create`",
      );
    });

    it("a market's hint names the market the student typed, not a placeholder", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("supply", { market: "lst:spot", collateral: "0.05" });
      const run = await runLab("borrow", { market: "LST:spot", amount: "1" });
      expectRefusal(
        run,
        "InsufficientLiquidity",
        "`npx hardhat lab supply --market lst:spot --eth",
      );
      expect(run.error).to.not.contain("<market>");
    });
  });

  describe("market refusals", function () {
    it("lab swap refuses a sale the pool would pay nothing for, rather than take it", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const before = await runLabOk("positions");
      expectRefusal(
        await runLab("swap", { sell: "slETH", amount: "0.000000000000000001" }),
        "The pool would pay nothing for 0.000000000000000001 slETH: too small to trade; sell more.",
      );
      expect(await runLabOk("positions")).to.equal(before);
    });

    it("taking back collateral a loan needs says to repay first, in that market", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("supply", { market: "lst:spot", eth: "0.5", account: "4" });
      await runLabOk("supply", { market: "lst:spot", collateral: "0.05" });
      await runLabOk("borrow", { market: "lst:spot", amount: "0.03" });
      expectRefusal(
        await runLab("withdraw", { market: "lst:spot", collateral: "all" }),
        "UnhealthyPosition",
        "repay first (`npx hardhat lab repay --market lst:spot --all`)",
      );
    });
  });
});
