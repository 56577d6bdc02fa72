/**
 * The lending market's four price sources, each `price()` in wei per smallest collateral unit scaled
 * 1e36 (Morpho's `IOracle`): `ExchangeRateOracle` (the NAV), `CappedRateOracle` (Aave's CAPO),
 * `SpotPriceOracle` (the pool's spot price × rate) and `EmaPriceOracle` (the pool's EMA × rate); with
 * 18-decimal (LST) and 21-decimal (LRT) collateral.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { cappedRate, priceFromPool, priceFromRate } from "../helpers/morpho-reference.js";
import { DAY, SECONDS_PER_YEAR, ether } from "../helpers/units.js";
import { latestTimestamp } from "./lending-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

/** Aave's CAPO cap for wstETH: 9.68 % a year (research §3.1). */
const WSTETH_GROWTH_BPS = 968n;

async function deployOraclesFixture() {
  const [deployer, riskAdmin, stranger] = await ethers.getSigners();
  const rate = await ethers.deployContract("LendingMockRate", [ether("1.1")]);
  const lrtRate = await ethers.deployContract("LendingMockRate", [ether("1.05")]);
  const lst = await ethers.deployContract("DecimalsTestToken", ["Staking Lab LST", "slETH", 18]);
  const lrt = await ethers.deployContract("DecimalsTestToken", ["Staking Lab LRT", "slrETH", 21]);
  const lstPool = await ethers.deployContract("MockPoolPrices", [
    await lst.getAddress(),
    await rate.getAddress(),
  ]);
  const lrtPool = await ethers.deployContract("MockPoolPrices", [
    await lrt.getAddress(),
    await lrtRate.getAddress(),
  ]);
  await lstPool.setStoredRate(ether("1.1"));
  await lrtPool.setStoredRate(ether("1.05"));
  const navLst = await ethers.deployContract("ExchangeRateOracle", [await rate.getAddress(), 18]);
  const navLrt = await ethers.deployContract("ExchangeRateOracle", [
    await lrtRate.getAddress(),
    21,
  ]);
  const snapshotAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const capo = await ethers.deployContract("CappedRateOracle", [
    await rate.getAddress(),
    18,
    riskAdmin.address,
    ether("1.1"),
    snapshotAt,
    WSTETH_GROWTH_BPS,
  ]);
  const spotLst = await ethers.deployContract("SpotPriceOracle", [await lstPool.getAddress()]);
  const spotLrt = await ethers.deployContract("SpotPriceOracle", [await lrtPool.getAddress()]);
  const emaLst = await ethers.deployContract("EmaPriceOracle", [await lstPool.getAddress()]);
  const emaLrt = await ethers.deployContract("EmaPriceOracle", [await lrtPool.getAddress()]);
  return {
    deployer,
    riskAdmin,
    stranger,
    rate,
    lrtRate,
    lst,
    lrt,
    lstPool,
    lrtPool,
    navLst,
    navLrt,
    capo,
    snapshotAt,
    spotLst,
    spotLrt,
    emaLst,
    emaLrt,
  };
}

describe("Oracles", function () {
  describe("ExchangeRateOracle", function () {
    it("prices the LST at rate × 1e18 and the LRT at rate × 1e15 per smallest unit", async function () {
      const { navLst, navLrt } = await networkHelpers.loadFixture(deployOraclesFixture);
      expect(await navLst.price()).to.equal(priceFromRate(ether("1.1"), 18));
      expect(await navLst.price()).to.equal(ether("1.1") * 10n ** 18n);
      expect(await navLrt.price()).to.equal(ether("1.05") * 10n ** 15n);
      expect(await navLst.scaleFactor()).to.equal(10n ** 18n);
      expect(await navLrt.scaleFactor()).to.equal(10n ** 15n);
    });

    it("follows the NAV up (rewards) and down (a slashing) at once", async function () {
      const { navLst, rate } = await networkHelpers.loadFixture(deployOraclesFixture);
      await rate.setRate(ether("1.2"));
      expect(await navLst.price()).to.equal(priceFromRate(ether("1.2"), 18));
      await rate.setRate(ether("0.95"));
      expect(await navLst.price()).to.equal(priceFromRate(ether("0.95"), 18));
    });

    it("ignores the market: a pool trading at a discount does not move it", async function () {
      const { navLst, lstPool } = await networkHelpers.loadFixture(deployOraclesFixture);
      await lstPool.setSpotPrice(ether("0.5"));
      await lstPool.setPriceOracle(ether("0.5"));
      expect(await navLst.price()).to.equal(priceFromRate(ether("1.1"), 18));
    });

    it("reverts ZeroAddress and InvalidDecimals", async function () {
      const { navLst, rate } = await networkHelpers.loadFixture(deployOraclesFixture);
      await expect(
        ethers.deployContract("ExchangeRateOracle", [ethers.ZeroAddress, 18]),
      ).to.be.revertedWithCustomError(navLst, "ZeroAddress");
      await expect(ethers.deployContract("ExchangeRateOracle", [await rate.getAddress(), 37]))
        .to.be.revertedWithCustomError(navLst, "InvalidDecimals")
        .withArgs(37);
    });
  });

  describe("CappedRateOracle", function () {
    describe("constructor", function () {
      it("stores the snapshot, the growth per second and the owner, and emits CapParametersUpdated", async function () {
        const { capo, riskAdmin, snapshotAt } =
          await networkHelpers.loadFixture(deployOraclesFixture);
        const perSecond = (ether("1.1") * WSTETH_GROWTH_BPS) / 10_000n / SECONDS_PER_YEAR;
        expect(await capo.snapshotRate()).to.equal(ether("1.1"));
        expect(await capo.snapshotTimestamp()).to.equal(snapshotAt);
        expect(await capo.maxYearlyGrowthBps()).to.equal(WSTETH_GROWTH_BPS);
        expect(await capo.maxRateGrowthPerSecond()).to.equal(perSecond);
        expect(await capo.owner()).to.equal(riskAdmin.address);
        await expect(capo.deploymentTransaction())
          .to.emit(capo, "CapParametersUpdated")
          .withArgs(ether("1.1"), snapshotAt, perSecond, WSTETH_GROWTH_BPS);
      });

      it("reverts ZeroAddress, InvalidDecimals and OwnableInvalidOwner", async function () {
        const { capo, rate, riskAdmin, snapshotAt } =
          await networkHelpers.loadFixture(deployOraclesFixture);
        const rest = [ether(1), snapshotAt, 968n] as const;
        await expect(
          ethers.deployContract("CappedRateOracle", [
            ethers.ZeroAddress,
            18,
            riskAdmin.address,
            ...rest,
          ]),
        ).to.be.revertedWithCustomError(capo, "ZeroAddress");
        await expect(
          ethers.deployContract("CappedRateOracle", [
            await rate.getAddress(),
            37,
            riskAdmin.address,
            ...rest,
          ]),
        )
          .to.be.revertedWithCustomError(capo, "InvalidDecimals")
          .withArgs(37);
        await expect(
          ethers.deployContract("CappedRateOracle", [
            await rate.getAddress(),
            18,
            ethers.ZeroAddress,
            ...rest,
          ]),
        )
          .to.be.revertedWithCustomError(capo, "OwnableInvalidOwner")
          .withArgs(ethers.ZeroAddress);
      });
    });

    describe("price", function () {
      it("is the rate while the rate grows slower than the cap", async function () {
        const { capo, rate } = await networkHelpers.loadFixture(deployOraclesFixture);
        await networkHelpers.time.increase(SECONDS_PER_YEAR);
        await rate.setRate(ether("1.133")); // +3 % in a year, under the 9.68 % cap
        expect(await capo.price()).to.equal(priceFromRate(ether("1.133"), 18));
      });

      it("caps a rate pumped by a donation at snapshot × (1 + 9.68 % × Δt / year)", async function () {
        const { capo, rate, snapshotAt } = await networkHelpers.loadFixture(deployOraclesFixture);
        await networkHelpers.time.increase(30n * DAY);
        await rate.setRate(ether("1.32")); // +20 % at once: a donation or an unbacked mint
        const now = await latestTimestamp(capo);
        const expected = cappedRate(
          ether("1.32"),
          ether("1.1"),
          WSTETH_GROWTH_BPS,
          now - snapshotAt,
        );
        expect(expected).to.be.lessThan(ether("1.11")); // 30 days at 9.68 %/yr: +0.8 %
        expect(await capo.cappedRate()).to.equal(expected);
        expect(await capo.maxRate()).to.equal(expected);
        expect(await capo.price()).to.equal(priceFromRate(expected, 18));
      });

      it("passes a real loss through at once", async function () {
        const { capo, rate } = await networkHelpers.loadFixture(deployOraclesFixture);
        await rate.setRate(ether("1.0")); // a slashing: −9 %
        expect(await capo.price()).to.equal(priceFromRate(ether("1.0"), 18));
      });
    });

    describe("setCapParameters", function () {
      it("moves the snapshot forward for the owner and emits CapParametersUpdated", async function () {
        const { capo, riskAdmin } = await networkHelpers.loadFixture(deployOraclesFixture);
        await networkHelpers.time.increase(14n * DAY);
        const at = await latestTimestamp(capo);
        const perSecond = (ether("1.12") * 875n) / 10_000n / SECONDS_PER_YEAR;
        await expect(capo.connect(riskAdmin).setCapParameters(ether("1.12"), at, 875n))
          .to.emit(capo, "CapParametersUpdated")
          .withArgs(ether("1.12"), at, perSecond, 875n);
        expect(await capo.snapshotRate()).to.equal(ether("1.12"));
      });

      it("reverts OwnableUnauthorizedAccount for a stranger", async function () {
        const { capo, stranger, snapshotAt } =
          await networkHelpers.loadFixture(deployOraclesFixture);
        await expect(capo.connect(stranger).setCapParameters(ether(1), snapshotAt + 1n, 968n))
          .to.be.revertedWithCustomError(capo, "OwnableUnauthorizedAccount")
          .withArgs(stranger.address);
      });

      it("reverts SnapshotRateIsZero", async function () {
        const { capo, riskAdmin, snapshotAt } =
          await networkHelpers.loadFixture(deployOraclesFixture);
        await expect(
          capo.connect(riskAdmin).setCapParameters(0n, snapshotAt + 1n, 968n),
        ).to.be.revertedWithCustomError(capo, "SnapshotRateIsZero");
      });

      it("reverts InvalidSnapshotTimestamp for a timestamp not after the stored one, or in the future", async function () {
        const { capo, riskAdmin, snapshotAt } =
          await networkHelpers.loadFixture(deployOraclesFixture);
        // Pinned relative to the latest block: the fixture's deployments may take seconds of wall clock.
        const now = (await latestTimestamp(capo)) + 1n;
        await networkHelpers.time.setNextBlockTimestamp(now);
        await expect(capo.connect(riskAdmin).setCapParameters(ether(1), snapshotAt, 968n))
          .to.be.revertedWithCustomError(capo, "InvalidSnapshotTimestamp")
          .withArgs(snapshotAt, snapshotAt, now);
        // The reverted call mined no block: the next one is still at `now`.
        await networkHelpers.time.setNextBlockTimestamp(now);
        await expect(capo.connect(riskAdmin).setCapParameters(ether(1), now + 1n, 968n))
          .to.be.revertedWithCustomError(capo, "InvalidSnapshotTimestamp")
          .withArgs(now + 1n, snapshotAt, now);
      });

      it("reverts SnapshotMayOverflowSoon when the cap could pass 2^104 within three years", async function () {
        const { capo, riskAdmin, snapshotAt } =
          await networkHelpers.loadFixture(deployOraclesFixture);
        const huge = 2n ** 104n - 1n;
        await expect(capo.connect(riskAdmin).setCapParameters(huge, snapshotAt + 1n, 10_000n))
          .to.be.revertedWithCustomError(capo, "SnapshotMayOverflowSoon")
          .withArgs(huge, 10_000n);
      });
    });
  });

  describe("SpotPriceOracle and EmaPriceOracle", function () {
    it("price the pool's spot and EMA in NAV units times the pool's rate, for 18 and 21 decimals", async function () {
      const f = await networkHelpers.loadFixture(deployOraclesFixture);
      await f.lstPool.setSpotPrice(ether("0.937"));
      await f.lstPool.setPriceOracle(ether("0.95"));
      await f.lrtPool.setSpotPrice(ether("0.25"));
      await f.lrtPool.setPriceOracle(ether("0.8"));
      expect(await f.spotLst.price()).to.equal(priceFromPool(ether("0.937"), ether("1.1"), 18));
      expect(await f.emaLst.price()).to.equal(priceFromPool(ether("0.95"), ether("1.1"), 18));
      expect(await f.spotLrt.price()).to.equal(priceFromPool(ether("0.25"), ether("1.05"), 21));
      expect(await f.emaLrt.price()).to.equal(priceFromPool(ether("0.8"), ether("1.05"), 21));
      // 0.937 × 1.1 = 1.0307 ETH per LST.
      expect(await f.spotLst.price()).to.equal(ether("1.0307") * 10n ** 18n);
    });

    it("read the pool's stored rate, not the provider's latest", async function () {
      const { spotLst, emaLst, rate } = await networkHelpers.loadFixture(deployOraclesFixture);
      await rate.setRate(ether(5));
      expect(await spotLst.price()).to.equal(priceFromRate(ether("1.1"), 18));
      expect(await emaLst.price()).to.equal(priceFromRate(ether("1.1"), 18));
    });

    it("store the pool and the collateral's scale", async function () {
      const { spotLrt, emaLrt, lrtPool } = await networkHelpers.loadFixture(deployOraclesFixture);
      expect(await spotLrt.pool()).to.equal(await lrtPool.getAddress());
      expect(await emaLrt.pool()).to.equal(await lrtPool.getAddress());
      expect(await spotLrt.scaleFactor()).to.equal(10n ** 15n);
      expect(await emaLrt.scaleFactor()).to.equal(10n ** 15n);
    });

    it("revert ZeroAddress and InvalidDecimals", async function () {
      const { spotLst, emaLst, rate } = await networkHelpers.loadFixture(deployOraclesFixture);
      const odd = await ethers.deployContract("DecimalsTestToken", ["Odd", "ODD", 37]);
      const oddPool = await ethers.deployContract("MockPoolPrices", [
        await odd.getAddress(),
        await rate.getAddress(),
      ]);
      for (const [name, oracle] of [
        ["SpotPriceOracle", spotLst],
        ["EmaPriceOracle", emaLst],
      ] as const) {
        await expect(
          ethers.deployContract(name, [ethers.ZeroAddress]),
        ).to.be.revertedWithCustomError(oracle, "ZeroAddress");
        await expect(ethers.deployContract(name, [await oddPool.getAddress()]))
          .to.be.revertedWithCustomError(oracle, "InvalidDecimals")
          .withArgs(37);
      }
    });
  });

  describe("one transaction's pool move", function () {
    it("moves the spot-priced oracle and leaves the EMA-priced one where it was", async function () {
      const { spotLst, emaLst, lstPool } = await networkHelpers.loadFixture(deployOraclesFixture);
      const emaBefore = await emaLst.price();
      await lstPool.setSpotPrice(ether("0.6")); // a flash-sized sale into the pool
      expect(await spotLst.price()).to.equal(priceFromPool(ether("0.6"), ether("1.1"), 18));
      expect(await emaLst.price()).to.equal(emaBefore);
      expect(emaBefore).to.equal(priceFromRate(ether("1.1"), 18));
    });
  });
});
