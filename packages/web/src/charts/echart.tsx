/**
 * A small React wrapper around an ECharts 6 instance (SVG renderer: crisp at any zoom, and its
 * elements can be inspected in browser tests). It registers no chart: the page that shows one
 * registers the charts and components it uses (`use` from echarts/core) in its own chunk, so each
 * page loads only its charts (DESIGN.md §11).
 */
import { type ECharts, type EChartsCoreOption, init } from "echarts/core";
import { type CSSProperties, useEffect, useRef } from "react";
import { usePrefersReducedMotion } from "../shell/reduced-motion.ts";

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
  const reducedMotion = usePrefersReducedMotion();

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
    chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, reducedMotion]);

  return <div ref={element} style={{ width: "100%", height, ...style }} data-testid={rest["data-testid"]} />;
}
