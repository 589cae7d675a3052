/**
 * The purchase timeline's ECharts option, from the 360 view's months: each month from the first
 * order to the last (months without orders too, so gaps show as gaps), the amount bought as a bar
 * above the axis and the amount returned as a red bar below it, and the number of purchases as a
 * line on its own axis. A plain function of the data and the reader's texts (no echarts code), so
 * it is tested in Node.
 */
import type { EChartsOption } from "echarts";
import type { TimelineMonth } from "./customer-360.types.ts";

export interface TimelineTexts {
  readonly t: (key: string, params?: Record<string, unknown>) => string;
  readonly money: (value: number) => string;
}

const BLUE = "#1677ff";
const RED = "#f5222d";
const ORANGE = "#fa8c16";

/** Every month from `first` to `last` (YYYY-MM), both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split("-").map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

export function purchaseTimelineOption(
  timeline: readonly TimelineMonth[],
  texts: TimelineTexts,
): EChartsOption {
  const { t, money } = texts;
  const byMonth = new Map(timeline.map((row) => [row.month, row]));
  const months = timeline.length === 0 ? [] : monthsBetween(timeline[0]!.month, timeline.at(-1)!.month);
  const row = (month: string) => byMonth.get(month);
  const purchases = t("customer360.timeline.purchases");
  const returns = t("customer360.timeline.returns");
  const orders = t("customer360.timeline.orders");
  return {
    grid: { left: 64, right: 40, top: 40, bottom: 32 },
    legend: { data: [purchases, returns, orders], top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const month = (params as { axisValue: string }[])[0]?.axisValue ?? "";
        const shown = row(month);
        const line = (label: string, value: string) => t("customer360.timeline.line", { label, value });
        const lines = [
          month,
          line(purchases, money(shown?.purchaseAmount ?? 0)),
          line(orders, String(shown?.purchases ?? 0)),
        ];
        if (shown && shown.returns > 0)
          lines.push(
            line(
              returns,
              `${money(shown.returnAmount)} · ${t("customer360.timeline.returnCount", { n: shown.returns })}`,
            ),
          );
        return lines.join("<br/>");
      },
    },
    xAxis: { type: "category", data: months },
    yAxis: [
      { type: "value", axisLabel: { formatter: (value: number) => money(value) } },
      { type: "value", minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: purchases,
        type: "bar",
        stack: "amount",
        itemStyle: { color: BLUE },
        data: months.map((month) => row(month)?.purchaseAmount ?? 0),
      },
      {
        name: returns,
        type: "bar",
        stack: "amount",
        itemStyle: { color: RED },
        // Below the axis: what went back.
        data: months.map((month) => {
          const returned = row(month)?.returnAmount ?? 0;
          return returned === 0 ? 0 : -returned;
        }),
      },
      {
        name: orders,
        type: "line",
        yAxisIndex: 1,
        itemStyle: { color: ORANGE },
        symbolSize: 6,
        data: months.map((month) => row(month)?.purchases ?? 0),
      },
    ],
  };
}
