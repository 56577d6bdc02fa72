/**
 * What the demo's chapters share: the deployed system on the embedded chain, named actors, time
 * travel, the oracle, and how a step is shown on a projector — a table within 100 columns, one
 * sentence saying what to notice, and a pause with `--step`.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { formatEther, id } from "ethers";

import { realistic } from "../../config/profiles.js";
import { StakingLabCoreModule } from "../../ignition/modules/StakingLab.js";
import { t } from "../i18n/index.js";
import { addressesOf, attachLab } from "../lib/contracts.js";
import { buildOracleReport, reportHash } from "../lib/oracle.js";
import { moduleParameters } from "../lib/parameters.js";
import { printTable, printText } from "../lib/table.js";
import { pause } from "./controls.js";

export const WAD = 10n ** 18n;
export const DAY = 86_400n;
export const YEAR = 365n * DAY;

/** What a sweep of every due validator paid, and the correlation penalties that landed with it. */
export interface Sweep {
  /** Wei paid to withdrawal addresses. */
  paid: bigint;
  /** Correlation penalties applied by this sweep, wei. */
  correlationPenalty: bigint;
  /** Deposits slashed in those validators' windows (what the penalty was measured on), wei. */
  slashedInWindow: bigint;
  /** Validators withdrawn in full (exited), slashed or not. */
  exits: number;
  /** Of those, the slashed ones. */
  slashedExits: number;
}

/** Deploys everything with the realistic profile on a fresh embedded chain. */
export async function setUpDemo(hre: HardhatRuntimeEnvironment) {
  const connection = await hre.network.create();
  const { ethers, networkHelpers } = connection;
  const [teacher, alice, bob, carol] = await ethers.getSigners();
  const profile = realistic;
  const asked = process.env.STAKING_LAB_PROFILE;
  if (asked !== undefined && asked !== "" && asked !== profile.name) {
    // The demo's story is told in mainnet numbers (deposits of 100 ETH, 32 ETH validators, a
    // year by time travel); in the classroom profile's 10 ETH cap and 0.032 ETH validators it
    // would not fit. The classroom profile is for the lesson on Hoodi or a local node.
    printText(t("demo:profileNotUsed", { asked, name: profile.name }));
  }
  // The staking stack alone: the depeg chapter deploys the market on a chain of its own.
  const deployed = await connection.ignition.deploy(StakingLabCoreModule, {
    parameters: moduleParameters(profile),
    displayUi: false,
  });
  // Typechain-typed handles on what Ignition deployed.
  const { simulator, pool, token, manager, vault } = await attachLab(
    ethers,
    await addressesOf(deployed),
  );

  /**
   * The oracle's report, built from the simulator as the real oracle reads the beacon chain.
   * Returns a note to append to the step ("" or "; why a second role confirmed it"), in the
   * run's language.
   */
  async function report(): Promise<string> {
    const { report: data, outcome } = await buildOracleReport(pool, simulator);
    let note = "";
    if (outcome.bounds === "loss-needs-confirmation") {
      // Lido's second opinion: a loss above the budget needs another role's approval.
      await (await pool.confirmLossReport(reportHash(data))).wait();
      note = t("demo:lossConfirmed");
    }
    await (await pool.submitReport(data)).wait();
    return note;
  }

  /**
   * Pays whatever the consensus layer owes the pool: skimmed rewards, withdrawn balances.
   * Returns what it paid and the correlation penalties that landed (a slashed validator's
   * penalty is applied at its full withdrawal).
   */
  async function sweepAll(): Promise<Sweep> {
    const now = BigInt(await networkHelpers.time.latest());
    const deposit = profile.validatorDepositWei;
    const swept: Sweep = {
      paid: 0n,
      correlationPenalty: 0n,
      slashedInWindow: 0n,
      exits: 0,
      slashedExits: 0,
    };
    for (let i = 0n; i < (await simulator.validatorCount()); i++) {
      const v = await simulator.getValidator(i);
      const skimmable = v.status === 1n && (await simulator.validatorBalance(i)) > deposit;
      const withdrawable = v.status === 2n && v.withdrawableAt <= now;
      if (!skimmable && !withdrawable) continue;
      if (withdrawable) {
        swept.exits += 1;
        if (v.slashed) swept.slashedExits += 1;
      }
      const receipt = await (await simulator.sweep(i)).wait();
      for (const log of receipt!.logs) {
        const parsed = simulator.interface.parseLog(log);
        if (parsed?.name === "CorrelationPenaltyApplied") {
          swept.correlationPenalty += parsed.args.penalty as bigint;
          swept.slashedInWindow = parsed.args.slashedInWindow as bigint;
        } else if (parsed?.name === "Swept") swept.paid += parsed.args.amount as bigint;
      }
    }
    return swept;
  }

  return {
    hre,
    connection,
    ethers,
    networkHelpers,
    profile,
    deployed: { simulator, pool, token, manager, vault },
    actors: { teacher, alice, bob, carol },
    report,
    sweepAll,
    roles: { consensus: id("CONSENSUS_ROLE") },
  };
}

export type Demo = Awaited<ReturnType<typeof setUpDemo>>;

/** Wei as ETH, rounded to at most `decimals` decimals (a few wei of rounding do not show). */
export function fmt(wei: bigint, decimals = 4): string {
  const unit = 10n ** BigInt(18 - decimals);
  const rounded = ((wei + unit / 2n) / unit) * unit;
  const [whole, fraction = ""] = formatEther(rounded).split(".");
  const trimmed = fraction.slice(0, decimals).replace(/0+$/, "");
  return trimmed === "" ? whole : `${whole}.${trimmed}`;
}

/** A change between two WAD rates as a signed percentage with `decimals` decimals: "+2.54". */
export function percentChange(before: bigint, after: bigint, decimals = 2): string {
  const scale = 10n ** BigInt(decimals);
  const change = ((after - before) * 100n * scale * 2n) / before;
  const rounded = (change + (change < 0n ? -1n : 1n)) / 2n; // half away from zero
  const sign = rounded < 0n ? "−" : "+";
  const magnitude = rounded < 0n ? -rounded : rounded;
  const text = `${magnitude / scale}.${(magnitude % scale).toString().padStart(decimals, "0")}`;
  return `${sign}${text}`;
}

/** Basis points as a percentage without trailing zeros: 1000n → "10", 25n → "0.25". */
export function bpsText(bps: bigint): string {
  return fmt(bps * 10n ** 16n, 2);
}

/** Wei as signed ETH for a "change" column, rounded as `fmt`: "+0.96", "-0.0078125", "0". */
export function signedEth(wei: bigint, decimals = 4): string {
  const text = fmt(wei < 0n ? -wei : wei, decimals);
  if (text === "0") return text;
  return wei < 0n ? `-${text}` : `+${text}`;
}

/** Whole ETH with thousands separators ("34,000,000"): the stakes a correlation penalty weighs. */
export function grouped(wei: bigint): string {
  return (wei / 10n ** 18n).toLocaleString("en-US");
}

/** Prints lines of narration, each wrapped at 100 columns. */
export function say(...lines: string[]): void {
  for (const line of lines) printText(line);
}

/** The chapter running now, counted from 1 in the order of the run (set by the demo task). */
let chapterNumber = 0;

/** Sets the number the next `chapter` title carries. */
export function setChapterNumber(number: number): void {
  chapterNumber = number;
}

/** A chapter's title ("Chapter 2 — Liquid staking") and opening lines, after a blank line. */
export function chapter(title: string, ...lines: string[]): void {
  console.log("");
  printText(chapterNumber > 0 ? t("demo:chapter", { number: chapterNumber, title }) : title);
  say(...lines);
}

/**
 * One step on the projector: a table (within 100 columns, units in the headers), the one
 * sentence saying what to notice, and a pause with `--step`.
 */
export async function showTable(head: string[], rows: string[][], notice: string): Promise<void> {
  console.log("");
  printTable(head, rows);
  printText(notice);
  await pause();
}
