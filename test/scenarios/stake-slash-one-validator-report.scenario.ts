import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  WAD,
  checkStakingInvariants,
  ether,
  expectEqualWithinRounding,
  mulDiv,
  mulDivUp,
  oracleReport,
  reportHash,
} from "../helpers/index.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { depositedAndStakedFixture } = stakingFixtures(connection);

const DEPOSIT = realistic.validatorDepositWei;
/** The rest of the network's stake, mainnet-like (~34 million ETH): one slashing is then nearly free. */
const MAINNET_ACTIVE_STAKE = ether(34_000_000);
/** Rewards of the few seconds between transactions, on 4 × 32 ETH at 3 %. */
const SECONDS_OF_REWARDS = ether("0.000002");

for (const { quotient, era, penaltyEth, rateDrop, needsConfirmation } of [
  {
    quotient: 4096n,
    era: "after Pectra",
    penaltyEth: "0.0078125",
    rateDrop: "0.0049 %",
    needsConfirmation: false,
  },
  {
    quotient: 32n,
    era: "before Pectra",
    penaltyEth: "1",
    rateDrop: "0.625 %",
    needsConfirmation: true,
  },
]) {
  const initialPenalty = ether(penaltyEth);
  describe(`Scenario: one validator slashed ${era} (initial penalty 32 ETH / ${quotient})`, function () {
    let fixture: Awaited<ReturnType<typeof depositedAndStakedFixture>>;
    let rate: bigint;
    let slashedBalance: bigint;
    let swept: bigint;

    before(async function () {
      fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const { simulator, teacher } = fixture;
      await simulator.connect(teacher).setSlashingPenaltyQuotient(quotient);
      await simulator.connect(teacher).setExternalActiveBalance(MAINNET_ACTIVE_STAKE);
    });

    it("1. the pool holds 160 ETH: 4 validators (128 ETH) and 32 ETH buffered, rate ≈ 1", async function () {
      const { pool } = fixture;
      expect(await pool.clValidators(), "validators seen").to.equal(4n);
      expect(await pool.bufferedEther(), "buffer").to.equal(ether(32));
      rate = await checkStakingInvariants(fixture, "step 1");
      expectEqualWithinRounding(rate, WAD, "rate", SECONDS_OF_REWARDS);
    });

    it(`2. validator 0 is slashed: it loses 32 / ${quotient} = ${penaltyEth} ETH at once and exits`, async function () {
      const { simulator, teacher, validatorIndices } = fixture;
      await expect(simulator.connect(teacher).slash(validatorIndices[0]), "initial penalty")
        .to.emit(simulator, "ValidatorSlashed")
        .withArgs(validatorIndices[0], DEPOSIT / quotient, (at: bigint) => at > 0n);
      expect(DEPOSIT / quotient, "32 ETH / quotient").to.equal(initialPenalty);
      // The pool has not seen it yet: its rate is unchanged until the next report.
      await checkStakingInvariants(fixture, "step 2", { rateBefore: rate, unreportedClLoss: true });
    });

    it(`3. the next report lowers the rate by ≈ ${rateDrop} (the penalty over 160 ETH)${needsConfirmation ? ", after the loss confirmer approves it (above the 0.4 ETH budget)" : " (within the 0.4 ETH budget)"}`, async function () {
      const { pool, token, simulator, oracle, lossConfirmer } = fixture;
      const report = await oracleReport(pool, simulator);
      const pre = await pool.clBalance();
      const loss = pre - report.clBalance;
      expectEqualWithinRounding(loss, initialPenalty, "loss ≈ initial penalty", SECONDS_OF_REWARDS);
      const budget = 4n * realistic.lossBudgetPerValidatorWei; // 0.4 ETH
      if (needsConfirmation) {
        await expect(pool.connect(oracle).submitReport(report), "above the budget")
          .to.be.revertedWithCustomError(pool, "LossAboveBudget")
          .withArgs(loss, budget, reportHash(report));
        await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
      }
      const supply = await token.totalSupply();
      await expect(pool.connect(oracle).submitReport(report), "a loss mints no fee").not.to.emit(
        pool,
        "FeeMinted",
      );
      const rateAfter = await pool.getExchangeRate();
      expect(rateAfter, "rate = (32 ETH + CL balance) / supply").to.equal(
        mulDiv(WAD, ether(32) + report.clBalance, supply),
      );
      expectEqualWithinRounding(
        rate - rateAfter,
        mulDiv(initialPenalty, WAD, ether(160)),
        "rate drop = penalty / 160 ETH",
        SECONDS_OF_REWARDS / 100n,
      );
      rate = await checkStakingInvariants(fixture, "step 3");
    });

    it("4. 36 days later (a correlation window) validator 0 is withdrawable; the sweep applies the correlation penalty (tiny on a 34M ETH network)", async function () {
      const { pool, simulator, stranger, validatorIndices } = fixture;
      await networkHelpers.time.increase(realistic.correlationWindowSeconds);
      slashedBalance = await simulator.validatorBalance(validatorIndices[0]);
      // 3 × 32 ETH slashed in the window against 3 active validators + the rest of the network.
      const totalActive = 3n * DEPOSIT + MAINNET_ACTIVE_STAKE;
      const correlation = mulDivUp(slashedBalance, 3n * DEPOSIT, totalActive);
      await expect(simulator.connect(stranger).sweep(validatorIndices[0]), "correlation penalty")
        .to.emit(simulator, "CorrelationPenaltyApplied")
        .withArgs(validatorIndices[0], correlation, DEPOSIT);
      swept = await pool.unaccountedClWithdrawals();
      expect(swept, "the pool received the rest of the balance").to.equal(
        slashedBalance - correlation,
      );
      await checkStakingInvariants(fixture, "step 4", { rateBefore: rate, unreportedClLoss: true });
    });

    it("5. the next report accounts the swept ETH into the buffer; 3 validators remain on the CL", async function () {
      const { pool, simulator, oracle, validatorIndices } = fixture;
      const report = await oracleReport(pool, simulator);
      expect(report.withdrawnFromCl, "withdrawn").to.equal(swept);
      const remaining =
        (await simulator.validatorBalance(validatorIndices[1])) +
        (await simulator.validatorBalance(validatorIndices[2])) +
        (await simulator.validatorBalance(validatorIndices[3]));
      expect(report.clBalance, "CL balance of the 3 others").to.equal(remaining);
      await pool.connect(oracle).submitReport(report);
      expect(await pool.bufferedEther(), "buffer").to.equal(ether(32) + swept);
      await checkStakingInvariants(fixture, "step 5");
    });
  });
}
