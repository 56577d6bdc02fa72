/**
 * RestakingManager: the attacks of DESIGN §11 that reach restaking, each shown failing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { ONE_SECOND, HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { WAD, ether } from "../helpers/index.js";
import { depositLst, depositTestToken } from "./restaking-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deployRestakingFixture, delegatedStakersFixture, nativeRestakerFixture } =
  restakingFixtures(connection);

const DELAY = realistic.restakingWithdrawalDelaySeconds;

describe("RestakingManager", function () {
  describe("attacks", function () {
    describe("a donation to move a strategy's rate", function () {
      it("does not move it: the strategy counts accounted tokens, never balanceOf", async function () {
        const fixture = await networkHelpers.loadFixture(deployRestakingFixture);
        const { manager, pool, lst, alice, bob, stranger } = fixture;
        await depositLst(fixture, alice, ether(10));
        const rateBefore = await manager.sharesToUnderlying(lst, ether(1));
        await pool.connect(stranger).deposit({ value: ether(1000) });
        await lst.connect(stranger).transfer(manager, ether(1000)); // the donation
        expect(await manager.sharesToUnderlying(lst, ether(1)), "rate unchanged").to.equal(
          rateBefore,
        );
        expect((await manager.getStrategy(lst)).totalAssets, "accounted tokens unchanged").to.equal(
          ether(10),
        );
        await depositLst(fixture, bob, ether(10));
        expect(
          await manager.depositShares(bob.address, lst),
          "bob gets 10 shares for 10 LST",
        ).to.equal(ether(10));
        expect(
          await manager.withdrawableUnderlying(alice.address, lst),
          "alice did not gain",
        ).to.equal(ether(10));
      });
    });

    describe("first-depositor inflation", function () {
      it("fails: 1 wei then a large donation leaves the next depositor whole and the attacker with 1 wei", async function () {
        const { manager, secondToken, alice, stranger } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await depositTestToken(manager, secondToken, stranger, 1n); // 1 share for 1 wei
        await secondToken.mint(stranger.address, ether(1000));
        await secondToken.connect(stranger).transfer(manager, ether(1000)); // inflate the "price"
        await depositTestToken(manager, secondToken, alice, ether(10));
        expect(
          await manager.depositShares(alice.address, secondToken),
          "alice is not rounded to 0 shares",
        ).to.equal(ether(10));
        expect(
          await manager.withdrawableUnderlying(alice.address, secondToken),
          "alice keeps 10",
        ).to.equal(ether(10));
        expect(
          await manager.withdrawableUnderlying(stranger.address, secondToken),
          "the attacker keeps 1 wei",
        ).to.equal(1n);
      });

      it("cannot round a deposit to zero shares: ZeroShares reverts instead", async function () {
        const { manager, secondToken, alice } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(alice).depositIntoStrategy(secondToken, 0n))
          .to.be.revertedWithCustomError(manager, "ZeroShares")
          .withArgs(0n);
      });
    });

    describe("slashing beyond an allocation", function () {
      it("fails: 100 % of a 50 % allocation takes exactly half, and a further slash reverts", async function () {
        const { manager, lst, alice, operator, avs, avsTreasury } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(avs).slashOperator(operator.address, WAD, "everything it may take");
        expect(await manager.withdrawableShares(alice.address, lst), "alice keeps 50").to.equal(
          ether(50),
        );
        expect(await lst.balanceOf(avsTreasury.address), "the AVS took 50").to.equal(ether(50));
        await expect(manager.connect(avs).slashOperator(operator.address, WAD, "more"))
          .to.be.revertedWithCustomError(manager, "OperatorNotAllocated")
          .withArgs(operator.address, avs.address);
        await expect(
          manager.connect(avs).slashOperator(operator.address, WAD + 1n, "more than all"),
        )
          .to.be.revertedWithCustomError(manager, "InvalidWadToSlash")
          .withArgs(WAD + 1n);
      });

      it("fails across AVSs: allocations never sum above 100 %, so two AVSs cannot both take the same stake", async function () {
        const { manager, lst, alice, operator, avs, otherAvs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(
          manager.connect(operator).modifyAllocation(otherAvs.address, lst, HALF_MAGNITUDE + 1n),
        )
          .to.be.revertedWithCustomError(manager, "InsufficientMagnitude")
          .withArgs(HALF_MAGNITUDE + 1n, HALF_MAGNITUDE);
        await manager.connect(operator).modifyAllocation(otherAvs.address, lst, HALF_MAGNITUDE);
        await time.increase(realistic.allocationDelaySeconds); // the increase becomes slashable
        await manager.connect(avs).slashOperator(operator.address, WAD, "all of avs's half");
        await manager
          .connect(otherAvs)
          .slashOperator(operator.address, WAD, "all of otherAvs's half");
        expect(await manager.withdrawableShares(alice.address, lst)).to.equal(0n);
        expect(await manager.maxMagnitude(operator.address, lst)).to.equal(0n);
      });

      it("fails for an AVS the operator never allocated to", async function () {
        const { manager, operator, otherAvs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(otherAvs).slashOperator(operator.address, WAD, "not mine"))
          .to.be.revertedWithCustomError(manager, "OperatorNotAllocated")
          .withArgs(operator.address, otherAvs.address);
      });
    });

    describe("an operator allocating to its own AVS and slashing at once", function () {
      // Issue 8, finding 1: alice has 100 LST and 100 of a second token delegated to an operator that
      // allocates 50 % to an honest AVS. The operator registers a new AVS (paying itself), opts in and
      // allocates the free 50 % of both tokens to it; without a delay, a slash of 100 % in the same
      // block took 50 + 50 tokens and halved alice's stake and a withdrawal she had queued earlier.
      async function ownAvsFixture() {
        const fixture = await delegatedStakersFixture();
        const { manager, lst, secondToken, alice, operator, stranger: evilAvs } = fixture;
        await manager.connect(alice).queueWithdrawal(lst, ether(10)); // queued earlier
        const earlierId = await manager.withdrawalCount();
        await manager.connect(evilAvs).registerAVS(evilAvs.address, "own AVS, paying itself");
        await manager.connect(operator).optInToAVS(evilAvs.address);
        await manager.connect(operator).modifyAllocation(evilAvs.address, lst, HALF_MAGNITUDE);
        await manager
          .connect(operator)
          .modifyAllocation(evilAvs.address, secondToken, HALF_MAGNITUDE);
        const allocatedAt = BigInt(await time.latest());
        return { ...fixture, evilAvs, earlierId, allocatedAt };
      }

      it("fails: the new allocation is not slashable before allocationDelay, so the slash reverts and takes nothing", async function () {
        const { manager, lst, secondToken, alice, operator, evilAvs, earlierId } =
          await networkHelpers.loadFixture(ownAvsFixture);
        await expect(manager.connect(evilAvs).slashOperator(operator.address, WAD, "take it all"))
          .to.be.revertedWithCustomError(manager, "OperatorNotAllocated")
          .withArgs(operator.address, evilAvs.address);
        // 100 LST − 10 queued = 90 withdrawable; the second token and the queued 10 are whole.
        expect(await manager.withdrawableShares(alice.address, lst)).to.equal(ether(90));
        expect(await manager.withdrawableShares(alice.address, secondToken)).to.equal(ether(100));
        expect((await manager.previewWithdrawal(earlierId)).amount).to.equal(ether(10));
        expect(await lst.balanceOf(evilAvs.address)).to.equal(0n);
      });

      it("fails even at the end of the delay: delegators who leave when the allocation is announced are paid in full", async function () {
        const { manager, lst, secondToken, alice, operator, evilAvs, earlierId, allocatedAt } =
          await networkHelpers.loadFixture(ownAvsFixture);
        // Alice sees AllocationUpdated (effect in 17.5 days) and undelegates in the next block.
        await manager.connect(alice).undelegate();
        const [lstId, secondId] = [
          (await manager.withdrawalCount()) - 1n,
          await manager.withdrawalCount(),
        ];
        const leftAt = BigInt(await time.latest());
        // Her queue is out of reach 14 days after she left, before the allocation is slashable.
        expect(leftAt + DELAY).to.be.lessThan(allocatedAt + realistic.allocationDelaySeconds);
        await time.increaseTo(allocatedAt + realistic.allocationDelaySeconds);
        await manager.connect(evilAvs).slashOperator(operator.address, WAD, "take it all");
        // The slash found only the operator's own stake (none): the AVS received nothing.
        expect(await lst.balanceOf(evilAvs.address)).to.equal(0n);
        expect(await secondToken.balanceOf(evilAvs.address)).to.equal(0n);
        await expect(
          manager.connect(alice).completeQueuedWithdrawal(earlierId),
        ).to.changeTokenBalance(ethers, lst, alice, ether(10));
        await expect(manager.connect(alice).completeQueuedWithdrawal(lstId)).to.changeTokenBalance(
          ethers,
          lst,
          alice,
          ether(90),
        );
        await expect(
          manager.connect(alice).completeQueuedWithdrawal(secondId),
        ).to.changeTokenBalance(ethers, secondToken, alice, ether(100));
      });
    });

    describe("withdrawing just before a known slash", function () {
      it("does not escape it: a withdrawal queued within the delay pays the slash", async function () {
        const { manager, lst, alice, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, ether(100)); // alice saw the fault
        const id = await manager.withdrawalCount();
        await time.increase(DELAY - 2n); // the AVS slashes on the last day
        await manager
          .connect(avs)
          .slashOperator(operator.address, WAD / 10n, "the fault alice saw");
        await time.increaseTo(await manager.completableAt(id));
        await expect(manager.connect(alice).completeQueuedWithdrawal(id)).to.changeTokenBalance(
          ethers,
          lst,
          alice,
          ether(95),
        );
      });

      it("does not escape it by undelegating either", async function () {
        const { manager, secondToken, alice, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).undelegate();
        const secondId = await manager.withdrawalCount();
        await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
        await time.increase(DELAY);
        await expect(
          manager.connect(alice).completeQueuedWithdrawal(secondId),
        ).to.changeTokenBalance(ethers, secondToken, alice, ether(95));
      });

      it("does not escape it by deallocating: the magnitude stays slashable for deallocationDelay", async function () {
        const { manager, lst, alice, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, 0n);
        await time.increase(realistic.deallocationDelaySeconds - 2n);
        await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
        expect(await manager.withdrawableShares(alice.address, lst)).to.equal(ether(95));
      });
    });

    describe("completing a withdrawal early, twice, or someone else's", function () {
      it("fails with WithdrawalDelayNotElapsed, WithdrawalAlreadyCompleted and NotWithdrawalStaker", async function () {
        const { manager, lst, alice, stranger } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(alice).queueWithdrawal(lst, ether(10));
        const id = await manager.withdrawalCount();
        const completableAt = await manager.completableAt(id);
        await expect(manager.connect(alice).completeQueuedWithdrawal(id))
          .to.be.revertedWithCustomError(manager, "WithdrawalDelayNotElapsed")
          .withArgs(id, completableAt, BigInt(await time.latest()) + 1n);
        await time.increaseTo(completableAt);
        await expect(manager.connect(stranger).completeQueuedWithdrawal(id))
          .to.be.revertedWithCustomError(manager, "NotWithdrawalStaker")
          .withArgs(stranger.address, alice.address);
        await manager.connect(alice).completeQueuedWithdrawal(id);
        await expect(manager.connect(alice).completeQueuedWithdrawal(id))
          .to.be.revertedWithCustomError(manager, "WithdrawalAlreadyCompleted")
          .withArgs(id);
      });
    });

    describe("reentrancy through a token's transfer hook", function () {
      /** A strategy and reward token that calls its receiver, and a restaker that reenters from it. */
      async function hookedFixture() {
        const fixture = await deployRestakingFixture();
        const { manager, admin } = fixture;
        const hooked = await ethers.deployContract("HookedToken");
        await manager.connect(admin).addStrategy(hooked);
        await manager.connect(admin).addRewardToken(hooked);
        const attacker = await ethers.deployContract("ReentrantRestaker", [
          await manager.getAddress(),
        ]);
        await hooked.mint(attacker, ether(10));
        await attacker.enableHook(hooked);
        return { ...fixture, hooked, attacker };
      }

      it("cannot complete the same withdrawal twice from the hook", async function () {
        const { manager, hooked, attacker } = await networkHelpers.loadFixture(hookedFixture);
        await attacker.deposit(hooked, ether(10));
        await attacker.queue(hooked, ether(10));
        await time.increase(DELAY);
        await attacker.setMode(1n); // CompleteAgain
        await expect(attacker.complete()).to.be.revertedWithCustomError(
          manager,
          "ReentrancyGuardReentrantCall",
        );
        await attacker.setMode(0n);
        await attacker.complete();
        expect(await hooked.balanceOf(attacker), "paid once").to.equal(ether(10));
      });

      it("cannot claim rewards twice from the hook", async function () {
        const { manager, hooked, attacker, secondToken, operator, avs, avsTreasury } =
          await networkHelpers.loadFixture(hookedFixture);
        await manager.connect(avs).registerAVS(avsTreasury.address, "");
        await manager.connect(operator).registerAsOperator("");
        await manager.connect(operator).optInToAVS(avs.address);
        await secondToken.mint(attacker, ether(1));
        await attacker.deposit(secondToken, ether(1));
        await attacker.delegateTo(operator.address);
        await hooked.mint(avs.address, ether(100));
        await hooked.connect(avs).approve(manager, ether(100));
        await manager
          .connect(avs)
          .payRewards(operator.address, secondToken, hooked, ether(100), ONE_SECOND);
        await attacker.setMode(2n); // ClaimAgain
        await expect(attacker.claim(hooked)).to.be.revertedWithCustomError(
          manager,
          "ReentrancyGuardReentrantCall",
        );
        await attacker.setMode(0n);
        await attacker.claim(hooked);
        // It held 10 from the fixture, and receives the delegators' 90 % of 100 once.
        expect(await hooked.balanceOf(attacker), "paid once").to.equal(ether(10) + ether(90));
      });
    });

    describe("reentrancy through a native restaker's receive", function () {
      it("cannot complete the same native withdrawal twice: the pod's payment fails as a whole", async function () {
        const { manager, simulator } = await networkHelpers.loadFixture(nativeRestakerFixture);
        const owner = await ethers.deployContract("ReentrantPodOwner", [
          await manager.getAddress(),
        ]);
        await owner.createPod();
        const pod = await ethers.getContractAt("RestakingPod", await owner.pod());
        const index = await simulator.validatorCount();
        await owner.stake(ethers.id("attacker-validator"), {
          value: realistic.validatorDepositWei,
        });
        await pod.verifyWithdrawalCredentials(index);
        await owner.queueAll();
        await owner.requestExit(index);
        await time.increase(DELAY);
        await simulator.sweep(index);
        await pod.checkpoint();
        await owner.setMode(1n); // Reenter
        await expect(owner.complete()).to.be.revertedWithCustomError(pod, "ETHTransferFailed");
        expect(await pod.withdrawableRestakedETH(), "nothing left the pod").to.equal(
          realistic.validatorDepositWei,
        );
      });
    });

    describe("sniping rewards by delegating after a payment", function () {
      it("earns nothing from payments made before the delegation", async function () {
        const { manager, secondToken, rewardToken, alice, dave, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await rewardToken.mint(avs.address, ether(1000));
        await rewardToken.connect(avs).approve(manager, ether(1000));
        await manager
          .connect(avs)
          .payRewards(operator.address, secondToken, rewardToken, ether(1000), ONE_SECOND);
        await depositTestToken(manager, secondToken, dave, ether(10_000));
        await manager.connect(dave).delegateTo(operator.address);
        expect(await manager.claimableRewards(dave.address, rewardToken)).to.equal(0n);
        expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(ether(900));
      });
    });

    describe("a stranger calling every role-gated function", function () {
      it("is refused by each, with the error naming the missing role", async function () {
        const { manager, pod, lst, secondToken, rewardToken, dave, stranger, operator, avs } =
          await networkHelpers.loadFixture(nativeRestakerFixture);
        const adminRole = await manager.DEFAULT_ADMIN_ROLE();
        const pauserRole = await manager.PAUSER_ROLE();
        const asStranger = manager.connect(stranger);
        await expect(asStranger.addStrategy(rewardToken))
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, adminRole);
        await expect(asStranger.addRewardToken(lst))
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, adminRole);
        await expect(asStranger.pause())
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, pauserRole);
        await expect(asStranger.unpause())
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, pauserRole);
        await expect(asStranger.slashOperator(operator.address, WAD, ""))
          .to.be.revertedWithCustomError(manager, "NotAVS")
          .withArgs(stranger.address);
        await expect(
          asStranger.payRewards(operator.address, secondToken, rewardToken, 1n, ONE_SECOND),
        )
          .to.be.revertedWithCustomError(manager, "NotAVS")
          .withArgs(stranger.address);
        await expect(asStranger.modifyAllocation(avs.address, lst, 1n))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
        await expect(asStranger.setOperatorSplit(0n))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
        await expect(asStranger.optInToAVS(avs.address))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
        await expect(asStranger.recordBeaconChainETHBalanceUpdate(dave.address, 1n, -1n))
          .to.be.revertedWithCustomError(manager, "NotPod")
          .withArgs(stranger.address);
        await expect(
          pod.connect(stranger).stake(ethers.id("x"), { value: realistic.validatorDepositWei }),
        )
          .to.be.revertedWithCustomError(pod, "NotPodOwner")
          .withArgs(stranger.address, dave.address);
        await expect(pod.connect(stranger).requestExit(0n))
          .to.be.revertedWithCustomError(pod, "NotPodOwner")
          .withArgs(stranger.address, dave.address);
        await expect(pod.connect(stranger).withdrawRestakedBeaconChainETH(stranger.address, 1n))
          .to.be.revertedWithCustomError(pod, "NotManager")
          .withArgs(stranger.address);
        await expect(pod.connect(stranger).initialize(stranger.address))
          .to.be.revertedWithCustomError(pod, "NotManager")
          .withArgs(stranger.address);
      });
    });
  });
});
