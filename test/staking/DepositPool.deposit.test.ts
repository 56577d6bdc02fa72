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
const { deployStakingFixture, depositedAndStakedFixture } = stakingFixtures(connection);
const DEPOSIT_32 = realistic.validatorDepositWei;

/** The staked fixture a month later, after a report: the rate is above 1. */
async function rewardedFixture() {
  const fixture = await depositedAndStakedFixture();
  await networkHelpers.time.increase(30n * DAY);
  await submitOracleReport(fixture.pool, fixture.simulator, fixture.oracle);
  return fixture;
}

describe("DepositPool", function () {
  describe("deposit", function () {
    describe("when the pool is empty", function () {
      it("mints shares 1:1 and emits Deposited", async function () {
        const { pool, token, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await expect(pool.connect(alice).deposit({ value: ether(10) }))
          .to.emit(pool, "Deposited")
          .withArgs(alice.address, ether(10), ether(10));
        expect(await token.balanceOf(alice.address)).to.equal(ether(10));
      });

      it("adds the ETH to the buffer and to totalPooledEther", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(10) });
        expect(await pool.bufferedEther()).to.equal(ether(10));
        expect(await pool.totalPooledEther()).to.equal(ether(10));
      });
    });

    describe("when rewards raised the rate", function () {
      it("mints floor(eth × supply / totalPooledEther)", async function () {
        const fixture = await networkHelpers.loadFixture(rewardedFixture);
        const { pool, token, carol } = fixture;
        const supply = await token.totalSupply();
        const pooled = await pool.totalPooledEther();
        const expectedShares = mulDiv(ether(7), supply, pooled);
        expect(expectedShares < ether(7), "a token is worth more than 1 ETH").to.equal(true);
        await expect(pool.connect(carol).deposit({ value: ether(7) }))
          .to.emit(pool, "Deposited")
          .withArgs(carol.address, ether(7), expectedShares);
        expect(await token.balanceOf(carol.address)).to.equal(expectedShares);
      });

      it("does not move the exchange rate beyond rounding (INV-2)", async function () {
        const fixture = await networkHelpers.loadFixture(rewardedFixture);
        const rateBefore = await checkStakingInvariants(fixture, "before");
        await fixture.pool.connect(fixture.carol).deposit({ value: ether("7.123456789") });
        const rateAfter = await checkStakingInvariants(fixture, "after a deposit", { rateBefore });
        expect(rateAfter >= rateBefore, "rounding favours the pool: the rate never falls").to.equal(
          true,
        );
      });
    });

    describe("when the pool is in bunker mode (a slashed validator of it is unswept)", function () {
      it("accepts it at the current rate, as Lido does: the depositor shares the correlation penalty when it lands", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, teacher, lossConfirmer, carol, validatorIndices } =
          fixture;
        // The pool's 4 validators are the whole network: 3 × 32 ETH ≥ the 96 ETH left active, so
        // the correlation penalty will take the slashed validator's whole balance.
        await simulator.connect(teacher).setExternalActiveBalance(0n);
        await simulator.connect(teacher).slash(validatorIndices[0]);
        expect(await pool.isBunkerMode(), "bunker mode").to.equal(true);

        // carol deposits 40 ETH after the public slashing: the rate is still ≈ 1 (160 ETH / 160 LST).
        const pooledBefore = await pool.totalPooledEther();
        const supplyBefore = await token.totalSupply();
        const shares = mulDiv(ether(40), supplyBefore, pooledBefore);
        await expect(pool.connect(carol).deposit({ value: ether(40) }))
          .to.emit(pool, "Deposited")
          .withArgs(carol.address, ether(40), shares);
        expectEqualWithinRounding(
          shares,
          ether(40),
          "≈ 40 LST at a rate of ≈ 1",
          ether("0.000001"),
        );

        // 36 days later the validator is swept with nothing left, and the loss is reported.
        await networkHelpers.time.increase(await simulator.correlationWindow());
        await simulator.sweep(validatorIndices[0]);
        const report = await oracleReport(pool, simulator);
        const loss = (await pool.clBalance()) - report.clBalance - report.withdrawnFromCl;
        await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
        await pool.connect(oracle).submitReport(report);

        // Independently: 200 ETH pooled before the report lose `loss` (≈ 32 ETH less 36 days of
        // rewards on 3 validators), no fee on a loss; carol bears 40/200 of it, ≈ 6.3 ETH.
        const pooledAfter = pooledBefore + ether(40) - loss;
        expect(await pool.totalPooledEther(), "pooled after the loss").to.equal(pooledAfter);
        const carolValue = await pool.getEthByShares(shares);
        expect(carolValue, "carol's 40 LST").to.equal(
          mulDiv(shares, pooledAfter, shares + supplyBefore),
        );
        expectEqualWithinRounding(
          ether(40) - carolValue,
          mulDiv(loss, ether(40), pooledBefore + ether(40)),
          "carol bears her pro-rata share of the loss",
          1n,
        );
        expect(ether(40) - carolValue > ether(6), "more than 6 ETH").to.equal(true);
        await checkStakingInvariants(fixture, "after the penalty landed");
      });
    });

    describe("when the deposit is below the minimum", function () {
      it("reverts with DepositBelowMinimum", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        const tooSmall = realistic.minDepositWei - 1n;
        await expect(pool.connect(alice).deposit({ value: tooSmall }))
          .to.be.revertedWithCustomError(pool, "DepositBelowMinimum")
          .withArgs(tooSmall, realistic.minDepositWei);
      });

      it("reverts with DepositBelowMinimum for 0 ETH", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await expect(pool.connect(alice).deposit({ value: 0n }))
          .to.be.revertedWithCustomError(pool, "DepositBelowMinimum")
          .withArgs(0n, realistic.minDepositWei);
      });
    });

    describe("when the deposit would take totalPooledEther above the cap", function () {
      it("reverts with DepositCapExceeded", async function () {
        const { pool, admin, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(admin).setDepositLimits(realistic.minDepositWei, ether(50));
        await pool.connect(alice).deposit({ value: ether(40) });
        await expect(pool.connect(alice).deposit({ value: ether(11) }))
          .to.be.revertedWithCustomError(pool, "DepositCapExceeded")
          .withArgs(ether(51), ether(50));
      });
    });

    describe("when the ETH buys no share", function () {
      it("reverts with ZeroShares", async function () {
        const { pool, admin, carol } = await networkHelpers.loadFixture(rewardedFixture);
        await pool.connect(admin).setDepositLimits(1n, realistic.depositCapWei);
        // At a rate above 1, one wei buys floor(1 × supply / pooled) = 0 shares.
        await expect(pool.connect(carol).deposit({ value: 1n }))
          .to.be.revertedWithCustomError(pool, "ZeroShares")
          .withArgs(1n);
      });
    });

    describe("when the pool lost everything (shares exist, nothing backs them)", function () {
      it("reverts with ZeroShares rather than share worthless tokens with the depositor", async function () {
        const { pool, simulator, oracle, operator, lossConfirmer, alice, bob } =
          await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: DEPOSIT_32 });
        await pool.connect(operator).stakeValidator(ethers.id("validator-a"));
        const report = await oracleReport(pool, simulator, { clBalance: 0n });
        await pool.connect(lossConfirmer).confirmLossReport(reportHash(report));
        await pool.connect(oracle).submitReport(report);
        expect(await pool.totalPooledEther()).to.equal(0n);
        expect(await pool.getExchangeRate()).to.equal(0n);
        await expect(pool.connect(bob).deposit({ value: ether(1) }))
          .to.be.revertedWithCustomError(pool, "ZeroShares")
          .withArgs(ether(1));
      });
    });

    describe("when the pool is paused", function () {
      it("reverts with EnforcedPause", async function () {
        const { pool, guardian, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(guardian).pause();
        await expect(
          pool.connect(alice).deposit({ value: ether(1) }),
        ).to.be.revertedWithCustomError(pool, "EnforcedPause");
      });
    });

    describe("at the boundaries", function () {
      it("accepts exactly the minimum deposit", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await expect(pool.connect(alice).deposit({ value: realistic.minDepositWei }))
          .to.emit(pool, "Deposited")
          .withArgs(alice.address, realistic.minDepositWei, realistic.minDepositWei);
      });

      it("accepts a deposit that fills the cap exactly", async function () {
        const { pool, admin, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(admin).setDepositLimits(realistic.minDepositWei, ether(50));
        await pool.connect(alice).deposit({ value: ether(40) });
        await pool.connect(alice).deposit({ value: ether(10) });
        expect(await pool.totalPooledEther()).to.equal(ether(50));
      });

      it("accepts 1 wei once the minimum is 1 wei and the rate is 1", async function () {
        const { pool, admin, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(admin).setDepositLimits(1n, realistic.depositCapWei);
        await expect(pool.connect(alice).deposit({ value: 1n }))
          .to.emit(pool, "Deposited")
          .withArgs(alice.address, 1n, 1n);
      });
    });

    describe("gas", function () {
      it("costs at most 80,000 gas for a new holder and 60,000 for an existing one", async function () {
        const { pool, alice, carol } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const newHolder = (await (await pool.connect(carol).deposit({ value: ether(1) })).wait())!
          .gasUsed;
        const existing = (await (await pool.connect(alice).deposit({ value: ether(1) })).wait())!
          .gasUsed;
        expect(newHolder, `deposit by a new holder: ${newHolder} gas`).to.be.at.most(80_000n);
        expect(existing, `deposit by an existing holder: ${existing} gas`).to.be.at.most(60_000n);
      });
    });
  });

  describe("getExchangeRate, getSharesByEth, getEthByShares", function () {
    describe("when the pool is empty", function () {
      it("quotes 1 ETH per token, both ways", async function () {
        const { pool } = await networkHelpers.loadFixture(deployStakingFixture);
        expect(await pool.getExchangeRate()).to.equal(WAD);
        expect(await pool.getSharesByEth(ether(3))).to.equal(ether(3));
        expect(await pool.getEthByShares(ether(3))).to.equal(ether(3));
      });
    });

    describe("when the rate is above 1", function () {
      it("rounds both conversions down (INV-3)", async function () {
        const { pool, token } = await networkHelpers.loadFixture(rewardedFixture);
        const supply = await token.totalSupply();
        const pooled = await pool.totalPooledEther();
        expect(await pool.getExchangeRate()).to.equal(mulDiv(WAD, pooled, supply));
        expect(await pool.getSharesByEth(ether(1))).to.equal(mulDiv(ether(1), supply, pooled));
        expect(await pool.getEthByShares(ether(1))).to.equal(mulDiv(ether(1), pooled, supply));
        const roundTrip = await pool.getEthByShares(await pool.getSharesByEth(ether(1)));
        expect(roundTrip <= ether(1), "a round trip never creates ETH").to.equal(true);
      });
    });
  });

  describe("receive", function () {
    describe("when the sender is not the simulator", function () {
      it("reverts with UnexpectedEtherSender", async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        await expect(stranger.sendTransaction({ to: await pool.getAddress(), value: ether(1) }))
          .to.be.revertedWithCustomError(pool, "UnexpectedEtherSender")
          .withArgs(stranger.address);
      });
    });

    describe("when the simulator sweeps a validator", function () {
      it("adds the ETH to unaccountedClWithdrawals, emits ClWithdrawalReceived and keeps the rate", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, simulator, stranger, validatorIndices } = fixture;
        await networkHelpers.time.increase(30n * DAY);
        const rateBefore = await checkStakingInvariants(fixture, "before the sweep");
        const balanceBefore = await simulator.validatorBalance(validatorIndices[0]);
        // The sweep is a transaction: one more second of rewards accrues in its block.
        const tx = simulator.connect(stranger).sweep(validatorIndices[0]);
        await expect(tx).to.emit(pool, "ClWithdrawalReceived");
        // Everything above 32 ETH: the rewards so far, plus at most one second more (the sweep's block).
        const skimmed = await pool.unaccountedClWithdrawals();
        const oneSecondOfRewards =
          mulDiv(realistic.validatorDepositWei, realistic.rewardAprBps, BPS * SECONDS_PER_YEAR) +
          1n;
        expect(
          skimmed >= balanceBefore - realistic.validatorDepositWei,
          "skim ≥ rewards before",
        ).to.equal(true);
        expect(
          skimmed <= balanceBefore - realistic.validatorDepositWei + oneSecondOfRewards,
          "skim ≤ rewards before + one second",
        ).to.equal(true);
        expect(await simulator.validatorBalance(validatorIndices[0])).to.equal(
          realistic.validatorDepositWei,
        );
        await checkStakingInvariants(fixture, "after the sweep", { rateBefore });
      });
    });
  });

  describe("stakeValidator", function () {
    describe("when the buffer holds a validator deposit", function () {
      it("deposits 32 ETH on the simulator with the pool as withdrawal address", async function () {
        const { pool, simulator, operator, alice } =
          await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(40) });
        const pubkeyHash = ethers.id("validator-a");
        await expect(pool.connect(operator).stakeValidator(pubkeyHash))
          .to.emit(pool, "ValidatorStaked")
          .withArgs(0n, pubkeyHash, realistic.validatorDepositWei);
        const validator = await simulator.getValidator(0n);
        expect(validator.withdrawalAddress).to.equal(await pool.getAddress());
        expect(validator.pubkeyHash).to.equal(pubkeyHash);
        expect(await pool.validatorIndexAt(0n)).to.equal(0n);
      });

      it("moves the deposit from the buffer to in transit, leaving totalPooledEther unchanged", async function () {
        const { pool, operator, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(40) });
        await pool.connect(operator).stakeValidator(ethers.id("validator-a"));
        expect(await pool.bufferedEther()).to.equal(ether(8));
        expect(await pool.depositedValidators()).to.equal(1n);
        expect(await pool.clValidators(), "no report has seen it yet").to.equal(0n);
        expect(await pool.totalPooledEther()).to.equal(ether(40));
        expect(await pool.getExchangeRate()).to.equal(WAD);
      });
    });

    describe("when the buffer is short of a validator deposit", function () {
      it("reverts with NotEnoughDepositableEther", async function () {
        const { pool, operator, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(31) });
        await expect(pool.connect(operator).stakeValidator(ethers.id("validator-a")))
          .to.be.revertedWithCustomError(pool, "NotEnoughDepositableEther")
          .withArgs(ether(31), realistic.validatorDepositWei);
      });
    });

    describe("when withdrawal requests reserve part of the buffer", function () {
      it("stakes only the ETH the queue does not need", async function () {
        const { pool, token, operator, alice } =
          await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(40) });
        await token.connect(alice).approve(await pool.getAddress(), ether(10));
        await pool.connect(alice).requestWithdrawal(ether(10));
        expect(await pool.unfinalizedEther()).to.equal(ether(10));
        expect(await pool.depositableEther()).to.equal(ether(30));
        await expect(pool.connect(operator).stakeValidator(ethers.id("validator-a")))
          .to.be.revertedWithCustomError(pool, "NotEnoughDepositableEther")
          .withArgs(ether(30), realistic.validatorDepositWei);
      });

      it("reports 0 depositable when the queue asks for more than the buffer", async function () {
        const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        await token.connect(alice).approve(await pool.getAddress(), ether(50));
        await pool.connect(alice).requestWithdrawal(ether(50));
        expect(await pool.depositableEther()).to.equal(0n);
      });
    });

    describe("when the public key was used before", function () {
      it("reverts with the simulator's DuplicatePubkey", async function () {
        const { pool, simulator, operator, alice } =
          await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(64) });
        await pool.connect(operator).stakeValidator(ethers.id("validator-a"));
        await expect(pool.connect(operator).stakeValidator(ethers.id("validator-a")))
          .to.be.revertedWithCustomError(simulator, "DuplicatePubkey")
          .withArgs(ethers.id("validator-a"));
      });
    });

    describe("at the boundary", function () {
      it("stakes when exactly one deposit is depositable", async function () {
        const { pool, operator, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: realistic.validatorDepositWei });
        await pool.connect(operator).stakeValidator(ethers.id("validator-a"));
        expect(await pool.bufferedEther()).to.equal(0n);
      });
    });
  });
});
