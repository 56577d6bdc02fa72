/**
 * RestakingManager: the withdrawal queue (EigenLayer's DelegationManager.queueWithdrawals and
 * completeQueuedWithdrawal): scaled shares `s·k` are stored, the operator's magnitude is read at
 * the last slashable second, and the tokens are paid after `withdrawalDelay`.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { restakingFixtures } from "../helpers/fixtures/restaking.js";
import { WAD, ether } from "../helpers/index.js";
import { nextWithdrawalId } from "./restaking-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { delegatedStakersFixture } = restakingFixtures(connection);

const DELAY = realistic.restakingWithdrawalDelaySeconds;

describe("RestakingManager", function () {
  /** The fixture's manager, redeployed with another withdrawal delay, alice holding 10 LST in it. */
  async function managerWithDelay(delay: bigint) {
    const fixture = await networkHelpers.loadFixture(delegatedStakersFixture);
    const { managerArgs, admin, pool, lst, alice } = fixture;
    const args: unknown[] = [...managerArgs];
    args[2] = delay;
    args[4] = delay + 1n; // the allocation delay must stay longer than the withdrawal delay
    const manager = await ethers.deployContract("RestakingManager", args);
    await manager.connect(admin).addStrategy(lst);
    await pool.connect(alice).deposit({ value: ether(10) });
    await lst.connect(alice).approve(manager, ether(10));
    await manager.connect(alice).depositIntoStrategy(lst, ether(10));
    return { ...fixture, manager };
  }

  describe("withdrawal delay boundaries", function () {
    it("with a zero delay, completes right away and is never slashable in the queue", async function () {
      const { manager, lst, alice } = await managerWithDelay(0n);
      await manager.connect(alice).queueWithdrawal(lst, ether(10));
      const id = await manager.withdrawalCount();
      expect(await manager.completableAt(id)).to.equal(BigInt(await time.latest()));
      await expect(manager.connect(alice).completeQueuedWithdrawal(id)).to.changeTokenBalance(
        ethers,
        lst,
        alice,
        ether(10),
      );
    });

    it("with a delay longer than the chain has existed, keeps every queued share slashable", async function () {
      const { manager, lst, alice, operator } = await managerWithDelay(2n ** 40n);
      await manager.connect(operator).registerAsOperator("");
      await manager.connect(alice).delegateTo(operator.address);
      await manager.connect(alice).queueWithdrawal(lst, ether(10));
      expect(await manager.slashableSharesInQueue(operator.address, lst)).to.equal(ether(10));
    });
  });

  describe("queueWithdrawal", function () {
    it("removes the shares from the staker and the operator and records the withdrawal", async function () {
      const { manager, lst, alice, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      const id = await nextWithdrawalId(manager);
      expect(await manager.connect(alice).queueWithdrawal.staticCall(lst, ether(30))).to.equal(id);
      const tx = manager.connect(alice).queueWithdrawal(lst, ether(30));
      await expect(tx)
        .to.emit(manager, "WithdrawalQueued")
        .withArgs(
          id,
          alice.address,
          operator.address,
          await lst.getAddress(),
          ether(30),
          ether(30),
          ether(30),
        )
        .and.to.emit(manager, "OperatorSharesDecreased")
        .withArgs(operator.address, alice.address, await lst.getAddress(), ether(30));
      const queuedAt = BigInt(await time.latest());
      const withdrawal = await manager.getWithdrawal(id);
      expect([
        withdrawal.staker,
        withdrawal.delegatedTo,
        withdrawal.token,
        withdrawal.startTimestamp,
        withdrawal.completed,
        withdrawal.scaledShares,
      ]).to.deep.equal([
        alice.address,
        operator.address,
        await lst.getAddress(),
        queuedAt,
        false,
        ether(30),
      ]);
      expect(await manager.completableAt(id)).to.equal(queuedAt + DELAY);
      expect(await manager.depositShares(alice.address, lst)).to.equal(ether(70));
      expect(await manager.operatorShares(operator.address, lst)).to.equal(ether(70));
      expect(await manager.previewWithdrawal(id)).to.deep.equal([ether(30), ether(30)]);
    });

    it("queues undelegated stake with no operator: no slash can reach it", async function () {
      const { manager, lst, carol } = await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(carol).queueWithdrawal(lst, ether(10));
      const withdrawal = await manager.getWithdrawal(await manager.withdrawalCount());
      expect(withdrawal.delegatedTo).to.equal(ethers.ZeroAddress);
      expect(await manager.slashableSharesInQueue(ethers.ZeroAddress, lst)).to.equal(0n);
    });

    it("stores s·k after a slash, so the magnitude applies once, at completion", async function () {
      const { manager, lst, alice, operator, avs } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault"); // alice: 95 withdrawable
      await expect(manager.connect(alice).queueWithdrawal(lst, ether(100)))
        .to.emit(manager, "WithdrawalQueued")
        .withArgs(
          await nextWithdrawalId(manager),
          alice.address,
          operator.address,
          await lst.getAddress(),
          ether(100),
          ether(100),
          ether(95),
        );
      expect((await manager.previewWithdrawal(await manager.withdrawalCount()))[1]).to.equal(
        ether(95),
      );
    });

    describe("when the token is not a strategy", function () {
      it("reverts with StrategyNotFound", async function () {
        const { manager, alice, rewardToken } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(alice).queueWithdrawal(rewardToken, 1n))
          .to.be.revertedWithCustomError(manager, "StrategyNotFound")
          .withArgs(await rewardToken.getAddress());
      });
    });

    describe("when the shares are zero", function () {
      it("reverts with ZeroAmount", async function () {
        const { manager, alice, lst } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(alice).queueWithdrawal(lst, 0n)).to.be.revertedWithCustomError(
          manager,
          "ZeroAmount",
        );
      });
    });

    describe("when the staker holds fewer deposit shares", function () {
      it("reverts with InsufficientShares", async function () {
        const { manager, alice, lst } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(alice).queueWithdrawal(lst, ether(100) + 1n))
          .to.be.revertedWithCustomError(manager, "InsufficientShares")
          .withArgs(ether(100) + 1n, ether(100));
      });
    });

    describe("boundaries", function () {
      it("queues 1 share, and all of them", async function () {
        const { manager, alice, lst } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, 1n);
        await manager.connect(alice).queueWithdrawal(lst, ether(100) - 1n);
        expect(await manager.depositShares(alice.address, lst)).to.equal(0n);
        expect(await manager.withdrawableShares(alice.address, lst)).to.equal(0n);
      });
    });
  });

  describe("completeQueuedWithdrawal", function () {
    it("pays the tokens after the delay and burns the shares", async function () {
      const { manager, lst, alice } = await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(alice).queueWithdrawal(lst, ether(30));
      const id = await manager.withdrawalCount();
      await time.increaseTo(await manager.completableAt(id));
      const tx = manager.connect(alice).completeQueuedWithdrawal(id);
      await expect(tx)
        .to.emit(manager, "WithdrawalCompleted")
        .withArgs(id, alice.address, await lst.getAddress(), ether(30), ether(30));
      await expect(tx).to.changeTokenBalances(
        ethers,
        lst,
        [alice, manager],
        [ether(30), -ether(30)],
      );
      expect((await manager.getWithdrawal(id)).completed).to.equal(true);
      const strategy = await manager.getStrategy(lst);
      expect([strategy.totalShares, strategy.totalAssets]).to.deep.equal([ether(270), ether(270)]);
    });

    it("returns the amount paid", async function () {
      const { manager, secondToken, carol } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(carol).queueWithdrawal(secondToken, ether(5));
      const id = await manager.withdrawalCount();
      await time.increase(DELAY);
      expect(await manager.connect(carol).completeQueuedWithdrawal.staticCall(id)).to.equal(
        ether(5),
      );
    });

    describe("when the withdrawal does not exist", function () {
      it("reverts with WithdrawalNotFound, as do its views", async function () {
        const { manager, alice } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(alice).completeQueuedWithdrawal(99n))
          .to.be.revertedWithCustomError(manager, "WithdrawalNotFound")
          .withArgs(99n);
        await expect(manager.completableAt(99n)).to.be.revertedWithCustomError(
          manager,
          "WithdrawalNotFound",
        );
        await expect(manager.previewWithdrawal(99n)).to.be.revertedWithCustomError(
          manager,
          "WithdrawalNotFound",
        );
      });
    });

    describe("when the caller is not the staker", function () {
      it("reverts with NotWithdrawalStaker", async function () {
        const { manager, lst, alice, stranger } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, ether(1));
        const id = await manager.withdrawalCount();
        await time.increase(DELAY);
        await expect(manager.connect(stranger).completeQueuedWithdrawal(id))
          .to.be.revertedWithCustomError(manager, "NotWithdrawalStaker")
          .withArgs(stranger.address, alice.address);
      });
    });

    describe("when the delay has not passed", function () {
      it("reverts with WithdrawalDelayNotElapsed one second before, and pays at completableAt", async function () {
        const { manager, lst, alice } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, ether(1));
        const id = await manager.withdrawalCount();
        const completableAt = await manager.completableAt(id);
        await time.setNextBlockTimestamp(completableAt - 1n);
        await expect(manager.connect(alice).completeQueuedWithdrawal(id))
          .to.be.revertedWithCustomError(manager, "WithdrawalDelayNotElapsed")
          .withArgs(id, completableAt, completableAt - 1n);
        await time.setNextBlockTimestamp(completableAt);
        await expect(manager.connect(alice).completeQueuedWithdrawal(id)).to.emit(
          manager,
          "WithdrawalCompleted",
        );
      });
    });

    describe("when the withdrawal was already completed", function () {
      it("reverts with WithdrawalAlreadyCompleted", async function () {
        const { manager, lst, alice } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, ether(1));
        const id = await manager.withdrawalCount();
        await time.increase(DELAY);
        await manager.connect(alice).completeQueuedWithdrawal(id);
        await expect(manager.connect(alice).completeQueuedWithdrawal(id))
          .to.be.revertedWithCustomError(manager, "WithdrawalAlreadyCompleted")
          .withArgs(id);
      });
    });

    describe("boundaries", function () {
      it("pays a 1-share withdrawal 1 wei", async function () {
        const { manager, lst, alice } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, 1n);
        const id = await manager.withdrawalCount();
        await time.increase(DELAY);
        await expect(manager.connect(alice).completeQueuedWithdrawal(id)).to.changeTokenBalance(
          ethers,
          lst,
          alice,
          1n,
        );
      });

      it("pays everyone out to the last token: the strategy ends empty", async function () {
        const { manager, lst, alice, bob, carol } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        for (const staker of [alice, bob, carol])
          await manager.connect(staker).queueWithdrawal(lst, ether(100));
        const last = await manager.withdrawalCount();
        await time.increase(DELAY);
        for (const [offset, staker] of [alice, bob, carol].entries()) {
          await manager.connect(staker).completeQueuedWithdrawal(last - 2n + BigInt(offset));
        }
        const strategy = await manager.getStrategy(lst);
        expect([strategy.totalShares, strategy.totalAssets]).to.deep.equal([0n, 0n]);
        expect(await lst.balanceOf(manager)).to.equal(0n);
      });
    });
  });
});
