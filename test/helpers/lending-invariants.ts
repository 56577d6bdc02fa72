/**
 * INV-10, the lending market's invariants, as reusable checks (DESIGN §10):
 *
 * - total borrowed ≤ total supplied, and the market holds at least the difference in ETH;
 * - a healthy position cannot be liquidated;
 * - after a liquidation the borrower is no less healthy (up to the market's rounding), or has no
 *   collateral left, or was beyond rescue (its collateral worth less than its debt × LIF);
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
import { ORACLE_PRICE_SCALE, WAD, mulDivDown } from "./morpho-reference.js";

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
 * The most a liquidation may lower the health factor (WAD) of a position that is not beyond rescue,
 * when `debtAfter` wei of debt is left: ⌈5·1e18 / debtAfter⌉ + 1.
 *
 * Why: with V = ⌊collateral × price / 1e36⌋ and D the debt before (rounded up), a liquidation that
 * repays R wei seizes collateral worth at most R × LIF (the seized amount is rounded down, the
 * repaid amount up), so V' ≥ V − R·LIF − 1 (V' floored again) and D' ≤ D − R + 2 (shares burnt are
 * worth ≥ R − 1 wei; the debt after is rounded up). Then V'·D − V·D' ≥ R·(V − D·LIF) − D − 2V, which
 * is ≥ −(D + 2V) when V ≥ D·LIF. The health factor ⌊⌊V·lltv⌋·1e18/D⌋ loses at most 1 more wei of
 * capacity, and an unhealthy position has V·lltv < D + 1, so the fall is under (4 + 2/D)·1e18/D' + 1.
 */
export function healthRoundingMargin(debtAfter: bigint): bigint {
  return (5n * 10n ** 18n + debtAfter - 1n) / debtAfter + 1n;
}

/**
 * Liquidates `borrower` as `liquidator` sending `value` wei, then asserts INV-10's liquidation
 * clauses. All are judged at the liquidation's own timestamp (the health before is read on the
 * pending block, pinned to the second the liquidation is mined in: a second of interest would
 * otherwise lower it already). The borrower:
 * - has no collateral left, or
 * - was beyond rescue before, its collateral worth less than its debt × LIF (exactly:
 *   V × 1e18 < D × LIF): then every partial liquidation lowers its health, in Morpho as here, and only
 *   taking all the collateral ends it; or
 * - is no less healthy, up to `healthRoundingMargin` (in exact arithmetic, health rises iff
 *   V > D × LIF and stays put at V = D × LIF; the market's roundings, each under 1 wei and in its
 *   own favour, can move it by that margin).
 * Bad debt, if any, is written off in the same transaction with `BadDebtWrittenOff` carrying the
 * amounts of the `Liquidate` event (the tests check with the reference model that
 * `totalSupplyAssets` falls by exactly that).
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
  const provider = market.runner!.provider! as unknown as {
    send(method: string, params: unknown[]): Promise<{ timestamp: string }>;
  };
  // Pin the liquidation to the pending block's timestamp (unchanged if the caller pinned one) and
  // read the position's health on that block, with the interest the liquidation will accrue.
  const pending = await provider.send("eth_getBlockByNumber", ["pending", false]);
  await provider.send("evm_setNextBlockTimestamp", [Number(BigInt(pending.timestamp))]);
  const atLiquidation = { blockTag: "pending" };
  const priceNow = await oracle.price(atLiquidation);
  const hfBefore = await market.healthFactor(borrower, atLiquidation);
  const before = await market.position(borrower, atLiquidation);
  const debtBefore = await market.borrowAssetsOf(borrower, atLiquidation);
  const lif = await market.liquidationIncentiveFactor();
  const collateralValue = mulDivDown(before.collateral, priceNow, ORACLE_PRICE_SCALE);
  const beyondRescue = collateralValue * WAD < debtBefore * lif;

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
  if (after.collateral !== 0n && !beyondRescue && after.borrowShares !== 0n) {
    const hfAfter = await market.healthFactor(borrower);
    const margin = healthRoundingMargin(await market.borrowAssetsOf(borrower));
    expect(
      hfAfter + margin >= hfBefore,
      `INV-10: health factor of ${borrower} fell from ${hfBefore} to ${hfAfter} in a liquidation (rounding margin ${margin})`,
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
