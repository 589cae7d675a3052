/**
 * 分析's ECharts option, a plain function of what the API answers and the reader's texts (no
 * React, no echarts code but types), as the overview's are: the cohort's repeat purchases, actual
 * and as the model expected them, with the holdout shaded (FHL 2005 Figure 1).
 */
import type { EChartsOption } from "echarts";
import type { TrackingPoint } from "./analysis.types.ts";

export interface ChartTexts {
  readonly t: (key: string, params?: Record<string, unknown>) => string;
  readonly number: (value: number) => string;
}

/** The curve as it accumulates, or purchases per time unit (each point's increase). */
export type TrackingView = "cumulative" | "perPeriod";

const BLUE = "#1677ff";
const ORANGE = "#fa8c16";

/** Each point's value, or its increase over the point before (the first point's from zero). */
function series(
  points: readonly TrackingPoint[],
  value: (point: TrackingPoint) => number,
  view: TrackingView,
) {
  return points.map((point, k) => {
    const shown = view === "cumulative" ? value(point) : value(point) - (k > 0 ? value(points[k - 1]!) : 0);
    return Math.round(shown * 100) / 100;
  });
}

export function trackingOption(
  points: readonly TrackingPoint[],
  view: TrackingView,
  ctx: ChartTexts,
): EChartsOption {
  const actual = ctx.t("analysis.backtest.actualSeries");
  const expected = ctx.t("analysis.backtest.expectedSeries");
  // The holdout starts after the calibration end, the last point not in it.
  const start = Math.max(0, points.findIndex((point) => point.holdout) - 1);
  const area: [{ name: string; xAxis: string }, { xAxis: string }] = [
    { name: ctx.t("analysis.backtest.holdoutArea"), xAxis: points[start]?.date ?? "" },
    { xAxis: points.at(-1)?.date ?? "" },
  ];
  const holdout = points.some((point) => point.holdout) ? [area] : [];
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (value) => ctx.number(Number(value)) },
    xAxis: { type: "category", boundaryGap: false, data: points.map((point) => point.date) },
    yAxis: { type: "value", name: ctx.t("analysis.backtest.axis") },
    series: [
      {
        type: "line",
        name: actual,
        showSymbol: false,
        cursor: "default",
        itemStyle: { color: BLUE },
        data: series(points, (point) => point.actual, view),
        markArea: {
          silent: true,
          itemStyle: { color: "rgba(250, 140, 22, 0.08)" },
          label: { color: "#8c8c8c" },
          data: holdout,
        },
      },
      {
        type: "line",
        name: expected,
        showSymbol: false,
        cursor: "default",
        itemStyle: { color: ORANGE },
        lineStyle: { type: "dashed" },
        data: series(points, (point) => point.expected, view),
      },
    ],
  };
}
