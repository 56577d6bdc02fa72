/**
 * BeaconChainSimulator: slashing, as the beacon chain's `slash_validator` (initial penalty, exit,
 * withdrawable a whole correlation window later) and `process_slashings` (correlation penalty fixed
 * at the midpoint, half a window after the slashing, over the window of slashings around it).
 *
 * Most tests switch rewards off (APR 0) so the balances show the penalties alone:
 * after a slashing under quotient 4096 a validator holds 32 − 0.0078125 = 31.9921875 ETH.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { consensusFixtures } from "../helpers/fixtures/consensus.js";
import { DAY, HOUR, SECONDS_PER_YEAR, ether, mulDivUp } from "../helpers/index.js";
import {
  CONSENSUS_ROLE,
  Status,
  correlationPenaltyReference,
  timestampOf,
  type SlashingRecord,
} from "./simulator-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deploySimulatorFixture, deploySimulatorWithValidatorsFixture } =
  consensusFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei; // 32 ETH
const EXIT_DELAY = realistic.exitDelaySeconds; // 1 day
const WINDOW = realistic.correlationWindowSeconds; // 36 days
/** A slashed validator is withdrawable a whole window after its slashing (EPOCHS_PER_SLASHINGS_VECTOR). */
const SLASHED_DELAY = WINDOW;
/** One of the window's 16 buckets: 2.25 days. */
const BUCKET = WINDOW / 16n;
/** Initial penalty after Pectra: 32 / 4096 = 0.0078125 ETH. */
const PENALTY_4096 = DEPOSIT / 4096n;
/** Initial penalty before Pectra (Phase 0 quotient 32): 1 ETH. */
const PENALTY_32 = DEPOSIT / 32n;
/** Balance of a slashed validator without rewards: 31.9921875 ETH. */
const AFTER_INITIAL = DEPOSIT - PENALTY_4096;

/** Correlation penalty: balance × min(3 × slashed, totalActive) / totalActive, rounded up. */
function correlationPenalty(balance: bigint, slashed: bigint, totalActive: bigint): bigint {
  if (totalActive === 0n) return balance;
  const numerator = 3n * slashed < totalActive ? 3n * slashed : totalActive;
  return mulDivUp(balance, numerator, totalActive);
}

describe("BeaconChainSimulator", function () {
  /** A funded simulator with rewards off and `count` validators: even indexes alice, odd bob. */
  async function depositValidatorsWithoutRewards(count: number) {
    const fixture = await deploySimulatorFixture();
    const { simulator, teacher, alice, bob } = fixture;
    await simulator.connect(teacher).setRewardAprBps(0n);
    for (let i = 0; i < count; i++) {
      const owner = i % 2 === 0 ? alice : bob;
      await simulator
        .connect(owner)
        .deposit(ethers.id(`validator-${i}`), owner.address, { value: DEPOSIT });
    }
    return fixture;
  }
  async function oneValidatorWithoutRewardsFixture() {
    return depositValidatorsWithoutRewards(1);
  }
  async function threeValidatorsWithoutRewardsFixture() {
    return depositValidatorsWithoutRewards(3);
  }
  async function nineValidatorsWithoutRewardsFixture() {
    return depositValidatorsWithoutRewards(9);
  }
  async function tenValidatorsWithoutRewardsFixture() {
    return depositValidatorsWithoutRewards(10);
  }

  describe("slash", function () {
    describe("when the validator is active", function () {
      it("takes deposit / 4096 = 0.0078125 ETH at once (after Pectra) and emits ValidatorSlashed", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        expect(PENALTY_4096).to.equal(ether("0.0078125"));
        const slashAt = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(slashAt);
        await expect(simulator.connect(teacher).slash(0))
          .to.emit(simulator, "ValidatorSlashed")
          .withArgs(0n, PENALTY_4096, slashAt + SLASHED_DELAY);
        expect(await simulator.validatorBalance(0)).to.equal(AFTER_INITIAL);
      });

      it("takes deposit / 32 = 1 ETH under the pre-Pectra quotient", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(teacher).setSlashingPenaltyQuotient(32n);
        expect(PENALTY_32).to.equal(ether("1"));
        const slashAt = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(slashAt);
        await expect(simulator.connect(teacher).slash(0))
          .to.emit(simulator, "ValidatorSlashed")
          .withArgs(0n, PENALTY_32, slashAt + SLASHED_DELAY);
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT - PENALTY_32);
      });

      it("takes the whole deposit under quotient 1", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(teacher).setSlashingPenaltyQuotient(1n);
        await simulator.connect(teacher).slash(0);
        expect(await simulator.validatorBalance(0)).to.equal(0n);
      });

      it("marks it slashed and exiting, withdrawable a whole correlation window later, and records its deposit in the window", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        const slashedAt = await timestampOf(await simulator.connect(teacher).slash(0));
        const validator = await simulator.getValidator(0);
        expect(validator.status).to.equal(Status.Exiting);
        expect(validator.slashed).to.equal(true);
        expect(validator.correlationProcessed).to.equal(false);
        expect(validator.slashedAt).to.equal(slashedAt);
        expect(validator.withdrawableAt).to.equal(slashedAt + SLASHED_DELAY);
        expect(await simulator.activeValidatorCount()).to.equal(2n);
        expect(await simulator.activeValidatorCountOf(alice.address)).to.equal(1n);
        expect(await simulator.slashedInWindow()).to.equal(DEPOSIT);
      });

      it("keeps the rewards earned until the slashing, then stops earning", async function () {
        const { simulator, teacher, alice } =
          await networkHelpers.loadFixture(deploySimulatorFixture);
        const depositedAt = await timestampOf(
          await simulator.connect(alice).deposit(ethers.id("v"), alice.address, { value: DEPOSIT }),
        );
        await time.setNextBlockTimestamp(depositedAt + SECONDS_PER_YEAR);
        await simulator.connect(teacher).slash(0);
        await time.increase(SECONDS_PER_YEAR);
        const yearlyReward = (DEPOSIT * 300n) / 10_000n;
        expect(await simulator.validatorBalance(0)).to.equal(DEPOSIT + yearlyReward - PENALTY_4096);
      });
    });

    describe("when the validator is exiting voluntarily and not yet withdrawable", function () {
      it("slashes it and moves its withdrawability to a whole correlation window after the slashing", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        const exitedAt = await timestampOf(await simulator.connect(alice).requestExit(0));
        const slashAt = exitedAt + EXIT_DELAY - 1n; // the last second it is slashable
        await time.setNextBlockTimestamp(slashAt);
        await expect(simulator.connect(teacher).slash(0))
          .to.emit(simulator, "ValidatorSlashed")
          .withArgs(0n, PENALTY_4096, slashAt + SLASHED_DELAY);
        expect(await simulator.activeValidatorCount()).to.equal(2n);
      });
    });

    describe("when the balance is below the initial penalty", function () {
      it("takes what is left", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(alice).requestExit(0);
        await simulator.connect(teacher).penalize(0, DEPOSIT - 1000n);
        const slashAt = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(slashAt);
        await expect(simulator.connect(teacher).slash(0))
          .to.emit(simulator, "ValidatorSlashed")
          .withArgs(0n, 1000n, slashAt + SLASHED_DELAY);
        expect(await simulator.validatorBalance(0)).to.equal(0n);
      });
    });

    describe("when the validator cannot be slashed", function () {
      it("reverts with AlreadySlashed on a second slashing", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        const slashedAt = await timestampOf(await simulator.connect(teacher).slash(0));
        await expect(simulator.connect(teacher).slash(0))
          .to.be.revertedWithCustomError(simulator, "AlreadySlashed")
          .withArgs(0n, slashedAt);
      });

      it("reverts with AlreadyWithdrawable on an exited validator from withdrawableAt", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        const exitedAt = await timestampOf(await simulator.connect(alice).requestExit(0));
        await time.setNextBlockTimestamp(exitedAt + EXIT_DELAY);
        await expect(simulator.connect(teacher).slash(0))
          .to.be.revertedWithCustomError(simulator, "AlreadyWithdrawable")
          .withArgs(0n, exitedAt + EXIT_DELAY);
      });

      it("reverts with ValidatorNotActive once withdrawn", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(alice).requestExit(0);
        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        await expect(simulator.connect(teacher).slash(0))
          .to.be.revertedWithCustomError(simulator, "ValidatorNotActive")
          .withArgs(0n, Status.Withdrawn);
      });

      it("reverts with UnknownValidator for an index never created", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          deploySimulatorWithValidatorsFixture,
        );
        await expect(simulator.connect(teacher).slash(3))
          .to.be.revertedWithCustomError(simulator, "UnknownValidator")
          .withArgs(3n, 3n);
      });

      it("reverts for a stranger with AccessControlUnauthorizedAccount", async function () {
        const { simulator, stranger } = await networkHelpers.loadFixture(
          deploySimulatorWithValidatorsFixture,
        );
        await expect(simulator.connect(stranger).slash(0))
          .to.be.revertedWithCustomError(simulator, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, CONSENSUS_ROLE);
      });
    });
  });

  describe("correlation penalty (process_slashings, at the full withdrawal)", function () {
    describe("when one validator of three is slashed (a third of the stake)", function () {
      it("takes its whole balance: 3 × 32 ETH slashed ≥ the 64 ETH still active", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(teacher).slash(0);
        await time.increase(SLASHED_DELAY);
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 2n * DEPOSIT);
        expect(expected).to.equal(AFTER_INITIAL);
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, AFTER_INITIAL, DEPOSIT);
        await expect(tx).to.emit(simulator, "Swept").withArgs(0n, alice.address, 0n, true);
        expect((await simulator.getValidator(0)).correlationProcessed).to.equal(true);
        expect(await simulator.totalPenaltiesBurnt()).to.equal(DEPOSIT);
      });
    });

    describe("when one validator among many is slashed", function () {
      it("takes little when the rest of the network holds 10,000 ETH", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        const external = ether("10000");
        await simulator.connect(teacher).setExternalActiveBalance(external);
        await simulator.connect(teacher).slash(0);
        await time.increase(SLASHED_DELAY);
        // 31.9921875 × 96 / 10,064 ≈ 0.305 ETH
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 2n * DEPOSIT + external);
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
        await expect(tx).to.changeEtherBalance(ethers, alice, AFTER_INITIAL - expected);
        expect(expected < ether("0.31") && expected > ether("0.30")).to.equal(true);
      });

      it("takes about 0.00009 ETH at mainnet scale (34 million ETH staked)", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          threeValidatorsWithoutRewardsFixture,
        );
        const external = ether("34000000");
        await simulator.connect(teacher).setExternalActiveBalance(external);
        await simulator.connect(teacher).slash(0);
        await time.increase(SLASHED_DELAY);
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 2n * DEPOSIT + external);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
        expect(expected < ether("0.0001")).to.equal(true);
      });
    });

    describe("when one validator of ten is slashed", function () {
      it("takes a third of its balance: 3 × 32 / 288 ETH still active", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(teacher).slash(0);
        await time.increase(SLASHED_DELAY);
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 9n * DEPOSIT);
        expect(expected).to.equal(mulDivUp(AFTER_INITIAL, 1n, 3n));
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
      });
    });

    describe("when a third of the validators are slashed together", function () {
      it("takes each one's whole balance", async function () {
        const { simulator, teacher, alice, bob } = await networkHelpers.loadFixture(
          nineValidatorsWithoutRewardsFixture,
        );
        for (const index of [0, 1, 2]) await simulator.connect(teacher).slash(index);
        expect(await simulator.slashedInWindow()).to.equal(3n * DEPOSIT);
        await time.increase(SLASHED_DELAY);
        // 3 × 96 ETH slashed ≥ 192 ETH still active: everything goes.
        for (const index of [0, 1, 2]) {
          await expect(simulator.sweep(index))
            .to.emit(simulator, "CorrelationPenaltyApplied")
            .withArgs(BigInt(index), AFTER_INITIAL, 3n * DEPOSIT);
        }
        expect(await simulator.totalPenaltiesBurnt()).to.equal(3n * DEPOSIT);
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(3n * DEPOSIT);
        expect(await simulator.totalBalanceOf(bob.address)).to.equal(3n * DEPOSIT);
      });
    });

    describe("when the simulator is the whole network and its only validator is slashed", function () {
      it("takes the whole balance (no stake left active)", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          oneValidatorWithoutRewardsFixture,
        );
        await simulator.connect(teacher).slash(0);
        await time.increase(SLASHED_DELAY);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, AFTER_INITIAL, DEPOSIT);
      });
    });

    describe("when other slashings fall in the window around it (half a window before, half after)", function () {
      it("counts a slashing that came after it, up to half a window later", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        const slashedAt = await timestampOf(await simulator.connect(teacher).slash(0));
        await time.setNextBlockTimestamp(slashedAt + 10n * DAY);
        await simulator.connect(teacher).slash(1);
        await time.increaseTo(slashedAt + SLASHED_DELAY);
        // Both slashings count; the total is the stake active right after validator 0's slashing
        // (9 validators, its snapshot), not the 8 left at the sweep.
        const expected = correlationPenalty(AFTER_INITIAL, 2n * DEPOSIT, 9n * DEPOSIT);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, 2n * DEPOSIT);
      });

      it("counts a slashing that came before it, up to half a window earlier", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        const firstAt = await timestampOf(await simulator.connect(teacher).slash(0));
        await time.setNextBlockTimestamp(firstAt + 10n * DAY);
        await simulator.connect(teacher).slash(1);
        await time.increase(SLASHED_DELAY);
        // 8 validators active after validator 1's slashing: 31.9921875 × 192 / 256 = 23.994140625 ETH.
        const expected = correlationPenalty(AFTER_INITIAL, 2n * DEPOSIT, 8n * DEPOSIT);
        expect(expected).to.equal(ether("23.994140625"));
        await expect(simulator.sweep(1))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(1n, expected, 2n * DEPOSIT);
      });

      it("does not count a slashing more than half a window (and two buckets) earlier", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        const firstAt = await timestampOf(await simulator.connect(teacher).slash(0));
        await time.setNextBlockTimestamp(firstAt + WINDOW / 2n + 2n * BUCKET);
        await simulator.connect(teacher).slash(1);
        await time.increase(SLASHED_DELAY);
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 8n * DEPOSIT);
        await expect(simulator.sweep(1))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(1n, expected, DEPOSIT);
      });

      it("does not count a slashing more than half a window (and two buckets) later", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        const slashedAt = await timestampOf(await simulator.connect(teacher).slash(0));
        await time.setNextBlockTimestamp(slashedAt + WINDOW / 2n + 2n * BUCKET);
        await simulator.connect(teacher).slash(1);
        await time.increaseTo(slashedAt + SLASHED_DELAY);
        // Only its own slashing counts, against the 9 validators active right after it.
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 9n * DEPOSIT);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
      });
    });

    describe("when the network is the lab's 10 validators: one slashed at t, two at t + 2 days (the review's case)", function () {
      /** Validator 0 slashed at t, 1 and 2 two days later; returns the reference model's inputs. */
      async function oneThenTwoSlashedFixture() {
        const fixture = await tenValidatorsWithoutRewardsFixture();
        const { simulator, teacher } = fixture;
        const slashings: SlashingRecord[] = [];
        const snapshots: bigint[] = [];
        for (const index of [0, 1, 2]) {
          if (index === 1) await time.increase(2n * DAY);
          const at = await timestampOf(await simulator.connect(teacher).slash(index));
          slashings.push({ at, depositWei: DEPOSIT });
          snapshots.push((await simulator.getValidator(index)).activeStakeAtSlashGwei * 10n ** 9n);
        }
        return { ...fixture, slashings, snapshots };
      }

      it("takes the whole balance of all three, the first included, as the consensus specs do", async function () {
        const { simulator, alice, slashings, snapshots } =
          await networkHelpers.loadFixture(oneThenTwoSlashedFixture);
        // Active stake after each slashing: 288, 256 and 224 ETH; 3 × 96 ETH slashed ≥ each.
        expect(snapshots).to.deep.equal([9n * DEPOSIT, 8n * DEPOSIT, 7n * DEPOSIT]);
        for (const index of [0, 1, 2]) {
          const { withdrawableAt, slashedAt } = await simulator.getValidator(index);
          const { penalty, slashedInWindow } = correlationPenaltyReference({
            balance: AFTER_INITIAL,
            slashedAt,
            slashings,
            totalActive: snapshots[index],
            window: WINDOW,
          });
          expect(penalty, `validator ${index} loses everything`).to.equal(AFTER_INITIAL);
          if ((await time.latest()) < withdrawableAt) await time.increaseTo(withdrawableAt);
          await expect(simulator.sweep(index))
            .to.emit(simulator, "CorrelationPenaltyApplied")
            .withArgs(BigInt(index), penalty, slashedInWindow);
        }
        expect(await simulator.totalBalanceOf(alice.address), "alice's 0 and 2 are gone").to.equal(
          3n * DEPOSIT,
        );
        expect(await simulator.totalPenaltiesBurnt(), "96 ETH burnt").to.equal(3n * DEPOSIT);
      });

      it("no longer leaves the first 21.33 ETH by measuring it before the later slashings", async function () {
        const { simulator, slashings, snapshots } =
          await networkHelpers.loadFixture(oneThenTwoSlashedFixture);
        // What the first validator kept when its window ended at its withdrawability, one day
        // after its slashing (before the fix): 31.9921875 × (1 − 96/288) = 21.328125 ETH.
        const before = correlationPenaltyReference({
          balance: AFTER_INITIAL,
          slashedAt: slashings[0].at,
          slashings: slashings.slice(0, 1),
          totalActive: snapshots[0],
          window: WINDOW,
        });
        expect(AFTER_INITIAL - before.penalty, "21.33 ETH kept before the fix").to.equal(
          ether("21.328125"),
        );
        await time.increaseTo((await simulator.getValidator(0)).withdrawableAt);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "Swept")
          .withArgs(0n, (await simulator.getValidator(0)).withdrawalAddress, 0n, true);
      });
    });

    describe("when the sweep may come at any time after withdrawability (the review's case: 31.1275 or 28.5336 ETH)", function () {
      /**
       * 5 validators and 3,424 ETH elsewhere: 3,552 ETH stay active after validator 0's slashing at
       * t; validators 1 to 3 are slashed at t + 1 day + 1 hour, after the day the review's early
       * sweep came. The reference model counts all four: 31.9921875 × 384 / 3,552.
       */
      async function slashedThenThreeMoreFixture() {
        const fixture = await depositValidatorsWithoutRewards(5);
        const { simulator, teacher } = fixture;
        await simulator.connect(teacher).setExternalActiveBalance(ether(3424));
        const slashings: SlashingRecord[] = [];
        const first = await timestampOf(await simulator.connect(teacher).slash(0));
        slashings.push({ at: first, depositWei: DEPOSIT });
        await time.setNextBlockTimestamp(first + DAY + HOUR);
        for (const index of [1, 2, 3]) {
          const at = await timestampOf(await simulator.connect(teacher).slash(index));
          slashings.push({ at, depositWei: DEPOSIT });
        }
        const { penalty, slashedInWindow } = correlationPenaltyReference({
          balance: AFTER_INITIAL,
          slashedAt: first,
          slashings,
          totalActive: ether(3552),
          window: WINDOW,
        });
        return { ...fixture, first, penalty, slashedInWindow, slashings };
      }
      /** Wei rounded to 4 decimals of ETH, as the review quotes them: 28.5336 ETH → 285,336. */
      const toTenThousandths = (wei: bigint) => (wei + ether("0.00005")) / ether("0.0001");

      it("refuses the early sweep that paid 31.1275 ETH: the validator is withdrawable only at t + 36 days", async function () {
        const { simulator, first, slashings } = await networkHelpers.loadFixture(
          slashedThenThreeMoreFixture,
        );
        const ownOnly = correlationPenaltyReference({
          balance: AFTER_INITIAL,
          slashedAt: first,
          slashings: slashings.slice(0, 1),
          totalActive: ether(3552),
          window: WINDOW,
        });
        expect(toTenThousandths(AFTER_INITIAL - ownOnly.penalty), "31.1275 ETH").to.equal(311_275n);
        const early = first + DAY + 2n * HOUR;
        await time.setNextBlockTimestamp(early);
        await expect(simulator.sweep(0))
          .to.be.revertedWithCustomError(simulator, "NotYetWithdrawable")
          .withArgs(0n, first + SLASHED_DELAY, early);
      });

      it("pays 28.5336 ETH when swept the second it becomes withdrawable", async function () {
        const { simulator, alice, first, penalty, slashedInWindow } =
          await networkHelpers.loadFixture(slashedThenThreeMoreFixture);
        expect(slashedInWindow, "all four slashings").to.equal(4n * DEPOSIT);
        expect(toTenThousandths(AFTER_INITIAL - penalty), "28.5336 ETH").to.equal(285_336n);
        await time.setNextBlockTimestamp(first + SLASHED_DELAY);
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, penalty, slashedInWindow);
        await expect(tx).to.changeEtherBalance(ethers, alice, AFTER_INITIAL - penalty);
      });

      it("pays the same 28.5336 ETH when swept a year later, after more slashings", async function () {
        const { simulator, teacher, alice, first, penalty, slashedInWindow } =
          await networkHelpers.loadFixture(slashedThenThreeMoreFixture);
        await time.setNextBlockTimestamp(first + SLASHED_DELAY + 1n);
        await simulator.connect(teacher).slash(4); // after the window closed: not counted
        await time.increase(SECONDS_PER_YEAR);
        const tx = simulator.sweep(0);
        await expect(tx)
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, penalty, slashedInWindow);
        await expect(tx).to.changeEtherBalance(ethers, alice, AFTER_INITIAL - penalty);
      });
    });

    describe("when the slashed validator had exited voluntarily first", function () {
      it("applies the correlation penalty all the same", async function () {
        const { simulator, teacher, alice } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(alice).requestExit(0);
        await simulator.connect(teacher).slash(0);
        await time.increase(SLASHED_DELAY);
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 9n * DEPOSIT);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
      });
    });
    describe("when stake leaves or joins between the slashing and the sweep", function () {
      it("measures against the stake active right after the slashing: a stranger's exits do not inflate it", async function () {
        const { simulator, teacher, alice, stranger } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        const first = await simulator.validatorCount();
        for (let i = 0n; i < 6n; i++) {
          await simulator
            .connect(stranger)
            .deposit(ethers.id(`stranger-${i}`), stranger.address, { value: DEPOSIT });
        }
        await simulator.connect(teacher).slash(0);
        // 9 + 6 = 15 validators active after the slashing: 480 ETH.
        expect((await simulator.getValidator(0)).activeStakeAtSlashGwei).to.equal(
          (15n * DEPOSIT) / 10n ** 9n,
        );
        for (let i = 0n; i < 6n; i++) await simulator.connect(stranger).requestExit(first + i);
        await time.increase(SLASHED_DELAY);
        // 31.9921875 × 96 / 480 = 6.3984375 ETH, not × 96 / 288 (the 9 left at the sweep).
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 15n * DEPOSIT);
        expect(expected).to.equal(ether("6.3984375"));
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(4n * DEPOSIT);
      });

      it("measures against the stake active right after the slashing: later deposits do not dilute it", async function () {
        const { simulator, teacher, stranger } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(teacher).slash(0);
        for (let i = 0n; i < 20n; i++) {
          await simulator
            .connect(stranger)
            .deposit(ethers.id(`stranger-${i}`), stranger.address, { value: DEPOSIT });
        }
        await simulator.connect(teacher).setExternalActiveBalance(ether(1_000_000));
        await time.increase(SLASHED_DELAY);
        // 31.9921875 × 96 / 288 (the 9 validators active after the slashing) = 10.6640625 ETH.
        const expected = correlationPenalty(AFTER_INITIAL, DEPOSIT, 9n * DEPOSIT);
        expect(expected).to.equal(ether("10.6640625"));
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, expected, DEPOSIT);
      });

      it("records the external stake in the snapshot, in gwei", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        const external = ether(34_000_000);
        await simulator.connect(teacher).setExternalActiveBalance(external);
        expect((await simulator.getValidator(0)).activeStakeAtSlashGwei, "0 before").to.equal(0n);
        await simulator.connect(teacher).slash(0);
        expect((await simulator.getValidator(0)).activeStakeAtSlashGwei).to.equal(
          (9n * DEPOSIT + external) / 10n ** 9n,
        );
      });

      it("caps an absurd external stake at 2^64 − 1 gwei instead of reverting", async function () {
        const { simulator, teacher } = await networkHelpers.loadFixture(
          tenValidatorsWithoutRewardsFixture,
        );
        await simulator.connect(teacher).setExternalActiveBalance(ethers.MaxUint256);
        await simulator.connect(teacher).slash(0);
        const cap = 2n ** 64n - 1n;
        expect((await simulator.getValidator(0)).activeStakeAtSlashGwei).to.equal(cap);
        await time.increase(SLASHED_DELAY);
        await expect(simulator.sweep(0))
          .to.emit(simulator, "CorrelationPenaltyApplied")
          .withArgs(0n, correlationPenalty(AFTER_INITIAL, DEPOSIT, cap * 10n ** 9n), DEPOSIT);
      });
    });
  });

  describe("pendingSlashingsOf", function () {
    it("is 0 for an address none of whose validators was slashed", async function () {
      const { simulator, alice, stranger } = await networkHelpers.loadFixture(
        threeValidatorsWithoutRewardsFixture,
      );
      expect(await simulator.pendingSlashingsOf(alice.address)).to.equal(0n);
      expect(await simulator.pendingSlashingsOf(stranger.address)).to.equal(0n);
    });

    it("counts a slashing until the validator's full withdrawal", async function () {
      const { simulator, teacher, alice, bob } = await networkHelpers.loadFixture(
        threeValidatorsWithoutRewardsFixture,
      );
      await simulator.connect(teacher).slash(0); // alice's
      expect(await simulator.pendingSlashingsOf(alice.address), "after the slashing").to.equal(1n);
      expect(await simulator.pendingSlashingsOf(bob.address), "bob's untouched").to.equal(0n);
      await time.increase(SLASHED_DELAY - 10n);
      expect(await simulator.pendingSlashingsOf(alice.address), "until the sweep").to.equal(1n);
      await time.increase(10n);
      await simulator.sweep(0);
      expect(await simulator.pendingSlashingsOf(alice.address), "after the sweep").to.equal(0n);
    });

    it("counts a validator slashed while exiting voluntarily", async function () {
      const { simulator, teacher, alice } = await networkHelpers.loadFixture(
        threeValidatorsWithoutRewardsFixture,
      );
      await simulator.connect(alice).requestExit(0);
      expect(await simulator.pendingSlashingsOf(alice.address), "an exit alone").to.equal(0n);
      await simulator.connect(teacher).slash(0);
      expect(await simulator.pendingSlashingsOf(alice.address), "slashed while exiting").to.equal(
        1n,
      );
      await time.increase(SLASHED_DELAY);
      await simulator.sweep(0);
      expect(await simulator.pendingSlashingsOf(alice.address), "swept").to.equal(0n);
    });

    it("counts two slashings of one address and releases them one sweep at a time", async function () {
      const { simulator, teacher, alice } = await networkHelpers.loadFixture(
        tenValidatorsWithoutRewardsFixture,
      );
      await simulator.connect(teacher).slash(0);
      await time.increase(DAY / 2n);
      await simulator.connect(teacher).slash(2);
      expect(await simulator.pendingSlashingsOf(alice.address), "two slashed").to.equal(2n);
      await time.increase(SLASHED_DELAY - DAY / 2n);
      await simulator.sweep(0);
      expect(await simulator.pendingSlashingsOf(alice.address), "one swept").to.equal(1n);
      await time.increase(DAY / 2n);
      await simulator.sweep(2);
      expect(await simulator.pendingSlashingsOf(alice.address), "both swept").to.equal(0n);
    });

    it("is not changed by the full withdrawal of a validator that was not slashed", async function () {
      const { simulator, teacher, alice } = await networkHelpers.loadFixture(
        threeValidatorsWithoutRewardsFixture,
      );
      await simulator.connect(teacher).slash(0);
      await simulator.connect(alice).requestExit(2); // alice's too, not slashed
      await time.increase(EXIT_DELAY);
      await simulator.sweep(2);
      expect(await simulator.pendingSlashingsOf(alice.address)).to.equal(1n);
    });
  });

  describe("slashedInWindow", function () {
    it("adds each slashed deposit and forgets it once the window has passed", async function () {
      const { simulator, teacher } = await networkHelpers.loadFixture(
        threeValidatorsWithoutRewardsFixture,
      );
      expect(await simulator.slashedInWindow()).to.equal(0n);
      await simulator.connect(teacher).slash(0);
      await simulator.connect(teacher).slash(1);
      expect(await simulator.slashedInWindow()).to.equal(2n * DEPOSIT);
      await time.increase(WINDOW / 2n);
      expect(await simulator.slashedInWindow()).to.equal(2n * DEPOSIT);
      await time.increase(WINDOW / 2n + (await simulator.correlationBucketSeconds()));
      expect(await simulator.slashedInWindow()).to.equal(0n);
    });
  });
});
