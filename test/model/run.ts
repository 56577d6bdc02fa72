/**
 * The random sequences: one arbitrary per command (weighted by repetition), fast-check's
 * `fc.commands` + `fc.asyncModelRun` on a fresh snapshot of the whole system for each sequence, and
 * `replay` to run a printed (shrunk) sequence again as a regression test.
 */
import fc from "fast-check";
import type { NetworkConnection } from "hardhat/types/network";

import "./checks.js";
import { ethInSystem } from "./checks.js";
import type { ModelCommand } from "./command.js";
import * as lrt from "./commands-lrt.js";
import * as lending from "./commands-lending.js";
import * as pods from "./commands-pods.js";
import * as stableswap from "./commands-stableswap.js";
import * as restaking from "./commands-restaking.js";
import * as staking from "./commands-staking.js";
import { initialModel, type Model } from "./model.js";
import {
  AVSS,
  MARKET_KEYS,
  OPERATORS,
  TOKENS,
  USERS,
  worldLoader,
  type MarketKey,
  type World,
} from "./world.js";

const ETHER = 10n ** 18n;
const DAY = 86_400n;

const user = fc.constantFrom(...USERS);
const operator = fc.constantFrom(...OPERATORS);
const avs = fc.constantFrom(...AVSS);
const token = fc.constantFrom(...TOKENS);
/**
 * A lending market. Half the time one of the two whose price a sequence moves most easily (the LST's
 * exchange rate falls on a slashing report, its spot price on a sale): spread over 8 markets, a
 * supply, collateral and a borrow seldom met in one market, and `Liquidate` never ran.
 */
const marketKey = fc.oneof(
  fc.constantFrom(...MARKET_KEYS),
  fc.constantFrom<MarketKey>("lst.exchangeRate", "lst.spot"),
);
const pick = fc.nat({ max: 31 });
/** A share of what is available, in basis points: round figures and anything in between. */
const bps = fc.oneof(fc.constantFrom(1, 2_500, 5_000, 10_000), fc.integer({ min: 1, max: 10_000 }));
/** An ETH amount from 0.01 to 64 ETH, whole to 1e-6 ETH so it prints as `ether("…")`. */
const eth = fc.oneof(
  fc.constantFrom(ETHER / 100n, ETHER, 32n * ETHER),
  fc.bigInt({ min: 10_000n, max: 64_000_000n }).map((micro) => micro * 10n ** 12n),
);
/** Time passing: a block, an hour, a day, the restaking delay, the allocation delay, a slashing window. */
const seconds = fc.constantFrom(12n, 3_600n, DAY, 14n * DAY, 18n * DAY, 37n * DAY, 365n * DAY);

/** Every user and role action, each as often as its weight. */
export function commandArbitraries(only?: Set<string>): fc.Arbitrary<ModelCommand>[] {
  const weighted = (n: number, a: fc.Arbitrary<ModelCommand>) => Array.from({ length: n }, () => a);
  const all = [
    // Consensus layer and liquid staking.
    ...weighted(
      3,
      fc.tuple(user, eth).map(([u, a]) => new staking.Deposit(u, a)),
    ),
    ...weighted(
      2,
      fc.tuple(user, bps).map(([u, b]) => new staking.RequestWithdrawal(u, b)),
    ),
    ...weighted(
      2,
      user.map((u) => new staking.ClaimWithdrawal(u)),
    ),
    ...weighted(2, fc.constant(new staking.StakeValidator())),
    ...weighted(3, fc.constant(new staking.Report())),
    ...weighted(
      3,
      seconds.map((s) => new staking.AdvanceTime(s)),
    ),
    fc
      .tuple(pick, fc.constantFrom(ETHER / 1000n, ETHER / 10n, ETHER))
      .map(([p, a]) => new staking.Penalize(p, a)),
    fc.tuple(pick, fc.constantFrom(1, 1, 2, 3)).map(([p, c]) => new staking.Slash(p, c)),
    pick.map((p) => new staking.ExitValidator(p)),
    fc
      .tuple(fc.boolean(), fc.boolean())
      .map(([pre, lab]) => new staking.SetSlashingRules(pre, lab)),
    ...weighted(
      2,
      pick.map((p) => new staking.Sweep(p)),
    ),
    // Restaking, AVSs and pods.
    ...weighted(
      2,
      fc.tuple(user, bps).map(([u, b]) => new restaking.Restake(u, b)),
    ),
    ...weighted(
      2,
      fc.tuple(user, operator).map(([u, o]) => new restaking.Delegate(u, o)),
    ),
    user.map((u) => new restaking.Undelegate(u)),
    fc.tuple(user, bps, fc.boolean()).map(([u, b, n]) => new restaking.QueueWithdrawal(u, b, n)),
    ...weighted(
      2,
      user.map((u) => new restaking.CompleteWithdrawal(u)),
    ),
    fc.tuple(operator, avs, bps).map(([o, a, b]) => new restaking.Allocate(o, a, b)),
    fc.tuple(operator, avs).map(([o, a]) => new restaking.ClearDeallocation(o, a)),
    fc.tuple(avs, operator, bps).map(([a, o, b]) => new restaking.AvsSlash(a, o, b)),
    fc
      .tuple(operator, eth, fc.constantFrom(1n, DAY, 30n * DAY))
      .map(([o, a, d]) => new restaking.AvsPay(o, a, d)),
    // Pods and rewards need a chain of steps by one user: weighted up so that they run at all.
    ...weighted(
      2,
      user.map((u) => new restaking.ClaimRewards(u)),
    ),
    user.map((u) => new pods.CreatePod(u)),
    ...weighted(
      2,
      user.map((u) => new pods.PodStake(u)),
    ),
    ...weighted(
      2,
      user.map((u) => new pods.VerifyCredentials(u)),
    ),
    user.map((u) => new pods.Checkpoint(u)),
    user.map((u) => new pods.PodExit(u)),
    // Liquid restaking.
    ...weighted(
      2,
      fc.tuple(user, eth).map(([u, a]) => new lrt.LrtDepositEth(u, a)),
    ),
    fc.tuple(user, bps).map(([u, b]) => new lrt.LrtDeposit(u, b)),
    ...weighted(
      2,
      fc.tuple(user, bps).map(([u, b]) => new lrt.LrtRequestRedeem(u, b)),
    ),
    ...weighted(
      2,
      user.map((u) => new lrt.LrtClaimRedeem(u)),
    ),
    bps.map((b) => new lrt.ManagerRestake(b)),
    fc.constant(new lrt.ManagerCompleteWithdrawals()),
    fc.constant(new lrt.Harvest()),
    fc.constant(new lrt.ManagerUndelegate()),
    operator.map((o) => new lrt.ManagerDelegate(o)),
    // Market.
    ...weighted(
      3,
      fc
        .tuple(user, token, fc.boolean(), eth, bps)
        .map(
          ([u, t, sellEth, a, b]) => new stableswap.Swap(u, t, sellEth, sellEth ? a : BigInt(b)),
        ),
    ),
    ...weighted(
      2,
      fc
        .tuple(user, token, eth, bps)
        .map(([u, t, a, b]) => new stableswap.AddLiquidity(u, t, a, b)),
    ),
    fc.tuple(user, token, bps).map(([u, t, b]) => new stableswap.RemoveLiquidity(u, t, b)),
    fc
      .tuple(user, token, bps, fc.constantFrom(0 as const, 1 as const))
      .map(([u, t, b, i]) => new stableswap.RemoveLiquidityOneCoin(u, t, b, i)),
    ...weighted(
      2,
      fc.tuple(user, marketKey, eth).map(([u, k, a]) => new lending.Supply(u, k, a)),
    ),
    fc.tuple(user, marketKey, bps).map(([u, k, b]) => new lending.Withdraw(u, k, b)),
    ...weighted(
      2,
      fc.tuple(user, marketKey, bps).map(([u, k, b]) => new lending.SupplyCollateral(u, k, b)),
    ),
    ...weighted(
      2,
      fc.tuple(user, marketKey, bps).map(([u, k, b]) => new lending.Borrow(u, k, b)),
    ),
    fc.tuple(user, marketKey, bps).map(([u, k, b]) => new lending.Repay(u, k, b)),
    fc.tuple(user, marketKey, bps).map(([u, k, b]) => new lending.WithdrawCollateral(u, k, b)),
    ...weighted(
      2,
      fc.tuple(marketKey, user, bps).map(([k, u, b]) => new lending.Liquidate(k, u, b)),
    ),
  ];
  if (only === undefined) return all;
  // Each arbitrary makes one kind of command: name it by a sample.
  return all.filter((a) => only.has(fc.sample(a, { numRuns: 1, seed: 0 })[0].constructor.name));
}

export interface ModelRunOptions {
  numRuns: number;
  maxCommands: number;
  seed: number;
  path?: string;
  /** Called after each sequence with the totals so far (the fuzz progress line). */
  onSequence?: (totals: { sequences: number; steps: number }) => void;
  /**
   * Failures already reported (a regular expression on the message): counted, not shrunk, so that a
   * long fuzz run goes on looking for new ones. Never set in `npm test`.
   */
  known?: RegExp;
  /** Only these commands (class names), to aim a fuzz run at one layer. */
  only?: Set<string>;
}

/** Runs `numRuns` random sequences; returns fast-check's details and the totals. */
export async function checkModel(
  connection: NetworkConnection<"generic">,
  options: ModelRunOptions,
) {
  const loadWorld = worldLoader(connection);
  const totals = { sequences: 0, steps: 0, known: new Map<string, number>() };
  const property = fc.asyncProperty(
    fc.commands(commandArbitraries(options.only), {
      maxCommands: options.maxCommands,
      size: "max",
    }),
    async (commands) => {
      const world = await loadWorld();
      const model = await initialModel(world);
      model.ethAtStart = await ethInSystem(world, model);
      try {
        await fc.asyncModelRun(() => ({ model, real: world }), commands);
      } catch (error) {
        const message = String((error as Error).message ?? error).split("\n")[0];
        if (options.known === undefined || !options.known.test(message)) throw error;
        const key = message.replace(/^step \d+ /, "");
        totals.known.set(key, (totals.known.get(key) ?? 0) + 1);
      } finally {
        totals.sequences += 1;
        totals.steps += model.step;
        options.onSequence?.(totals);
      }
    },
  );
  const details = await fc.check(property, {
    numRuns: options.numRuns,
    seed: options.seed,
    path: options.path,
    endOnFailure: false,
  });
  return { details, totals };
}

/** Runs a printed sequence again, on a fresh snapshot, with every check after every step. */
export async function replay(
  connection: NetworkConnection<"generic">,
  commands: ModelCommand[],
): Promise<{ world: World; model: Model }> {
  const world = await worldLoader(connection)();
  const model = await initialModel(world);
  model.ethAtStart = await ethInSystem(world, model);
  for (const command of commands) {
    if (!command.check(model))
      throw new Error(`${command.toCode()} is not valid at step ${model.step + 1}`);
    await command.run(model, world);
  }
  return { world, model };
}
