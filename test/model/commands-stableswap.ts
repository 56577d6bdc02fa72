/**
 * Commands of the StableSwap pools (DESIGN §8.1), ETH/LST and ETH/LRT: swaps and liquidity, each
 * compared with the reference model (`stableswap-reference.ts`) in the pool's rounding direction.
 */
import { expect } from "chai";

import { readPoolState } from "../helpers/pool-invariants.js";
import { calcWithdrawOneCoin, exchange, removeLiquidity } from "../helpers/stableswap-reference.js";
import { ModelCommand, amountCode, book, moveToken, share, type StepKind } from "./command.js";
import { expectEthDelta } from "./commands-staking.js";
import type { Model } from "./model.js";
import { STABLESWAP_EXCHANGE_ROUNDING_WEI } from "./reference.js";
import { send, stablePoolOf, type TokenName, type UserName, type World } from "./world.js";

export class Swap extends ModelCommand {
  /** Sells `amount` ETH (`sellEth`) or `bps` of the user's tokens (amount = bps) into `token`'s pool. */
  constructor(
    readonly user: UserName,
    readonly token: TokenName,
    readonly sellEth: boolean,
    readonly amount: bigint,
  ) {
    super();
  }
  private dx(m: Readonly<Model>): bigint {
    return this.sellEth
      ? this.amount
      : share(book(m as Model, this.token).get(m.addresses[this.user])!, Number(this.amount));
  }
  check(m: Readonly<Model>): boolean {
    const [x0, x1] = m.stableBalances[this.token];
    return x0 > 0n && x1 > 0n && this.dx(m) >= 10n ** 9n;
  }
  async act(m: Model, w: World): Promise<StepKind> {
    const { pool, coin } = stablePoolOf(w, this.token);
    const user = w.users[this.user];
    const dx = this.dx(m);
    const state = await readPoolState(pool, BigInt(await coin.decimals()));
    const [i, j] = this.sellEth ? [0n, 1n] : [1n, 0n];
    const ethBefore = await w.connection.ethers.provider.getBalance(user.address);
    const tokenBefore = await coin.balanceOf(user.address);
    const receipt = await send(
      w,
      pool.connect(user).exchange(i, j, dx, 0n, user.address, { value: this.sellEth ? dx : 0n }),
    );
    // The reference at the rate the pool used in this block (read once per block, bounded).
    const rateWad = await pool.storedRate();
    const reference = exchange({ ...state, rateWad }, Number(i) as 0 | 1, dx).dy;
    const dy = this.sellEth
      ? (await coin.balanceOf(user.address)) - tokenBefore
      : (await w.connection.ethers.provider.getBalance(user.address)) - ethBefore + receipt.fee;
    expect(dy <= reference, `exchange pays ${dy}, more than the reference ${reference}`).to.be.true;
    expect(
      dy + STABLESWAP_EXCHANGE_ROUNDING_WEI >= reference,
      `exchange pays ${dy}, below the reference ${reference} by more than ${STABLESWAP_EXCHANGE_ROUNDING_WEI} wei`,
    ).to.be.true;
    const poolAddress = await pool.getAddress();
    if (this.sellEth) moveToken(m, this.token, poolAddress, user.address, dy);
    else moveToken(m, this.token, user.address, poolAddress, dx);
    return { exchange: true };
  }
  toCode(): string {
    const amount = this.sellEth ? amountCode(this.amount) : `${this.amount}n`;
    return `new Swap("${this.user}", "${this.token}", ${this.sellEth}, ${amount})`;
  }
}

export class AddLiquidity extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly token: TokenName,
    readonly eth: bigint,
    readonly tokenBps: number,
  ) {
    super();
  }
  private amounts(m: Readonly<Model>): [bigint, bigint] {
    return [
      this.eth,
      share(book(m as Model, this.token).get(m.addresses[this.user])!, this.tokenBps),
    ];
  }
  check(m: Readonly<Model>): boolean {
    const [a0, a1] = this.amounts(m);
    const [x0, x1] = m.stableBalances[this.token];
    const empty = x0 === 0n || x1 === 0n;
    return empty ? a0 >= 10n ** 15n && a1 >= 10n ** 15n : a0 + a1 > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const { pool } = stablePoolOf(w, this.token);
    const user = w.users[this.user];
    const amounts = this.amounts(m);
    const lpBefore = await pool.balanceOf(user.address);
    await send(
      w,
      pool.connect(user).addLiquidity(amounts, 0n, user.address, { value: amounts[0] }),
    );
    const minted = (await pool.balanceOf(user.address)) - lpBefore;
    expect(minted > 0n, "adding liquidity mints LP").to.be.true;
    m.lp[this.token].set(user.address, m.lp[this.token].get(user.address)! + minted);
    moveToken(m, this.token, user.address, await pool.getAddress(), amounts[1]);
  }
  toCode(): string {
    return `new AddLiquidity("${this.user}", "${this.token}", ${amountCode(this.eth)}, ${this.tokenBps})`;
  }
}

export class RemoveLiquidity extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly token: TokenName,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return share(m.lp[this.token].get(m.addresses[this.user])!, this.bps) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const { pool, coin } = stablePoolOf(w, this.token);
    const user = w.users[this.user];
    const burn = share(m.lp[this.token].get(user.address)!, this.bps);
    const state = await readPoolState(pool, BigInt(await coin.decimals()));
    const [eth, tokens] = removeLiquidity(state, burn);
    const ethBefore = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, pool.connect(user).removeLiquidity(burn, [0n, 0n], user.address));
    await expectEthDelta(
      w,
      user.address,
      ethBefore,
      eth - receipt.fee,
      "removeLiquidity pays the reference's ETH",
    );
    m.lp[this.token].set(user.address, m.lp[this.token].get(user.address)! - burn);
    moveToken(m, this.token, await pool.getAddress(), user.address, tokens);
  }
  toCode(): string {
    return `new RemoveLiquidity("${this.user}", "${this.token}", ${this.bps})`;
  }
}

export class RemoveLiquidityOneCoin extends ModelCommand {
  /** Burns `bps` of the user's LP for coin `i` alone (0: ETH, 1: the token). */
  constructor(
    readonly user: UserName,
    readonly token: TokenName,
    readonly bps: number,
    readonly i: 0 | 1,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return share(m.lp[this.token].get(m.addresses[this.user])!, this.bps) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const { pool, coin } = stablePoolOf(w, this.token);
    const user = w.users[this.user];
    const burn = share(m.lp[this.token].get(user.address)!, this.bps);
    const state = await readPoolState(pool, BigInt(await coin.decimals()));
    // Valid only if the burn leaves coin i some balance (ng reverts otherwise), at either rate.
    try {
      if (calcWithdrawOneCoin(state, burn, this.i).dy <= 0n) return;
    } catch {
      return;
    }
    const ethBefore = await w.connection.ethers.provider.getBalance(user.address);
    const tokenBefore = await coin.balanceOf(user.address);
    const receipt = await send(
      w,
      pool.connect(user).removeLiquidityOneCoin(burn, BigInt(this.i), 0n, user.address),
    );
    // The reference at the rate the pool used in this block (read once per block, bounded).
    const reference = calcWithdrawOneCoin(
      { ...state, rateWad: await pool.storedRate() },
      burn,
      this.i,
    ).dy;
    const dy =
      this.i === 0
        ? (await w.connection.ethers.provider.getBalance(user.address)) - ethBefore + receipt.fee
        : (await coin.balanceOf(user.address)) - tokenBefore;
    expect(dy <= reference, `withdrawal pays ${dy}, more than the reference ${reference}`).to.be
      .true;
    expect(
      dy + STABLESWAP_EXCHANGE_ROUNDING_WEI >= reference,
      `withdrawal pays ${dy}, below the reference ${reference} by more than ${STABLESWAP_EXCHANGE_ROUNDING_WEI} wei`,
    ).to.be.true;
    m.lp[this.token].set(user.address, m.lp[this.token].get(user.address)! - burn);
    if (this.i === 1) moveToken(m, this.token, await pool.getAddress(), user.address, dy);
  }
  toCode(): string {
    return `new RemoveLiquidityOneCoin("${this.user}", "${this.token}", ${this.bps}, ${this.i})`;
  }
}
