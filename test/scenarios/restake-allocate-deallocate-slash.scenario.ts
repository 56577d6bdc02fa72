/**
 * An operator lowers its allocation to an AVS from 50 % to 10 % and the AVS slashes inside the
 * deallocation delay: the slash still reaches the old 50 % (the stake was slashable when the fault
 * happened), and the pending deallocation shrinks in the same proportion. After the delay only
 * the new allocation is slashable. INV-5 and INV-7 are checked after every step.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { DAY, WAD, ether, expectEqualWithinRounding, mulDivUp } from "../helpers/index.js";
import {
  checkRestakingInvariants,
  checkSlashingLosses,
  withdrawableSnapshot,
} from "../helpers/restaking-invariants.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { delegatedStakersFixture } = restakingFixtures(connection);

describe("Scenario: allocate, deallocate, slash inside the delay, slash after it", function () {
  it("slashes the old allocation until the deallocation takes effect, the new one after", async function () {
    const { manager, lst, secondToken, alice, bob, carol, operator, otherOperator, avs, otherAvs } =
      await networkHelpers.loadFixture(delegatedStakersFixture);
    const lstAddress = await lst.getAddress();
    const stakers = [alice, bob, carol, operator, otherOperator].map((s) => s.address);
    const system = { manager, stakers };
    const delegation = { [alice.address]: operator.address, [bob.address]: otherOperator.address };

    const stake = ether(100);
    const lowered = WAD / 10n; // the operator lowers its 50 % allocation to 10 %
    const wadToSlash = WAD / 10n;
    const slashed1 = (HALF_MAGNITUDE * wadToSlash) / WAD; // 10 % of the old 50 %: 0.05
    const m1 = WAD - slashed1; // 0.95
    const pending1 = ((HALF_MAGNITUDE - lowered) * (WAD - wadToSlash)) / WAD; // 0.4 → 0.36
    const allocationAfterDelay = HALF_MAGNITUDE - slashed1 - pending1; // 0.45 − 0.36 = 0.09
    const slashed2 = (allocationAfterDelay * wadToSlash) / WAD; // 0.009
    const m2 = m1 - slashed2; // 0.941

    // 1. The operator lowers its LST allocation to the AVS to 10 %: pending for 14 days.
    await manager.connect(operator).modifyAllocation(avs.address, lstAddress, lowered);
    const effect = BigInt(await time.latest()) + realistic.deallocationDelaySeconds;
    let allocation = await manager.getAllocation(operator.address, avs.address, lstAddress);
    expect(allocation.currentMagnitude, "1. still 50 % slashable").to.equal(HALF_MAGNITUDE);
    expect(allocation.effectTimestamp, "1. effective in 14 days").to.equal(effect);
    await checkRestakingInvariants(system, "1. deallocation queued");

    // 2. Seven days later the AVS slashes 10 %: of the old 50 %, so m = 0.95 and alice keeps 95.
    await time.increase(7n * DAY);
    const before = await withdrawableSnapshot(manager, stakers);
    await manager
      .connect(avs)
      .slashOperator(operator.address, wadToSlash, "fault during the deallocation");
    const after = await withdrawableSnapshot(manager, stakers);
    expect(await manager.maxMagnitude(operator.address, lstAddress), "2. m = 0.95").to.equal(m1);
    expect(await manager.withdrawableShares(alice.address, lstAddress), "2. alice: 95").to.equal(
      (stake * m1) / WAD,
    );
    allocation = await manager.getAllocation(operator.address, avs.address, lstAddress);
    expect(allocation.currentMagnitude, "2. allocation 0.45").to.equal(HALF_MAGNITUDE - slashed1);
    expect(allocation.pendingDiff, "2. the pending deallocation shrinks to 0.36").to.equal(
      -pending1,
    );
    checkSlashingLosses(
      before,
      after,
      delegation,
      { [operator.address]: slashed1 },
      "2. slash in the delay",
    );
    await checkRestakingInvariants(system, "2. slash in the delay");

    // 3. After the delay the deallocation applies: 0.09 allocated, 0.86 free for another AVS.
    await time.increaseTo(effect);
    await manager.clearDeallocation(operator.address, avs.address, lstAddress);
    expect(
      await manager.encumberedMagnitude(operator.address, lstAddress),
      "3. 0.09 encumbered",
    ).to.equal(allocationAfterDelay);
    await manager
      .connect(operator)
      .modifyAllocation(otherAvs.address, lstAddress, m1 - allocationAfterDelay);
    expect(
      await manager.encumberedMagnitude(operator.address, lstAddress),
      "3. fully allocated again",
    ).to.equal(m1);
    await checkRestakingInvariants(system, "3. deallocation applied");

    // 4. A slash of 10 % now takes 10 % of 0.09 = 0.009: alice 95 → 94.1.
    const before4 = await withdrawableSnapshot(manager, stakers);
    await manager.connect(avs).slashOperator(operator.address, wadToSlash, "fault after the delay");
    const after4 = await withdrawableSnapshot(manager, stakers);
    expect(await manager.maxMagnitude(operator.address, lstAddress), "4. m = 0.941").to.equal(m2);
    expectEqualWithinRounding(
      await manager.withdrawableShares(alice.address, lstAddress),
      (stake * m2) / WAD,
      "4. alice: 94.1",
    );
    // The second-token allocation (50 %, never lowered) loses 10 % of its 0.45: 0.045 of 0.95.
    const secondAddress = await secondToken.getAddress();
    checkSlashingLosses(
      before4,
      after4,
      delegation,
      {
        [operator.address]: {
          [lstAddress]: mulDivUp(slashed2, WAD, m1),
          [secondAddress]: mulDivUp(((HALF_MAGNITUDE - slashed1) * wadToSlash) / WAD, WAD, m1),
        },
      },
      "4. slash after the delay",
    );
    await checkRestakingInvariants(system, "4. slash after the delay");
  });
});
