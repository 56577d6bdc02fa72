/**
 * A terminal chart of a recorded chart (`series.ts`), where a picture beats a table: a rate
 * through a year of rewards and slashings. Drawn with asciichart within 100 columns, the value
 * axis labelled with its unit, the time axis with its first, middle and last value.
 */
import * as asciichart from "asciichart";

import { MAX_TABLE_WIDTH, textWidth } from "../lib/table.js";
import { type ChartId, seriesOf } from "./series.js";

/** Columns of the plotted area: with the value labels, the chart stays within 100 columns. */
const PLOT_WIDTH = 72;
/** Rows of the plotted area. */
const PLOT_HEIGHT = 12;
/** One colour per series, in the order they were recorded. */
const COLORS = [asciichart.blue, asciichart.green, asciichart.magenta, asciichart.yellow];

/**
 * Colours only on a terminal, and not when NO_COLOR is set (no-color.org): a file or a pipe
 * gets plain text, without escape codes.
 */
export function useColour(stream: { isTTY?: boolean } = process.stdout): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? "") === "";
}

export interface ChartText {
  /** What the chart shows, with the unit of its values, e.g. "slETH rate (ETH per slETH)". */
  title: string;
  /** The unit of the time axis, e.g. "days". */
  xUnit: string;
  /** Decimals of the value labels. */
  decimals: number;
  /**
   * "time" (default): columns evenly spaced in x, each showing the value recorded last at or
   * before it. "events": each recorded point gets the same columns, for events that come close
   * together after a long quiet stretch (the axis then shows the first and last x).
   */
  spacing?: "time" | "events";
}

/**
 * The chart's series as step functions over `PLOT_WIDTH` columns: each column shows the last
 * value recorded at or before its x (a rate holds between reports).
 */
function resample(points: readonly { x: number; y: number }[], from: number, to: number) {
  const columns: number[] = [];
  for (let c = 0; c < PLOT_WIDTH; c++) {
    const x = from + ((to - from) * c) / (PLOT_WIDTH - 1);
    let y = points[0].y;
    for (const point of points) if (point.x <= x + 1e-9) y = point.y;
    columns.push(y);
  }
  return columns;
}

/** The series spread over `PLOT_WIDTH` columns, one equal share per recorded point. */
function spread(points: readonly { y: number }[], count: number) {
  const columns: number[] = [];
  for (let c = 0; c < PLOT_WIDTH; c++) {
    columns.push(points[Math.min(points.length - 1, Math.floor((c * count) / PLOT_WIDTH))].y);
  }
  return columns;
}

/** Renders a recorded chart as lines of text (empty when nothing was recorded). */
export function renderChart(chart: ChartId, text: ChartText): string[] {
  const series = [...seriesOf(chart)].filter(([, points]) => points.length > 0);
  if (series.length === 0) return [];
  const xs = series.flatMap(([, points]) => points.map((p) => p.x));
  const [from, to] = [Math.min(...xs), Math.max(...xs)];
  const byEvent = text.spacing === "events";
  const count = Math.max(...series.map(([, points]) => points.length));
  const values = series.map(([, points]) =>
    byEvent ? spread(points, count) : resample(points, from, to),
  );
  const labelWidth = Math.max(
    ...values.flat().map((y) => y.toFixed(text.decimals).length),
    text.decimals + 2,
  );
  const plot = asciichart.plot(values, {
    height: PLOT_HEIGHT,
    format: (y: number) => y.toFixed(text.decimals).padStart(labelWidth),
    colors: series.length > 1 && useColour() ? COLORS : undefined,
  });
  // The time axis under the plot: first, middle and last x, aligned with their columns.
  const plotStart = textWidth(plot.split("\n")[0]) - PLOT_WIDTH;
  const ticks = [from, (from + to) / 2, to].map((x) => String(Math.round(x)));
  if (byEvent) ticks[1] = "";
  let axis = " ".repeat(plotStart) + ticks[0];
  const middle = plotStart + Math.floor(PLOT_WIDTH / 2) - Math.floor(ticks[1].length / 2);
  axis = axis.padEnd(middle) + ticks[1];
  axis = `${axis.padEnd(plotStart + PLOT_WIDTH - ticks[2].length)}${ticks[2]} ${text.xUnit}`;
  // The legend: one coloured item per series, as many on a line as fit in 100 columns.
  const legend: string[] = [];
  if (series.length > 1) {
    for (const [i, [name]] of series.entries()) {
      const item = useColour() ? asciichart.colored(`━━ ${name}`, COLORS[i]) : `━━ ${name}`;
      const last = legend.at(-1);
      if (last !== undefined && textWidth(`${last}   ${item}`) <= MAX_TABLE_WIDTH) {
        legend[legend.length - 1] = `${last}   ${item}`;
      } else legend.push(item);
    }
  }
  return [text.title, ...legend, ...plot.split("\n"), axis];
}

/** Prints a recorded chart after a blank line. */
export function printChart(chart: ChartId, text: ChartText): void {
  const lines = renderChart(chart, text);
  if (lines.length === 0) return;
  console.log("");
  for (const line of lines) console.log(line);
}
