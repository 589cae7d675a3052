/**
 * The overview's ECharts options, built from what the API answers: plain functions of the data and
 * the reader's texts and formats, with no React and no echarts code (types only), so they can be
 * tested in Node and used for server-rendered SVG reports too (DESIGN.md §11). A data item that
 * opens the customer list carries its `link` (links.ts); the chart wrapper follows it on click.
 */
import type { EChartsOption } from "echarts";
import { type ListFilter, type ListLink, listLink } from "./links.ts";
import type {
  GradeMigration,
  Retention,
  StructureCell,
  StructureOverview,
  StructureReport,
} from "./overview.types.ts";

export interface ChartTexts {
  /** i18next's t over the whole catalogue (overview.* and segments.*). */
  readonly t: (key: string, params?: Record<string, unknown>) => string;
  readonly money: (value: number) => string;
  readonly percent: (value: number | null) => string;
  readonly number: (value: number) => string;
}

export interface ChartContext extends ChartTexts {
  /** The list filters that open the same customers as the chart counts (links.ts `linkable`). */
  readonly links: ReadonlySet<ListFilter>;
}

export interface GradeLabel {
  readonly code: string;
  readonly label: string;
}

const BLUE = "#1677ff";
const GREEN = "#52c41a";
const ORANGE = "#fa8c16";
const RED = "#f5222d";
const GREY = "#8c8c8c";
const HEAT = ["#e6f4ff", "#91caff", "#4096ff", "#0958d9", "#002c8c"];

/** Tooltips and labels name a missing value the same way everywhere. */
const none = (ctx: ChartTexts) => ctx.t("overview.none");

/** Item data → the data's extra fields (ECharts passes them back as `params.data`). */
interface Linked {
  readonly link?: ListLink;
}
const dataOf = <T>(params: unknown) => (params as { data: T }).data;
/** The pointer only where a click opens something. */
const cursorFor = (link: ListLink | undefined) => (link ? "pointer" : "default");

function segmentLabel(ctx: ChartTexts, family: string, code: string | null): string {
  if (code === null) return none(ctx);
  return ctx.t(`segments.${family}.${code}`, { defaultValue: code });
}

/**
 * 客户金字塔: customers per grade, best grade on top, centred like a pyramid (a transparent bar
 * before each one), labelled with the grade's share of revenue and of predicted value.
 */
export function gradePyramidOption(
  report: StructureReport,
  grades: readonly GradeLabel[],
  ctx: ChartContext,
): EChartsOption {
  const byGrade = new Map(report.cells.map((cell) => [cell.keys[0] ?? null, cell]));
  const known = grades.filter((grade) => byGrade.has(grade.code));
  // Grades the scheme no longer names, then the ungraded, below the scheme's own.
  const others = [...byGrade.keys()].filter((code) => code !== null && !grades.some((g) => g.code === code));
  const rows: { code: string | null; label: string; cell: StructureCell }[] = [
    ...known.map((grade) => ({ code: grade.code, label: grade.label, cell: byGrade.get(grade.code)! })),
    ...others.map((code) => ({ code, label: code!, cell: byGrade.get(code)! })),
    ...(byGrade.has(null)
      ? [{ code: null, label: ctx.t("overview.ungraded"), cell: byGrade.get(null)! }]
      : []),
  ];
  // The y axis draws its first category at the bottom: reversed, the best grade is on top.
  const ordered = [...rows].reverse();
  const widest = Math.max(1, ...rows.map((row) => row.cell.customers));
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (params) => {
        const item = dataOf<{ cell?: StructureCell; name?: string }>(params);
        if (!item?.cell) return "";
        return [
          `<b>${item.name}</b>`,
          ctx.t("overview.tooltip.customers", { value: ctx.number(item.cell.customers) }),
          ctx.t("overview.tooltip.customerShare", { value: ctx.percent(item.cell.customerShare) }),
          ctx.t("overview.tooltip.revenueShare", { value: ctx.percent(item.cell.revenueShare) }),
          ctx.t("overview.tooltip.clvShare", { value: ctx.percent(item.cell.clvShare) }),
        ].join("<br/>");
      },
    },
    // Room on the right of the widest bar for its label.
    xAxis: { type: "value", show: false, max: widest * 1.9 },
    yAxis: {
      type: "category",
      data: ordered.map((row) => row.label),
      axisTick: { show: false },
      axisLine: { show: false },
    },
    series: [
      {
        type: "bar",
        stack: "pyramid",
        silent: true,
        itemStyle: { color: "transparent" },
        tooltip: { show: false },
        data: ordered.map((row) => (widest - row.cell.customers) / 2),
      },
      {
        type: "bar",
        stack: "pyramid",
        name: ctx.t("overview.charts.gradePyramid"),
        barCategoryGap: "12%",
        itemStyle: { color: BLUE },
        label: {
          show: true,
          position: "right",
          color: "#262626",
          formatter: (params) => {
            const item = dataOf<{ cell: StructureCell }>(params);
            return ctx.t("overview.pyramidLabel", {
              customers: ctx.number(item.cell.customers),
              revenue: ctx.percent(item.cell.revenueShare),
              clv: ctx.percent(item.cell.clvShare),
            });
          },
        },
        data: ordered.map((row) => {
          const link = listLink(ctx.links, { grade: row.code });
          return {
            value: row.cell.customers,
            name: row.label,
            cell: row.cell,
            link,
            cursor: cursorFor(link),
          };
        }),
      },
    ],
  };
}

/** The Lorenz curve of revenue over the buyers, with the line of equality, Gini and the top 20 %'s share. */
export function lorenzOption(
  concentration: StructureOverview["concentration"],
  ctx: ChartTexts,
): EChartsOption {
  const subtitle = ctx.t("overview.lorenzSubtitle", {
    gini: concentration.gini === null ? none(ctx) : concentration.gini.toFixed(2),
    top20: ctx.percent(concentration.top20Share),
  });
  return {
    title: { text: subtitle, left: "center", top: 0, textStyle: { fontSize: 13, fontWeight: "normal" } },
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "axis",
      valueFormatter: (value) => ctx.percent(Number(value)),
    },
    xAxis: {
      type: "value",
      min: 0,
      max: 1,
      name: ctx.t("overview.axis.buyersShare"),
      nameLocation: "middle",
      nameGap: 26,
      axisLabel: { formatter: (value: number) => ctx.percent(value) },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 1,
      axisLabel: { formatter: (value: number) => ctx.percent(value) },
    },
    series: [
      {
        type: "line",
        name: ctx.t("overview.series.revenueShare"),
        showSymbol: false,
        cursor: "default",
        areaStyle: { opacity: 0.15 },
        itemStyle: { color: BLUE },
        data: concentration.lorenz.map((point) => [point.customerShare, point.revenueShare]),
      },
      {
        type: "line",
        name: ctx.t("overview.series.equality"),
        showSymbol: false,
        cursor: "default",
        lineStyle: { type: "dashed", color: GREY },
        itemStyle: { color: GREY },
        data: [
          [0, 0],
          [1, 1],
        ],
      },
    ],
  };
}

/** RFM segments as a treemap sized by customers; a segment opens its customers. */
export function rfmTreemapOption(report: StructureReport, ctx: ChartContext): EChartsOption {
  return {
    tooltip: {
      formatter: (params) => {
        const item = dataOf<{ name: string; cell: StructureCell }>(params);
        return [
          `<b>${item.name}</b>`,
          ctx.t("overview.tooltip.customers", { value: ctx.number(item.cell.customers) }),
          ctx.t("overview.tooltip.revenueShare", { value: ctx.percent(item.cell.revenueShare) }),
        ].join("<br/>");
      },
    },
    series: [
      {
        type: "treemap",
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        width: "100%",
        height: "100%",
        top: 0,
        left: 0,
        label: { show: true, formatter: "{b}\n{c}" },
        data: report.cells
          .filter((cell) => cell.customers > 0)
          .map((cell) => {
            const code = cell.keys[0] ?? null;
            const link = listLink(ctx.links, { rfmSegment: code });
            return {
              name: segmentLabel(ctx, "rfm", code),
              value: cell.customers,
              cell,
              link,
              cursor: cursorFor(link),
            };
          }),
      },
    ],
  };
}

const TIERS = ["high", "mid", "low"];
const STAGES = ["prospect", "new", "growing", "mature", "declining", "lost"];

/** Known codes in their order, then any other the data has, then the missing value. */
function axisCodes(known: readonly string[], seen: Iterable<string | null>): (string | null)[] {
  const all = new Set(seen);
  return [
    ...known.filter((code) => all.has(code)),
    ...[...all].filter((code): code is string => code !== null && !known.includes(code)).sort(),
    ...(all.has(null) ? [null] : []),
  ];
}

/** Value tier × lifecycle stage: customers per pair as a heat map; a cell opens its customers. */
export function tierLifecycleOption(report: StructureReport, ctx: ChartContext): EChartsOption {
  const tiers = axisCodes(
    TIERS,
    report.cells.map((cell) => cell.keys[0] ?? null),
  ).reverse();
  const stages = axisCodes(
    STAGES,
    report.cells.map((cell) => cell.keys[1] ?? null),
  );
  const max = Math.max(1, ...report.cells.map((cell) => cell.customers));
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    tooltip: {
      formatter: (params) => {
        const item = dataOf<{ cell: StructureCell; title: string }>(params);
        return [
          `<b>${item.title}</b>`,
          ctx.t("overview.tooltip.customers", { value: ctx.number(item.cell.customers) }),
          ctx.t("overview.tooltip.revenueShare", { value: ctx.percent(item.cell.revenueShare) }),
        ].join("<br/>");
      },
    },
    xAxis: {
      type: "category",
      data: stages.map((code) => segmentLabel(ctx, "lifecycle", code)),
      splitArea: { show: true },
    },
    yAxis: {
      type: "category",
      data: tiers.map((code) => segmentLabel(ctx, "valueTier", code)),
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 120,
      inRange: { color: HEAT },
      text: [ctx.t("overview.legend.more"), ctx.t("overview.legend.fewer")],
    },
    series: [
      {
        type: "heatmap",
        // A heat map has no cursor per cell: the pointer when its cells are links.
        cursor: ctx.links.has("valueTier") && ctx.links.has("lifecycle") ? "pointer" : "default",
        label: { show: true },
        data: report.cells.map((cell) => {
          const [tier = null, stage = null] = cell.keys;
          const link = listLink(ctx.links, { valueTier: tier, lifecycle: stage });
          return {
            value: [stages.indexOf(stage), tiers.indexOf(tier), cell.customers],
            title: `${segmentLabel(ctx, "valueTier", tier)} × ${segmentLabel(ctx, "lifecycle", stage)}`,
            cell,
            link,
            cursor: cursorFor(link),
          };
        }),
      },
    ],
  };
}

/**
 * Customers per value of one customer field (industry, region), most first, the rest of a long
 * tail summed. A value's bar opens its customers (the list's industry or region filter); the
 * summed rest and "not given" open nothing.
 */
export function fieldBarsOption(report: StructureReport, ctx: ChartContext, top = 12): EChartsOption {
  const filter = report.by[0] === "province" ? "region" : "industry";
  const cells = [...report.cells].sort((a, b) => b.customers - a.customers);
  const shown = cells.slice(0, top);
  const rest = cells.slice(top).reduce((sum, cell) => sum + cell.customers, 0);
  const rows = [
    ...shown.map((cell) => ({
      label: cell.keys[0] ?? ctx.t("overview.notGiven"),
      value: cell.customers,
      link: listLink(ctx.links, { [filter]: cell.keys[0] }),
    })),
    ...(rest > 0 ? [{ label: ctx.t("overview.others"), value: rest, link: undefined }] : []),
  ].reverse();
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((row) => row.label), axisTick: { show: false } },
    series: [
      {
        type: "bar",
        name: ctx.t("overview.series.customers"),
        cursor: "default",
        itemStyle: { color: BLUE },
        label: { show: true, position: "right" },
        data: rows.map((row) => ({ value: row.value, link: row.link, cursor: cursorFor(row.link) })),
      },
    ],
  };
}

/** The spread of predicted value (CLV): customers per bin, the last bin open-ended. */
export function clvHistogramOption(bins: StructureOverview["value"]["bins"], ctx: ChartTexts): EChartsOption {
  const labels = bins.map((bin, i) =>
    i === bins.length - 1 && bins.length > 1
      ? ctx.t("overview.binFrom", { from: ctx.money(bin.from) })
      : `${ctx.money(bin.from)}–${ctx.money(bin.to)}`,
  );
  return {
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "category", data: labels, axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: { type: "value", minInterval: 1, name: ctx.t("overview.series.customers") },
    series: [
      {
        type: "bar",
        name: ctx.t("overview.series.customers"),
        cursor: "default",
        barCategoryGap: "4%",
        itemStyle: { color: GREEN },
        data: bins.map((bin) => bin.customers),
      },
    ],
  };
}

/** Monthly churn rate; the last months, whose rate can still grow, are drawn dashed. */
export function churnLineOption(churn: Retention["churn"], ctx: ChartTexts): EChartsOption {
  const months = churn.map((month) => month.month);
  // The dashed line starts at the last complete month so the two lines meet.
  const firstOpen = churn.findIndex((month) => !month.complete);
  const complete = churn.map((month, i) => (firstOpen === -1 || i < firstOpen ? month.rate : null));
  const open = churn.map((month, i) =>
    firstOpen !== -1 && i >= Math.max(0, firstOpen - 1) ? month.rate : null,
  );
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const index = (list[0] as { dataIndex: number }).dataIndex;
        const month = churn[index]!;
        return [
          `<b>${month.month}</b>`,
          ctx.t("overview.tooltip.churnRate", { value: ctx.percent(month.rate) }),
          ctx.t("overview.tooltip.churned", {
            churned: ctx.number(month.churned),
            customers: ctx.number(month.customers),
          }),
          ...(month.complete ? [] : [ctx.t("overview.tooltip.incomplete")]),
        ].join("<br/>");
      },
    },
    xAxis: { type: "category", data: months, boundaryGap: false },
    yAxis: { type: "value", min: 0, axisLabel: { formatter: (value: number) => ctx.percent(value) } },
    series: [
      {
        type: "line",
        name: ctx.t("overview.series.churnRate"),
        cursor: "default",
        itemStyle: { color: RED },
        data: complete,
      },
      {
        type: "line",
        name: ctx.t("overview.series.churnOpen"),
        cursor: "default",
        itemStyle: { color: ORANGE },
        lineStyle: { type: "dashed" },
        data: open,
      },
    ],
  };
}

/** Cohort retention: a row per month of first purchase, a column per month since, the share buying. */
export function cohortOption(cohorts: Retention["cohorts"], ctx: ChartTexts): EChartsOption {
  const width = Math.max(0, ...cohorts.map((cohort) => cohort.retained.length));
  const columns = Array.from({ length: width }, (_, i) => ctx.t("overview.monthN", { n: i }));
  const rows = cohorts.map((cohort) =>
    ctx.t("overview.cohortRow", { month: cohort.month, n: cohort.customers }),
  );
  const data = cohorts.flatMap((cohort, row) =>
    cohort.retained.flatMap((share, column) => (share === null ? [] : [{ value: [column, row, share] }])),
  );
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    tooltip: {
      formatter: (params) => {
        const [column, row, share] = dataOf<{ value: [number, number, number] }>(params).value;
        return `${rows[row]}<br/>${columns[column]}: ${ctx.percent(share)}`;
      },
    },
    xAxis: { type: "category", data: columns, position: "top", splitArea: { show: true } },
    yAxis: { type: "category", data: rows, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: 1,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 120,
      inRange: { color: HEAT },
      formatter: (value) => ctx.percent(Number(value)),
    },
    series: [
      {
        type: "heatmap",
        cursor: "default",
        label: {
          show: true,
          fontSize: 10,
          formatter: (params) => ctx.percent(dataOf<{ value: number[] }>(params).value[2]!),
        },
        data,
      },
    ],
  };
}

/**
 * Grade migration between two grade runs as a Sankey: grades of the first run on the left, of the
 * second on the right, new customers coming in and gone ones leaving. A right-hand grade opens its
 * customers (the list shows the latest grades); a flow has no filter and opens nothing.
 */
export function migrationSankeyOption(
  migration: GradeMigration,
  grades: readonly GradeLabel[],
  ctx: ChartContext,
): EChartsOption {
  const labelOf = (code: string) => grades.find((grade) => grade.code === code)?.label ?? code;
  const order = [
    ...grades.map((grade) => grade.code).filter((code) => migration.grades.includes(code)),
    ...migration.grades.filter((code) => !grades.some((grade) => grade.code === code)),
  ];
  const fromId = (code: string) => `from:${code}`;
  const toId = (code: string) => `to:${code}`;
  const NEW = "new";
  const GONE = "gone";
  const links: { source: string; target: string; value: number }[] = [];
  for (const from of order)
    for (const to of order) {
      const value = migration.counts[from]?.[to] ?? 0;
      if (value > 0) links.push({ source: fromId(from), target: toId(to), value });
    }
  for (const to of order) {
    const value = migration.newCustomers.byGrade[to] ?? 0;
    if (value > 0) links.push({ source: NEW, target: toId(to), value });
  }
  for (const from of order) {
    const value = migration.goneCustomers.byGrade[from] ?? 0;
    if (value > 0) links.push({ source: fromId(from), target: GONE, value });
  }
  const used = new Set(links.flatMap((link) => [link.source, link.target]));
  const nodes = [
    ...order.map((code) => ({ name: fromId(code), title: labelOf(code), depth: 0 })),
    { name: NEW, title: ctx.t("overview.newCustomers"), depth: 0 },
    ...order.map((code) => {
      const link = listLink(ctx.links, { grade: code });
      return { name: toId(code), title: labelOf(code), depth: 1, link };
    }),
    { name: GONE, title: ctx.t("overview.goneCustomers"), depth: 1 },
  ].filter((node) => used.has(node.name));
  const nodeLabel = (name: string) => nodes.find((node) => node.name === name)?.title ?? name;
  return {
    title: {
      text: ctx.t("overview.migrationSubtitle", { from: migration.from.asOf, to: migration.to.asOf }),
      left: "center",
      top: 0,
      textStyle: { fontSize: 13, fontWeight: "normal" },
    },
    tooltip: {
      trigger: "item",
      formatter: (params) => {
        const item = params as {
          dataType?: string;
          data: { source?: string; target?: string; value?: number };
        };
        if (item.dataType === "edge")
          return `${nodeLabel(item.data.source!)} → ${nodeLabel(item.data.target!)}: ${ctx.number(item.data.value!)}`;
        return nodeLabel((item.data as { name: string }).name);
      },
    },
    series: [
      {
        type: "sankey",
        top: 32,
        bottom: 8,
        left: 8,
        right: 140,
        nodeAlign: "justify",
        layoutIterations: 0,
        emphasis: { focus: "adjacency" },
        lineStyle: { color: "gradient", opacity: 0.35 },
        label: { formatter: (params) => nodeLabel(params.name) },
        data: nodes,
        links,
      },
    ],
  };
}

/** The data item's link, if a click on it opens the customer list. */
export function clickedLink(params: unknown): ListLink | undefined {
  return (params as { data?: Linked } | undefined)?.data?.link;
}
