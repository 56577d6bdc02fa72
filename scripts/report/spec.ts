/**
 * One chart as a Vega-Lite specification: a line per series with a dot per recorded point (its
 * tooltip says the series, the values and what happened there), a dashed vertical line numbered
 * at each labelled event, and an optional reference line (a health factor of 1). Axis titles
 * come from the catalogue in the selected language.
 */
import type { TopLevelSpec } from "vega-lite";

import type { Point } from "../demo/series.js";
import { t } from "../i18n/index.js";
import type { ChartLayout } from "./charts.js";

/** The plotting area, in CSS pixels (the page scales the SVG down on narrow screens). */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 280;

/** Dash patterns of the series, in order (solid first), long enough to read at a glance. */
const DASHES = [
  [1, 0],
  [9, 5],
  [2, 4],
  [14, 4, 3, 4],
  [5, 5],
  [1, 0],
];

/** One labelled event: its number on the chart, what happened, and where (its x values). */
export interface ChartEvent {
  n: number;
  label: string;
  xs: number[];
}

/** A label as the chart shows it: its own leading step number ("3. ") dropped, the chart numbers it. */
export function eventLabel(label: string | undefined): string {
  return (label ?? "").replace(/^\s*\d+[.)]\s+/, "").trim();
}

/**
 * The labelled points of a chart as numbered events, in the order first recorded. The same label
 * in several series (one event seen by every way to stake) is one event.
 */
export function eventsOf(series: ReadonlyMap<string, readonly Point[]>): ChartEvent[] {
  const byLabel = new Map<string, ChartEvent>();
  for (const points of series.values()) {
    for (const point of points) {
      const { x } = point;
      const label = eventLabel(point.label);
      if (label === "") continue;
      let event = byLabel.get(label);
      if (event === undefined) byLabel.set(label, (event = { n: byLabel.size + 1, label, xs: [] }));
      if (!event.xs.includes(x)) event.xs.push(x);
    }
  }
  return [...byLabel.values()];
}

/**
 * Where the events are drawn: one dashed line per place, events closer than 1/50 of the x range
 * (the same day, a few blocks apart) sharing it, their numbers joined ("3,4,5").
 */
export function eventMarkers(events: ChartEvent[], xs: number[]): { x: number; text: string }[] {
  const span = Math.max(...xs) - Math.min(...xs) || 1;
  const placed = events
    .flatMap(({ n, xs: at }) => at.map((x) => ({ n, x })))
    .sort((a, b) => a.x - b.x || a.n - b.n);
  const markers: { x: number; ns: number[] }[] = [];
  for (const { n, x } of placed) {
    const last = markers.at(-1);
    if (last !== undefined && x - last.x < span / 50) {
      if (!last.ns.includes(n)) last.ns.push(n);
    } else markers.push({ x, ns: [n] });
  }
  return markers.map(({ x, ns }) => ({ x, text: numberRanges(ns) }));
}

/** Event numbers as short text: runs of consecutive numbers as ranges ("1,3–6"). */
export function numberRanges(numbers: number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(",");
}

/** A number for a tooltip: at most six significant digits, no float noise (1.0254, 365). */
export function shortNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** The Vega-Lite specification of one chart with at least one point. */
export function chartSpec(
  layout: ChartLayout,
  series: ReadonlyMap<string, readonly Point[]>,
): TopLevelSpec {
  const names = [...series.keys()];
  const rows = names.flatMap((name) =>
    series.get(name)!.map(({ x, y, label }) => ({
      series: name,
      x,
      y,
      tip:
        `${name} (${shortNumber(x)}, ${shortNumber(y)})` +
        (eventLabel(label) === "" ? "" : `: ${eventLabel(label)}`),
    })),
  );
  const events = eventMarkers(
    eventsOf(series),
    rows.map((row) => row.x),
  );
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: t(layout.xAxis),
    scale: { nice: !layout.xIsStep },
    axis: layout.xIsStep ? { tickMinStep: 1, format: "d" } : { tickCount: 10 },
  };

  const layers: object[] = [
    {
      data: { values: rows },
      mark: { type: "line", strokeWidth: 2.5, point: { filled: true, size: 60 } },
      encoding: {
        x,
        // Room above and below the lines for the event numbers and the reference's label.
        y: {
          field: "y",
          type: "quantitative",
          title: t(layout.yAxis),
          scale: { zero: false, padding: 18 },
        },
        color: {
          field: "series",
          type: "nominal",
          title: t("report:series"),
          scale: { domain: names },
          // Two columns of short names, one of long ones, never cut.
          legend: {
            orient: "bottom",
            direction: "vertical",
            columns: names.some((name) => name.length > 28) ? 1 : 2,
            labelLimit: CHART_WIDTH,
          },
        },
        // A dash pattern per series too: lines that coincide (NAV and CAPO) both stay visible.
        strokeDash: { field: "series", type: "nominal", scale: { domain: names, range: DASHES } },
        description: { field: "tip", type: "nominal" },
        tooltip: { field: "tip", type: "nominal" },
      },
    },
  ];
  if (events.length > 0) {
    layers.push(
      {
        data: { values: events },
        mark: { type: "rule", color: "#777", strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { field: "x", type: "quantitative" } },
      },
      {
        data: { values: events },
        mark: { type: "text", baseline: "top", dy: 3, dx: 3, align: "left", fontWeight: "bold" },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { value: 0 },
          text: { field: "text", type: "nominal" },
          color: { value: "#333" },
        },
      },
    );
  }
  if (layout.reference !== undefined) {
    const values = [{ y: layout.reference.y, label: t(layout.reference.label) }];
    layers.push(
      {
        data: { values },
        mark: { type: "rule", color: "#b03a2e", strokeWidth: 1.5 },
        encoding: { y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values },
        mark: { type: "text", align: "left", baseline: "bottom", dy: -3, color: "#b03a2e" },
        encoding: {
          y: { field: "y", type: "quantitative" },
          x: { value: 6 },
          text: { field: "label", type: "nominal" },
        },
      },
    );
  }

  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    // The page shows the title as a heading; the SVG carries it for screen readers.
    description: t(layout.title),
    config: {
      font: "sans-serif",
      axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: "normal" },
      legend: {
        labelFontSize: 13,
        titleFontSize: 13,
        symbolType: "stroke",
        symbolSize: 400,
        symbolStrokeWidth: 3,
      },
      view: { stroke: "#ddd" },
    },
    layer: layers,
  } as TopLevelSpec;
}
