/**
 * `lab lrt-manage` as the vault's manager meets it, in-process with the classroom profile
 * (test/tasks/harness.ts): moving the vault to another operator — `--undelegate`, wait the
 * restaking withdrawal delay (5 minutes here), `--complete`, `--delegate <new>`, `--restake` —
 * and every refusal on the way, one line with the next command.
 */
import { expect } from "chai";

import { classroom } from "../../config/profiles.js";
import { expectAtMost, expectEqualWithinRounding } from "../helpers/index.js";
import {
  deployedForTasksFixture,
  ethers,
  expectRefusal,
  networkHelpers,
  runLab,
  runLabOk,
} from "./harness.js";

const milli = (n: bigint) => n * 10n ** 15n; // 0.001 slETH units, as bigint wei
const delay = classroom.restakingWithdrawalDelaySeconds; // 300 s
/** The deployer's own deposit in the vault, made to seed the slrETH pool: 0.02 slETH. */
const seed = classroom.market.lrtPool.seedEthWei;
/**
 * The vault counts a queued withdrawal conservatively, a few wei below what the manager will pay
 * (each share conversion rounds down in the vault's favour); measured: 4 wei on 0.015 slETH.
 */
const QUEUED_ROUNDING_WEI = 4n;

/**
 * Accounts 0 (the vault's manager, the deployer) and 2 are operators; account 1 deposits 0.02
 * ETH in the vault (0.02 slETH at the fresh rate of 1), next to the deployer's 0.02 seed; the
 * manager delegates the vault to 0 and restakes 0.015 slETH, leaving 0.025 idle.
 */
async function delegatedVaultFixture() {
  const deployment = await deployedForTasksFixture();
  await runLabOk("register-operator");
  await runLabOk("register-operator", { account: "2" });
  await runLabOk("lrt-manage", { delegate: "0" });
  await runLabOk("lrt-deposit", { eth: "0.02", account: "1" });
  await runLabOk("lrt-manage", { restake: "0.015" });
  const [first, , second] = await ethers.getSigners();
  return { ...deployment, first, second };
}

/** The same vault after `--undelegate`: its 0.015 slETH queued as one withdrawal. */
async function undelegatedVaultFixture() {
  const fixture = await networkHelpers.loadFixture(delegatedVaultFixture);
  await runLabOk("lrt-manage", { undelegate: true });
  return fixture;
}

describe("lab lrt-manage (in-process, classroom profile)", function () {
  describe("--undelegate", function () {
    describe("when the vault is delegated with slETH restaked", function () {
      it("queues all of it as one withdrawal and says to wait the delay, then --complete", async function () {
        const { contracts, first } = await networkHelpers.loadFixture(delegatedVaultFixture);
        const { vault, manager } = contracts;
        const [totalBefore, restakedBefore] = await Promise.all([
          vault.totalAssets(),
          vault.restakedAssets(),
        ]);
        const output = await runLabOk("lrt-manage", { undelegate: true });
        expect(output).to.contain(`The vault left ${first.address}`);
        expect(output).to.contain(
          "Its 0.015 slETH restaked are queued as withdrawal #1, slashable by that operator for the restaking delay: " +
            "wait 5 min, then `npx hardhat lab lrt-manage --complete`.",
        );
        const [withdrawalId] = await vault.pendingUndelegation();
        expect(withdrawalId, "the undelegation's withdrawal").to.equal(1n);
        expect(await vault.openWithdrawals(), "one withdrawal open").to.equal(1n);
        expect(await vault.operator(), "the vault reads as undelegated").to.equal(
          ethers.ZeroAddress,
        );
        expect(await vault.restakedAssets(), "nothing restaked any more").to.equal(0n);
        const queued = await vault.queuedAssets();
        const [, willPay] = await manager.previewWithdrawal(1n);
        expect(willPay, "the manager will pay all that was restaked").to.equal(restakedBefore);
        expectAtMost(queued, willPay, "queued, counted at no more than the manager will pay");
        expectEqualWithinRounding(queued, willPay, "queued", QUEUED_ROUNDING_WEI);
        expect(await manager.delegatedTo(await vault.getAddress()), "left in the manager").to.equal(
          ethers.ZeroAddress,
        );
        expectEqualWithinRounding(
          await vault.totalAssets(),
          totalBefore,
          "no value moves",
          QUEUED_ROUNDING_WEI,
        );
      });
    });

    describe("when the vault is not delegated", function () {
      it("refuses with NotDelegated and the command that delegates it", async function () {
        await networkHelpers.loadFixture(undelegatedVaultFixture);
        expectRefusal(
          await runLab("lrt-manage", { undelegate: true }),
          "Undelegating the vault refused: LRTVault refused with NotDelegated",
          "`npx hardhat lab lrt-manage --delegate <operator>`",
        );
      });
    });

    describe("when given with another action", function () {
      it("refuses both in one line and leaves the vault delegated", async function () {
        const { contracts, first } = await networkHelpers.loadFixture(delegatedVaultFixture);
        expectRefusal(
          await runLab("lrt-manage", { undelegate: true, delegate: "2" }),
          "--undelegate and --delegate contradict each other: give one, e.g. --undelegate alone",
        );
        expectRefusal(
          await runLab("lrt-manage", { undelegate: true, complete: true }),
          "--undelegate and --complete contradict each other",
        );
        expectRefusal(
          await runLab("lrt-manage", { undelegate: true, restake: "0.001", harvest: true }),
          "--undelegate and --restake and --harvest contradict each other",
        );
        expect(await contracts.vault.operator(), "still delegated").to.equal(first.address);
        expect(await contracts.vault.openWithdrawals(), "nothing queued").to.equal(0n);
      });
    });

    describe("when a stranger runs it", function () {
      it("refuses with the missing role", async function () {
        const { contracts, first } = await networkHelpers.loadFixture(delegatedVaultFixture);
        expectRefusal(
          await runLab("lrt-manage", { undelegate: true, account: "5" }),
          "AccessControlUnauthorizedAccount",
          "Only a holder of MANAGER_ROLE may do this",
        );
        expect(await contracts.vault.operator(), "still delegated").to.equal(first.address);
      });
    });
  });

  describe("--complete", function () {
    describe("before the restaking delay has passed", function () {
      it("refuses with how long to wait and the same command", async function () {
        const { contracts } = await networkHelpers.loadFixture(undelegatedVaultFixture);
        await runLabOk("time", { seconds: "60" });
        const run = await runLab("lrt-manage", { complete: true });
        expectRefusal(
          run,
          "None of the vault's 1 open withdrawal(s) has passed its delay yet (it stays slashable until then): " +
            "the undelegation (withdrawal #1) is ready in ",
          "then `npx hardhat lab lrt-manage --complete`.",
        );
        expect(run.error).to.match(/ready in (4 min|3 min 5\d s): wait (4 min|3 min 5\d s), then/);
        expect(await contracts.vault.openWithdrawals(), "still open").to.equal(1n);
      });
    });

    describe("once the delay has passed", function () {
      it("brings the queued slETH back as idle and names the next two commands", async function () {
        const { contracts } = await networkHelpers.loadFixture(undelegatedVaultFixture);
        const [totalBefore, queued] = await Promise.all([
          contracts.vault.totalAssets(),
          contracts.vault.queuedAssets(),
        ]);
        await runLabOk("time", { seconds: String(delay) });
        const output = await runLabOk("lrt-manage", { complete: true });
        // 0.015 slETH back (nobody was slashed), joining the 0.025 left idle: 0.04 slETH.
        expect(output).to.contain(
          "Completed 1 withdrawal(s): 0.015 slETH back, idle now 0.04 slETH",
        );
        expect(output).to.contain(
          "The vault is free to move: `npx hardhat lab lrt-manage --delegate <operator>`, " +
            "then `npx hardhat lab lrt-manage --restake <slETH>`.",
        );
        expect(await contracts.vault.openWithdrawals(), "none open").to.equal(0n);
        const idle = await contracts.vault.idleAssets();
        expectEqualWithinRounding(
          idle,
          seed + milli(20n),
          "all idle: the seed and the deposit",
          8n,
        );
        expect(idle, "what was queued, or a wei or two more").to.be.gte(seed + milli(5n) + queued);
        expect(await contracts.vault.queuedAssets(), "none queued").to.equal(0n);
        expectEqualWithinRounding(
          await contracts.vault.totalAssets(),
          totalBefore,
          "no value moves (the queue's rounding comes back)",
          QUEUED_ROUNDING_WEI,
        );
      });
    });

    describe("when the vault has no open withdrawal", function () {
      it("refuses and points at lab status", async function () {
        await networkHelpers.loadFixture(delegatedVaultFixture);
        expectRefusal(
          await runLab("lrt-manage", { complete: true }),
          "The vault has no withdrawal in the restaking manager to complete",
          "`npx hardhat lab status`",
        );
      });
    });
  });

  describe("--delegate", function () {
    describe("while the undelegation's withdrawal is still open", function () {
      it("refuses with WithdrawalsStillOpen: wait, then --complete", async function () {
        const { contracts } = await networkHelpers.loadFixture(undelegatedVaultFixture);
        expectRefusal(
          await runLab("lrt-manage", { delegate: "2" }),
          "Delegating the vault refused: LRTVault refused with WithdrawalsStillOpen (open 1)",
          "wait the restaking delay, then `npx hardhat lab lrt-manage --complete` before delegating anew.",
        );
        expect(await contracts.vault.operator(), "still undelegated").to.equal(ethers.ZeroAddress);
      });
    });

    describe("when the vault is already delegated", function () {
      it("refuses with AlreadyDelegated and the way to move it", async function () {
        await networkHelpers.loadFixture(delegatedVaultFixture);
        expectRefusal(
          await runLab("lrt-manage", { delegate: "2" }),
          "LRTVault refused with AlreadyDelegated",
          "to move it, `npx hardhat lab lrt-manage --undelegate`, wait the restaking delay, " +
            "then `npx hardhat lab lrt-manage --complete`.",
        );
      });
    });
  });

  describe("moving the vault to another operator", function () {
    it("undelegates, waits the delay, completes, delegates anew and restakes with the new operator", async function () {
      const { contracts, first, second } = await networkHelpers.loadFixture(delegatedVaultFixture);
      const { vault, manager, token } = contracts;
      const vaultAddress = await vault.getAddress();
      const totalBefore = await vault.totalAssets();
      await runLabOk("lrt-manage", { undelegate: true });
      await runLabOk("time", { seconds: String(delay) });
      await runLabOk("lrt-manage", { complete: true });
      expect(await runLabOk("lrt-manage", { delegate: "2" })).to.contain(
        `The vault is delegated to ${second.address}`,
      );
      expect(await runLabOk("lrt-manage", { restake: "0.015" })).to.contain(
        "Restaked 0.015 slETH; idle now 0.025 slETH",
      );
      expect(await vault.operator(), "the new operator").to.equal(second.address);
      expect(await manager.delegatedTo(vaultAddress), "delegated in the manager").to.equal(
        second.address,
      );
      expectEqualWithinRounding(
        await manager.operatorShares(second.address, token),
        milli(15n),
        "the stake is with the new operator",
      );
      expect(await manager.operatorShares(first.address, token), "none left with the old").to.equal(
        0n,
      );
      expectEqualWithinRounding(
        await vault.totalAssets(),
        totalBefore,
        "the holders' value is intact",
      );
    });
  });

  describe("lab status, the vault's assets", function () {
    describe("when the vault has service rewards not yet harvested", function () {
      it("shows them as a fourth term, so that idle + restaked + queued + earned adds up", async function () {
        const { contracts } = await networkHelpers.loadFixture(delegatedVaultFixture);
        // Account 3 is a service that pays 0.001 slETH to operator 0's delegators (the vault
        // alone); the payment streams over the restaking delay.
        await runLabOk("stake", { amount: "0.01", account: "3" });
        await runLabOk("register-avs", { account: "3" });
        await runLabOk("allocate", { avs: "3", percent: "50" });
        await runLabOk("avs-pay", { operator: "0", amount: "0.001", account: "3" });
        await runLabOk("time", { seconds: String(delay + 1n) });
        // The operator keeps 10 %, the vault's fee is 10 % of the rest: 0.001 × 0.9 × 0.9.
        const paid = milli(1n);
        const toVault = paid - (paid * classroom.operatorSplitBps) / 10_000n;
        const earned = toVault - (toVault * classroom.lrtFeeBps) / 10_000n;
        expect(earned, "0.00081 slETH").to.equal(81n * 10n ** 13n);
        expect(await contracts.vault.earnedRewards(), "the vault's own view").to.equal(earned);
        const total = seed + milli(20n) + earned;
        expectEqualWithinRounding(await contracts.vault.totalAssets(), total, "0.04081 slETH");
        const out = await runLabOk("status");
        expect(out).to.match(
          /vault assets\s*│ 0\.04081 slETH, the sum of the four rows below[\s\S]*idle \(for redemptions\)\s*│ 0\.025 slETH[\s\S]*restaked\s*│ 0\.015 slETH[\s\S]*queued \(leaving the manager\)\s*│ 0 slETH/,
        );
        expect(out).to.match(/earned \(unharvested, net of fee\)\s*│ 0\.00081 slETH/);
        // Harvesting claims the gross 0.0009 into idle and mints the treasury slrETH worth the
        // 0.00009 fee: the total grows by the fee (0.0409), the rate stays.
        await runLabOk("lrt-manage", { harvest: true });
        expect(await runLabOk("status")).to.match(
          /vault assets\s*│ 0\.0409 slETH[\s\S]*idle \(for redemptions\)\s*│ 0\.0259 slETH[\s\S]*restaked\s*│ 0\.015 slETH[\s\S]*earned \(unharvested, net of fee\)\s*│ 0 slETH/,
        );
      });
    });
  });

  describe("without an action", function () {
    it("lists what it can do, the move included", async function () {
      await networkHelpers.loadFixture(delegatedVaultFixture);
      expectRefusal(
        await runLab("lrt-manage"),
        "Say what to do: --delegate <operator>, --restake <slETH>, --harvest, or to move the vault --undelegate",
      );
    });
  });
});
