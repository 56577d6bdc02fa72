/**
 * LendingMarket: borrowers. `supplyCollateral`, `withdrawCollateral`, `borrow` and `repay`, and the
 * health rule: borrowed (rounded up) ≤ collateral × price / 1e36 × lltv (rounded down).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { lendingFixtures } from "../helpers/fixtures/lending.js";
import { assertLendingInvariants } from "../helpers/lending-invariants.js";
import {
  MarketModel,
  ORACLE_PRICE_SCALE,
  VIRTUAL_SHARES,
  mulDivDown,
  toAssetsUp,
  toSharesDown,
  toSharesUp,
  wMulDown,
} from "../helpers/morpho-reference.js";
import { DAY, WAD, ether } from "../helpers/units.js";
import { expectMarketMatchesModel, latestTimestamp, timestampOf } from "./lending-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { suppliedMarketFixture, borrowedMarketFixture } = lendingFixtures(connection);

const PRICE_ONE = ORACLE_PRICE_SCALE; // 1 ETH per whole 18-decimal token

/** Pins the next block one second after the latest and returns its timestamp, for exact revert values. */
async function nextSecond(market: Parameters<typeof latestTimestamp>[0]): Promise<bigint> {
  const t = (await latestTimestamp(market)) + 1n;
  await networkHelpers.time.setNextBlockTimestamp(t);
  return t;
}

/** The model after `borrowedMarketFixture` (alice 100 ETH, bob 10 LST and 8 ETH of debt). */
async function borrowedModel(fixture: Awaited<ReturnType<typeof borrowedMarketFixture>>) {
  const { market, alice, bob, lltv } = fixture;
  const at = await market.lastUpdate();
  const model = new MarketModel(lltv, at);
  model.supply(alice.address, ether(100), at);
  model.supplyCollateral(bob.address, ether(10));
  model.borrow(bob.address, ether(8), PRICE_ONE, at);
  return model;
}

describe("LendingMarket: borrowers", function () {
  describe("supplyCollateral", function () {
    it("pulls the tokens, credits the beneficiary and emits SupplyCollateral", async function () {
      const { market, marketAddress, collateral, bob, carol } =
        await networkHelpers.loadFixture(suppliedMarketFixture);
      const tx = market.connect(bob).supplyCollateral(ether(5), carol.address);
      await expect(tx)
        .to.emit(market, "SupplyCollateral")
        .withArgs(bob.address, carol.address, ether(5));
      await expect(tx).to.changeTokenBalances(
        ethers,
        collateral,
        [bob, marketAddress],
        [-ether(5), ether(5)],
      );
      expect(await market.collateral(carol.address)).to.equal(ether(5));
      expect(await market.collateral(bob.address)).to.equal(0n);
    });

    it("accepts 1 unit and the whole balance", async function () {
      const { market, collateral, bob } = await networkHelpers.loadFixture(suppliedMarketFixture);
      await market.connect(bob).supplyCollateral(1n, bob.address);
      const rest = await collateral.balanceOf(bob.address);
      await market.connect(bob).supplyCollateral(rest, bob.address);
      expect(await market.collateral(bob.address)).to.equal(rest + 1n);
      expect(await collateral.balanceOf(bob.address)).to.equal(0n);
    });

    it("reverts ZeroAmount and ZeroAddress", async function () {
      const { market, bob } = await networkHelpers.loadFixture(suppliedMarketFixture);
      await expect(
        market.connect(bob).supplyCollateral(0n, bob.address),
      ).to.be.revertedWithCustomError(market, "ZeroAmount");
      await expect(
        market.connect(bob).supplyCollateral(1n, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(market, "ZeroAddress");
    });

    it("reverts with the token's error without an allowance", async function () {
      const { market, marketAddress, collateral, alice } =
        await networkHelpers.loadFixture(suppliedMarketFixture);
      await collateral.mint(alice.address, ether(1));
      await expect(market.connect(alice).supplyCollateral(ether(1), alice.address))
        .to.be.revertedWithCustomError(collateral, "ERC20InsufficientAllowance")
        .withArgs(marketAddress, 0n, ether(1));
    });
  });

  describe("borrow", function () {
    describe("when the position stays healthy", function () {
      it("owes 1e6 shares per wei on the first borrow, sends the ETH and emits Borrow", async function () {
        const { market, bob, carol } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await market.connect(bob).supplyCollateral(ether(10), bob.address);
        const tx = market.connect(bob).borrow(ether(8), carol.address);
        await expect(tx)
          .to.emit(market, "Borrow")
          .withArgs(bob.address, carol.address, ether(8), ether(8) * VIRTUAL_SHARES);
        await expect(tx).to.changeEtherBalances(ethers, [market, carol], [-ether(8), ether(8)]);
        expect(await market.borrowShares(bob.address)).to.equal(ether(8) * VIRTUAL_SHARES);
        expect(await market.borrowAssetsOf(bob.address)).to.equal(ether(8));
        expect(await market.totalBorrowAssets()).to.equal(ether(8));
      });

      it("borrows exactly up to collateral × price × lltv", async function () {
        const { market, bob, lltv } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await market.connect(bob).supplyCollateral(ether(10), bob.address);
        const capacity = wMulDown(mulDivDown(ether(10), PRICE_ONE, ORACLE_PRICE_SCALE), lltv); // 8.6 ETH
        expect(capacity).to.equal(ether("8.6"));
        await market.connect(bob).borrow(capacity, bob.address);
        expect(await market.isHealthy(bob.address)).to.equal(true);
        expect(await market.healthFactor(bob.address)).to.equal(WAD);
      });

      it("borrows again on an existing position, as the model (interest accrued)", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, alice, bob } = fixture;
        const model = await borrowedModel(fixture);
        await networkHelpers.time.increase(10n * DAY);
        const tx = await market.connect(bob).borrow(ether("0.5"), bob.address);
        const shares = model.borrow(bob.address, ether("0.5"), PRICE_ONE, await timestampOf(tx));
        await expect(tx)
          .to.emit(market, "Borrow")
          .withArgs(bob.address, bob.address, ether("0.5"), shares);
        await expectMarketMatchesModel(
          market,
          model,
          [alice.address, bob.address],
          "second borrow",
        );
        await assertLendingInvariants(market, [alice.address, bob.address], alice, "second borrow");
      });
    });

    describe("when the request is invalid", function () {
      it("reverts UnhealthyPosition one wei above the capacity", async function () {
        const { market, bob } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await market.connect(bob).supplyCollateral(ether(10), bob.address);
        await expect(market.connect(bob).borrow(ether("8.6") + 1n, bob.address))
          .to.be.revertedWithCustomError(market, "UnhealthyPosition")
          .withArgs(ether("8.6") + 1n, ether("8.6"));
      });

      it("reverts UnhealthyPosition without collateral", async function () {
        const { market, stranger } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(market.connect(stranger).borrow(1n, stranger.address))
          .to.be.revertedWithCustomError(market, "UnhealthyPosition")
          .withArgs(1n, 0n);
      });

      it("reverts UnhealthyPosition on an existing position, with the accrued debt", async function () {
        const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
        const { market, bob } = fixture;
        const model = await borrowedModel(fixture);
        await networkHelpers.time.increase(DAY);
        model.accrue(await nextSecond(market));
        const extra = ether(1);
        const newShares = toSharesUp(extra, model.totalBorrowAssets, model.totalBorrowShares);
        // The debt after the borrow, rounded up; the capacity stays 8.6 ETH.
        const debt = toAssetsUp(
          model.position(bob.address).borrowShares + newShares,
          model.totalBorrowAssets + extra,
          model.totalBorrowShares + newShares,
        );
        await expect(market.connect(bob).borrow(extra, bob.address))
          .to.be.revertedWithCustomError(market, "UnhealthyPosition")
          .withArgs(debt, ether("8.6"));
      });

      it("reverts InsufficientLiquidity beyond the ETH not lent out", async function () {
        const { market, bob } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await market.connect(bob).supplyCollateral(ether(1000), bob.address);
        await expect(market.connect(bob).borrow(ether(100) + 1n, bob.address))
          .to.be.revertedWithCustomError(market, "InsufficientLiquidity")
          .withArgs(ether(100) + 1n, ether(100));
      });

      it("reverts ZeroAmount and ZeroAddress", async function () {
        const { market, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
        await expect(market.connect(bob).borrow(0n, bob.address)).to.be.revertedWithCustomError(
          market,
          "ZeroAmount",
        );
        await expect(
          market.connect(bob).borrow(1n, ethers.ZeroAddress),
        ).to.be.revertedWithCustomError(market, "ZeroAddress");
      });

      it("reverts EthTransferFailed when the receiver rejects ETH", async function () {
        const { market, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
        const rejecting = await ethers.deployContract("RejectingWithdrawalAddress");
        const receiver = await rejecting.getAddress();
        await expect(market.connect(bob).borrow(1n, receiver))
          .to.be.revertedWithCustomError(market, "EthTransferFailed")
          .withArgs(receiver, 1n);
      });
    });
  });

  describe("withdrawCollateral", function () {
    it("returns collateral to the receiver while the position stays healthy", async function () {
      const { market, marketAddress, collateral, bob, carol } =
        await networkHelpers.loadFixture(borrowedMarketFixture);
      // 8 ETH of debt (a little more with interest) needs 8/0.86 ≈ 9.3024 LST: 0.6 LST can go.
      const tx = market.connect(bob).withdrawCollateral(ether("0.6"), carol.address);
      await expect(tx)
        .to.emit(market, "WithdrawCollateral")
        .withArgs(bob.address, carol.address, ether("0.6"));
      await expect(tx).to.changeTokenBalances(
        ethers,
        collateral,
        [marketAddress, carol],
        [-ether("0.6"), ether("0.6")],
      );
      expect(await market.collateral(bob.address)).to.equal(ether("9.4"));
    });

    it("returns the whole collateral without debt", async function () {
      const { market, bob } = await networkHelpers.loadFixture(suppliedMarketFixture);
      await market.connect(bob).supplyCollateral(ether(3), bob.address);
      await market.connect(bob).withdrawCollateral(ether(3), bob.address);
      expect(await market.collateral(bob.address)).to.equal(0n);
    });

    it("reverts UnhealthyPosition when the rest would not cover the debt", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, bob } = fixture;
      const model = await borrowedModel(fixture);
      model.accrue(await nextSecond(market));
      const debt = model.debtAndCapacity(bob.address, PRICE_ONE).borrowed;
      // 2 LST left: capacity 1.72 ETH.
      await expect(market.connect(bob).withdrawCollateral(ether(8), bob.address))
        .to.be.revertedWithCustomError(market, "UnhealthyPosition")
        .withArgs(debt, ether("1.72"));
    });

    it("reverts InsufficientCollateral above the posted amount", async function () {
      const { market, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await expect(market.connect(bob).withdrawCollateral(ether(10) + 1n, bob.address))
        .to.be.revertedWithCustomError(market, "InsufficientCollateral")
        .withArgs(ether(10) + 1n, ether(10));
    });

    it("reverts ZeroAmount and ZeroAddress", async function () {
      const { market, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await expect(
        market.connect(bob).withdrawCollateral(0n, bob.address),
      ).to.be.revertedWithCustomError(market, "ZeroAmount");
      await expect(
        market.connect(bob).withdrawCollateral(1n, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(market, "ZeroAddress");
    });
  });

  describe("repay", function () {
    it("burns shares rounded down for the ETH sent, for anyone's debt, and emits Repay", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, alice, bob, carol } = fixture;
      const model = await borrowedModel(fixture);
      await networkHelpers.time.increase(7n * DAY);
      const t = await nextSecond(market);
      const [assets, shares] = model.repay(bob.address, ether(3), t);
      expect(shares).to.equal(
        toSharesDown(ether(3), model.totalBorrowAssets + assets, model.totalBorrowShares + shares),
      );
      const tx = market.connect(carol).repay(bob.address, { value: ether(3) });
      await expect(tx)
        .to.emit(market, "Repay")
        .withArgs(carol.address, bob.address, ether(3), shares);
      await expect(tx).to.changeEtherBalance(ethers, carol, -ether(3));
      await expectMarketMatchesModel(market, model, [alice.address, bob.address], "partial repay");
    });

    it("repays the whole debt and refunds the excess", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, alice, bob } = fixture;
      const model = await borrowedModel(fixture);
      await networkHelpers.time.increase(30n * DAY);
      const t = await nextSecond(market);
      const [assets, shares] = model.repay(bob.address, ether(10), t);
      expect(assets).to.be.greaterThan(ether(8)); // principal + 30 days of interest, rounded up
      const tx = market.connect(bob).repay(bob.address, { value: ether(10) });
      await expect(tx).to.emit(market, "Repay").withArgs(bob.address, bob.address, assets, shares);
      await expect(tx).to.changeEtherBalances(ethers, [bob, market], [-assets, assets]);
      expect(await market.borrowShares(bob.address)).to.equal(0n);
      await expectMarketMatchesModel(market, model, [alice.address, bob.address], "full repay");
      await assertLendingInvariants(market, [alice.address, bob.address], alice, "full repay");
    });

    it("repays 1 wei", async function () {
      const { market, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
      const before = await market.borrowShares(bob.address);
      await market.connect(bob).repay(bob.address, { value: 1n });
      expect(await market.borrowShares(bob.address)).to.be.lessThan(before);
    });

    it("reverts NoDebt, ZeroAmount and ZeroAddress", async function () {
      const { market, alice, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await expect(market.connect(alice).repay(alice.address, { value: 1n }))
        .to.be.revertedWithCustomError(market, "NoDebt")
        .withArgs(alice.address);
      await expect(market.connect(bob).repay(bob.address)).to.be.revertedWithCustomError(
        market,
        "ZeroAmount",
      );
      await expect(
        market.connect(bob).repay(ethers.ZeroAddress, { value: 1n }),
      ).to.be.revertedWithCustomError(market, "ZeroAddress");
    });

    it("reverts EthTransferFailed when the payer cannot take its refund", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, marketAddress, bob } = fixture;
      const caller = await ethers.deployContract("LendingMarketCaller", [marketAddress]);
      await caller.setMode(1); // Reject
      const model = await borrowedModel(fixture);
      const [assets] = model.repay(bob.address, ether(10), await nextSecond(market));
      await expect(caller.repay(bob.address, { value: ether(10) }))
        .to.be.revertedWithCustomError(market, "EthTransferFailed")
        .withArgs(await caller.getAddress(), ether(10) - assets);
    });
  });

  describe("a borrower's life, checked against the model", function () {
    it("agrees to the wei through collateral, borrows, time and repayments", async function () {
      const fixture = await networkHelpers.loadFixture(borrowedMarketFixture);
      const { market, alice, bob, carol } = fixture;
      const model = await borrowedModel(fixture);
      const users = [alice.address, bob.address, carol.address];
      const steps: [string, () => Promise<void>][] = [
        [
          "carol posts 50 LST",
          async () => {
            await market.connect(carol).supplyCollateral(ether(50), carol.address);
            model.supplyCollateral(carol.address, ether(50));
          },
        ],
        [
          "carol borrows 40 ETH",
          async () => {
            const tx = await market.connect(carol).borrow(ether(40), carol.address);
            model.borrow(carol.address, ether(40), PRICE_ONE, await timestampOf(tx));
          },
        ],
        [
          "half a year passes, bob repays 2 ETH",
          async () => {
            await networkHelpers.time.increase(182n * DAY);
            const tx = await market.connect(bob).repay(bob.address, { value: ether(2) });
            model.repay(bob.address, ether(2), await timestampOf(tx));
          },
        ],
        [
          "carol takes 1 LST back",
          async () => {
            const tx = await market.connect(carol).withdrawCollateral(ether(1), carol.address);
            model.withdrawCollateral(carol.address, ether(1), PRICE_ONE, await timestampOf(tx));
          },
        ],
        [
          "anyone accrues after 3 days",
          async () => {
            await networkHelpers.time.increase(3n * DAY);
            const tx = await market.accrueInterest();
            model.accrue(await timestampOf(tx));
          },
        ],
        [
          "alice withdraws 10 ETH",
          async () => {
            const tx = await market.connect(alice).withdraw(ether(10), alice.address);
            model.withdraw(alice.address, ether(10), await timestampOf(tx));
          },
        ],
        [
          "carol repays everything",
          async () => {
            const tx = await market.connect(carol).repay(carol.address, { value: ether(45) });
            model.repay(carol.address, ether(45), await timestampOf(tx));
          },
        ],
      ];
      for (const [step, run] of steps) {
        await run();
        await expectMarketMatchesModel(market, model, users, step);
        await assertLendingInvariants(market, users, alice, step);
      }
    });
  });
});
