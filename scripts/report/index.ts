/**
 * The HTML report of the demo (`npm run report`, or the demo's `--report <dir>`): the series the
 * chapters recorded (scripts/demo/series.ts) drawn as SVG charts in Node (vega-lite + vega), in
 * one self-contained page that opens offline in any browser and needs no script to view.
 *
 *   await liquidStakingChapter(demo);          // records points as it goes
 *   const page = await writeReport("reports/latest");
 */
import { access, constants, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { CHARTS, seriesOf, type ChartId, type Point } from "../demo/series.js";
import { currentLanguage, t } from "../i18n/index.js";
import { UserError } from "../lib/errors.js";
import { CHART_LAYOUTS } from "./charts.js";
import { renderPage, type ChartSection } from "./page.js";
import { renderSvg } from "./render.js";
import { chartSpec, eventsOf } from "./spec.js";

/** Series name → points, for one chart. */
export type ChartSeries = ReadonlyMap<string, readonly Point[]>;

export interface ReportOptions {
  /** The series of each chart (default: what the demo recorded); a missing chart is empty. */
  series?: Partial<Record<ChartId, ChartSeries>>;
  /** The command shown as the page's maker (default `npm run report`). */
  command?: string;
  /** When the page was made (default now). */
  madeAt?: Date;
}

/** The report's HTML, in the selected language (`useLanguage`). */
export async function renderReport(dir: string, options: ReportOptions = {}): Promise<string> {
  const sections: ChartSection[] = [];
  for (const chart of CHARTS) {
    const layout = CHART_LAYOUTS[chart];
    const series = options.series === undefined ? seriesOf(chart) : options.series[chart];
    const recorded = new Map([...(series ?? new Map<string, readonly Point[]>())]);
    for (const [name, points] of recorded) if (points.length === 0) recorded.delete(name);
    const pointCount = [...recorded.values()].reduce((sum, points) => sum + points.length, 0);
    sections.push({
      chart,
      layout,
      svg: pointCount === 0 ? undefined : await renderSvg(chartSpec(layout, recorded)),
      seriesCount: recorded.size,
      pointCount,
      events: eventsOf(recorded),
      command: `npx hardhat demo --chapter ${layout.chapter} --report ${dir}`,
    });
  }
  return renderPage({
    lang: currentLanguage(),
    command: options.command ?? "npm run report",
    madeAt: options.madeAt ?? new Date(),
    sections,
  });
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's own `mkdir(dir, { recursive:
 * true })` never returns for a path it cannot create under /proc (it retries forever), so the
 * demo would hang after its last chapter; here each level is tried once.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    const parent = path.dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw error;
    await makeDirectory(parent);
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== "EEXIST") throw again;
    });
  }
}

/**
 * Makes sure the report can be written into `dir` (creating it), before the demo runs: a file
 * path or a place the user cannot write to is refused in one line, and no run is lost to it.
 */
export async function prepareReportDirectory(dir: string): Promise<void> {
  try {
    await makeDirectory(dir);
    if (!(await stat(dir)).isDirectory()) {
      throw new UserError(t("demo:reportNotDirectory", { dir }));
    }
    await access(dir, constants.W_OK);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UserError(t("demo:reportNotWritable", { dir, code }));
  }
}

/** Writes `<dir>/index.html` (creating `dir`) and returns its path. */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<string> {
  await prepareReportDirectory(dir);
  const file = path.join(dir, "index.html");
  await writeFile(file, await renderReport(dir, options), "utf8");
  return file;
}
