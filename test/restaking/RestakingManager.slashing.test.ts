/**
 * RestakingManager: `slashOperator`, EigenLayer's AllocationManager.slashOperator with the
 * DelegationManager's share burning: the slashed magnitude is rounded up, `m` falls for every
 * delegator at once, queued stake within the delay pays its part, tokens go to the AVS's recipient.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
import { WAD, ether, mulDivUp } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { operatorsAndAVSsFixture, delegatedStakersFixture } = restakingFixtures(connection);

const BURN_ADDRESS = "0x000000000000000000000000000000000000dEaD";
const DELAY = realistic.restakingWithdrawalDelaySeconds;

describe("RestakingManager", function () {
  describe("slashOperator", function () {
    it("slashes that fraction of each allocation, lowers m, burns the delegated shares and pays the recipient", async function () {
      const { manager, lst, secondToken, operator, avs, avsTreasury } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      const wadToSlash = WAD / 10n;
      const slashedMagnitude = (HALF_MAGNITUDE * wadToSlash) / WAD; // 5e16
      const slashedShares = (ether(100) * slashedMagnitude) / WAD; // alice's 100 × 5 %
      const tx = manager.connect(avs).slashOperator(operator.address, wadToSlash, "equivocation");
      await expect(tx)
        .to.emit(manager, "OperatorSlashed")
        .withArgs(operator.address, avs.address, wadToSlash, "equivocation")
        .and.to.emit(manager, "MaxMagnitudeUpdated")
        .withArgs(operator.address, await lst.getAddress(), WAD - slashedMagnitude)
        .and.to.emit(manager, "OperatorSharesDecreased")
        .withArgs(operator.address, ethers.ZeroAddress, await lst.getAddress(), slashedShares)
        .and.to.emit(manager, "StakeSlashed")
        .withArgs(
          operator.address,
          avs.address,
          await secondToken.getAddress(),
          slashedMagnitude,
          slashedShares,
          slashedShares,
          avsTreasury.address,
        );
      await expect(tx).to.changeTokenBalances(
        ethers,
        lst,
        [manager, avsTreasury],
        [-slashedShares, slashedShares],
      );
      const allocation = await manager.getAllocation(operator.address, avs.address, lst);
      expect(allocation.currentMagnitude).to.equal(HALF_MAGNITUDE - slashedMagnitude);
      expect(await manager.encumberedMagnitude(operator.address, lst)).to.equal(
        HALF_MAGNITUDE - slashedMagnitude,
      );
      expect(await manager.operatorShares(operator.address, lst)).to.equal(
        ether(100) - slashedShares,
      );
      const strategy = await manager.getStrategy(lst);
      expect([strategy.totalShares, strategy.totalAssets]).to.deep.equal([
        ether(300) - slashedShares,
        ether(300) - slashedShares,
      ]);
    });

    it("records the max magnitude history: before the slash reads 1e18, from its timestamp the new value", async function () {
      const { manager, lst, operator, avs } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      const slashedAt = BigInt(await time.latest());
      expect(await manager.maxMagnitudeAt(operator.address, lst, slashedAt - 1n)).to.equal(WAD);
      expect(await manager.maxMagnitudeAt(operator.address, lst, slashedAt)).to.equal(
        WAD - HALF_MAGNITUDE / 10n,
      );
    });

    it("burns visibly when the AVS chose to: the tokens go to 0x…dEaD", async function () {
      const { manager, secondToken, operator, otherAvs } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager
        .connect(operator)
        .modifyAllocation(otherAvs.address, secondToken, HALF_MAGNITUDE);
      await time.increase(realistic.allocationDelaySeconds); // the increase becomes slashable
      await expect(
        manager.connect(otherAvs).slashOperator(operator.address, WAD, "all of it"),
      ).to.changeTokenBalance(ethers, secondToken, BURN_ADDRESS, ether(50));
    });

    it("takes the same fraction from the shares queued within the withdrawal delay", async function () {
      const { manager, lst, alice, operator, avs, avsTreasury } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(alice).queueWithdrawal(lst, ether(40));
      expect(await manager.slashableSharesInQueue(operator.address, lst)).to.equal(ether(40));
      const wadToSlash = WAD / 10n;
      const lostDelegated = (ether(60) * (HALF_MAGNITUDE / 10n)) / WAD; // 5 % of 60 delegated: 3
      const lostQueued = (ether(40) * (HALF_MAGNITUDE / 10n)) / WAD; // 5 % of 40 queued: 2
      await expect(manager.connect(avs).slashOperator(operator.address, wadToSlash, "fault"))
        .to.emit(manager, "StakeSlashed")
        .withArgs(
          operator.address,
          avs.address,
          await lst.getAddress(),
          HALF_MAGNITUDE / 10n,
          lostDelegated + lostQueued,
          lostDelegated + lostQueued,
          avsTreasury.address,
        );
      const [shares] = await manager.previewWithdrawal(await manager.withdrawalCount());
      expect(shares).to.equal(ether(38));
    });

    it("leaves a withdrawal alone once its delay has passed, and slashes it one second before", async function () {
      const { manager, lst, alice, operator, avs } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(alice).queueWithdrawal(lst, ether(40));
      const queuedAt = BigInt(await time.latest());
      const id = await manager.withdrawalCount();
      // At queuedAt + delay − 1 the withdrawal is still slashable.
      await time.setNextBlockTimestamp(queuedAt + DELAY - 1n);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      expect((await manager.previewWithdrawal(id))[0]).to.equal(ether(38));
      // From queuedAt + delay it is not: the second slash takes nothing from it.
      await time.setNextBlockTimestamp(queuedAt + DELAY);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      expect(await manager.slashableSharesInQueue(operator.address, lst)).to.equal(0n);
      expect((await manager.previewWithdrawal(id))[0]).to.equal(ether(38));
    });

    it("slashes a pending deallocation in proportion, since it is still slashable", async function () {
      const { manager, lst, operator, avs } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(operator).modifyAllocation(avs.address, lst, WAD / 10n); // 50 % → 10 %, pending
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      const allocation = await manager.getAllocation(operator.address, avs.address, lst);
      // 10 % of the 50 % still allocated: 0.45 left; the pending −0.4 shrinks by 10 % to −0.36.
      expect(allocation.currentMagnitude).to.equal((HALF_MAGNITUDE * 9n) / 10n);
      expect(allocation.pendingDiff).to.equal((-((WAD * 4n) / 10n) * 9n) / 10n);
    });

    it("does not touch undelegated stake or another operator's delegators", async function () {
      const { manager, lst, bob, carol, operator, avs } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD, "everything allocated");
      expect(await manager.withdrawableShares(bob.address, lst)).to.equal(ether(100));
      expect(await manager.withdrawableShares(carol.address, lst)).to.equal(ether(100));
    });

    it("slashes an operator's own stake like its delegators'", async function () {
      const { manager, secondToken, operator, avs } =
        await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      await secondToken.mint(operator.address, ether(10));
      await secondToken.connect(operator).approve(manager, ether(10));
      await manager.connect(operator).depositIntoStrategy(secondToken, ether(10));
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      expect(await manager.withdrawableShares(operator.address, secondToken)).to.equal(
        ether("9.5"),
      );
    });

    describe("when the caller is not an AVS", function () {
      it("reverts with NotAVS", async function () {
        const { manager, operator, stranger } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(stranger).slashOperator(operator.address, WAD, "grief"))
          .to.be.revertedWithCustomError(manager, "NotAVS")
          .withArgs(stranger.address);
      });
    });

    describe("when the operator has not opted in to the AVS", function () {
      it("reverts with NotOptedIn", async function () {
        const { manager, stranger, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(stranger).registerAsOperator("");
        await expect(manager.connect(avs).slashOperator(stranger.address, WAD, "fault"))
          .to.be.revertedWithCustomError(manager, "NotOptedIn")
          .withArgs(stranger.address, avs.address);
      });
    });

    describe("when wadToSlash is 0 or above 1e18", function () {
      for (const wad of [0n, WAD + 1n]) {
        it(`reverts with InvalidWadToSlash(${wad})`, async function () {
          const { manager, operator, avs } =
            await networkHelpers.loadFixture(delegatedStakersFixture);
          await expect(manager.connect(avs).slashOperator(operator.address, wad, "fault"))
            .to.be.revertedWithCustomError(manager, "InvalidWadToSlash")
            .withArgs(wad);
        });
      }
    });

    describe("when the operator allocated nothing to the AVS", function () {
      it("reverts with OperatorNotAllocated", async function () {
        const { manager, operator, otherAvs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(otherAvs).slashOperator(operator.address, WAD, "fault"))
          .to.be.revertedWithCustomError(manager, "OperatorNotAllocated")
          .withArgs(operator.address, otherAvs.address);
      });

      it("reverts with OperatorNotAllocated once a deallocation to zero took effect", async function () {
        const { manager, lst, secondToken, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, 0n);
        await manager.connect(operator).modifyAllocation(avs.address, secondToken, 0n);
        await time.increase(realistic.deallocationDelaySeconds);
        await expect(manager.connect(avs).slashOperator(operator.address, WAD, "late"))
          .to.be.revertedWithCustomError(manager, "OperatorNotAllocated")
          .withArgs(operator.address, avs.address);
      });
    });

    describe("boundaries", function () {
      it("rounds the slashed magnitude up: 1 wei of wadToSlash still slashes 1 unit of magnitude", async function () {
        const { manager, lst, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(avs).slashOperator(operator.address, 1n, "dust");
        const expected = mulDivUp(HALF_MAGNITUDE, 1n, WAD); // 0.5 rounded up to 1
        expect(expected).to.equal(1n);
        expect(await manager.maxMagnitude(operator.address, lst)).to.equal(WAD - expected);
      });

      it("slashes 100 % of a 50 % allocation: the delegators keep exactly half, and nothing is left to slash", async function () {
        const { manager, lst, alice, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(avs).slashOperator(operator.address, WAD, "all of it");
        expect(await manager.withdrawableShares(alice.address, lst)).to.equal(ether(50));
        await expect(manager.connect(avs).slashOperator(operator.address, WAD, "again"))
          .to.be.revertedWithCustomError(manager, "OperatorNotAllocated")
          .withArgs(operator.address, avs.address);
      });

      it("slashes 100 % of a 100 % allocation: m = 0 and the delegators have nothing left", async function () {
        const { manager, lst, alice, operator, avs } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(operator).modifyAllocation(avs.address, lst, WAD);
        await time.increase(realistic.allocationDelaySeconds); // the increase becomes slashable
        await manager.connect(avs).slashOperator(operator.address, WAD, "everything");
        expect(await manager.maxMagnitude(operator.address, lst)).to.equal(0n);
        expect(await manager.withdrawableShares(alice.address, lst)).to.equal(0n);
        expect(await manager.operatorShares(operator.address, lst)).to.equal(0n);
      });
    });
  });
});
