/**
 * LendingMarket: liquidation and bad debt, as Morpho Blue's `liquidate`: anyone may liquidate an
 * unhealthy position, with no close factor, giving either the collateral to seize or the debt
 * shares to repay; the other side follows from the incentive LIF = min(1.15, 1/(0.3·lltv + 0.7)).
 * When the collateral runs out, the rest of the debt is written off against the suppliers at once.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { LLTV_86, LLTV_945, lendingFixtures } from "../helpers/fixtures/lending.js";
import { assertLendingInvariants, liquidateAndCheck } from "../helpers/lending-invariants.js";
import {
  MarketModel,
  liquidationIncentiveFactor,
  priceFromRate,
  toAssetsDown,
} from "../helpers/morpho-reference.js";
import { DAY, WAD, ether, tokenUnits } from "../helpers/units.js";
import { expectMarketMatchesModel, latestTimestamp, timestampOf } from "./lending-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployMarket, deployLrtLendingMarketFixture, borrowedMarketFixture } =
  lendingFixtures(connection);

type Fixture = Awaited<ReturnType<typeof borrowedMarketFixture>>;

/** The model after `borrowedMarketFixture`: alice 100 ETH, bob 10 LST and 8 ETH of debt at price 1. */
async function borrowedModel({ market, alice, bob, lltv }: Fixture): Promise<MarketModel> {
  const at = await market.lastUpdate();
  const model = new MarketModel(lltv, at);
  model.supply(alice.address, ether(100), at);
  model.supplyCollateral(bob.address, ether(10));
  model.borrow(bob.address, ether(8), priceFromRate(WAD, 18), at);
  return model;
}

/** Pins the next block one second after the latest; returns its timestamp. */
async function nextSecond(fixture: Pick<Fixture, "market">): Promise<bigint> {
  const t = (await latestTimestamp(fixture.market)) + 1n;
  await networkHelpers.time.setNextBlockTimestamp(t);
  return t;
}

/** The LST falls to `rate` ETH (18 decimals). */
async function priceFallsTo(fixture: Fixture, rate: bigint): Promise<bigint> {
  const price = priceFromRate(rate, 18);
  await fixture.oracle.setPrice(price);
  return price;
}

describe("LendingMarket: liquidation", function () {
  describe("liquidate", function () {
    describe("when the position is healthy", function () {
      it("reverts HealthyPosition with its debt and capacity", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        model.accrue(await nextSecond(fixture));
        const { borrowed, capacity } = model.debtAndCapacity(bob.address, priceFromRate(WAD, 18));
        await expect(market.connect(liquidator).liquidate(bob.address, 0n, 1n, { value: ether(1) }))
          .to.be.revertedWithCustomError(market, "HealthyPosition")
          .withArgs(borrowed, capacity);
      });

      it("is healthy at exactly the limit and liquidatable one step of price below", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, oracle, bob, liquidator, lltv } = fixture;
        const model = await borrowedModel(fixture);
        // The price is set in one block and the liquidation tried in the next: pin both.
        const latest = await latestTimestamp(market);
        model.accrue(latest + 2n);
        const { borrowed } = model.debtAndCapacity(bob.address, 0n);
        // capacity = ⌊⌊10 LST × price / 1e36⌋ × lltv⌋: the least collateral value V with capacity ≥ debt.
        const value = (borrowed * WAD + lltv - 1n) / lltv;
        const limitPrice = value * 10n ** 17n; // 10 LST worth exactly `value` wei
        await networkHelpers.time.setNextBlockTimestamp(latest + 1n);
        await oracle.setPrice(limitPrice);
        await networkHelpers.time.setNextBlockTimestamp(latest + 2n);
        const capacity = (value * lltv) / WAD;
        expect(capacity).to.equal(model.debtAndCapacity(bob.address, limitPrice).capacity);
        await expect(market.connect(liquidator).liquidate(bob.address, 0n, 1n, { value: 1n }))
          .to.be.revertedWithCustomError(market, "HealthyPosition")
          .withArgs(borrowed, capacity);
        await oracle.setPrice(limitPrice - 10n ** 17n); // the debt only grows after this
        await expect(
          market.connect(liquidator).liquidate(bob.address, 0n, 1n, { value: 1n }),
        ).to.emit(market, "Liquidate");
      });

      it("reverts HealthyPosition for a position without debt", async function () {
        const { market, carol, liquidator } =
          await networkHelpers.loadFixture(borrowedMarketFixture);
        await market.connect(carol).supplyCollateral(ether(1), carol.address);
        await expect(market.connect(liquidator).liquidate(carol.address, 1n, 0n))
          .to.be.revertedWithCustomError(market, "HealthyPosition")
          .withArgs(0n, ether("0.86"));
      });
    });

    describe("when the input is inconsistent", function () {
      it("reverts InconsistentInput when both or neither amount is given", async function () {
        const { market, bob, liquidator } = await networkHelpers.loadFixture(borrowedMarketFixture);
        await expect(market.connect(liquidator).liquidate(bob.address, 0n, 0n))
          .to.be.revertedWithCustomError(market, "InconsistentInput")
          .withArgs(0n, 0n);
        await expect(market.connect(liquidator).liquidate(bob.address, 1n, 1n))
          .to.be.revertedWithCustomError(market, "InconsistentInput")
          .withArgs(1n, 1n);
      });
    });

    describe("when the price falls to 0.9 ETH (capacity 7.74 ETH < debt 8 ETH)", function () {
      it("repays the given shares, seizes repaid × LIF / price and refunds the excess", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, marketAddress, collateral, alice, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        const half = (await market.borrowShares(bob.address)) / 2n;
        const t = await nextSecond(fixture);
        const expected = model.liquidate(bob.address, 0n, half, price, t);
        // LIF 1.0438 on about 4 ETH at 0.9 ETH per LST: about 4.64 LST.
        expect(expected.seizedAssets).to.be.within(ether("4.63"), ether("4.65"));
        const tx = market.connect(liquidator).liquidate(bob.address, 0n, half, { value: ether(5) });
        await expect(tx)
          .to.emit(market, "Liquidate")
          .withArgs(
            liquidator.address,
            bob.address,
            expected.repaidAssets,
            half,
            expected.seizedAssets,
            0n,
            0n,
          );
        await expect(tx).to.changeEtherBalances(
          ethers,
          [liquidator, marketAddress],
          [-expected.repaidAssets, expected.repaidAssets],
        );
        await expect(tx).to.changeTokenBalances(
          ethers,
          collateral,
          [liquidator, marketAddress],
          [expected.seizedAssets, -expected.seizedAssets],
        );
        expect(await market.healthFactor(bob.address)).to.equal(
          model.healthFactor(bob.address, price),
        );
        expect(await market.isHealthy(bob.address)).to.equal(true); // half repaid at LIF 1.04 heals it
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "half liquidated",
        );
      });

      it("seizes the given collateral and repays shares rounded up", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        const seized = ether(2);
        const expected = model.liquidate(bob.address, seized, 0n, price, await nextSecond(fixture));
        const checked = await liquidateAndCheck(
          market,
          liquidator,
          bob.address,
          seized,
          0n,
          ether(3),
        );
        expect(checked.seizedAssets).to.equal(seized);
        expect(checked.repaidShares).to.equal(expected.repaidShares);
        expect(checked.repaidAssets).to.equal(expected.repaidAssets);
        // The liquidator pays at least the collateral's value net of the incentive.
        expect(checked.repaidAssets * liquidationIncentiveFactor(LLTV_86)).to.be.at.least(
          (seized * price) / 10n ** 18n,
        );
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "seized 2 LST",
        );
      });

      it("liquidates the whole debt (no close factor) and leaves the rest of the collateral", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        const all = await market.borrowShares(bob.address);
        const expected = model.liquidate(bob.address, 0n, all, price, await nextSecond(fixture));
        const checked = await liquidateAndCheck(market, liquidator, bob.address, 0n, all, ether(9));
        expect(checked.repaidAssets).to.equal(expected.repaidAssets);
        expect(checked.badDebtShares).to.equal(0n);
        expect(await market.borrowShares(bob.address)).to.equal(0n);
        expect(await market.collateral(bob.address)).to.equal(
          model.position(bob.address).collateral,
        );
        expect(await market.healthFactor(bob.address)).to.equal(ethers.MaxUint256);
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "fully liquidated",
        );
      });

      it("leaves the health factor at least as high, at the liquidation's own timestamp, when it seizes 1 wei", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        const lif = liquidationIncentiveFactor(LLTV_86);
        // Collateral 10 LST × 0.9 = 9 ETH ≥ debt ≈ 8 ETH × LIF 1.0438 ≈ 8.35 ETH: the position can be
        // rescued, so no liquidation may lower its health (up to rounding). Measured a second before the
        // liquidation, its health would already have fallen by that second's interest alone.
        expect(ether(9) * WAD >= (ether(8) + ether("0.001")) * lif, "not beyond rescue").to.equal(
          true,
        );
        const t = await nextSecond(fixture);
        const expected = model.liquidate(bob.address, 1n, 0n, price, t);
        const checked = await liquidateAndCheck(market, liquidator, bob.address, 1n, 0n, ether(1));
        expect(checked.seizedAssets).to.equal(1n);
        expect(checked.repaidAssets, "1 wei of LST at 0.9, quoted up").to.equal(
          expected.repaidAssets,
        );
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "1-wei seizure",
        );
      });

      it("reverts InsufficientPayment below the repaid assets", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        const expected = model.liquidate(
          bob.address,
          ether(1),
          0n,
          price,
          await nextSecond(fixture),
        );
        await expect(
          market
            .connect(liquidator)
            .liquidate(bob.address, ether(1), 0n, { value: expected.repaidAssets - 1n }),
        )
          .to.be.revertedWithCustomError(market, "InsufficientPayment")
          .withArgs(expected.repaidAssets - 1n, expected.repaidAssets);
      });

      it("reverts RepayExceedsDebt when the seized collateral is worth more than the debt", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        model.accrue(await nextSecond(fixture));
        // 10 LST at 0.9 / 1.0438 ≈ 8.62 ETH of debt: more than bob owes.
        const { toSharesUp, wDivUp, mulDivUp } = await import("../helpers/morpho-reference.js");
        const repaidShares = toSharesUp(
          wDivUp(mulDivUp(ether(10), price, 10n ** 36n), model.lif),
          model.totalBorrowAssets,
          model.totalBorrowShares,
        );
        await expect(
          market.connect(liquidator).liquidate(bob.address, ether(10), 0n, { value: ether(10) }),
        )
          .to.be.revertedWithCustomError(market, "RepayExceedsDebt")
          .withArgs(repaidShares, model.position(bob.address).borrowShares);
      });

      it("reverts EthTransferFailed when the liquidator cannot take its refund", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, marketAddress, bob } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.9"));
        const caller = await ethers.deployContract("LendingMarketCaller", [marketAddress]);
        await caller.setMode(1); // Reject
        const expected = model.liquidate(
          bob.address,
          ether(1),
          0n,
          price,
          await nextSecond(fixture),
        );
        await expect(caller.liquidate(bob.address, ether(1), 0n, { value: ether(2) }))
          .to.be.revertedWithCustomError(market, "EthTransferFailed")
          .withArgs(await caller.getAddress(), ether(2) - expected.repaidAssets);
      });
    });

    describe("when the price falls to 0.8 ETH", function () {
      it("reverts SeizeExceedsCollateral when repaying all would seize more than is posted", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.8"));
        const all = await market.borrowShares(bob.address);
        model.accrue(await nextSecond(fixture));
        const { mulDivDown, wMulDown } = await import("../helpers/morpho-reference.js");
        const seized = mulDivDown(
          wMulDown(toAssetsDown(all, model.totalBorrowAssets, model.totalBorrowShares), model.lif),
          10n ** 36n,
          price,
        );
        await expect(
          market.connect(liquidator).liquidate(bob.address, 0n, all, { value: ether(9) }),
        )
          .to.be.revertedWithCustomError(market, "SeizeExceedsCollateral")
          .withArgs(seized, ether(10));
      });
    });
  });

  describe("when the oracle says 0 (the collateral is worthless)", function () {
    it("seizes all the collateral for nothing and writes the whole debt off (the CAUTION, as Morpho)", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, alice, bob, liquidator } = fixture;
      const model = await borrowedModel(fixture);
      await fixture.oracle.setPrice(0n);
      const t = await nextSecond(fixture);
      const expected = model.liquidate(bob.address, ether(10), 0n, 0n, t);
      // 10 LST × 0 = 0 ETH quoted, so 0 shares and 0 wei repaid; all of the ≈ 8 ETH is bad debt.
      expect(expected.repaidAssets).to.equal(0n);
      expect(expected.badDebtAssets).to.be.within(ether(8), ether("8.001"));
      await expect(market.connect(liquidator).liquidate(bob.address, ether(10), 0n))
        .to.emit(market, "BadDebtWrittenOff")
        .withArgs(bob.address, expected.badDebtAssets, expected.badDebtShares);
      expect(await market.collateral(bob.address)).to.equal(0n);
      expect(await market.borrowShares(bob.address)).to.equal(0n);
      await assertLendingInvariants(market, [alice.address, bob.address], liquidator, "price 0");
    });

    it("reverts ZeroPrice for repaid shares: their seized amount would be unbounded", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, bob, liquidator } = fixture;
      await fixture.oracle.setPrice(0n);
      const half = (await market.borrowShares(bob.address)) / 2n;
      await expect(
        market.connect(liquidator).liquidate(bob.address, 0n, half, { value: ether(5) }),
      ).to.be.revertedWithCustomError(market, "ZeroPrice");
    });
  });

  describe("bad debt", function () {
    describe("when the price falls to 0.7 ETH (collateral 7 ETH < debt 8 ETH)", function () {
      it("writes the rest off against the suppliers at once when all collateral is seized", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob, liquidator } = fixture;
        const model = await borrowedModel(fixture);
        const price = await priceFallsTo(fixture, ether("0.7"));
        const t = await nextSecond(fixture);
        const expected = model.liquidate(bob.address, ether(10), 0n, price, t);
        // 7 ETH / 1.0438 ≈ 6.706 ETH repaid; the other ≈ 1.294 ETH is bad debt.
        expect(expected.repaidAssets).to.be.within(ether("6.70"), ether("6.71"));
        expect(expected.badDebtAssets).to.be.within(ether("1.29"), ether("1.30"));
        const tx = market
          .connect(liquidator)
          .liquidate(bob.address, ether(10), 0n, { value: ether(7) });
        await expect(tx)
          .to.emit(market, "BadDebtWrittenOff")
          .withArgs(bob.address, expected.badDebtAssets, expected.badDebtShares);
        await expect(tx)
          .to.emit(market, "Liquidate")
          .withArgs(
            liquidator.address,
            bob.address,
            expected.repaidAssets,
            expected.repaidShares,
            ether(10),
            expected.badDebtAssets,
            expected.badDebtShares,
          );
        expect(await market.position(bob.address)).to.deep.equal([0n, 0n, 0n]);
        expect(await market.totalBorrowAssets()).to.equal(0n);
        expect(await market.totalBorrowShares()).to.equal(0n);
        // The suppliers' ETH fell by exactly the bad debt (interest of one second included).
        expect(await market.totalSupplyAssets()).to.equal(model.totalSupplyAssets);
        expect(await market.supplyAssetsOf(alice.address)).to.be.lessThan(
          ether(100) - ether("1.29"),
        );
        await assertLendingInvariants(market, [alice.address, bob.address], liquidator, "bad debt");
      });

      it("writes off bad debt on 21-decimal collateral (the LRT) to the wei", async function () {
        const m = await networkHelpers.loadFixture(deployLrtLendingMarketFixture);
        const { market, oracle, alice, bob, liquidator, lltv } = m;
        const model = new MarketModel(lltv, await market.lastUpdate());
        const start = priceFromRate(ether("1.05"), 21);
        let tx = await market.connect(alice).supply(alice.address, { value: ether(100) });
        model.supply(alice.address, ether(100), await timestampOf(tx));
        const posted = tokenUnits(10, 21); // 10 LRT worth 10.5 ETH: capacity 9.03 ETH
        await market.connect(bob).supplyCollateral(posted, bob.address);
        model.supplyCollateral(bob.address, posted);
        tx = await market.connect(bob).borrow(ether(9), bob.address);
        model.borrow(bob.address, ether(9), start, await timestampOf(tx));
        // The LRT's market price falls to 0.25 of NAV (ezETH's low, April 2024): 10 LRT ≈ 2.6 ETH.
        const price = priceFromRate(ether("0.2625"), 21);
        await oracle.setPrice(price);
        const t = (await latestTimestamp(market)) + 1n;
        await networkHelpers.time.setNextBlockTimestamp(t);
        const expected = model.liquidate(bob.address, posted, 0n, price, t);
        const checked = await liquidateAndCheck(
          market,
          liquidator,
          bob.address,
          posted,
          0n,
          ether(3),
        );
        expect(checked.repaidAssets).to.equal(expected.repaidAssets);
        expect(checked.badDebtAssets).to.equal(expected.badDebtAssets);
        expect(checked.badDebtAssets).to.be.within(ether("6.48"), ether("6.49")); // 9 − 2.625 / 1.0438
        await expectMarketMatchesModel(market, model, [alice.address, bob.address], "LRT bad debt");
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "LRT bad debt",
        );
      });

      it("lowers the health of a position beyond rescue when only part is liquidated (as Morpho)", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob, liquidator } = fixture;
        const before = await market.healthFactor(bob.address);
        await priceFallsTo(fixture, ether("0.7"));
        const hfAtPrice = await market.healthFactor(bob.address);
        expect(hfAtPrice).to.be.lessThan(before);
        // Collateral 7 ETH < debt 8 ETH × LIF: each partial liquidation takes more value than it repays.
        await liquidateAndCheck(market, liquidator, bob.address, ether(1), 0n, ether(1));
        expect(await market.healthFactor(bob.address)).to.be.lessThan(hfAtPrice);
        // Taking the rest of the collateral ends it and writes the rest off.
        const rest = await market.collateral(bob.address);
        const checked = await liquidateAndCheck(
          market,
          liquidator,
          bob.address,
          rest,
          0n,
          ether(7),
        );
        expect(checked.badDebtAssets).to.be.greaterThan(0n);
        await assertLendingInvariants(
          market,
          [alice.address, bob.address],
          liquidator,
          "beyond rescue",
        );
      });
    });
  });

  describe("the reference grid", function () {
    const cases: { decimals: number; lltv: bigint; startRate: bigint; fall: bigint }[] = [];
    for (const decimals of [18, 21]) {
      for (const lltv of [LLTV_86, LLTV_945, (77n * WAD) / 100n]) {
        for (const fall of [2n, 10n, 30n]) {
          cases.push({ decimals, lltv, startRate: decimals === 21 ? ether("1.05") : WAD, fall });
        }
      }
    }
    for (const { decimals, lltv, startRate, fall } of cases) {
      it(`agrees to the wei: ${decimals} decimals, LLTV ${Number((lltv * 1000n) / WAD) / 10} %, price −${fall} %`, async function () {
        const m = await deployMarket(decimals, lltv, startRate);
        const { market, oracle, alice, bob, carol, liquidator } = m;
        const users = [alice.address, bob.address, carol.address];
        const model = new MarketModel(lltv, await market.lastUpdate());
        const startPrice = priceFromRate(startRate, decimals);
        const supplyTx = await market.connect(alice).supply(alice.address, { value: ether(100) });
        model.supply(alice.address, ether(100), await timestampOf(supplyTx));
        // bob and carol post 10 whole tokens and borrow 95 % and 99 % of their capacity.
        for (const [who, pct] of [
          [bob, 95n],
          [carol, 99n],
        ] as const) {
          const posted = tokenUnits(10, decimals) + 12345n;
          await market.connect(who).supplyCollateral(posted, who.address);
          model.supplyCollateral(who.address, posted);
          const capacity = model.debtAndCapacity(who.address, startPrice).capacity;
          const amount = (capacity * pct) / 100n;
          const tx = await market.connect(who).borrow(amount, who.address);
          model.borrow(who.address, amount, startPrice, await timestampOf(tx));
        }
        await networkHelpers.time.increase(90n * DAY);
        const price = priceFromRate((startRate * (100n - fall)) / 100n, decimals);
        await oracle.setPrice(price);
        // bob: a third of his shares repaid; carol: a quarter of her collateral seized, then the rest.
        const bobShares = model.position(bob.address).borrowShares / 3n;
        const carolSeize = model.position(carol.address).collateral / 4n;
        const steps: [string, bigint, bigint][] = [
          [bob.address, 0n, bobShares],
          [carol.address, carolSeize, 0n],
        ];
        let liquidations = 0;
        for (const [who, seize, repay] of steps) {
          const t = await nextSecond(m as unknown as Fixture);
          let expected;
          try {
            expected = model.clone().liquidate(who, seize, repay, price, t);
          } catch (error) {
            // Healthy after a small fall, or too deep for the chosen amount: the contract reverts too.
            await expect(
              market.connect(liquidator).liquidate(who, seize, repay, { value: ether(20) }),
            ).to.be.revertedWithCustomError(market, (error as Error).message);
            continue;
          }
          model.liquidate(who, seize, repay, price, t);
          const checked = await liquidateAndCheck(market, liquidator, who, seize, repay, ether(20));
          liquidations++;
          expect(checked.seizedAssets, "seized").to.equal(expected.seizedAssets);
          expect(checked.repaidShares, "repaid shares").to.equal(expected.repaidShares);
          expect(checked.repaidAssets, "repaid assets").to.equal(expected.repaidAssets);
          expect(checked.badDebtAssets, "bad debt").to.equal(expected.badDebtAssets);
        }
        // carol, at 99 % of her capacity plus 90 days of interest, is unhealthy after any of these falls.
        expect(liquidations, "liquidations that went through").to.be.greaterThan(0);
        await expectMarketMatchesModel(market, model, users, "after the liquidations");
        await assertLendingInvariants(market, users, liquidator, "grid");
      });
    }
  });
});
