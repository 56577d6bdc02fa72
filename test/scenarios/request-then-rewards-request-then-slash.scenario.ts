import { expect } from "chai";
import { network } from "hardhat";

import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  DAY,
  checkStakingInvariants,
  ether,
  expectAtMost,
  mulDiv,
  oracleReport,
} from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { depositedAndStakedFixture } = stakingFixtures(connection);

describe("Scenario: a request made before rewards pays its value at request; one made before a slashing pays less", function () {
  let fixture: Awaited<ReturnType<typeof depositedAndStakedFixture>>;
  let aliceValue: bigint;
  let bobValue: bigint;
  let bobPayout: bigint;

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

  it("4. validator 0 is slashed (32 / 4096 ETH) and the report finalises bob at shares × the lower rate", async function () {
    const { pool, token, simulator, oracle, teacher, validatorIndices } = fixture;
    await simulator.connect(teacher).slash(validatorIndices[0]);
    await checkStakingInvariants(fixture, "step 4 (slashed, unreported)", {
      unreportedClLoss: true,
    });
    const report = await oracleReport(pool, simulator);
    const pooled = (await pool.bufferedEther()) + report.clBalance;
    const supply = await token.totalSupply();
    await pool.connect(oracle).submitReport(report);
    bobPayout = mulDiv(ether(10), pooled, supply);
    expect(await pool.claimableEther(2n), "bob: 10 LST at the rate after the slashing").to.equal(
      bobPayout,
    );
    expect(bobPayout < bobValue, "bob pays his share of the slashing").to.equal(true);
    // His share of a 0.0078125 ETH loss on the ≈ 150 ETH left after alice: at most 10/150 of it.
    expectAtMost(
      bobValue - bobPayout,
      mulDiv(ether("0.0078125"), ether(10), ether(150)),
      "bob's loss",
    );
    await checkStakingInvariants(fixture, "step 4");
  });

  it("5. both claim: alice receives her value at request, bob the lower value", async function () {
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
    await checkStakingInvariants(fixture, "step 5");
  });
});
