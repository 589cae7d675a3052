/**
 * 满意度's ECharts options, plain functions of what the API answers and the reader's texts (no
 * React, no echarts code but types), as the overview's are: NPS and CSI month by month, per
 * group (grade or segment), and complaints per time open.
 */
import type { EChartsOption } from "echarts";
import type { ComplaintSummary, SurveyBreakdown, SurveyMonth } from "./satisfaction.types.ts";

export interface ChartTexts {
  readonly t: (key: string, params?: Record<string, unknown>) => string;
  readonly number: (value: number) => string;
}

const BLUE = "#1677ff";
const GREEN = "#52c41a";
const ORANGE = "#fa8c16";
const GREY = "#bfbfbf";

const score = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const shown = (ctx: ChartTexts, value: unknown) =>
  value === null || value === undefined || value === "-" ? "—" : ctx.number(Number(value));

/**
 * NPS (−100…100, left axis) and CSI (0…100, right axis) per month as lines, the answers as light
 * bars behind them; a month without answers leaves a gap in a line, not a zero.
 */
export function trendOption(months: readonly SurveyMonth[], ctx: ChartTexts): EChartsOption {
  const nps = ctx.t("satisfaction.charts.nps");
  const csi = ctx.t("satisfaction.charts.csi");
  const answers = ctx.t("satisfaction.charts.answers");
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (value) => shown(ctx, value) },
    xAxis: { type: "category", data: months.map((month) => month.month) },
    yAxis: [
      { type: "value", min: -100, max: 100, name: nps },
      { type: "value", min: 0, name: answers, splitLine: { show: false } },
    ],
    series: [
      {
        type: "bar",
        name: answers,
        yAxisIndex: 1,
        cursor: "default",
        itemStyle: { color: GREY, opacity: 0.5 },
        barMaxWidth: 24,
        data: months.map((month) => month.answers),
      },
      {
        type: "line",
        name: nps,
        cursor: "default",
        connectNulls: false,
        itemStyle: { color: BLUE },
        data: months.map((month) => score(month.nps.score)),
      },
      {
        type: "line",
        name: csi,
        cursor: "default",
        connectNulls: false,
        itemStyle: { color: GREEN },
        data: months.map((month) => score(month.csi.overall)),
      },
    ],
  };
}

/** NPS and CSI per grade or segment as grouped bars, labelled with the group's name. */
export function breakdownOption(
  breakdown: SurveyBreakdown,
  label: (code: string | null) => string,
  ctx: ChartTexts,
): EChartsOption {
  const nps = ctx.t("satisfaction.charts.nps");
  const csi = ctx.t("satisfaction.charts.csi");
  const answers = ctx.t("satisfaction.charts.answers");
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (params) => {
        const items = params as unknown as {
          dataIndex: number;
          seriesName: string;
          value: unknown;
          marker: string;
        }[];
        const group = breakdown.groups[items[0]?.dataIndex ?? 0];
        const lines = items.map((item) => `${item.marker}${item.seriesName}: ${shown(ctx, item.value)}`);
        return [
          group ? label(group.code) : "",
          ...lines,
          group ? `${answers}: ${ctx.number(group.answers)}` : "",
        ].join("<br/>");
      },
    },
    xAxis: {
      type: "category",
      data: breakdown.groups.map((group) => label(group.code)),
      axisLabel: { interval: 0, rotate: breakdown.groups.length > 6 ? 30 : 0 },
    },
    yAxis: { type: "value", min: -100, max: 100 },
    series: [
      {
        type: "bar",
        name: nps,
        cursor: "default",
        itemStyle: { color: BLUE },
        barMaxWidth: 28,
        data: breakdown.groups.map((group) => score(group.nps.score)),
      },
      {
        type: "bar",
        name: csi,
        cursor: "default",
        itemStyle: { color: GREEN },
        barMaxWidth: 28,
        data: breakdown.groups.map((group) => score(group.csi.overall)),
      },
    ],
  };
}

/** Complaints per time open (a day, three, a week, a month, more), resolved and open stacked. */
export function complaintsOption(summary: ComplaintSummary, ctx: ChartTexts): EChartsOption {
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (value) => shown(ctx, value) },
    xAxis: {
      type: "category",
      data: summary.durations.map((duration) => ctx.t(`satisfaction.complaints.durations.${duration.code}`)),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        type: "bar",
        stack: "complaints",
        name: ctx.t("satisfaction.charts.resolved"),
        cursor: "default",
        itemStyle: { color: GREEN },
        barMaxWidth: 40,
        data: summary.durations.map((duration) => duration.resolved),
      },
      {
        type: "bar",
        stack: "complaints",
        name: ctx.t("satisfaction.charts.open"),
        cursor: "default",
        itemStyle: { color: ORANGE },
        barMaxWidth: 40,
        data: summary.durations.map((duration) => duration.open),
      },
    ],
  };
}
