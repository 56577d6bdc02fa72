/**
 * LendingMarket: gas budgets, whole-transaction figures (21,000 intrinsic gas and calldata
 * included), against Morpho Blue's measured on the same terms (research §5): `supplyCollateral` for a
 * new position ≤ 95,000 (Morpho 91,107); `borrow` the first time ≤ 120,000 (Morpho 115,035) and
 * again ≤ 90,000 (Morpho 83,623); a partial `liquidate` ≤ 130,000 (Morpho 124,497). As Morpho's
 * figures, measured with a plain ERC-20 collateral and a mock oracle, in a market already in use
 * (supplied, borrowed from, interest to accrue).
 *
 * Under `--coverage` every statement also records a hit, which costs gas: the budgets are skipped.
 */
import { expect } from "chai";
import hre, { network } from "hardhat";

import { lendingFixtures } from "../helpers/fixtures/lending.js";
import { priceFromRate } from "../helpers/morpho-reference.js";
import { DAY, ether } from "../helpers/units.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { borrowedMarketFixture } = lendingFixtures(connection);

const SUPPLY_COLLATERAL_BUDGET = 95_000n;
const FIRST_BORROW_BUDGET = 120_000n;
const BORROW_BUDGET = 90_000n;
const LIQUIDATE_BUDGET = 130_000n;
const COVERAGE = hre.globalOptions.coverage === true;

async function gasOf(
  tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

describe("LendingMarket gas", function () {
  beforeEach(function () {
    if (COVERAGE) this.skip();
  });

  describe("supplyCollateral", function () {
    it(`costs at most ${SUPPLY_COLLATERAL_BUDGET} gas for a new position`, async function () {
      const { market, carol } = await networkHelpers.loadFixture(borrowedMarketFixture);
      const gas = await gasOf(market.connect(carol).supplyCollateral(ether(10), carol.address));
      expect(gas <= SUPPLY_COLLATERAL_BUDGET, `supplyCollateral used ${gas} gas`).to.equal(true);
    });
  });

  describe("borrow", function () {
    it(`costs at most ${FIRST_BORROW_BUDGET} gas for a position's first borrow`, async function () {
      const { market, carol } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await market.connect(carol).supplyCollateral(ether(10), carol.address);
      await networkHelpers.time.increase(DAY);
      const gas = await gasOf(market.connect(carol).borrow(ether(5), carol.address));
      expect(gas <= FIRST_BORROW_BUDGET, `borrow used ${gas} gas`).to.equal(true);
    });

    it(`costs at most ${BORROW_BUDGET} gas for a position that already borrows`, async function () {
      const { market, bob } = await networkHelpers.loadFixture(borrowedMarketFixture);
      await networkHelpers.time.increase(DAY);
      const gas = await gasOf(market.connect(bob).borrow(ether("0.1"), bob.address));
      expect(gas <= BORROW_BUDGET, `borrow used ${gas} gas`).to.equal(true);
    });
  });

  describe("liquidate", function () {
    it(`costs at most ${LIQUIDATE_BUDGET} gas for a partial liquidation`, async function () {
      const { market, oracle, bob, liquidator } =
        await networkHelpers.loadFixture(borrowedMarketFixture);
      await networkHelpers.time.increase(DAY);
      await oracle.setPrice(priceFromRate(ether("0.9"), 18)); // −10 %, as Morpho's −20 % at LLTV 86 %
      const shares = (await market.borrowShares(bob.address)) / 2n;
      const gas = await gasOf(
        market.connect(liquidator).liquidate(bob.address, 0n, shares, { value: ether(5) }),
      );
      expect(gas <= LIQUIDATE_BUDGET, `liquidate used ${gas} gas`).to.equal(true);
    });
  });
});
