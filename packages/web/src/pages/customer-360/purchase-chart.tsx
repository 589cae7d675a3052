/**
 * 购买时间线: the customer's purchases and returns month by month (timeline-option.ts), drawn by
 * ECharts with only the bar and line charts (registered here: echarts comes with this page only).
 */
import { Card } from "antd";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCurrency } from "../../api/queries.ts";
import { EChart } from "../../charts/echart.tsx";
import { money } from "../../format/format.ts";
import { NoData } from "../../shell/states.tsx";
import type { TimelineMonth } from "./customer-360.types.ts";
import { purchaseTimelineOption } from "./timeline-option.ts";

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function PurchaseChart({ timeline }: { timeline: readonly TimelineMonth[] }) {
  const { t, i18n } = useTranslation();
  const currency = useCurrency();
  // The option follows the language: its legend and tooltips are texts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language changes what t gives.
  const option = useMemo(
    () => purchaseTimelineOption(timeline, { t, money: (value) => money(value, currency) }),
    [timeline, t, currency, i18n.language],
  );
  return (
    <Card title={t("customer360.timeline.title")} size="small" style={{ height: "100%" }}>
      {timeline.length === 0 ? (
        <NoData text={t("customer360.timeline.none")} />
      ) : (
        <EChart option={option} height={300} data-testid="purchase-chart" />
      )}
    </Card>
  );
}
