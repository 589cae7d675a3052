/**
 * ECharts 6 with only the charts and components the overview uses (echarts/core modular imports:
 * this file is only in the overview page's chunk), around the shared wrapper (charts/echart.tsx).
 */
import { BarChart, HeatmapChart, LineChart, SankeyChart, TreemapChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([
  BarChart,
  HeatmapChart,
  LineChart,
  SankeyChart,
  TreemapChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** The chart element itself is the shared wrapper's: this module only registers the overview's charts. */
export { EChart, type EChartProps } from "../../charts/echart.tsx";
