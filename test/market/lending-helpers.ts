/**
 * Small steps the lending-market tests repeat: reading a transaction's timestamp, and comparing the
 * market with the reference model (`test/helpers/morpho-reference.ts`) to the wei.
 */
import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";

import type { MarketModel } from "../helpers/morpho-reference.js";
import type { LendingMarket } from "../../types/ethers-contracts/index.js";

/** Block timestamp of a mined transaction (seconds). */
export async function timestampOf(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = (await tx.wait())!;
  const block = await receipt.provider.getBlock(receipt.blockNumber);
  return BigInt(block!.timestamp);
}

/** Timestamp of the latest block (views run at it). */
export async function latestTimestamp(contract: BaseContract): Promise<bigint> {
  const block = await contract.runner!.provider!.getBlock("latest");
  return BigInt(block!.timestamp);
}

/**
 * Asserts the market's totals and the positions of `users` equal the model's, to the wei, with
 * interest accrued to the latest block (as the views accrue it) in a copy of the model: the market
 * stores interest only when a call accrues it, and compounding in two steps differs by rounding.
 */
export async function expectMarketMatchesModel(
  market: LendingMarket,
  model: MarketModel,
  users: string[],
  step: string,
): Promise<void> {
  const expected = model.clone();
  expected.accrue(await latestTimestamp(market));
  expect(await market.totalSupplyAssets(), `${step}: totalSupplyAssets`).to.equal(
    expected.totalSupplyAssets,
  );
  expect(await market.totalSupplyShares(), `${step}: totalSupplyShares`).to.equal(
    expected.totalSupplyShares,
  );
  expect(await market.totalBorrowAssets(), `${step}: totalBorrowAssets`).to.equal(
    expected.totalBorrowAssets,
  );
  expect(await market.totalBorrowShares(), `${step}: totalBorrowShares`).to.equal(
    expected.totalBorrowShares,
  );
  for (const user of users) {
    const p = await market.position(user);
    const m = expected.position(user);
    expect(p.supplyShares, `${step}: supplyShares of ${user}`).to.equal(m.supplyShares);
    expect(p.borrowShares, `${step}: borrowShares of ${user}`).to.equal(m.borrowShares);
    expect(p.collateral, `${step}: collateral of ${user}`).to.equal(m.collateral);
  }
}
