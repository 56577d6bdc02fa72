/**
 * DESIGN §11, the attacks on a liquid-staking pool, each shown failing (or bounded) in one place.
 * Reentrancy, double claims and claims while paused have their unit tests in
 * DepositPool.withdrawals.test.ts; out-of-bound reports in DepositPool.report.test.ts.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  BPS,
  DAY,
  WAD,
  checkStakingInvariants,
  ether,
  expectAtMost,
  mulDiv,
  oracleReport,
  reportHash,
  submitOracleReport,
} from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture, depositedAndStakedFixture } = stakingFixtures(connection);

/**
 * Forces `amount` wei into `target` without calling it, as `SELFDESTRUCT` (or a validator's fee
 * recipient) would: no `receive` runs, so the contract cannot refuse it. Hardhat sets the balance
 * directly, which has the same effect without a deprecated opcode in the project.
 */
async function forceEther(target: string, amount: bigint): Promise<void> {
  const balance = await ethers.provider.getBalance(target);
  await networkHelpers.setBalance(target, balance + amount);
}

describe("DepositPool attacks", function () {
  describe("donation to move the rate", function () {
    it("a plain transfer is refused (UnexpectedEtherSender)", async function () {
      const { pool, stranger } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      await expect(stranger.sendTransaction({ to: await pool.getAddress(), value: ether(100) }))
        .to.be.revertedWithCustomError(pool, "UnexpectedEtherSender")
        .withArgs(stranger.address);
    });

    it("ETH forced in without a call (as by SELFDESTRUCT) arrives but moves no accounted figure", async function () {
      const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const { pool } = fixture;
      const rateBefore = await checkStakingInvariants(fixture, "before the donation");
      const pooledBefore = await pool.totalPooledEther();
      const poolAddress = await pool.getAddress();
      const balanceBefore = await ethers.provider.getBalance(poolAddress);
      await forceEther(poolAddress, ether(100));
      expect(await ethers.provider.getBalance(poolAddress), "the ETH did arrive").to.equal(
        balanceBefore + ether(100),
      );
      expect(
        await pool.totalPooledEther(),
        "totalPooledEther is accounted, not the balance",
      ).to.equal(pooledBefore);
      expect(await pool.unaccountedClWithdrawals(), "not a CL withdrawal either").to.equal(0n);
      await checkStakingInvariants(fixture, "after the donation", { rateBefore });
    });

    it("an oracle cannot count the donation as withdrawn ETH (WithdrawnExceedsReceived)", async function () {
      const { pool, simulator, oracle } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      await forceEther(await pool.getAddress(), ether(100));
      const report = await oracleReport(pool, simulator, { withdrawnFromCl: ether(100) });
      await expect(pool.connect(oracle).submitReport(report))
        .to.be.revertedWithCustomError(pool, "WithdrawnExceedsReceived")
        .withArgs(ether(100), 0n);
    });
  });

  describe("first-depositor inflation", function () {
    it("fails: the attacker's donation does not move the rate, the victim gets 1:1", async function () {
      const { pool, token, admin, alice, stranger } =
        await networkHelpers.loadFixture(deployStakingFixture);
      // Make it as easy as possible for the attacker: a 1 wei minimum.
      await pool.connect(admin).setDepositLimits(1n, realistic.depositCapWei);
      // 1. The attacker is the first depositor, with 1 wei: 1 share.
      await pool.connect(stranger).deposit({ value: 1n });
      // 2. The attacker donates 100 ETH to make that share worth 100 ETH...
      await forceEther(await pool.getAddress(), ether(100));
      expect(await pool.getExchangeRate(), "...but the rate is still 1").to.equal(WAD);
      // 3. The victim deposits 10 ETH and receives 10 LST, not 0.
      await pool.connect(alice).deposit({ value: ether(10) });
      expect(await token.balanceOf(alice.address)).to.equal(ether(10));
      expect(await token.ethValueOf(alice.address)).to.equal(ether(10));
      expect(
        await token.ethValueOf(stranger.address),
        "the attacker's share is still worth 1 wei",
      ).to.equal(1n);
    });
  });

  describe("depositing right before a positive report and leaving right after", function () {
    it("earns at most that report's rate gain, with the ETH locked until a later report", async function () {
      const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const { pool, token, simulator, oracle, carol } = fixture;
      // Daily reports, as Lido's. A day of rewards is pending.
      await networkHelpers.time.increase(DAY);
      const attack = ether(1000);

      // 1. carol deposits 1,000 ETH in the block before the report.
      await pool.connect(carol).deposit({ value: attack });
      const rateBefore = await pool.getExchangeRate();
      await submitOracleReport(pool, simulator, oracle);
      const rateAfter = await pool.getExchangeRate();
      // 2. carol requests everything right after the report.
      const shares = await token.balanceOf(carol.address);
      await token.connect(carol).approve(await pool.getAddress(), shares);
      await pool.connect(carol).requestWithdrawal(shares);
      // 3. The queue does not pay before a later report: no instant exit.
      await expect(pool.connect(carol).claimWithdrawal(1n))
        .to.be.revertedWithCustomError(pool, "RequestNotFinalized")
        .withArgs(1n, 0n);
      await networkHelpers.time.increase(DAY);
      await submitOracleReport(pool, simulator, oracle);
      const balanceBefore = await ethers.provider.getBalance(carol.address);
      const tx = await pool.connect(carol).claimWithdrawal(1n);
      const receipt = (await tx.wait())!;
      const paid = (await ethers.provider.getBalance(carol.address)) - balanceBefore + receipt.fee;

      // Her gain is bounded by one report's rate gain on her deposit...
      const gain = paid - attack;
      // (The rates are rounded to the wei per 1e18 LST: 1 wei of rate is 1,000 wei on 1,000 ETH.)
      const oneReportGain = mulDiv(attack, rateAfter - rateBefore, rateBefore);
      const rateRounding = (2n * attack) / WAD;
      expectAtMost(gain, oneReportGain + rateRounding, "sandwich gain ≤ one report's rate gain");
      // ...which is a day of rewards at the pool's rate (≈ 3 % × 0.9 × staked / pooled, per year),
      // earned for ETH locked two days: less than staking honestly.
      const yearlyBound = mulDiv(attack, 300n, BPS) / 365n;
      expectAtMost(gain, yearlyBound, "sandwich gain ≤ a day of 3 % on the deposit");
      await checkStakingInvariants(fixture, "after the sandwich");
    });

    it("cannot be finalised in the report's own block (RequestTooRecent)", async function () {
      const { pool, token, simulator, oracle, carol } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      await pool.connect(carol).deposit({ value: ether(10) });
      await token.connect(carol).approve(await pool.getAddress(), ether(5));
      const report = await oracleReport(pool, simulator, { finalizeUpToRequestId: 1n });
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        await pool.connect(carol).requestWithdrawal(ether(5), { gasLimit: 500_000n });
        const reportTx = await pool.connect(oracle).submitReport(report, { gasLimit: 2_000_000n });
        await connection.provider.request({ method: "evm_mine", params: [] });
        const { timestamp } = (await ethers.provider.getBlock("latest"))!;
        await expect(reportTx)
          .to.be.revertedWithCustomError(pool, "RequestTooRecent")
          .withArgs(1n, BigInt(timestamp), BigInt(timestamp));
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
    });
  });

  describe("withdrawing right before a known loss", function () {
    it("does not escape it: the request pays shares × the rate after the loss", async function () {
      const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const { pool, token, simulator, oracle, teacher, bob, validatorIndices } = fixture;
      // bob sees the slashing coming and requests 20 LST (the buffer holds 32 ETH).
      const shares = ether(20);
      const valueAtRequest = await pool.getEthByShares(shares);
      await token.connect(bob).approve(await pool.getAddress(), shares);
      await pool.connect(bob).requestWithdrawal(shares);
      await simulator.connect(teacher).penalize(validatorIndices[0], ether("0.35"));
      const report = await oracleReport(pool, simulator);
      const pooled = (await pool.bufferedEther()) + report.clBalance;
      const supply = await token.totalSupply();
      await pool.connect(oracle).submitReport(report);
      expect(await pool.lastFinalizedRequestId()).to.equal(1n);
      const expected = mulDiv(shares, pooled, supply);
      expect(await pool.claimableEther(1n)).to.equal(expected);
      expect(expected < valueAtRequest, "bob bears his part of the loss").to.equal(true);
      await checkStakingInvariants(fixture, "after the loss");
    });

    it("does not escape a public slashing: the request waits for the correlation penalty (bunker mode), then pays the lower value", async function () {
      const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const { pool, token, simulator, oracle, teacher, bob, lossConfirmer, validatorIndices } =
        fixture;
      // The pool is the whole network: 3 × 32 ETH slashed ≥ the 96 ETH still active, so the
      // correlation penalty will take the slashed validator's whole balance.
      await simulator.connect(teacher).setExternalActiveBalance(0n);
      const pooledBefore = await pool.totalPooledEther(); // 160 ETH
      const supply = await token.totalSupply(); // 160 LST
      await simulator.connect(teacher).slash(validatorIndices[0]);
      const slashedBalance = await simulator.validatorBalance(validatorIndices[0]);
      // bob sees the slashing (it is public) and asks for 30 LST, still worth ≈ 30 ETH.
      const shares = ether(30);
      const valueAtRequest = await pool.getEthByShares(shares);
      await token.connect(bob).approve(await pool.getAddress(), shares);
      await pool.connect(bob).requestWithdrawal(shares);
      await networkHelpers.time.increase(3600);

      // An hour later: the honest report finalises nothing, and a report that tries is refused.
      const forced = await oracleReport(pool, simulator, { finalizeUpToRequestId: 1n });
      await expect(pool.connect(oracle).submitReport(forced))
        .to.be.revertedWithCustomError(pool, "FinalizationPausedBySlashing")
        .withArgs(1n);
      await submitOracleReport(pool, simulator, oracle);
      expect(await pool.lastFinalizedRequestId(), "bob waits").to.equal(0n);

      // 36 days after the slashing (a whole correlation window) the validator is swept: the
      // correlation penalty takes it all. Bunker mode lasted until then.
      await networkHelpers.time.increase((await simulator.correlationWindow()) - 3600n);
      await simulator.sweep(validatorIndices[0]);
      const report = await oracleReport(pool, simulator);
      expect(report.finalizeUpToRequestId, "bob is finalised now").to.equal(1n);
      expect(report.withdrawnFromCl, "nothing came back from the slashed validator").to.equal(0n);
      await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
      const pooled = (await pool.bufferedEther()) + report.clBalance;
      await pool.connect(oracle).submitReport(report);
      const paid = mulDiv(shares, pooled, supply); // a loss: no fee, the supply is unchanged
      expect(await pool.claimableEther(1n), "30 LST at the rate after the loss").to.equal(paid);

      // Independently: 30/160 of (160 ETH − the slashed validator's ≈ 32.01 ETH + at most 37 days
      // of rewards on the 3 other validators at 3 %): ≈ 24 ETH, not the ≈ 30 ETH he asked for.
      const lost = slashedBalance + ether("0.0078125"); // its whole balance, initial penalty too
      const maxRewards = mulDiv(
        3n * realistic.validatorDepositWei * realistic.rewardAprBps,
        realistic.correlationWindowSeconds + 2n * DAY,
        BPS * 365n * DAY,
      );
      expectAtMost(mulDiv(shares, pooledBefore - lost, supply), paid, "bob's payout, lower bound");
      expectAtMost(paid, mulDiv(shares, pooledBefore - lost + maxRewards, supply), "bob's payout");
      expect(valueAtRequest - paid > ether(5), "bob bears ≈ 6 ETH of the loss").to.equal(true);
      await expect(pool.connect(bob).claimWithdrawal(1n)).to.changeEtherBalance(ethers, bob, paid);
      await checkStakingInvariants(fixture, "after the slashing is paid by everyone");
    });
  });

  describe("reports outside the bounds", function () {
    it("a report inflating the CL balance beyond the APR bound reverts (RewardAboveBound)", async function () {
      const { pool, simulator, oracle } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      await networkHelpers.time.increase(DAY);
      const report = await oracleReport(pool, simulator);
      await expect(
        pool.connect(oracle).submitReport({ ...report, clBalance: report.clBalance + ether(1) }),
      ).to.be.revertedWithCustomError(pool, "RewardAboveBound");
    });

    it("a report replayed or back-dated reverts (ReportNotNewer)", async function () {
      const { pool, simulator, oracle } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      await networkHelpers.time.increase(DAY);
      const report = await oracleReport(pool, simulator);
      await pool.connect(oracle).submitReport(report);
      await expect(pool.connect(oracle).submitReport(report))
        .to.be.revertedWithCustomError(pool, "ReportNotNewer")
        .withArgs(report.timestamp, report.timestamp);
    });

    it("a large loss needs the loss confirmer (LossAboveBudget)", async function () {
      const { pool, simulator, oracle } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      const report = await oracleReport(pool, simulator, { clBalance: ether(100) });
      await expect(pool.connect(oracle).submitReport(report)).to.be.revertedWithCustomError(
        pool,
        "LossAboveBudget",
      );
    });
  });
});
