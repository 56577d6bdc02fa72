/**
 * What a teacher projects: `npx hardhat demo` runs in-process on the embedded chain, as on the
 * command line, with its output captured. Every line fits a 100-column terminal (Chinese
 * characters counted as two columns), `--lang zh-TW` prints Chinese throughout, `--chapter`
 * runs one chapter or refuses an unknown name in one line, and the charts' series are recorded.
 * The whole demo takes a few seconds, so it runs here in full, in both languages.
 */
import { expect } from "chai";
import hre from "hardhat";

import { useLanguage } from "../../scripts/i18n/index.js";
import { CHAPTERS } from "../../scripts/demo/run.js";
import { pause, setControls } from "../../scripts/demo/controls.js";
import { CHARTS, seriesOf } from "../../scripts/demo/series.js";
import { MAX_TABLE_WIDTH, textWidth } from "../../scripts/lib/table.js";

interface DemoRun {
  lines: string[];
  failed: boolean;
}

/** Runs `npx hardhat demo` with these options in-process; returns what it printed. */
async function runDemo(
  options: { chapter?: string; lang?: string; report?: string; step?: boolean } = {},
): Promise<DemoRun> {
  const lines: string[] = [];
  const saved = { log: console.log, error: console.error, exitCode: process.exitCode };
  const capture = (...parts: unknown[]) => lines.push(...parts.map(String).join(" ").split("\n"));
  console.log = capture;
  console.error = capture;
  process.exitCode = undefined;
  let failed: boolean;
  try {
    await hre.tasks.getTask("demo").run({
      step: options.step ?? false,
      chapter: options.chapter ?? "",
      lang: options.lang ?? "",
      report: options.report ?? "",
    });
  } finally {
    failed = process.exitCode === 1;
    console.log = saved.log;
    console.error = saved.error;
    process.exitCode = saved.exitCode;
    await useLanguage("en");
  }
  return { lines, failed };
}

/** Lines wider than a 100-column terminal, with their width. */
const tooWide = (lines: string[]) =>
  lines.filter((line) => textWidth(line) > MAX_TABLE_WIDTH).map((l) => `${textWidth(l)}: ${l}`);

/** The tables' first column, wrapped lines joined: the steps as a student reads them. */
const stepColumn = (lines: string[]) =>
  lines
    .filter((line) => line.startsWith("│"))
    .map((line) => line.split("│")[1].trim())
    .join(" ");

/** Lower-case words that are names, units or values, not English prose. */
const NAMES = new Set(["realistic", "steth", "wsteth", "reth"]);

/** English prose in a line: lower-case words of 4+ letters outside commands and names. */
function englishWords(line: string): string[] {
  const prose = line.replace(/\u001b\[[0-9;]*m/g, "").replace(/`[^`]*`/g, "");
  return (prose.match(/\b[a-z]{4,}\b/g) ?? []).filter((word) => !NAMES.has(word));
}

describe("npx hardhat demo (in-process, realistic profile)", function () {
  describe("in English, every chapter", function () {
    let run: DemoRun;
    before(async function () {
      run = await runDemo();
    });

    it("runs every registered chapter in order and finishes", function () {
      expect(run.failed, run.lines.join("\n")).to.equal(false);
      const titles = run.lines.filter((line) => line.startsWith("Chapter "));
      expect(titles.length).to.equal(CHAPTERS.length);
      expect(run.lines.at(-1)).to.match(/^Done in \d+\.\d s\.$/);
    });

    it("prints no line wider than 100 columns", function () {
      expect(tooWide(run.lines)).to.deep.equal([]);
    });

    it("prints tables without an index column or quoted strings, one sentence under each", function () {
      const text = run.lines.join("\n");
      expect(text).to.not.contain("(index)");
      expect(text).to.not.match(/│ '[^']*' │/);
      const bottoms = run.lines
        .map((line, i) => [line, run.lines[i + 1] ?? ""] as const)
        .filter(([line]) => line.startsWith("└"));
      expect(bottoms.length).to.be.greaterThan(8);
      for (const [, next] of bottoms) expect(next).to.match(/^Notice: /);
    });

    it("explains the year's rise from the run: the buffer earns nothing, the fee is taken", function () {
      const text = run.lines.join(" ");
      expect(text).to.match(/the \d+(\.\d+)? ETH buffer earned nothing/);
      expect(text).to.match(/so the rate rose 2\.5\d %, not 3 %/);
    });

    it("explains why the rate rose after the first slashing: the week's rewards outweigh 1/4096", function () {
      const text = run.lines.join(" ");
      expect(text).to.match(
        /1\/4096 of the deposit \(0\.0078125 ETH\) and, with the week's rewards, the rate moved \+0\.\d\d %; before it, 1\/32 \(1 ETH\), with a week's rewards too, moved it −0\.\d\d %\./,
      );
    });

    it("shows the correlation penalty in the row where it lands, and the payout in its own row", function () {
      const steps = stepColumn(run.lines);
      expect(steps).to.match(
        /3 exits swept \(2 slashed, 1 exited for Bob's request\): [\d.]+ ETH in, −0\.000\d+ ETH correlation penalty 9\./,
      );
      expect(steps).to.match(/ 10\. Bob claims: 30 slETH → 30\.\d+ ETH /);
    });

    it("records every series the charts and the report read", function () {
      for (const chart of ["lstRate", "lrtValue", "depegPrice", "healthFactors"] as const) {
        const series = [...seriesOf(chart).values()];
        expect(series.length, chart).to.be.greaterThan(0);
        for (const points of series) expect(points.length, chart).to.be.greaterThan(3);
      }
      expect(CHARTS).to.include("lstRate");
    });
  });

  describe("in Traditional Chinese (--lang zh-TW)", function () {
    let run: DemoRun;
    before(async function () {
      run = await runDemo({ lang: "zh-TW" });
    });

    it("prints Chinese throughout: no English prose, only names, tickers and numbers", function () {
      expect(run.failed, run.lines.join("\n")).to.equal(false);
      const english = run.lines.filter((line) => englishWords(line).length > 0);
      expect(english).to.deep.equal([]);
      expect(run.lines.filter((l) => l.startsWith("第 ")).length).to.equal(CHAPTERS.length);
    });

    it("prints no line wider than 100 columns, a Chinese character counting as two", function () {
      expect(tooWide(run.lines)).to.deep.equal([]);
    });
  });

  describe("--chapter", function () {
    it("runs only the chapter named (depeg) and records only its series", async function () {
      const run = await runDemo({ chapter: "depeg" });
      expect(run.failed, run.lines.join("\n")).to.equal(false);
      const text = run.lines.join("\n");
      expect(text).to.contain("A depeg: the market price against the NAV");
      expect(text).to.not.contain("Liquid staking");
      expect(seriesOf("lstRate").size).to.equal(0);
      expect(seriesOf("depegPrice").size).to.be.greaterThan(0);
    });

    it("refuses an unknown chapter in one line that lists the chapters, deploying nothing", async function () {
      const run = await runDemo({ chapter: "mining" });
      expect(run.failed).to.equal(true);
      expect(run.lines).to.deep.equal([
        `Error: Unknown chapter mining: choose one of ${CHAPTERS.map((c) => c.name).join(", ")} (e.g. --chapter depeg).`,
      ]);
    });

    it("refuses an unknown language in one line", async function () {
      const run = await runDemo({ lang: "fr" });
      expect(run.failed).to.equal(true);
      expect(run.lines).to.deep.equal([
        "Error: Unknown language fr: choose one of en, zh-TW (e.g. --lang zh-TW).",
      ]);
    });
  });

  describe("--report", function () {
    it("refuses a file in one line before the first chapter, so no run is lost", async function () {
      const run = await runDemo({ chapter: "solo", report: "package.json" });
      expect(run.failed).to.equal(true);
      expect(run.lines).to.deep.equal([
        "Error: Cannot write the report to package.json: it is a file, not a directory. " +
          "Name a directory instead (e.g. --report reports/latest).",
      ]);
    });

    it("refuses a directory it cannot create (/proc/x) in one line, without hanging", async function () {
      if (process.platform !== "linux") this.skip();
      this.timeout(10_000);
      const run = await runDemo({ chapter: "solo", report: "/proc/x", lang: "zh-TW" });
      expect(run.failed).to.equal(true);
      expect(run.lines).to.deep.equal([
        "Error: 無法把報告寫到 /proc/x（ENOENT）：請選一個可以寫入的目錄（例如 `--report reports/latest`）。",
      ]);
    });
  });

  describe("--step", function () {
    afterEach(function () {
      setControls({ step: false, language: "en" });
    });

    it("says in one line, once, that it cannot pause when stdin is not a terminal, then runs on", async function () {
      const stdin = Object.getOwnPropertyDescriptor(process.stdin, "isTTY");
      Object.defineProperty(process.stdin, "isTTY", { value: undefined, configurable: true });
      try {
        const run = await runDemo({ chapter: "solo", step: true });
        expect(run.failed, run.lines.join("\n")).to.equal(false);
        const note =
          "--step pauses only in a terminal, and stdin is not one: the demo runs without pauses.";
        expect(run.lines.filter((line) => line === note)).to.have.length(1);
        expect(run.lines.at(-1)).to.match(/^Done in /);
      } finally {
        if (stdin === undefined) delete (process.stdin as { isTTY?: boolean }).isTTY;
        else Object.defineProperty(process.stdin, "isTTY", stdin);
      }
    });

    it("does not wait when stdin is not a terminal (CI, a pipe, a test)", async function () {
      setControls({ step: true, language: "en" });
      const waited = await Promise.race([
        pause().then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 1_000)),
      ]);
      expect(waited).to.equal(false);
    });
  });
});
