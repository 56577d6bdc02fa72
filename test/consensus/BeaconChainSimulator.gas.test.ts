/**
 * BeaconChainSimulator: costs do not depend on the number of validators (INV-6 for the consensus
 * layer). The same operations are measured on a small network and on one of 1,000 validators
 * that all pay alice (as a staking pool's validators all pay the pool), with the classroom
 * profile (0.032 ETH deposits) so the large network is cheap to build.
 */
import { network } from "hardhat";

import { classroom } from "../../config/profiles.js";
import { consensusFixtures } from "../helpers/fixtures/consensus.js";
import { MINUTE, ether, expectGasWithinPercent } from "../helpers/index.js";
import { gasOf } from "./simulator-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deploySimulatorFixture } = consensusFixtures(connection, classroom);

const DEPOSIT = classroom.validatorDepositWei; // 0.032 ETH
const LARGE_NETWORK = 1000n;
/** Validators per transaction while building the large network (keeps each under the gas cap). */
const BATCH = 100n;

describe("BeaconChainSimulator", function () {
  type SimulatorFixture = Awaited<ReturnType<typeof deploySimulatorFixture>>;

  /** A classroom simulator whose `count` validators all pay alice; index 0 is the one measured. */
  async function networkOf(count: bigint): Promise<SimulatorFixture> {
    const fixture = await deploySimulatorFixture();
    const { simulator, alice } = fixture;
    await simulator
      .connect(alice)
      .deposit(ethers.id("validator-0"), alice.address, { value: DEPOSIT });
    const depositor = await ethers.deployContract("BatchDepositor");
    for (let first = 1n; first < count; first += BATCH) {
      const batch = first + BATCH <= count ? BATCH : count - first;
      await depositor.depositMany(await simulator.getAddress(), alice.address, first, batch, {
        value: DEPOSIT * batch,
      });
    }
    return fixture;
  }

  /**
   * Three simulators on one chain, built once (one snapshot): with 1, 2 and 1,000 validators.
   * Each measurement runs the same steps on two of them, at the same times.
   */
  async function networksFixture() {
    return {
      one: await networkOf(1n),
      two: await networkOf(2n),
      thousand: await networkOf(LARGE_NETWORK),
    };
  }

  describe("gas (O(1) in the number of validators)", function () {
    it("skims a validator's rewards for the same gas with 1 and 1,000 validators", async function () {
      const { one, thousand } = await networkHelpers.loadFixture(networksFixture);
      await time.increase(30n * MINUTE); // a simulated year
      const small = await gasOf(await one.simulator.sweep(0));
      const large = await gasOf(await thousand.simulator.sweep(0));
      expectGasWithinPercent(small, large, 1n, "sweep (skim) of one validator");
    });

    // From a single validator an exit, a slashing or a full withdrawal brings alice's counters or
    // sums to zero, and clearing a storage slot earns a refund (EIP-3529): a storage effect, not
    // a dependence on the number of validators. Two validators keep them non-zero, as 1,000 do.
    it("pays a slashed validator's full withdrawal, correlation penalty included, for the same gas with 2 and 1,000 validators", async function () {
      const { two, thousand } = await networkHelpers.loadFixture(networksFixture);
      await time.increase(30n * MINUTE);
      for (const { simulator, alice, teacher } of [two, thousand]) {
        // The rest of the network at mainnet scale, so both take the same arithmetic path
        // (an empty network, with nothing left active, would simply take the whole balance).
        await simulator.connect(teacher).setExternalActiveBalance(ether("34000000"));
        await simulator.connect(alice).requestExit(0);
        await simulator.connect(teacher).slash(0);
      }
      await time.increase(classroom.correlationWindowSeconds); // a slashed validator's wait
      const small = await gasOf(await two.simulator.sweep(0));
      const large = await gasOf(await thousand.simulator.sweep(0));
      expectGasWithinPercent(small, large, 1n, "sweep (full withdrawal) of a slashed validator");
    });

    it("reads rewardPerValidator and totalBalanceOf for the same gas with 1 and 1,000 validators", async function () {
      const { one, thousand } = await networkHelpers.loadFixture(networksFixture);
      expectGasWithinPercent(
        await one.simulator.rewardPerValidator.estimateGas(),
        await thousand.simulator.rewardPerValidator.estimateGas(),
        1n,
        "rewardPerValidator",
      );
      expectGasWithinPercent(
        await one.simulator.totalBalanceOf.estimateGas(one.alice.address),
        await thousand.simulator.totalBalanceOf.estimateGas(thousand.alice.address),
        1n,
        "totalBalanceOf alice",
      );
    });

    it("exits an active validator for the same gas with 2 and 1,000 validators", async function () {
      const { two, thousand } = await networkHelpers.loadFixture(networksFixture);
      await time.increase(30n * MINUTE);
      const small = await gasOf(await two.simulator.connect(two.alice).requestExit(0));
      const large = await gasOf(await thousand.simulator.connect(thousand.alice).requestExit(0));
      expectGasWithinPercent(small, large, 1n, "requestExit");
    });

    it("slashes an active validator for the same gas with 2 and 1,000 validators", async function () {
      const { two, thousand } = await networkHelpers.loadFixture(networksFixture);
      await time.increase(30n * MINUTE);
      const small = await gasOf(await two.simulator.connect(two.teacher).slash(0));
      const large = await gasOf(await thousand.simulator.connect(thousand.teacher).slash(0));
      expectGasWithinPercent(small, large, 1n, "slash");
    });
  });
});
