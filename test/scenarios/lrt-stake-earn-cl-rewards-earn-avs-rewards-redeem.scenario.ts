/**
 * DESIGN §9 scenario 1 for the LRT: a holder of the liquid restaking token earns both layers of
 * yield. Consensus-layer rewards (3 % APR on the pool's validators, 10 % pool fee) raise the LST's
 * exchange rate; AVS rewards paid in the LST (10 % operator split) are claimed and compounded by
 * the vault (10 % LRT fee). Then the holder redeems through the restaking delay and takes both
 * home. Expected numbers are computed from the inputs; INV-8 is checked after every step.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import {
  BPS,
  SECONDS_PER_YEAR,
  WAD,
  checkLRTInvariants,
  checkStakingInvariants,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  mulDiv,
  submitOracleReport,
} from "../helpers/index.js";
import { ONE_SECOND } from "../helpers/fixtures/restaking.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { restakedVaultFixture } = liquidRestakingFixtures(connection);

describe("Scenario: an LRT holder earns consensus-layer and AVS rewards, minus fees, and redeems", function () {
  it("compounds both layers: the LST rate and the vault rate", async function () {
    const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
    const {
      vault,
      pool,
      lst,
      simulator,
      restakingManager,
      poolOperator,
      oracle,
      avs,
      operator,
      manager,
      treasury,
      alice,
      aliceDeposit,
      bobDeposit,
    } = fixture;
    const lrt = { vault, restakingManager, lst, pool };
    const staking = { pool, token: lst, simulator };
    const validatorDeposit = realistic.validatorDepositWei;
    const genesis = await simulator.genesisTimestamp();
    /** The simulator's reward accumulator at block time `t`: deposit × APR × elapsed / year. */
    const rewardPerValidator = (t: bigint) =>
      mulDiv(
        validatorDeposit * realistic.rewardAprBps,
        (t - genesis) * realistic.timeScale,
        BPS * SECONDS_PER_YEAR,
      );

    // 1. The pool stakes 4 validators (128 of its 150 ETH); the oracle reports them at once.
    const stakedAt: bigint[] = [];
    for (let n = 0; n < 4; n++) {
      const tx = await pool.connect(poolOperator).stakeValidator(ethers.id(`lrt-validator-${n}`));
      const block = await ethers.provider.getBlock((await tx.wait())!.blockNumber);
      stakedAt.push(BigInt(block!.timestamp));
    }
    await submitOracleReport(pool, simulator, oracle);
    await checkLRTInvariants(lrt, "1. staked");
    let lstRate = await checkStakingInvariants(staking, "1. staked");

    // 2. A year passes and the oracle reports: 128 ETH × 3 % = 3.84 ETH of rewards, 0.384 ETH of
    //    pool fee, so the LST rate rises to about 1 + 3.456 / 150 = 1.02304. The vault rate stays 1.
    const [pooledBefore, supplyBefore, clBefore] = await Promise.all([
      pool.totalPooledEther(),
      pool.totalShares(),
      pool.clBalance(),
    ]);
    const reportAt = stakedAt[3] + SECONDS_PER_YEAR;
    await time.increaseTo(reportAt);
    const clAfter = stakedAt.reduce(
      (sum, t) => sum + validatorDeposit + rewardPerValidator(reportAt) - rewardPerValidator(t),
      0n,
    );
    const clRewards = clAfter - clBefore;
    const poolFee = mulDiv(clRewards, realistic.protocolFeeBps, BPS);
    const pooledAfter = pooledBefore + clRewards;
    const poolFeeShares = mulDiv(poolFee, supplyBefore, pooledAfter - poolFee);
    const expectedLstRate = mulDiv(pooledAfter, WAD, supplyBefore + poolFeeShares);
    /** ETH that `shares` LST are worth after the report (the pool's `getEthByShares`). */
    const lstToEth = (shares: bigint) => mulDiv(shares, pooledAfter, supplyBefore + poolFeeShares);
    await submitOracleReport(pool, simulator, oracle);
    lstRate = await pool.getExchangeRate();
    expect(lstRate, "2. LST rate ≈ 1.02304").to.equal(expectedLstRate);
    expectEqualWithinRounding(
      lstRate,
      WAD + mulDiv(ether("3.456"), WAD, aliceDeposit + bobDeposit),
      "2. LST rate 1 + 3 % × 0.9 × 128/150 (a few seconds of staking apart)",
      10n ** 13n,
    );
    expect(await vault.convertToAssets(10n ** 21n), "2. vault rate still 1").to.equal(ether(1));
    const aliceCl = lstToEth(aliceDeposit);
    expectEqualWithinRounding(
      await vault.ethValueOf(alice.address),
      aliceCl,
      "2. alice's 100 LST are worth 102.304 ETH",
    );
    await checkLRTInvariants(lrt, "2. a year of CL rewards");
    lstRate = await checkStakingInvariants(staking, "2. a year of CL rewards");

    // 3. The AVS pays 10 LST to the operator's delegators: the operator keeps 1, the vault (its only
    //    delegator) 9. The manager harvests: 0.9 LST of fee is minted to the treasury as LRT, and
    //    holders keep 8.1, alice 2/3 of it: her LRT are worth 100 + 5.4 = 105.4 LST.
    const paid = ether(10);
    await pool.connect(avs).deposit({ value: ether(20) });
    await lst.connect(avs).approve(await restakingManager.getAddress(), paid);
    await restakingManager
      .connect(avs)
      .payRewards(
        operator.address,
        await lst.getAddress(),
        await lst.getAddress(),
        paid,
        ONE_SECOND,
      );
    const vaultRewards = paid - mulDiv(paid, realistic.operatorSplitBps, BPS); // 9 LST
    const lrtFee = mulDiv(vaultRewards, realistic.lrtFeeBps, BPS); // 0.9 LST
    await vault.connect(manager).harvestRewards();
    const holdersAssets = aliceDeposit + bobDeposit + vaultRewards - lrtFee; // 158.1 LST
    const aliceAssets = mulDiv(holdersAssets, aliceDeposit, aliceDeposit + bobDeposit); // 105.4 LST
    const aliceShares = await vault.balanceOf(alice.address);
    expectEqualWithinRounding(
      await vault.convertToAssets(aliceShares),
      aliceAssets,
      "3. alice's LRT are worth 105.4 LST",
    );
    expectEqualWithinRounding(
      await vault.convertToAssets(await vault.balanceOf(treasury.address)),
      lrtFee,
      "3. the treasury's LRT are worth the 0.9 LST fee",
    );
    expectEqualWithinRounding(
      await vault.ethValueOf(alice.address),
      lstToEth(aliceAssets),
      "3. alice's LRT are worth 105.4 LST × 1.02304 = 107.83 ETH",
    );
    await checkLRTInvariants(lrt, "3. AVS rewards compounded");

    // 4. alice redeems everything: 24 LST of buffer (15 + the 9 harvested) are reserved, the rest
    //    is queued in the manager; after the 14-day restaking delay she receives her 105.4 LST.
    await vault.connect(alice).requestRedeem(aliceShares);
    const request = await vault.getRedeemRequest(1n);
    expectEqualWithinRounding(request.assets, aliceAssets, "4. value at request: 105.4 LST");
    expectEqualWithinRounding(
      request.fromBuffer,
      ether(15) + vaultRewards,
      "4. the whole free buffer is reserved",
    );
    expect(request.withdrawalId, "4. the rest is queued in the manager").to.not.equal(0n);
    await checkLRTInvariants(lrt, "4. request");
    await time.increaseTo(request.readyAt);
    const before = await lst.balanceOf(alice.address);
    await vault.connect(alice).claimRedeem(1n);
    const received = (await lst.balanceOf(alice.address)) - before;
    expect(received, "4. she is paid her value at request").to.equal(request.assets);
    expectAtMost(received, aliceAssets, "4. never more than 105.4 LST");
    expectEqualWithinRounding(
      lstToEth(received),
      lstToEth(aliceAssets),
      "4. worth 107.83 ETH: both layers of yield, net of both fees",
    );
    await checkLRTInvariants(lrt, "4. claim");
    await checkStakingInvariants(staking, "4. claim", { rateBefore: lstRate });
  });
});
