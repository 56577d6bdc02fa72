/**
 * Commands of the lending markets (DESIGN §8.2), one per collateral and oracle: supply, withdraw,
 * collateral, borrow, repay, liquidate. Each is predicted by Morpho's reference model
 * (`MarketModel`), fed the oracle's price at the block the transaction is mined in.
 */
import { expect } from "chai";

import { IPriceOracle__factory } from "../../types/ethers-contracts/index.js";
import { liquidateAndCheck } from "../helpers/lending-invariants.js";
import { ModelCommand, amountCode, book, moveToken, share } from "./command.js";
import { expectEthDelta } from "./commands-staking.js";
import { lendingModel, type Model } from "./model.js";
import {
  marketOf,
  send,
  type MarketKey,
  type TokenName,
  type UserName,
  type World,
} from "./world.js";

/** The timestamp of the block a transaction was mined in. */
const balanceOfBlock = async (w: World, receipt: { blockNumber: number }) =>
  BigInt((await w.connection.ethers.provider.getBlock(receipt.blockNumber))!.timestamp);

/** The oracle's price at the block a transaction was mined in (the price the market used). */
async function priceAt(w: World, key: MarketKey, blockTag: number | "pending"): Promise<bigint> {
  const { market } = marketOf(w, key);
  const oracle = IPriceOracle__factory.connect(await market.oracle(), w.connection.ethers.provider);
  return oracle.price({ blockTag });
}

export class Supply extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly key: MarketKey,
    readonly amount: bigint,
  ) {
    super();
  }
  check(): boolean {
    return true;
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const user = w.users[this.user];
    const receipt = await send(
      w,
      marketOf(w, this.key).market.connect(user).supply(user.address, { value: this.amount }),
    );
    lending.supply(user.address, this.amount, await balanceOfBlock(w, receipt));
  }
  toCode(): string {
    return `new Supply("${this.user}", "${this.key}", ${amountCode(this.amount)})`;
  }
}

export class Withdraw extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly key: MarketKey,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return (m.lending.get(this.key)?.position(m.addresses[this.user]).supplyShares ?? 0n) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const { market } = marketOf(w, this.key);
    const user = w.users[this.user];
    const pending = { blockTag: "pending" } as never;
    const [owned, supplied, borrowed] = await Promise.all([
      market.supplyAssetsOf(user.address, pending),
      market.totalSupplyAssets(pending),
      market.totalBorrowAssets(pending),
    ]);
    const liquidity = supplied - borrowed;
    let assets = share(owned, this.bps);
    if (assets > liquidity) assets = liquidity;
    if (assets === 0n) return; // everything lent out: nothing to withdraw now
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, market.connect(user).withdraw(assets, user.address));
    lending.withdraw(user.address, assets, await balanceOfBlock(w, receipt));
    await expectEthDelta(w, user.address, before, assets - receipt.fee, "withdraw");
  }
  toCode(): string {
    return `new Withdraw("${this.user}", "${this.key}", ${this.bps})`;
  }
}

export class SupplyCollateral extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly key: MarketKey,
    readonly bps: number,
  ) {
    super();
  }
  private token(): TokenName {
    return this.key.split(".")[0] as TokenName;
  }
  check(m: Readonly<Model>): boolean {
    return share(book(m as Model, this.token()).get(m.addresses[this.user])!, this.bps) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const { market } = marketOf(w, this.key);
    const user = w.users[this.user];
    const assets = share(book(m, this.token()).get(user.address)!, this.bps);
    await send(w, market.connect(user).supplyCollateral(assets, user.address));
    lending.supplyCollateral(user.address, assets);
    moveToken(m, this.token(), user.address, await market.getAddress(), assets);
  }
  toCode(): string {
    return `new SupplyCollateral("${this.user}", "${this.key}", ${this.bps})`;
  }
}

export class Borrow extends ModelCommand {
  /** Borrows `bps` of what the user may borrow (capped by the market's liquidity). */
  constructor(
    readonly user: UserName,
    readonly key: MarketKey,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    const lending = m.lending.get(this.key);
    return (
      lending !== undefined &&
      lending.position(m.addresses[this.user]).collateral > 0n &&
      (m.prices.get(this.key) ?? 0n) > 0n // the oracle has a price (a spot or EMA pool is not empty)
    );
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const { market } = marketOf(w, this.key);
    const user = w.users[this.user];
    const pending = { blockTag: "pending" } as never;
    const [max, supplied, borrowed] = await Promise.all([
      market.maxBorrow(user.address, pending),
      market.totalSupplyAssets(pending),
      market.totalBorrowAssets(pending),
    ]);
    let assets = share(max, this.bps);
    if (assets > supplied - borrowed) assets = supplied - borrowed;
    if (assets === 0n) return; // no capacity or no liquidity
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, market.connect(user).borrow(assets, user.address));
    const price = await priceAt(w, this.key, receipt.blockNumber);
    lending.borrow(user.address, assets, price, await balanceOfBlock(w, receipt));
    await expectEthDelta(w, user.address, before, assets - receipt.fee, "borrow");
  }
  toCode(): string {
    return `new Borrow("${this.user}", "${this.key}", ${this.bps})`;
  }
}

export class Repay extends ModelCommand {
  /** Repays `bps` of the user's debt (10,000: all of it, overpaying; the excess comes back). */
  constructor(
    readonly user: UserName,
    readonly key: MarketKey,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return (m.lending.get(this.key)?.position(m.addresses[this.user]).borrowShares ?? 0n) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const { market } = marketOf(w, this.key);
    const user = w.users[this.user];
    const debt = await market.borrowAssetsOf(user.address, { blockTag: "pending" } as never);
    const sent = this.bps >= 10_000 ? debt + 10n ** 15n : share(debt, this.bps);
    if (sent === 0n) return;
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, market.connect(user).repay(user.address, { value: sent }));
    const [kept] = lending.repay(user.address, sent, await balanceOfBlock(w, receipt));
    await expectEthDelta(w, user.address, before, -kept - receipt.fee, "repay keeps what it burns");
  }
  toCode(): string {
    return `new Repay("${this.user}", "${this.key}", ${this.bps})`;
  }
}

export class WithdrawCollateral extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly key: MarketKey,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return (m.lending.get(this.key)?.position(m.addresses[this.user]).collateral ?? 0n) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const { market, token } = marketOf(w, this.key);
    const user = w.users[this.user];
    const assets = share(lending.position(user.address).collateral, this.bps);
    if (assets === 0n) return;
    // Only if the position stays healthy at the price the next block will see (else: not allowed).
    const next = BigInt((await w.connection.ethers.provider.getBlock("latest"))!.timestamp) + 1n;
    await w.connection.networkHelpers.time.setNextBlockTimestamp(next);
    // Without debt the market does not ask its oracle (which may have no price: an empty pool).
    const indebted = lending.position(user.address).borrowShares !== 0n;
    const price = indebted ? await priceAt(w, this.key, "pending") : 0n;
    try {
      lending.clone().withdrawCollateral(user.address, assets, price, next);
    } catch (error) {
      if ((error as Error).message !== "UnhealthyPosition") throw error;
      // The reference says this would leave the position unhealthy: the market must refuse it too.
      await expect(
        market.connect(user).withdrawCollateral(assets, user.address),
        "a withdrawal that leaves the position unhealthy is refused",
      ).to.be.revertedWithCustomError(market, "UnhealthyPosition");
      return;
    }
    await send(w, market.connect(user).withdrawCollateral(assets, user.address));
    lending.withdrawCollateral(user.address, assets, price, next);
    moveToken(m, token as TokenName, await market.getAddress(), user.address, assets);
  }
  toCode(): string {
    return `new WithdrawCollateral("${this.user}", "${this.key}", ${this.bps})`;
  }
}

export class Liquidate extends ModelCommand {
  /** The liquidator repays `bps` of `borrower`'s debt shares (or seizes all its collateral). */
  constructor(
    readonly key: MarketKey,
    readonly borrower: UserName,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    const lending = m.lending.get(this.key);
    const price = m.prices.get(this.key) ?? 0n;
    if (lending === undefined || price === 0n) return false;
    const p = lending.position(m.addresses[this.borrower]);
    return p.borrowShares > 0n && !lending.clone().isHealthy(m.addresses[this.borrower], price);
  }
  async act(m: Model, w: World): Promise<void> {
    const lending = await lendingModel(w, m, this.key);
    const { market, token } = marketOf(w, this.key);
    const borrower = m.addresses[this.borrower];
    const next = BigInt((await w.connection.ethers.provider.getBlock("latest"))!.timestamp) + 1n;
    await w.connection.networkHelpers.time.setNextBlockTimestamp(next);
    const price = await priceAt(w, this.key, "pending");
    const p = lending.position(borrower);
    const repaid = share(p.borrowShares, this.bps) || 1n;
    // The first of: repay `bps` of the shares; seize all the collateral; repay every share.
    const tries: [bigint, bigint][] = [
      [0n, repaid],
      [p.collateral, 0n],
      [0n, p.borrowShares],
    ];
    let chosen: [bigint, bigint] | undefined;
    let owed = 0n;
    for (const [seize, shares] of tries) {
      try {
        owed = lending.clone().liquidate(borrower, seize, shares, price, next).repaidAssets;
        chosen = [seize, shares];
        break;
      } catch (error) {
        if ((error as Error).message === "HealthyPosition") return; // healthy again (time moved a price)
      }
    }
    if (chosen === undefined) return;
    const result = await liquidateAndCheck(
      market,
      w.f.liquidator,
      borrower,
      chosen[0],
      chosen[1],
      owed,
    );
    w.feesPaid += result.receipt.fee;
    w.transactions += 1;
    const expected = lending.liquidate(borrower, chosen[0], chosen[1], price, next);
    expect(result.seizedAssets, "seized = reference").to.equal(expected.seizedAssets);
    expect(result.repaidAssets, "repaid = reference").to.equal(expected.repaidAssets);
    expect(result.badDebtAssets, "bad debt = reference").to.equal(expected.badDebtAssets);
    moveToken(
      m,
      token as TokenName,
      await market.getAddress(),
      w.f.liquidator.address,
      expected.seizedAssets,
    );
  }
  toCode(): string {
    return `new Liquidate("${this.key}", "${this.borrower}", ${this.bps})`;
  }
}
