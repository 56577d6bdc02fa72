/**
 * Service rewards: an AVS pays an operator's delegators. The operator keeps its 10 % split, the
 * rest goes pro rata to the stake delegated at the moment of each payment; a slash does not change
 * the proportions (it lowers everyone's m alike); a withdrawal stops the queued part earning;
 * undelegated stake and other operators' delegators earn nothing. Nobody is ever paid more than
 * was paid in. INV-5 is checked after every step.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { ONE_SECOND, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { BPS, WAD, ether, expectAtMost, expectEqualWithinRounding } from "../helpers/index.js";
import { checkRestakingInvariants } from "../helpers/restaking-invariants.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { delegatedStakersFixture } = restakingFixtures(connection);

describe("Scenario: delegate, earn service rewards, claim", function () {
  it("splits each payment 10 % to the operator and the rest pro rata to its delegators", async function () {
    const {
      manager,
      secondToken,
      rewardToken,
      alice,
      bob,
      carol,
      dave,
      operator,
      otherOperator,
      avs,
      profile,
    } = await networkHelpers.loadFixture(delegatedStakersFixture);
    const stakers = [alice, bob, carol, dave, operator, otherOperator].map((s) => s.address);
    const system = { manager, stakers };
    const split = profile.operatorSplitBps; // 10 %
    const payment = ether(1000);
    const cut = (payment * split) / BPS; // 100 to the operator
    const delegatorsPart = payment - cut; // 900
    let paidIn = 0n;
    await rewardToken.mint(avs.address, ether(10_000));
    await rewardToken.connect(avs).approve(manager, ether(10_000));

    // 1. dave joins alice with 300 second tokens: alice 100, dave 300 delegated to the operator.
    await secondToken.mint(dave.address, ether(300));
    await secondToken.connect(dave).approve(manager, ether(300));
    await manager.connect(dave).depositIntoStrategy(secondToken, ether(300));
    await manager.connect(dave).delegateTo(operator.address);
    await checkRestakingInvariants(system, "1. dave delegates");

    // 2. The AVS pays 1,000: operator 100, alice 900 × 1/4 = 225, dave 900 × 3/4 = 675.
    await manager
      .connect(avs)
      .payRewards(operator.address, secondToken, rewardToken, payment, ONE_SECOND);
    await time.increase(ONE_SECOND); // the stream has run out
    paidIn += payment;
    expect(
      await manager.claimableRewards(operator.address, rewardToken),
      "2. operator: 100",
    ).to.equal(cut);
    expect(await manager.claimableRewards(alice.address, rewardToken), "2. alice: 225").to.equal(
      delegatorsPart / 4n,
    );
    expect(await manager.claimableRewards(dave.address, rewardToken), "2. dave: 675").to.equal(
      (delegatorsPart * 3n) / 4n,
    );
    expect(
      await manager.claimableRewards(bob.address, rewardToken),
      "2. bob (other operator): 0",
    ).to.equal(0n);
    expect(
      await manager.claimableRewards(carol.address, rewardToken),
      "2. carol (undelegated): 0",
    ).to.equal(0n);
    await checkRestakingInvariants(system, "2. first payment");

    // 3. A slash of 10 % of the 50 % allocation lowers both by 5 %: the next 1,000 splits the same way.
    await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
    await manager
      .connect(avs)
      .payRewards(operator.address, secondToken, rewardToken, payment, ONE_SECOND);
    await time.increase(ONE_SECOND); // the stream has run out
    paidIn += payment;
    expect(
      await manager.claimableRewards(alice.address, rewardToken),
      "3. alice: 225 + 225",
    ).to.equal((2n * delegatorsPart) / 4n);
    expect(
      await manager.claimableRewards(dave.address, rewardToken),
      "3. dave: 675 + 675",
    ).to.equal((2n * delegatorsPart * 3n) / 4n);
    await checkRestakingInvariants(system, "3. payment after a slash");

    // 4. alice queues half of her stake: 50 against dave's 300 earn the next 700 (630 after the cut).
    await manager.connect(alice).queueWithdrawal(secondToken, ether(50));
    const payment4 = ether(700);
    const delegatorsPart4 = payment4 - (payment4 * split) / BPS; // 630
    await manager
      .connect(avs)
      .payRewards(operator.address, secondToken, rewardToken, payment4, ONE_SECOND);
    await time.increase(ONE_SECOND); // the stream has run out
    paidIn += payment4;
    const aliceTotal = (2n * delegatorsPart) / 4n + delegatorsPart4 / 7n; // 450 + 90
    const daveTotal = (2n * delegatorsPart * 3n) / 4n + (delegatorsPart4 * 6n) / 7n; // 1,350 + 540
    expectEqualWithinRounding(
      await manager.claimableRewards(alice.address, rewardToken),
      aliceTotal,
      "4. alice: 540",
    );
    expectEqualWithinRounding(
      await manager.claimableRewards(dave.address, rewardToken),
      daveTotal,
      "4. dave: 1,890",
    );
    await checkRestakingInvariants(system, "4. payment after a withdrawal");

    // 5. Everyone claims; a second claim has nothing left; the manager paid out at most what came in.
    let paidOut = 0n;
    for (const earner of [alice, dave, operator]) {
      const before = await rewardToken.balanceOf(earner.address);
      await manager.connect(earner).claimRewards(rewardToken, earner.address);
      paidOut += (await rewardToken.balanceOf(earner.address)) - before;
      await expect(
        manager.connect(earner).claimRewards(rewardToken, earner.address),
        "5. no double claim",
      )
        .to.be.revertedWithCustomError(manager, "NothingToClaim")
        .withArgs(earner.address, await rewardToken.getAddress());
    }
    expect(
      await rewardToken.balanceOf(operator.address),
      "5. the operator got its 10 % of each payment",
    ).to.equal(cut * 2n + (payment4 * split) / BPS);
    expectAtMost(paidOut, paidIn, "5. claims never exceed payments");
    expectEqualWithinRounding(paidOut, paidIn, "5. and leave at most dust", 3n);
    await checkRestakingInvariants(system, "5. claims");
  });
});
