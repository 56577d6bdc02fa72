/**
 * INV-10, the lending market's invariants, as reusable checks (DESIGN §10):
 *
 * - total borrowed ≤ total supplied, and the market holds at least the difference in ETH;
 * - a healthy position cannot be liquidated;
 * - after a liquidation the borrower is healthier or has no collateral left;
 * - bad debt is written off at once and visibly: no position owes anything without collateral, and
 *   a liquidation that takes the last collateral emits `BadDebtWrittenOff` for exactly what was
 *   left, by which `totalSupplyAssets` falls.
 *
 * `assertLendingInvariants` checks the first, second and fourth after any step;
 * `liquidateAndCheck` runs a liquidation and checks the third and fourth around it.
 */
import { expect } from "chai";
import type { ContractTransactionReceipt, Signer } from "ethers";

import { IPriceOracle__factory, type LendingMarket } from "../../types/ethers-contracts/index.js";
import { ORACLE_PRICE_SCALE, mulDivDown, wMulDown } from "./morpho-reference.js";

/** Checks INV-10 on `market` for every address in `users` (list every user who ever had a position). */
export async function assertLendingInvariants(
  market: LendingMarket,
  users: string[],
  liquidator: Signer,
  step = "",
): Promise<void> {
  const at = step === "" ? "" : ` (${step})`;
  const supplied = await market.totalSupplyAssets();
  const borrowed = await market.totalBorrowAssets();
  expect(
    borrowed <= supplied,
    `INV-10: total borrowed ${borrowed} > total supplied ${supplied}${at}`,
  ).to.be.true;
  const provider = market.runner!.provider!;
  const balance = await provider.getBalance(await market.getAddress());
  expect(
    balance >= supplied - borrowed,
    `INV-10: the market holds ${balance} wei, less than supplied − borrowed = ${supplied - borrowed}${at}`,
  ).to.be.true;

  let sumSupplyShares = 0n;
  let sumBorrowShares = 0n;
  for (const user of users) {
    const p = await market.position(user);
    sumSupplyShares += p.supplyShares;
    sumBorrowShares += p.borrowShares;
    expect(
      p.collateral !== 0n || p.borrowShares === 0n,
      `INV-10: ${user} owes ${p.borrowShares} shares with no collateral: bad debt not written off${at}`,
    ).to.be.true;
    if (p.borrowShares !== 0n && (await market.isHealthy(user))) {
      await expect(
        market.connect(liquidator).liquidate.staticCall(user, 0n, 1n),
        `INV-10: healthy ${user} must not be liquidatable${at}`,
      ).to.be.revertedWithCustomError(market, "HealthyPosition");
    }
  }
  expect(sumSupplyShares <= (await market.totalSupplyShares()), `INV-10: supply shares${at}`).to.be
    .true;
  expect(sumBorrowShares <= (await market.totalBorrowShares()), `INV-10: borrow shares${at}`).to.be
    .true;
}

export interface CheckedLiquidation {
  receipt: ContractTransactionReceipt;
  seizedAssets: bigint;
  repaidAssets: bigint;
  repaidShares: bigint;
  badDebtAssets: bigint;
  badDebtShares: bigint;
}

/**
 * Liquidates `borrower` as `liquidator` sending `value` wei, then asserts INV-10's liquidation
 * clauses: the borrower is healthier, or has no collateral left, or was beyond rescue before (its
 * collateral worth less than its debt × LIF: then every partial liquidation lowers its health, in
 * Morpho as here, and only taking all the collateral ends it); bad debt, if any, is written off in
 * the same transaction with `BadDebtWrittenOff` carrying the amounts of the `Liquidate` event (the
 * tests check with the reference model that `totalSupplyAssets` falls by exactly that).
 */
export async function liquidateAndCheck(
  market: LendingMarket,
  liquidator: Signer,
  borrower: string,
  seizedAssets: bigint,
  repaidShares: bigint,
  value: bigint,
): Promise<CheckedLiquidation> {
  const oracle = IPriceOracle__factory.connect(await market.oracle(), market.runner);
  const priceNow = await oracle.price();
  const hfBefore = await market.healthFactor(borrower);
  const before = await market.position(borrower);
  const debtBefore = await market.borrowAssetsOf(borrower);
  const lif = await market.liquidationIncentiveFactor();
  const collateralValue = mulDivDown(before.collateral, priceNow, ORACLE_PRICE_SCALE);
  const beyondRescue = collateralValue < wMulDown(debtBefore, lif);

  const tx = await market
    .connect(liquidator)
    .liquidate(borrower, seizedAssets, repaidShares, { value });
  const receipt = (await tx.wait())!;

  const events = receipt.logs
    .map((log) => {
      try {
        return market.interface.parseLog(log);
      } catch {
        return null;
      }
    })
    .filter((e) => e !== null);
  const liquidation = events.find((e) => e.name === "Liquidate");
  expect(liquidation, "a Liquidate event").to.not.equal(undefined);
  const [, , repaidAssets, repaid, seized, badDebtAssets, badDebtShares] = liquidation!
    .args as unknown as bigint[];

  const after = await market.position(borrower);
  if (after.collateral !== 0n && !beyondRescue) {
    const hfAfter = await market.healthFactor(borrower);
    expect(
      hfAfter >= hfBefore,
      `INV-10: health factor of ${borrower} fell from ${hfBefore} to ${hfAfter} in a liquidation`,
    ).to.be.true;
  }
  if (after.collateral === 0n) {
    expect(after.borrowShares, "INV-10: no debt is left without collateral").to.equal(0n);
  }
  const writeOff = events.find((e) => e.name === "BadDebtWrittenOff");
  if (badDebtShares !== 0n) {
    expect(writeOff, "INV-10: bad debt is visible as BadDebtWrittenOff").to.not.equal(undefined);
    expect(writeOff!.args[1], "BadDebtWrittenOff assets").to.equal(badDebtAssets);
    expect(writeOff!.args[2], "BadDebtWrittenOff shares").to.equal(badDebtShares);
  } else {
    expect(writeOff, "no BadDebtWrittenOff without bad debt").to.equal(undefined);
  }
  return {
    receipt,
    seizedAssets: seized,
    repaidAssets,
    repaidShares: repaid,
    badDebtAssets,
    badDebtShares,
  };
}
