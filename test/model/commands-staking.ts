/**
 * Commands of the consensus layer and liquid staking (DESIGN §4, §5): deposit, request and claim a
 * withdrawal, stake a validator, time passing (CL rewards), offline penalty, slashing (single and
 * correlated), exit, sweep, and the oracle's report (with the loss confirmer's second opinion).
 */
import { expect } from "chai";

import { buildOracleReport, reportHash } from "../helpers/oracle.js";
import { ModelCommand, amountCode, share, type StepKind } from "./command.js";
import { ACTIVE, EXITING, type Model, type ValidatorView } from "./model.js";
import {
  CL_REWARD_ROUNDING_WEI,
  applyReport,
  clReward,
  ethForShares,
  sharesForDeposit,
} from "./reference.js";
import { send, type UserName, type World } from "./world.js";

/** The `pick`-th of `list`, cyclically (commands name a validator by a number, valid in any state). */
function pickOf<T>(list: T[], pick: number): T {
  return list[pick % list.length];
}

/** Validators that can still be slashed or penalized: active, or exiting and not yet withdrawable. */
function slashable(m: Readonly<Model>): ValidatorView[] {
  return m.validators.filter(
    (v) => v.status === ACTIVE || (v.status === EXITING && m.time + 1n < v.withdrawableAt),
  );
}

/** Validators a sweep pays: active with a skim, or exited and withdrawable. */
function sweepable(m: Readonly<Model>, deposit: bigint): ValidatorView[] {
  return m.validators.filter(
    (v) =>
      (v.status === ACTIVE && v.balance > deposit) ||
      (v.status === EXITING && m.time + 1n >= v.withdrawableAt),
  );
}

/** Unfinalised ETH in the queue: what the buffer keeps back from new validators. */
function unfinalizedEth(m: Readonly<Model>): bigint {
  return m.requests.filter((r) => r.id > m.pool.lastFinalized).reduce((s, r) => s + r.eth, 0n);
}

/** Asserts `address`'s ETH moved by exactly `delta` (fees included by the caller). */
export async function expectEthDelta(
  world: World,
  address: string,
  before: bigint,
  delta: bigint,
  what: string,
): Promise<void> {
  const after = await world.connection.ethers.provider.getBalance(address);
  expect(after - before, `${what}: ETH change of ${address}`).to.equal(delta);
}

export class Deposit extends ModelCommand {
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
    const user = w.users[this.user];
    const shares = sharesForDeposit(m.pool, this.amount);
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, w.f.pool.connect(user).deposit({ value: this.amount }));
    await expectEthDelta(w, user.address, before, -this.amount - receipt.fee, "deposit");
    m.pool.buffered += this.amount;
    m.pool.supply += shares;
    m.lst.set(user.address, m.lst.get(user.address)! + shares);
  }
  toCode(): string {
    return `new Deposit("${this.user}", ${amountCode(this.amount)})`;
  }
}

export class RequestWithdrawal extends ModelCommand {
  constructor(
    readonly user: UserName,
    readonly bps: number,
  ) {
    super();
  }
  private shares(m: Readonly<Model>, w?: World): bigint {
    void w;
    return share(m.lst.get(this.userAddress(m))!, this.bps);
  }
  private userAddress(m: Readonly<Model>): string {
    return m.addresses[this.user];
  }
  check(m: Readonly<Model>): boolean {
    return this.shares(m) >= 100n;
  }
  async act(m: Model, w: World): Promise<void> {
    const user = w.users[this.user];
    const shares = this.shares(m);
    const eth = ethForShares(m.pool, shares);
    await send(w, w.f.pool.connect(user).requestWithdrawal(shares));
    const poolAddress = await w.f.pool.getAddress();
    m.lst.set(user.address, m.lst.get(user.address)! - shares);
    m.lst.set(poolAddress, m.lst.get(poolAddress)! + shares);
    m.requests.push({
      id: BigInt(m.requests.length) + 1n,
      owner: user.address,
      shares,
      eth,
      period: m.pool.reportCount,
      claimed: false,
    });
  }
  toCode(): string {
    return `new RequestWithdrawal("${this.user}", ${this.bps})`;
  }
}

export class ClaimWithdrawal extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  private request(m: Readonly<Model>) {
    return m.requests.find(
      (r) => r.owner === m.addresses[this.user] && r.id <= m.pool.lastFinalized && !r.claimed,
    );
  }
  check(m: Readonly<Model>): boolean {
    return this.request(m) !== undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    const user = w.users[this.user];
    const request = this.request(m)!;
    const before = await w.connection.ethers.provider.getBalance(user.address);
    const receipt = await send(w, w.f.pool.connect(user).claimWithdrawal(request.id));
    await expectEthDelta(w, user.address, before, request.payout! - receipt.fee, "claim");
    expect(request.payout! <= request.eth, "INV-4 a claim pays ≤ its value at request").to.be.true;
    request.claimed = true;
    m.pool.locked -= request.payout!;
  }
  toCode(): string {
    return `new ClaimWithdrawal("${this.user}")`;
  }
}

export class StakeValidator extends ModelCommand {
  check(m: Readonly<Model>): boolean {
    const free =
      m.pool.buffered - (unfinalizedEth(m) < m.pool.buffered ? unfinalizedEth(m) : m.pool.buffered);
    return free >= m.pool.validatorDeposit;
  }
  async act(m: Model, w: World): Promise<void> {
    const { ethers } = w.connection;
    const hash = ethers.id(`model-validator-${m.validators.length}`);
    await send(w, w.f.pool.connect(w.f.poolOperator).stakeValidator(hash));
    m.pool.buffered -= m.pool.validatorDeposit;
    m.pool.deposited += 1n;
  }
  toCode(): string {
    return `new StakeValidator()`;
  }
}

export class Report extends ModelCommand {
  check(m: Readonly<Model>): boolean {
    return m.simulatedTime + 1n > m.pool.lastReportTimestamp;
  }
  async act(m: Model, w: World): Promise<StepKind> {
    const f = w.f;
    const { report, outcome, accounts } = await buildOracleReport(f.pool, f.simulator);
    if (outcome.bounds === "loss-needs-confirmation") {
      // The second opinion (Lido's): the loss confirmer approves this exact report first.
      await send(w, f.pool.connect(f.lossConfirmer).confirmLossReport(reportHash(report)));
    }
    await send(w, f.pool.connect(f.oracle).submitReport(report));
    const { feeShares } = applyReport(
      m.pool,
      m.requests,
      report,
      report.finalizeUpToRequestId,
      accounts,
    );
    m.lst.set(f.treasury.address, m.lst.get(f.treasury.address)! + feeShares);
    const poolAddress = await f.pool.getAddress();
    const burnt = m.requests
      .filter((r) => r.payout !== undefined && !r.burnt)
      .reduce((s, r) => {
        r.burnt = true;
        return s + r.shares;
      }, 0n);
    m.lst.set(poolAddress, m.lst.get(poolAddress)! - burnt);
    m.unreportedClLoss = false;
    return { movesLstRate: true };
  }
  toCode(): string {
    return `new Report()`;
  }
}

export class AdvanceTime extends ModelCommand {
  constructor(readonly seconds: bigint) {
    super();
  }
  check(): boolean {
    return true;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const active = m.validators.filter((v) => v.status === ACTIVE);
    const before = await Promise.all(active.map((v) => f.simulator.validatorBalance(v.index)));
    const start = BigInt((await w.connection.ethers.provider.getBlock("latest"))!.timestamp);
    await w.connection.networkHelpers.time.increase(this.seconds);
    const end = BigInt((await w.connection.ethers.provider.getBlock("latest"))!.timestamp);
    const [deposit, apr, scale] = await Promise.all([
      f.simulator.validatorDeposit(),
      f.simulator.rewardAprBps(),
      f.simulator.timeScale(),
    ]);
    const exact = clReward(deposit, apr, end - start, scale);
    for (const [n, v] of active.entries()) {
      const gained = (await f.simulator.validatorBalance(v.index)) - before[n];
      const diff = gained > exact ? gained - exact : exact - gained;
      expect(
        diff <= CL_REWARD_ROUNDING_WEI,
        `validator ${v.index} earned ${gained} wei in ${end - start} s, expected ${exact} ± ${CL_REWARD_ROUNDING_WEI}`,
      ).to.be.true;
    }
  }
  toCode(): string {
    return `new AdvanceTime(${this.seconds}n)`;
  }
}

/** Marks a loss of a pool validator the pool has not seen yet (INV-1's CL half waits for a report). */
function noteLoss(m: Model, v: ValidatorView): void {
  if (v.owner === "pool") m.unreportedClLoss = true;
}

export class Penalize extends ModelCommand {
  constructor(
    readonly pick: number,
    readonly amount: bigint,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return slashable(m).length > 0;
  }
  async act(m: Model, w: World): Promise<void> {
    const v = pickOf(slashable(m), this.pick);
    await send(w, w.f.simulator.connect(w.f.teacher).penalize(v.index, this.amount));
    noteLoss(m, v);
  }
  toCode(): string {
    return `new Penalize(${this.pick}, ${amountCode(this.amount)})`;
  }
}

export class Slash extends ModelCommand {
  /** `count` validators slashed in one step: more than one is a correlated slashing. */
  constructor(
    readonly pick: number,
    readonly count: number = 1,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return slashable(m).filter((v) => !v.slashed).length >= this.count;
  }
  async act(m: Model, w: World): Promise<void> {
    const candidates = slashable(m).filter((v) => !v.slashed);
    for (let n = 0; n < this.count; n++) {
      const v = candidates[(this.pick + n) % candidates.length];
      await send(w, w.f.simulator.connect(w.f.teacher).slash(v.index));
      noteLoss(m, v);
    }
  }
  toCode(): string {
    return `new Slash(${this.pick}, ${this.count})`;
  }
}

export class ExitValidator extends ModelCommand {
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.validators.some((v) => v.status === ACTIVE);
  }
  async act(m: Model, w: World): Promise<void> {
    const v = pickOf(
      m.validators.filter((x) => x.status === ACTIVE),
      this.pick,
    );
    await send(w, w.f.simulator.connect(w.f.teacher).requestExit(v.index));
  }
  toCode(): string {
    return `new ExitValidator(${this.pick})`;
  }
}

export class Sweep extends ModelCommand {
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return sweepable(m, m.pool.validatorDeposit).length > 0;
  }
  async act(m: Model, w: World): Promise<void> {
    const f = w.f;
    const v = pickOf(sweepable(m, m.pool.validatorDeposit), this.pick);
    const to = v.owner === "pool" ? await f.pool.getAddress() : m.pods[v.owner]!.address;
    const before = await w.connection.ethers.provider.getBalance(to);
    const receipt = await send(w, f.simulator.connect(f.stranger).sweep(v.index));
    const swept = receipt.logs
      .map((log) => f.simulator.interface.parseLog(log))
      .find((e) => e?.name === "Swept")!;
    const paid = swept.args.amount as bigint;
    await expectEthDelta(w, to, before, paid, "sweep pays the withdrawal address");
    if (v.owner === "pool") {
      m.pool.unaccounted += paid;
      // A slashed validator's correlation penalty lands at its sweep.
      if (v.slashed) m.unreportedClLoss = true;
    }
  }
  toCode(): string {
    return `new Sweep(${this.pick})`;
  }
}

export class SetSlashingRules extends ModelCommand {
  /**
   * The teacher replays history: the initial penalty's quotient (4096 after Pectra, 32 before) and
   * the rest of the network's stake (mainnet's, or none: then the lab's validators are the whole
   * network and a third slashed together lose everything).
   */
  constructor(
    readonly prePectra: boolean,
    readonly labIsTheNetwork: boolean,
  ) {
    super();
  }
  check(): boolean {
    return true;
  }
  async act(_m: Model, w: World): Promise<void> {
    const { simulator, teacher, profile } = w.f;
    await send(
      w,
      simulator.connect(teacher).setSlashingPenaltyQuotient(this.prePectra ? 32n : 4096n),
    );
    await send(
      w,
      simulator
        .connect(teacher)
        .setExternalActiveBalance(this.labIsTheNetwork ? 0n : profile.externalActiveBalanceWei),
    );
  }
  toCode(): string {
    return `new SetSlashingRules(${this.prePectra}, ${this.labIsTheNetwork})`;
  }
}
