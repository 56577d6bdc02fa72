/**
 * The demo's solo-staking and real-events chapters, run as a teacher runs them (`--chapter solo`,
 * `--chapter events`) on a fresh demo, their output captured. The numbers on the projector are
 * checked against an independent computation of the simulator's documented formulas
 * (docs/consensus-layer.md), every line against a 100-column terminal (a Chinese character is two
 * columns), and the Traditional Chinese run against English prose left behind.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import hre from "hardhat";
import type { SnapshotRestorer } from "@nomicfoundation/hardhat-network-helpers/types";
import stringWidth from "string-width";

import { realistic } from "../../config/profiles.js";
import { setUpDemo, type Demo } from "../../scripts/demo/context.js";
import {
  LAUNCHNODES_VALIDATORS,
  QUOTIENT_AFTER_PECTRA,
  QUOTIENT_BEFORE_PECTRA,
  realEventsChapter,
} from "../../scripts/demo/real-events.js";
import { soloStakingChapter } from "../../scripts/demo/solo-staking.js";
import { t, useLanguage } from "../../scripts/i18n/index.js";
import { MAX_TABLE_WIDTH } from "../../scripts/lib/table.js";
import { expectEqualWithinRounding } from "../helpers/assertions.js";
import { BPS, DAY, SECONDS_PER_YEAR as YEAR, WAD, mulDivUp } from "../helpers/units.js";

const DEPOSIT = realistic.validatorDepositWei; // 32 ETH
const APR_BPS = realistic.rewardAprBps; // 300: 3 %
const EXTERNAL_STAKE = realistic.externalActiveBalanceWei; // 34 million ETH
const WINDOW = realistic.correlationWindowSeconds; // 36 days
/** The simulator's reward (docs/consensus-layer.md): deposit × APR × time, on simulated time. */
const rewardFor = (seconds: bigint) => (DEPOSIT * APR_BPS * seconds) / (BPS * YEAR);
/** Its correlation penalty: balance × min(3 × slashed in the window, total) / total, rounded up. */
const correlationPenalty = (balance: bigint, slashed: bigint, total: bigint) =>
  mulDivUp(balance, 3n * slashed < total ? 3n * slashed : total, total);

/**
 * A printed amount is rounded to its decimals: it matches the exact figure within half of its
 * last digit, plus `extra` wei where the chapter's figure includes a few seconds of rewards that
 * the reference leaves out (each transaction is a block, a second later than the one before).
 */
function expectPrinted(cell: string, expected: bigint, what: string, extra = 0n): void {
  const decimals = cell.split(".")[1]?.length ?? 0;
  const halfDigit = 10n ** BigInt(18 - decimals) / 2n;
  const value = cell.startsWith("-")
    ? -parseEther(cell.slice(1))
    : parseEther(cell.replace("+", ""));
  expectEqualWithinRounding(value, expected, `${what} (printed "${cell}")`, halfDigit + extra);
}

/** Runs a chapter with console.log captured; returns the lines it printed. */
async function printedBy(chapter: (demo: Demo) => Promise<void>, demo: Demo): Promise<string[]> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(...args.map(String).join(" ").split("\n"));
  try {
    await chapter(demo);
  } finally {
    console.log = log;
  }
  return lines;
}

/** The cells of the first table row whose first cell starts with `label`. */
function rowOf(lines: string[], label: string): string[] {
  for (const line of lines) {
    const cells = line
      .split("│")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length > 0 && cells[0] !== "" && label.startsWith(cells[0])) return cells;
  }
  throw new Error(`no row "${label}" in:\n${lines.join("\n")}`);
}

/** The cells of the row whose second cell (a timeline's event) starts with `event`. */
function eventRow(lines: string[], event: string): string[] {
  for (const line of lines) {
    const cells = line
      .split("│")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length > 1 && cells[1] !== "" && event.startsWith(cells[1])) return cells;
  }
  throw new Error(`no event "${event}" in:\n${lines.join("\n")}`);
}

/** Lower-case English words of 4+ letters: prose left untranslated (names are capitalised). */
function englishWords(line: string): string[] {
  return line.match(/\b[a-z]{4,}\b/g) ?? [];
}

function expectProjectorWidth(lines: string[]): void {
  for (const line of lines) expect(stringWidth(line), line).to.be.at.most(MAX_TABLE_WIDTH);
}

describe("Demo chapters (scripts/demo)", function () {
  let demo: Demo;
  let fresh: SnapshotRestorer;

  before(async function () {
    demo = await setUpDemo(hre);
    fresh = await demo.networkHelpers.takeSnapshot();
  });

  describe("soloStakingChapter", function () {
    describe("when run alone on a fresh demo", function () {
      let lines: string[];
      // Carol deposits at day 0; the sweep skims one second after a year; she is offline 7 days
      // from then and penalized a second later, slashed a second after that.
      const skimmed = rewardFor(YEAR + 1n);
      const week = rewardFor(7n * DAY);
      const initial = mulDivUp(DEPOSIT, 1n, realistic.slashingPenaltyQuotient);
      const balanceAtSlash = DEPOSIT + rewardFor(7n * DAY + 2n) - 2n * week - initial;
      // Alone on a fresh demo: the only stake slashed, against the rest of the network.
      const correlation = correlationPenalty(balanceAtSlash, DEPOSIT, EXTERNAL_STAKE);

      before(async function () {
        await fresh.restore();
        lines = await printedBy(soloStakingChapter, demo);
      });

      it("skims a year of rewards, 32 ETH × 3 % × 1 year = 0.96 ETH, to Carol's wallet", function () {
        const year = eventRow(lines, t("demoSolo:steps.year", { apr: "3" }));
        expectPrinted(year[2], DEPOSIT + rewardFor(YEAR), "validator after a year");
        expectPrinted(year[4], rewardFor(YEAR), "a year's reward");
        expect(rewardFor(YEAR)).to.equal(parseEther("0.96"));
        const skim = eventRow(lines, t("demoSolo:steps.skim"));
        expectPrinted(skim[2], DEPOSIT, "validator after the skim");
        expectPrinted(skim[3], skimmed, "skimmed to Carol");
      });

      it("charges a week offline as much again as the week's rewards: she ends a week's rewards down", function () {
        const offline = eventRow(lines, t("demoSolo:steps.offline", { days: "7" }));
        expectPrinted(offline[4], -week, "change over the offline week", rewardFor(1n));
        const summary = rowOf(lines, t("demoSolo:summary.inactivity", { days: "7" }));
        expectPrinted(summary[1], -2n * week, "inactivity penalty");
      });

      it("slashes 32 ETH / 4096 = 0.0078125 ETH at once, then a correlation penalty of balance × 3 × 32 / 34,000,000", function () {
        expect(initial).to.equal(parseEther("0.0078125"));
        const slashed = rowOf(
          lines,
          t("demoSolo:summary.initial", { deposit: "32", quotient: "4096" }),
        );
        expectPrinted(slashed[1], -initial, "initial slashing penalty");
        const correlated = rowOf(lines, t("demoSolo:summary.correlation"));
        expectPrinted(correlated[1], -correlation, "correlation penalty");
      });

      it("dates the correlation penalty at the middle of her exit: slashed on day 372, fixed on day 372 + 36 / 2", function () {
        const midpoint = 365n + 7n + WINDOW / DAY / 2n;
        const row = eventRow(lines, t("demoSolo:steps.correlation", { midpoint: `${midpoint}` }));
        expect(row[1]).to.contain("mid-exit");
        expect(row[0], "it lands when she is withdrawable").to.equal(`${372n + WINDOW / DAY}`);
      });

      it("pays her the rest at the withdrawal, and her net is what the formulas add up to", function () {
        const net = skimmed + balanceAtSlash - correlation - DEPOSIT;
        expectPrinted(rowOf(lines, t("demoSolo:summary.paid"))[1], DEPOSIT + net, "paid to Carol");
        expectPrinted(rowOf(lines, t("demoSolo:summary.net"))[1], net, "net");
        const withdrawn = eventRow(lines, t("demoSolo:steps.withdrawn"));
        expect(withdrawn[2]).to.equal("0");
      });

      it("prints no line wider than a 100-column terminal", function () {
        expectProjectorWidth(lines);
      });

      it("leaves the chain as it found it, so the next chapter's validators start at #0", async function () {
        expect(await demo.deployed.simulator.validatorCount()).to.equal(0n);
      });
    });
  });

  describe("realEventsChapter", function () {
    describe("when run alone on a fresh demo (the pool stakes the 20 validators it loses)", function () {
      let lines: string[];
      const count = LAUNCHNODES_VALIDATORS;
      const staked = count * DEPOSIT; // 640 ETH, the whole pool on a fresh demo
      const initialOne = (quotient: bigint) => mulDivUp(DEPOSIT, 1n, quotient);
      const initialAfter = count * initialOne(QUOTIENT_AFTER_PECTRA);
      const initialBefore = count * initialOne(QUOTIENT_BEFORE_PECTRA);
      /**
       * Σ over the 20, slashed one after the other, each holding 32 ETH less its initial penalty:
       * each stops being active before the stake it is measured against is recorded.
       */
      const correlationOf20 = (quotient: bigint) => {
        let sum = 0n;
        for (let k = 1n; k <= count; k++) {
          const total = EXTERNAL_STAKE + (count - k) * DEPOSIT;
          sum += correlationPenalty(DEPOSIT - initialOne(quotient), staked, total);
        }
        return sum;
      };
      // The validators earn for the seconds between their staking and their slashing; the
      // reference leaves those out: at most a minute of rewards for 20 validators.
      const seconds = count * rewardFor(60n);
      const head = {
        after: t("demoEvents:head.after", { quotient: "4096" }),
        before: t("demoEvents:head.before", { quotient: "32" }),
      };

      before(async function () {
        await fresh.restore();
        lines = await printedBy(realEventsChapter, demo);
      });

      it("takes 20 × 32 / 4096 = 0.15625 ETH of initial penalties after Pectra, and 20 ETH before", function () {
        const costs = rowOf(lines, t("demoEvents:costs.initial", { count: "20", deposit: "32" }));
        expect(rowOf(lines, t("demoEvents:costs.head", { count: "20" }))).to.deep.equal([
          t("demoEvents:costs.head", { count: "20" }),
          head.after,
          head.before,
        ]);
        expectPrinted(costs[1], initialAfter, "initial penalties after Pectra");
        expectPrinted(costs[2], initialBefore, "initial penalties before Pectra");
        expect(initialAfter).to.equal(parseEther("0.15625"));
      });

      it("takes the correlation penalty of 3 × 640 ETH slashed together out of 34 million", function () {
        const label = t("demoEvents:costs.correlation", {
          slashed: "640",
          total: "34,000,608", // 34 million and the 19 pool validators still active at the first slashing
        });
        const cells = rowOf(lines, label);
        expect(cells[0]).to.equal(label);
        expectPrinted(cells[1], correlationOf20(QUOTIENT_AFTER_PECTRA), "correlation after Pectra");
        expectPrinted(
          cells[2],
          correlationOf20(QUOTIENT_BEFORE_PECTRA),
          "correlation before Pectra",
        );
      });

      it("lowers the slETH rate by the initial penalties over the pool the day they are reported", function () {
        const rates = rowOf(lines, t("demoEvents:rates.slashed"));
        const rateAfter = (WAD * (staked - initialAfter)) / staked; // 0.99975586
        const rateBefore = (WAD * (staked - initialBefore)) / staked; // 0.96875
        expectPrinted(rates[1], WAD, "rate without the slashing", (WAD * seconds) / staked);
        expectPrinted(rates[2], rateAfter, "rate after Pectra", (WAD * seconds) / staked);
        expectPrinted(rates[3], rateBefore, "rate before Pectra", (WAD * seconds) / staked);
        // Before Pectra the loss is above the oracle's budget: the chapter says a second role confirmed.
        expect(lines.join(" ")).to.contain(t("demoEvents:rates.confirmed"));
      });

      it("costs the holders the penalties plus the rewards the 20 no longer earn, after the 10 % fee", function () {
        const days = ((WINDOW + DAY) / DAY).toString();
        const notEarned =
          (count * rewardFor(WINDOW + DAY) * (BPS - realistic.protocolFeeBps)) / BPS;
        const rewards = rowOf(lines, t("demoEvents:costs.notEarned", { count: "20" }));
        expectPrinted(rewards[1], notEarned, "rewards not earned after Pectra", seconds);
        expectPrinted(rewards[2], notEarned, "rewards not earned before Pectra", seconds);
        const holders = rowOf(lines, t("demoEvents:costs.holders", { days }));
        const lost = (quotient: bigint) =>
          count * initialOne(quotient) + correlationOf20(quotient) + notEarned;
        expectPrinted(
          holders[1],
          lost(QUOTIENT_AFTER_PECTRA),
          "holders' loss after Pectra",
          seconds,
        );
        expectPrinted(
          holders[2],
          lost(QUOTIENT_BEFORE_PECTRA),
          "holders' loss before Pectra",
          seconds,
        );
      });

      it("prints no line wider than a 100-column terminal", function () {
        expectProjectorWidth(lines);
      });

      it("leaves the chain as it found it", async function () {
        expect(await demo.deployed.simulator.validatorCount()).to.equal(0n);
        expect(await demo.deployed.simulator.slashingPenaltyQuotient()).to.equal(
          realistic.slashingPenaltyQuotient,
        );
      });
    });
  });

  describe("in Traditional Chinese (--lang zh-TW)", function () {
    let lines: string[];

    before(async function () {
      await fresh.restore();
      await useLanguage("zh-TW");
      try {
        lines = [
          ...(await printedBy(soloStakingChapter, demo)),
          ...(await printedBy(realEventsChapter, demo)),
        ];
      } finally {
        await useLanguage("en");
      }
    });

    it("prints no English prose: only names, tickers, units and numbers", function () {
      for (const line of lines) expect(englishWords(line), line).to.deep.equal([]);
      expect(lines.join("\n")).to.contain("獨立質押").and.to.contain("削減");
    });

    it("prints no line wider than a 100-column terminal, a Chinese character taking two", function () {
      expect(lines.some((line) => stringWidth(line) > [...line].length)).to.equal(true);
      expectProjectorWidth(lines);
    });
  });
});
