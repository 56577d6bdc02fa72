/**
 * Chapter 6 — real events replayed (真實事件重演): the Launchnodes slashing of 11 October 2023,
 * when 20 of Lido's validators were slashed together, replayed on the lab's pool three times from
 * the same state — without the slashing, with today's (post-Pectra) initial penalty of 1/4096, and
 * with the 1/32 that applied in 2023 — to show what it did to the slETH rate and what Pectra
 * changed. Every amount comes from the simulator's events and the pool's rate.
 *
 * Runs on whatever state the chapters before it left: it stakes 20 new validators of the pool's
 * (depositing what they need) and leaves the chain as it found it (a snapshot, restored at the end).
 */
import type { ContractTransactionResponse } from "ethers";

import { t } from "../i18n/index.js";
import { printTable } from "../lib/table.js";
import { DAY, WAD, chapter, fmt, grouped, say, type Demo } from "./context.js";
import { pause } from "./controls.js";
import { sendToSimulator } from "./simulator-events.js";

/**
 * Validators operated by Launchnodes for Lido, slashed together on 11 October 2023 ("Slashing
 * Incident involving Launchnodes Validators - Oct 11, 2023", research.lido.fi/t/5631).
 */
export const LAUNCHNODES_VALIDATORS = 20n;
/**
 * Their total penalties and missed rewards from the slashing to withdrawability (16 November
 * 2023), as Lido's update of that thread computed them: 28.463 ETH.
 */
export const LAUNCHNODES_LOSS_WEI = 28_463n * 10n ** 15n;
/** Initial penalty = effective balance / 32 before Pectra (MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX). */
export const QUOTIENT_BEFORE_PECTRA = 32n;
/** 4096 since Pectra, mainnet 7 May 2025 (MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA): 0.0078125 ETH. */
export const QUOTIENT_AFTER_PECTRA = 4096n;

/** What one replay measured. */
interface Replay {
  initial: bigint;
  correlation: bigint;
  rateSlashed: bigint;
  rateEnd: bigint;
  confirmed: boolean;
  slashedInWindow: bigint;
  totalActive: bigint;
}

export async function realEventsChapter(demo: Demo): Promise<void> {
  const { deployed, actors, networkHelpers, report, ethers, profile } = demo;
  const { simulator, pool, token } = deployed;
  const { teacher, bob } = actors;
  const untouched = await networkHelpers.takeSnapshot();
  const poolAddress = await pool.getAddress();

  const send = (tx: Promise<ContractTransactionResponse>) => sendToSimulator(simulator, tx);

  const deposit = await simulator.validatorDeposit();
  const window = await simulator.correlationWindow();
  chapter(
    t("demoEvents:title"),
    t("demoEvents:intro"),
    "",
    t("demoEvents:launchnodes.intro", {
      count: LAUNCHNODES_VALIDATORS.toString(),
      days: (window / DAY).toString(),
    }),
  );

  // The pool stakes 20 validators of its own to lose, with what it has or what Bob deposits.
  const needed = LAUNCHNODES_VALIDATORS * deposit;
  const depositable = await pool.depositableEther();
  if (depositable < needed) {
    const minimum = await pool.minDeposit();
    const shortfall = needed - depositable;
    const value = shortfall < minimum ? minimum : shortfall;
    await (await pool.connect(bob).deposit({ value })).wait();
  }
  const indices: bigint[] = [];
  for (let i = 0n; i < LAUNCHNODES_VALIDATORS; i++) {
    const receipt = await send(
      pool.connect(teacher).stakeValidator(ethers.id(`launchnodes-2023-10-11-${i}`)),
    );
    indices.push(receipt.event("ValidatorDeposited").index as bigint);
  }
  // The rest of the network, as the profile has it (mainnet's ~34 million ETH): a chapter before
  // may have set it to 0 to make the lab the whole network.
  if ((await simulator.externalActiveBalance()) !== profile.externalActiveBalanceWei) {
    await (await simulator.setExternalActiveBalance(profile.externalActiveBalanceWei)).wait();
  }
  await report();
  const rateBefore = await pool.getExchangeRate();
  const supplyBefore = await token.totalSupply();
  const pooledBefore = await pool.totalPooledEther();
  const end = BigInt(await networkHelpers.time.latest()) + window + DAY;

  /** From the same state: slash the 20 (unless `quotient` is null), report, exit, report. */
  async function replay(quotient: bigint | null): Promise<Replay> {
    const result: Replay = {
      initial: 0n,
      correlation: 0n,
      rateSlashed: 0n,
      rateEnd: 0n,
      confirmed: false,
      slashedInWindow: 0n,
      totalActive: 0n,
    };
    if (quotient !== null) {
      await (await simulator.setSlashingPenaltyQuotient(quotient)).wait();
      for (const index of indices) {
        const receipt = await send(simulator.slash(index));
        result.initial += receipt.event("ValidatorSlashed").initialPenalty as bigint;
      }
      const first = await simulator.getValidator(indices[0]);
      result.totalActive = first.activeStakeAtSlashGwei * 10n ** 9n;
    }
    // A loss above the oracle's budget needs a second role's confirmation (Lido's second opinion).
    result.confirmed = (await report()) !== "";
    result.rateSlashed = await pool.getExchangeRate();
    await networkHelpers.time.increaseTo(end);
    if (quotient !== null) {
      for (const index of indices) {
        const receipt = await send(simulator.sweep(index));
        const applied = receipt.event("CorrelationPenaltyApplied");
        result.correlation += applied.penalty as bigint;
        result.slashedInWindow = applied.slashedInWindow as bigint;
      }
    }
    result.confirmed = (await report()) !== "" || result.confirmed;
    result.rateEnd = await pool.getExchangeRate();
    return result;
  }

  const start = await networkHelpers.takeSnapshot();
  const none = await replay(null);
  await start.restore();
  const after = await replay(QUOTIENT_AFTER_PECTRA);
  await start.restore();
  const before = await replay(QUOTIENT_BEFORE_PECTRA);
  await untouched.restore();

  // ---- The rate, day by day, in the three replays.
  const days = ((window + DAY) / DAY).toString();
  const rate = (wad: bigint) => fmt(wad, 6);
  const change = (wad: bigint) => {
    const text = percent(wad - rateBefore, rateBefore);
    return wad > rateBefore ? `+${text}` : text;
  };
  const columns = [
    t("demoEvents:head.none"),
    t("demoEvents:head.after", { quotient: QUOTIENT_AFTER_PECTRA.toString() }),
    t("demoEvents:head.before", { quotient: QUOTIENT_BEFORE_PECTRA.toString() }),
  ];
  printTable(
    [t("demoEvents:rates.head"), ...columns],
    [
      [t("demoEvents:rates.start"), rate(rateBefore), rate(rateBefore), rate(rateBefore)],
      [t("demoEvents:rates.slashed"), ...[none, after, before].map((r) => rate(r.rateSlashed))],
      [t("demoEvents:rates.end", { days }), ...[none, after, before].map((r) => rate(r.rateEnd))],
      [
        t("demoEvents:rates.change", { days }),
        ...[none, after, before].map((r) => change(r.rateEnd)),
      ],
    ],
  );
  say(
    t("demoEvents:rates.note", {
      count: LAUNCHNODES_VALIDATORS.toString(),
      preInitial: fmt(before.initial),
      preDrop: percent(rateBefore - before.rateSlashed, rateBefore),
      postInitial: fmt(after.initial, 6),
      postDrop: percent(rateBefore - after.rateSlashed, rateBefore),
      share: percent(needed, pooledBefore, 1),
    }),
  );
  if (before.confirmed) say(t("demoEvents:rates.confirmed"));
  await pause();

  // ---- What the 20 slashings cost, and what the holders of slETH lost.
  const holdersLoss = (r: Replay) => ((none.rateEnd - r.rateEnd) * supplyBefore) / WAD;
  // What the holders lost beyond the penalties: the rewards the slashed validators stopped
  // earning, less the fee the pool would have taken on them.
  const notEarned = (r: Replay) => holdersLoss(r) - r.initial - r.correlation;
  const perValidator = (r: Replay) => (r.initial + r.correlation) / LAUNCHNODES_VALIDATORS;
  say(
    "",
    t("demoEvents:costs.intro", {
      slashed: fmt(after.slashedInWindow),
      total: grouped(after.totalActive),
    }),
  );
  printTable(
    [
      t("demoEvents:costs.head", { count: LAUNCHNODES_VALIDATORS.toString() }),
      columns[1],
      columns[2],
    ],
    [
      [
        t("demoEvents:costs.initial", {
          count: LAUNCHNODES_VALIDATORS.toString(),
          deposit: fmt(deposit),
        }),
        fmt(after.initial, 6),
        fmt(before.initial, 6),
      ],
      [
        t("demoEvents:costs.correlation", {
          slashed: fmt(after.slashedInWindow),
          total: grouped(after.totalActive),
        }),
        fmt(after.correlation, 6),
        fmt(before.correlation, 6),
      ],
      [
        t("demoEvents:costs.perValidator"),
        fmt(perValidator(after), 6),
        fmt(perValidator(before), 6),
      ],
      [
        t("demoEvents:costs.notEarned", { count: LAUNCHNODES_VALIDATORS.toString() }),
        fmt(notEarned(after), 4),
        fmt(notEarned(before), 4),
      ],
      [
        t("demoEvents:costs.holders", { days }),
        fmt(holdersLoss(after), 4),
        fmt(holdersLoss(before), 4),
      ],
    ],
  );
  say(
    t("demoEvents:costs.note", {
      count: LAUNCHNODES_VALIDATORS.toString(),
      real: fmt(LAUNCHNODES_LOSS_WEI),
      preInitial: fmt(before.initial),
      postPenalties: fmt(after.initial + after.correlation, 4),
      prePenalties: fmt(before.initial + before.correlation, 4),
    }),
  );
  await pause();
}

/** `part / whole` in %, rounded half up to `decimals` ("0.0244"), trailing zeros dropped. */
function percent(part: bigint, whole: bigint, decimals = 4): string {
  const negative = part < 0n;
  const magnitude = negative ? -part : part;
  const unit = 10n ** BigInt(decimals);
  const scaled = (magnitude * 100n * unit * 2n + whole) / (2n * whole); // % × 10^decimals, half up
  const fraction = (scaled % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  const text = fraction === "" ? `${scaled / unit}` : `${scaled / unit}.${fraction}`;
  return negative && text !== "0" ? `-${text}` : text;
}
