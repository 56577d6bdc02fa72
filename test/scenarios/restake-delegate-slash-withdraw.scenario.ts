/**
 * DESIGN §9 scenario 3 (AVS slashing) with real LST: an operator slashed 10 % of a 50 %
 * allocation. Its delegators lose 5 %, another operator's delegators and undelegated stake lose
 * nothing, a withdrawal queued just before the slash still pays it, and a staker who delegates
 * afterwards is whole. INV-5 and INV-7 are checked after every step.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { restakingFixtures } from "../helpers/fixtures/restaking.js";
import { WAD, ether, expectAtMost, expectEqualWithinRounding, mulDivUp } from "../helpers/index.js";
import {
  checkRestakingInvariants,
  checkSlashingLosses,
  scalingRoundingMargin,
  withdrawableSnapshot,
} from "../helpers/restaking-invariants.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { delegatedStakersFixture } = restakingFixtures(connection);

describe("Scenario: deposit, delegate, slash, withdraw (an AVS slashes 10 % of a 50 % allocation)", function () {
  it("takes 5 % from the operator's delegators and queued stake, nothing from anyone else", async function () {
    const fixture = await networkHelpers.loadFixture(delegatedStakersFixture);
    const {
      manager,
      lst,
      secondToken,
      alice,
      bob,
      carol,
      dave,
      operator,
      otherOperator,
      avs,
      avsTreasury,
      pool,
    } = fixture;
    const lstAddress = await lst.getAddress();
    const secondAddress = await secondToken.getAddress();
    const stakers = [alice, bob, carol, dave, operator, otherOperator].map((s) => s.address);
    const system = { manager, stakers };
    const delegation: Record<string, string> = {
      [alice.address]: operator.address,
      [bob.address]: otherOperator.address,
    };

    // Inputs, and the expected numbers computed from them.
    const stake = ether(100); // each of alice, bob, carol, in the LST and in the second token
    const allocation = WAD / 2n; // operator's allocation to the AVS: 50 %
    const wadToSlash = WAD / 10n; // the AVS slashes 10 % of it
    const slashedMagnitude = (allocation * wadToSlash) / WAD; // 5e16
    const lostFraction = slashedMagnitude; // of a max magnitude of 1e18: 5 %
    const queued = ether(20); // alice queues 20 LST just before the slash
    const remainingAfterSlash = ((stake - queued) * (WAD - lostFraction)) / WAD; // 76 LST
    const queuedAfterSlash = (queued * (WAD - lostFraction)) / WAD; // 19 LST
    const slashedLst = (stake * lostFraction) / WAD; // 5 LST: 4 delegated + 1 queued
    const slashedSecond = (stake * lostFraction) / WAD; // 5 second tokens

    // 1. Everyone starts with 100 withdrawable in both strategies.
    for (const staker of [alice, bob, carol]) {
      expect(
        await manager.withdrawableShares(staker.address, lstAddress),
        "1. LST shares",
      ).to.equal(stake);
      expect(
        await manager.withdrawableShares(staker.address, secondAddress),
        "1. second shares",
      ).to.equal(stake);
    }
    await checkRestakingInvariants(system, "1. deposits");

    // 2. alice sees the slash coming and queues 20 LST: the withdrawal stays slashable for 14 days.
    await manager.connect(alice).queueWithdrawal(lstAddress, queued);
    const withdrawalId = await manager.withdrawalCount();
    expect(
      await manager.withdrawableShares(alice.address, lstAddress),
      "2. alice keeps 80 LST delegated",
    ).to.equal(stake - queued);
    expect(
      await manager.slashableSharesInQueue(operator.address, lstAddress),
      "2. 20 LST slashable in the queue",
    ).to.equal(queued);
    await checkRestakingInvariants(system, "2. queue before the slash");

    // 3. The AVS slashes the operator 10 % of its 50 % allocation: m falls from 1e18 to 0.95e18.
    const before = await withdrawableSnapshot(manager, stakers);
    const treasuryBefore = await lst.balanceOf(avsTreasury.address);
    await expect(manager.connect(avs).slashOperator(operator.address, wadToSlash, "double signing"))
      .to.emit(manager, "StakeSlashed")
      .withArgs(
        operator.address,
        avs.address,
        lstAddress,
        slashedMagnitude,
        slashedLst,
        slashedLst,
        avsTreasury.address,
      );
    const after = await withdrawableSnapshot(manager, stakers);
    expect(await manager.maxMagnitude(operator.address, lstAddress), "3. m = 0.95").to.equal(
      WAD - slashedMagnitude,
    );
    expect(
      await manager.withdrawableShares(alice.address, lstAddress),
      "3. alice: 80 → 76 LST",
    ).to.equal(remainingAfterSlash);
    expect(
      await manager.withdrawableShares(alice.address, secondAddress),
      "3. alice: 100 → 95 second",
    ).to.equal(stake - slashedSecond);
    expect(
      await manager.withdrawableShares(bob.address, lstAddress),
      "3. bob (other operator) keeps 100",
    ).to.equal(stake);
    expect(
      await manager.withdrawableShares(carol.address, lstAddress),
      "3. carol (undelegated) keeps 100",
    ).to.equal(stake);
    expect(
      (await lst.balanceOf(avsTreasury.address)) - treasuryBefore,
      "3. the AVS's recipient receives 4 LST (delegated) + 1 LST (queued)",
    ).to.equal(slashedLst);
    expect(await secondToken.balanceOf(avsTreasury.address), "3. and 5 second tokens").to.equal(
      slashedSecond,
    );
    checkSlashingLosses(
      before,
      after,
      delegation,
      { [operator.address]: lostFraction },
      "3. slash",
    );
    await checkRestakingInvariants(system, "3. slash");

    // 4. dave delegates to the slashed operator after the slash: his 50 LST are whole.
    const daveStake = ether(50);
    await pool.connect(dave).deposit({ value: daveStake });
    await lst.connect(dave).approve(await manager.getAddress(), daveStake);
    await manager.connect(dave).depositIntoStrategy(lstAddress, daveStake);
    await manager.connect(dave).delegateTo(operator.address);
    const daveShares = await manager.withdrawableShares(dave.address, lstAddress);
    expectAtMost(daveShares, daveStake, "4. dave never gains from rounding");
    expectEqualWithinRounding(
      daveShares,
      daveStake,
      "4. dave is whole: 50 LST",
      scalingRoundingMargin(daveStake),
    );
    await checkRestakingInvariants(system, "4. late delegation");

    // 5. Too early: the withdrawal completes only after the 14-day delay.
    const completableAt = await manager.completableAt(withdrawalId);
    await expect(manager.connect(alice).completeQueuedWithdrawal(withdrawalId))
      .to.be.revertedWithCustomError(manager, "WithdrawalDelayNotElapsed")
      .withArgs(withdrawalId, completableAt, (await time.latest()) + 1);

    // 6. After the delay alice receives 19 LST for the 20 she queued: the queue paid the slash.
    await time.increaseTo(completableAt);
    const aliceBefore = await lst.balanceOf(alice.address);
    await manager.connect(alice).completeQueuedWithdrawal(withdrawalId);
    expect((await lst.balanceOf(alice.address)) - aliceBefore, "6. alice receives 19 LST").to.equal(
      queuedAfterSlash,
    );
    await checkRestakingInvariants(system, "6. completion");

    // 7. A slash after the delay no longer reaches the completed withdrawal; dave now pays his part.
    const before7 = await withdrawableSnapshot(manager, stakers);
    await manager.connect(avs).slashOperator(operator.address, wadToSlash, "second fault");
    const after7 = await withdrawableSnapshot(manager, stakers);
    // The allocation is now 0.45: 10 % of it is 0.045 of the initial stake, 0.045 / 0.95 of what is left.
    const secondSlash = ((allocation - slashedMagnitude) * wadToSlash) / WAD;
    const fraction7 = mulDivUp(secondSlash, WAD, WAD - slashedMagnitude); // rounded up: a bound
    checkSlashingLosses(
      before7,
      after7,
      { ...delegation, [dave.address]: operator.address },
      {
        [operator.address]: fraction7,
      },
      "7. second slash",
    );
    expectEqualWithinRounding(
      await manager.withdrawableShares(dave.address, lstAddress),
      (daveStake * (WAD - fraction7)) / WAD,
      "7. dave loses 0.045 / 0.95 of 50 LST",
      scalingRoundingMargin(daveStake),
    );
    await checkRestakingInvariants(system, "7. second slash");
  });
});
