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
} from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture } = stakingFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei;
/** The simulator's reward accumulator at simulated time `t`: 32 ETH × 3 % × t / 1 year, rounded down. */
const rewardPerValidator = (t: bigint) =>
  mulDiv(DEPOSIT * realistic.rewardAprBps, t, BPS * SECONDS_PER_YEAR);
/** The few seconds between the staking transactions and the report, at 4 × 32 ETH × 3 %. */
const SECONDS_OF_REWARDS = ether("0.000002");

describe("Scenario: a year of 3 % consensus rewards with a 10 % protocol fee", function () {
  let fixture: Awaited<ReturnType<typeof deployStakingFixture>>;
  const stakedAt: bigint[] = []; // simulated time of each validator's deposit
  let rewards: bigint;
  let fee: bigint;
  let feeShares: bigint;
  let rateAfterYear: bigint;

  before(async function () {
    fixture = await networkHelpers.loadFixture(deployStakingFixture);
  });

  it("1. alice deposits 100 ETH and bob 60 ETH: 160 LST at a rate of 1", async function () {
    const { pool, token, alice, bob } = fixture;
    await pool.connect(alice).deposit({ value: ether(100) });
    await pool.connect(bob).deposit({ value: ether(60) });
    expect(await token.totalSupply(), "supply").to.equal(ether(160));
    expect(await pool.getExchangeRate(), "rate").to.equal(WAD);
    await checkStakingInvariants(fixture, "step 1");
  });

  it("2. the operator stakes 4 validators: 128 ETH on the CL, 32 ETH stay in the buffer", async function () {
    const { pool, simulator, operator } = fixture;
    const genesis = await simulator.genesisTimestamp();
    for (let n = 0; n < 4; n++) {
      const receipt = (await (
        await pool.connect(operator).stakeValidator(ethers.id(`v${n}`))
      ).wait())!;
      const block = (await ethers.provider.getBlock(receipt.blockNumber))!;
      stakedAt.push((BigInt(block.timestamp) - genesis) * realistic.timeScale);
    }
    expect(await pool.bufferedEther(), "buffer").to.equal(ether(32));
    expect(await pool.totalPooledEther(), "pooled: 32 buffered + 128 in transit").to.equal(
      ether(160),
    );
    await checkStakingInvariants(fixture, "step 2", { rateBefore: WAD });
  });

  it("3. a year later the oracle reports ≈ 3.84 ETH of rewards; the rate rises by 3 % × 0.9 × 128/160 = 2.16 %", async function () {
    const { pool, token, simulator, oracle, treasury } = fixture;
    await networkHelpers.time.increase(SECONDS_PER_YEAR);
    const report = await oracleReport(pool, simulator);

    // Each validator: 32 ETH + the accumulator's growth since its deposit.
    const expectedCl = stakedAt.reduce(
      (sum, t) => sum + DEPOSIT + rewardPerValidator(report.timestamp) - rewardPerValidator(t),
      0n,
    );
    expect(report.clBalance, "CL balance the oracle reads").to.equal(expectedCl);
    rewards = expectedCl - 4n * DEPOSIT;
    // 3 % of 128 ETH for a year = 3.84 ETH (plus the seconds the transactions took).
    expectEqualWithinRounding(
      rewards,
      ether("3.84"),
      "a year of rewards on 128 ETH",
      SECONDS_OF_REWARDS,
    );

    fee = (rewards * realistic.protocolFeeBps) / BPS; // 10 % ≈ 0.384 ETH
    const pooled = ether(32) + expectedCl;
    feeShares = mulDiv(fee, ether(160), pooled - fee);
    await expect(pool.connect(oracle).submitReport(report), "fee minted to the treasury")
      .to.emit(pool, "FeeMinted")
      .withArgs(treasury.address, fee, feeShares);

    rateAfterYear = await pool.getExchangeRate();
    expect(rateAfterYear, "rate = pooled / (160 LST + fee shares)").to.equal(
      mulDiv(WAD, pooled, ether(160) + feeShares),
    );
    // The holders' 160 LST are worth 160 ETH + 90 % of the rewards.
    expectEqualWithinRounding(
      await pool.getEthByShares(ether(160)),
      ether(160) + rewards - fee,
      "holders' value after the fee",
    );
    // 3 % × (1 − 10 %) on the staked 128 of 160 ETH: +2.16 % a year.
    expectEqualWithinRounding(
      rateAfterYear,
      WAD + mulDiv(WAD, 216n, 10_000n),
      "rate after a year",
      SECONDS_OF_REWARDS / 100n,
    );
    // The treasury's shares are worth the fee.
    expect(await token.balanceOf(treasury.address), "treasury shares").to.equal(feeShares);
    expectEqualWithinRounding(
      await token.ethValueOf(treasury.address),
      fee,
      "treasury's fee in ETH",
    );
    await checkStakingInvariants(fixture, "step 3");
  });

  it("4. alice's 100 LST are worth ≈ 102.16 ETH; her balance did not change (no rebase)", async function () {
    const { token, alice } = fixture;
    expect(await token.balanceOf(alice.address), "alice's LST").to.equal(ether(100));
    expectEqualWithinRounding(
      await token.ethValueOf(alice.address),
      ether(100) + mulDiv(rewards - fee, 100n, 160n),
      "alice: 100 ETH + her 100/160 of the holders' rewards",
    );
  });

  it("5. alice withdraws 25 LST: the next report finalises it and she is paid its value at request", async function () {
    const { pool, token, simulator, oracle, alice } = fixture;
    const valueAtRequest = await pool.getEthByShares(ether(25));
    expectEqualWithinRounding(
      valueAtRequest,
      mulDiv(ether(25), rateAfterYear, WAD),
      "25 LST at the rate",
      25n,
    );
    await token.connect(alice).approve(await pool.getAddress(), ether(25));
    await pool.connect(alice).requestWithdrawal(ether(25));
    await networkHelpers.time.increase(DAY);
    const report = await oracleReport(pool, simulator);
    expect(report.finalizeUpToRequestId, "the 32 ETH buffer covers it").to.equal(1n);
    await pool.connect(oracle).submitReport(report);
    await expect(
      pool.connect(alice).claimWithdrawal(1n),
      "paid the value at request",
    ).to.changeEtherBalance(ethers, alice, valueAtRequest);
    await checkStakingInvariants(fixture, "step 5");
  });
});
