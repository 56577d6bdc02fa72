/**
 * RestakingManager: deposits into strategies (EigenLayer's StrategyManager) and delegation
 * (DelegationManager): `depositIntoStrategy`, `delegateTo`, `undelegate`, and the share views.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { HALF_MAGNITUDE, restakingFixtures } from "../helpers/fixtures/restaking.js";
import {
  WAD,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  scalingRoundingMargin,
} from "../helpers/index.js";
import { depositLst, depositTestToken, nextWithdrawalId } from "./restaking-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deployRestakingFixture, operatorsAndAVSsFixture, delegatedStakersFixture } =
  restakingFixtures(connection);

describe("RestakingManager", function () {
  describe("depositIntoStrategy", function () {
    it("takes the tokens and gives shares 1:1 into an empty strategy", async function () {
      const fixture = await networkHelpers.loadFixture(deployRestakingFixture);
      const { manager, pool, lst, alice } = fixture;
      const amount = ether(10);
      await pool.connect(alice).deposit({ value: amount });
      await lst.connect(alice).approve(manager, amount);
      const tx = manager.connect(alice).depositIntoStrategy(lst, amount);
      await expect(tx)
        .to.emit(manager, "Deposited")
        .withArgs(alice.address, await lst.getAddress(), amount, amount)
        .and.to.emit(manager, "DepositScalingFactorUpdated")
        .withArgs(alice.address, await lst.getAddress(), WAD);
      await expect(tx).to.changeTokenBalances(ethers, lst, [alice, manager], [-amount, amount]);
      const strategy = await manager.getStrategy(lst);
      expect([strategy.totalShares, strategy.totalAssets]).to.deep.equal([amount, amount]);
      expect(await manager.depositShares(alice.address, lst)).to.equal(amount);
      expect(await manager.withdrawableShares(alice.address, lst)).to.equal(amount);
      expect(await manager.withdrawableUnderlying(alice.address, lst)).to.equal(amount);
    });

    it("returns the shares it mints", async function () {
      const { manager, secondToken, alice } =
        await networkHelpers.loadFixture(deployRestakingFixture);
      await secondToken.mint(alice.address, ether(2));
      await secondToken.connect(alice).approve(manager, ether(2));
      expect(
        await manager.connect(alice).depositIntoStrategy.staticCall(secondToken, ether(2)),
      ).to.equal(ether(2));
    });

    it("delegates the new shares when the staker is delegated", async function () {
      const { manager, secondToken, alice, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      const before = await manager.operatorShares(operator.address, secondToken);
      await secondToken.mint(alice.address, ether(7));
      await secondToken.connect(alice).approve(manager, ether(7));
      await expect(manager.connect(alice).depositIntoStrategy(secondToken, ether(7)))
        .to.emit(manager, "OperatorSharesIncreased")
        .withArgs(operator.address, alice.address, await secondToken.getAddress(), ether(7));
      expect(await manager.operatorShares(operator.address, secondToken)).to.equal(
        before + ether(7),
      );
    });

    it("adds exactly the deposit to a slashed delegator's withdrawable shares (k is reset)", async function () {
      const { manager, secondToken, alice, avs, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      const before = await manager.withdrawableShares(alice.address, secondToken); // 95
      await depositTestToken(manager, secondToken, alice, ether(10));
      const after = await manager.withdrawableShares(alice.address, secondToken);
      expectAtMost(after, before + ether(10), "the deposit never adds more than itself");
      expectEqualWithinRounding(after, before + ether(10), "95 + 10", scalingRoundingMargin(after));
    });

    describe("when the token is native ETH", function () {
      it("reverts with UseAPodForNativeETH", async function () {
        const { manager, alice, beaconChainETH } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(
          manager.connect(alice).depositIntoStrategy(beaconChainETH, 1n),
        ).to.be.revertedWithCustomError(manager, "UseAPodForNativeETH");
      });
    });

    describe("when the token is not a strategy", function () {
      it("reverts with StrategyNotFound", async function () {
        const { manager, alice, rewardToken } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(alice).depositIntoStrategy(rewardToken, 1n))
          .to.be.revertedWithCustomError(manager, "StrategyNotFound")
          .withArgs(await rewardToken.getAddress());
      });
    });

    describe("when the amount is zero", function () {
      it("reverts with ZeroShares(0)", async function () {
        const { manager, alice, lst } = await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(alice).depositIntoStrategy(lst, 0n))
          .to.be.revertedWithCustomError(manager, "ZeroShares")
          .withArgs(0n);
      });
    });

    describe("when the operator was slashed to nothing", function () {
      it("reverts with FullySlashed: no new stake can join a zero magnitude", async function () {
        const { manager, secondToken, alice, avs, operator } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        // The operator allocates its other 50 % too, then the AVS slashes all of it.
        await manager.connect(operator).modifyAllocation(avs.address, secondToken, WAD);
        await time.increase(realistic.allocationDelaySeconds); // the increase becomes slashable
        await manager.connect(avs).slashOperator(operator.address, WAD, "everything");
        expect(await manager.maxMagnitude(operator.address, secondToken)).to.equal(0n);
        await secondToken.mint(alice.address, 1n);
        await secondToken.connect(alice).approve(manager, 1n);
        await expect(manager.connect(alice).depositIntoStrategy(secondToken, 1n))
          .to.be.revertedWithCustomError(manager, "FullySlashed")
          .withArgs(operator.address, await secondToken.getAddress());
      });
    });

    describe("boundaries", function () {
      it("gives 1 share for 1 wei", async function () {
        const { manager, secondToken, alice } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await depositTestToken(manager, secondToken, alice, 1n);
        expect(await manager.depositShares(alice.address, secondToken)).to.equal(1n);
      });
    });
  });

  describe("delegateTo", function () {
    it("moves all of the staker's shares to the operator without changing what it can withdraw", async function () {
      const { manager, lst, secondToken, carol, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      const stake = ether(100);
      await expect(manager.connect(carol).delegateTo(operator.address))
        .to.emit(manager, "StakerDelegated")
        .withArgs(carol.address, operator.address)
        .and.to.emit(manager, "OperatorSharesIncreased")
        .withArgs(operator.address, carol.address, await lst.getAddress(), stake)
        .and.to.emit(manager, "OperatorSharesIncreased")
        .withArgs(operator.address, carol.address, await secondToken.getAddress(), stake);
      expect(await manager.delegatedTo(carol.address)).to.equal(operator.address);
      expect(await manager.withdrawableShares(carol.address, lst)).to.equal(stake);
      expect(await manager.operatorShares(operator.address, lst)).to.equal(2n * stake); // alice + carol
    });

    it("sets k = k / m after a slash, so the operator's earlier slashes do not reach the staker", async function () {
      const { manager, secondToken, carol, avs, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      const magnitude = WAD - HALF_MAGNITUDE / 10n; // 0.95
      await manager.connect(carol).delegateTo(operator.address);
      expect(await manager.depositScalingFactor(carol.address, secondToken)).to.equal(
        (WAD * WAD) / magnitude,
      );
      const shares = await manager.withdrawableShares(carol.address, secondToken);
      expectAtMost(shares, ether(100), "never more than before");
      expectEqualWithinRounding(
        shares,
        ether(100),
        "carol keeps 100",
        scalingRoundingMargin(ether(100)),
      );
    });

    it("accepts a staker with no shares yet", async function () {
      const { manager, stranger, operator } =
        await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      await manager.connect(stranger).delegateTo(operator.address);
      expect(await manager.delegatedTo(stranger.address)).to.equal(operator.address);
    });

    describe("when the staker is already delegated", function () {
      it("reverts with AlreadyDelegated", async function () {
        const { manager, alice, operator, otherOperator } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(alice).delegateTo(otherOperator.address))
          .to.be.revertedWithCustomError(manager, "AlreadyDelegated")
          .withArgs(alice.address, operator.address);
      });
    });

    describe("when the target is not an operator", function () {
      it("reverts with NotOperator", async function () {
        const { manager, carol, stranger } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(carol).delegateTo(stranger.address))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
      });
    });

    describe("when the operator was slashed to nothing in a strategy the staker holds", function () {
      it("reverts with FullySlashed", async function () {
        const { manager, secondToken, carol, avs, operator } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await manager.connect(operator).modifyAllocation(avs.address, secondToken, WAD);
        await time.increase(realistic.allocationDelaySeconds); // the increase becomes slashable
        await manager.connect(avs).slashOperator(operator.address, WAD, "everything");
        await expect(manager.connect(carol).delegateTo(operator.address))
          .to.be.revertedWithCustomError(manager, "FullySlashed")
          .withArgs(operator.address, await secondToken.getAddress());
      });
    });
  });

  describe("undelegate", function () {
    it("queues every strategy's shares and leaves the operator", async function () {
      const { manager, lst, secondToken, alice, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      const first = await nextWithdrawalId(manager);
      expect(await manager.connect(alice).undelegate.staticCall()).to.deep.equal([
        first,
        first + 1n,
      ]);
      await expect(manager.connect(alice).undelegate())
        .to.emit(manager, "StakerUndelegated")
        .withArgs(alice.address, operator.address)
        .and.to.emit(manager, "WithdrawalQueued")
        .withArgs(
          first,
          alice.address,
          operator.address,
          await lst.getAddress(),
          ether(100),
          ether(100),
          ether(100),
        )
        .and.to.emit(manager, "WithdrawalQueued")
        .withArgs(
          first + 1n,
          alice.address,
          operator.address,
          await secondToken.getAddress(),
          ether(100),
          ether(100),
          ether(100),
        );
      expect(await manager.delegatedTo(alice.address)).to.equal(ethers.ZeroAddress);
      expect(await manager.depositShares(alice.address, lst)).to.equal(0n);
      expect(await manager.operatorShares(operator.address, lst)).to.equal(0n);
    });

    it("leaves the queued stake slashable by the old operator for the withdrawal delay", async function () {
      const { manager, lst, alice, avs, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(alice).undelegate();
      const id = (await manager.withdrawalCount()) - 1n; // the LST withdrawal
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault");
      await time.increase(realistic.restakingWithdrawalDelaySeconds);
      await expect(manager.connect(alice).completeQueuedWithdrawal(id)).to.changeTokenBalance(
        ethers,
        lst,
        alice,
        ether(95),
      );
    });

    it("lets the staker delegate again, to another operator", async function () {
      const { manager, alice, otherOperator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(alice).undelegate();
      await manager.connect(alice).delegateTo(otherOperator.address);
      expect(await manager.delegatedTo(alice.address)).to.equal(otherOperator.address);
    });

    describe("when the staker is not delegated", function () {
      it("reverts with NotDelegated", async function () {
        const { manager, carol } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(carol).undelegate())
          .to.be.revertedWithCustomError(manager, "NotDelegated")
          .withArgs(carol.address);
      });
    });

    describe("when the staker is an operator", function () {
      it("reverts with OperatorCannotUndelegate", async function () {
        const { manager, operator } = await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(operator).undelegate())
          .to.be.revertedWithCustomError(manager, "OperatorCannotUndelegate")
          .withArgs(operator.address);
      });
    });

    describe("boundaries", function () {
      it("queues nothing for a delegated staker with no shares", async function () {
        const { manager, stranger, operator } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await manager.connect(stranger).delegateTo(operator.address);
        expect(await manager.connect(stranger).undelegate.staticCall()).to.deep.equal([]);
      });
    });
  });

  describe("sharesToUnderlying and underlyingToShares", function () {
    it("price shares on accounted holdings plus 1e3 virtual shares and tokens, rounding down", async function () {
      const fixture = await networkHelpers.loadFixture(deployRestakingFixture);
      const { manager, lst, alice } = fixture;
      expect(await manager.sharesToUnderlying(lst, ether(1))).to.equal(ether(1)); // (0 + 1e3) / (0 + 1e3)
      await depositLst(fixture, alice, ether(10));
      expect(await manager.underlyingToShares(lst, ether(1))).to.equal(ether(1));
    });
  });

  describe("convertToDepositShares", function () {
    it("gives the deposit shares to queue for a withdrawable amount after a slash (rounded down)", async function () {
      const { manager, secondToken, alice, avs, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault"); // m = 0.95
      const depositShares = await manager.convertToDepositShares(
        alice.address,
        secondToken,
        ether(19),
      );
      expect(depositShares).to.equal((ether(19) * WAD) / (WAD - HALF_MAGNITUDE / 10n)); // 20
      await manager.connect(alice).queueWithdrawal(secondToken, depositShares);
      const [shares] = await manager.previewWithdrawal(await manager.withdrawalCount());
      expectAtMost(shares, ether(19), "queueing the conversion never withdraws more than asked");
    });

    it("returns 0 when the operator was slashed to nothing", async function () {
      const { manager, secondToken, alice, avs, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(operator).modifyAllocation(avs.address, secondToken, WAD);
      await time.increase(realistic.allocationDelaySeconds); // the increase becomes slashable
      await manager.connect(avs).slashOperator(operator.address, WAD, "everything");
      expect(await manager.convertToDepositShares(alice.address, secondToken, ether(1))).to.equal(
        0n,
      );
    });
  });
});
