/**
 * The rate providers over the real staking contracts: `LSTRateProvider` reads the DepositPool's
 * exchange rate, `LRTRateProvider` the LRTVault's ETH value per whole LRT (vault rate × LST rate,
 * 21 decimals). Both move only with rewards and losses, and the ExchangeRateOracle turns them into
 * Morpho-scaled prices.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import { priceFromRate } from "../helpers/morpho-reference.js";
import { oracleReport } from "../helpers/oracle.js";
import { SECONDS_PER_YEAR, WAD, ether, mulDiv } from "../helpers/units.js";
import { avsSlashes } from "../liquid-restaking/lrt-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { restakedVaultFixture } = liquidRestakingFixtures(connection);

const ONE_LRT = 10n ** 21n;

async function rateProvidersFixture() {
  const fixture = await restakedVaultFixture();
  const lstRate = await ethers.deployContract("LSTRateProvider", [await fixture.pool.getAddress()]);
  const lrtRate = await ethers.deployContract("LRTRateProvider", [
    await fixture.vault.getAddress(),
  ]);
  const lstOracle = await ethers.deployContract("ExchangeRateOracle", [
    await lstRate.getAddress(),
    18,
  ]);
  const lrtOracle = await ethers.deployContract("ExchangeRateOracle", [
    await lrtRate.getAddress(),
    21,
  ]);
  return { ...fixture, lstRate, lrtRate, lstOracle, lrtOracle };
}

describe("Rate providers", function () {
  describe("LSTRateProvider", function () {
    it("stores the deposit pool and reads its exchange rate (1 at the start)", async function () {
      const { lstRate, pool } = await networkHelpers.loadFixture(rateProvidersFixture);
      expect(await lstRate.depositPool()).to.equal(await pool.getAddress());
      expect(await lstRate.getRate()).to.equal(WAD);
      expect(await lstRate.getRate()).to.equal(await pool.getExchangeRate());
    });

    it("rises with a year of reported rewards and falls with a reported loss", async function () {
      const f = await networkHelpers.loadFixture(rateProvidersFixture);
      const { pool, token, simulator, oracle, teacher, lstRate, lstOracle } = f;
      // Four validators staked from 150 ETH of deposits (the fixture's LRT deposits).
      for (let n = 0; n < 4; n++) {
        await pool.connect(f.poolOperator).stakeValidator(ethers.id(`rate-validator-${n}`));
      }
      await pool.connect(oracle).submitReport(await oracleReport(pool, simulator));
      await networkHelpers.time.increase(SECONDS_PER_YEAR);
      await pool.connect(oracle).submitReport(await oracleReport(pool, simulator));
      const afterRewards = await lstRate.getRate();
      // Independently: pooled ETH per LST.
      expect(afterRewards).to.equal(
        mulDiv(WAD, await pool.totalPooledEther(), await token.totalSupply()),
      );
      expect(afterRewards).to.be.greaterThan(WAD);
      expect(await lstOracle.price()).to.equal(priceFromRate(afterRewards, 18));
      await simulator.connect(teacher).penalize(await pool.validatorIndexAt(0n), ether("0.3"));
      await pool.connect(oracle).submitReport(await oracleReport(pool, simulator));
      expect(await lstRate.getRate()).to.be.lessThan(afterRewards);
      expect(await lstRate.getRate()).to.equal(await pool.getExchangeRate());
    });

    it("reverts ZeroAddress", async function () {
      const { lstRate } = await networkHelpers.loadFixture(rateProvidersFixture);
      await expect(
        ethers.deployContract("LSTRateProvider", [ethers.ZeroAddress]),
      ).to.be.revertedWithCustomError(lstRate, "ZeroAddress");
    });
  });

  describe("LRTRateProvider", function () {
    it("reads ETH per whole LRT (10^21 units): vault rate × LST rate", async function () {
      const { lrtRate, vault, pool, lrtOracle } =
        await networkHelpers.loadFixture(rateProvidersFixture);
      expect(await lrtRate.vault()).to.equal(await vault.getAddress());
      const expected = await pool.getEthByShares(await vault.convertToAssets(ONE_LRT));
      expect(await lrtRate.getRate()).to.equal(expected);
      expect(expected).to.equal(WAD);
      // One smallest LRT unit is worth rate / 1e21 ETH: the price is rate × 1e15.
      expect(await lrtOracle.price()).to.equal(expected * 10n ** 15n);
    });

    it("falls with an AVS slashing of the vault's operator", async function () {
      const f = await networkHelpers.loadFixture(rateProvidersFixture);
      const before = await f.lrtRate.getRate();
      await avsSlashes(f, WAD / 10n); // 10 % of a 50 % allocation: 4.5 % of the vault (135 of 150 restaked)
      const after = await f.lrtRate.getRate();
      expect(after).to.equal(await f.pool.getEthByShares(await f.vault.convertToAssets(ONE_LRT)));
      expect(after).to.be.lessThan(before);
      expect(after).to.be.within(ether("0.954"), ether("0.956"));
    });

    it("reverts ZeroAddress", async function () {
      const { lrtRate } = await networkHelpers.loadFixture(rateProvidersFixture);
      await expect(
        ethers.deployContract("LRTRateProvider", [ethers.ZeroAddress]),
      ).to.be.revertedWithCustomError(lrtRate, "ZeroAddress");
    });
  });
});
