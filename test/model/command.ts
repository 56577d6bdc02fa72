/**
 * The base of every model command: fast-check's `AsyncCommand` (`check` on the model, `run` on the
 * model and the world), plus `toCode`, the command as one line of TypeScript, so a shrunk failing
 * sequence prints as a scenario ready to paste (`printer.ts`).
 *
 * `run` is a template: the action (`act`), then every check of `checks.ts` (INV-1 … INV-10, the
 * model against the chain, ETH conservation), then the observed half of the model is read back.
 */
import type fc from "fast-check";

import type { Model } from "./model.js";
import type { TokenName, World } from "./world.js";

/** What a step tells the checks: which invariant snapshots it may move, and how. */
export interface StepKind {
  /** A report, a slashing or a fee: the LST rate may move (INV-2 skips this step). */
  movesLstRate?: boolean;
  /** A CL loss no report has seen yet: INV-1's CL-backing half waits for the report. */
  unreportedClLoss?: boolean;
  /** An exchange in a StableSwap pool (INV-9: D must not fall). */
  exchange?: boolean;
  /** An AVS slash: INV-7 compares the stakers' withdrawable shares before and after. */
  avsSlash?: { operator: string; fractionWad: bigint };
}

/** How many times each command ran in this process (the fuzz summary prints it). */
export const commandCounts = new Map<string, number>();

export abstract class ModelCommand implements fc.AsyncCommand<Model, World> {
  /** Valid in this state? (Only the model is read: a sequence is valid before it runs.) */
  abstract check(model: Readonly<Model>): boolean;
  /** Performs the action on the chain and updates the predicted half of the model. */
  abstract act(model: Model, world: World): Promise<StepKind | void>;
  /** The command as a TypeScript expression: `new Deposit("alice", ether("1.5"))`. */
  abstract toCode(): string;

  async run(model: Model, world: World): Promise<void> {
    const name = this.constructor.name;
    commandCounts.set(name, (commandCounts.get(name) ?? 0) + 1);
    await runStep(this, model, world);
  }

  toString(): string {
    return this.toCode();
  }
}

/** Set by `checks.ts` (it imports the commands' types; this keeps the import graph acyclic). */
export let runStep: (command: ModelCommand, model: Model, world: World) => Promise<void> = () => {
  throw new Error("checks.ts not loaded");
};
export function setStepRunner(runner: typeof runStep): void {
  runStep = runner;
}

/** An amount as the project's helpers write it: `ether("1.5")` when it is whole to 1e-6 ETH. */
export function amountCode(wei: bigint): string {
  if (wei % 10n ** 12n === 0n) {
    const whole = wei / 10n ** 18n;
    const frac = (wei % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
    return `ether("${whole}${frac === "" ? "" : "." + frac}")`;
  }
  return `${wei}n`;
}

/** `a × bps / 10,000`, rounded down: commands size amounts as a share of what is available. */
export function share(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps)) / 10_000n;
}

/** The predicted balance map of `token` (LST or LRT). */
export function book(m: Model, token: TokenName): Map<string, bigint> {
  return token === "lst" ? m.lst : m.lrt;
}

/** Moves `amount` of `token` in the model, for the holders it tracks (others are not predicted). */
export function moveToken(
  m: Model,
  token: TokenName,
  from: string,
  to: string,
  amount: bigint,
): void {
  const b = book(m, token);
  if (b.has(from)) b.set(from, b.get(from)! - amount);
  if (b.has(to)) b.set(to, b.get(to)! + amount);
}

/** Moves `amount` of predicted LST from `from` to `to`. */
export function moveLst(m: Model, from: string, to: string, amount: bigint): void {
  moveToken(m, "lst", from, to, amount);
}
