import { expect } from "chai";
import { network } from "hardhat";

import { classroom } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  BPS,
  MINUTE,
  SECONDS_PER_YEAR,
  WAD,
  checkStakingInvariants,
  expectEqualWithinRounding,
  mulDiv,
  oracleReport,
  submitOracleReport,
} from "../helpers/index.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { depositedAndStakedFixture } = stakingFixtures(connection, classroom);

const DEPOSIT = classroom.validatorDepositWei; // 0.032 ETH

describe("DepositPool with the classroom profile (Hoodi)", function () {
  it("earns a simulated year of rewards in 30 real minutes, within the APR bound", async function () {
    const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
    const { pool, simulator, oracle } = fixture;
    expect(await pool.validatorDeposit()).to.equal(DEPOSIT);
    expect(await pool.bufferedEther(), "one deposit buffered").to.equal(DEPOSIT);
    const rateBefore = await pool.getExchangeRate();
    await networkHelpers.time.increase(30n * MINUTE);
    const report = await oracleReport(pool, simulator);
    const rewards = report.clBalance - (await pool.clBalance());
    // 4 × 0.032 ETH × 3 % for a simulated year (30 minutes × timeScale), plus a few compressed seconds.
    const aYear = mulDiv(4n * DEPOSIT, classroom.rewardAprBps, BPS);
    const aSecond = mulDiv(
      4n * DEPOSIT * classroom.rewardAprBps,
      classroom.timeScale,
      BPS * SECONDS_PER_YEAR,
    );
    expectEqualWithinRounding(rewards, aYear, "a simulated year of rewards", 10n * aSecond);
    await pool.connect(oracle).submitReport(report);
    // 3 % × 0.9 on the staked 4 of 5 deposits: +2.16 %.
    expectEqualWithinRounding(
      (await pool.getExchangeRate()) - rateBefore,
      mulDiv(WAD, 216n, 10_000n),
      "rate rise",
      mulDiv(WAD, 10n * aSecond, 5n * DEPOSIT),
    );
    await checkStakingInvariants(fixture, "after a classroom year");
  });

  it("exits a validator and pays a withdrawal within minutes", async function () {
    const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
    const { pool, token, simulator, oracle, stranger, bob, validatorIndices } = fixture;
    const shares = await token.balanceOf(bob.address); // 1.875 deposits: more than the buffer
    await token.connect(bob).approve(await pool.getAddress(), shares);
    await pool.connect(bob).requestWithdrawal(shares);
    await expect(submitOracleReport(pool, simulator, oracle), "exit of the oldest validator")
      .to.emit(pool, "ValidatorExitRequested")
      .withArgs(validatorIndices[0]);
    await networkHelpers.time.increase(classroom.exitDelaySeconds); // 2 minutes
    await simulator.connect(stranger).sweep(validatorIndices[0]);
    await submitOracleReport(pool, simulator, oracle);
    expect(await pool.lastFinalizedRequestId(), "bob finalised").to.equal(1n);
    await expect(pool.connect(bob).claimWithdrawal(1n)).to.emit(pool, "WithdrawalClaimed");
    await checkStakingInvariants(fixture, "after a classroom withdrawal");
  });
});
