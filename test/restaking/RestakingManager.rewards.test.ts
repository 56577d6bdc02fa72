/**
 * RestakingManager: service rewards. An AVS pays an operator's delegators in one strategy: the
 * operator's split first, the rest pro rata to delegated stake at that moment, through a
 * reward-per-weight accumulator (O(1) per payment) with per-staker debts settled whenever a
 * staker's shares change. EigenLayer's RewardsCoordinator computes the same off-chain and posts
 * Merkle roots of cumulative earnings; this on-chain accumulator is the teaching stand-in.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { restakingFixtures } from "../helpers/fixtures/restaking.js";
import {
  BPS,
  WAD,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  scalingRoundingMargin,
} from "../helpers/index.js";
import { depositTestToken } from "./restaking-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { delegatedStakersFixture } = restakingFixtures(connection);

const SPLIT = realistic.operatorSplitBps; // 10 %
const PAYMENT = ether(1000);

describe("RestakingManager", function () {
  /** Delegated stakers, and an AVS holding reward tokens it has approved to the manager. */
  async function rewardsFixture() {
    const fixture = await delegatedStakersFixture();
    const { manager, rewardToken, avs } = fixture;
    await rewardToken.mint(avs.address, ether(1_000_000));
    await rewardToken.connect(avs).approve(manager, ethers.MaxUint256);
    return fixture;
  }

  describe("payRewards", function () {
    it("takes the payment, credits the operator's split and the rest to its delegators", async function () {
      const { manager, secondToken, rewardToken, alice, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      const cut = (PAYMENT * SPLIT) / BPS; // 100
      const tx = manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      await expect(tx)
        .to.emit(manager, "RewardsPaid")
        .withArgs(
          avs.address,
          operator.address,
          await secondToken.getAddress(),
          await rewardToken.getAddress(),
          PAYMENT,
          cut,
        );
      await expect(tx).to.changeTokenBalances(
        ethers,
        rewardToken,
        [avs, manager],
        [-PAYMENT, PAYMENT],
      );
      expect(
        await manager.claimableRewards(operator.address, rewardToken),
        "operator: 10 %",
      ).to.equal(cut);
      expect(
        await manager.claimableRewards(alice.address, rewardToken),
        "alice: the other 90 %",
      ).to.equal(PAYMENT - cut);
    });

    it("shares the delegators' part pro rata to their stake at that moment", async function () {
      const { manager, secondToken, rewardToken, alice, dave, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await depositTestToken(manager, secondToken, dave, ether(300));
      await manager.connect(dave).delegateTo(operator.address);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      const delegatorsPart = PAYMENT - (PAYMENT * SPLIT) / BPS; // 900
      // alice 100, dave 300: 1/4 and 3/4 of 900.
      expectEqualWithinRounding(
        await manager.claimableRewards(alice.address, rewardToken),
        delegatorsPart / 4n,
        "alice",
      );
      expectEqualWithinRounding(
        await manager.claimableRewards(dave.address, rewardToken),
        (delegatorsPart * 3n) / 4n,
        "dave",
      );
    });

    it("is pro rata to withdrawable stake after a slash: the slash lowers everyone's m alike", async function () {
      const { manager, secondToken, rewardToken, alice, dave, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault"); // alice: 95
      await depositTestToken(manager, secondToken, dave, ether(95));
      await manager.connect(dave).delegateTo(operator.address); // dave: 95, joined after the slash
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      const half = (PAYMENT - (PAYMENT * SPLIT) / BPS) / 2n;
      // Both hold 95 withdrawable; dave's k = 1 / 0.95 is rounded down, which moves a few wei.
      const aliceRewards = await manager.claimableRewards(alice.address, rewardToken);
      const daveRewards = await manager.claimableRewards(dave.address, rewardToken);
      expectEqualWithinRounding(aliceRewards, half, "alice", scalingRoundingMargin(half));
      expectEqualWithinRounding(daveRewards, half, "dave", scalingRoundingMargin(half));
      expectAtMost(
        aliceRewards + daveRewards,
        2n * half,
        "the delegators never share more than their part",
      );
    });

    it("gives undelegated stake and another operator's delegators nothing", async function () {
      const { manager, secondToken, rewardToken, bob, carol, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      expect(await manager.claimableRewards(bob.address, rewardToken)).to.equal(0n);
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(0n);
    });

    it("keeps what a staker earned when its shares change, and pays later rewards on the new stake", async function () {
      const { manager, secondToken, rewardToken, alice, dave, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await depositTestToken(manager, secondToken, dave, ether(100));
      await manager.connect(dave).delegateTo(operator.address);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT); // 450 each
      await depositTestToken(manager, secondToken, alice, ether(200)); // alice 300, dave 100
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT); // 675 / 225
      expectEqualWithinRounding(
        await manager.claimableRewards(alice.address, rewardToken),
        ether(450 + 675),
        "alice",
      );
      expectEqualWithinRounding(
        await manager.claimableRewards(dave.address, rewardToken),
        ether(450 + 225),
        "dave",
      );
    });

    it("stops paying queued shares: a withdrawal leaves the operator's stake", async function () {
      const { manager, secondToken, rewardToken, alice, carol, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(carol).delegateTo(operator.address);
      await manager.connect(carol).queueWithdrawal(secondToken, ether(100));
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(0n);
      expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(ether(900));
    });

    it("stops paying a staker who undelegated, and keeps what it had earned", async function () {
      const { manager, secondToken, rewardToken, alice, carol, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(carol).delegateTo(operator.address);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT); // 450 each
      await manager.connect(carol).undelegate();
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT); // alice 900
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(ether(450));
      expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(ether(450 + 900));
    });

    it("lets a staker who earned with one operator move to another holding nothing there, then deposit and earn", async function () {
      const { manager, secondToken, rewardToken, bob, carol, operator, otherOperator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(carol).delegateTo(operator.address);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT); // carol 450
      await manager.connect(carol).claimRewards(rewardToken, carol.address);
      await manager.connect(carol).undelegate(); // no second tokens left in the manager
      await manager.connect(carol).delegateTo(otherOperator.address);
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(0n);
      await depositTestToken(manager, secondToken, carol, ether(100)); // bob 100, carol 100
      await manager
        .connect(avs)
        .payRewards(otherOperator.address, secondToken, rewardToken, PAYMENT);
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(ether(450));
      expect(await manager.claimableRewards(bob.address, rewardToken)).to.equal(ether(450));
    });

    describe("when the caller is not an AVS", function () {
      it("reverts with NotAVS", async function () {
        const { manager, secondToken, rewardToken, operator, stranger } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager.connect(stranger).payRewards(operator.address, secondToken, rewardToken, PAYMENT),
        )
          .to.be.revertedWithCustomError(manager, "NotAVS")
          .withArgs(stranger.address);
      });
    });

    describe("when the operator has not opted in to the AVS", function () {
      it("reverts with NotOptedIn", async function () {
        const { manager, secondToken, rewardToken, stranger, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager.connect(avs).payRewards(stranger.address, secondToken, rewardToken, PAYMENT),
        )
          .to.be.revertedWithCustomError(manager, "NotOptedIn")
          .withArgs(stranger.address, avs.address);
      });
    });

    describe("when the reward token was not accepted", function () {
      it("reverts with RewardTokenNotAllowed", async function () {
        const { manager, secondToken, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager.connect(avs).payRewards(operator.address, secondToken, secondToken, PAYMENT),
        )
          .to.be.revertedWithCustomError(manager, "RewardTokenNotAllowed")
          .withArgs(await secondToken.getAddress());
      });
    });

    describe("when the amount is zero", function () {
      it("reverts with ZeroAmount", async function () {
        const { manager, secondToken, rewardToken, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, 0n),
        ).to.be.revertedWithCustomError(manager, "ZeroAmount");
      });
    });

    describe("when nobody is delegated to the operator in that strategy", function () {
      it("reverts with NoDelegatedStake", async function () {
        const { manager, rewardToken, beaconChainETH, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager.connect(avs).payRewards(operator.address, beaconChainETH, rewardToken, PAYMENT),
        )
          .to.be.revertedWithCustomError(manager, "NoDelegatedStake")
          .withArgs(operator.address, beaconChainETH);
      });
    });

    describe("boundaries", function () {
      for (const split of [0n, BPS]) {
        it(`gives the operator ${split} bps and the delegators the rest`, async function () {
          const { manager, secondToken, rewardToken, alice, operator, avs } =
            await networkHelpers.loadFixture(rewardsFixture);
          await manager.connect(operator).setOperatorSplit(split);
          await time.increase(realistic.restakingWithdrawalDelaySeconds);
          await manager
            .connect(avs)
            .payRewards(operator.address, secondToken, rewardToken, PAYMENT);
          const cut = (PAYMENT * split) / BPS;
          expect(await manager.claimableRewards(operator.address, rewardToken)).to.equal(cut);
          expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(
            PAYMENT - cut,
          );
        });
      }

      it("never pays out more than was paid in, even for 1 wei", async function () {
        const { manager, secondToken, rewardToken, alice, dave, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await depositTestToken(manager, secondToken, dave, ether(200));
        await manager.connect(dave).delegateTo(operator.address);
        await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, 1n);
        const total =
          (await manager.claimableRewards(alice.address, rewardToken)) +
          (await manager.claimableRewards(dave.address, rewardToken)) +
          (await manager.claimableRewards(operator.address, rewardToken));
        expectAtMost(total, 1n, "claims after a 1-wei payment");
      });
    });
  });

  describe("claimRewards", function () {
    it("sends the accrued rewards to the recipient and zeroes them", async function () {
      const { manager, secondToken, rewardToken, alice, operator, avs, carol } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      const tx = manager.connect(alice).claimRewards(rewardToken, carol.address);
      await expect(tx)
        .to.emit(manager, "RewardsClaimed")
        .withArgs(alice.address, await rewardToken.getAddress(), carol.address, ether(900));
      await expect(tx).to.changeTokenBalances(
        ethers,
        rewardToken,
        [manager, carol],
        [-ether(900), ether(900)],
      );
      expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(0n);
    });

    it("pays the operator its split", async function () {
      const { manager, secondToken, rewardToken, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      await expect(
        manager.connect(operator).claimRewards(rewardToken, operator.address),
      ).to.changeTokenBalance(ethers, rewardToken, operator, ether(100));
    });

    it("lets an undelegated staker claim what it earned before leaving", async function () {
      const { manager, secondToken, rewardToken, alice, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
      await manager.connect(alice).undelegate();
      await expect(
        manager.connect(alice).claimRewards(rewardToken, alice.address),
      ).to.changeTokenBalance(ethers, rewardToken, alice, ether(900));
    });

    describe("when the recipient is the zero address", function () {
      it('reverts with ZeroAddress("recipient")', async function () {
        const { manager, rewardToken, alice } = await networkHelpers.loadFixture(rewardsFixture);
        await expect(manager.connect(alice).claimRewards(rewardToken, ethers.ZeroAddress))
          .to.be.revertedWithCustomError(manager, "ZeroAddress")
          .withArgs("recipient");
      });
    });

    describe("when there is nothing to claim, or it was claimed already", function () {
      it("reverts with NothingToClaim", async function () {
        const { manager, secondToken, rewardToken, alice, carol, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(manager.connect(carol).claimRewards(rewardToken, carol.address))
          .to.be.revertedWithCustomError(manager, "NothingToClaim")
          .withArgs(carol.address, await rewardToken.getAddress());
        await manager.connect(avs).payRewards(operator.address, secondToken, rewardToken, PAYMENT);
        await manager.connect(alice).claimRewards(rewardToken, alice.address);
        await expect(manager.connect(alice).claimRewards(rewardToken, alice.address))
          .to.be.revertedWithCustomError(manager, "NothingToClaim")
          .withArgs(alice.address, await rewardToken.getAddress());
      });
    });
  });
});
