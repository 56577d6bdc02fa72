/**
 * RestakingManager: service rewards. An AVS pays an operator's delegators in one strategy over a
 * duration: the operator's split at once, the rest streamed pro rata to delegated stake × time,
 * through a reward-per-weight accumulator (O(1) per payment) with per-staker debts settled
 * whenever a staker's shares change. Tests about a payment's split use a one-second stream. EigenLayer's RewardsCoordinator computes the same off-chain and posts
 * Merkle roots of cumulative earnings; this on-chain accumulator is the teaching stand-in.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { ONE_SECOND, restakingFixtures } from "../helpers/fixtures/restaking.js";
import {
  BPS,
  DAY,
  WAD,
  ether,
  mulDiv,
  expectAtMost,
  expectEqualWithinRounding,
  scalingRoundingMargin,
} from "../helpers/index.js";
import { depositLst, depositTestToken } from "./restaking-helpers.js";

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
      const end = BigInt(await time.latest()) + 1n + ONE_SECOND; // paid in the next block, for 1 s
      const tx = manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await expect(tx)
        .to.emit(manager, "RewardsPaid")
        .withArgs(
          avs.address,
          operator.address,
          await secondToken.getAddress(),
          await rewardToken.getAddress(),
          PAYMENT,
          cut,
          ONE_SECOND,
          end,
        );
      await time.increase(ONE_SECOND); // the stream has run out
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
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
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
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
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
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
      expect(await manager.claimableRewards(bob.address, rewardToken)).to.equal(0n);
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(0n);
    });

    it("keeps what a staker earned when its shares change, and pays later rewards on the new stake", async function () {
      const { manager, secondToken, rewardToken, alice, dave, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await depositTestToken(manager, secondToken, dave, ether(100));
      await manager.connect(dave).delegateTo(operator.address);
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND); // 450 each
      await time.increase(ONE_SECOND); // the stream has run out
      await depositTestToken(manager, secondToken, alice, ether(200)); // alice 300, dave 100
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND); // 675 / 225
      await time.increase(ONE_SECOND); // the stream has run out
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
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(0n);
      expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(ether(900));
    });

    it("stops paying a staker who undelegated, and keeps what it had earned", async function () {
      const { manager, secondToken, rewardToken, alice, carol, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(carol).delegateTo(operator.address);
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND); // 450 each
      await time.increase(ONE_SECOND); // the stream has run out
      await manager.connect(carol).undelegate();
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND); // alice 900
      await time.increase(ONE_SECOND); // the stream has run out
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(ether(450));
      expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(ether(450 + 900));
    });

    it("lets a staker who earned with one operator move to another holding nothing there, then deposit and earn", async function () {
      const { manager, secondToken, rewardToken, bob, carol, operator, otherOperator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager.connect(carol).delegateTo(operator.address);
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND); // carol 450
      await time.increase(ONE_SECOND); // the stream has run out
      await manager.connect(carol).claimRewards(rewardToken, carol.address);
      await manager.connect(carol).undelegate(); // no second tokens left in the manager
      await manager.connect(carol).delegateTo(otherOperator.address);
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(0n);
      await depositTestToken(manager, secondToken, carol, ether(100)); // bob 100, carol 100
      await manager
        .connect(avs)
        .payRewards(otherOperator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
      expect(await manager.claimableRewards(carol.address, rewardToken)).to.equal(ether(450));
      expect(await manager.claimableRewards(bob.address, rewardToken)).to.equal(ether(450));
    });

    describe("when the payment is streamed over a duration", function () {
      const DURATION = 30n * DAY;
      const REWARD_PRECISION = 10n ** 27n;

      /**
       * A reference model of one reward stream (DESIGN §6): what is left is released linearly until
       * the end, pro rata to the weight delegated meanwhile, each step rounded down as on chain.
       */
      class StreamModel {
        rewardPerWeight = 0n;
        constructor(
          public remaining: bigint,
          public last: bigint,
          public end: bigint,
        ) {}
        /** Releases what is due at `now` to `totalWeight`; returns the accumulator. */
        update(now: bigint, totalWeight: bigint): bigint {
          if (this.remaining === 0n || now <= this.last) return this.rewardPerWeight;
          const released =
            now >= this.end
              ? this.remaining
              : mulDiv(this.remaining, now - this.last, this.end - this.last);
          this.remaining -= released;
          this.rewardPerWeight += mulDiv(released, REWARD_PRECISION, totalWeight);
          this.last = now;
          return this.rewardPerWeight;
        }
      }
      const earned = (weight: bigint, from: bigint, to: bigint) =>
        mulDiv(weight, to - from, REWARD_PRECISION);
      const blockTime = async (
        tx: Promise<{ wait(): Promise<{ blockNumber: number } | null> }>,
      ) => {
        const receipt = (await (await tx).wait())!;
        return BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
      };

      it("pays a staker who delegates just before a payment only for the time it stays (issue 8, finding 2)", async function () {
        // Alice has 100 LST delegated; dave deposits 900 LST and delegates in the block before the
        // AVS pays 1,000 reward tokens over 30 days, then claims and queues his exit. Paid at once,
        // dave took 810 and alice 90; streamed, dave earns two seconds' worth and alice the rest.
        const { manager, pool, lst, rewardToken, alice, dave, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await depositLst({ manager, pool, lst }, dave, ether(900));
        await manager.connect(dave).delegateTo(operator.address);
        const [aliceWeight, daveWeight] = [ether(100), ether(900)];
        const t0 = await blockTime(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DURATION),
        );
        const cut = (PAYMENT * SPLIT) / BPS; // 100 to the operator, at once
        const model = new StreamModel(PAYMENT - cut, t0, t0 + DURATION);
        const t1 = await blockTime(manager.connect(dave).claimRewards(rewardToken, dave.address));
        const rpw1 = model.update(t1, aliceWeight + daveWeight);
        const t2 = await blockTime(manager.connect(dave).queueWithdrawal(lst, ether(900)));
        const rpw2 = model.update(t2, aliceWeight + daveWeight);
        const daveEarned = earned(daveWeight, 0n, rpw1) + earned(daveWeight, rpw1, rpw2);
        await time.increaseTo(t0 + DURATION);
        const rpwEnd = model.update(t0 + DURATION, aliceWeight);
        const aliceEarned = earned(aliceWeight, 0n, rpwEnd);
        expect(
          (await rewardToken.balanceOf(dave.address)) +
            (await manager.claimableRewards(dave.address, rewardToken)),
          "dave: 900 × 90 % × 2 s / 30 days",
        ).to.equal(daveEarned);
        expect(daveEarned, "about 0.000625 tokens, not 810").to.be.lessThan(ether("0.001"));
        expect(
          await manager.claimableRewards(alice.address, rewardToken),
          "alice: the rest of the 900",
        ).to.equal(aliceEarned);
        expect(aliceEarned, "alice keeps what she earned").to.be.greaterThan(ether("899.99"));
        expect(await manager.claimableRewards(operator.address, rewardToken)).to.equal(cut);
      });

      it("pays a staker who stays half the period half of its pro-rata share", async function () {
        const { manager, pool, lst, rewardToken, alice, dave, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await depositLst({ manager, pool, lst }, dave, ether(900));
        await manager.connect(dave).delegateTo(operator.address);
        const t0 = await blockTime(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DURATION),
        );
        const model = new StreamModel(PAYMENT - (PAYMENT * SPLIT) / BPS, t0, t0 + DURATION);
        await time.setNextBlockTimestamp(t0 + DURATION / 2n);
        await manager.connect(dave).queueWithdrawal(lst, ether(900));
        const rpwHalf = model.update(t0 + DURATION / 2n, ether(1000));
        await time.increaseTo(t0 + DURATION);
        const rpwEnd = model.update(t0 + DURATION, ether(100));
        // dave: 900 × 9/10 of the first half = 405; alice: 45 + 450 = 495.
        const daveEarned = earned(ether(900), 0n, rpwHalf);
        const aliceEarned = earned(ether(100), 0n, rpwEnd);
        expect(await manager.claimableRewards(dave.address, rewardToken)).to.equal(daveEarned);
        expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(aliceEarned);
        expectEqualWithinRounding(daveEarned, ether(405), "dave ≈ 405");
        expectEqualWithinRounding(aliceEarned, ether(495), "alice ≈ 495");
      });

      it("joins a payment made while one streams, both streaming until the later end", async function () {
        const { manager, lst, rewardToken, alice, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        const t0 = await blockTime(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DURATION),
        );
        await time.setNextBlockTimestamp(t0 + DURATION / 3n);
        // A second payment asking for 1 second cannot speed up the first: both end at t0 + 30 days.
        await manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, 1n);
        const released = mulDiv(ether(900), DURATION / 3n, DURATION); // 300 of the first 900
        const stream = await manager.getRewardStream(operator.address, lst, rewardToken);
        expect([stream.remaining, stream.lastUpdateTimestamp, stream.endTimestamp]).to.deep.equal([
          ether(900) - released + ether(900),
          t0 + DURATION / 3n,
          t0 + DURATION,
        ]);
        await time.increaseTo(t0 + DURATION);
        expectEqualWithinRounding(
          await manager.claimableRewards(alice.address, rewardToken),
          ether(1800),
          "alice, the only delegator, earns both payments by the end",
        );
      });

      it("does not let a small payment stretch a running stream: the joined stream keeps its rate", async function () {
        // Any AVS the operator opted in to (its own, a competitor) pays 1 wei over a year into a 30-day
        // stream of 900: joined "until the later end", the 900 would stream over the year and a
        // delegator who leaves on day 30 would take a twelfth of its share.
        const { manager, lst, rewardToken, alice, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        const t0 = await blockTime(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DURATION),
        );
        const tJoin = t0 + DURATION / 3n;
        await time.setNextBlockTimestamp(tJoin);
        await manager.connect(avs).payRewards(operator.address, lst, rewardToken, 1n, 365n * DAY);
        const remaining = ether(900) - mulDiv(ether(900), DURATION / 3n, DURATION); // 600
        // At most the end that keeps the running rate: now + (600 + 1 wei) × 20 days / 600, rounded
        // down: the running end, to the second.
        const sameRateEnd = tJoin + mulDiv(remaining + 1n, t0 + DURATION - tJoin, remaining);
        expect(sameRateEnd).to.equal(t0 + DURATION);
        const stream = await manager.getRewardStream(operator.address, lst, rewardToken);
        expect([stream.remaining, stream.endTimestamp]).to.deep.equal([
          remaining + 1n,
          sameRateEnd,
        ]);
        await time.increaseTo(t0 + DURATION);
        expectEqualWithinRounding(
          await manager.claimableRewards(alice.address, rewardToken),
          ether(900) + 1n,
          "alice, the only delegator, earns the 900 by day 30",
        );
      });

      it("streams a longer payment joining a running one at the running rate, never slower", async function () {
        // 600 left of the first payment over 20 days (30 a day); a second payment of 100 over 60 days
        // adds 90 (the operator keeps 10): the 690 stream at 30 a day, ending 23 days after the join.
        const { manager, lst, rewardToken, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        const t0 = await blockTime(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DURATION),
        );
        const tJoin = t0 + DURATION / 3n;
        await time.setNextBlockTimestamp(tJoin);
        const second = ether(100);
        const joined = second - (second * SPLIT) / BPS; // 90
        await expect(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, second, 60n * DAY),
        ).to.emit(manager, "RewardsPaid");
        const remaining = ether(600);
        const end = tJoin + mulDiv(remaining + joined, t0 + DURATION - tJoin, remaining);
        expect(end).to.equal(tJoin + 23n * DAY);
        const stream = await manager.getRewardStream(operator.address, lst, rewardToken);
        expect([stream.remaining, stream.endTimestamp]).to.deep.equal([remaining + joined, end]);
      });

      it("pauses while nobody is delegated: the time with no stake earns nobody anything", async function () {
        const { manager, lst, rewardToken, alice, carol, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        const t0 = await blockTime(
          manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DURATION),
        );
        await time.setNextBlockTimestamp(t0 + DURATION / 2n);
        await manager.connect(alice).undelegate(); // 450 earned; nobody left in the LST strategy
        await time.setNextBlockTimestamp(t0 + DURATION);
        await manager.connect(carol).delegateTo(operator.address); // 15 days later
        const stream = await manager.getRewardStream(operator.address, lst, rewardToken);
        expect(stream.remaining, "the second half is still to stream").to.equal(ether(450));
        expect(stream.endTimestamp, "its end moved by the 15 days paused").to.equal(
          t0 + DURATION + DURATION / 2n,
        );
        expect(await manager.claimableRewards(alice.address, rewardToken)).to.equal(ether(450));
        await time.increaseTo(t0 + DURATION + DURATION / 2n);
        expectEqualWithinRounding(
          await manager.claimableRewards(carol.address, rewardToken),
          ether(450),
          "carol earns the second half over its 15 days",
        );
      });

      describe("when the duration is 0 or longer than MAX_REWARDS_DURATION", function () {
        it("reverts with InvalidRewardsDuration", async function () {
          const { manager, lst, rewardToken, operator, avs } =
            await networkHelpers.loadFixture(rewardsFixture);
          const max = await manager.MAX_REWARDS_DURATION();
          expect(max).to.equal(365n * DAY);
          for (const duration of [0n, max + 1n]) {
            await expect(
              manager
                .connect(avs)
                .payRewards(operator.address, lst, rewardToken, PAYMENT, duration),
            )
              .to.be.revertedWithCustomError(manager, "InvalidRewardsDuration")
              .withArgs(duration, max);
          }
          await manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, max);
        });
      });
    });

    describe("when the caller is not an AVS", function () {
      it("reverts with NotAVS", async function () {
        const { manager, secondToken, rewardToken, operator, stranger } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager
            .connect(stranger)
            .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND),
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
          manager
            .connect(avs)
            .payRewards(stranger.address, secondToken, rewardToken, PAYMENT, ONE_SECOND),
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
          manager
            .connect(avs)
            .payRewards(operator.address, secondToken, secondToken, PAYMENT, ONE_SECOND),
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
          manager
            .connect(avs)
            .payRewards(operator.address, secondToken, rewardToken, 0n, ONE_SECOND),
        ).to.be.revertedWithCustomError(manager, "ZeroAmount");
      });
    });

    describe("when nobody is delegated to the operator in that strategy", function () {
      it("reverts with NoDelegatedStake", async function () {
        const { manager, rewardToken, beaconChainETH, operator, avs } =
          await networkHelpers.loadFixture(rewardsFixture);
        await expect(
          manager
            .connect(avs)
            .payRewards(operator.address, beaconChainETH, rewardToken, PAYMENT, ONE_SECOND),
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
            .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
          await time.increase(ONE_SECOND); // the stream has run out
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
        await manager
          .connect(avs)
          .payRewards(operator.address, secondToken, rewardToken, 1n, ONE_SECOND);
        await time.increase(ONE_SECOND); // the stream has run out
        const total =
          (await manager.claimableRewards(alice.address, rewardToken)) +
          (await manager.claimableRewards(dave.address, rewardToken)) +
          (await manager.claimableRewards(operator.address, rewardToken));
        expectAtMost(total, 1n, "claims after a 1-wei payment");
      });
    });
  });

  describe("operatorStrategyState", function () {
    it("gives the magnitude, the last slash and the latest end of the operator's reward streams", async function () {
      const { manager, lst, rewardToken, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      expect(await manager.operatorStrategyState(operator.address, lst)).to.deep.equal([
        WAD,
        0n,
        0n,
      ]);
      const duration = 30n * DAY;
      await time.setNextBlockTimestamp(BigInt(await time.latest()) + 10n);
      await manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, duration);
      const t0 = BigInt(await time.latest());
      // A shorter payment joins the stream and ends with it; nothing ends later.
      await manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, DAY);
      expect(await manager.operatorStrategyState(operator.address, lst)).to.deep.equal([
        WAD,
        0n,
        t0 + duration,
      ]);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      const slashedAt = BigInt(await time.latest());
      // 10 % of a 50 % allocation, rounded up: m = 0.95.
      const magnitude = WAD - WAD / 20n;
      expect(await manager.operatorStrategyState(operator.address, lst)).to.deep.equal([
        magnitude,
        slashedAt,
        t0 + duration,
      ]);
      expect(await manager.latestMaxMagnitude(operator.address, lst)).to.deep.equal([
        magnitude,
        slashedAt,
      ]);
      expect(await manager.maxMagnitude(operator.address, lst)).to.equal(magnitude);
    });

    it("moves the streams' end on while a stream pauses with nobody delegated", async function () {
      const { manager, lst, rewardToken, alice, carol, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      const duration = 30n * DAY;
      await manager.connect(avs).payRewards(operator.address, lst, rewardToken, PAYMENT, duration);
      const t0 = BigInt(await time.latest());
      await time.setNextBlockTimestamp(t0 + duration / 2n);
      await manager.connect(alice).undelegate(); // nobody left in the LST strategy
      await time.setNextBlockTimestamp(t0 + duration);
      await manager.connect(carol).delegateTo(operator.address); // 15 days paused
      const [, , rewardsActiveUntil] = await manager.operatorStrategyState(operator.address, lst);
      expect(rewardsActiveUntil).to.equal(t0 + duration + duration / 2n);
    });
  });

  describe("claimRewards", function () {
    it("sends the accrued rewards to the recipient and zeroes them", async function () {
      const { manager, secondToken, rewardToken, alice, operator, avs, carol } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
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
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
      await expect(
        manager.connect(operator).claimRewards(rewardToken, operator.address),
      ).to.changeTokenBalance(ethers, rewardToken, operator, ether(100));
    });

    it("lets an undelegated staker claim what it earned before leaving", async function () {
      const { manager, secondToken, rewardToken, alice, operator, avs } =
        await networkHelpers.loadFixture(rewardsFixture);
      await manager
        .connect(avs)
        .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
      await time.increase(ONE_SECOND); // the stream has run out
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
        await manager
          .connect(avs)
          .payRewards(operator.address, secondToken, rewardToken, PAYMENT, ONE_SECOND);
        await time.increase(ONE_SECOND); // the stream has run out
        await manager.connect(alice).claimRewards(rewardToken, alice.address);
        await expect(manager.connect(alice).claimRewards(rewardToken, alice.address))
          .to.be.revertedWithCustomError(manager, "NothingToClaim")
          .withArgs(alice.address, await rewardToken.getAddress());
      });
    });
  });
});
