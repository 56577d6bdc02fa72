/**
 * LendingMarket: attacks (DESIGN §11) shown failing, and where the oracle lets one through, shown
 * succeeding, so the choice of price source is visible:
 * - liquidating a healthy position;
 * - first-supplier share inflation with a donation, and rounding games;
 * - re-entering the market from an ETH receiver;
 * - pumping the NAV (a donation to the rate) against a CAPO-priced and an uncapped market;
 * - moving the pool in one transaction against spot-priced and EMA-priced markets.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { LLTV_86, lendingFixtures } from "../helpers/fixtures/lending.js";
import { assertLendingInvariants } from "../helpers/lending-invariants.js";
import {
  VIRTUAL_SHARES,
  cappedRate,
  priceFromPool,
  priceFromRate,
} from "../helpers/morpho-reference.js";
import { DAY, WAD, ether } from "../helpers/units.js";
import { latestTimestamp } from "./lending-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployLendingMarketFixture, borrowedMarketFixture } = lendingFixtures(connection);

/** Aave's CAPO cap for wstETH (9.68 % a year). */
const GROWTH_BPS = 968n;

/**
 * Four markets on one collateral (18 decimals, NAV 1.1 ETH), one per oracle: exchange rate, CAPO,
 * spot and EMA (the pool a settable mock). 100 ETH supplied to each; bob posts 10 tokens in each.
 */
async function fourOraclesFixture() {
  const [, alice, bob, , liquidator, attacker] = await ethers.getSigners();
  const token = await ethers.deployContract("DecimalsTestToken", ["Staking Lab LST", "slETH", 18]);
  const rate = await ethers.deployContract("LendingMockRate", [ether("1.1")]);
  const pool = await ethers.deployContract("MockPoolPrices", [
    await token.getAddress(),
    await rate.getAddress(),
  ]);
  await pool.setStoredRate(ether("1.1"));
  const snapshotAt = await latestTimestamp(pool);
  const oracles = {
    nav: await ethers.deployContract("ExchangeRateOracle", [await rate.getAddress(), 18]),
    capo: await ethers.deployContract("CappedRateOracle", [
      await rate.getAddress(),
      18,
      alice.address,
      ether("1.1"),
      snapshotAt,
      GROWTH_BPS,
    ]),
    spot: await ethers.deployContract("SpotPriceOracle", [await pool.getAddress()]),
    ema: await ethers.deployContract("EmaPriceOracle", [await pool.getAddress()]),
  };
  const markets = {} as Record<keyof typeof oracles, Awaited<ReturnType<typeof deploy>>>;
  async function deploy(oracle: string) {
    return ethers.deployContract("LendingMarket", [await token.getAddress(), oracle, LLTV_86]);
  }
  for (const name of Object.keys(oracles) as (keyof typeof oracles)[]) {
    const market = await deploy(await oracles[name].getAddress());
    await market.connect(alice).supply(alice.address, { value: ether(100) });
    for (const who of [bob, attacker]) {
      await token.mint(who.address, ether(1000));
      await token.connect(who).approve(await market.getAddress(), ethers.MaxUint256);
    }
    await market.connect(bob).supplyCollateral(ether(10), bob.address);
    markets[name] = market;
  }
  return { token, rate, pool, oracles, markets, snapshotAt, alice, bob, liquidator, attacker };
}

describe("LendingMarket: attacks", function () {
  describe("liquidating a healthy position", function () {
    it("fails whatever amount is offered, and the position is untouched", async function () {
      const { market, alice, bob, liquidator } =
        await networkHelpers.loadFixture(borrowedMarketFixture);
      const before = await market.position(bob.address);
      for (const [seized, repaid] of [
        [1n, 0n],
        [ether(10), 0n],
        [0n, 1n],
        [0n, before.borrowShares],
      ]) {
        await expect(
          market.connect(liquidator).liquidate(bob.address, seized, repaid, { value: ether(20) }),
        ).to.be.revertedWithCustomError(market, "HealthyPosition");
      }
      expect(await market.position(bob.address)).to.deep.equal(before);
      await assertLendingInvariants(
        market,
        [alice.address, bob.address],
        liquidator,
        "after the attempts",
      );
    });
  });

  describe("first-supplier inflation", function () {
    it("fails: ETH forced into the market does not move the share price", async function () {
      const {
        market,
        marketAddress,
        alice,
        stranger: attacker,
      } = await networkHelpers.loadFixture(deployLendingMarketFixture);
      // 1. The attacker supplies 1 wei (1e6 shares) ...
      await market.connect(attacker).supply(attacker.address, { value: 1n });
      // 2. ... and forces 100 ETH into the contract (selfdestruct or a block reward; no receive needed).
      const balance = await ethers.provider.getBalance(marketAddress);
      await networkHelpers.setBalance(marketAddress, balance + ether(100));
      expect(
        await market.totalSupplyAssets(),
        "the totals, not the balance, are the accounting",
      ).to.equal(1n);
      // 3. The victim supplies 10 ETH and gets the full 1e6 shares per wei.
      await market.connect(alice).supply(alice.address, { value: ether(10) });
      expect(await market.supplyShares(alice.address)).to.equal(ether(10) * VIRTUAL_SHARES);
      // 4. Both leave: the victim loses nothing, the attacker's donation stays stranded.
      await expect(
        market.connect(alice).withdraw(ethers.MaxUint256, alice.address),
      ).to.changeEtherBalance(ethers, alice, ether(10));
      await expect(
        market.connect(attacker).withdraw(ethers.MaxUint256, attacker.address),
      ).to.changeEtherBalance(ethers, attacker, 1n);
    });

    it("fails: the virtual shares make a 1-wei first supply worth nothing to inflate", async function () {
      const {
        market,
        alice,
        stranger: attacker,
      } = await networkHelpers.loadFixture(deployLendingMarketFixture);
      await market.connect(attacker).supply(attacker.address, { value: 1n });
      // Even if the attacker could double the assets per share, a victim's 1 ETH rounds off < 1 wei.
      await market.connect(alice).supply(alice.address, { value: ether(1) });
      expect(await market.supplyAssetsOf(alice.address)).to.be.within(ether(1) - 1n, ether(1));
    });

    it("fails: withdrawing 1 wei at a time burns at least the shares it is worth", async function () {
      const {
        market,
        alice,
        stranger: attacker,
      } = await networkHelpers.loadFixture(deployLendingMarketFixture);
      await market.connect(alice).supply(alice.address, { value: ether(10) });
      await market.connect(attacker).supply(attacker.address, { value: 1000n });
      const sharesBefore = await market.supplyShares(attacker.address);
      for (let i = 0; i < 10; i++) await market.connect(attacker).withdraw(1n, attacker.address);
      const burnt = sharesBefore - (await market.supplyShares(attacker.address));
      expect(burnt, "10 wei cost at least 10 wei of shares").to.be.at.least(10n * VIRTUAL_SHARES);
      expect(await market.supplyAssetsOf(alice.address)).to.be.at.least(ether(10) - 1n);
    });
  });

  describe("re-entering the market from an ETH receiver", function () {
    it("fails: the borrow reverts as a whole with EthTransferFailed", async function () {
      const { market, marketAddress, collateral } =
        await networkHelpers.loadFixture(borrowedMarketFixture);
      const caller = await ethers.deployContract("LendingMarketCaller", [marketAddress]);
      await collateral.mint(await caller.getAddress(), ether(10));
      await caller.supplyCollateral(await collateral.getAddress(), ether(10));
      await caller.setMode(2); // Reenter: receive() calls market.borrow again
      await expect(caller.borrow(ether(1)))
        .to.be.revertedWithCustomError(market, "EthTransferFailed")
        .withArgs(await caller.getAddress(), ether(1));
      expect(await market.borrowShares(await caller.getAddress())).to.equal(0n);
    });
  });

  describe("pumping the NAV (a donation or an unbacked mint raises the rate 20 %)", function () {
    it("lets the attacker over-borrow from the uncapped market but not from the CAPO market", async function () {
      const { rate, markets, oracles, attacker, snapshotAt } =
        await networkHelpers.loadFixture(fourOraclesFixture);
      await networkHelpers.time.increase(7n * DAY);
      await rate.setRate(ether("1.32"));
      // 10 tokens at the pumped 1.32 ETH: capacity 11.352 ETH, against 9.46 ETH at the honest 1.1.
      const pumpedBorrow = ether("11.3");
      for (const market of [markets.nav, markets.capo]) {
        await market.connect(attacker).supplyCollateral(ether(10), attacker.address);
      }
      await markets.nav.connect(attacker).borrow(pumpedBorrow, attacker.address);
      const now = await latestTimestamp(rate);
      // CAPO: at most 1.1 × (1 + 9.68 % × 7 days / year) ≈ 1.10204 ETH per token, capacity ≈ 9.4776 ETH.
      const capped = cappedRate(ether("1.32"), ether("1.1"), GROWTH_BPS, now + 1n - snapshotAt);
      expect(capped).to.be.lessThan(ether("1.103"));
      const capacity = (((ether(10) * priceFromRate(capped, 18)) / 10n ** 36n) * LLTV_86) / WAD;
      await networkHelpers.time.setNextBlockTimestamp(now + 1n);
      await expect(markets.capo.connect(attacker).borrow(pumpedBorrow, attacker.address))
        .to.be.revertedWithCustomError(markets.capo, "UnhealthyPosition")
        .withArgs(pumpedBorrow, capacity);
      expect(await oracles.capo.cappedRate()).to.be.lessThan(ether("1.32"));
    });

    it("still passes a real loss: a slashing makes the CAPO-priced loan liquidatable", async function () {
      const { rate, markets, bob, liquidator } =
        await networkHelpers.loadFixture(fourOraclesFixture);
      await markets.capo.connect(bob).borrow(ether(9), bob.address); // capacity 9.46 at 1.1
      await rate.setRate(ether("1.0")); // −9 %: capacity 8.6 < 9
      expect(await markets.capo.isHealthy(bob.address)).to.equal(false);
      await expect(
        markets.capo.connect(liquidator).liquidate(bob.address, ether(1), 0n, { value: ether(2) }),
      ).to.emit(markets.capo, "Liquidate");
    });
  });

  describe("moving the pool in one transaction (a flash sale of the token)", function () {
    it("liquidates the spot-priced loan and cannot touch the EMA- or NAV-priced ones", async function () {
      const { pool, markets, alice, bob, liquidator } =
        await networkHelpers.loadFixture(fourOraclesFixture);
      for (const market of [markets.spot, markets.ema, markets.nav]) {
        await market.connect(bob).borrow(ether(9), bob.address); // capacity 9.46 ETH at 1.1
      }
      // The attacker dumps the token into the pool: the spot price falls to 0.9 of NAV (0.99 ETH).
      await pool.setSpotPrice(ether("0.9"));
      expect(await markets.spot.isHealthy(bob.address)).to.equal(false);
      await expect(
        markets.spot.connect(liquidator).liquidate(bob.address, ether(5), 0n, { value: ether(6) }),
      ).to.emit(markets.spot, "Liquidate");
      for (const market of [markets.ema, markets.nav]) {
        await expect(
          market.connect(liquidator).liquidate(bob.address, ether(5), 0n, { value: ether(6) }),
        ).to.be.revertedWithCustomError(market, "HealthyPosition");
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "after the dump",
        );
      }
      // Then buys back: the spot price is whole again, the liquidation stays done.
      await pool.setSpotPrice(WAD);
      expect(await markets.spot.collateral(bob.address)).to.equal(ether(5));
    });

    it("lets the attacker over-borrow against a pumped spot price, not against the EMA", async function () {
      const { pool, markets, attacker } = await networkHelpers.loadFixture(fourOraclesFixture);
      for (const market of [markets.spot, markets.ema]) {
        await market.connect(attacker).supplyCollateral(ether(10), attacker.address);
      }
      await pool.setSpotPrice(ether("1.5")); // buys the token up: 1.65 ETH per token on the spot oracle
      expect(await markets.spot.maxBorrow(attacker.address)).to.equal(
        (((ether(10) * priceFromPool(ether("1.5"), ether("1.1"), 18)) / 10n ** 36n) * LLTV_86) /
          WAD,
      );
      await markets.spot.connect(attacker).borrow(ether(14), attacker.address); // worth 11 ETH at NAV
      await expect(markets.ema.connect(attacker).borrow(ether(14), attacker.address))
        .to.be.revertedWithCustomError(markets.ema, "UnhealthyPosition")
        .withArgs(ether(14), ether("9.46"));
    });
  });
});
