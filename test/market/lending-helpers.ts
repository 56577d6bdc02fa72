/**
 * Small steps the lending-market tests repeat: reading a transaction's timestamp, and comparing the
 * market with the reference model (`test/helpers/morpho-reference.ts`) to the wei.
 */
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";

import type { MarketModel } from "../helpers/morpho-reference.js";
import type { LendingMarket } from "../../types/ethers-contracts/index.js";

/** Block timestamp of a mined transaction (seconds). */
export async function timestampOf(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = (await tx.wait())!;
  const block = await receipt.provider.getBlock(receipt.blockNumber);
  return BigInt(block!.timestamp);
}

/** Timestamp of the latest block (views run at it). */
export async function latestTimestamp(market: LendingMarket): Promise<bigint> {
  const block = await market.runner!.provider!.getBlock("latest");
  return BigInt(block!.timestamp);
}

/**
 * Asserts the market's totals and the positions of `users` equal the model's, to the wei, with
 * interest accrued in the model to the latest block (as the views accrue it).
 */
export async function expectMarketMatchesModel(
  market: LendingMarket,
  model: MarketModel,
  users: string[],
  step: string,
): Promise<void> {
  model.accrue(await latestTimestamp(market));
  expect(await market.totalSupplyAssets(), `${step}: totalSupplyAssets`).to.equal(model.totalSupplyAssets);
  expect(await market.totalSupplyShares(), `${step}: totalSupplyShares`).to.equal(model.totalSupplyShares);
  expect(await market.totalBorrowAssets(), `${step}: totalBorrowAssets`).to.equal(model.totalBorrowAssets);
  expect(await market.totalBorrowShares(), `${step}: totalBorrowShares`).to.equal(model.totalBorrowShares);
  for (const user of users) {
    const p = await market.position(user);
    const m = model.position(user);
    expect(p.supplyShares, `${step}: supplyShares of ${user}`).to.equal(m.supplyShares);
    expect(p.borrowShares, `${step}: borrowShares of ${user}`).to.equal(m.borrowShares);
    expect(p.collateral, `${step}: collateral of ${user}`).to.equal(m.collateral);
  }
}
