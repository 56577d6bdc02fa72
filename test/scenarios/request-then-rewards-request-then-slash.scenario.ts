import { expect } from "chai";
import { network } from "hardhat";

import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  DAY,
  checkStakingInvariants,
  ether,
  expectAtMost,
  mulDiv,
  mulDivUp,
  oracleReport,
  reportHash,
} from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { depositedAndStakedFixture } = stakingFixtures(connection);

describe("Scenario: a request made before rewards pays its value at request; one made before a slashing waits for the penalty and pays less", function () {
  let fixture: Awaited<ReturnType<typeof depositedAndStakedFixture>>;
  let aliceValue: bigint;
  let bobValue: bigint;
  let bobPayout: bigint;
  let slashedBalance: bigint;

  before(async function () {
    fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
  });

  it("1. alice requests 10 LST: its value now is recorded (≈ 10 ETH at a rate ≈ 1)", async function () {
    const { pool, token, alice } = fixture;
    aliceValue = mulDiv(ether(10), await pool.totalPooledEther(), await token.totalSupply());
    const rateBefore = await pool.getExchangeRate();
    await token.connect(alice).approve(await pool.getAddress(), ether(10));
    await expect(pool.connect(alice).requestWithdrawal(ether(10)), "value at request")
      .to.emit(pool, "WithdrawalRequested")
      .withArgs(1n, alice.address, ether(10), aliceValue);
    await checkStakingInvariants(fixture, "step 1", { rateBefore });
  });

  it("2. 60 days of rewards: the report raises the rate and finalises alice at her value at request", async function () {
    const { pool, token, simulator, oracle } = fixture;
    await networkHelpers.time.increase(60n * DAY);
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "alice is finalised").to.equal(1n);
    await pool.connect(oracle).submitReport(report);
    expect(await pool.claimableEther(1n), "alice: value at request").to.equal(aliceValue);
    const nowWorth = mulDiv(ether(10), await pool.totalPooledEther(), await token.totalSupply());
    expect(
      nowWorth > aliceValue,
      "10 LST are worth more now: alice stopped earning at request",
    ).to.equal(true);
    await checkStakingInvariants(fixture, "step 2");
  });

  it("3. bob requests 10 LST at the higher rate", async function () {
    const { pool, token, bob } = fixture;
    bobValue = mulDiv(ether(10), await pool.totalPooledEther(), await token.totalSupply());
    expect(bobValue > aliceValue, "bob's 10 LST are worth more than alice's were").to.equal(true);
    const rateBefore = await pool.getExchangeRate();
    await token.connect(bob).approve(await pool.getAddress(), ether(10));
    await pool.connect(bob).requestWithdrawal(ether(10));
    await checkStakingInvariants(fixture, "step 3", { rateBefore });
  });

  it("4. validator 0 is slashed (32 / 4096 ETH at once, the correlation penalty to come): bunker mode, the report finalises no one and bob waits", async function () {
    const { pool, simulator, oracle, teacher, validatorIndices } = fixture;
    await simulator.connect(teacher).slash(validatorIndices[0]);
    slashedBalance = await simulator.validatorBalance(validatorIndices[0]); // frozen until the sweep
    await checkStakingInvariants(fixture, "step 4 (slashed, unreported)", {
      unreportedClLoss: true,
    });
    expect(await pool.isBunkerMode(), "a slashed validator of the pool is unswept").to.equal(true);
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "the honest oracle finalises nothing").to.equal(0n);
    await pool.connect(oracle).submitReport(report);
    expect(await pool.lastFinalizedRequestId(), "bob is not finalised").to.equal(1n);
    expect(await pool.claimableEther(2n), "bob: nothing claimable yet").to.equal(0n);
    await checkStakingInvariants(fixture, "step 4");
  });

  it("5. a correlation window (36 days) after its slashing validator 0 is swept: the correlation penalty takes its whole balance (≈ 32 ETH, the pool is the whole network) and the confirmed report finalises bob at the rate after it", async function () {
    const { pool, token, simulator, oracle, lossConfirmer, validatorIndices } = fixture;
    await networkHelpers.time.increase(await simulator.correlationWindow());
    // Correlation penalty, computed here: balance × min(3 × 32 ETH slashed, active) / active, with
    // active = the stake active right after the slashing (the pool's 3 other validators + the
    // rest of the network, 0 in this fixture), rounded up: 3 × 32 ≥ 96, so all of it.
    const deposit = await simulator.validatorDeposit();
    const activeAtSlash = 3n * deposit + (await simulator.externalActiveBalance());
    const slashedStake = 3n * deposit < activeAtSlash ? 3n * deposit : activeAtSlash;
    const correlation = mulDivUp(slashedBalance, slashedStake, activeAtSlash);
    await expect(simulator.sweep(validatorIndices[0]), "correlation penalty")
      .to.emit(simulator, "CorrelationPenaltyApplied")
      .withArgs(validatorIndices[0], correlation, deposit);
    expect(await pool.isBunkerMode(), "the loss has landed").to.equal(false);
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "bob is finalised").to.equal(2n);
    // A loss of ≈ 32 ETH is above the per-report budget: the second opinion confirms it.
    await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
    const pooled = (await pool.bufferedEther()) + report.withdrawnFromCl + report.clBalance;
    const supply = await token.totalSupply();
    await pool.connect(oracle).submitReport(report);
    // A loss: no fee; the rate of the finalisation is pooled / supply (bob's 10 LST burnt after).
    bobPayout = mulDiv(ether(10), pooled, supply);
    expect(await pool.claimableEther(2n), "bob: 10 LST at the rate after the slashing").to.equal(
      bobPayout,
    );
    expect(bobPayout < bobValue, "bob pays his share of the slashing").to.equal(true);
    // His share of the 0.0078125 ETH initial penalty and the ≈ 32 ETH correlation penalty on the
    // ≈ 150 ETH left after alice: at most 10/150 of them (≈ 2.13 ETH); he bears the loss he
    // would have escaped without bunker mode.
    expectAtMost(
      bobValue - bobPayout,
      mulDiv(ether("0.0078125") + correlation, ether(10), ether(150)),
      "bob's loss",
    );
    expect(
      bobValue - bobPayout > mulDiv(correlation, ether(10), ether(160)),
      "bob bears the correlation penalty too (more than 10/160 of it)",
    ).to.equal(true);
    await checkStakingInvariants(fixture, "step 5");
  });

  it("6. both claim: alice receives her value at request, bob the lower value", async function () {
    const { pool, alice, bob } = fixture;
    await expect(pool.connect(alice).claimWithdrawal(1n), "alice").to.changeEtherBalance(
      ethers,
      alice,
      aliceValue,
    );
    await expect(pool.connect(bob).claimWithdrawal(2n), "bob").to.changeEtherBalance(
      ethers,
      bob,
      bobPayout,
    );
    expect(await pool.lockedEther(), "nothing left reserved").to.equal(0n);
    await checkStakingInvariants(fixture, "step 6");
  });
});
