/**
 * DESIGN §9 scenario 4 (layered loss): an LRT holder bears a consensus-layer slashing (through the
 * LST's exchange rate) and an AVS slashing (through the vault's rate) at once, and the two losses
 * multiply: value after = value before × (1 − x)(1 − y). Consensus-layer rewards are switched off
 * (APR 0) so that only the losses move the rates, and the pre-Pectra penalty quotient (1/32) makes
 * the CL loss a round 1 ETH. INV-8 (and the pool's INV-1..4) are checked after every step.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import {
  WAD,
  checkLRTInvariants,
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
const { restakedVaultFixture } = liquidRestakingFixtures(connection);

describe("Scenario: a consensus-layer slashing and an AVS slashing compound on an LRT holder", function () {
  it("lowers the holder's ETH value by (1 − x)(1 − y)", async function () {
    const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
    const {
      vault,
      pool,
      lst,
      simulator,
      restakingManager,
      teacher,
      poolOperator,
      oracle,
      lossConfirmer,
      avs,
      operator,
      alice,
      bob,
      aliceDeposit,
      bobDeposit,
      restaked,
    } = fixture;
    const lrt = { vault, restakingManager, lst, pool };
    const staking = { pool, token: lst, simulator };
    const oneLrt = 10n ** 21n;

    // Inputs, and the expected numbers computed from them.
    const pooled = aliceDeposit + bobDeposit; // 150 ETH in the pool, 150 LST, all in the vault
    const validators = 4n; // 128 ETH staked, 22 ETH buffered
    const clPenalty = ether(32) / 32n; // pre-Pectra initial penalty: 1 ETH
    const x = mulDiv(clPenalty, WAD, pooled); // CL loss of the LST rate: 1/150 = 0.6667 %
    const allocation = WAD / 2n; // the operator allocates 50 % of its stake to the AVS
    const wadToSlash = WAD / 10n; // the AVS slashes 10 % of it: 5 % of the restaked LST
    const restakedLoss = mulDiv(restaked, mulDiv(allocation, wadToSlash, WAD), WAD); // 6.75 LST
    const y = mulDiv(restakedLoss, WAD, pooled); // AVS loss of the vault rate: 6.75/150 = 4.5 %
    // Exact fractions for values (x and y above are rounded to 1e-18, too coarse for 100 ETH):
    // value × (1 − x)(1 − y) = value × (150 − 1)/150 × (150 − 6.75)/150.
    const bothLosses = (value: bigint) =>
      mulDiv(mulDiv(value, pooled - clPenalty, pooled), pooled - restakedLoss, pooled);
    const aliceBefore = aliceDeposit; // 100 ETH
    const aliceAfter = bothLosses(aliceBefore); // 94.8633 ETH

    // 1. The pool stakes 4 validators with rewards off and the pre-Pectra quotient; the oracle
    //    reports them. Both rates are 1: alice's 100 LRT are worth 100 ETH.
    await simulator.connect(teacher).setRewardAprBps(0n);
    await simulator.connect(teacher).setSlashingPenaltyQuotient(32n);
    for (let n = 0n; n < validators; n++) {
      await pool.connect(poolOperator).stakeValidator(ethers.id(`lrt-validator-${n}`));
    }
    await submitOracleReport(pool, simulator, oracle);
    expect(await pool.getExchangeRate(), "1. LST rate 1").to.equal(ether(1));
    expect(await vault.lrtRateInEth(), "1. one LRT is worth 1 ETH").to.equal(ether(1));
    expectEqualWithinRounding(
      await vault.ethValueOf(alice.address),
      aliceBefore,
      "1. alice: 100 ETH",
    );
    await checkLRTInvariants(lrt, "1. staked");
    let lstRate = await checkStakingInvariants(staking, "1. staked");

    // 2. The AVS slashes the vault's operator 10 % of its 50 % allocation: the 135 restaked LST
    //    lose 6.75, the vault 143.25 of 150 LST. The vault rate falls by y = 4.5 %, the LST rate
    //    does not move.
    await restakingManager
      .connect(avs)
      .slashOperator(operator.address, wadToSlash, "double signing");
    expect(await vault.totalAssets(), "2. totalAssets: 15 idle + 128.25 restaked").to.equal(
      pooled - restakedLoss,
    );
    expectEqualWithinRounding(
      await vault.convertToAssets(oneLrt),
      WAD - y,
      "2. vault rate 0.955 LST per LRT",
    );
    expect(await pool.getExchangeRate(), "2. LST rate unchanged").to.equal(lstRate);
    await checkLRTInvariants(lrt, "2. AVS slash");
    await checkStakingInvariants(staking, "2. AVS slash", { rateBefore: lstRate });

    // 3. The consensus layer slashes one of the pool's validators: 1 ETH initial penalty (the
    //    correlation penalty comes with the withdrawal, later). The loss exceeds the report budget
    //    (0.1 ETH × 4 validators), so the loss confirmer approves the report first. The LST rate
    //    falls by x = 1/150; the vault rate does not move.
    const vaultRate = await vault.convertToAssets(oneLrt);
    await simulator.connect(teacher).slash(await pool.validatorIndexAt(0n));
    await checkStakingInvariants(staking, "3. CL slash, unreported", {
      rateBefore: lstRate,
      unreportedClLoss: true,
    });
    const report = await oracleReport(pool, simulator);
    await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
    await pool.connect(oracle).submitReport(report);
    lstRate = await pool.getExchangeRate();
    expectEqualWithinRounding(lstRate, WAD - x, "3. LST rate 149/150");
    expect(await vault.convertToAssets(oneLrt), "3. vault rate unchanged").to.equal(vaultRate);
    await checkLRTInvariants(lrt, "3. CL slash reported");
    await checkStakingInvariants(staking, "3. CL slash reported");

    // 4. alice's ETH value is 100 × (1 − 1/150) × (1 − 0.045) = 94.8633 ETH: the losses multiply
    //    (5.1367 % in all, not 0.6667 % + 4.5 % = 5.1667 %), and bob's 50 ETH fall by the same factor.
    expectEqualWithinRounding(
      await vault.ethValueOf(alice.address),
      aliceAfter,
      "4. alice: 100 ETH × (1 − x)(1 − y)",
    );
    expectEqualWithinRounding(
      await vault.ethValueOf(bob.address),
      bothLosses(bobDeposit),
      "4. bob: 50 ETH × (1 − x)(1 − y)",
    );
    expectEqualWithinRounding(
      await vault.lrtRateInEth(),
      bothLosses(WAD),
      "4. one LRT: (1 − x)(1 − y) ETH",
    );
    const totalLoss = aliceBefore - aliceAfter;
    expect(
      totalLoss < mulDiv(aliceBefore, x + y, WAD),
      "4. less than the sum of the losses",
    ).to.equal(true);
    expectEqualWithinRounding(
      mulDiv(totalLoss, WAD, aliceBefore),
      x + y - mulDiv(x, y, WAD),
      "4. 1 − (1 − x)(1 − y) = x + y − xy (in WAD)",
    );
    await checkLRTInvariants(lrt, "4. both losses");
  });
});
