import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  BPS,
  DAY,
  SECONDS_PER_YEAR,
  WAD,
  checkStakingInvariants,
  ether,
  expectEqualWithinRounding,
  mulDiv,
  oracleReport,
  reportHash,
  submitOracleReport,
} from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture } = stakingFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei;
/** A slashed validator is withdrawable a whole correlation window (36 days) after its slashing. */
const WINDOW = realistic.correlationWindowSeconds;
/**
 * Rewards of 6 validators at 3 % over that window and a day, ≈ 0.6 ETH: the margin of the rounded
 * figures below (the exact ones are computed from the report).
 */
const WINDOW_OF_REWARDS = mulDiv(
  6n * DEPOSIT * realistic.rewardAprBps,
  WINDOW + DAY,
  BPS * SECONDS_PER_YEAR,
);
/** The seconds the transactions take, at 6 × 32 ETH × 3 %: the margin of the exact figures. */
const SECONDS_OF_REWARDS = ether("0.00001");

describe("Scenario: a third of the validators slashed together (correlation penalty ≈ everything)", function () {
  let fixture: Awaited<ReturnType<typeof deployStakingFixture>>;
  const validators: bigint[] = [];
  let bobShares: bigint;
  let bobValueAtRequest: bigint;
  let rateAfterCorrelation: bigint;

  before(async function () {
    // The simulator is the whole network (no outside stake): 2 of 6 validators are a third of it.
    fixture = await networkHelpers.loadFixture(deployStakingFixture);
  });

  it("1. alice deposits 150 ETH, bob 50 ETH; 6 validators are staked (192 ETH), 8 ETH stay buffered", async function () {
    const { pool, simulator, oracle, operator, alice, bob } = fixture;
    await pool.connect(alice).deposit({ value: ether(150) });
    await pool.connect(bob).deposit({ value: ether(50) });
    for (let n = 0; n < 6; n++) {
      await pool.connect(operator).stakeValidator(ethers.id(`v${n}`));
      validators.push(await pool.validatorIndexAt(n));
    }
    await submitOracleReport(pool, simulator, oracle);
    expect(await pool.bufferedEther(), "buffer").to.equal(ether(8));
    expect(await simulator.activeValidatorCount(), "the whole network: 6 validators").to.equal(6n);
    await checkStakingInvariants(fixture, "step 1");
  });

  it("2. validators 0 and 1 are slashed together: 2 × 0.0078125 ETH at once", async function () {
    const { simulator, teacher } = fixture;
    await simulator.connect(teacher).slash(validators[0]);
    await simulator.connect(teacher).slash(validators[1]);
    expect(await simulator.slashedInWindow(), "64 ETH slashed in the window").to.equal(
      2n * DEPOSIT,
    );
    await checkStakingInvariants(fixture, "step 2", { unreportedClLoss: true });
  });

  it("3. the report applies the initial penalties at once (within the 6 × 0.1 ETH budget)", async function () {
    const { pool, simulator, oracle } = fixture;
    const pre = await pool.clBalance();
    const report = await oracleReport(pool, simulator);
    expectEqualWithinRounding(
      pre - report.clBalance,
      ether("0.015625"),
      "loss ≈ 2 initial penalties",
      ether("0.00001"),
    );
    await pool.connect(oracle).submitReport(report);
    await checkStakingInvariants(fixture, "step 3");
  });

  it("4. bob, seeing the correlation penalty coming, requests all his 50 LST", async function () {
    const { pool, token, bob } = fixture;
    bobShares = await token.balanceOf(bob.address);
    bobValueAtRequest = await pool.getEthByShares(bobShares);
    expectEqualWithinRounding(
      bobValueAtRequest,
      ether(50),
      "bob's value at request ≈ 50 ETH",
      ether("0.01"),
    );
    const rateBefore = await pool.getExchangeRate();
    await token.connect(bob).approve(await pool.getAddress(), bobShares);
    await pool.connect(bob).requestWithdrawal(bobShares);
    await checkStakingInvariants(fixture, "step 4", { rateBefore });
  });

  it("5. 36 days later (a correlation window) both are withdrawable; the sweeps apply min(3 × 64, 128) / 128 = 100 %: they pay nothing", async function () {
    const { pool, simulator, stranger } = fixture;
    await networkHelpers.time.increase(WINDOW);
    for (const index of validators.slice(0, 2)) {
      const balance = await simulator.validatorBalance(index);
      await expect(simulator.connect(stranger).sweep(index), "the whole balance is the penalty")
        .to.emit(simulator, "CorrelationPenaltyApplied")
        .withArgs(index, balance, 2n * DEPOSIT);
    }
    expect(await pool.unaccountedClWithdrawals(), "nothing came back").to.equal(0n);
    await checkStakingInvariants(fixture, "step 5", { unreportedClLoss: true });
  });

  it("6. the report shows a ≈ 64 ETH loss: it reverts until the loss confirmer approves it, then the rate falls ≈ 32 %", async function () {
    const { pool, token, simulator, oracle, lossConfirmer } = fixture;
    const pre = await pool.clBalance();
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "the 8 ETH buffer cannot pay bob").to.equal(0n);
    const loss = pre - report.clBalance;
    // Two validators' balances (64 ETH less the initial penalties), less 36 days of rewards on the
    // 4 others (≈ 0.379 ETH).
    const windowOnFour = mulDiv(
      4n * DEPOSIT * realistic.rewardAprBps,
      WINDOW,
      BPS * SECONDS_PER_YEAR,
    );
    expectEqualWithinRounding(
      loss,
      2n * DEPOSIT - ether("0.015625") - windowOnFour,
      "≈ 63.605 ETH lost",
      SECONDS_OF_REWARDS,
    );
    // The budget counts the validators still on the consensus layer: 6 seen − 2 withdrawn.
    const budget = (6n - 2n) * realistic.lossBudgetPerValidatorWei;
    await expect(pool.connect(oracle).submitReport(report), "needs a second opinion")
      .to.be.revertedWithCustomError(pool, "LossAboveBudget")
      .withArgs(loss, budget, reportHash(report));
    await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));

    const supply = await token.totalSupply();
    const tx = pool.connect(oracle).submitReport(report);
    // bob's request (≈ 50 ETH) against an 8 ETH buffer: 2 exits, of the oldest active validators.
    await expect(tx, "exit of validator 2")
      .to.emit(pool, "ValidatorExitRequested")
      .withArgs(validators[2]);
    await expect(tx, "exit of validator 3")
      .to.emit(pool, "ValidatorExitRequested")
      .withArgs(validators[3]);
    rateAfterCorrelation = await pool.getExchangeRate();
    expect(rateAfterCorrelation, "rate = (8 + 4 × 32 + rewards) / 200").to.equal(
      mulDiv(WAD, ether(8) + report.clBalance, supply),
    );
    expectEqualWithinRounding(
      rateAfterCorrelation,
      ether("0.68"),
      "rate ≈ 136 / 200",
      WINDOW_OF_REWARDS,
    );
    await checkStakingInvariants(fixture, "step 6");
  });

  it("7. the exits come back; the next report finalises bob at the rate after the loss: ≈ 34 ETH, not 50", async function () {
    const { pool, token, simulator, oracle, stranger, bob } = fixture;
    await networkHelpers.time.increase(realistic.exitDelaySeconds);
    await simulator.connect(stranger).sweep(validators[2]);
    await simulator.connect(stranger).sweep(validators[3]);
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "bob is finalised").to.equal(1n);
    const pooled = (await pool.bufferedEther()) + report.withdrawnFromCl + report.clBalance;
    const supplyBeforeFee = await token.totalSupply();
    await pool.connect(oracle).submitReport(report);
    const supplyAtRate = (await token.totalSupply()) + bobShares; // after the fee mint, before the burn
    expect(supplyAtRate >= supplyBeforeFee, "fee shares on a day of rewards").to.equal(true);
    const expected = mulDiv(bobShares, pooled, supplyAtRate);
    expect(expected < bobValueAtRequest, "bob bears the loss he tried to escape").to.equal(true);
    expectEqualWithinRounding(expected, ether(34), "≈ 50 × 0.68", WINDOW_OF_REWARDS);
    await expect(pool.connect(bob).claimWithdrawal(1n), "bob's payout").to.changeEtherBalance(
      ethers,
      bob,
      expected,
    );
    await checkStakingInvariants(fixture, "step 7");
  });
});
