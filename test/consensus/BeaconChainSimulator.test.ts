/**
 * BeaconChainSimulator: construction, deposits, rewards, exits, offline penalties, sweeps and
 * parameters. Slashing lives in `BeaconChainSimulator.slashing.test.ts`, the accounting
 * invariants in `BeaconChainSimulator.accounting.test.ts`, gas in `BeaconChainSimulator.gas.test.ts`.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { classroom, realistic } from "../../config/profiles.js";
import { consensusFixtures } from "../helpers/fixtures/consensus.js";
import {
  BPS,
  DAY,
  MINUTE,
  SECONDS_PER_YEAR,
  bps,
  ether,
  expectEqualWithinRounding,
} from "../helpers/index.js";
import {
  CONSENSUS_ROLE,
  DEFAULT_ADMIN_ROLE,
  Status,
  rewardFor,
  timestampOf,
} from "./simulator-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const {
  deploySimulatorFixture,
  deployUnfundedSimulatorFixture,
  deploySimulatorWithValidatorsFixture,
} = consensusFixtures(connection);
const { deploySimulatorFixture: deployClassroomSimulatorFixture } = consensusFixtures(
  connection,
  classroom,
);

const DEPOSIT = realistic.validatorDepositWei; // 32 ETH
const APR = realistic.rewardAprBps; // 300 bps = 3 %
const EXIT_DELAY = realistic.exitDelaySeconds; // 1 day
/** A year of 3 % on 32 ETH: 0.96 ETH. */
const YEARLY_REWARD = (DEPOSIT * 300n) / 10_000n;
const PUBKEY = ethers.id("alice-validator");

describe("BeaconChainSimulator", function () {
  /** alice's validator 0 deposited in its own block; returns the deposit's timestamp. */
  async function depositAliceFixture() {
    const fixture = await deploySimulatorFixture();
    const { simulator, alice } = fixture;
    const tx = await simulator.connect(alice).deposit(PUBKEY, alice.address, { value: DEPOSIT });
    const depositedAt = await timestampOf(tx);
    return { ...fixture, depositedAt };
  }

  describe("constructor", function () {
    const valid = {
      deposit: DEPOSIT,
      apr: APR,
      timeScale: realistic.timeScale,
      exitDelay: EXIT_DELAY,
      quotient: realistic.slashingPenaltyQuotient,
      window: realistic.correlationWindowSeconds,
    };
    type Params = typeof valid;

    async function deployWith(admin: string, overrides: Partial<Params> = {}) {
      const p = { ...valid, ...overrides };
      return ethers.deployContract("BeaconChainSimulator", [
        admin,
        p.deposit,
        p.apr,
        p.timeScale,
        p.exitDelay,
        p.quotient,
        p.window,
      ]);
    }

    describe("when the parameters are valid", function () {
      it("stores the profile's parameters", async function () {
        const { simulator } = await networkHelpers.loadFixture(deploySimulatorFixture);
        expect(await simulator.validatorDeposit()).to.equal(ether("32"));
        expect(await simulator.rewardAprBps()).to.equal(bps(300));
        expect(await simulator.timeScale()).to.equal(1n);
        expect(await simulator.exitDelay()).to.equal(DAY);
        expect(await simulator.slashingPenaltyQuotient()).to.equal(4096n);
        expect(await simulator.correlationWindow()).to.equal(36n * DAY);
        expect(await simulator.correlationBucketSeconds()).to.equal((36n * DAY) / 16n);
        expect(await simulator.externalActiveBalance()).to.equal(0n);
      });

      it("grants the admin both DEFAULT_ADMIN_ROLE and CONSENSUS_ROLE", async function () {
        const { simulator, teacher, stranger } =
          await networkHelpers.loadFixture(deploySimulatorFixture);
        expect(await simulator.hasRole(DEFAULT_ADMIN_ROLE, teacher.address)).to.equal(true);
        expect(await simulator.hasRole(CONSENSUS_ROLE, teacher.address)).to.equal(true);
        expect(await simulator.hasRole(CONSENSUS_ROLE, stranger.address)).to.equal(false);
        expect(await simulator.CONSENSUS_ROLE()).to.equal(CONSENSUS_ROLE);
      });

      it("starts simulated time and the reward accumulator at zero at deployment", async function () {
        const [teacher] = await ethers.getSigners();
        const simulator = await deployWith(teacher.address);
        const deployedAt = BigInt(
          (await (await simulator.deploymentTransaction())!.getBlock())!.timestamp,
        );
        expect(await simulator.genesisTimestamp()).to.equal(deployedAt);
        expect(await simulator.simulatedTime()).to.equal(0n);
        expect(await simulator.rewardPerValidator()).to.equal(0n);
        expect(await simulator.validatorCount()).to.equal(0n);
        expect(await simulator.rewardReserve()).to.equal(0n);
      });

      it("accepts the boundaries: APR 100 %, quotient 1, a 16-second window, a year per second", async function () {
        const [teacher] = await ethers.getSigners();
        const simulator = await deployWith(teacher.address, {
          apr: BPS,
          quotient: 1n,
          window: 16n,
          exitDelay: 8n,
          timeScale: SECONDS_PER_YEAR,
          deposit: 1n,
        });
        expect(await simulator.rewardAprBps()).to.equal(BPS);
        expect(await simulator.correlationBucketSeconds()).to.equal(1n);
      });

      it("accepts a zero APR (a network without rewards)", async function () {
        const [teacher] = await ethers.getSigners();
        const simulator = await deployWith(teacher.address, { apr: 0n });
        expect(await simulator.rewardAprBps()).to.equal(0n);
      });
    });

    describe("when a parameter is out of range", function () {
      const cases: Array<[string, Partial<Params>, string, bigint]> = [
        ["a zero deposit", { deposit: 0n }, "validatorDeposit", 0n],
        ["a deposit above 2^96 - 1 wei", { deposit: 2n ** 96n }, "validatorDeposit", 2n ** 96n],
        ["an APR above 10,000 bps", { apr: 10_001n }, "rewardAprBps", 10_001n],
        ["a zero time scale", { timeScale: 0n }, "timeScale", 0n],
        [
          "a time scale above a year per second",
          { timeScale: SECONDS_PER_YEAR + 1n },
          "timeScale",
          SECONDS_PER_YEAR + 1n,
        ],
        ["a zero exit delay", { exitDelay: 0n }, "exitDelay", 0n],
        [
          "an exit delay above half the correlation window",
          { exitDelay: 18n * DAY + 1n },
          "exitDelay",
          18n * DAY + 1n,
        ],
        ["a zero slashing quotient", { quotient: 0n }, "slashingPenaltyQuotient", 0n],
        [
          "a window shorter than 16 seconds",
          { window: 15n, exitDelay: 1n },
          "correlationWindow",
          15n,
        ],
      ];
      for (const [what, overrides, name, value] of cases) {
        it(`reverts on ${what}`, async function () {
          const [teacher] = await ethers.getSigners();
          const factory = await ethers.getContractFactory("BeaconChainSimulator");
          await expect(deployWith(teacher.address, overrides))
            .to.be.revertedWithCustomError(factory, "InvalidParameter")
            .withArgs(name, value);
        });
      }

      it("reverts on a zero admin", async function () {
        const factory = await ethers.getContractFactory("BeaconChainSimulator");
        await expect(deployWith(ethers.ZeroAddress))
          .to.be.revertedWithCustomError(factory, "InvalidParameter")
          .withArgs("admin", 0n);
      });
    });
  });

  describe("deposit", function () {
    describe("when exactly the validator deposit is sent", function () {
      it("creates an active validator at index 0 and emits ValidatorDeposited", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(deploySimulatorFixture);
        await expect(simulator.connect(alice).deposit(PUBKEY, alice.address, { value: DEPOSIT }))
          .to.emit(simulator, "ValidatorDeposited")
          .withArgs(0n, PUBKEY, alice.address, DEPOSIT);

        const validator = await simulator.getValidator(0);
        expect(validator.pubkeyHash).to.equal(PUBKEY);
        expect(validator.withdrawalAddress).to.equal(alice.address);
        expect(validator.status).to.equal(Status.Active);
        expect(validator.slashed).to.equal(false);
        expect(validator.withdrawableAt).to.equal(0n);
        expect(validator.storedBalance).to.equal(DEPOSIT);
        expect(validator.paid).to.equal(0n);
      });

      it("returns consecutive indexes from 0", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(deploySimulatorFixture);
        const first = await simulator
          .connect(alice)
          .deposit.staticCall(PUBKEY, alice.address, { value: DEPOSIT });
        expect(first).to.equal(0n);
        await simulator.connect(alice).deposit(PUBKEY, alice.address, { value: DEPOSIT });
        const second = await simulator
          .connect(alice)
          .deposit.staticCall(ethers.id("second"), alice.address, { value: DEPOSIT });
        expect(second).to.equal(1n);
      });

      it("keeps the ETH and counts the validator for its withdrawal address", async function () {
        const { simulator, alice, bob } = await networkHelpers.loadFixture(deploySimulatorFixture);
        // alice pays for a validator whose withdrawal address is bob (as a staking pool does).
        await expect(
          simulator.connect(alice).deposit(PUBKEY, bob.address, { value: DEPOSIT }),
        ).to.changeEtherBalances(ethers, [alice, simulator], [-DEPOSIT, DEPOSIT]);
        expect(await simulator.validatorCount()).to.equal(1n);
        expect(await simulator.activeValidatorCount()).to.equal(1n);
        expect(await simulator.validatorCountOf(bob.address)).to.equal(1n);
        expect(await simulator.activeValidatorCountOf(bob.address)).to.equal(1n);
        expect(await simulator.validatorCountOf(alice.address)).to.equal(0n);
        expect(await simulator.totalBalanceOf(bob.address)).to.equal(DEPOSIT);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT);
      });
    });

    describe("when the amount is not the validator deposit", function () {
      for (const [what, sent] of [
        ["one wei less", DEPOSIT - 1n],
        ["one wei more", DEPOSIT + 1n],
        ["nothing", 0n],
      ] as const) {
        it(`reverts with WrongDepositAmount on ${what}`, async function () {
          const { simulator, alice } = await networkHelpers.loadFixture(deploySimulatorFixture);
          await expect(simulator.connect(alice).deposit(PUBKEY, alice.address, { value: sent }))
            .to.be.revertedWithCustomError(simulator, "WrongDepositAmount")
            .withArgs(sent, DEPOSIT);
        });
      }
    });

    describe("when the public key was already used", function () {
      it("reverts with DuplicatePubkey", async function () {
        const { simulator, alice, bob } = await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.connect(bob).deposit(PUBKEY, bob.address, { value: DEPOSIT }))
          .to.be.revertedWithCustomError(simulator, "DuplicatePubkey")
          .withArgs(PUBKEY);
        expect(await simulator.validatorCountOf(alice.address)).to.equal(1n);
      });
    });

    describe("when the withdrawal address is zero", function () {
      it("reverts with ZeroWithdrawalAddress", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(deploySimulatorFixture);
        await expect(
          simulator.connect(alice).deposit(PUBKEY, ethers.ZeroAddress, { value: DEPOSIT }),
        ).to.be.revertedWithCustomError(simulator, "ZeroWithdrawalAddress");
      });
    });
  });

  describe("rewards", function () {
    describe("simulatedTime", function () {
      it("equals real seconds since genesis with the realistic time scale of 1", async function () {
        const { simulator } = await networkHelpers.loadFixture(deploySimulatorFixture);
        const genesis = await simulator.genesisTimestamp();
        await time.increaseTo(genesis + 1000n);
        expect(await simulator.simulatedTime()).to.equal(1000n);
      });

      it("compresses a year into 30 real minutes with the classroom profile", async function () {
        const { simulator } = await networkHelpers.loadFixture(deployClassroomSimulatorFixture);
        const genesis = await simulator.genesisTimestamp();
        await time.increaseTo(genesis + 30n * MINUTE);
        expect(await simulator.simulatedTime()).to.equal(SECONDS_PER_YEAR);
      });
    });

    describe("rewardPerValidator", function () {
      it("grows by deposit × APR per simulated year: 0.96 ETH on 32 ETH at 3 %", async function () {
        const { simulator } = await networkHelpers.loadFixture(deploySimulatorFixture);
        const genesis = await simulator.genesisTimestamp();
        await time.increaseTo(genesis + SECONDS_PER_YEAR);
        expect(await simulator.rewardPerValidator()).to.equal(YEARLY_REWARD);
        expect(YEARLY_REWARD).to.equal(ether("0.96"));
      });

      it("rounds down within the year", async function () {
        const { simulator } = await networkHelpers.loadFixture(deploySimulatorFixture);
        const genesis = await simulator.genesisTimestamp();
        await time.increaseTo(genesis + 12_345n);
        expect(await simulator.rewardPerValidator()).to.equal(rewardFor(DEPOSIT, APR, 12_345n));
      });
    });

    describe("validatorBalance", function () {
      it("adds 0.96 ETH to an active 32 ETH validator over a year", async function () {
        const { simulator, depositedAt } = await networkHelpers.loadFixture(depositAliceFixture);
        await time.increaseTo(depositedAt + SECONDS_PER_YEAR);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + YEARLY_REWARD);
      });

      it("pays a validator deposited later only from its deposit: 0.48 ETH over half a year", async function () {
        const { simulator, bob, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR / 2n);
        await simulator.connect(bob).deposit(ethers.id("bob"), bob.address, { value: DEPOSIT });
        await time.increaseTo(depositedAt + SECONDS_PER_YEAR);
        expect(await simulator.validatorBalance(1)).to.equal(DEPOSIT + YEARLY_REWARD / 2n);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + YEARLY_REWARD);
      });

      it("adds 0.00096 ETH to a 0.032 ETH classroom validator in 30 real minutes", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(
          deployClassroomSimulatorFixture,
        );
        const classroomDeposit = classroom.validatorDepositWei;
        const tx = await simulator
          .connect(alice)
          .deposit(PUBKEY, alice.address, { value: classroomDeposit });
        const depositedAt = await timestampOf(tx);
        await time.increaseTo(depositedAt + 30n * MINUTE);
        const expectedReward = (classroomDeposit * 300n) / 10_000n; // 0.00096 ETH
        expect(expectedReward).to.equal(ether("0.00096"));
        expect(await simulator.validatorBalance(0)).to.equal(classroomDeposit + expectedReward);
      });

      it("reverts with UnknownValidator for an index never created", async function () {
        const { simulator } = await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.validatorBalance(1))
          .to.be.revertedWithCustomError(simulator, "UnknownValidator")
          .withArgs(1n, 1n);
        await expect(simulator.getValidator(1))
          .to.be.revertedWithCustomError(simulator, "UnknownValidator")
          .withArgs(1n, 1n);
      });
    });

    describe("setRewardAprBps", function () {
      it("keeps rewards earned at the old rate: half a year at 3 % then half at 6 % = 1.44 ETH", async function () {
        const { simulator, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR / 2n);
        await expect(simulator.connect(teacher).setRewardAprBps(600n))
          .to.emit(simulator, "RewardAprChanged")
          .withArgs(300n, 600n);
        await time.increaseTo(depositedAt + SECONDS_PER_YEAR);
        const expected = (DEPOSIT * 300n) / 10_000n / 2n + (DEPOSIT * 600n) / 10_000n / 2n;
        expect(expected).to.equal(ether("1.44"));
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + expected);
        expect(await simulator.rewardAprBps()).to.equal(600n);
      });

      it("stops rewards at 0 bps", async function () {
        const { simulator, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(teacher).setRewardAprBps(0n);
        await time.increase(SECONDS_PER_YEAR);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + YEARLY_REWARD);
      });

      it("accepts 10,000 bps: 100 % a year doubles the deposit", async function () {
        const { simulator, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + 1n);
        await simulator.connect(teacher).setRewardAprBps(BPS);
        await time.increaseTo(depositedAt + 1n + SECONDS_PER_YEAR);
        // 1 wei of margin: the accumulator rounds down at the deposit and at the checkpoint.
        expectEqualWithinRounding(
          await simulator.validatorBalance(0),
          DEPOSIT + rewardFor(DEPOSIT, APR, 1n) + DEPOSIT,
          "balance after one second at 3 % and a year at 100 %",
          1n,
        );
      });

      it("reverts with InvalidParameter above 10,000 bps", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(deploySimulatorFixture);
        await expect(simulator.connect(teacher).setRewardAprBps(10_001n))
          .to.be.revertedWithCustomError(simulator, "InvalidParameter")
          .withArgs("rewardAprBps", 10_001n);
      });

      it("reverts for a stranger with AccessControlUnauthorizedAccount", async function () {
        const { simulator, stranger } = await networkHelpers.loadFixture(deploySimulatorFixture);
        await expect(simulator.connect(stranger).setRewardAprBps(600n))
          .to.be.revertedWithCustomError(simulator, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, CONSENSUS_ROLE);
      });
    });
  });

  describe("requestExit", function () {
    describe("when the withdrawal address asks (EIP-7002)", function () {
      it("marks the validator exiting, withdrawable after the exit delay, and emits ExitRequested", async function () {
        const { simulator, alice, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        const exitAt = depositedAt + 100n;
        await time.setNextBlockTimestamp(exitAt);
        await expect(simulator.connect(alice).requestExit(0))
          .to.emit(simulator, "ExitRequested")
          .withArgs(0n, alice.address, exitAt + EXIT_DELAY);
        const validator = await simulator.getValidator(0);
        expect(validator.status).to.equal(Status.Exiting);
        expect(validator.withdrawableAt).to.equal(exitAt + EXIT_DELAY);
        expect(await simulator.activeValidatorCount()).to.equal(0n);
        expect(await simulator.activeValidatorCountOf(alice.address)).to.equal(0n);
        expect(await simulator.validatorCountOf(alice.address)).to.equal(1n);
      });

      it("keeps the rewards earned until the exit, then stops earning", async function () {
        const { simulator, alice, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await time.increase(SECONDS_PER_YEAR);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + YEARLY_REWARD);
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(DEPOSIT + YEARLY_REWARD);
      });
    });

    describe("when the consensus role asks", function () {
      it("exits the validator and names the teacher as requester", async function () {
        const { simulator, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + 10n);
        await expect(simulator.connect(teacher).requestExit(0))
          .to.emit(simulator, "ExitRequested")
          .withArgs(0n, teacher.address, depositedAt + 10n + EXIT_DELAY);
      });
    });

    describe("when someone else asks", function () {
      it("reverts with NotWithdrawalAddress for a stranger", async function () {
        const { simulator, alice, stranger } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.connect(stranger).requestExit(0))
          .to.be.revertedWithCustomError(simulator, "NotWithdrawalAddress")
          .withArgs(stranger.address, alice.address);
      });

      it("reverts with NotWithdrawalAddress for the owner of another validator", async function () {
        const { simulator, alice, bob } = await networkHelpers.loadFixture(
          deploySimulatorWithValidatorsFixture,
        );
        await expect(simulator.connect(bob).requestExit(0))
          .to.be.revertedWithCustomError(simulator, "NotWithdrawalAddress")
          .withArgs(bob.address, alice.address);
      });
    });

    describe("when the validator is not active", function () {
      it("reverts with ValidatorNotActive when already exiting", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(depositAliceFixture);
        await simulator.connect(alice).requestExit(0);
        await expect(simulator.connect(alice).requestExit(0))
          .to.be.revertedWithCustomError(simulator, "ValidatorNotActive")
          .withArgs(0n, Status.Exiting);
      });

      it("reverts with ValidatorNotActive when withdrawn", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(depositAliceFixture);
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        await expect(simulator.connect(alice).requestExit(0))
          .to.be.revertedWithCustomError(simulator, "ValidatorNotActive")
          .withArgs(0n, Status.Withdrawn);
      });

      it("reverts with UnknownValidator for an index never created", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.connect(alice).requestExit(5))
          .to.be.revertedWithCustomError(simulator, "UnknownValidator")
          .withArgs(5n, 1n);
      });
    });
  });

  describe("penalize", function () {
    describe("when the validator is active", function () {
      it("takes the penalty from its balance, emits ValidatorPenalized, and it keeps earning", async function () {
        const { simulator, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        const penalty = ether("0.01");
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR / 2n);
        await expect(simulator.connect(teacher).penalize(0, penalty))
          .to.emit(simulator, "ValidatorPenalized")
          .withArgs(0n, penalty);
        await time.increaseTo(depositedAt + SECONDS_PER_YEAR);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + YEARLY_REWARD - penalty);
        expect((await simulator.getValidator(0)).status).to.equal(Status.Active);
      });

      it("takes 1 wei at the lower boundary", async function () {
        const { simulator, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + 10n);
        await simulator.connect(teacher).penalize(0, 1n);
        expectEqualWithinRounding(
          await simulator.validatorBalance(0),
          DEPOSIT + rewardFor(DEPOSIT, APR, 10n) - 1n,
          "balance after ten seconds of rewards and a 1-wei penalty",
          1n,
        );
      });
    });

    describe("when the validator is exiting", function () {
      it("takes the penalty from its frozen balance", async function () {
        const { simulator, alice, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await simulator.connect(teacher).penalize(0, ether("0.5"));
        expect(await simulator.validatorBalance(0)).to.equal(
          DEPOSIT + YEARLY_REWARD - ether("0.5"),
        );
      });
    });

    describe("when the penalty exceeds the balance", function () {
      it("takes the whole balance and emits the amount actually taken", async function () {
        const { simulator, alice, teacher, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await expect(simulator.connect(teacher).penalize(0, ether("100")))
          .to.emit(simulator, "ValidatorPenalized")
          .withArgs(0n, DEPOSIT + YEARLY_REWARD);
        expect(await simulator.validatorBalance(0)).to.equal(0n);
      });
    });

    describe("when the call is invalid", function () {
      it("reverts with InvalidParameter on a zero amount", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.connect(teacher).penalize(0, 0n))
          .to.be.revertedWithCustomError(simulator, "InvalidParameter")
          .withArgs("amount", 0n);
      });

      it("reverts with AlreadyWithdrawable from withdrawableAt: what a full withdrawal pays does not depend on when it is swept", async function () {
        const { simulator, alice, teacher } = await networkHelpers.loadFixture(depositAliceFixture);
        const exitedAt = await timestampOf(await simulator.connect(alice).requestExit(0));
        await time.setNextBlockTimestamp(exitedAt + EXIT_DELAY - 1n);
        await expect(simulator.connect(teacher).penalize(0, 1n), "the last second before").to.emit(
          simulator,
          "ValidatorPenalized",
        );
        await expect(simulator.connect(teacher).penalize(0, 1n))
          .to.be.revertedWithCustomError(simulator, "AlreadyWithdrawable")
          .withArgs(0n, exitedAt + EXIT_DELAY);
      });

      it("reverts with ValidatorNotActive once withdrawn", async function () {
        const { simulator, alice, teacher } = await networkHelpers.loadFixture(depositAliceFixture);
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        await expect(simulator.connect(teacher).penalize(0, 1n))
          .to.be.revertedWithCustomError(simulator, "ValidatorNotActive")
          .withArgs(0n, Status.Withdrawn);
      });

      it("reverts with UnknownValidator for an index never created", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.connect(teacher).penalize(1, 1n))
          .to.be.revertedWithCustomError(simulator, "UnknownValidator")
          .withArgs(1n, 1n);
      });

      it("reverts for a stranger with AccessControlUnauthorizedAccount", async function () {
        const { simulator, stranger } = await networkHelpers.loadFixture(depositAliceFixture);
        await expect(simulator.connect(stranger).penalize(0, 1n))
          .to.be.revertedWithCustomError(simulator, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, CONSENSUS_ROLE);
      });
    });
  });

  describe("sweep", function () {
    describe("when an active validator's balance exceeds its deposit (skimming)", function () {
      it("pays the excess to the withdrawal address, whoever calls, and emits Swept", async function () {
        const { simulator, alice, stranger, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        const tx = simulator.connect(stranger).sweep(0);
        await expect(tx)
          .to.emit(simulator, "Swept")
          .withArgs(0n, alice.address, YEARLY_REWARD, false);
        await expect(tx).to.changeEtherBalances(
          ethers,
          [alice, simulator],
          [YEARLY_REWARD, -YEARLY_REWARD],
        );
      });

      it("returns the amount paid", async function () {
        const { simulator, stranger, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.increaseTo(depositedAt + SECONDS_PER_YEAR);
        // staticCall runs on the latest block, exactly a year after the deposit.
        expect(await simulator.connect(stranger).sweep.staticCall(0)).to.equal(YEARLY_REWARD);
      });

      it("brings the balance back to the deposit; the validator stays active and keeps earning", async function () {
        const { simulator, alice, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.sweep(0);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT);
        expect((await simulator.getValidator(0)).status).to.equal(Status.Active);
        expect((await simulator.getValidator(0)).paid).to.equal(YEARLY_REWARD);
        await time.increaseTo(depositedAt + 2n * SECONDS_PER_YEAR);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + YEARLY_REWARD);
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(DEPOSIT + YEARLY_REWARD);
      });
    });

    describe("when an active validator's balance is at most its deposit", function () {
      it("reverts with NothingToSweep after a penalty larger than its rewards", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(depositAliceFixture);
        await simulator.connect(teacher).penalize(0, ether("0.1"));
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "NothingToSweep")
          .withArgs(0n);
      });
    });

    describe("when an exiting validator is not yet withdrawable", function () {
      it("reverts with NotYetWithdrawable one second before withdrawableAt", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(depositAliceFixture);
        const exitedAt = await timestampOf(await simulator.connect(alice).requestExit(0));
        const withdrawableAt = exitedAt + EXIT_DELAY;
        await time.setNextBlockTimestamp(withdrawableAt - 1n);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "NotYetWithdrawable")
          .withArgs(0n, withdrawableAt, withdrawableAt - 1n);
      });
    });

    describe("when an exiting validator is withdrawable (full withdrawal)", function () {
      it("pays the whole balance at withdrawableAt, marks it withdrawn and emits Swept", async function () {
        const { simulator, alice, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR + EXIT_DELAY);
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "Swept")
          .withArgs(0n, alice.address, DEPOSIT + YEARLY_REWARD, true);
        await expect(tx).to.changeEtherBalance(ethers, alice, DEPOSIT + YEARLY_REWARD);

        const validator = await simulator.getValidator(0);
        expect(validator.status).to.equal(Status.Withdrawn);
        expect(validator.paid).to.equal(DEPOSIT + YEARLY_REWARD);
        expect(await simulator.validatorBalance(0)).to.equal(0n);
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(0n);
        expect(await simulator.withdrawnValidatorCountOf(alice.address)).to.equal(1n);
        expect(await simulator.validatorCountOf(alice.address)).to.equal(1n);
      });

      it("draws exactly the rewards from the reserve: 0.96 ETH after a year", async function () {
        const { simulator, alice, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        expect(await simulator.rewardReserve()).to.equal(
          realistic.initialRewardReserveWei - YEARLY_REWARD,
        );
        expect(await simulator.totalPenaltiesBurnt()).to.equal(0n);
      });

      it("draws each skim from the reserve at once, and the full withdrawal's excess later", async function () {
        const { simulator, alice, depositedAt } =
          await networkHelpers.loadFixture(depositAliceFixture);
        // Skim 0.96 after a year: all of it is reward, so all of it leaves the reserve now.
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.sweep(0);
        expect(await simulator.rewardReserve()).to.equal(
          realistic.initialRewardReserveWei - YEARLY_REWARD,
        );
        // Exit after a second year and withdraw 32.96: the deposit returns 32, the reserve 0.96.
        await time.setNextBlockTimestamp(depositedAt + 2n * SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        expect(await simulator.rewardReserve()).to.equal(
          realistic.initialRewardReserveWei - 2n * YEARLY_REWARD,
        );
        expect((await simulator.getValidator(0)).paid).to.equal(DEPOSIT + 2n * YEARLY_REWARD);
      });

      it("refuses a skim the reserve cannot pay, while the validator is still active", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(
          deployUnfundedSimulatorFixture,
        );
        const depositedAt = await timestampOf(
          await simulator.connect(alice).deposit(PUBKEY, alice.address, { value: DEPOSIT }),
        );
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "RewardReserveShort")
          .withArgs(YEARLY_REWARD, 0n);
      });

      it("pays nothing but still withdraws a validator penalized down to zero", async function () {
        const { simulator, alice, teacher } = await networkHelpers.loadFixture(depositAliceFixture);
        await simulator.connect(alice).requestExit(0);
        await simulator.connect(teacher).penalize(0, ether("100"));
        await time.increase(EXIT_DELAY);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "Swept")
          .withArgs(0n, alice.address, 0n, true);
        expect((await simulator.getValidator(0)).status).to.equal(Status.Withdrawn);
        expect(await simulator.totalPenaltiesBurnt()).to.equal(DEPOSIT);
      });
    });

    describe("when the validator was already withdrawn", function () {
      it("reverts with NothingToSweep (no double withdrawal)", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(depositAliceFixture);
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "NothingToSweep")
          .withArgs(0n);
      });
    });

    describe("when the index is unknown", function () {
      it("reverts with UnknownValidator", async function () {
        const { simulator } = await networkHelpers.loadFixture(deploySimulatorFixture);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "UnknownValidator")
          .withArgs(0n, 0n);
      });
    });

    describe("when the reward reserve is short", function () {
      async function exitedAfterAYearUnfundedFixture() {
        const fixture = await deployUnfundedSimulatorFixture();
        const { simulator, alice } = fixture;
        const depositedAt = await timestampOf(
          await simulator.connect(alice).deposit(PUBKEY, alice.address, { value: DEPOSIT }),
        );
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        return fixture;
      }

      it("pays the deposit back at once and defers the rewards: a short reserve never holds back a principal", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(
          exitedAfterAYearUnfundedFixture,
        );
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "RewardPaymentDeferred")
          .withArgs(0n, YEARLY_REWARD, 0n);
        await expect(tx).to.emit(simulator, "Swept").withArgs(0n, alice.address, DEPOSIT, false);
        await expect(tx).to.changeEtherBalance(ethers, alice, DEPOSIT);
        const validator = await simulator.getValidator(0);
        expect(validator.status, "still exiting: its rewards are owed").to.equal(Status.Exiting);
        expect(validator.depositReturned).to.equal(true);
        expect(await simulator.validatorBalance(0), "the year of rewards").to.equal(YEARLY_REWARD);
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(YEARLY_REWARD);
        expect(await simulator.rewardReserve()).to.equal(0n);
      });

      it("pays the rewards from the reserve once the teacher funds it, and only then withdraws the validator", async function () {
        const { simulator, alice, teacher } = await networkHelpers.loadFixture(
          exitedAfterAYearUnfundedFixture,
        );
        await simulator.sweep(0); // the deposit
        await simulator.connect(teacher).fundRewards({ value: YEARLY_REWARD - 1n });
        await expect(simulator.sweep(0), "one wei short")
          .to.be.revertedWithCustomError(simulator, "RewardReserveShort")
          .withArgs(YEARLY_REWARD, YEARLY_REWARD - 1n);
        await simulator.connect(teacher).fundRewards({ value: 1n });
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "Swept")
          .withArgs(0n, alice.address, YEARLY_REWARD, true);
        await expect(tx).to.changeEtherBalance(ethers, alice, YEARLY_REWARD);
        const validator = await simulator.getValidator(0);
        expect(validator.status).to.equal(Status.Withdrawn);
        expect(validator.paid, "deposit and rewards, in two sweeps").to.equal(
          DEPOSIT + YEARLY_REWARD,
        );
        expect(await simulator.rewardReserve()).to.equal(0n);
        expect(await simulator.totalPenaltiesBurnt(), "nothing burnt").to.equal(0n);
        expect(await simulator.withdrawnValidatorCountOf(alice.address)).to.equal(1n);
      });

      it("pays in one sweep when the reserve covers the rewards exactly", async function () {
        const { simulator, alice, teacher } = await networkHelpers.loadFixture(
          exitedAfterAYearUnfundedFixture,
        );
        await simulator.connect(teacher).fundRewards({ value: YEARLY_REWARD });
        await expect(simulator.sweep(0)).to.changeEtherBalance(
          ethers,
          alice,
          DEPOSIT + YEARLY_REWARD,
        );
        expect(await simulator.rewardReserve()).to.equal(0n);
        expect((await simulator.getValidator(0)).depositReturned).to.equal(false);
      });
    });

    describe("when the withdrawal address rejects ETH", function () {
      it("reverts with PaymentFailed and leaves the validator unswept", async function () {
        const { simulator, alice, teacher } =
          await networkHelpers.loadFixture(deploySimulatorFixture);
        const rejecting = await ethers.deployContract("RejectingWithdrawalAddress");
        const target = await rejecting.getAddress();
        const depositedAt = await timestampOf(
          await simulator.connect(alice).deposit(PUBKEY, target, { value: DEPOSIT }),
        );
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "PaymentFailed")
          .withArgs(target, YEARLY_REWARD);

        await simulator.connect(teacher).requestExit(0);
        await time.increase(EXIT_DELAY);
        const balance = await simulator.validatorBalance(0);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "PaymentFailed")
          .withArgs(target, balance);
        expect((await simulator.getValidator(0)).status).to.equal(Status.Exiting);
      });
    });

    describe("when the withdrawal address re-enters sweep", function () {
      it("blocks the re-entry with ReentrancyGuardReentrantCall and pays once", async function () {
        const { simulator, alice, teacher } =
          await networkHelpers.loadFixture(deploySimulatorFixture);
        const attacker = await ethers.deployContract("ReentrantWithdrawalAddress", [
          await simulator.getAddress(),
        ]);
        const target = await attacker.getAddress();
        const depositedAt = await timestampOf(
          await simulator.connect(alice).deposit(PUBKEY, target, { value: DEPOSIT }),
        );
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(teacher).requestExit(0);
        await time.increase(EXIT_DELAY);
        await attacker.arm(0);

        await expect(simulator.sweep(0)).to.changeEtherBalance(
          ethers,
          target,
          DEPOSIT + YEARLY_REWARD,
        );
        expect(await attacker.paymentCount()).to.equal(1n);
        expect(await attacker.reentrySucceeded()).to.equal(false);
        expect(await attacker.reentryError()).to.equal(
          simulator.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []),
        );
      });
    });
  });

  describe("fundRewards", function () {
    it("adds the ETH to the reserve and emits RewardsFunded, from anyone", async function () {
      const { simulator, stranger } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(stranger).fundRewards({ value: ether("1") }))
        .to.emit(simulator, "RewardsFunded")
        .withArgs(stranger.address, ether("1"));
      expect(await simulator.rewardReserve()).to.equal(
        realistic.initialRewardReserveWei + ether("1"),
      );
    });

    it("accepts 1 wei", async function () {
      const { simulator, teacher } = await networkHelpers.loadFixture(
        deployUnfundedSimulatorFixture,
      );
      await simulator.connect(teacher).fundRewards({ value: 1n });
      expect(await simulator.rewardReserve()).to.equal(1n);
    });

    it("reverts with InvalidParameter when nothing is sent", async function () {
      const { simulator, teacher } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(teacher).fundRewards({ value: 0n }))
        .to.be.revertedWithCustomError(simulator, "InvalidParameter")
        .withArgs("amount", 0n);
    });
  });

  describe("setSlashingPenaltyQuotient", function () {
    it("sets the quotient and emits SlashingPenaltyQuotientChanged", async function () {
      const { simulator, teacher } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(teacher).setSlashingPenaltyQuotient(32n))
        .to.emit(simulator, "SlashingPenaltyQuotientChanged")
        .withArgs(4096n, 32n);
      expect(await simulator.slashingPenaltyQuotient()).to.equal(32n);
    });

    it("reverts with InvalidParameter on 0", async function () {
      const { simulator, teacher } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(teacher).setSlashingPenaltyQuotient(0n))
        .to.be.revertedWithCustomError(simulator, "InvalidParameter")
        .withArgs("slashingPenaltyQuotient", 0n);
    });

    it("reverts for a stranger with AccessControlUnauthorizedAccount", async function () {
      const { simulator, stranger } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(stranger).setSlashingPenaltyQuotient(32n))
        .to.be.revertedWithCustomError(simulator, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, CONSENSUS_ROLE);
    });
  });

  describe("setExternalActiveBalance", function () {
    it("sets the rest of the network's stake and emits ExternalActiveBalanceChanged", async function () {
      const { simulator, teacher } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(teacher).setExternalActiveBalance(ether("34000000")))
        .to.emit(simulator, "ExternalActiveBalanceChanged")
        .withArgs(0n, ether("34000000"));
      await expect(simulator.connect(teacher).setExternalActiveBalance(0n))
        .to.emit(simulator, "ExternalActiveBalanceChanged")
        .withArgs(ether("34000000"), 0n);
    });

    it("reverts for a stranger with AccessControlUnauthorizedAccount", async function () {
      const { simulator, stranger } = await networkHelpers.loadFixture(deploySimulatorFixture);
      await expect(simulator.connect(stranger).setExternalActiveBalance(1n))
        .to.be.revertedWithCustomError(simulator, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, CONSENSUS_ROLE);
    });
  });
});
