/**
 * RestakingManager: allocations (EigenLayer's AllocationManager): magnitudes in WAD, unique stake
 * (the sum over AVSs never exceeds the operator's max magnitude), increases that become slashable
 * only after `allocationDelay` (longer than the withdrawal delay) and deallocations that stay
 * slashable for `deallocationDelay`.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { WAD } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { operatorsAndAVSsFixture, delegatedStakersFixture } = restakingFixtures(connection);

const DEALLOCATION_DELAY = realistic.deallocationDelaySeconds;
const ALLOCATION_DELAY = realistic.allocationDelaySeconds;

describe("RestakingManager", function () {
  describe("modifyAllocation", function () {
    describe("when it increases an allocation", function () {
      it("encumbers the magnitude at once but makes it slashable only after allocationDelay", async function () {
        const { manager, lst, operator, otherAvs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        const magnitude = WAD / 5n; // 20 %
        const effect = BigInt(await time.latest()) + 1n + ALLOCATION_DELAY;
        await expect(manager.connect(operator).modifyAllocation(otherAvs.address, lst, magnitude))
          .to.emit(manager, "AllocationUpdated")
          .withArgs(operator.address, otherAvs.address, await lst.getAddress(), magnitude, effect)
          .and.to.emit(manager, "EncumberedMagnitudeUpdated")
          .withArgs(operator.address, await lst.getAddress(), HALF_MAGNITUDE + magnitude);
        let allocation = await manager.getAllocation(operator.address, otherAvs.address, lst);
        expect([
          allocation.currentMagnitude,
          allocation.pendingDiff,
          allocation.effectTimestamp,
        ]).to.deep.equal([0n, magnitude, effect]);
        expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(
          HALF_MAGNITUDE + magnitude,
        );
        await time.increaseTo(effect - 1n);
        allocation = await manager.getAllocation(operator.address, otherAvs.address, lst);
        expect(allocation.currentMagnitude, "one second before").to.equal(0n);
        await time.increaseTo(effect);
        allocation = await manager.getAllocation(operator.address, otherAvs.address, lst);
        expect(
          [allocation.currentMagnitude, allocation.pendingDiff],
          "at the effect",
        ).to.deep.equal([magnitude, 0n]);
      });

      it("uses an allocation delay longer than the withdrawal delay (EigenLayer: 17.5 days against 14)", async function () {
        const { manager } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        const allocationDelay = await manager.allocationDelay();
        const withdrawalDelay = await manager.withdrawalDelay();
        expect(allocationDelay).to.be.greaterThan(withdrawalDelay);
        // 126,000 blocks against 100,800 blocks of 12 s: a ratio of 5 / 4.
        expect(allocationDelay * 4n).to.equal(withdrawalDelay * 5n);
      });
    });

    describe("when it decreases an allocation", function () {
      it("waits deallocationDelay, the old magnitude staying allocated and slashable until then", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        const effect = BigInt(await time.latest()) + 1n + DEALLOCATION_DELAY;
        const target = WAD / 10n;
        await expect(manager.connect(operator).modifyAllocation(avs.address, lst, target))
          .to.emit(manager, "AllocationUpdated")
          .withArgs(operator.address, avs.address, await lst.getAddress(), target, effect);
        let allocation = await manager.getAllocation(operator.address, avs.address, lst);
        expect([
          allocation.currentMagnitude,
          allocation.pendingDiff,
          allocation.effectTimestamp,
        ]).to.deep.equal([HALF_MAGNITUDE, target - HALF_MAGNITUDE, effect]);
        expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(HALF_MAGNITUDE);
        await time.increaseTo(effect);
        allocation = await manager.getAllocation(operator.address, avs.address, lst);
        expect([allocation.currentMagnitude, allocation.pendingDiff]).to.deep.equal([target, 0n]);
      });

      it("frees the magnitude once applied, for another AVS", async function () {
        const { manager, lst, operator, avs, otherAvs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, 0n);
        await time.increase(DEALLOCATION_DELAY);
        await manager.clearDeallocation(operator.address, avs.address, lst);
        await manager.connect(operator).modifyAllocation(otherAvs.address, lst, WAD);
        expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(WAD);
      });
    });

    describe("when the operator's earlier deallocation is due", function () {
      it("applies it first, so a new change (here an increase, itself delayed) is accepted", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, WAD / 10n);
        await time.increase(DEALLOCATION_DELAY);
        await manager.connect(operator).modifyAllocation(avs.address, lst, WAD / 5n);
        let allocation = await manager.getAllocation(operator.address, avs.address, lst);
        expect([allocation.currentMagnitude, allocation.pendingDiff]).to.deep.equal([
          WAD / 10n,
          WAD / 10n,
        ]);
        expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(WAD / 5n);
        await time.increase(ALLOCATION_DELAY);
        allocation = await manager.getAllocation(operator.address, avs.address, lst);
        expect(allocation.currentMagnitude).to.equal(WAD / 5n);
      });
    });

    describe("when the sender is not an operator", function () {
      it("reverts with NotOperator", async function () {
        const { manager, lst, stranger, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(stranger).modifyAllocation(avs.address, lst, 1n))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
      });
    });

    describe("when the operator has not opted in to the AVS", function () {
      it("reverts with NotOptedIn", async function () {
        const { manager, lst, operator, stranger } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).modifyAllocation(stranger.address, lst, 1n))
          .to.be.revertedWithCustomError(manager, "NotOptedIn")
          .withArgs(operator.address, stranger.address);
      });
    });

    describe("when the token is not a strategy", function () {
      it("reverts with StrategyNotFound", async function () {
        const { manager, rewardToken, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).modifyAllocation(avs.address, rewardToken, 1n))
          .to.be.revertedWithCustomError(manager, "StrategyNotFound")
          .withArgs(await rewardToken.getAddress());
      });
    });

    describe("when a deallocation is pending", function () {
      it("reverts with ModificationPending: one change at a time", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, 0n);
        const effect = BigInt(await time.latest()) + DEALLOCATION_DELAY;
        await expect(manager.connect(operator).modifyAllocation(avs.address, lst, WAD))
          .to.be.revertedWithCustomError(manager, "ModificationPending")
          .withArgs(effect);
      });
    });

    describe("when the magnitude does not change", function () {
      it("reverts with SameMagnitude", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).modifyAllocation(avs.address, lst, HALF_MAGNITUDE))
          .to.be.revertedWithCustomError(manager, "SameMagnitude")
          .withArgs(HALF_MAGNITUDE);
      });
    });

    describe("when the allocations would sum above the max magnitude (unique stake)", function () {
      it("reverts with InsufficientMagnitude", async function () {
        const { manager, lst, operator, otherAvs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(
          manager.connect(operator).modifyAllocation(otherAvs.address, lst, HALF_MAGNITUDE + 1n),
        )
          .to.be.revertedWithCustomError(manager, "InsufficientMagnitude")
          .withArgs(HALF_MAGNITUDE + 1n, HALF_MAGNITUDE);
      });

      it("counts a pending deallocation as still allocated", async function () {
        const { manager, lst, operator, avs, otherAvs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, 0n);
        await expect(
          manager.connect(operator).modifyAllocation(otherAvs.address, lst, HALF_MAGNITUDE + 1n),
        )
          .to.be.revertedWithCustomError(manager, "InsufficientMagnitude")
          .withArgs(HALF_MAGNITUDE + 1n, HALF_MAGNITUDE);
      });

      it("counts the max magnitude left after a slash", async function () {
        const { manager, lst, operator, avs, otherAvs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault"); // m = 0.95, allocated 0.45
        const available = WAD - HALF_MAGNITUDE / 10n - (HALF_MAGNITUDE - HALF_MAGNITUDE / 10n);
        await expect(
          manager.connect(operator).modifyAllocation(otherAvs.address, lst, available + 1n),
        )
          .to.be.revertedWithCustomError(manager, "InsufficientMagnitude")
          .withArgs(available + 1n, available);
      });
    });

    describe("boundaries", function () {
      it("allocates exactly the whole stake across two AVSs (1e18 in total)", async function () {
        const { manager, lst, operator, otherAvs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(otherAvs.address, lst, HALF_MAGNITUDE);
        expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(WAD);
      });

      it("allocates 1 wei of magnitude", async function () {
        const { manager, beaconChainETH, operator, otherAvs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(otherAvs.address, beaconChainETH, 1n);
        expect(await manager.encumberedMagnitude(operator.address, beaconChainETH)).to.equal(1n);
      });
    });
  });

  describe("clearDeallocation", function () {
    it("applies a due deallocation for anyone and frees its magnitude", async function () {
      const { manager, lst, operator, avs, stranger } =
        await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      await manager.connect(operator).modifyAllocation(avs.address, lst, WAD / 10n);
      await time.increase(DEALLOCATION_DELAY);
      await expect(manager.connect(stranger).clearDeallocation(operator.address, avs.address, lst))
        .to.emit(manager, "EncumberedMagnitudeUpdated")
        .withArgs(operator.address, await lst.getAddress(), WAD / 10n);
      expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(WAD / 10n);
    });

    describe("when nothing is pending", function () {
      it("reverts with NoDeallocationToClear(0)", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.clearDeallocation(operator.address, avs.address, lst))
          .to.be.revertedWithCustomError(manager, "NoDeallocationToClear")
          .withArgs(0n);
      });
    });

    describe("when the delay has not passed", function () {
      it("reverts with NoDeallocationToClear(effectTimestamp), one second before it, and clears it at it", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, 0n);
        const effect = BigInt(await time.latest()) + DEALLOCATION_DELAY;
        await time.setNextBlockTimestamp(effect - 1n);
        await expect(manager.clearDeallocation(operator.address, avs.address, lst))
          .to.be.revertedWithCustomError(manager, "NoDeallocationToClear")
          .withArgs(effect);
        await time.setNextBlockTimestamp(effect);
        await expect(manager.clearDeallocation(operator.address, avs.address, lst)).to.emit(
          manager,
          "EncumberedMagnitudeUpdated",
        );
      });
    });
  });

  describe("getAllocation", function () {
    it("reads zero for an AVS the operator never allocated to", async function () {
      const { manager, lst, operator } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      const allocation = await manager.getAllocation(operator.address, ethers.ZeroAddress, lst);
      expect(allocation.currentMagnitude).to.equal(0n);
    });
  });
});
