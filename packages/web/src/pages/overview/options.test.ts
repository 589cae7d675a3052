import { describe, expect, it } from "vitest";
import { customersUrl, LIST_FILTERS, linkable, listLink } from "./links.ts";
import {
  type ChartContext,
  clickedLink,
  fieldBarsOption,
  gradePyramidOption,
  migrationSankeyOption,
  tierLifecycleOption,
} from "./options.ts";
import type { GradeMigration, StructureReport } from "./overview.types.ts";

/** Texts that show their key and parameters, so a test sees what was asked for. */
const ctx = (links = new Set(LIST_FILTERS)): ChartContext => ({
  t: (key, params = {}) => {
    const { defaultValue: _, ...rest } = params;
    return Object.keys(rest).length > 0 ? `${key}${JSON.stringify(rest)}` : key;
  },
  money: (value) => `¥${value}`,
  percent: (value) => (value === null ? "—" : `${Math.round(value * 100)}%`),
  number: (value) => String(value),
  links,
});

const cell = (keys: (string | null)[], customers: number) => ({
  keys,
  customers,
  customerShare: 0,
  revenue: customers * 10,
  revenueShare: 0,
  clv: 0,
  clvShare: 0,
});
const report = (by: string[], cells: ReturnType<typeof cell>[]): StructureReport => ({
  by,
  analysisRunId: 1,
  totals: { customers: cells.reduce((sum, c) => sum + c.customers, 0), revenue: 0, clv: 0 },
  cells,
});
const GRADES = [
  { code: "A", label: "A 级" },
  { code: "B", label: "B 级" },
  { code: "C", label: "C 级" },
];
// biome-ignore lint/suspicious/noExplicitAny: reading back the option's plain data
const series = (option: any, index: number) => option.series[index];

describe("which chart elements open the customer list", () => {
  it("opens every list filter on the latest run and the value scheme; grades of another scheme and older runs none", () => {
    expect([...linkable({ latestRun: true, scheme: "value" })]).toEqual([...LIST_FILTERS]);
    expect(linkable({ latestRun: true, scheme: "credit" }).has("grade")).toBe(false);
    expect(linkable({ latestRun: true, scheme: "credit" }).has("rfmSegment")).toBe(true);
    expect(linkable({ latestRun: false, scheme: "value" }).size).toBe(0);
  });

  it("links a value only where the list has its filter and the value is known", () => {
    const allowed = new Set(["grade", "valueTier"] as const);
    expect(listLink(allowed, { grade: "A" })).toEqual({ grade: "A" });
    expect(listLink(allowed, { grade: null })).toBeUndefined();
    expect(listLink(allowed, { valueTier: "high", lifecycle: "new" })).toBeUndefined();
    expect(customersUrl({ valueTier: "high", lifecycle: "new" })).toBe(
      "/customers?valueTier=high&lifecycle=new",
    );
  });
});

describe("the overview's chart options", () => {
  it("draw the grade pyramid best grade on top, centred, each grade opening its customers", () => {
    const option = gradePyramidOption(
      report(["grade"], [cell(["C"], 60), cell(["A"], 10), cell([null], 5), cell(["B"], 25)]),
      GRADES,
      ctx(),
    );
    // The category axis draws from the bottom: the last category is the top row.
    expect((option.yAxis as { data: string[] }).data).toEqual(["overview.ungraded", "C 级", "B 级", "A 级"]);
    const bars = series(option, 1).data;
    expect(bars.map((bar: { value: number }) => bar.value)).toEqual([5, 60, 25, 10]);
    expect(series(option, 0).data).toEqual([27.5, 0, 17.5, 25]);
    expect(bars.map((bar: unknown) => clickedLink({ data: bar }))).toEqual([
      undefined,
      { grade: "C" },
      { grade: "B" },
      { grade: "A" },
    ]);
    const older = gradePyramidOption(report(["grade"], [cell(["A"], 1)]), GRADES, ctx(new Set()));
    expect(clickedLink({ data: series(older, 1).data[0] })).toBeUndefined();
  });

  it("place each value tier × lifecycle cell at its row and column, opening both filters", () => {
    const option = tierLifecycleOption(
      report(["value_tier", "lifecycle_stage"], [cell(["low", "lost"], 7), cell(["high", "new"], 3)]),
      ctx(),
    );
    const columns = (option.xAxis as { data: string[] }).data;
    const rows = (option.yAxis as { data: string[] }).data;
    expect(columns).toEqual(["segments.lifecycle.new", "segments.lifecycle.lost"]);
    expect(rows).toEqual(["segments.valueTier.low", "segments.valueTier.high"]);
    const [low, high] = series(option, 0).data;
    expect(low.value).toEqual([1, 0, 7]);
    expect(high.value).toEqual([0, 1, 3]);
    expect(low.link).toEqual({ valueTier: "low", lifecycle: "lost" });
  });

  it("show the largest values of a field and sum the rest; a value's bar opens its customers", () => {
    const cells = ["甲", "乙", "丙", "丁"].map((name, i) => cell([name], 10 - i));
    const option = fieldBarsOption(report(["industry"], [...cells, cell([null], 1)]), ctx(), 2);
    expect((option.yAxis as { data: string[] }).data).toEqual(["overview.others", "乙", "甲"]);
    const bars = series(option, 0).data as { value: number; link?: object; cursor: string }[];
    expect(bars.map((bar) => bar.value)).toEqual([8 + 7 + 1, 9, 10]);
    expect(bars.map((bar) => bar.link)).toEqual([undefined, { industry: "乙" }, { industry: "甲" }]);
    expect(bars[0]!.cursor).toBe("default");
    expect(bars[2]!.cursor).toBe("pointer");
    const regions = fieldBarsOption(report(["province"], [cell(["广东"], 3), cell([null], 2)]), ctx());
    expect((series(regions, 0).data as { link?: object }[]).map((bar) => bar.link)).toEqual([
      undefined,
      { region: "广东" },
    ]);
    // An older run's bars open nothing: the list shows the latest.
    const older = fieldBarsOption(report(["industry"], cells), ctx(new Set()));
    expect((series(older, 0).data as { link?: object }[]).every((bar) => bar.link === undefined)).toBe(true);
    expect(customersUrl({ region: "广东" })).toBe(`/customers?region=${encodeURIComponent("广东")}`);
  });

  it("draw the grade migration as flows that add up to the moves, new and gone customers included", () => {
    const migration: GradeMigration = {
      scheme: "value",
      from: { id: 1, asOf: "2026-01-01" },
      to: { id: 2, asOf: "2026-02-01" },
      grades: ["A", "B"],
      counts: { A: { A: 4, B: 1 }, B: { A: 2, B: 0 } },
      newCustomers: { customers: 3, byGrade: { B: 3 } },
      goneCustomers: { customers: 1, byGrade: { A: 1 } },
    };
    const sankey = series(migrationSankeyOption(migration, GRADES, ctx()), 0);
    expect(sankey.links).toEqual([
      { source: "from:A", target: "to:A", value: 4 },
      { source: "from:A", target: "to:B", value: 1 },
      { source: "from:B", target: "to:A", value: 2 },
      { source: "new", target: "to:B", value: 3 },
      { source: "from:A", target: "gone", value: 1 },
    ]);
    const nodes = new Map(sankey.data.map((node: { name: string }) => [node.name, node]));
    expect([...nodes.keys()]).toEqual(["from:A", "from:B", "new", "to:A", "to:B", "gone"]);
    expect(clickedLink({ data: nodes.get("to:B") })).toEqual({ grade: "B" });
    expect(clickedLink({ data: nodes.get("from:B") })).toBeUndefined();
    expect(clickedLink({ data: sankey.links[0] })).toBeUndefined();
  });
});
