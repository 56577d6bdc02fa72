import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  DAY,
  checkStakingInvariants,
  ether,
  mulDiv,
  oracleReport,
  submitOracleReport,
} from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture } = stakingFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei;

describe("Scenario: the buffer is short, so the pool exits a validator to pay a withdrawal", function () {
  let fixture: Awaited<ReturnType<typeof deployStakingFixture>>;
  const validators: bigint[] = [];
  let bobValue: bigint;
  let swept: bigint;

  before(async function () {
    fixture = await networkHelpers.loadFixture(deployStakingFixture);
  });

  it("1. alice deposits 64 ETH and bob 32 ETH; all 96 ETH are staked (3 validators): the buffer is empty", async function () {
    const { pool, simulator, oracle, operator, alice, bob } = fixture;
    await pool.connect(alice).deposit({ value: ether(64) });
    await pool.connect(bob).deposit({ value: ether(32) });
    for (let n = 0; n < 3; n++) {
      await pool.connect(operator).stakeValidator(ethers.id(`v${n}`));
      validators.push(await pool.validatorIndexAt(n));
    }
    await submitOracleReport(pool, simulator, oracle);
    expect(await pool.bufferedEther(), "buffer").to.equal(0n);
    await checkStakingInvariants(fixture, "step 1");
  });

  it("2. 30 days of rewards are reported; bob requests 20 LST (≈ 20.04 ETH)", async function () {
    const { pool, token, simulator, oracle, bob } = fixture;
    await networkHelpers.time.increase(30n * DAY);
    await submitOracleReport(pool, simulator, oracle);
    bobValue = mulDiv(ether(20), await pool.totalPooledEther(), await token.totalSupply());
    const rateBefore = await pool.getExchangeRate();
    await token.connect(bob).approve(await pool.getAddress(), ether(20));
    await pool.connect(bob).requestWithdrawal(ether(20));
    expect(await pool.unfinalizedEther(), "demand").to.equal(bobValue);
    await checkStakingInvariants(fixture, "step 2", { rateBefore });
  });

  it("3. the next report cannot finalise bob (0 ETH buffered) and asks the oldest validator to exit", async function () {
    const { pool, simulator, oracle } = fixture;
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "nothing fits in an empty buffer").to.equal(0n);
    // ceil(20.04 / 32) = 1 exit.
    await expect(pool.connect(oracle).submitReport(report), "exit requested")
      .to.emit(pool, "ValidatorExitRequested")
      .withArgs(validators[0])
      .and.to.emit(simulator, "ExitRequested");
    expect((await simulator.getValidator(validators[0])).status, "validator 0 exiting").to.equal(
      2n,
    );
    expect(
      (await simulator.getValidator(validators[1])).status,
      "validator 1 still active",
    ).to.equal(1n);
    await checkStakingInvariants(fixture, "step 3");
  });

  it("4. a day later the validator is withdrawable; anyone sweeps it: 32 ETH + its rewards reach the pool", async function () {
    const { pool, simulator, stranger } = fixture;
    await networkHelpers.time.increase(realistic.exitDelaySeconds);
    const balance = await simulator.validatorBalance(validators[0]);
    expect(balance > DEPOSIT, "principal + 30 days of rewards").to.equal(true);
    const rateBefore = await pool.getExchangeRate();
    await expect(simulator.connect(stranger).sweep(validators[0]), "full withdrawal")
      .to.emit(pool, "ClWithdrawalReceived")
      .withArgs(balance);
    swept = balance;
    expect(await pool.unaccountedClWithdrawals(), "waiting for a report").to.equal(swept);
    await checkStakingInvariants(fixture, "step 4", { rateBefore });
  });

  it("5. the next report moves the swept ETH into the buffer and finalises bob at his value at request", async function () {
    const { pool, simulator, oracle } = fixture;
    const report = await oracleReport(pool, simulator);
    expect(report.withdrawnFromCl, "withdrawn").to.equal(swept);
    expect(report.finalizeUpToRequestId, "bob fits now").to.equal(1n);
    await expect(pool.connect(oracle).submitReport(report), "finalised")
      .to.emit(pool, "WithdrawalsFinalized")
      .withArgs(1n, 1n, bobValue, ether(20), (rate: bigint) => rate > ether(1));
    expect(await pool.bufferedEther(), "buffer = swept − reserved").to.equal(swept - bobValue);
    expect(await pool.lockedEther(), "reserved for bob").to.equal(bobValue);
    await checkStakingInvariants(fixture, "step 5");
  });

  it("6. bob claims his ETH", async function () {
    const { pool, bob } = fixture;
    const rateBefore = await pool.getExchangeRate();
    await expect(pool.connect(bob).claimWithdrawal(1n), "bob's payout").to.changeEtherBalance(
      ethers,
      bob,
      bobValue,
    );
    expect(await pool.lockedEther(), "nothing reserved").to.equal(0n);
    await checkStakingInvariants(fixture, "step 6", { rateBefore });
  });
});
