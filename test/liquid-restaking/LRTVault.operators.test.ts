/**
 * LRTVault: moving the vault to another operator (issue 8, finding 1). The manager role undelegates
 * (the restaking manager queues all the restaked LST, slashable by the old operator for the
 * withdrawal delay), anyone completes the withdrawals once matured (`completeQueuedWithdrawals`),
 * and the manager role delegates to the new operator and restakes. Because an allocation increase
 * becomes slashable only after a delay longer than the withdrawal delay, a vault that leaves when
 * its operator announces a risky allocation is out of reach before the allocation can be slashed.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import {
  BPS,
  WAD,
  checkLRTInvariants,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  mulDiv,
} from "../helpers/index.js";
import { avsPaysRewards } from "./lrt-helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { deployLRTVaultFixture, restakedVaultFixture } = liquidRestakingFixtures(connection);

const DELAY = realistic.restakingWithdrawalDelaySeconds;

describe("LRTVault", function () {
  /** The restaked vault (150 LST: 15 idle, 135 restaked with `operator`) after `undelegate`. */
  async function undelegatedVaultFixture() {
    const fixture = await restakedVaultFixture();
    const { vault, manager } = fixture;
    await vault.connect(manager).undelegate();
    return fixture;
  }

  describe("undelegate", function () {
    it("queues all the restaked LST in the manager and leaves the operator, keeping totalAssets", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, restakingManager, lst, pool, manager, operator, restaked } = fixture;
      const total = await vault.totalAssets();
      const withdrawalId = (await restakingManager.withdrawalCount()) + 1n;
      const readyAt = BigInt(await time.latest()) + 1n + DELAY;
      await expect(vault.connect(manager).undelegate())
        .to.emit(vault, "Undelegated")
        .withArgs(operator.address, withdrawalId, readyAt)
        .and.to.emit(restakingManager, "StakerUndelegated")
        .withArgs(await vault.getAddress(), operator.address);
      expect(await vault.operator()).to.equal("0x0000000000000000000000000000000000000000");
      expect(await vault.pendingUndelegation()).to.deep.equal([withdrawalId, readyAt]);
      expect(await vault.openWithdrawals()).to.equal(1n);
      expect(await vault.restakedAssets()).to.equal(0n);
      expectEqualWithinRounding(
        await vault.queuedAssets(),
        restaked,
        "135 LST queued (less open + 1 shares and wei)",
        6n,
      );
      expectEqualWithinRounding(await vault.totalAssets(), total, "totalAssets unchanged", 6n);
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "after undelegate");
    });

    describe("when the vault is not delegated, or already left", function () {
      it("reverts with NotDelegated", async function () {
        const fresh = await networkHelpers.loadFixture(deployLRTVaultFixture);
        await expect(fresh.vault.connect(fresh.manager).undelegate()).to.be.revertedWithCustomError(
          fresh.vault,
          "NotDelegated",
        );
        const { vault, manager } = await networkHelpers.loadFixture(undelegatedVaultFixture);
        await expect(vault.connect(manager).undelegate()).to.be.revertedWithCustomError(
          vault,
          "NotDelegated",
        );
        await expect(vault.connect(manager).restake(1n)).to.be.revertedWithCustomError(
          vault,
          "NotDelegated",
        );
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount(stranger, MANAGER_ROLE)", async function () {
        const { vault, stranger } = await networkHelpers.loadFixture(restakedVaultFixture);
        await expect(vault.connect(stranger).undelegate())
          .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await vault.MANAGER_ROLE());
      });
    });
  });

  describe("completeQueuedWithdrawals", function () {
    it("brings matured withdrawals back as idle LST for anyone, oldest first, and leaves the rest", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, restakingManager, lst, pool, alice, stranger } = fixture;
      await vault.connect(alice).requestRedeem(ether(40) * 1000n); // 15 buffer + 25 queued
      await time.increase(DELAY / 2n);
      await vault.connect(alice).requestRedeem(ether(10) * 1000n); // all 10 queued
      expect(await vault.completeQueuedWithdrawals.staticCall(10n), "none matured").to.equal(0n);
      await time.increaseTo((await vault.getRedeemRequest(1n)).readyAt);
      const idle = await vault.idleAssets();
      await expect(vault.connect(stranger).completeQueuedWithdrawals(10n)).to.emit(
        vault,
        "RestakedWithdrawalCompleted",
      );
      const first = await vault.getRedeemRequest(1n);
      expect(first.scaledShares, "completed").to.equal(0n);
      expectEqualWithinRounding(first.fromBuffer, ether(40), "15 + 25 reserved for its claim", 3n);
      expect(await vault.reservedAssets()).to.equal(first.fromBuffer);
      expect(await vault.idleAssets()).to.equal(idle + first.fromBuffer - ether(15));
      expect(await vault.openWithdrawals(), "the second is not matured").to.equal(1n);
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "one completed");
      // The claim pays from the reserved buffer, without calling the manager again.
      await expect(vault.connect(alice).claimRedeem(1n)).not.to.emit(
        vault,
        "RestakedWithdrawalCompleted",
      );
      expect(await vault.reservedAssets()).to.equal(0n);
    });

    describe("when the vault is paused", function () {
      it("reverts with EnforcedPause", async function () {
        const { vault, guardian } = await networkHelpers.loadFixture(undelegatedVaultFixture);
        await time.increase(DELAY);
        await vault.connect(guardian).pause();
        await expect(vault.completeQueuedWithdrawals(10n)).to.be.revertedWithCustomError(
          vault,
          "EnforcedPause",
        );
      });
    });

    it("completes at most maxCount", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, alice } = fixture;
      await vault.connect(alice).requestRedeem(ether(20) * 1000n);
      await vault.connect(alice).requestRedeem(ether(5) * 1000n);
      await time.increase(DELAY);
      expect(await vault.openWithdrawals()).to.equal(2n);
      await vault.completeQueuedWithdrawals(1n);
      expect(await vault.openWithdrawals()).to.equal(1n);
      await vault.completeQueuedWithdrawals(0n);
      expect(await vault.openWithdrawals()).to.equal(1n);
      await vault.completeQueuedWithdrawals(1n);
      expect(await vault.openWithdrawals()).to.equal(0n);
    });
  });

  describe("delegateTo, to move the vault", function () {
    it("moves the vault to another operator: undelegate, wait the delay, complete, redelegate, restake", async function () {
      const fixture = await networkHelpers.loadFixture(undelegatedVaultFixture);
      const { vault, restakingManager, lst, pool, manager, operator, otherOperator } = fixture;
      const total = await vault.totalAssets();
      await expect(vault.connect(manager).delegateTo(otherOperator.address))
        .to.be.revertedWithCustomError(vault, "WithdrawalsStillOpen")
        .withArgs(1n);
      await time.increase(DELAY);
      await vault.completeQueuedWithdrawals(10n);
      expect(await vault.pendingUndelegation()).to.deep.equal([0n, 0n]);
      expectEqualWithinRounding(await vault.idleAssets(), total, "all 150 LST idle again", 6n);
      await expect(vault.connect(manager).delegateTo(otherOperator.address))
        .to.emit(vault, "OperatorDelegated")
        .withArgs(otherOperator.address);
      expect(await vault.operator()).to.equal(otherOperator.address);
      await vault.connect(manager).restake(ether(100));
      expect(await restakingManager.delegatedTo(await vault.getAddress())).to.equal(
        otherOperator.address,
      );
      // The old operator's slashes no longer reach the vault.
      const before = await vault.totalAssets();
      await restakingManager.connect(fixture.avs).slashOperator(operator.address, WAD, "old");
      expect(await vault.totalAssets()).to.equal(before);
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "moved");
    });

    it("lets the vault leave an operator that announces a risky allocation before it is slashable", async function () {
      // The operator allocates its free 50 % to a new AVS of its own (issue 8, finding 1). The vault's
      // manager sees AllocationUpdated and undelegates: 14 days later the withdrawal is out of reach,
      // 17.5 days later the AVS may slash, and finds nothing of the vault's.
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, restakingManager, lst, pool, manager, operator, stranger: ownAvs } = fixture;
      await restakingManager.connect(ownAvs).registerAVS(ownAvs.address, "the operator's own");
      await restakingManager.connect(operator).optInToAVS(ownAvs.address);
      await restakingManager
        .connect(operator)
        .modifyAllocation(ownAvs.address, await lst.getAddress(), WAD / 2n);
      const slashableAt = BigInt(await time.latest()) + realistic.allocationDelaySeconds;
      const total = await vault.totalAssets();
      await vault.connect(manager).undelegate();
      const [, readyAt] = await vault.pendingUndelegation();
      expect(readyAt).to.be.lessThan(slashableAt);
      await time.increaseTo(slashableAt);
      await restakingManager.connect(ownAvs).slashOperator(operator.address, WAD, "take it all");
      expect(await lst.balanceOf(ownAvs.address), "nothing of the vault's").to.equal(0n);
      // The operator's magnitude fell to 0.5, but the vault's matured withdrawal keeps 1: counted so.
      expect(await restakingManager.maxMagnitude(operator.address, lst)).to.equal(WAD / 2n);
      const counted = await vault.totalAssets();
      expectAtMost(total - 6n, counted, "the vault still counts its 150 LST, to rounding");
      expectAtMost(counted, total, "and never more");
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "slashed after the move");
      await vault.completeQueuedWithdrawals(10n);
      const after = await vault.totalAssets();
      expectAtMost(total - 3n, after, "the vault lost nothing but rounding");
      expectAtMost(after, total + 3n, "and gained nothing");
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "after the slash");
    });

    it("keeps counting the LST rewards earned with the previous operator until they are harvested", async function () {
      // The previous operator paid the vault 9 LST (8.1 net of the fee), not yet harvested; the new
      // operator has never been paid. The vault's value must not fall when it moves.
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, manager, otherOperator } = fixture;
      const paid = ether(10);
      await avsPaysRewards(fixture, paid);
      const rewards = paid - mulDiv(paid, realistic.operatorSplitBps, BPS);
      const net = rewards - mulDiv(rewards, realistic.lrtFeeBps, BPS); // 8.1 LST
      expectEqualWithinRounding(await vault.earnedRewards(), net, "8.1 LST earned", 2n);
      await vault.connect(manager).undelegate();
      await time.increase(DELAY);
      await vault.completeQueuedWithdrawals(10n);
      const total = await vault.totalAssets();
      await vault.connect(manager).delegateTo(otherOperator.address);
      expectEqualWithinRounding(await vault.earnedRewards(), net, "still 8.1 LST earned", 2n);
      expect(await vault.totalAssets(), "the move changes nothing").to.equal(total);
      await vault.connect(manager).harvestRewards();
      expect(await vault.earnedRewards()).to.equal(0n);
    });

    it("pays a redemption requested while undelegated from the LST that comes back", async function () {
      const fixture = await networkHelpers.loadFixture(undelegatedVaultFixture);
      const { vault, alice } = fixture;
      await vault.connect(alice).requestRedeem(ether(50) * 1000n); // 15 from the buffer, nothing queued
      expect((await vault.getRedeemRequest(1n)).withdrawalId).to.equal(0n);
      await time.increase(DELAY);
      await expect(vault.connect(alice).claimRedeem(1n)).to.be.revertedWithCustomError(
        vault,
        "NotEnoughIdle",
      );
      await vault.completeQueuedWithdrawals(10n);
      await expect(vault.connect(alice).claimRedeem(1n)).to.emit(vault, "RedeemClaimed");
    });
  });
});
