/**
 * DESIGN §9 scenario 4 on native restaking: dave restakes a 32 ETH validator through his pod and
 * delegates to an operator that allocates 50 % to an AVS. The consensus layer slashes the
 * validator (post-Pectra initial penalty 32/4096, correlation penalty at withdrawal) and the AVS
 * slashes the operator 10 % of its allocation. The two losses multiply in `a = s·k·m·l`: the
 * beacon chain factor `l` carries the first, the operator's magnitude `m` the second. Consensus
 * rewards are off (APR 0) so that every number is exact. INV-5 and INV-7 are checked after every step.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
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
const { nativeRestakerFixture } = restakingFixtures(connection);

describe("Scenario: native restaking, consensus-layer slashing, AVS slashing, withdrawal", function () {
  it("multiplies the two losses and pays the rest in ETH from the pod", async function () {
    const {
      manager,
      pod,
      simulator,
      teacher,
      dave,
      operator,
      avs,
      avsTreasury,
      beaconChainETH,
      validatorIndex,
      profile,
    } = await networkHelpers.loadFixture(nativeRestakerFixture);
    const system = {
      manager,
      stakers: [dave.address, operator.address],
      pods: [await pod.getAddress()],
    };
    const native = beaconChainETH;
    const deposit = profile.validatorDepositWei; // 32 ETH
    const externalActive = ether(34_000_000); // the rest of the network, at mainnet scale
    await simulator.connect(teacher).setExternalActiveBalance(externalActive);

    // Expected numbers, from the consensus specs and EigenLayer's formulas.
    const initialPenalty = mulDivUp(deposit, 1n, profile.slashingPenaltyQuotient); // 32 / 4096 = 0.0078125
    const afterInitial = deposit - initialPenalty; // 31.9921875
    const l1 = (WAD * afterInitial) / deposit; // 0.999755859375
    const m = WAD - HALF_MAGNITUDE / 10n; // the AVS takes 10 % of 50 %: 0.95
    // Correlation penalty when the validator becomes withdrawable: 3 × 32 ETH slashed in the
    // window over 34,000,000 ETH active (dave's validator no longer counts as active).
    const correlationPenalty = mulDivUp(afterInitial, 3n * deposit, externalActive);
    const swept = afterInitial - correlationPenalty;

    // 1. dave's 32 ETH are credited: 32 withdrawable, delegated to the operator.
    expect(await manager.withdrawableShares(dave.address, native), "1. 32 ETH of shares").to.equal(
      deposit,
    );
    expect(await manager.operatorShares(operator.address, native), "1. delegated").to.equal(
      deposit,
    );
    await checkRestakingInvariants(system, "1. credited");

    // 2. The consensus layer slashes the validator; anyone checkpoints the pod: l = 31.9921875 / 32.
    await simulator.connect(teacher).slash(validatorIndex);
    expect(await simulator.validatorBalance(validatorIndex), "2. initial penalty").to.equal(
      afterInitial,
    );
    await pod.checkpoint();
    expect(await manager.beaconChainSlashingFactor(dave.address), "2. l").to.equal(l1);
    expect(await manager.depositShares(dave.address, native), "2. shares unchanged").to.equal(
      deposit,
    );
    expect(await manager.withdrawableShares(dave.address, native), "2. a = 32 × l").to.equal(
      afterInitial,
    );
    await checkRestakingInvariants(system, "2. CL slashing");

    // 3. The AVS slashes the operator 10 % of its 50 % allocation: a = 32 × l × 0.95.
    const before = await withdrawableSnapshot(manager, system.stakers);
    await expect(
      manager.connect(avs).slashOperator(operator.address, WAD / 10n, "double signing on the AVS"),
    )
      .to.emit(manager, "StakeSlashed")
      .withArgs(
        operator.address,
        avs.address,
        native,
        HALF_MAGNITUDE / 10n,
        (afterInitial * (WAD - m)) / WAD, // 5 % of the delegated 31.99 ETH
        0n, // native ETH cannot be moved out of the pods: it stays locked there
        avsTreasury.address,
      );
    const after = await withdrawableSnapshot(manager, system.stakers);
    const layered = (afterInitial * m) / WAD; // 30.392578125
    expectEqualWithinRounding(
      await manager.withdrawableShares(dave.address, native),
      layered,
      "3. 32 × (1 − 1/4096) × 0.95: the losses multiply",
    );
    checkSlashingLosses(
      before,
      after,
      { [dave.address]: operator.address },
      { [operator.address]: WAD - m },
      "3. AVS",
    );
    await checkRestakingInvariants(system, "3. AVS slashing");

    // 4. dave queues all his shares; the validator becomes withdrawable and is swept into the pod with
    //    its correlation penalty; a checkpoint lowers l again (the pod received less than it held).
    await manager.connect(dave).queueWithdrawal(native, deposit);
    const id = await manager.withdrawalCount();
    await time.increaseTo((await simulator.getValidator(validatorIndex)).withdrawableAt);
    await simulator.sweep(validatorIndex);
    expect(await pod.checkpoint.staticCall(), "4. the correlation penalty").to.equal(
      -correlationPenalty,
    );
    await pod.checkpoint();
    expect(await pod.withdrawableRestakedETH(), "4. the pod holds what was swept").to.equal(swept);
    await checkRestakingInvariants(system, "4. exit and sweep");

    // 5. After the delay dave receives swept × 0.95 in ETH; the AVS-slashed 5 % stays locked in the pod.
    //    (A slashed validator waits a whole correlation window, 36 days, longer than the 14-day
    //    delay: the delay may already be over.)
    const completableAt = await manager.completableAt(id);
    if (BigInt(await time.latest()) < completableAt) await time.increaseTo(completableAt);
    const balanceBefore = await pod.withdrawableRestakedETH();
    await manager.connect(dave).completeQueuedWithdrawal(id);
    const paid = balanceBefore - (await pod.withdrawableRestakedETH());
    const expectedPaid = (swept * m) / WAD;
    expectAtMost(paid, expectedPaid, "5. never more than swept × m");
    expectEqualWithinRounding(
      paid,
      expectedPaid,
      "5. dave receives swept × 0.95",
      scalingRoundingMargin(deposit) * 3n,
    );
    expectEqualWithinRounding(
      await pod.withdrawableRestakedETH(),
      swept - expectedPaid,
      "5. 5 % stays locked in the pod, as slashed native ETH does in EigenLayer",
      scalingRoundingMargin(deposit) * 3n,
    );
    await checkRestakingInvariants(system, "5. completion");
  });
});
