/**
 * Commands of native restaking (DESIGN §6, EigenLayer's EigenPods): a user creates a pod, stakes a
 * validator through it, verifies its withdrawal credentials, checkpoints its balance, and exits it.
 * Its native-ETH shares are queued and completed by `QueueWithdrawal` / `CompleteWithdrawal`.
 */
import { ModelCommand } from "./command.js";
import { ACTIVE, type Model } from "./model.js";
import { send, type UserName, type World } from "./world.js";

async function podOf(m: Model, w: World, user: UserName) {
  return w.connection.ethers.getContractAt("RestakingPod", m.pods[user]!.address);
}

export class CreatePod extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.pods[this.user] === undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    await send(w, w.f.restakingManager.connect(w.users[this.user]).createPod());
  }
  toCode(): string {
    return `new CreatePod("${this.user}")`;
  }
}

export class PodStake extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.pods[this.user] !== undefined && m.podSlashingFactor[this.user] > 0n;
  }
  async act(m: Model, w: World): Promise<void> {
    const pod = await podOf(m, w, this.user);
    const hash = w.connection.ethers.id(`model-validator-${m.validators.length}`);
    await send(w, pod.connect(w.users[this.user]).stake(hash, { value: m.pool.validatorDeposit }));
  }
  toCode(): string {
    return `new PodStake("${this.user}")`;
  }
}

export class VerifyCredentials extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  private validator(m: Readonly<Model>) {
    return m.validators.find((v) => v.owner === this.user && !v.verified && v.status === ACTIVE);
  }
  check(m: Readonly<Model>): boolean {
    return this.validator(m) !== undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    const pod = await podOf(m, w, this.user);
    await send(w, pod.connect(w.f.stranger).verifyWithdrawalCredentials(this.validator(m)!.index));
  }
  toCode(): string {
    return `new VerifyCredentials("${this.user}")`;
  }
}

export class Checkpoint extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return (
      m.pods[this.user] !== undefined &&
      m.validators.every((v) => v.owner !== this.user || v.verified)
    );
  }
  async act(m: Model, w: World): Promise<void> {
    const pod = await podOf(m, w, this.user);
    await send(w, pod.connect(w.f.stranger).checkpoint());
  }
  toCode(): string {
    return `new Checkpoint("${this.user}")`;
  }
}

export class PodExit extends ModelCommand {
  constructor(readonly user: UserName) {
    super();
  }
  private validator(m: Readonly<Model>) {
    return m.validators.find((v) => v.owner === this.user && v.status === ACTIVE);
  }
  check(m: Readonly<Model>): boolean {
    return this.validator(m) !== undefined;
  }
  async act(m: Model, w: World): Promise<void> {
    const pod = await podOf(m, w, this.user);
    await send(w, pod.connect(w.users[this.user]).requestExit(this.validator(m)!.index));
  }
  toCode(): string {
    return `new PodExit("${this.user}")`;
  }
}
