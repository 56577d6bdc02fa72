/**
 * RestakingManager: INV-6, costs do not depend on the number of stakers. The same operations are
 * measured on `operator`, with 1 delegator, and on `otherOperator`, with 1,000 (contracts that
 * deposit the second token and delegate in their constructor, created in batches so that the
 * setup takes seconds). Both operators allocate 50 % to `avs`; every balance a measured call
 * writes is non-zero beforehand on both sides, so storage refunds do not differ either.
 */
import { network } from "hardhat";

import { ONE_SECOND, HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { WAD, ether, expectGasWithinPercent } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { operatorsAndAVSsFixture } = restakingFixtures(connection);

const CROWD = 1000n;
/** Delegators per transaction while building the crowd (each costs about 400k gas). */
const BATCH = 40n;
const STAKE = ether(10);

async function gasOf(
  tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

describe("RestakingManager", function () {
  /** `operator` with one delegator, `otherOperator` with 1,000, in the second-token strategy. */
  async function crowdsFixture() {
    const fixture = await operatorsAndAVSsFixture();
    const { manager, secondToken, rewardToken, operator, otherOperator, avs, avsTreasury } =
      fixture;
    const crowd = await ethers.deployContract("DelegatorCrowd");
    const managerAddress = await manager.getAddress();
    const tokenAddress = await secondToken.getAddress();
    await crowd.createDelegators(managerAddress, tokenAddress, STAKE, operator.address, 1n);
    for (let made = 0n; made < CROWD; made += BATCH) {
      await crowd.createDelegators(
        managerAddress,
        tokenAddress,
        STAKE,
        otherOperator.address,
        BATCH,
      );
    }
    // Non-zero balances everywhere a measured call writes, so no side pays a 0 → non-zero store.
    await secondToken.mint(avsTreasury.address, 1n);
    await rewardToken.mint(managerAddress, 1n);
    await rewardToken.mint(avs.address, ether(1_000_000));
    await rewardToken.connect(avs).approve(managerAddress, ethers.MaxUint256);
    return fixture;
  }

  describe("gas (INV-6: O(1) in the number of delegators)", function () {
    it("slashes an operator for the same gas with 1 and 1,000 delegators (within 1 %)", async function () {
      const { manager, secondToken, operator, otherOperator, avs } =
        await networkHelpers.loadFixture(crowdsFixture);
      const tokenAddress = await secondToken.getAddress();
      const wadToSlash = WAD / 10n;
      const one = await gasOf(
        manager.connect(avs).slashOperator(operator.address, wadToSlash, "fault"),
      );
      const thousand = await gasOf(
        manager.connect(avs).slashOperator(otherOperator.address, wadToSlash, "fault"),
      );
      expectGasWithinPercent(one, thousand, 1n, "slashOperator");
      // The slash did reach all 1,000: the operator's delegated shares fell by 5 %.
      const expected = (CROWD * STAKE * (WAD - HALF_MAGNITUDE / 10n)) / WAD;
      const delegated = await manager.operatorShares(otherOperator.address, tokenAddress);
      if (delegated !== expected)
        throw new Error(`1,000 delegators hold ${delegated}, expected ${expected}`);
    });

    it("pays service rewards for the same gas with 1 and 1,000 delegators (within 1 %)", async function () {
      const { manager, secondToken, rewardToken, operator, otherOperator, avs } =
        await networkHelpers.loadFixture(crowdsFixture);
      const pay = (op: string) =>
        manager.connect(avs).payRewards(op, secondToken, rewardToken, ether(1000), ONE_SECOND);
      const one = await gasOf(pay(operator.address));
      const thousand = await gasOf(pay(otherOperator.address));
      expectGasWithinPercent(one, thousand, 1n, "payRewards");
    });

    it("deposits, delegates, queues and completes for the same gas next to 1 or 1,000 delegators (within 1 %)", async function () {
      const { manager, secondToken, operator, otherOperator, alice, bob, carol } =
        await networkHelpers.loadFixture(crowdsFixture);
      const managerAddress = await manager.getAddress();
      const tokenAddress = await secondToken.getAddress();
      // A first withdrawal, so the withdrawal counter is non-zero for both measured queues.
      await secondToken.mint(carol.address, STAKE);
      await secondToken.connect(carol).approve(managerAddress, STAKE);
      await manager.connect(carol).depositIntoStrategy(tokenAddress, STAKE);
      await manager.connect(carol).queueWithdrawal(tokenAddress, STAKE);
      const measured: Record<string, bigint[]> = {
        deposit: [],
        delegate: [],
        queue: [],
        complete: [],
      };
      for (const [staker, op] of [
        [alice, operator],
        [bob, otherOperator],
      ] as const) {
        await secondToken.mint(staker.address, 2n * STAKE);
        await secondToken.connect(staker).approve(managerAddress, 2n * STAKE);
        await manager.connect(staker).depositIntoStrategy(tokenAddress, STAKE);
        measured.delegate.push(await gasOf(manager.connect(staker).delegateTo(op.address)));
        measured.deposit.push(
          await gasOf(manager.connect(staker).depositIntoStrategy(tokenAddress, STAKE)),
        );
        measured.queue.push(
          await gasOf(manager.connect(staker).queueWithdrawal(tokenAddress, STAKE)),
        );
      }
      await time.increase(await manager.withdrawalDelay());
      const count = await manager.withdrawalCount();
      measured.complete.push(
        await gasOf(manager.connect(alice).completeQueuedWithdrawal(count - 1n)),
      );
      measured.complete.push(await gasOf(manager.connect(bob).completeQueuedWithdrawal(count)));
      for (const [name, [one, thousand]] of Object.entries(measured)) {
        expectGasWithinPercent(one, thousand, 1n, name);
      }
    });
  });
});
