/**
 * The `lab` tasks as a student meets them, run in-process against the embedded chain with the
 * classroom profile (test/tasks/harness.ts): every refusal is one line with the values in ETH
 * or durations and the next command; nothing irreversible happens on contradictory options.
 */
import { expect } from "chai";
import hre from "hardhat";

import { explainError } from "../../scripts/lib/boundary.js";
import { setCommandContext } from "../../scripts/lib/commands.js";
import { loadDeployment, saveDeployment } from "../../scripts/lib/deployment.js";
import {
  deployedForTasksFixture,
  ethers,
  networkHelpers,
  runLab,
  expectRefusal,
  runLabOk,
} from "./harness.js";

/** Two validators staked from 0.1 ETH; accounts 1 and 2 hold slETH too. */
async function stakedFixture() {
  const deployment = await deployedForTasksFixture();
  await runLabOk("stake", { amount: "0.1" });
  await runLabOk("stake", { amount: "0.05", account: "1" });
  await runLabOk("stake", { amount: "0.02", account: "2" });
  await runLabOk("stake-validator", { count: "2" });
  return deployment;
}

describe("lab tasks (in-process, classroom profile)", function () {
  describe("amounts with more decimals than their unit", function () {
    it("lab lrt-redeem --shares refuses a 22nd decimal (slrETH has 21) in one line", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("lrt-redeem", { shares: "0.0000000000000000000001" }),
        "--shares 0.0000000000000000000001 has 22 decimals; slrETH has 21",
      );
    });

    it("lab allocate and lab avs-slash refuse a percentage finer than a WAD", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("allocate", { avs: "3", percent: "10.0000000000000000001" }),
        "--percent 10.0000000000000000001 has 19 decimals",
      );
      expectRefusal(
        await runLab("avs-slash", { operator: "2", percent: "10.0000000000000000001" }),
        "--percent 10.0000000000000000001 has 19 decimals",
      );
    });

    it("lab stake refuses a 19th decimal of ETH", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("stake", { amount: "0.0000000000000000001" }),
        "has 19 decimals; ETH has 18",
      );
    });
  });

  describe("no stack traces", function () {
    it("lab cl-slash --index 99 names the validators that exist", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("cl-slash", { index: "99" }),
        "There is no validator #99: validators are numbered 0 to 1",
      );
    });

    it("lab complete-withdrawal --id 2 decodes WithdrawalNotFound and points at lab my-requests", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("complete-withdrawal", { id: "2" }),
        "Completing withdrawal #2 refused: RestakingManager refused with WithdrawalNotFound (withdrawalId 2)",
        "`npx hardhat lab my-requests`",
      );
    });

    it("lab claim-withdrawal --id 5 decodes the pool's UnknownRequest, not the vault's", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("claim-withdrawal", { id: "5" }),
        "DepositPool refused with UnknownRequest (requestId 5). No request has that id",
      );
    });

    it("an RPC host that does not resolve is one line naming the host", async function () {
      process.env.HOODI_RPC_URL = "http://no-such-host.invalid";
      process.env.HOODI_PRIVATE_KEY = `0x${"11".repeat(32)}`;
      setCommandContext({ networkName: "hoodi" });
      try {
        const hoodi = await hre.network.create("hoodi");
        const error = await hoodi.provider.request({ method: "eth_chainId" }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, "the request fails").to.not.equal(undefined);
        expect(await explainError(error)).to.match(
          /^Cannot reach no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\): if it is your RPC, check HOODI_RPC_URL/,
        );
      } finally {
        delete process.env.HOODI_RPC_URL;
        delete process.env.HOODI_PRIVATE_KEY;
        setCommandContext({ networkName: "default" });
      }
    });

    it("a malformed private key is one line saying what a key looks like", async function () {
      const error = new Error("Field.fromBytes: expected 32 bytes, got 2");
      expect(await explainError(error)).to.contain(
        "HOODI_PRIVATE_KEY is not a private key (0x followed by 64 hexadecimal digits)",
      );
    });

    it("an unexpected error is one line, and --verbose adds its stack trace", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      // A damaged record: the vault's address points at the pool, whose answers do not decode.
      const record = loadDeployment("default");
      const damaged = structuredClone(record);
      damaged.contracts.LRTVault.address = record.contracts.DepositPool.address;
      saveDeployment(damaged);
      try {
        const quiet = await runLab("status");
        expectRefusal(quiet, "(unexpected: run again with --verbose");
        const verbose = await runLab("status", { verbose: true });
        expect(verbose.failed).to.equal(true);
        expect(verbose.output, "the stack trace").to.match(/\n\s+at /);
      } finally {
        saveDeployment(record);
      }
    });
  });

  describe("refusals in ETH and durations, with the next command", function () {
    it("DepositBelowMinimum prints ETH, not wei", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("stake", { amount: "0.000001" }),
        "DepositPool refused with DepositBelowMinimum (sent 0.000001 ETH, minimum 0.00001 ETH)",
        "`npx hardhat lab stake --amount <ETH>`",
      );
    });

    it("a claim before the report says to run lab report first", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("request-withdrawal", { amount: "0.02" });
      expectRefusal(
        await runLab("claim-withdrawal", { id: "1" }),
        "RequestNotFinalized (requestId 1, lastFinalized 0)",
        "`npx hardhat lab report`",
      );
    });

    it("a restaking withdrawal completed early says how long to wait", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("restake", { amount: "0.01" });
      await runLabOk("queue-withdrawal", { all: true });
      const run = await runLab("complete-withdrawal", { id: "1" });
      expectRefusal(run, "WithdrawalDelayNotElapsed (withdrawalId 1, completableAt in ");
      expect(run.error).to.match(/wait (5 min|4 min 59 s), then complete it again/);
      expect(run.error).to.not.match(/\d{10}/);
    });
  });

  describe("contradictory or destructive options", function () {
    it("lab request-withdrawal --all --amount refuses and queues nothing", async function () {
      const { contracts } = await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("request-withdrawal", { all: true, amount: "0.01" }),
        "--all and --amount contradict each other",
      );
      expect(await contracts.pool.lastRequestId(), "nothing queued").to.equal(0n);
    });

    it("lab queue-withdrawal --all --amount and lab lrt-redeem --all --shares refuse", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      expectRefusal(
        await runLab("queue-withdrawal", { all: true, amount: "0.01" }),
        "--all and --amount contradict each other",
      );
      expectRefusal(
        await runLab("lrt-redeem", { all: true, shares: "0.01" }),
        "--all and --shares contradict each other",
      );
    });

    it("lab cl-penalize refuses a penalty above the validator's balance and leaves it whole", async function () {
      const { contracts } = await networkHelpers.loadFixture(stakedFixture);
      const before = await contracts.simulator.validatorBalance(0);
      expectRefusal(
        await runLab("cl-penalize", { index: "0", amount: "5" }),
        "Validator #0 holds 0.032",
        "a penalty of 5 ETH would wipe it",
      );
      expect(await contracts.simulator.validatorBalance(0)).to.equal(before);
      const ok = await runLabOk("cl-penalize", { index: "0", amount: "0.0001" });
      expect(ok).to.contain("Validator #0 now holds 0.0319");
    });
  });

  describe("lab my-requests", function () {
    it("lists the student's own ids only, across the three queues", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("request-withdrawal", { amount: "0.01", account: "1" }); // #1, account 1
      await runLabOk("request-withdrawal", { amount: "0.01", account: "2" }); // #2, account 2
      await runLabOk("request-withdrawal", { amount: "0.005", account: "1" }); // #3, account 1
      const mine = await runLabOk("my-requests", { account: "1" });
      expect(mine).to.match(/liquid staking: withdrawal\s*│\s*#3/);
      expect(mine).to.match(/liquid staking: withdrawal\s*│\s*#1/);
      expect(mine).to.not.match(/│\s*#2\s*│/);
      expect(mine).to.contain("`npx hardhat lab report`");
      const none = await runLabOk("my-requests", { account: "5" });
      expect(none).to.contain("none — nothing queued");
    });
  });

  describe("lab status", function () {
    it("shows the classroom's limits, rounded amounts with units, and the terms explained", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const out = await runLabOk("status");
      expect(out).to.match(/smallest deposit\s*│ 0\.00001 ETH/);
      expect(out).to.match(/deposit cap \(most ETH the pool holds\)\s*│ 10 ETH/);
      expect(out).to.match(/one validator\s*│ 0\.032 ETH/);
      expect(out).to.contain("slashing: initial penalty");
      expect(out).to.contain("depositable (buffer not reserved for claims: stakes validators)");
      expect(out).to.contain("`npx hardhat lab my-requests`");
      expect(out, "no wei-sized numbers").to.not.match(/\d{12,}/);
      const [deployer] = await ethers.getSigners();
      expect(out).to.contain(deployer.address);
    });
  });
});
