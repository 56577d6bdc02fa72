/**
 * LendingMarket: construction and views. The immutable parameters, Morpho's liquidation incentive
 * by LLTV, and the position views (health factor, capacity, balances with their rounding).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { LLTV_86, lendingFixtures } from "../helpers/fixtures/lending.js";
import {
  MAX_LIQUIDATION_INCENTIVE_FACTOR,
  MarketModel,
  ORACLE_PRICE_SCALE,
  liquidationIncentiveFactor,
  priceFromRate,
  toAssetsDown,
  toAssetsUp,
} from "../helpers/morpho-reference.js";
import { DAY, WAD, ether, tokenUnits } from "../helpers/units.js";
import { latestTimestamp, timestampOf } from "./lending-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployLendingMarketFixture, deployLrtLendingMarketFixture, borrowedMarketFixture } =
  lendingFixtures(connection);

/** Morpho's LIF by LLTV, to four decimals (research §3.2, computed from the formula). */
const LIF_TABLE: [string, string][] = [
  ["0.98", "1.0060"],
  ["0.965", "1.0106"],
  ["0.945", "1.0168"],
  ["0.915", "1.0262"],
  ["0.86", "1.0438"],
  ["0.77", "1.0741"],
  ["0.625", "1.1268"],
  ["0.385", "1.15"],
];

describe("LendingMarket: construction and views", function () {
  describe("constructor", function () {
    it("stores the collateral, the oracle, the LLTV and the start of accrual", async function () {
      const { market, collateral, oracle } = await networkHelpers.loadFixture(
        deployLendingMarketFixture,
      );
      expect(await market.collateralToken()).to.equal(await collateral.getAddress());
      expect(await market.oracle()).to.equal(await oracle.getAddress());
      expect(await market.lltv()).to.equal(LLTV_86);
      expect(await market.lastUpdate()).to.equal(
        await timestampOf(market.deploymentTransaction()!),
      );
      expect(await market.ORACLE_PRICE_SCALE()).to.equal(ORACLE_PRICE_SCALE);
      expect(await market.MAX_LIQUIDATION_INCENTIVE_FACTOR()).to.equal(
        MAX_LIQUIDATION_INCENTIVE_FACTOR,
      );
      expect(await market.LIQUIDATION_CURSOR()).to.equal((3n * WAD) / 10n);
    });

    it("reverts InvalidLltv for 0, 100 % and above", async function () {
      const { market, collateral, oracle } = await networkHelpers.loadFixture(
        deployLendingMarketFixture,
      );
      const args = [await collateral.getAddress(), await oracle.getAddress()] as const;
      for (const lltv of [0n, WAD, WAD + 1n]) {
        await expect(ethers.deployContract("LendingMarket", [...args, lltv]))
          .to.be.revertedWithCustomError(market, "InvalidLltv")
          .withArgs(lltv);
      }
    });

    it("reverts ZeroAddress for a zero collateral or oracle", async function () {
      const { market, collateral, oracle } = await networkHelpers.loadFixture(
        deployLendingMarketFixture,
      );
      await expect(
        ethers.deployContract("LendingMarket", [
          ethers.ZeroAddress,
          await oracle.getAddress(),
          LLTV_86,
        ]),
      ).to.be.revertedWithCustomError(market, "ZeroAddress");
      await expect(
        ethers.deployContract("LendingMarket", [
          await collateral.getAddress(),
          ethers.ZeroAddress,
          LLTV_86,
        ]),
      ).to.be.revertedWithCustomError(market, "ZeroAddress");
    });
  });

  describe("liquidationIncentiveFactor", function () {
    for (const [lltv, lif] of LIF_TABLE) {
      it(`is ${lif} at LLTV ${lltv} (min(1.15, 1/(0.3·lltv + 0.7)))`, async function () {
        const { collateral, oracle } = await networkHelpers.loadFixture(deployLendingMarketFixture);
        const market = await ethers.deployContract("LendingMarket", [
          await collateral.getAddress(),
          await oracle.getAddress(),
          ether(lltv),
        ]);
        const onChain = await market.liquidationIncentiveFactor();
        expect(onChain).to.equal(liquidationIncentiveFactor(ether(lltv)));
        // The published four decimals: the exact value rounds to them.
        const published = ether(lif);
        const diff = onChain > published ? onChain - published : published - onChain;
        expect(diff <= ether("0.00005"), `LIF ${onChain} vs published ${lif}`).to.equal(true);
      });
    }
  });

  describe("position views", function () {
    it("give bob's shares, balances with their rounding, capacity and health", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, alice, bob, lltv } = fixture;
      const at = await market.lastUpdate();
      const model = new MarketModel(lltv, at);
      model.supply(alice.address, ether(100), at);
      model.supplyCollateral(bob.address, ether(10));
      model.borrow(bob.address, ether(8), ORACLE_PRICE_SCALE, at);
      await networkHelpers.time.increase(100n * DAY);
      model.accrue(await latestTimestamp(market));
      const p = model.position(bob.address);
      expect(await market.position(bob.address)).to.deep.equal([0n, p.borrowShares, p.collateral]);
      expect(await market.borrowShares(bob.address)).to.equal(p.borrowShares);
      expect(await market.collateral(bob.address)).to.equal(ether(10));
      expect(await market.borrowAssetsOf(bob.address)).to.equal(
        toAssetsUp(p.borrowShares, model.totalBorrowAssets, model.totalBorrowShares),
      );
      expect(await market.supplyAssetsOf(alice.address)).to.equal(
        toAssetsDown(
          model.position(alice.address).supplyShares,
          model.totalSupplyAssets,
          model.totalSupplyShares,
        ),
      );
      expect(await market.maxBorrow(bob.address)).to.equal(ether("8.6"));
      expect(await market.healthFactor(bob.address)).to.equal(
        model.healthFactor(bob.address, ORACLE_PRICE_SCALE),
      );
      expect(await market.healthFactor(bob.address)).to.be.within(ether("1.06"), ether("1.075"));
      expect(await market.isHealthy(bob.address)).to.equal(true);
    });

    it("give an unlimited health factor and no debt to a user without a position", async function () {
      const { market, stranger } = await networkHelpers.loadFixture(borrowedMarketFixture);
      expect(await market.healthFactor(stranger.address)).to.equal(ethers.MaxUint256);
      expect(await market.isHealthy(stranger.address)).to.equal(true);
      expect(await market.borrowAssetsOf(stranger.address)).to.equal(0n);
      expect(await market.supplyAssetsOf(stranger.address)).to.equal(0n);
      expect(await market.maxBorrow(stranger.address)).to.equal(0n);
    });

    it("turn unhealthy exactly when the health factor falls below 1", async function () {
      const { market, oracle, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await oracle.setPrice(priceFromRate(ether("0.93"), 18)); // 10 × 0.93 × 0.86 = 7.998 < 8
      expect(await market.healthFactor(bob.address)).to.be.lessThan(WAD);
      expect(await market.isHealthy(bob.address)).to.equal(false);
    });
  });

  describe("with 21-decimal collateral (the LRT)", function () {
    it("values 10 whole LRT at 1.05 ETH each: capacity 10.5 × 0.86 = 9.03 ETH", async function () {
      const { market, alice, bob } = await networkHelpers.loadFixture(
        deployLrtLendingMarketFixture,
      );
      await market.connect(alice).supply(alice.address, { value: ether(100) });
      await market.connect(bob).supplyCollateral(tokenUnits(10, 21), bob.address);
      expect(await market.maxBorrow(bob.address)).to.equal(ether("9.03"));
      await market.connect(bob).borrow(ether("9.03"), bob.address);
      await expect(market.connect(bob).borrow(1n, bob.address)).to.be.revertedWithCustomError(
        market,
        "UnhealthyPosition",
      );
    });
  });
});
