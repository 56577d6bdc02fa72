/**
 * Commands of restaking (DESIGN §6): restake the LST, delegate, undelegate, queue and complete
 * withdrawals, allocate and deallocate, AVS payments and slashes, reward claims. Native restaking's
 * pods are in `commands-pods.ts`.
 */
import { expect } from "chai";

import { checkSlashingLosses, withdrawableSnapshot } from "../helpers/restaking-invariants.js";
import { ModelCommand, amountCode, moveLst, share, type StepKind } from "./command.js";
import { expectEthDelta } from "./commands-staking.js";
import type { Model } from "./model.js";
import { sharesForDeposit } from "./reference.js";
import {
  USERS,
  send,
  type AvsName,
  type OperatorName,
  type UserName,
  type World,
} from "./world.js";

const WAD = 10n ** 18n;

export class Restake extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    const op = m.delegatedTo[this.user];
    return (
      share(m.lst.get(m.addresses[this.user])!, this.bps) >= 10n ** 9n &&
      (op === undefined || m.maxMagnitude[op] > 0n)
    );
  }
  async act(m: Model, w: World): Promise<void> {
    const amount = share(m.lst.get(m.addresses[this.user])!, this.bps);
    const f = w.f;
    await send(
      w,
      f.restakingManager.connect(w.users[this.user]).depositIntoStrategy(f.lstAddress, amount),
    );
    moveLst(m, m.addresses[this.user], await f.restakingManager.getAddress(), amount);
  }
  toCode(): string {
    return `new Restake("${this.user}", ${this.bps})`;
  }
}

export class Delegate extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly operator: OperatorName,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.delegatedTo[this.user] === undefined && m.maxMagnitude[this.operator] > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const op = w.operators[this.operator].address;
    await send(w, w.f.restakingManager.connect(w.users[this.user]).delegateTo(op));
  }
  toCode(): string {
    return `new Delegate("${this.user}", "${this.operator}")`;
  }
}

export class Undelegate extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.delegatedTo[this.user] !== undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    await send(w, w.f.restakingManager.connect(w.users[this.user]).undelegate());
  }
  toCode(): string {
    return `new Undelegate("${this.user}")`;
  }
}

export class QueueWithdrawal extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly bps: number,
    readonly native = false,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return share(m.restaked[this.user][this.native ? 1 : 0], this.bps) > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const shares = share(m.restaked[this.user][this.native ? 1 : 0], this.bps);
    const token = this.native ? await f.restakingManager.beaconChainETHStrategy() : f.lstAddress;
    await send(w, f.restakingManager.connect(w.users[this.user]).queueWithdrawal(token, shares));
  }
  toCode(): string {
    return `new QueueWithdrawal("${this.user}", ${this.bps}${this.native ? ", true" : ""})`;
  }
}

export class CompleteWithdrawal extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  private withdrawal(m: Readonly<Model>) {
    const pod = m.pods[this.user];
    return m.withdrawals.find(
      (x) =>
        x.staker === m.addresses[this.user] &&
        !x.completed &&
        x.completableAt <= m.time + 1n &&
        (!x.native || (pod !== undefined && pod.withdrawable >= x.amount)),
    );
  }
  check(m: Readonly<Model>): boolean {
    return this.withdrawal(m) !== undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const user = w.users[this.user];
    const x = this.withdrawal(m)!;
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, f.restakingManager.connect(user).completeQueuedWithdrawal(x.id));
    if (x.native) {
      await expectEthDelta(w, user.address, before, x.amount - receipt.fee, "native withdrawal");
    } else {
      // Pays exactly what `previewWithdrawal` promised after the last step (nothing moved since).
      moveLst(m, await f.restakingManager.getAddress(), user.address, x.amount);
    }
  }
  toCode(): string {
    return `new CompleteWithdrawal("${this.user}")`;
  }
}

export class Allocate extends ModelCommand {
  /** `operator` sets its LST allocation to `avs` to `bps` of what it may allocate there. */
  constructor(
    readonly operator: OperatorName,
    readonly avs: AvsName,
    readonly bps: number,
  ) {
    super();
  }
  private magnitude(m: Readonly<Model>): bigint {
    const a = m.allocations[this.operator][this.avs];
    const room = a.magnitude + m.maxMagnitude[this.operator] - m.encumbered[this.operator];
    return share(room, this.bps);
  }
  check(m: Readonly<Model>): boolean {
    const a = m.allocations[this.operator][this.avs];
    return !a.pending && this.magnitude(m) !== a.magnitude;
  }
  async act(m: Model, w: World): Promise<void> {
    await send(
      w,
      w.f.restakingManager
        .connect(w.operators[this.operator])
        .modifyAllocation(w.avss[this.avs].address, w.f.lstAddress, this.magnitude(m)),
    );
  }
  toCode(): string {
    return `new Allocate("${this.operator}", "${this.avs}", ${this.bps})`;
  }
}

export class ClearDeallocation extends ModelCommand {
  constructor(
    readonly operator: OperatorName,
    readonly avs: AvsName,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    const a = m.allocations[this.operator][this.avs];
    return a.pending && a.effectAt <= m.time + 1n;
  }
  async act(m: Model, w: World): Promise<void> {
    await send(
      w,
      w.f.restakingManager
        .connect(w.f.stranger)
        .clearDeallocation(
          w.operators[this.operator].address,
          w.avss[this.avs].address,
          w.f.lstAddress,
        ),
    );
  }
  toCode(): string {
    return `new ClearDeallocation("${this.operator}", "${this.avs}")`;
  }
}

export class AvsSlash extends ModelCommand {
  /** `avs` slashes `bps` of `operator`'s allocation to it. */
  constructor(
    readonly avs: AvsName,
    readonly operator: OperatorName,
    readonly bps: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    // Some allocation to this AVS is left, in some strategy (the fixture's second strategy too).
    return m.allocatedAnywhere[this.operator][this.avs];
  }
  async act(m: Model, w: World): Promise<StepKind> {
    const f = w.f;
    const rm = f.restakingManager;
    const op = w.operators[this.operator].address;
    const avs = w.avss[this.avs].address;
    const vault = await f.vault.getAddress();
    const stakers = [...USERS.map((u) => m.addresses[u]), vault];
    const wad = (WAD * BigInt(this.bps)) / 10_000n;
    // INV-7: the most each strategy's delegators may lose is wad × allocated / max magnitude.
    const fractions: Record<string, bigint> = {};
    for (const token of await rm.strategyTokens()) {
      const a = await rm.getAllocation(op, avs, token);
      const pendingUp = a.pendingDiff > 0n ? a.pendingDiff : 0n;
      void pendingUp;
      const max = await rm.maxMagnitude(op, token);
      fractions[token] = max === 0n ? 0n : (wad * a.currentMagnitude + max - 1n) / max;
    }
    const delegation: Record<string, string> = {};
    for (const u of USERS) {
      const d = m.delegatedTo[u];
      if (d !== undefined) delegation[m.addresses[u]] = w.operators[d].address;
    }
    if (m.vault.delegated) delegation[vault] = await f.vault.operator();
    const before = await withdrawableSnapshot(rm, stakers);
    const recipient = await rm.slashedFundsRecipient(avs);
    const managerAddress = await rm.getAddress();
    const [managerBefore, recipientBefore] = await Promise.all([
      f.lst.balanceOf(managerAddress),
      f.lst.balanceOf(recipient),
    ]);
    await send(
      w,
      rm.connect(w.avss[this.avs]).slashOperator(op, wad, `model slash ${this.bps} bps`),
    );
    const after = await withdrawableSnapshot(rm, stakers);
    checkSlashingLosses(before, after, delegation, { [op]: fractions }, `step ${m.step} slash`);
    const taken = managerBefore - (await f.lst.balanceOf(managerAddress));
    expect(
      (await f.lst.balanceOf(recipient)) - recipientBefore,
      "the slashed LST reaches the AVS's recipient (or the burn address), whole",
    ).to.equal(taken);
    moveLst(m, managerAddress, recipient, taken);
    return {};
  }
  toCode(): string {
    return `new AvsSlash("${this.avs}", "${this.operator}", ${this.bps})`;
  }
}

export class AvsPay extends ModelCommand {
  /** `avs` stakes `amount` ETH for LST and streams it to `operator`'s delegators over `duration`. */
  constructor(
    readonly operator: OperatorName,
    readonly amount: bigint,
    readonly duration: bigint,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.operatorShares[this.operator] > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const lst = sharesForDeposit(m.pool, this.amount);
    await send(w, f.pool.connect(f.avs).deposit({ value: this.amount }));
    m.pool.buffered += this.amount;
    m.pool.supply += lst;
    m.lst.set(f.avs.address, m.lst.get(f.avs.address)! + lst);
    await send(
      w,
      f.restakingManager
        .connect(f.avs)
        .payRewards(
          w.operators[this.operator].address,
          f.lstAddress,
          f.lstAddress,
          lst,
          this.duration,
        ),
    );
    moveLst(m, f.avs.address, await f.restakingManager.getAddress(), lst);
  }
  toCode(): string {
    return `new AvsPay("${this.operator}", ${amountCode(this.amount)}, ${this.duration}n)`;
  }
}

export class ClaimRewards extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.claimable[this.user] > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const user = w.users[this.user];
    const before = await f.lst.balanceOf(user.address);
    await send(w, f.restakingManager.connect(user).claimRewards(f.lstAddress, user.address));
    const paid = (await f.lst.balanceOf(user.address)) - before;
    expect(
      paid >= m.claimable[this.user],
      "a claim pays at least what was claimable a block earlier",
    ).to.be.true;
    moveLst(m, await f.restakingManager.getAddress(), user.address, paid);
  }
  toCode(): string {
    return `new ClaimRewards("${this.user}")`;
  }
}
