/**
 * LendingMarket: suppliers. `supply` and `withdraw`, with Morpho's virtual-offset shares (1e6 shares
 * and 1 wei that nobody owns), checked against the reference model to the wei.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { lendingFixtures } from "../helpers/fixtures/lending.js";
import { assertLendingInvariants } from "../helpers/lending-invariants.js";
import {
  MarketModel,
  VIRTUAL_SHARES,
  toAssetsDown,
  toSharesDown,
  toSharesUp,
} from "../helpers/morpho-reference.js";
import { DAY, ether } from "../helpers/units.js";
import { expectMarketMatchesModel, timestampOf } from "./lending-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployLendingMarketFixture, suppliedMarketFixture, borrowedMarketFixture } =
  lendingFixtures(connection);

describe("LendingMarket: suppliers", function () {
  describe("supply", function () {
    describe("when the market is empty", function () {
      it("mints 1e6 shares per wei to the beneficiary and emits Supply", async function () {
        const { market, alice, carol } = await networkHelpers.loadFixture(
          deployLendingMarketFixture,
        );
        const assets = ether(3);
        await expect(market.connect(alice).supply(carol.address, { value: assets }))
          .to.emit(market, "Supply")
          .withArgs(alice.address, carol.address, assets, assets * VIRTUAL_SHARES);
        expect(await market.supplyShares(carol.address)).to.equal(assets * VIRTUAL_SHARES);
        expect(await market.supplyShares(alice.address)).to.equal(0n);
        expect(await market.totalSupplyAssets()).to.equal(assets);
        expect(await market.totalSupplyShares()).to.equal(assets * VIRTUAL_SHARES);
      });

      it("accepts 1 wei (1e6 shares)", async function () {
        const { market, alice } = await networkHelpers.loadFixture(deployLendingMarketFixture);
        await market.connect(alice).supply(alice.address, { value: 1n });
        expect(await market.supplyShares(alice.address)).to.equal(VIRTUAL_SHARES);
      });
    });

    describe("when interest has accrued", function () {
      it("mints shares rounded down at the grown share price, as the model", async function () {
        const { market, alice, bob, carol, lltv } =
          await networkHelpers.loadFixture(borrowedMarketFixture);
        // The model replays the fixture's steps, then this one.
        const model = new MarketModel(lltv, 0n);
        await replayBorrowedFixture(model, market, alice.address, bob.address);
        await networkHelpers.time.increase(30n * DAY);
        const supplied = ether("7.123456789123456789");
        const tx = await market.connect(carol).supply(carol.address, { value: supplied });
        const shares = model.supply(carol.address, supplied, await timestampOf(tx));
        expect(await market.supplyShares(carol.address)).to.equal(shares);
        expect(shares).to.be.lessThan(supplied * VIRTUAL_SHARES); // the share price has grown
        await expectMarketMatchesModel(
          market,
          model,
          [alice.address, bob.address, carol.address],
          "after supply",
        );
      });
    });

    describe("when the input is invalid", function () {
      it("reverts ZeroAmount without ETH", async function () {
        const { market, alice } = await networkHelpers.loadFixture(deployLendingMarketFixture);
        await expect(market.connect(alice).supply(alice.address)).to.be.revertedWithCustomError(
          market,
          "ZeroAmount",
        );
      });

      it("reverts ZeroAddress for a zero beneficiary", async function () {
        const { market, alice } = await networkHelpers.loadFixture(deployLendingMarketFixture);
        await expect(
          market.connect(alice).supply(ethers.ZeroAddress, { value: 1n }),
        ).to.be.revertedWithCustomError(market, "ZeroAddress");
      });

      it("rejects ETH sent without a call (no receive)", async function () {
        const { market, marketAddress, alice } = await networkHelpers.loadFixture(
          deployLendingMarketFixture,
        );
        await expect(alice.sendTransaction({ to: marketAddress, value: 1n })).to.be.revert(ethers);
        expect(await market.totalSupplyAssets()).to.equal(0n);
      });
    });
  });

  describe("withdraw", function () {
    describe("when part of the supply is withdrawn", function () {
      it("burns shares rounded up, sends the ETH to the receiver and emits Withdraw", async function () {
        const { market, alice, carol } = await networkHelpers.loadFixture(suppliedMarketFixture);
        const assets = ether(40);
        const shares = toSharesUp(assets, ether(100), ether(100) * VIRTUAL_SHARES);
        const tx = market.connect(alice).withdraw(assets, carol.address);
        await expect(tx)
          .to.emit(market, "Withdraw")
          .withArgs(alice.address, carol.address, assets, shares);
        await expect(tx).to.changeEtherBalances(ethers, [market, carol], [-assets, assets]);
        expect(await market.supplyShares(alice.address)).to.equal(
          ether(100) * VIRTUAL_SHARES - shares,
        );
        expect(await market.totalSupplyAssets()).to.equal(ether(60));
      });

      it("withdraws 1 wei", async function () {
        const { market, alice } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(market.connect(alice).withdraw(1n, alice.address)).to.changeEtherBalance(
          ethers,
          market,
          -1n,
        );
        expect(await market.supplyShares(alice.address)).to.equal(
          ether(100) * VIRTUAL_SHARES - toSharesUp(1n, ether(100), ether(100) * VIRTUAL_SHARES),
        );
      });
    });

    describe("when everything is withdrawn (type(uint256).max)", function () {
      it("burns every share and pays what they are worth, rounded down", async function () {
        const { market, alice } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(market.connect(alice).withdraw(ethers.MaxUint256, alice.address))
          .to.emit(market, "Withdraw")
          .withArgs(alice.address, alice.address, ether(100), ether(100) * VIRTUAL_SHARES);
        expect(await market.supplyShares(alice.address)).to.equal(0n);
        expect(await market.totalSupplyAssets()).to.equal(0n);
      });

      it("pays the supplier its interest once the borrower has repaid, as the model", async function () {
        const { market, alice, bob, lltv } =
          await networkHelpers.loadFixture(borrowedMarketFixture);
        const model = new MarketModel(lltv, 0n);
        await replayBorrowedFixture(model, market, alice.address, bob.address);
        await networkHelpers.time.increase(365n * DAY);
        const sent = ether(9); // more than the debt: the excess is refunded
        const repayTx = await market.connect(bob).repay(bob.address, { value: sent });
        model.repay(bob.address, sent, await timestampOf(repayTx));
        const userShares = model.position(alice.address).supplyShares;
        const expected = toAssetsDown(userShares, model.totalSupplyAssets, model.totalSupplyShares);
        const tx = market.connect(alice).withdraw(ethers.MaxUint256, alice.address);
        await expect(tx).to.changeEtherBalance(ethers, alice, expected);
        expect(expected).to.be.greaterThan(ether(100)); // principal plus a year of interest
        model.withdraw(alice.address, undefined, await timestampOf(await tx));
        await expectMarketMatchesModel(
          market,
          model,
          [alice.address, bob.address],
          "after full exit",
        );
        await assertLendingInvariants(market, [alice.address, bob.address], bob, "after full exit");
      });
    });

    describe("when the request is invalid", function () {
      it("reverts ZeroAmount for 0", async function () {
        const { market, alice } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(
          market.connect(alice).withdraw(0n, alice.address),
        ).to.be.revertedWithCustomError(market, "ZeroAmount");
      });

      it("reverts ZeroAmount for everything when the caller has no shares", async function () {
        const { market, stranger } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(
          market.connect(stranger).withdraw(ethers.MaxUint256, stranger.address),
        ).to.be.revertedWithCustomError(market, "ZeroAmount");
      });

      it("reverts ZeroAddress for a zero receiver", async function () {
        const { market, alice } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(
          market.connect(alice).withdraw(1n, ethers.ZeroAddress),
        ).to.be.revertedWithCustomError(market, "ZeroAddress");
      });

      it("reverts WithdrawExceedsBalance one wei above the balance", async function () {
        const { market, alice } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(market.connect(alice).withdraw(ether(100) + 1n, alice.address))
          .to.be.revertedWithCustomError(market, "WithdrawExceedsBalance")
          .withArgs(ether(100) + 1n, ether(100));
      });

      it("reverts WithdrawExceedsBalance for a stranger", async function () {
        const { market, stranger } = await networkHelpers.loadFixture(suppliedMarketFixture);
        await expect(market.connect(stranger).withdraw(1n, stranger.address))
          .to.be.revertedWithCustomError(market, "WithdrawExceedsBalance")
          .withArgs(1n, 0n);
      });

      it("reverts InsufficientLiquidity for ETH that is lent out", async function () {
        const { market, alice, borrowed } = await networkHelpers.loadFixture(borrowedMarketFixture);
        // Interest grows both totals alike: what is not lent out does not depend on time.
        const available = ether(100) - borrowed;
        await expect(market.connect(alice).withdraw(available + 1n, alice.address))
          .to.be.revertedWithCustomError(market, "InsufficientLiquidity")
          .withArgs(available + 1n, available);
      });

      it("reverts EthTransferFailed when the receiver rejects ETH", async function () {
        const { market, alice } = await networkHelpers.loadFixture(suppliedMarketFixture);
        const rejecting = await ethers.deployContract("RejectingWithdrawalAddress");
        const receiver = await rejecting.getAddress();
        await expect(market.connect(alice).withdraw(ether(1), receiver))
          .to.be.revertedWithCustomError(market, "EthTransferFailed")
          .withArgs(receiver, ether(1));
      });
    });
  });

  describe("shares grid", function () {
    it("agrees with the model to the wei over a sequence of supplies and withdrawals", async function () {
      const { market, alice, bob, carol, lltv } = await networkHelpers.loadFixture(
        deployLendingMarketFixture,
      );
      const model = new MarketModel(lltv, await market.lastUpdate());
      const users = [alice, bob, carol];
      const amounts = [1n, 999n, ether("0.000001"), ether("1.5"), ether(33) + 7n, ether(250)];
      let step = 0;
      for (const amount of amounts) {
        for (const user of users) {
          const tx = await market.connect(user).supply(user.address, { value: amount });
          model.supply(user.address, amount, await timestampOf(tx));
          step++;
          if (step % 4 === 0) {
            const out = amount / 3n + 1n;
            const w = await market.connect(user).withdraw(out, user.address);
            model.withdraw(user.address, out, await timestampOf(w));
          }
        }
      }
      const addresses = users.map((u) => u.address);
      await expectMarketMatchesModel(market, model, addresses, "after the grid");
      expect(toSharesDown(1n, model.totalSupplyAssets, model.totalSupplyShares)).to.equal(
        VIRTUAL_SHARES,
      );
      await assertLendingInvariants(market, addresses, carol, "after the grid");
    });
  });
});

/** The steps of `borrowedMarketFixture`, in the model (no time passes between them in the model's view). */
async function replayBorrowedFixture(
  model: MarketModel,
  market: { lastUpdate(): Promise<bigint> },
  alice: string,
  bob: string,
): Promise<void> {
  const at = await market.lastUpdate();
  model.lastUpdate = at; // nothing accrues before the first borrow
  model.supply(alice, ether(100), at);
  model.supplyCollateral(bob, ether(10));
  model.borrow(bob, ether(8), ether(1) * 10n ** 18n, at);
}
