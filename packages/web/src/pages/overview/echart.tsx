/**
 * A small React wrapper around ECharts 6 with only the charts and components the overview uses
 * (echarts/core modular imports: this file, and so echarts, is only in the overview page's chunk).
 * SVG renderer: crisp at any zoom, and its elements can be inspected in browser tests.
 */
import { BarChart, HeatmapChart, LineChart, SankeyChart, TreemapChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { type ECharts, type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

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

export interface EChartProps {
  readonly option: EChartsCoreOption;
  /** Called with ECharts' click parameters (the clicked item's data is `params.data`). */
  readonly onClick?: (params: unknown) => void;
  readonly height?: number;
  readonly style?: CSSProperties;
  readonly "data-testid"?: string;
}

export function EChart({ option, onClick, height = 320, style, ...rest }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;

  // One chart per element for its lifetime; it follows the element's size.
  useEffect(() => {
    const instance = init(element.current!, undefined, { renderer: "svg" });
    chart.current = instance;
    instance.on("click", (params) => clicked.current?.(params));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // A new option replaces the old one whole (notMerge): series that went away must not linger.
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} style={{ width: "100%", height, ...style }} data-testid={rest["data-testid"]} />;
}
