/**
 * RestakingPod and the manager's native-restaking side (EigenLayer's EigenPod and EigenPodManager):
 * a pod per staker is its validators' withdrawal address; verifying a validator credits its
 * balance as native-ETH shares (a read of the simulator stands in for a beacon-state proof); a
 * checkpoint turns consensus-layer gains into shares and losses into a lower beacon chain
 * slashing factor; withdrawals are paid in ETH from the pod once validators have been swept.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { restakingFixtures } from "../helpers/fixtures/restaking.js";
import { BPS, SECONDS_PER_YEAR, WAD, ether } from "../helpers/index.js";
import type { Signer } from "ethers";

import type { BeaconChainSimulator } from "../../types/ethers-contracts/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { podFixture, nativeRestakerFixture } = restakingFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei; // 32 ETH

/** Turns consensus rewards on (3 % APR) for exactly one year, then off again, so balances stay round. */
async function earnForOneYear(simulator: BeaconChainSimulator, teacher: Signer): Promise<void> {
  await simulator.connect(teacher).setRewardAprBps(realistic.rewardAprBps);
  await time.setNextBlockTimestamp(BigInt(await time.latest()) + SECONDS_PER_YEAR);
  await simulator.connect(teacher).setRewardAprBps(0n);
}

describe("RestakingPod", function () {
  describe("createPod (RestakingManager)", function () {
    it("clones a pod for the sender, owned by it", async function () {
      const { manager, simulator, stranger } = await networkHelpers.loadFixture(podFixture);
      const predicted = await manager.connect(stranger).createPod.staticCall();
      await expect(manager.connect(stranger).createPod())
        .to.emit(manager, "PodDeployed")
        .withArgs(stranger.address, predicted);
      const pod = await ethers.getContractAt("RestakingPod", predicted);
      expect(await manager.podOf(stranger.address)).to.equal(predicted);
      expect(await pod.podOwner()).to.equal(stranger.address);
      expect(await pod.manager()).to.equal(await manager.getAddress());
      expect(await pod.simulator()).to.equal(await simulator.getAddress());
      expect(await pod.restakedBalance()).to.equal(0n);
    });

    describe("when the sender already has a pod", function () {
      it("reverts with PodAlreadyExists", async function () {
        const { manager, pod, dave } = await networkHelpers.loadFixture(podFixture);
        await expect(manager.connect(dave).createPod())
          .to.be.revertedWithCustomError(manager, "PodAlreadyExists")
          .withArgs(dave.address, await pod.getAddress());
      });
    });
  });

  describe("initialize", function () {
    describe("when a stranger calls it, on a pod or on the implementation", function () {
      it("reverts with NotManager", async function () {
        const { manager, pod, stranger } = await networkHelpers.loadFixture(podFixture);
        const implementation = await ethers.getContractAt(
          "RestakingPod",
          await manager.podImplementation(),
        );
        for (const target of [pod, implementation]) {
          await expect(target.connect(stranger).initialize(stranger.address))
            .to.be.revertedWithCustomError(pod, "NotManager")
            .withArgs(stranger.address);
        }
      });
    });

    describe("when the pod already has an owner", function () {
      it("reverts with AlreadyInitialized, even for the manager", async function () {
        const { manager, pod, dave, stranger } = await networkHelpers.loadFixture(podFixture);
        const managerAddress = await manager.getAddress();
        await networkHelpers.impersonateAccount(managerAddress);
        await networkHelpers.setBalance(managerAddress, ether(1));
        const asManager = await ethers.getSigner(managerAddress);
        await expect(pod.connect(asManager).initialize(stranger.address))
          .to.be.revertedWithCustomError(pod, "AlreadyInitialized")
          .withArgs(dave.address);
      });
    });
  });

  describe("stake", function () {
    it("deposits a validator with the pod as withdrawal address", async function () {
      const { pod, simulator, dave } = await networkHelpers.loadFixture(podFixture);
      const pubkeyHash = ethers.id("dave-validator-0");
      const index = await simulator.validatorCount();
      expect(await pod.connect(dave).stake.staticCall(pubkeyHash, { value: DEPOSIT })).to.equal(
        index,
      );
      await expect(pod.connect(dave).stake(pubkeyHash, { value: DEPOSIT }))
        .to.emit(pod, "ValidatorStaked")
        .withArgs(index, pubkeyHash, DEPOSIT);
      expect((await simulator.getValidator(index)).withdrawalAddress).to.equal(
        await pod.getAddress(),
      );
      expect(await simulator.validatorBalance(index)).to.equal(DEPOSIT);
    });

    describe("when the ETH sent is not exactly one validator deposit", function () {
      for (const sent of [DEPOSIT - 1n, DEPOSIT + 1n]) {
        it(`reverts with WrongDepositAmount for ${sent} wei`, async function () {
          const { pod, dave } = await networkHelpers.loadFixture(podFixture);
          await expect(pod.connect(dave).stake(ethers.id("v"), { value: sent }))
            .to.be.revertedWithCustomError(pod, "WrongDepositAmount")
            .withArgs(sent, DEPOSIT);
        });
      }
    });

    describe("when the owner's beacon chain slashing factor is 0", function () {
      it("reverts with PodFullySlashed: a new validator could never be credited nor withdrawn", async function () {
        const { manager, pod, simulator, teacher, dave, validatorIndex } =
          await networkHelpers.loadFixture(nativeRestakerFixture);
        await simulator.connect(teacher).penalize(validatorIndex, DEPOSIT); // all 32 ETH lost
        await pod.checkpoint();
        expect(await manager.beaconChainSlashingFactor(dave.address)).to.equal(0n);
        await expect(pod.connect(dave).stake(ethers.id("dave-validator-1"), { value: DEPOSIT }))
          .to.be.revertedWithCustomError(pod, "PodFullySlashed")
          .withArgs(dave.address);
        // What the owner can still do: exit its validator and queue a withdrawal (worth 0).
        await pod.connect(dave).requestExit(validatorIndex);
        const beaconChainETH = await manager.beaconChainETHStrategy();
        await manager.connect(dave).queueWithdrawal(beaconChainETH, DEPOSIT);
        const [, amount] = await manager.previewWithdrawal(await manager.withdrawalCount());
        expect(amount).to.equal(0n);
      });

      it("accepts a stake while the factor is above 0, however low (1 wei of WAD)", async function () {
        const { manager, pod, simulator, teacher, dave, validatorIndex } =
          await networkHelpers.loadFixture(nativeRestakerFixture);
        await simulator.connect(teacher).penalize(validatorIndex, DEPOSIT - 32n); // 32 wei left
        await pod.checkpoint();
        // l = ⌊1e18 × 32 wei / 32 ETH⌋ = 1.
        expect(await manager.beaconChainSlashingFactor(dave.address)).to.equal(
          (WAD * 32n) / DEPOSIT,
        );
        await expect(
          pod.connect(dave).stake(ethers.id("dave-validator-1"), { value: DEPOSIT }),
        ).to.emit(pod, "ValidatorStaked");
      });
    });

    describe("when a stranger calls it", function () {
      it("reverts with NotPodOwner", async function () {
        const { pod, dave, stranger } = await networkHelpers.loadFixture(podFixture);
        await expect(pod.connect(stranger).stake(ethers.id("v"), { value: DEPOSIT }))
          .to.be.revertedWithCustomError(pod, "NotPodOwner")
          .withArgs(stranger.address, dave.address);
      });
    });
  });

  describe("verifyWithdrawalCredentials", function () {
    it("credits the validator's balance as native-ETH shares of the owner (anyone may call it)", async function () {
      const { manager, pod, simulator, dave, stranger, beaconChainETH } =
        await networkHelpers.loadFixture(podFixture);
      const index = await simulator.validatorCount();
      await pod.connect(dave).stake(ethers.id("dave-validator-0"), { value: DEPOSIT });
      await expect(pod.connect(stranger).verifyWithdrawalCredentials(index))
        .to.emit(pod, "ValidatorCredited")
        .withArgs(index, DEPOSIT)
        .and.to.emit(manager, "Deposited")
        .withArgs(dave.address, beaconChainETH, DEPOSIT, DEPOSIT);
      expect(await manager.depositShares(dave.address, beaconChainETH)).to.equal(DEPOSIT);
      expect(await manager.withdrawableUnderlying(dave.address, beaconChainETH)).to.equal(DEPOSIT);
      expect(await pod.trackedValidatorBalance()).to.equal(DEPOSIT);
      expect(await pod.verifiedValidatorCount()).to.equal(1n);
      expect(await pod.isVerified(index)).to.equal(true);
    });

    it("credits nothing for a validator already exited and swept: its ETH, in the pod, is counted by the next checkpoint", async function () {
      const { manager, pod, simulator, dave, beaconChainETH } =
        await networkHelpers.loadFixture(podFixture);
      const index = await simulator.validatorCount();
      await pod.connect(dave).stake(ethers.id("dave-validator-0"), { value: DEPOSIT });
      await pod.connect(dave).requestExit(index);
      await time.increase(realistic.exitDelaySeconds);
      await simulator.sweep(index);
      await expect(pod.verifyWithdrawalCredentials(index))
        .to.emit(pod, "ValidatorCredited")
        .withArgs(index, 0n);
      await expect(pod.checkpoint())
        .to.emit(pod, "CheckpointFinalized")
        .withArgs(0n, DEPOSIT, DEPOSIT);
      expect(await manager.depositShares(dave.address, beaconChainETH)).to.equal(DEPOSIT);
      expect(await pod.withdrawableRestakedETH()).to.equal(DEPOSIT);
    });

    describe("when the validator pays another withdrawal address", function () {
      it("reverts with WrongWithdrawalAddress", async function () {
        const { pod, simulator, alice } = await networkHelpers.loadFixture(podFixture);
        const index = await simulator.validatorCount();
        await simulator
          .connect(alice)
          .deposit(ethers.id("alice-solo"), alice.address, { value: DEPOSIT });
        await expect(pod.verifyWithdrawalCredentials(index))
          .to.be.revertedWithCustomError(pod, "WrongWithdrawalAddress")
          .withArgs(index, alice.address);
      });
    });

    describe("when the validator was already verified", function () {
      it("reverts with AlreadyVerified", async function () {
        const { pod, validatorIndex } = await networkHelpers.loadFixture(nativeRestakerFixture);
        await expect(pod.verifyWithdrawalCredentials(validatorIndex))
          .to.be.revertedWithCustomError(pod, "AlreadyVerified")
          .withArgs(validatorIndex);
      });
    });
  });

  describe("checkpoint", function () {
    it("reports nothing when nothing changed", async function () {
      const { manager, pod } = await networkHelpers.loadFixture(nativeRestakerFixture);
      await expect(pod.checkpoint())
        .to.emit(pod, "CheckpointFinalized")
        .withArgs(DEPOSIT, 0n, 0n)
        .and.not.to.emit(manager, "Deposited");
    });

    it("turns consensus rewards into new shares", async function () {
      const { manager, pod, simulator, teacher, dave, validatorIndex, beaconChainETH } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      await earnForOneYear(simulator, teacher); // freeze the balance for exact numbers
      const gain = (await simulator.validatorBalance(validatorIndex)) - DEPOSIT;
      expect(gain).to.equal((DEPOSIT * realistic.rewardAprBps) / BPS); // 0.96 ETH
      await expect(pod.checkpoint())
        .to.emit(manager, "Deposited")
        .withArgs(dave.address, beaconChainETH, gain, gain);
      expect(await manager.withdrawableShares(dave.address, beaconChainETH)).to.equal(
        DEPOSIT + gain,
      );
    });

    it("sees a skim as ETH moving from the validator to the pod: no change in shares", async function () {
      const { manager, pod, simulator, teacher, dave, validatorIndex, beaconChainETH } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      await earnForOneYear(simulator, teacher);
      await pod.checkpoint();
      const shares = await manager.depositShares(dave.address, beaconChainETH);
      const skimmed = (DEPOSIT * realistic.rewardAprBps) / BPS;
      await simulator.sweep(validatorIndex);
      await expect(pod.checkpoint())
        .to.emit(pod, "CheckpointFinalized")
        .withArgs(DEPOSIT, skimmed, 0n);
      expect(await manager.depositShares(dave.address, beaconChainETH)).to.equal(shares);
      expect(await pod.withdrawableRestakedETH()).to.equal(skimmed);
    });

    it("lowers the owner's beacon chain slashing factor on a loss, not its shares", async function () {
      const { manager, pod, simulator, teacher, dave, operator, validatorIndex, beaconChainETH } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      const penalty = ether(1);
      await simulator.connect(teacher).penalize(validatorIndex, penalty);
      const newFactor = (WAD * (DEPOSIT - penalty)) / DEPOSIT; // 31/32
      await expect(pod.connect(teacher).checkpoint())
        .to.emit(manager, "BeaconChainSlashingFactorDecreased")
        .withArgs(dave.address, WAD, newFactor)
        .and.to.emit(manager, "OperatorSharesDecreased")
        .withArgs(operator.address, dave.address, beaconChainETH, penalty);
      expect(await manager.beaconChainSlashingFactor(dave.address)).to.equal(newFactor);
      expect(await manager.depositShares(dave.address, beaconChainETH)).to.equal(DEPOSIT);
      expect(await manager.withdrawableShares(dave.address, beaconChainETH)).to.equal(
        DEPOSIT - penalty,
      );
      expect(await manager.operatorShares(operator.address, beaconChainETH)).to.equal(
        DEPOSIT - penalty,
      );
    });

    it("lowers the factor of an undelegated owner too", async function () {
      const { manager, pod, simulator, teacher, dave, validatorIndex, beaconChainETH } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      await manager.connect(dave).undelegate();
      await simulator.connect(teacher).penalize(validatorIndex, ether(2));
      await pod.checkpoint();
      expect(await manager.beaconChainSlashingFactor(dave.address)).to.equal((WAD * 30n) / 32n);
      const [, amount] = await manager.previewWithdrawal(await manager.withdrawalCount());
      expect(amount, "the queued withdrawal bears the loss").to.equal(ether(30));
    });

    it("takes a loss of everything down to a zero factor", async function () {
      const { manager, pod, simulator, teacher, dave, validatorIndex, beaconChainETH } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      await simulator.connect(teacher).penalize(validatorIndex, DEPOSIT);
      await pod.checkpoint();
      expect(await manager.beaconChainSlashingFactor(dave.address)).to.equal(0n);
      expect(await manager.withdrawableShares(dave.address, beaconChainETH)).to.equal(0n);
    });

    describe("when a validator of the pod is not verified", function () {
      it("reverts with UnverifiedValidators", async function () {
        const { pod, dave } = await networkHelpers.loadFixture(nativeRestakerFixture);
        await pod.connect(dave).stake(ethers.id("dave-validator-1"), { value: DEPOSIT });
        await expect(pod.checkpoint())
          .to.be.revertedWithCustomError(pod, "UnverifiedValidators")
          .withArgs(1n, 2n);
      });
    });
  });

  describe("requestExit", function () {
    it("asks the consensus layer to exit the validator", async function () {
      const { pod, simulator, dave, validatorIndex } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      await expect(pod.connect(dave).requestExit(validatorIndex))
        .to.emit(pod, "ValidatorExitRequested")
        .withArgs(validatorIndex);
      expect((await simulator.getValidator(validatorIndex)).status).to.equal(2n); // Exiting
    });

    describe("when a stranger calls it", function () {
      it("reverts with NotPodOwner", async function () {
        const { pod, dave, stranger, validatorIndex } =
          await networkHelpers.loadFixture(nativeRestakerFixture);
        await expect(pod.connect(stranger).requestExit(validatorIndex))
          .to.be.revertedWithCustomError(pod, "NotPodOwner")
          .withArgs(stranger.address, dave.address);
      });
    });
  });

  describe("native withdrawals (queueWithdrawal, completeQueuedWithdrawal)", function () {
    it("pays the owner in ETH from the pod after the exit, the sweep, a checkpoint and the delay", async function () {
      const { manager, pod, simulator, dave, validatorIndex, beaconChainETH } =
        await networkHelpers.loadFixture(nativeRestakerFixture);
      await manager.connect(dave).queueWithdrawal(beaconChainETH, DEPOSIT);
      const id = await manager.withdrawalCount();
      await pod.connect(dave).requestExit(validatorIndex);
      await time.increase(realistic.exitDelaySeconds);
      await simulator.sweep(validatorIndex);
      await pod.checkpoint();
      await time.increaseTo(await manager.completableAt(id));
      const tx = manager.connect(dave).completeQueuedWithdrawal(id);
      await expect(tx)
        .to.emit(pod, "RestakedETHWithdrawn")
        .withArgs(dave.address, DEPOSIT)
        .and.to.emit(manager, "WithdrawalCompleted")
        .withArgs(id, dave.address, beaconChainETH, DEPOSIT, DEPOSIT);
      await expect(tx).to.changeEtherBalances(ethers, [dave, pod], [DEPOSIT, -DEPOSIT]);
      expect(await pod.restakedBalance()).to.equal(0n);
    });

    describe("when the ETH has not been swept into the pod yet", function () {
      it("reverts with InsufficientWithdrawableETH", async function () {
        const { manager, pod, dave, beaconChainETH } =
          await networkHelpers.loadFixture(nativeRestakerFixture);
        await manager.connect(dave).queueWithdrawal(beaconChainETH, DEPOSIT);
        await time.increase(realistic.restakingWithdrawalDelaySeconds);
        await expect(
          manager.connect(dave).completeQueuedWithdrawal(await manager.withdrawalCount()),
        )
          .to.be.revertedWithCustomError(pod, "InsufficientWithdrawableETH")
          .withArgs(DEPOSIT, 0n);
      });
    });
  });

  describe("withdrawRestakedBeaconChainETH", function () {
    describe("when a stranger calls it", function () {
      it("reverts with NotManager", async function () {
        const { pod, stranger } = await networkHelpers.loadFixture(nativeRestakerFixture);
        await expect(pod.connect(stranger).withdrawRestakedBeaconChainETH(stranger.address, 1n))
          .to.be.revertedWithCustomError(pod, "NotManager")
          .withArgs(stranger.address);
      });
    });

    describe("when the owner cannot receive ETH", function () {
      it("reverts with ETHTransferFailed, and pays once the owner accepts", async function () {
        const { manager, simulator, beaconChainETH } = await networkHelpers.loadFixture(podFixture);
        const owner = await ethers.deployContract("ReentrantPodOwner", [
          await manager.getAddress(),
        ]);
        await owner.createPod();
        const pod = await ethers.getContractAt("RestakingPod", await owner.pod());
        const index = await simulator.validatorCount();
        await owner.stake(ethers.id("contract-validator"), { value: DEPOSIT });
        await pod.verifyWithdrawalCredentials(index);
        await owner.queueAll();
        await owner.requestExit(index);
        await time.increase(realistic.restakingWithdrawalDelaySeconds);
        await simulator.sweep(index);
        await pod.checkpoint();
        await owner.setMode(2n); // Refuse
        await expect(owner.complete())
          .to.be.revertedWithCustomError(pod, "ETHTransferFailed")
          .withArgs(await owner.getAddress(), DEPOSIT);
        await owner.setMode(0n); // Accept
        await expect(owner.complete()).to.changeEtherBalance(ethers, owner, DEPOSIT);
        expect(await manager.depositShares(owner, beaconChainETH)).to.equal(0n);
      });
    });
  });

  describe("recordBeaconChainETHBalanceUpdate (RestakingManager)", function () {
    describe("when the caller is not a pod", function () {
      it("reverts with NotPod", async function () {
        const { manager, dave, stranger } = await networkHelpers.loadFixture(nativeRestakerFixture);
        await expect(
          manager.connect(stranger).recordBeaconChainETHBalanceUpdate(dave.address, DEPOSIT, 1n),
        )
          .to.be.revertedWithCustomError(manager, "NotPod")
          .withArgs(stranger.address);
      });
    });

    describe("when a pod reports for another owner, or for no one", function () {
      it("reverts with NotPod", async function () {
        const { manager, pod, alice } = await networkHelpers.loadFixture(nativeRestakerFixture);
        const podAddress = await pod.getAddress();
        await networkHelpers.impersonateAccount(podAddress);
        const asPod = await ethers.getSigner(podAddress);
        for (const owner of [alice.address, ethers.ZeroAddress]) {
          await expect(manager.connect(asPod).recordBeaconChainETHBalanceUpdate(owner, DEPOSIT, 1n))
            .to.be.revertedWithCustomError(manager, "NotPod")
            .withArgs(podAddress);
        }
      });
    });
  });
});
