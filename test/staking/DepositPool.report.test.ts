import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  BPS,
  DAY,
  SECONDS_PER_YEAR,
  WAD,
  buildOracleReport,
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
const { depositedAndStakedFixture } = stakingFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei;

describe("DepositPool", function () {
  describe("submitReport", function () {
    describe("when the validators earned rewards", function () {
      it("raises the rate by the rewards less the fee, and mints the fee to the treasury", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, treasury } = fixture;
        await networkHelpers.time.increase(30n * DAY);
        const report = await oracleReport(pool, simulator);
        const supply = await token.totalSupply();
        const buffered = await pool.bufferedEther();
        const pre = await pool.clBalance(); // no newly seen validator
        const rewards = report.clBalance - pre;
        // 4 validators × 32 ETH × 3 % × 30/365, within a few seconds of rewards (the report's block).
        const expectedRewards = mulDiv(
          4n * DEPOSIT * realistic.rewardAprBps,
          30n * DAY,
          BPS * SECONDS_PER_YEAR,
        );
        expectEqualWithinRounding(
          rewards,
          expectedRewards,
          "30 days of rewards",
          ether("0.000001"),
        );
        const fee = (rewards * realistic.protocolFeeBps) / BPS;
        const pooledAfter = buffered + report.clBalance;
        const feeShares = mulDiv(fee, supply, pooledAfter - fee);
        const treasuryBefore = await token.balanceOf(treasury.address);

        const tx = pool.connect(oracle).submitReport(report);
        await expect(tx).to.emit(pool, "FeeMinted").withArgs(treasury.address, fee, feeShares);
        await expect(tx)
          .to.emit(pool, "ReportSubmitted")
          .withArgs(report.timestamp, pre, report.clBalance, pooledAfter, supply + feeShares);
        expect(await token.balanceOf(treasury.address)).to.equal(treasuryBefore + feeShares);
        // The treasury's shares are worth the fee (rounded down), the holders got the other 90 %.
        expectEqualWithinRounding(await pool.getEthByShares(feeShares), fee, "fee shares' value");
        expect(await pool.getExchangeRate()).to.equal(mulDiv(WAD, pooledAfter, supply + feeShares));
        expectEqualWithinRounding(
          await pool.getEthByShares(supply),
          buffered + pre + rewards - fee,
          "holders' value: before + 90 % of the rewards",
        );
        await checkStakingInvariants(fixture, "after a positive report");
      });

      it("records the CL balance, the validators seen, the time and the report count", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await networkHelpers.time.increase(DAY);
        const report = await oracleReport(pool, simulator);
        const count = await pool.reportCount();
        await pool.connect(oracle).submitReport(report);
        expect(await pool.clBalance()).to.equal(report.clBalance);
        expect(await pool.clValidators()).to.equal(report.clValidators);
        expect(await pool.lastReportTimestamp()).to.equal(report.timestamp);
        expect(await pool.reportCount()).to.equal(count + 1n);
      });

      it("mints no fee when the fee is 0 %", async function () {
        const { pool, simulator, oracle, admin, token, treasury } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await pool.connect(admin).setFeeBps(0n);
        const treasuryBefore = await token.balanceOf(treasury.address);
        await networkHelpers.time.increase(DAY);
        await expect(submitOracleReport(pool, simulator, oracle)).not.to.emit(pool, "FeeMinted");
        expect(await token.balanceOf(treasury.address)).to.equal(treasuryBefore);
      });
    });

    describe("when the pool received ETH from the consensus layer", function () {
      it("moves the withdrawn ETH from unaccountedClWithdrawals into the buffer and counts it in post", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, simulator, oracle, stranger, validatorIndices } = fixture;
        await networkHelpers.time.increase(30n * DAY);
        await simulator.connect(stranger).sweep(validatorIndices[0]);
        const skimmed = await pool.unaccountedClWithdrawals();
        const buffered = await pool.bufferedEther();
        const pre = await pool.clBalance();
        const report = await oracleReport(pool, simulator);
        expect(report.withdrawnFromCl).to.equal(skimmed);
        const supply = await fixture.token.totalSupply();
        const post = report.clBalance + skimmed;
        const pooledAfter = buffered + skimmed + report.clBalance;
        const fee = ((post - pre) * realistic.protocolFeeBps) / BPS;
        const feeShares = mulDiv(fee, supply, pooledAfter - fee);
        await expect(pool.connect(oracle).submitReport(report))
          .to.emit(pool, "ReportSubmitted")
          .withArgs(report.timestamp, pre, post, pooledAfter, supply + feeShares);
        expect(await pool.unaccountedClWithdrawals()).to.equal(0n);
        expect(await pool.bufferedEther()).to.equal(buffered + skimmed);
        await checkStakingInvariants(fixture, "after accounting a sweep");
      });

      it("may account less than it received (the rest waits for a later report)", async function () {
        const { pool, simulator, oracle, stranger, validatorIndices } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await networkHelpers.time.increase(30n * DAY);
        await simulator.connect(stranger).sweep(validatorIndices[0]);
        const skimmed = await pool.unaccountedClWithdrawals();
        await submitOracleReport(pool, simulator, oracle, { withdrawnFromCl: skimmed / 2n });
        expect(await pool.unaccountedClWithdrawals()).to.equal(skimmed - skimmed / 2n);
      });
    });

    describe("when new validators appear", function () {
      it("counts them at their deposit in pre, so the deposit itself is no reward", async function () {
        const { pool, simulator, oracle, operator } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await pool.connect(operator).stakeValidator(ethers.id("pool-validator-4"));
        const preExpected = (await pool.clBalance()) + DEPOSIT;
        const report = await oracleReport(pool, simulator);
        expect(report.clValidators).to.equal(5n);
        await expect(pool.connect(oracle).submitReport(report))
          .to.emit(pool, "ReportSubmitted")
          .withArgs(
            report.timestamp,
            preExpected,
            report.clBalance,
            (v: bigint) => v > 0n,
            (v: bigint) => v > 0n,
          );
        expect(await pool.clValidators()).to.equal(5n);
      });
    });

    describe("when the validators lost balance", function () {
      it("lowers the rate at once (socialised) and mints no fee", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, teacher, validatorIndices } = fixture;
        await simulator.connect(teacher).penalize(validatorIndices[0], ether("0.3"));
        const supply = await token.totalSupply();
        const buffered = await pool.bufferedEther();
        const pre = await pool.clBalance();
        const report = await oracleReport(pool, simulator);
        const loss = pre - report.clBalance;
        // 0.3 ETH penalty, less the few seconds of rewards since the last report.
        expectEqualWithinRounding(loss, ether("0.3"), "loss ≈ penalty", ether("0.000001"));
        await expect(pool.connect(oracle).submitReport(report)).not.to.emit(pool, "FeeMinted");
        expect(await pool.getExchangeRate()).to.equal(
          mulDiv(WAD, buffered + report.clBalance, supply),
        );
        expect((await pool.getExchangeRate()) < WAD, "every holder bears the loss").to.equal(true);
        await checkStakingInvariants(fixture, "after a negative report");
      });

      it("accepts a loss of exactly the budget (validators × budget per validator)", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const budget = 4n * realistic.lossBudgetPerValidatorWei;
        const pre = await pool.clBalance();
        await submitOracleReport(pool, simulator, oracle, { clBalance: pre - budget });
        expect(await pool.clBalance()).to.equal(pre - budget);
      });
    });

    describe("when the loss exceeds the budget", function () {
      it("reverts with LossAboveBudget(loss, budget, reportHash)", async function () {
        const { pool, simulator, oracle, teacher, validatorIndices } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await simulator.connect(teacher).penalize(validatorIndices[0], ether(1));
        const report = await oracleReport(pool, simulator);
        const loss = (await pool.clBalance()) - report.clBalance;
        const budget = 4n * realistic.lossBudgetPerValidatorWei;
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "LossAboveBudget")
          .withArgs(loss, budget, reportHash(report));
      });

      it("reverts one wei above the budget", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const budget = 4n * realistic.lossBudgetPerValidatorWei;
        const report = await oracleReport(pool, simulator, {
          clBalance: (await pool.clBalance()) - budget - 1n,
        });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "LossAboveBudget")
          .withArgs(budget + 1n, budget, reportHash(report));
      });

      it("applies the report once the loss confirmer confirmed exactly that report, and consumes the approval", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, simulator, oracle, lossConfirmer, teacher, validatorIndices } = fixture;
        await simulator.connect(teacher).penalize(validatorIndices[0], ether(1));
        const report = await oracleReport(pool, simulator);
        const hash = reportHash(report);
        await pool.connect(lossConfirmer).confirmLossReport(hash);
        await pool.connect(oracle).submitReport(report);
        expect(await pool.clBalance()).to.equal(report.clBalance);
        expect(await pool.isLossReportConfirmed(hash), "the approval is used up").to.equal(false);
        await checkStakingInvariants(fixture, "after a confirmed loss");
      });

      it("still reverts when the confirmation was for a different report", async function () {
        const { pool, simulator, oracle, lossConfirmer, teacher, validatorIndices } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await simulator.connect(teacher).penalize(validatorIndices[0], ether(1));
        const report = await oracleReport(pool, simulator);
        const other = { ...report, clBalance: report.clBalance - 1n };
        await pool.connect(lossConfirmer).confirmLossReport(reportHash(other));
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "LossAboveBudget")
          .withArgs(
            (await pool.clBalance()) - report.clBalance,
            4n * realistic.lossBudgetPerValidatorWei,
            reportHash(report),
          );
      });
    });

    describe("when several reports lose within the loss window (their losses add up against the budget)", function () {
      // Lido sums the negative rebases of the last 18 days against its allowance: a loss split over
      // several reports, each within the budget, still needs the second opinion.
      const LOSS_WINDOW = 18n * DAY;

      it("needs the loss confirmer for a second 0.3 ETH loss a day after the first (0.6 > 0.4 ETH)", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const budget = 4n * realistic.lossBudgetPerValidatorWei; // 0.4 ETH
        const loss = ether("0.3");
        await submitOracleReport(pool, simulator, oracle, {
          clBalance: (await pool.clBalance()) - loss,
        });
        await networkHelpers.time.increase(DAY);
        const report = await oracleReport(pool, simulator, {
          clBalance: (await pool.clBalance()) - loss,
        });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "LossAboveBudget")
          .withArgs(2n * loss, budget, reportHash(report));
      });

      it("counts a loss afresh once the window of the first has passed", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const loss = ether("0.3");
        await submitOracleReport(pool, simulator, oracle, {
          clBalance: (await pool.clBalance()) - loss,
        });
        const [recent, windowStart] = await pool.recentLoss();
        expect(recent).to.equal(loss);
        expect(windowStart).to.equal(await pool.lastReportTimestamp());
        await networkHelpers.time.increase(LOSS_WINDOW);
        const report = await oracleReport(pool, simulator, {
          clBalance: (await pool.clBalance()) - loss,
        });
        expect(report.timestamp >= windowStart + LOSS_WINDOW).to.equal(true);
        await expect(pool.connect(oracle).submitReport(report)).to.emit(pool, "ReportSubmitted");
        expect(await pool.recentLoss()).to.deep.equal([loss, report.timestamp]);
      });

      it("starts an empty window after a confirmed loss: the confirmer vouched for that balance", async function () {
        const { pool, simulator, oracle, lossConfirmer } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const budget = 4n * realistic.lossBudgetPerValidatorWei;
        const big = await oracleReport(pool, simulator, {
          clBalance: (await pool.clBalance()) - budget - 1n,
        });
        await pool.connect(lossConfirmer).confirmLossReport(reportHash(big));
        await pool.connect(oracle).submitReport(big);
        expect(await pool.recentLoss()).to.deep.equal([0n, big.timestamp]);
        await networkHelpers.time.increase(DAY);
        await submitOracleReport(pool, simulator, oracle, {
          clBalance: (await pool.clBalance()) - budget,
        });
        expect((await pool.recentLoss())[0]).to.equal(budget);
      });

      it("has the honest oracle compute the same sum off-chain", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await submitOracleReport(pool, simulator, oracle, {
          clBalance: (await pool.clBalance()) - ether("0.3"),
        });
        await networkHelpers.time.increase(DAY);
        const { outcome } = await buildOracleReport(pool, simulator, {
          clBalance: (await pool.clBalance()) - ether("0.3"),
        });
        expect(outcome.recentLoss).to.equal(ether("0.3"));
        expect(outcome.bounds).to.equal("loss-needs-confirmation");
      });
    });

    describe("when validators have left the consensus layer (the loss budget counts only those still there)", function () {
      /** Validators 0–2 of the pool's 4 exit and are swept; a report accounts their ETH. */
      async function oneOfFourLeftFixture() {
        const fixture = await depositedAndStakedFixture();
        const { pool, simulator, oracle, teacher, stranger, validatorIndices } = fixture;
        for (const index of validatorIndices.slice(0, 3)) {
          await simulator.connect(teacher).requestExit(index);
        }
        await networkHelpers.time.increase(realistic.exitDelaySeconds);
        for (const index of validatorIndices.slice(0, 3)) {
          await simulator.connect(stranger).sweep(index);
        }
        await submitOracleReport(pool, simulator, oracle);
        return fixture;
      }

      it("budgets one validator, not four, when 1 of 4 is left: a 0.39 ETH loss needs the loss confirmer", async function () {
        const { pool, simulator, oracle, teacher, validatorIndices } =
          await networkHelpers.loadFixture(oneOfFourLeftFixture);
        const poolAddress = await pool.getAddress();
        expect(await pool.clValidators(), "the report has seen 4").to.equal(4n);
        expect(await simulator.withdrawnValidatorCountOf(poolAddress), "3 withdrawn").to.equal(3n);
        await simulator.connect(teacher).penalize(validatorIndices[3], ether("0.39"));
        const report = await oracleReport(pool, simulator);
        const loss = (await pool.clBalance()) - report.clBalance; // 0.39 ETH less seconds of rewards
        const budget = (4n - 3n) * realistic.lossBudgetPerValidatorWei; // 0.1 ETH, not 0.4
        expect(loss > budget && loss < 4n * realistic.lossBudgetPerValidatorWei).to.equal(true);
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "LossAboveBudget")
          .withArgs(loss, budget, reportHash(report));
      });

      it("applies a loss within the one validator's budget without the loss confirmer", async function () {
        const fixture = await networkHelpers.loadFixture(oneOfFourLeftFixture);
        const { pool, simulator, oracle, teacher, validatorIndices } = fixture;
        await simulator.connect(teacher).penalize(validatorIndices[3], ether("0.09"));
        const report = await oracleReport(pool, simulator);
        await expect(pool.connect(oracle).submitReport(report)).to.emit(pool, "ReportSubmitted");
        await checkStakingInvariants(fixture, "after a loss within the budget");
      });

      it("has the honest oracle compute the same budget off-chain", async function () {
        const { pool, simulator, teacher, validatorIndices } =
          await networkHelpers.loadFixture(oneOfFourLeftFixture);
        await simulator.connect(teacher).penalize(validatorIndices[3], ether("0.39"));
        const { outcome } = await buildOracleReport(pool, simulator);
        expect(outcome.lossBudget).to.equal(realistic.lossBudgetPerValidatorWei);
        expect(outcome.bounds).to.equal("loss-needs-confirmation");
      });
    });

    describe("when the increase exceeds the APR bound", function () {
      it("accepts an increase of exactly pre × maxAprBps × elapsed / (10,000 × 1 year)", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await networkHelpers.time.increase(10n * DAY);
        const draft = await oracleReport(pool, simulator);
        const pre = await pool.clBalance();
        const elapsed = draft.timestamp - (await pool.lastReportTimestamp());
        const maxIncrease = mulDiv(pre, realistic.maxAprBps * elapsed, BPS * SECONDS_PER_YEAR);
        await submitOracleReport(pool, simulator, oracle, { clBalance: pre + maxIncrease });
        expect(await pool.clBalance()).to.equal(pre + maxIncrease);
      });

      it("reverts with RewardAboveBound one wei above it", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await networkHelpers.time.increase(10n * DAY);
        const draft = await oracleReport(pool, simulator);
        const pre = await pool.clBalance();
        const elapsed = draft.timestamp - (await pool.lastReportTimestamp());
        const maxIncrease = mulDiv(pre, realistic.maxAprBps * elapsed, BPS * SECONDS_PER_YEAR);
        const report = { ...draft, clBalance: pre + maxIncrease + 1n };
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "RewardAboveBound")
          .withArgs(maxIncrease + 1n, maxIncrease);
      });

      it("reverts with RewardAboveBound for a donation disguised as CL balance (a 32 ETH jump)", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await networkHelpers.time.increase(DAY);
        const draft = await oracleReport(pool, simulator);
        const pre = await pool.clBalance();
        const elapsed = draft.timestamp - (await pool.lastReportTimestamp());
        const maxIncrease = mulDiv(pre, realistic.maxAprBps * elapsed, BPS * SECONDS_PER_YEAR);
        await expect(
          pool.connect(oracle).submitReport({ ...draft, clBalance: draft.clBalance + DEPOSIT }),
        )
          .to.be.revertedWithCustomError(pool, "RewardAboveBound")
          .withArgs(draft.clBalance + DEPOSIT - pre, maxIncrease);
      });
    });

    describe("when the report is not newer than the last", function () {
      it("reverts with ReportNotNewer for the same timestamp", async function () {
        const { pool, oracle } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const last = await pool.lastReportTimestamp();
        const report = {
          timestamp: last,
          clValidators: 4n,
          clBalance: await pool.clBalance(),
          withdrawnFromCl: 0n,
          finalizeUpToRequestId: 0n,
        };
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "ReportNotNewer")
          .withArgs(last, last);
      });

      it("reverts with ReportNotNewer for an older timestamp", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const last = await pool.lastReportTimestamp();
        await networkHelpers.time.increase(DAY);
        const report = await oracleReport(pool, simulator, { timestamp: last - 1n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "ReportNotNewer")
          .withArgs(last - 1n, last);
      });
    });

    describe("when the report is dated after the simulator's present", function () {
      it("reverts with ReportInFuture", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const genesis = await simulator.genesisTimestamp();
        const nextBlock = BigInt(await networkHelpers.time.latest()) + 100n;
        const simulatedNow = (nextBlock - genesis) * realistic.timeScale;
        const report = await oracleReport(pool, simulator, { timestamp: simulatedNow + 1n });
        await networkHelpers.time.setNextBlockTimestamp(nextBlock);
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "ReportInFuture")
          .withArgs(simulatedNow + 1n, simulatedNow);
      });
    });

    describe("when the validator count is wrong", function () {
      it("reverts with ValidatorCountDecreased when fewer are reported than before", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const report = await oracleReport(pool, simulator, { clValidators: 3n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "ValidatorCountDecreased")
          .withArgs(3n, 4n);
      });

      it("reverts with ValidatorCountTooHigh when more are reported than the pool deposited", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const report = await oracleReport(pool, simulator, { clValidators: 5n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "ValidatorCountTooHigh")
          .withArgs(5n, 4n);
      });
    });

    describe("when the report claims more withdrawn ETH than the pool received", function () {
      it("reverts with WithdrawnExceedsReceived", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const report = await oracleReport(pool, simulator, { withdrawnFromCl: 1n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "WithdrawnExceedsReceived")
          .withArgs(1n, 0n);
      });
    });

    describe("when a stranger deposits a validator with the pool as withdrawal address", function () {
      it("the honest oracle counts only the pool's own validators", async function () {
        const { pool, simulator, oracle, stranger } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const poolAddress = await pool.getAddress();
        await simulator
          .connect(stranger)
          .deposit(ethers.id("foreign"), poolAddress, { value: DEPOSIT });
        expect(await simulator.validatorCountOf(poolAddress), "the simulator sees 5").to.equal(5n);
        await networkHelpers.time.increase(DAY);
        const report = await oracleReport(pool, simulator);
        expect(report.clValidators, "the pool's 4").to.equal(4n);
        let own = 0n;
        for (let n = 0n; n < 4n; n++)
          own += await simulator.validatorBalance(await pool.validatorIndexAt(n));
        expect(report.clBalance, "their balance only").to.equal(own);
        await pool.connect(oracle).submitReport(report);
      });

      it("its skims count as the holders' rewards, fee included: a donation, within the APR bound", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, stranger, treasury } = fixture;
        const foreign = await simulator.validatorCount();
        await simulator
          .connect(stranger)
          .deposit(ethers.id("foreign"), await pool.getAddress(), { value: DEPOSIT });
        await networkHelpers.time.increase(30n * DAY);
        await simulator.connect(stranger).sweep(foreign);
        const received = await pool.unaccountedClWithdrawals();
        expect(received, "the skim reached the pool").to.be.greaterThan(0n);
        expectEqualWithinRounding(
          received,
          mulDiv(DEPOSIT * realistic.rewardAprBps, 30n * DAY, BPS * SECONDS_PER_YEAR),
          "30 days of rewards on 32 ETH",
          ether("0.000001"),
        );
        expect(
          await simulator.validatorBalance(foreign),
          "the foreign validator keeps 32",
        ).to.equal(DEPOSIT);

        const pre = await pool.clBalance();
        const report = await oracleReport(pool, simulator);
        expect(report.withdrawnFromCl, "the whole skim is reported").to.equal(received);
        // The increase is the pool's own rewards plus the skim; the fee is 10 % of both.
        const increase = report.clBalance + report.withdrawnFromCl - pre;
        const fee = mulDiv(increase, realistic.protocolFeeBps, BPS);
        const pooledAfter = (await pool.bufferedEther()) + received + report.clBalance;
        const feeShares = mulDiv(fee, await token.totalSupply(), pooledAfter - fee);
        await expect(pool.connect(oracle).submitReport(report))
          .to.emit(pool, "FeeMinted")
          .withArgs(treasury.address, fee, feeShares);
        expect(await pool.bufferedEther(), "the skim is in the buffer").to.equal(
          ether(32) + received,
        );
        await checkStakingInvariants(fixture, "after a foreign skim");
      });

      it("its swept 32 ETH enters as rewards no faster than the APR bound allows (smoothed)", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, simulator, oracle, teacher, stranger } = fixture;
        const foreign = await simulator.validatorCount();
        await simulator
          .connect(stranger)
          .deposit(ethers.id("foreign"), await pool.getAddress(), { value: DEPOSIT });
        await simulator.connect(teacher).requestExit(foreign);
        await networkHelpers.time.increase(realistic.exitDelaySeconds);
        await simulator.connect(stranger).sweep(foreign);
        const received = await pool.unaccountedClWithdrawals();
        // 32 ETH and the second of rewards it earned before its exit.
        expectEqualWithinRounding(
          received,
          DEPOSIT,
          "the foreign validator's balance",
          ether("0.0000001"),
        );

        const pre = await pool.clBalance();
        const report = await oracleReport(pool, simulator);
        const elapsed = report.timestamp - (await pool.lastReportTimestamp());
        const maxIncrease = mulDiv(pre, realistic.maxAprBps * elapsed, BPS * SECONDS_PER_YEAR);
        expect(
          report.clBalance + report.withdrawnFromCl - pre,
          "increase = the bound exactly",
        ).to.equal(maxIncrease);
        await pool.connect(oracle).submitReport(report);
        expect(await pool.unaccountedClWithdrawals(), "the rest waits for later reports").to.equal(
          received - report.withdrawnFromCl,
        );
        await checkStakingInvariants(fixture, "after a smoothed donation");
      });
    });

    describe("when a slashed validator of the pool is not yet swept (bunker mode)", function () {
      /** Slashes the pool's validator 0; bob has asked for 10 LST; an hour passes. */
      async function slashedWithRequestFixture() {
        const fixture = await depositedAndStakedFixture();
        const { pool, token, simulator, teacher, bob, validatorIndices } = fixture;
        await token.connect(bob).approve(await pool.getAddress(), ether(10));
        await pool.connect(bob).requestWithdrawal(ether(10));
        await simulator.connect(teacher).slash(validatorIndices[0]);
        await networkHelpers.time.increase(3600);
        return fixture;
      }

      it("reverts a finalisation with FinalizationPausedBySlashing(1)", async function () {
        const { pool, simulator, oracle } =
          await networkHelpers.loadFixture(slashedWithRequestFixture);
        const report = await oracleReport(pool, simulator, { finalizeUpToRequestId: 1n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "FinalizationPausedBySlashing")
          .withArgs(1n);
      });

      it("carries the number of pending slashings: 2 after a second one", async function () {
        const { pool, simulator, oracle, teacher, validatorIndices } =
          await networkHelpers.loadFixture(slashedWithRequestFixture);
        await simulator.connect(teacher).slash(validatorIndices[1]);
        const report = await oracleReport(pool, simulator, { finalizeUpToRequestId: 1n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "FinalizationPausedBySlashing")
          .withArgs(2n);
      });

      it("still applies the loss of a report that finalises nothing (0 or the last finalised id)", async function () {
        const fixture = await networkHelpers.loadFixture(slashedWithRequestFixture);
        const { pool, simulator, oracle } = fixture;
        const rateBefore = await pool.getExchangeRate();
        for (const finalizeUpToRequestId of [0n, await pool.lastFinalizedRequestId()]) {
          await networkHelpers.time.increase(60);
          const report = await oracleReport(pool, simulator, { finalizeUpToRequestId });
          await expect(pool.connect(oracle).submitReport(report)).to.emit(pool, "ReportSubmitted");
          expect(await pool.clBalance(), "the CL balance is accounted").to.equal(report.clBalance);
        }
        // The initial penalty (0.0078125 ETH) outweighs an hour of rewards on 3 validators
        // (≈ 0.0003 ETH): the loss is in the rate although nothing was finalised.
        expect((await pool.getExchangeRate()) < rateBefore, "the rate fell").to.equal(true);
        expect(await pool.lastFinalizedRequestId(), "bob waits").to.equal(0n);
        await checkStakingInvariants(fixture, "bunker mode");
      });

      it("has the honest oracle finalise nothing", async function () {
        const { pool, simulator } = await networkHelpers.loadFixture(slashedWithRequestFixture);
        expect((await oracleReport(pool, simulator)).finalizeUpToRequestId).to.equal(0n);
      });

      it("finalises again once the slashed validator is swept and its loss reported", async function () {
        const fixture = await networkHelpers.loadFixture(slashedWithRequestFixture);
        const { pool, simulator, oracle, lossConfirmer, validatorIndices } = fixture;
        // A slashed validator is withdrawable a whole correlation window (36 days) after its slashing.
        await networkHelpers.time.increase(realistic.correlationWindowSeconds);
        await simulator.sweep(validatorIndices[0]);
        const report = await oracleReport(pool, simulator);
        expect(report.finalizeUpToRequestId).to.equal(1n);
        await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
        await expect(pool.connect(oracle).submitReport(report)).to.emit(
          pool,
          "WithdrawalsFinalized",
        );
        expect(await pool.lastFinalizedRequestId()).to.equal(1n);
        await checkStakingInvariants(fixture, "after bunker mode");
      });
    });

    describe("when the pool is paused", function () {
      it("still applies reports (the pause stops users, not the accounting)", async function () {
        const { pool, simulator, oracle, guardian } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await pool.connect(guardian).pause();
        await networkHelpers.time.increase(DAY);
        await expect(submitOracleReport(pool, simulator, oracle)).to.emit(pool, "ReportSubmitted");
      });
    });
  });

  describe("isBunkerMode", function () {
    it("is false with no slashed validator, true from a slashing to its sweep, false after", async function () {
      const { pool, simulator, teacher, validatorIndices } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      expect(await pool.isBunkerMode(), "no slashing").to.equal(false);
      await simulator.connect(teacher).slash(validatorIndices[0]);
      expect(await pool.isBunkerMode(), "slashed, unswept").to.equal(true);
      // Past the midpoint (18 days) the penalty is fixed, but it has not landed: still bunker mode.
      await networkHelpers.time.increase((await simulator.correlationWindow()) - DAY);
      expect(await pool.isBunkerMode(), "35 days later, not yet withdrawable").to.equal(true);
      await networkHelpers.time.increase(DAY);
      expect(await pool.isBunkerMode(), "withdrawable, unswept").to.equal(true);
      await simulator.sweep(validatorIndices[0]);
      expect(await pool.isBunkerMode(), "swept").to.equal(false);
    });

    it("ignores slashings of validators that are not the pool's", async function () {
      const { pool, simulator, teacher, stranger } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      await simulator
        .connect(stranger)
        .deposit(ethers.id("stranger-0"), stranger.address, { value: DEPOSIT });
      await simulator.connect(teacher).slash((await simulator.validatorCount()) - 1n);
      expect(await pool.isBunkerMode()).to.equal(false);
    });
  });
});
