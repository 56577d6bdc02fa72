/**
 * A test data builder for the report: the series of each chart, as the demo's chapters would
 * record them, without running the demo.
 *
 *   const series = reportSeries()
 *     .with("lstRate", "slETH rate", [0, 1], [365, 1.0254, "a year at 3 %"])
 *     .build();
 */
import { CHARTS, type ChartId, type Point } from "../../scripts/demo/series.js";
import type { ChartSeries } from "../../scripts/report/index.js";

/** A point as `[x, y]` or `[x, y, label]`. */
export type PointTuple = [x: number, y: number, label?: string];

export class ReportSeriesBuilder {
  private readonly charts = new Map<ChartId, Map<string, Point[]>>();

  /** Adds points to a series of a chart (the series is created, even with no point). */
  with(chart: ChartId, series: string, ...points: PointTuple[]): this {
    let chartSeries = this.charts.get(chart);
    if (chartSeries === undefined) this.charts.set(chart, (chartSeries = new Map()));
    const recorded = chartSeries.get(series) ?? [];
    chartSeries.set(series, recorded);
    for (const [x, y, label] of points)
      recorded.push(label === undefined ? { x, y } : { x, y, label });
    return this;
  }

  /** A series of `count` points, x = 0, 1, 2…, y rising from 1 by 0.01 a point. */
  withPoints(chart: ChartId, series: string, count: number): this {
    return this.with(
      chart,
      series,
      ...Array.from({ length: count }, (_, i): PointTuple => [i, 1 + i / 100]),
    );
  }

  /** Every chart with two series of different lengths (3 + chart index, and 2 points). */
  everyChart(): this {
    for (const [i, chart] of CHARTS.entries()) {
      this.withPoints(chart, `${chart} A`, 3 + i).withPoints(chart, `${chart} B`, 2);
    }
    return this;
  }

  /** The series of each chart, as `renderReport`'s `series` option takes them. */
  build(): Partial<Record<ChartId, ChartSeries>> {
    return Object.fromEntries(this.charts);
  }

  /** The number of points the builder holds for a chart. */
  pointCount(chart: ChartId): number {
    return [...(this.charts.get(chart)?.values() ?? [])].reduce((n, p) => n + p.length, 0);
  }
}

export const reportSeries = () => new ReportSeriesBuilder();
