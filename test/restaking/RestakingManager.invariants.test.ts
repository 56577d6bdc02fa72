/**
 * RestakingManager: INV-5 (and reward solvency) through a long, seeded pseudo-random mix of
 * deposits, delegations, undelegations, withdrawals, completions, allocations, slashes and reward
 * payments, with amounts that do not divide evenly. After every step: the stakers' withdrawable
 * shares plus the open withdrawals never exceed what each strategy holds, and the rewards anyone
 * can claim never exceed the reward tokens the manager holds.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { ONE_SECOND, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { DAY, WAD, ether } from "../helpers/index.js";
import { checkRestakingInvariants } from "../helpers/restaking-invariants.js";
import { depositTestToken } from "./restaking-helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { operatorsAndAVSsFixture } = restakingFixtures(connection);

const STEPS = 100;

/** A small deterministic generator (a 64-bit LCG), so a failure can be replayed step by step. */
function generator(seed: bigint) {
  let state = seed;
  return (bound: bigint): bigint => {
    state = (state * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    return (state >> 16n) % bound;
  };
}

describe("RestakingManager", function () {
  describe("invariants under a random mix of operations (INV-5, reward solvency)", function () {
    for (const seed of [1n, 7n, 2025n]) {
      it(`holds after each of ${STEPS} steps (seed ${seed})`, async function () {
        const fixture = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
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
          otherAvs,
        } = fixture;
        const random = generator(seed);
        const stakers = [alice, bob, carol, dave];
        const operators = [operator, otherOperator];
        const everyone = [...stakers, ...operators].map((s) => s.address);
        const open: { id: bigint; staker: (typeof stakers)[number] }[] = [];
        await rewardToken.mint(avs.address, ether(1_000_000));
        await rewardToken.connect(avs).approve(manager, ether(1_000_000));

        for (let step = 0; step < STEPS; step++) {
          const staker = stakers[Number(random(BigInt(stakers.length)))];
          const op = operators[Number(random(2n))];
          const action = random(9n);
          const delegated = await manager.delegatedTo(staker.address);
          const shares = await manager.depositShares(staker.address, secondToken);
          let what = "";
          if (action <= 1n) {
            const amount = random(ether(50)) + 1n; // odd amounts
            await depositTestToken(manager, secondToken, staker, amount);
            what = `deposit ${amount}`;
          } else if (action === 2n && delegated === "0x0000000000000000000000000000000000000000") {
            const maxMagnitude = await manager.maxMagnitude(op.address, secondToken);
            if (maxMagnitude === 0n) continue;
            await manager.connect(staker).delegateTo(op.address);
            what = "delegate";
          } else if (action === 3n && delegated !== "0x0000000000000000000000000000000000000000") {
            const ids = await manager.connect(staker).undelegate.staticCall();
            await manager.connect(staker).undelegate();
            for (const id of ids) open.push({ id, staker });
            what = "undelegate";
          } else if (action === 4n && shares > 0n) {
            const amount = random(shares) + 1n;
            await manager.connect(staker).queueWithdrawal(secondToken, amount);
            open.push({ id: await manager.withdrawalCount(), staker });
            what = `queue ${amount}`;
          } else if (action === 5n && open.length > 0) {
            const index = Number(random(BigInt(open.length)));
            const { id, staker: owner } = open[index];
            if ((await manager.completableAt(id)) > BigInt(await time.latest())) {
              await time.increase(random(realistic.restakingWithdrawalDelaySeconds));
              continue;
            }
            await manager.connect(owner).completeQueuedWithdrawal(id);
            open.splice(index, 1);
            what = `complete ${id}`;
          } else if (action === 6n) {
            const service = random(2n) === 0n ? avs : otherAvs;
            const allocation = await manager.getAllocation(
              op.address,
              service.address,
              secondToken,
            );
            if (allocation.currentMagnitude === 0n) continue;
            const wad = random(WAD / 5n) + 1n;
            await manager.connect(service).slashOperator(op.address, wad, "random fault");
            what = `slash ${wad}`;
          } else if (action === 7n) {
            const allocation = await manager.getAllocation(
              op.address,
              otherAvs.address,
              secondToken,
            );
            if (allocation.pendingDiff !== 0n) continue;
            const free =
              (await manager.maxMagnitude(op.address, secondToken)) -
              (await manager.encumberedMagnitude(op.address, secondToken));
            const target = random(allocation.currentMagnitude + free + 1n);
            if (target === allocation.currentMagnitude) continue;
            await manager.connect(op).modifyAllocation(otherAvs.address, secondToken, target);
            what = `allocate ${target}`;
          } else if (action === 8n) {
            if ((await manager.operatorShares(op.address, secondToken)) === 0n) continue;
            const amount = random(ether(100)) + 1n;
            await manager
              .connect(avs)
              .payRewards(op.address, secondToken, rewardToken, amount, ONE_SECOND);
            what = `pay ${amount}`;
          } else {
            await time.increase(random(3n * DAY));
            continue;
          }
          const label = `seed ${seed}, step ${step}: ${what}`;
          await checkRestakingInvariants({ manager, stakers: everyone }, label);
          let claimable = 0n;
          for (const earner of everyone)
            claimable += await manager.claimableRewards(earner, rewardToken);
          expect(
            claimable <= (await rewardToken.balanceOf(manager)),
            `${label}: claimable rewards exceed the manager's reward tokens`,
          ).to.equal(true);
        }

        // Finally everyone leaves: every open withdrawal completes and the strategy still covers them.
        await time.increase(realistic.restakingWithdrawalDelaySeconds);
        for (const staker of stakers) {
          if (
            (await manager.delegatedTo(staker.address)) !==
            "0x0000000000000000000000000000000000000000"
          ) {
            const ids = await manager.connect(staker).undelegate.staticCall();
            await manager.connect(staker).undelegate();
            for (const id of ids) open.push({ id, staker });
          }
          const left = await manager.depositShares(staker.address, secondToken);
          if (left > 0n) {
            await manager.connect(staker).queueWithdrawal(secondToken, left);
            open.push({ id: await manager.withdrawalCount(), staker });
          }
        }
        await time.increase(realistic.restakingWithdrawalDelaySeconds);
        for (const { id, staker } of open)
          await manager.connect(staker).completeQueuedWithdrawal(id);
        await checkRestakingInvariants(
          { manager, stakers: everyone },
          `seed ${seed}: everyone left`,
        );
      });
    }
  });
});
