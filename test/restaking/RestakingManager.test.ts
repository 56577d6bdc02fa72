/**
 * RestakingManager: construction, the admin's functions (strategies, reward tokens, pause) and
 * registrations (operators, AVSs, opt-ins, operator split).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { classroom, realistic } from "../../config/profiles.js";
import { restakingFixtures } from "../helpers/fixtures/restaking.js";
import { BPS, WAD, ether } from "../helpers/index.js";
import { depositLst, depositTestToken } from "./restaking-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deployRestakingFixture, operatorsAndAVSsFixture, delegatedStakersFixture } =
  restakingFixtures(connection);

const classroomFixtures = restakingFixtures(connection, classroom);

/** Delegated stakers and a native restaker, with the classroom profile. */
async function classroomFixture() {
  const stakers = await classroomFixtures.delegatedStakersFixture();
  const native = await classroomFixtures.nativeRestakerFixture();
  return { ...stakers, pod: native.pod };
}

const BEACON_CHAIN_ETH = "0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0";
const BURN_ADDRESS = "0x000000000000000000000000000000000000dEaD";

describe("RestakingManager", function () {
  describe("constructor", function () {
    it("stores the simulator, the delays and the default operator split of the profile", async function () {
      const { manager, simulator } = await networkHelpers.loadFixture(deployRestakingFixture);
      expect(await manager.simulator()).to.equal(await simulator.getAddress());
      expect(await manager.withdrawalDelay()).to.equal(realistic.restakingWithdrawalDelaySeconds);
      expect(await manager.deallocationDelay()).to.equal(realistic.deallocationDelaySeconds);
      expect(await manager.allocationDelay()).to.equal(realistic.allocationDelaySeconds);
      expect(await manager.defaultOperatorSplitBps()).to.equal(realistic.operatorSplitBps);
    });

    it("grants the admin DEFAULT_ADMIN_ROLE and PAUSER_ROLE", async function () {
      const { manager, admin } = await networkHelpers.loadFixture(deployRestakingFixture);
      expect(await manager.hasRole(await manager.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(
        true,
      );
      expect(await manager.hasRole(await manager.PAUSER_ROLE(), admin.address)).to.equal(true);
      expect(await manager.PAUSER_ROLE()).to.equal(ethers.id("PAUSER_ROLE"));
    });

    it("starts with native ETH as its first strategy, under EigenLayer's sentinel address", async function () {
      const { manager } = await networkHelpers.loadFixture(deployRestakingFixture);
      const fresh = await ethers.deployContract("RestakingManager", [
        ...(await networkHelpers.loadFixture(deployRestakingFixture)).managerArgs,
      ]);
      expect(await fresh.strategyTokens()).to.deep.equal([BEACON_CHAIN_ETH]);
      expect(await manager.beaconChainETHStrategy()).to.equal(BEACON_CHAIN_ETH);
      expect((await fresh.getStrategy(BEACON_CHAIN_ETH)).exists).to.equal(true);
      expect(await manager.burnAddress()).to.equal(BURN_ADDRESS);
    });

    it("deploys the pod implementation that every pod clones", async function () {
      const { manager, simulator } = await networkHelpers.loadFixture(deployRestakingFixture);
      const implementation = await ethers.getContractAt(
        "RestakingPod",
        await manager.podImplementation(),
      );
      expect(await implementation.manager()).to.equal(await manager.getAddress());
      expect(await implementation.simulator()).to.equal(await simulator.getAddress());
      expect(await implementation.podOwner()).to.equal(ethers.ZeroAddress);
    });

    it("builds with the classroom profile: minutes instead of days, faucet-sized stakes", async function () {
      const { manager, pod, lst, alice, stake } =
        await networkHelpers.loadFixture(classroomFixture);
      expect(await manager.withdrawalDelay()).to.equal(classroom.restakingWithdrawalDelaySeconds);
      expect(await manager.deallocationDelay()).to.equal(classroom.deallocationDelaySeconds);
      expect(await manager.allocationDelay()).to.equal(classroom.allocationDelaySeconds);
      expect(stake).to.equal(classroom.depositCapWei / 10n);
      expect(await manager.withdrawableShares(alice.address, lst)).to.equal(stake);
      expect(await pod.restakedBalance()).to.equal(classroom.validatorDepositWei);
    });

    describe("when an address is zero", function () {
      for (const [position, name] of [
        [0, "admin"],
        [1, "simulator"],
      ] as const) {
        it(`reverts with ZeroAddress("${name}")`, async function () {
          const { manager, managerArgs } = await networkHelpers.loadFixture(deployRestakingFixture);
          const args: unknown[] = [...managerArgs];
          args[position] = ethers.ZeroAddress;
          await expect(ethers.deployContract("RestakingManager", args))
            .to.be.revertedWithCustomError(manager, "ZeroAddress")
            .withArgs(name);
        });
      }
    });

    describe("when the allocation delay is not longer than the withdrawal delay", function () {
      it("reverts with AllocationDelayTooShort: delegators must be able to leave before new exposure", async function () {
        const { manager, managerArgs } = await networkHelpers.loadFixture(deployRestakingFixture);
        const args: unknown[] = [...managerArgs];
        args[4] = realistic.restakingWithdrawalDelaySeconds; // equal is not enough
        await expect(ethers.deployContract("RestakingManager", args))
          .to.be.revertedWithCustomError(manager, "AllocationDelayTooShort")
          .withArgs(
            realistic.restakingWithdrawalDelaySeconds,
            realistic.restakingWithdrawalDelaySeconds,
          );
        args[4] = realistic.restakingWithdrawalDelaySeconds + 1n; // one second longer is
        const fresh = await ethers.deployContract("RestakingManager", args);
        expect(await fresh.allocationDelay()).to.equal(args[4]);
      });
    });

    describe("when the default split is above 100 %", function () {
      it("reverts with BpsTooHigh", async function () {
        const { manager, managerArgs } = await networkHelpers.loadFixture(deployRestakingFixture);
        const args: unknown[] = [...managerArgs];
        args[5] = BPS + 1n;
        await expect(ethers.deployContract("RestakingManager", args))
          .to.be.revertedWithCustomError(manager, "BpsTooHigh")
          .withArgs(BPS + 1n);
      });
    });

    describe("boundaries", function () {
      for (const split of [0n, BPS]) {
        it(`accepts a default split of ${split} bps`, async function () {
          const { managerArgs } = await networkHelpers.loadFixture(deployRestakingFixture);
          const args: unknown[] = [...managerArgs];
          args[5] = split;
          const fresh = await ethers.deployContract("RestakingManager", args);
          expect(await fresh.defaultOperatorSplitBps()).to.equal(split);
        });
      }
    });
  });

  describe("addStrategy", function () {
    it("accepts a token as a strategy with no shares and no assets", async function () {
      const { manager, admin } = await networkHelpers.loadFixture(deployRestakingFixture);
      const token = await ethers.deployContract("StrategyTestToken", ["Third", "THIRD"]);
      await expect(manager.connect(admin).addStrategy(token))
        .to.emit(manager, "StrategyAdded")
        .withArgs(await token.getAddress());
      const strategy = await manager.getStrategy(token);
      expect([strategy.exists, strategy.totalShares, strategy.totalAssets]).to.deep.equal([
        true,
        0n,
        0n,
      ]);
      expect((await manager.strategyTokens()).at(-1)).to.equal(await token.getAddress());
    });

    it("lists the LST right after native ETH (the fixture adds it first)", async function () {
      const { manager, lst, secondToken } =
        await networkHelpers.loadFixture(deployRestakingFixture);
      expect(await manager.strategyTokens()).to.deep.equal([
        BEACON_CHAIN_ETH,
        await lst.getAddress(),
        await secondToken.getAddress(),
      ]);
    });

    describe("when the token is the zero address", function () {
      it('reverts with ZeroAddress("token")', async function () {
        const { manager, admin } = await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(admin).addStrategy(ethers.ZeroAddress))
          .to.be.revertedWithCustomError(manager, "ZeroAddress")
          .withArgs("token");
      });
    });

    describe("when the token is already a strategy", function () {
      it("reverts with AlreadyAdded, native ETH included", async function () {
        const { manager, admin, lst } = await networkHelpers.loadFixture(deployRestakingFixture);
        for (const token of [await lst.getAddress(), BEACON_CHAIN_ETH]) {
          await expect(manager.connect(admin).addStrategy(token))
            .to.be.revertedWithCustomError(manager, "AlreadyAdded")
            .withArgs(token);
        }
      });
    });

    describe("when 8 strategies exist", function () {
      it("reverts with TooMany(8): slashing loops over them", async function () {
        const { manager, admin } = await networkHelpers.loadFixture(deployRestakingFixture);
        const max = await manager.MAX_STRATEGIES();
        while (BigInt((await manager.strategyTokens()).length) < max) {
          await manager.connect(admin).addStrategy(ethers.Wallet.createRandom().address);
        }
        await expect(manager.connect(admin).addStrategy(ethers.Wallet.createRandom().address))
          .to.be.revertedWithCustomError(manager, "TooMany")
          .withArgs(max);
        expect(max).to.equal(8n);
      });
    });

    describe("when a stranger calls it", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { manager, stranger } = await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(stranger).addStrategy(ethers.Wallet.createRandom().address))
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await manager.DEFAULT_ADMIN_ROLE());
      });
    });
  });

  describe("addRewardToken", function () {
    it("accepts a reward token", async function () {
      const { manager, admin, secondToken, rewardToken } =
        await networkHelpers.loadFixture(deployRestakingFixture);
      await expect(manager.connect(admin).addRewardToken(secondToken))
        .to.emit(manager, "RewardTokenAdded")
        .withArgs(await secondToken.getAddress());
      expect(await manager.rewardTokens()).to.deep.equal([
        await rewardToken.getAddress(),
        await secondToken.getAddress(),
      ]);
    });

    describe("when the token is the zero address", function () {
      it('reverts with ZeroAddress("token")', async function () {
        const { manager, admin } = await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(admin).addRewardToken(ethers.ZeroAddress))
          .to.be.revertedWithCustomError(manager, "ZeroAddress")
          .withArgs("token");
      });
    });

    describe("when the token is already a reward token", function () {
      it("reverts with AlreadyAdded", async function () {
        const { manager, admin, rewardToken } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(admin).addRewardToken(rewardToken))
          .to.be.revertedWithCustomError(manager, "AlreadyAdded")
          .withArgs(await rewardToken.getAddress());
      });
    });

    describe("when 4 reward tokens exist", function () {
      it("reverts with TooMany(4): every share change settles each of them", async function () {
        const { manager, admin } = await networkHelpers.loadFixture(deployRestakingFixture);
        const max = await manager.MAX_REWARD_TOKENS();
        while (BigInt((await manager.rewardTokens()).length) < max) {
          await manager.connect(admin).addRewardToken(ethers.Wallet.createRandom().address);
        }
        await expect(manager.connect(admin).addRewardToken(ethers.Wallet.createRandom().address))
          .to.be.revertedWithCustomError(manager, "TooMany")
          .withArgs(max);
        expect(max).to.equal(4n);
      });
    });

    describe("when a stranger calls it", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { manager, stranger, secondToken } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(stranger).addRewardToken(secondToken))
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await manager.DEFAULT_ADMIN_ROLE());
      });
    });
  });

  describe("pause", function () {
    it("stops deposits, queueing, undelegation, completion and reward claims", async function () {
      const fixture = await networkHelpers.loadFixture(delegatedStakersFixture);
      const { manager, admin, alice, lst, rewardToken } = fixture;
      await manager.connect(alice).queueWithdrawal(lst, ether(1));
      const id = await manager.withdrawalCount();
      await expect(manager.connect(admin).pause())
        .to.emit(manager, "Paused")
        .withArgs(admin.address);
      await time.increase(realistic.restakingWithdrawalDelaySeconds);
      const calls = [
        () => manager.connect(alice).depositIntoStrategy(lst, 1n),
        () => manager.connect(alice).queueWithdrawal(lst, 1n),
        () => manager.connect(alice).undelegate(),
        () => manager.connect(alice).completeQueuedWithdrawal(id),
        () => manager.connect(alice).claimRewards(rewardToken, alice.address),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(manager, "EnforcedPause");
      }
    });

    it("leaves slashing open: an AVS can still slash while users are paused", async function () {
      const { manager, admin, avs, operator } =
        await networkHelpers.loadFixture(delegatedStakersFixture);
      await manager.connect(admin).pause();
      await expect(
        manager.connect(avs).slashOperator(operator.address, WAD / 10n, "fault"),
      ).to.emit(manager, "OperatorSlashed");
    });

    describe("when a stranger calls it", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { manager, stranger } = await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(stranger).pause())
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await manager.PAUSER_ROLE());
      });
    });
  });

  describe("unpause", function () {
    it("lets deposits in again", async function () {
      const fixture = await networkHelpers.loadFixture(deployRestakingFixture);
      const { manager, admin, alice } = fixture;
      await manager.connect(admin).pause();
      await expect(manager.connect(admin).unpause())
        .to.emit(manager, "Unpaused")
        .withArgs(admin.address);
      await depositLst(fixture, alice, ether(1));
      expect(await manager.depositShares(alice.address, fixture.lst)).to.equal(ether(1));
    });

    describe("when a stranger calls it", function () {
      it("reverts with AccessControlUnauthorizedAccount", async function () {
        const { manager, admin, stranger } =
          await networkHelpers.loadFixture(deployRestakingFixture);
        await manager.connect(admin).pause();
        await expect(manager.connect(stranger).unpause())
          .to.be.revertedWithCustomError(manager, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await manager.PAUSER_ROLE());
      });
    });
  });

  describe("registerAsOperator", function () {
    it("registers the sender with the default split and delegates it to itself", async function () {
      const { manager, stranger } = await networkHelpers.loadFixture(deployRestakingFixture);
      await expect(manager.connect(stranger).registerAsOperator("ipfs://operator"))
        .to.emit(manager, "OperatorRegistered")
        .withArgs(stranger.address, realistic.operatorSplitBps, "ipfs://operator")
        .and.to.emit(manager, "StakerDelegated")
        .withArgs(stranger.address, stranger.address);
      expect(await manager.isOperator(stranger.address)).to.equal(true);
      expect(await manager.delegatedTo(stranger.address)).to.equal(stranger.address);
      expect(await manager.operatorSplitBps(stranger.address)).to.equal(realistic.operatorSplitBps);
    });

    it("makes the operator's own deposits delegated stake", async function () {
      const fixture = await networkHelpers.loadFixture(deployRestakingFixture);
      const { manager, stranger, secondToken } = fixture;
      await depositTestToken(manager, secondToken, stranger, ether(5));
      await expect(manager.connect(stranger).registerAsOperator(""))
        .to.emit(manager, "OperatorSharesIncreased")
        .withArgs(stranger.address, stranger.address, await secondToken.getAddress(), ether(5));
      expect(await manager.operatorShares(stranger.address, secondToken)).to.equal(ether(5));
      expect(await manager.withdrawableShares(stranger.address, secondToken)).to.equal(ether(5));
    });

    describe("when the sender is already an operator", function () {
      it("reverts with AlreadyOperator", async function () {
        const { manager, operator } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).registerAsOperator(""))
          .to.be.revertedWithCustomError(manager, "AlreadyOperator")
          .withArgs(operator.address);
      });
    });

    describe("when the sender is delegated to another operator", function () {
      it("reverts with AlreadyDelegated", async function () {
        const { manager, alice, operator } =
          await networkHelpers.loadFixture(delegatedStakersFixture);
        await expect(manager.connect(alice).registerAsOperator(""))
          .to.be.revertedWithCustomError(manager, "AlreadyDelegated")
          .withArgs(alice.address, operator.address);
      });
    });
  });

  describe("setOperatorSplit", function () {
    it("schedules the new split one withdrawal delay ahead, so delegators can leave first", async function () {
      const { manager, operator } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      const activatedAt =
        BigInt(await time.latest()) + 1n + realistic.restakingWithdrawalDelaySeconds;
      await expect(manager.connect(operator).setOperatorSplit(2000n))
        .to.emit(manager, "OperatorSplitSet")
        .withArgs(operator.address, realistic.operatorSplitBps, 2000n, activatedAt);
      expect(await manager.operatorSplitBps(operator.address)).to.equal(realistic.operatorSplitBps);
      await time.increaseTo(activatedAt - 1n);
      expect(await manager.operatorSplitBps(operator.address)).to.equal(realistic.operatorSplitBps);
      await time.increaseTo(activatedAt);
      expect(await manager.operatorSplitBps(operator.address)).to.equal(2000n);
    });

    it("replaces a pending change, starting from the split in force", async function () {
      const { manager, operator } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      await manager.connect(operator).setOperatorSplit(2000n);
      await expect(manager.connect(operator).setOperatorSplit(3000n))
        .to.emit(manager, "OperatorSplitSet")
        .withArgs(
          operator.address,
          realistic.operatorSplitBps,
          3000n,
          BigInt(await time.latest()) + 1n + realistic.restakingWithdrawalDelaySeconds,
        );
    });

    describe("when the sender is not an operator", function () {
      it("reverts with NotOperator", async function () {
        const { manager, stranger } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(stranger).setOperatorSplit(0n))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
      });
    });

    describe("when the split is above 100 %", function () {
      it("reverts with BpsTooHigh", async function () {
        const { manager, operator } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).setOperatorSplit(BPS + 1n))
          .to.be.revertedWithCustomError(manager, "BpsTooHigh")
          .withArgs(BPS + 1n);
      });
    });

    describe("boundaries", function () {
      for (const split of [0n, 1n, BPS]) {
        it(`accepts ${split} bps`, async function () {
          const { manager, operator } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
          await manager.connect(operator).setOperatorSplit(split);
          await time.increase(realistic.restakingWithdrawalDelaySeconds);
          expect(await manager.operatorSplitBps(operator.address)).to.equal(split);
        });
      }
    });
  });

  describe("registerAVS", function () {
    it("registers the sender with its slashed-funds recipient", async function () {
      const { manager, stranger, treasury } =
        await networkHelpers.loadFixture(deployRestakingFixture);
      await expect(manager.connect(stranger).registerAVS(treasury.address, "ipfs://avs"))
        .to.emit(manager, "AVSRegistered")
        .withArgs(stranger.address, treasury.address, "ipfs://avs");
      expect(await manager.isAVS(stranger.address)).to.equal(true);
      expect(await manager.slashedFundsRecipient(stranger.address)).to.equal(treasury.address);
    });

    it("burns visibly: the recipient may be the burn address 0x…dEaD", async function () {
      const { manager, otherAvs } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      expect(await manager.slashedFundsRecipient(otherAvs.address)).to.equal(BURN_ADDRESS);
    });

    describe("when the sender is already an AVS", function () {
      it("reverts with AlreadyAVS", async function () {
        const { manager, avs } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(avs).registerAVS(avs.address, ""))
          .to.be.revertedWithCustomError(manager, "AlreadyAVS")
          .withArgs(avs.address);
      });
    });

    describe("when the recipient is the zero address", function () {
      it('reverts with ZeroAddress("slashedFundsRecipient"): burning must name 0x…dEaD', async function () {
        const { manager, stranger } = await networkHelpers.loadFixture(deployRestakingFixture);
        await expect(manager.connect(stranger).registerAVS(ethers.ZeroAddress, ""))
          .to.be.revertedWithCustomError(manager, "ZeroAddress")
          .withArgs("slashedFundsRecipient");
      });
    });
  });

  describe("optInToAVS", function () {
    it("lets an operator opt in to an AVS", async function () {
      const { manager, stranger, avs } = await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      await manager.connect(stranger).registerAsOperator("");
      expect(await manager.isOptedIn(stranger.address, avs.address)).to.equal(false);
      await expect(manager.connect(stranger).optInToAVS(avs.address))
        .to.emit(manager, "OperatorOptedIn")
        .withArgs(stranger.address, avs.address);
      expect(await manager.isOptedIn(stranger.address, avs.address)).to.equal(true);
    });

    describe("when the sender is not an operator", function () {
      it("reverts with NotOperator", async function () {
        const { manager, stranger, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(stranger).optInToAVS(avs.address))
          .to.be.revertedWithCustomError(manager, "NotOperator")
          .withArgs(stranger.address);
      });
    });

    describe("when the AVS is not registered", function () {
      it("reverts with NotAVS", async function () {
        const { manager, operator, stranger } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).optInToAVS(stranger.address))
          .to.be.revertedWithCustomError(manager, "NotAVS")
          .withArgs(stranger.address);
      });
    });

    describe("when the operator already opted in", function () {
      it("reverts with AlreadyOptedIn", async function () {
        const { manager, operator, avs } =
          await networkHelpers.loadFixture(operatorsAndAVSsFixture);
        await expect(manager.connect(operator).optInToAVS(avs.address))
          .to.be.revertedWithCustomError(manager, "AlreadyOptedIn")
          .withArgs(operator.address, avs.address);
      });
    });
  });

  describe("views", function () {
    it("reads 1e18 for a scaling factor, a beacon chain factor and a max magnitude never set", async function () {
      const { manager, stranger, operator, lst } =
        await networkHelpers.loadFixture(operatorsAndAVSsFixture);
      expect(await manager.depositScalingFactor(stranger.address, lst)).to.equal(WAD);
      expect(await manager.beaconChainSlashingFactor(stranger.address)).to.equal(WAD);
      expect(await manager.maxMagnitude(operator.address, lst)).to.equal(WAD);
      expect(await manager.maxMagnitudeAt(operator.address, lst, 0n)).to.equal(WAD);
    });

    it("converts native-ETH shares 1:1 (EigenLayer's beacon chain ETH strategy has no rate)", async function () {
      const { manager } = await networkHelpers.loadFixture(deployRestakingFixture);
      expect(await manager.sharesToUnderlying(BEACON_CHAIN_ETH, ether(3))).to.equal(ether(3));
      expect(await manager.underlyingToShares(BEACON_CHAIN_ETH, ether(3))).to.equal(ether(3));
    });
  });
});
