/**
 * LendingMarket: interest. The one-kink curve (1 % a year at 0 utilisation, 4 % at the 90 % kink,
 * 16 % at 100 %), Morpho's three-term Taylor compounding, and accrual into both totals at once.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { lendingFixtures } from "../helpers/fixtures/lending.js";
import { assertLendingInvariants } from "../helpers/lending-invariants.js";
import {
  MAX_RATE,
  MIN_RATE,
  MarketModel,
  ORACLE_PRICE_SCALE,
  RATE_AT_TARGET,
  SECONDS_PER_YEAR,
  borrowRate,
  wMulDown,
  wTaylorCompounded,
} from "../helpers/morpho-reference.js";
import { DAY, ether } from "../helpers/units.js";
import { expectMarketMatchesModel, latestTimestamp, timestampOf } from "./lending-helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { deployLendingMarketFixture, suppliedMarketFixture, borrowedMarketFixture } =
  lendingFixtures(connection);

const PRICE_ONE = ORACLE_PRICE_SCALE;

describe("LendingMarket: interest", function () {
  describe("the curve", function () {
    it("is 1 %, 4 % and 16 % a year at 0, the 90 % kink and 100 % utilisation", function () {
      expect(MIN_RATE * SECONDS_PER_YEAR).to.be.within(ether("0.00999"), ether("0.01"));
      expect(RATE_AT_TARGET * SECONDS_PER_YEAR).to.be.within(ether("0.03999"), ether("0.04"));
      expect(MAX_RATE * SECONDS_PER_YEAR).to.be.within(ether("0.15999"), ether("0.16"));
      expect(borrowRate(ether(100), 0n)).to.equal(MIN_RATE);
      expect(borrowRate(ether(100), ether(90))).to.equal(RATE_AT_TARGET);
      expect(borrowRate(ether(100), ether(100))).to.equal(MAX_RATE);
      expect(borrowRate(0n, 0n)).to.equal(MIN_RATE);
    });

    for (const borrowedEth of [1, 30, 45, 89, 90, 91, 95, 99, 100]) {
      it(`agrees with the reference at ${borrowedEth} % utilisation`, async function () {
        const { market, bob } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await market.connect(bob).supplyCollateral(ether(1000), bob.address);
        await market.connect(bob).borrow(ether(borrowedEth), bob.address);
        expect(await market.borrowRate()).to.equal(borrowRate(ether(100), ether(borrowedEth)));
      });
    }

    it("is zero-utilisation's 1 % on a market with nothing supplied", async function () {
      const { market } = await networkHelpers.loadFixture(deployLendingMarketFixture);
      expect(await market.borrowRate()).to.equal(MIN_RATE);
    });
  });

  describe("accrueInterest", function () {
    for (const [label, seconds] of [
      ["one second", 1n],
      ["one day", DAY],
      ["one year", 365n * DAY],
      ["ten years", 3650n * DAY],
    ] as const) {
      it(`grows both totals by the model's interest over ${label} and emits InterestAccrued`, async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob, lltv } = fixture;
        const at = await market.lastUpdate();
        const model = new MarketModel(lltv, at);
        model.supply(alice.address, ether(100), at);
        model.supplyCollateral(bob.address, ether(10));
        model.borrow(bob.address, ether(8), PRICE_ONE, at);
        await networkHelpers.time.setNextBlockTimestamp(at + seconds);
        const rate = borrowRate(model.totalSupplyAssets, model.totalBorrowAssets);
        const interest = model.accrue(at + seconds);
        expect(interest).to.equal(wMulDown(ether(8), wTaylorCompounded(rate, seconds)));
        await expect(market.accrueInterest())
          .to.emit(market, "InterestAccrued")
          .withArgs(rate, interest);
        expect(await market.lastUpdate()).to.equal(at + seconds);
        await expectMarketMatchesModel(market, model, [alice.address, bob.address], label);
        // Interest grows both totals alike: the ETH not lent out is unchanged.
        expect((await market.totalSupplyAssets()) - (await market.totalBorrowAssets())).to.equal(
          ether(92),
        );
      });
    }

    it("charges a little less than continuous compounding (three Taylor terms)", function () {
      // A year at the 4 % kink rate: e^0.04 − 1 = 0.0408107741923882…; the series stops at x³/6.
      const growth = wTaylorCompounded(RATE_AT_TARGET, SECONDS_PER_YEAR);
      expect(growth).to.be.within(ether("0.040810"), ether("0.0408107741923882"));
    });

    it("accrues nothing without debt, but moves lastUpdate", async function () {
      const { market } = await networkHelpers.loadFixture(suppliedMarketFixture);
      await networkHelpers.time.increase(DAY);
      const tx = await market.accrueInterest();
      await expect(tx).to.not.emit(market, "InterestAccrued");
      expect(await market.lastUpdate()).to.equal(await timestampOf(tx));
      expect(await market.totalSupplyAssets()).to.equal(ether(100));
    });

    it("is accrued by the views without a transaction", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, bob } = fixture;
      const before = await market.borrowAssetsOf(bob.address);
      await networkHelpers.time.increase(30n * DAY);
      expect(await market.borrowAssetsOf(bob.address)).to.be.greaterThan(before);
      expect(await market.lastUpdate()).to.be.lessThan(await latestTimestamp(market));
    });

    it("pays suppliers in proportion to their shares", async function () {
      const { market, alice, bob, carol } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await market.connect(carol).supply(carol.address, { value: ether(100) });
      await networkHelpers.time.increase(365n * DAY);
      const aliceGain = (await market.supplyAssetsOf(alice.address)) - ether(100);
      const carolGain = (await market.supplyAssetsOf(carol.address)) - ether(100);
      // Carol came a few seconds later: she earned at most what alice did, and almost as much.
      expect(carolGain).to.be.at.most(aliceGain);
      expect(carolGain * 1000n).to.be.at.least(aliceGain * 999n);
      await assertLendingInvariants(
        market,
        [alice.address, bob.address, carol.address],
        carol,
        "a year on",
      );
    });
  });

  describe("a rate that follows utilisation", function () {
    it("rises when a supplier leaves and falls when a borrower repays, as the model", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, alice, bob, lltv } = fixture;
      const at = await market.lastUpdate();
      const model = new MarketModel(lltv, at);
      model.supply(alice.address, ether(100), at);
      model.supplyCollateral(bob.address, ether(10));
      model.borrow(bob.address, ether(8), PRICE_ONE, at);
      const rate8 = await market.borrowRate();
      const w = await market.connect(alice).withdraw(ether(91), alice.address); // 8 of 9 lent: 89 %
      model.withdraw(alice.address, ether(91), await timestampOf(w));
      const rateHigh = await market.borrowRate();
      expect(rateHigh).to.be.greaterThan(rate8);
      expect(rateHigh).to.equal(borrowRate(model.totalSupplyAssets, model.totalBorrowAssets));
      await networkHelpers.time.increase(DAY);
      const r = await market.connect(bob).repay(bob.address, { value: ether(4) });
      model.repay(bob.address, ether(4), await timestampOf(r));
      expect(await market.borrowRate()).to.be.lessThan(rateHigh);
      await expectMarketMatchesModel(market, model, [alice.address, bob.address], "after repay");
    });
  });
});
