/**
 * BeaconChainSimulator: the O(1) aggregates agree with the validators one by one, and the ETH
 * held always covers what is owed, through a mix of every operation.
 *
 * Invariants checked after each step:
 * - AGG: `totalBalanceOf(a)` = Σ `validatorBalance(i)` over the validators of `a`, and the
 *   per-address counters equal the counts by status.
 * - ETH: the contract's ETH = `rewardReserve` + one deposit per validator not yet withdrawn +
 *   `totalPenaltiesBurnt`: deposits back principals until the full withdrawal, the reserve backs
 *   every reward (each skim, and what a full withdrawal pays beyond the deposit), penalties stay
 *   in the contract.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { consensusFixtures } from "../helpers/fixtures/consensus.js";
import { SECONDS_PER_YEAR, ether } from "../helpers/index.js";
import { Status, timestampOf } from "./simulator-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deploySimulatorFixture, deploySimulatorWithValidatorsFixture } =
  consensusFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei;
const EXIT_DELAY = realistic.exitDelaySeconds;
const SLASHED_DELAY = realistic.correlationWindowSeconds;
const YEARLY_REWARD = (DEPOSIT * 300n) / 10_000n; // 0.96 ETH

type Fixture = Awaited<ReturnType<typeof deploySimulatorWithValidatorsFixture>>;

/** Checks AGG and ETH (see the file header) after `step`. */
async function checkInvariants({ simulator, alice, bob }: Fixture, step: string) {
  const count = Number(await simulator.validatorCount());
  const owners = [alice.address, bob.address];
  const sums = new Map(owners.map((a) => [a, { balance: 0n, all: 0n, active: 0n, withdrawn: 0n }]));
  let owedPrincipal = 0n;
  let active = 0n;
  for (let i = 0; i < count; i++) {
    const validator = await simulator.getValidator(i);
    const sum = sums.get(validator.withdrawalAddress)!;
    sum.balance += await simulator.validatorBalance(i);
    sum.all += 1n;
    if (validator.status === Status.Active) {
      sum.active += 1n;
      active += 1n;
    }
    if (validator.status === Status.Withdrawn) sum.withdrawn += 1n;
    else owedPrincipal += DEPOSIT;
  }
  for (const owner of owners) {
    const sum = sums.get(owner)!;
    expect(await simulator.totalBalanceOf(owner), `${step}: totalBalanceOf = Σ balances`).to.equal(
      sum.balance,
    );
    expect(await simulator.validatorCountOf(owner), `${step}: validatorCountOf`).to.equal(sum.all);
    expect(await simulator.activeValidatorCountOf(owner), `${step}: activeCountOf`).to.equal(
      sum.active,
    );
    expect(await simulator.withdrawnValidatorCountOf(owner), `${step}: withdrawnCountOf`).to.equal(
      sum.withdrawn,
    );
  }
  expect(await simulator.activeValidatorCount(), `${step}: activeValidatorCount`).to.equal(active);
  const held = await ethers.provider.getBalance(await simulator.getAddress());
  const backed =
    (await simulator.rewardReserve()) + owedPrincipal + (await simulator.totalPenaltiesBurnt());
  expect(held, `${step}: ETH held = reserve + principals owed + burnt`).to.equal(backed);
}

describe("BeaconChainSimulator", function () {
  describe("accounting", function () {
    describe("totalBalanceOf", function () {
      it("adds a year of rewards to each active validator: 2 × 32.96 ETH for alice", async function () {
        const { simulator, alice } = await networkHelpers.loadFixture(deploySimulatorFixture);
        const first = await timestampOf(
          await simulator.connect(alice).deposit(ethers.id("a"), alice.address, { value: DEPOSIT }),
        );
        await time.setNextBlockTimestamp(first + SECONDS_PER_YEAR / 2n);
        await simulator.connect(alice).deposit(ethers.id("b"), alice.address, { value: DEPOSIT });
        await time.increaseTo(first + SECONDS_PER_YEAR);
        // The first earned a year, the second half a year.
        expect(await simulator.totalBalanceOf(alice.address)).to.equal(
          2n * DEPOSIT + YEARLY_REWARD + YEARLY_REWARD / 2n,
        );
      });

      it("is zero for an address without validators", async function () {
        const { simulator, stranger } = await networkHelpers.loadFixture(
          deploySimulatorWithValidatorsFixture,
        );
        expect(await simulator.totalBalanceOf(stranger.address)).to.equal(0n);
        expect(await simulator.validatorCountOf(stranger.address)).to.equal(0n);
      });
    });

    describe("when every operation is mixed over two years", function () {
      it("keeps totalBalanceOf equal to the sum of balances and the ETH backed at every step", async function () {
        const fixture = await networkHelpers.loadFixture(deploySimulatorWithValidatorsFixture);
        const { simulator, teacher, alice, bob } = fixture;
        await checkInvariants(fixture, "1. three validators deposited (0, 1 alice; 2 bob)");

        await time.increase(SECONDS_PER_YEAR / 2n);
        await checkInvariants(fixture, "2. half a year of rewards");

        await simulator.sweep(0);
        await checkInvariants(fixture, "3. validator 0 skimmed");

        await simulator.connect(teacher).penalize(1, ether("0.1"));
        await checkInvariants(fixture, "4. validator 1 penalized 0.1 ETH");

        await simulator.connect(teacher).setRewardAprBps(500n);
        await time.increase(SECONDS_PER_YEAR / 4n);
        await checkInvariants(fixture, "5. APR raised to 5 %, a quarter year");

        await simulator.connect(bob).requestExit(2);
        await checkInvariants(fixture, "6. bob exits validator 2");

        await simulator.connect(teacher).slash(1);
        await checkInvariants(fixture, "7. validator 1 slashed");

        await simulator
          .connect(alice)
          .deposit(ethers.id("late"), alice.address, { value: DEPOSIT });
        await checkInvariants(fixture, "8. alice deposits validator 3");

        // A slashed validator is withdrawable a whole correlation window after its slashing.
        await time.increase(SLASHED_DELAY);
        await simulator.sweep(2);
        await simulator.sweep(1);
        await checkInvariants(
          fixture,
          "9. validator 2 withdrawn; validator 1 withdrawn after its correlation penalty",
        );

        await time.increase(SECONDS_PER_YEAR);
        await simulator.sweep(0);
        await simulator.sweep(3);
        await simulator.connect(alice).requestExit(0);
        await simulator.connect(teacher).penalize(0, ether("0.2"));
        await checkInvariants(fixture, "10. a year; skims; validator 0 exits and is penalized");

        await time.increase(EXIT_DELAY);
        await simulator.sweep(0);
        await checkInvariants(fixture, "11. validator 0 withdrawn");
        expect(
          await simulator.withdrawnValidatorCountOf(alice.address),
          "11. alice withdrawn",
        ).to.equal(2n);
      });
    });

    describe("totalPenaltiesBurnt", function () {
      it("counts a slashed validator's loss once it is withdrawn, not before", async function () {
        const { simulator, teacher, bob } = await networkHelpers.loadFixture(
          deploySimulatorWithValidatorsFixture,
        );
        await simulator.connect(teacher).setRewardAprBps(0n);
        await simulator.connect(teacher).setExternalActiveBalance(ether("34000000"));
        await simulator.connect(teacher).slash(2);
        expect(await simulator.totalPenaltiesBurnt(), "before the withdrawal").to.equal(0n);
        await time.increase(SLASHED_DELAY);
        const before = await ethers.provider.getBalance(bob.address);
        await simulator.connect(teacher).sweep(2);
        const received = (await ethers.provider.getBalance(bob.address)) - before;
        expect(await simulator.totalPenaltiesBurnt(), "after the withdrawal").to.equal(
          DEPOSIT - received,
        );
      });
    });
  });
});
