/**
 * What the demo measured, kept for its charts: the terminal chart (asciichart) and the HTML
 * report (vega-lite). Chapters record points as they go; nothing here touches the chain.
 *
 *   recordPoint("lstRate", "slETH rate", 365, 1.0254);
 */

/**
 * The report's charts, each with its own axes (labels in the i18n catalogue):
 * - `lstRate`: the slETH rate (ETH per slETH) against days, through rewards and slashings;
 * - `lrtValue`: the LRT's value in ETH and its layers (restaked LST, AVS rewards) against days;
 * - `depegPrice`: the pool's price of the LST and its NAV against each step of the depeg;
 * - `healthFactors`: one loan's health factor under each oracle against each step of the depeg;
 * - `comparison`: what 32 ETH became through the year, one series per way to stake, against days.
 */
export const CHARTS = ["lstRate", "lrtValue", "depegPrice", "healthFactors", "comparison"] as const;
export type ChartId = (typeof CHARTS)[number];

/** One measurement: `x` in the chart's unit (days, or the step number), `y` a plain number. */
export interface Point {
  x: number;
  y: number;
  /** What happened at this point, e.g. "validator 0 slashed" (a tooltip in the report). */
  label?: string;
}

/** chart → series name → points, in the order recorded. */
const recorded = new Map<ChartId, Map<string, Point[]>>();

/** Adds a point to a series of a chart. */
export function recordPoint(chart: ChartId, series: string, x: number, y: number, label?: string) {
  let chartSeries = recorded.get(chart);
  if (chartSeries === undefined) recorded.set(chart, (chartSeries = new Map()));
  let points = chartSeries.get(series);
  if (points === undefined) chartSeries.set(series, (points = []));
  points.push(label === undefined ? { x, y } : { x, y, label });
}

/** The series of a chart recorded so far (empty if the chapter did not run). */
export function seriesOf(chart: ChartId): ReadonlyMap<string, readonly Point[]> {
  return recorded.get(chart) ?? new Map();
}

/** Forgets everything recorded (between tests). */
export function clearSeries(): void {
  recorded.clear();
}
