/**
 * What each chart of the report shows: its axes (catalogue keys, units in the titles), where its
 * x comes from (days of the demo's year, or the steps of the depeg), and which demo chapter
 * records its points — the page names that chapter when a chart has none.
 */
import type { ChartId } from "../demo/series.js";
import type { MessageKey } from "../i18n/index.js";

export interface ChartLayout {
  /** The chart's title and the sentence under it. */
  title: MessageKey;
  caption: MessageKey;
  /** Axis titles, each with its unit. */
  xAxis: MessageKey;
  yAxis: MessageKey;
  /** Whether x counts steps (whole numbers, one tick each) or days. */
  xIsStep: boolean;
  /** A horizontal reference line, e.g. a health factor of 1 (liquidation), with its label. */
  reference?: { y: number; label: MessageKey };
  /** The demo chapter that records this chart's points (`--chapter <name>`). */
  chapter: string;
}

/** Every chart of the report, in the order the page shows them (the demo's order). */
export const CHART_LAYOUTS: Record<ChartId, ChartLayout> = {
  lstRate: {
    title: "report:charts.lstRate.title",
    caption: "report:charts.lstRate.caption",
    xAxis: "report:axes.days",
    yAxis: "report:axes.lstRate",
    xIsStep: false,
    chapter: "liquid-staking",
  },
  lrtValue: {
    title: "report:charts.lrtValue.title",
    caption: "report:charts.lrtValue.caption",
    xAxis: "report:axes.days",
    yAxis: "report:axes.ethValue",
    xIsStep: false,
    chapter: "liquid-restaking",
  },
  depegPrice: {
    title: "report:charts.depegPrice.title",
    caption: "report:charts.depegPrice.caption",
    xAxis: "report:axes.step",
    yAxis: "report:axes.price",
    xIsStep: true,
    chapter: "depeg",
  },
  healthFactors: {
    title: "report:charts.healthFactors.title",
    caption: "report:charts.healthFactors.caption",
    xAxis: "report:axes.step",
    yAxis: "report:axes.healthFactor",
    xIsStep: true,
    reference: { y: 1, label: "report:liquidation" },
    chapter: "depeg",
  },
  comparison: {
    title: "report:charts.comparison.title",
    caption: "report:charts.comparison.caption",
    xAxis: "report:axes.days",
    yAxis: "report:axes.ethValue",
    xIsStep: false,
    chapter: "compare",
  },
};
