/**
 * Commands of liquid restaking (DESIGN §7): deposit ETH or LST into the LRT vault, request and claim
 * a redemption, and the vault manager's actions: restake idle LST, complete matured withdrawals,
 * harvest service rewards, undelegate and move to another operator.
 */
import { expect } from "chai";

import { ModelCommand, amountCode, moveLst, share } from "./command.js";
import { expectEthDelta } from "./commands-staking.js";
import type { Model } from "./model.js";
import { lrtClaimMargin, sharesForDeposit, vaultSharesForAssets } from "./reference.js";
import { send, type OperatorName, type UserName, type World } from "./world.js";

/** The LRT's decimals offset over the LST (21 − 18): OpenZeppelin's virtual shares, 10^3. */
const LRT_DECIMALS_OFFSET = 3n;

/** The vault's totals at the block the next transaction will be mined in (rewards stream per second). */
async function vaultTotals(w: World) {
  const pending = { blockTag: "pending" } as never;
  return Promise.all([w.f.vault.totalAssets(pending), w.f.vault.totalSupply(pending)]);
}

export class LrtDepositEth extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly amount: bigint,
  ) {
    super();
  }
  check(): boolean {
    return true;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const user = w.users[this.user];
    const lst = sharesForDeposit(m.pool, this.amount);
    const [assets, supply] = await vaultTotals(w);
    const shares = vaultSharesForAssets(lst, assets, supply, LRT_DECIMALS_OFFSET);
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(
      w,
      f.vault.connect(user).depositETH(user.address, shares, { value: this.amount }),
    );
    await expectEthDelta(w, user.address, before, -this.amount - receipt.fee, "depositETH");
    m.pool.buffered += this.amount;
    m.pool.supply += lst;
    const vault = await f.vault.getAddress();
    m.lst.set(vault, m.lst.get(vault)! + lst);
    m.lrt.set(user.address, m.lrt.get(user.address)! + shares);
  }
  toCode(): string {
    return `new LrtDepositEth("${this.user}", ${amountCode(this.amount)})`;
  }
}

export class LrtDeposit extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return share(m.lst.get(m.addresses[this.user])!, this.bps) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const user = w.users[this.user];
    const assets = share(m.lst.get(user.address)!, this.bps);
    const [total, supply] = await vaultTotals(w);
    const shares = vaultSharesForAssets(assets, total, supply, LRT_DECIMALS_OFFSET);
    await send(w, f.vault.connect(user).deposit(assets, user.address));
    moveLst(m, user.address, await f.vault.getAddress(), assets);
    m.lrt.set(user.address, m.lrt.get(user.address)! + shares);
  }
  toCode(): string {
    return `new LrtDeposit("${this.user}", ${this.bps})`;
  }
}

export class LrtRequestRedeem extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return share(m.lrt.get(m.addresses[this.user])!, this.bps) >= 10n ** 6n;
  }
  async act(m: Model, w: World): Promise<void> {
    const user = w.users[this.user];
    const shares = share(m.lrt.get(user.address)!, this.bps);
    await send(w, w.f.vault.connect(user).requestRedeem(shares));
    m.lrt.set(user.address, m.lrt.get(user.address)! - shares);
  }
  toCode(): string {
    return `new LrtRequestRedeem("${this.user}", ${this.bps})`;
  }
}

export class LrtClaimRedeem extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  private request(m: Readonly<Model>) {
    return m.redeems.find(
      (r) => r.owner === m.addresses[this.user] && !r.claimed && r.readyAt <= m.time + 1n,
    );
  }
  check(m: Readonly<Model>): boolean {
    return this.request(m) !== undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const user = w.users[this.user];
    const r = this.request(m)!;
    if (m.vault.undelegationReadyAt !== 0n && m.vault.undelegationReadyAt <= m.time + 1n) {
      // The vault left its operator: a request it could not queue is paid from the LST the
      // undelegation brings back, which anyone completes first (LRTVault.operators.test.ts: "pays a
      // redemption requested while undelegated from the LST that comes back").
      await managerToVault(m, w, () =>
        send(w, f.vault.connect(user).completeQueuedWithdrawals(10n)),
      );
    }
    const managerAddress = await f.restakingManager.getAddress();
    const vault = await f.vault.getAddress();
    const preview = await f.vault.previewClaimRedeem(r.id);
    const promised = (await f.vault.getRedeemRequest(r.id)).assets;
    expect(preview <= promised, "a redemption pays at most its value at request").to.be.true;
    const margin = lrtClaimMargin(await f.vault.openWithdrawals());
    const [managerBefore, userBefore] = await Promise.all([
      f.lst.balanceOf(managerAddress),
      f.lst.balanceOf(user.address),
    ]);
    await send(w, f.vault.connect(user).claimRedeem(r.id));
    const paid = (await f.lst.balanceOf(user.address)) - userBefore;
    expect(paid >= preview, `a claim pays ${paid}, less than its preview ${preview}`).to.be.true;
    expect(paid <= promised, `a claim pays ${paid}, more than its value at request ${promised}`).to
      .be.true;
    expect(
      paid - preview <= margin,
      `a claim pays ${paid - preview} wei over its preview (margin ${margin})`,
    ).to.be.true;
    // The manager's part comes back to the vault first, then the vault pays the claim.
    moveLst(m, managerAddress, vault, managerBefore - (await f.lst.balanceOf(managerAddress)));
    moveLst(m, vault, user.address, paid);
  }
  toCode(): string {
    return `new LrtClaimRedeem("${this.user}")`;
  }
}

export class ManagerRestake extends ModelCommand {
  /** The vault's manager restakes `bps` of the idle LST the buffer rule lets it restake. */
  constructor(readonly bps: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.vault.delegated;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    // At the block the restake is mined in: `totalAssets` counts rewards streamed up to it.
    const pending = { blockTag: "pending" } as never;
    const [idle, reserved, total, bufferBps] = await Promise.all([
      f.vault.idleAssets(pending),
      f.vault.reservedAssets(pending),
      f.vault.totalAssets(pending),
      f.vault.bufferBps(pending),
    ]);
    const free = idle > reserved ? idle - reserved : 0n;
    const minIdle = (total * bufferBps + 9_999n) / 10_000n;
    const amount = free > minIdle ? share(free - minIdle, this.bps) : 0n;
    if (amount === 0n) return; // nothing above the buffer: the manager has nothing to restake
    await send(w, f.vault.connect(f.manager).restake(amount));
    moveLst(m, await f.vault.getAddress(), await f.restakingManager.getAddress(), amount);
  }
  toCode(): string {
    return `new ManagerRestake(${this.bps})`;
  }
}

/** Runs a manager action that moves LST between the restaking manager and the vault; books the move. */
async function managerToVault(m: Model, w: World, action: () => Promise<unknown>): Promise<void> {
  const f = w.f;
  const managerAddress = await f.restakingManager.getAddress();
  const before = await f.lst.balanceOf(managerAddress);
  await action();
  moveLst(
    m,
    managerAddress,
    await f.vault.getAddress(),
    before - (await f.lst.balanceOf(managerAddress)),
  );
}

export class ManagerCompleteWithdrawals extends ModelCommand {
  check(m: Readonly<Model>): boolean {
    // A matured redemption, or the undelegation's withdrawal once it is due (until it is back, the
    // vault cannot delegate again: without it `ManagerDelegate` never ran).
    const due = m.vault.undelegationReadyAt;
    return (
      m.redeems.some((r) => r.open && r.readyAt <= m.time + 1n) ||
      (due !== 0n && due <= m.time + 1n)
    );
  }
  async act(m: Model, w: World): Promise<void> {
    await managerToVault(m, w, () =>
      send(w, w.f.vault.connect(w.f.manager).completeQueuedWithdrawals(10n)),
    );
  }
  toCode(): string {
    return `new ManagerCompleteWithdrawals()`;
  }
}

export class Harvest extends ModelCommand {
  check(m: Readonly<Model>): boolean {
    return m.vaultClaimable > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    await managerToVault(m, w, () => send(w, w.f.vault.connect(w.f.manager).harvestRewards()));
  }
  toCode(): string {
    return `new Harvest()`;
  }
}

export class ManagerUndelegate extends ModelCommand {
  check(m: Readonly<Model>): boolean {
    return m.vault.delegated;
  }
  async act(m: Model, w: World): Promise<void> {
    await send(w, w.f.vault.connect(w.f.manager).undelegate());
  }
  toCode(): string {
    return `new ManagerUndelegate()`;
  }
}

export class ManagerDelegate extends ModelCommand {
  constructor(readonly operator: OperatorName) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return (
      !m.vault.delegated && m.vault.openWithdrawals === 0n && m.maxMagnitude[this.operator] > 0n
    );
  }
  async act(m: Model, w: World): Promise<void> {
    await send(w, w.f.vault.connect(w.f.manager).delegateTo(w.operators[this.operator].address));
  }
  toCode(): string {
    return `new ManagerDelegate("${this.operator}")`;
  }
}
