/**
 * Grading runs on each engine, on analysis runs written straight into customer_scores with
 * chosen values, so that every score, grade, migration and cross-tab below is worked out by hand:
 * the scheme store and its versions, grade runs and previews, explanations, structure cross-tabs,
 * migration between runs, manual pins, and target shares.
 */
import { errorText } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertAnalysisRun, insertCustomers, parsed, type ScoreRow } from "./grade.fixture.ts";
import {
  customerGradeHistory,
  customerGrades,
  ensureBuiltinDefinitions,
  GradeError,
  gradeMigrationBetween,
  gradePreview,
  gradeRun,
  latestDefinition,
  listDefinitions,
  listPins,
  pinGrade,
  requireDefinition,
  STRUCTURE_DIMENSIONS,
  saveDefinition,
  structureBy,
  unpinGrade,
} from "./index.ts";

/**
 * score = (2·revenue score + 1·NPS score + 1·recency score) / the weights used, where
 * - revenue score = revenue / 100 (min-max over the fixed range 0–10 000, clipped above),
 * - NPS score = 0 below 7, 50 from 7, 100 from 9, and left out with its weight when unknown,
 * - recency score = 100 − days since the last purchase (fixed range 0–100), 0 when unknown.
 * A from 70, B from 40, else C; then poor credit caps at B, 政府 (government) customers are at
 * least B, and an open complaint raises a flag.
 */
const HAND_SCHEME = {
  name: "hand",
  version: 1,
  title: { "zh-CN": "手算方案", en: "Hand-computed scheme" },
  grades: [
    { code: "A", label: { "zh-CN": "A 级", en: "Grade A" } },
    { code: "B", label: { "zh-CN": "B 级", en: "Grade B" } },
    { code: "C", label: { "zh-CN": "C 级", en: "Grade C" } },
  ],
  dimensions: [
    { field: "revenue", weight: 2, normalize: { method: "minmax", min: 0, max: 10000 } },
    {
      field: "nps",
      weight: 1,
      normalize: {
        method: "bands",
        bands: [
          { min: 0, score: 0 },
          { min: 7, score: 50 },
          { min: 9, score: 100 },
        ],
      },
      missing: "skip",
    },
    {
      field: "recency_days",
      weight: 1,
      normalize: { method: "minmax", min: 0, max: 100 },
      direction: "lower_is_better",
    },
  ],
  assign: { method: "thresholds", min: { A: 70, B: 40 } },
  overrides: [
    {
      when: { field: "credit_grade", in: ["poor"] },
      atMost: "B",
      reason: { "zh-CN": "信用较差，最高为 B 级", en: "Poor credit: at most B" },
    },
    {
      when: { field: "open_complaints", gt: 0 },
      flag: "open_complaint",
      reason: { "zh-CN": "有未结投诉", en: "Has an open complaint" },
    },
    {
      when: { field: "industry", in: ["政府"] },
      atLeast: "B",
      reason: { "zh-CN": "政府客户至少为 B 级", en: "Government customers are at least B" },
    },
  ],
} as const;

const CUSTOMERS = [
  { code: "C1", industry: "制造业" },
  { code: "C2", industry: "制造业" },
  { code: "C3", industry: "零售" },
  { code: "C4", industry: "零售" },
  { code: "C5", industry: "政府" },
  { code: "C6", industry: "零售" },
  { code: "C7", industry: null },
  { code: "C8", industry: "政府" },
  { code: "C9", industry: "零售" },
];

/*
 * The latest analysis run, as of 2026-06-30 (C9 has gone; C8 is new):
 *
 * | code | revenue | NPS | recency | other | score | by score | grade |
 * |---|---|---|---|---|---|---|---|
 * | C1 | 9 000 | 10 | 10 | | (2·90 + 100 + 90) / 4 = 92.5 | A | A |
 * | C2 | 8 000 | 9 | 20 | credit poor | (2·80 + 100 + 80) / 4 = 85 | A | B (capped) |
 * | C3 | 6 500 | – | 20 | | (2·65 + 80) / 3 = 70 | A (exactly the threshold) | A |
 * | C4 | 5 000 | 8 | 40 | 2 open complaints | (2·50 + 50 + 60) / 4 = 52.5 | B | B, flagged |
 * | C5 | 3 000 | 3 | 50 | 政府 | (2·30 + 0 + 50) / 4 = 27.5 | C | B (raised) |
 * | C6 | 2 000 | 6 | 100 | | (2·20 + 0 + 0) / 4 = 10 | C | C |
 * | C7 | 1 500 | – | – | | (2·15 + 0) / 3 = 10 | C | C |
 * | C8 | 12 000 | 7 | 0 | credit poor, 政府 | (2·100 + 50 + 100) / 4 = 87.5 | A | B (capped; "at least B" changes nothing) |
 */
const LATEST: ScoreRow[] = [
  { code: "C1", revenue: 9000, last_nps: 10, recency_days: 10, credit_grade: "good", clv: 5000 },
  { code: "C2", revenue: 8000, last_nps: 9, recency_days: 20, credit_grade: "poor", clv: 3000 },
  { code: "C3", revenue: 6500, recency_days: 20, credit_grade: "good", clv: 4000 },
  { code: "C4", revenue: 5000, last_nps: 8, recency_days: 40, open_complaints: 2, clv: 2000 },
  { code: "C5", revenue: 3000, last_nps: 3, recency_days: 50, clv: 1000 },
  { code: "C6", revenue: 2000, last_nps: 6, recency_days: 100 },
  { code: "C7", revenue: 1500 },
  { code: "C8", revenue: 12000, last_nps: 7, recency_days: 0, credit_grade: "poor", clv: 6000 },
];

/*
 * The earlier run, as of 2026-03-31: as above but C2's credit was good (A), C6 was a B customer
 * (2·50 + 50 + 60) / 4 = 52.5, C9 was there, (2·6 + 10) / 3 ≈ 7.3 → C, and C8 was not.
 */
const EARLIER: ScoreRow[] = [
  ...LATEST.filter((row) => row.code !== "C8" && row.code !== "C6").map((row) =>
    row.code === "C2" ? { ...row, credit_grade: "good" } : row,
  ),
  { code: "C6", revenue: 5000, last_nps: 8, recency_days: 40 },
  { code: "C9", revenue: 600, recency_days: 90 },
];

const LATEST_GRADES = { C1: "A", C2: "B", C3: "A", C4: "B", C5: "B", C6: "C", C7: "C", C8: "B" };
const EARLIER_GRADES = { C1: "A", C2: "A", C3: "A", C4: "B", C5: "B", C6: "B", C7: "C", C9: "C" };

for (const engine of ENGINES) {
  describe(`grading on ${engine}`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;
    let earlierRun: number;
    let latestRun: number;
    const gradeRuns: { earlier?: number; latest?: number } = {};
    const id = (code: string) => ids.get(code)!;

    /** Grades of a grade run by customer code. */
    async function gradesOf(gradeRunId: number): Promise<Record<string, string>> {
      const rows = await handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select(["c.code", "g.grade"])
        .where("g.grade_run_id", "=", gradeRunId)
        .orderBy("c.code")
        .execute();
      return Object.fromEntries(rows.map((row) => [row.code, row.grade]));
    }

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await insertCustomers(handle, CUSTOMERS);
      earlierRun = await insertAnalysisRun(handle, ids, "2026-03-31", EARLIER);
      latestRun = await insertAnalysisRun(handle, ids, "2026-06-30", LATEST);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("adds the three ready-made schemes and playbooks once", async () => {
      await ensureBuiltinDefinitions(handle);
      await ensureBuiltinDefinitions(handle);
      expect(await countRows(handle, "grading_schemes")).toBe(3);
      expect(await countRows(handle, "playbooks")).toBe(3);
      const schemes = await listDefinitions(handle, "scheme");
      expect(schemes.map((d) => [d.name, d.version])).toEqual([
        ["credit", 1],
        ["key_account", 1],
        ["value", 1],
      ]);
      const playbooks = await listDefinitions(handle, "playbook");
      expect(playbooks.map((d) => [d.name, d.version])).toEqual([
        ["credit", 1],
        ["key_account", 1],
        ["value", 1],
      ]);
      expect(playbooks.find((d) => d.name === "value")!.definition.basis).toEqual({
        kind: "grade",
        scheme: "value",
      });
    });

    it("stores a new version only when the content changes, whatever version the document says", async () => {
      const first = await saveDefinition(handle, "scheme", HAND_SCHEME);
      expect(first.added).toBe(true);
      expect(first.stored.version).toBe(1);
      // Same content with another version number and the keys in another order: nothing new.
      const { name, ...rest } = HAND_SCHEME;
      const again = await saveDefinition(handle, "scheme", { ...rest, version: 7, name });
      expect(again).toMatchObject({ added: false, stored: { name: "hand", version: 1 } });

      const copy = { ...HAND_SCHEME, name: "hand_copy" };
      expect((await saveDefinition(handle, "scheme", copy)).stored.version).toBe(1);
      const heavier = {
        ...copy,
        version: 1,
        dimensions: [{ ...HAND_SCHEME.dimensions[0], weight: 3 }, ...HAND_SCHEME.dimensions.slice(1)],
      };
      const changed = await saveDefinition(handle, "scheme", heavier);
      expect(changed.added).toBe(true);
      expect(changed.stored.version).toBe(2);
      expect((await saveDefinition(handle, "scheme", heavier)).added).toBe(false);

      const rows = await handle.db
        .selectFrom("grading_schemes")
        .select(["name", "version"])
        .where("name", "in", ["hand", "hand_copy"])
        .orderBy("name")
        .orderBy("version")
        .execute();
      expect(rows.map((row) => [row.name, Number(row.version)])).toEqual([
        ["hand", 1],
        ["hand_copy", 1],
        ["hand_copy", 2],
      ]);
      const latest = await latestDefinition(handle, "scheme", "hand_copy");
      expect(latest!.version).toBe(2);
      expect(latest!.definition.version).toBe(2);
      expect(latest!.definition.dimensions[0]!.weight).toBe(3);
      const v1 = await latestDefinition(handle, "scheme", "hand_copy", 1);
      expect(v1!.definition.dimensions[0]!.weight).toBe(2);

      // The ready-made ones are still there once, not overwritten by ensure.
      await ensureBuiltinDefinitions(handle);
      expect(await countRows(handle, "grading_schemes")).toBe(3 + 3);
      await expect(requireDefinition(handle, "scheme", "nope")).rejects.toMatchObject({
        name: "GradeError",
        code: "GRADE_UNKNOWN_SCHEME",
        params: { name: "nope", known: "credit, hand, hand_copy, key_account, value" },
      });
      const unknown = await requireDefinition(handle, "scheme", "nope").catch((e: GradeError) => e);
      expect(errorText(unknown as GradeError, "zh-CN")).toBe(
        "找不到分级方案：nope（已有：credit, hand, hand_copy, key_account, value）",
      );
    });

    it("grades by score, thresholds and override rules as computed by hand, and keeps every assignment", async () => {
      const earlier = await gradeRun(handle, { scheme: "hand", analysisRunId: earlierRun });
      gradeRuns.earlier = earlier.gradeRunId;
      expect(await gradesOf(earlier.gradeRunId!)).toEqual(EARLIER_GRADES);

      const report = await gradeRun(handle, { scheme: "hand" });
      gradeRuns.latest = report.gradeRunId;
      expect(report).toMatchObject({
        scheme: { name: "hand", version: 1 },
        analysisRunId: latestRun,
        asOf: "2026-06-30",
        customers: 8,
        pinned: 0,
        // C2 and C8 capped, C5 raised.
        overridden: 3,
      });
      expect(report.gradeRunId).toBeGreaterThan(earlier.gradeRunId!);
      expect(report.distribution).toEqual([
        {
          grade: "A",
          customers: 2,
          customerShare: 0.25,
          revenue: 15500,
          revenueShare: 15500 / 47000,
          clv: 9000,
          clvShare: 9000 / 21000,
          meanClv: 4500,
        },
        {
          grade: "B",
          customers: 4,
          customerShare: 0.5,
          revenue: 28000,
          revenueShare: 28000 / 47000,
          clv: 12000,
          clvShare: 12000 / 21000,
          meanClv: 3000,
        },
        {
          grade: "C",
          customers: 2,
          customerShare: 0.25,
          revenue: 3500,
          revenueShare: 3500 / 47000,
          clv: 0,
          clvShare: 0,
          meanClv: Number.NaN,
        },
      ]);
      expect(await gradesOf(report.gradeRunId!)).toEqual(LATEST_GRADES);

      const run = await handle.db
        .selectFrom("grade_runs")
        .selectAll()
        .where("id", "=", report.gradeRunId!)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({
        scheme_name: "hand",
        scheme_version: 1,
        as_of: "2026-06-30",
        customers: 8,
      });
      expect(Number(run.analysis_run_id)).toBe(latestRun);

      const rows = await handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select([
          "c.code",
          "g.grade",
          "g.score",
          "g.score_grade",
          "g.components",
          "g.overrides",
          "g.flags",
          "g.pinned",
        ])
        .where("g.grade_run_id", "=", report.gradeRunId!)
        .orderBy("c.code")
        .execute();
      const stored = Object.fromEntries(
        rows.map((row) => [
          row.code,
          {
            grade: row.grade,
            score: row.score,
            scoreGrade: row.score_grade,
            components: parsed(row.components),
            overrides: parsed(row.overrides),
            flags: parsed(row.flags),
            pinned: row.pinned,
          },
        ]),
      );
      const none = { overrides: null, flags: null, pinned: false };
      expect(stored).toEqual({
        C1: { grade: "A", score: 92.5, scoreGrade: "A", components: [90, 100, 90], ...none },
        C2: {
          ...none,
          grade: "B",
          score: 85,
          scoreGrade: "A",
          components: [80, 100, 80],
          overrides: [{ rule: 0, applied: true }],
        },
        C3: { grade: "A", score: 70, scoreGrade: "A", components: [65, null, 80], ...none },
        C4: {
          ...none,
          grade: "B",
          score: 52.5,
          scoreGrade: "B",
          components: [50, 50, 60],
          overrides: [{ rule: 1, applied: true }],
          flags: ["open_complaint"],
        },
        C5: {
          ...none,
          grade: "B",
          score: 27.5,
          scoreGrade: "C",
          components: [30, 0, 50],
          overrides: [{ rule: 2, applied: true }],
        },
        C6: { grade: "C", score: 10, scoreGrade: "C", components: [20, 0, 0], ...none },
        C7: { grade: "C", score: 10, scoreGrade: "C", components: [15, null, null], ...none },
        C8: {
          ...none,
          grade: "B",
          score: 87.5,
          scoreGrade: "A",
          components: [100, 50, 100],
          overrides: [
            { rule: 0, applied: true },
            { rule: 2, applied: false },
          ],
        },
      });
    });

    it("previews the same distribution as the saved run and writes nothing", async () => {
      const runsBefore = await countRows(handle, "grade_runs");
      const gradesBefore = await countRows(handle, "customer_grades");
      const preview = await gradeRun(handle, { scheme: "hand", preview: true });
      expect(preview.gradeRunId).toBeUndefined();
      expect(await countRows(handle, "grade_runs")).toBe(runsBefore);
      expect(await countRows(handle, "customer_grades")).toBe(gradesBefore);
      const saved = await handle.db
        .selectFrom("grade_runs")
        .select("report")
        .where("id", "=", gradeRuns.latest!)
        .executeTakeFirstOrThrow();
      const savedReport = parsed<{ distribution: unknown[]; customers: number; overridden: number }>(
        saved.report,
      );
      // The stored report is JSON, where the unknown mean CLV of grade C is null.
      expect(JSON.parse(JSON.stringify(preview.distribution))).toEqual(savedReport.distribution);
      expect(preview.distribution.map((row) => [row.grade, row.customers])).toEqual([
        ["A", 2],
        ["B", 4],
        ["C", 2],
      ]);
      expect([preview.customers, preview.overridden]).toEqual([
        savedReport.customers,
        savedReport.overridden,
      ]);
    });

    it("previews a draft beside the latest grade run: who changes grade, from what to what", async () => {
      const runsBefore = await countRows(handle, "grade_runs");
      // A from 80 and B from 55: C3 (score 70) falls to B and C4 (52.5, flagged only) to C.
      const stricter = { ...HAND_SCHEME, assign: { method: "thresholds", min: { A: 80, B: 55 } } } as const;
      const preview = await gradePreview(handle, { definition: stricter });
      expect(await countRows(handle, "grade_runs")).toBe(runsBefore);
      expect(preview.gradeRunId).toBeUndefined();
      expect(preview.distribution.map((row) => [row.grade, row.customers])).toEqual([
        ["A", 1],
        ["B", 4],
        ["C", 3],
      ]);
      expect(preview.changes).toEqual({
        against: { id: gradeRuns.latest, asOf: "2026-06-30", schemeVersion: 1 },
        before: [
          { grade: "A", customers: 2, customerShare: 0.25 },
          { grade: "B", customers: 4, customerShare: 0.5 },
          { grade: "C", customers: 2, customerShare: 0.25 },
        ],
        changed: 2,
        up: 0,
        down: 2,
        added: 0,
        removed: 0,
        customers: [
          { code: "C3", name: "客户 C3", from: "A", to: "B", revenue: 6500 },
          { code: "C4", name: "客户 C4", from: "B", to: "C", revenue: 5000 },
        ],
      });

      // The earlier analysis run against the latest grades: C2 (credit good then) and C6 were
      // higher, C9 was there and C8 not yet.
      const earlier = await gradePreview(handle, { definition: HAND_SCHEME, analysisRunId: earlierRun });
      expect(earlier.changes).toMatchObject({ changed: 2, up: 2, down: 0, added: 1, removed: 1 });
      expect(earlier.changes.customers.map((c) => [c.code, c.from, c.to, c.revenue])).toEqual([
        ["C2", "B", "A", 8000],
        ["C6", "C", "B", 5000],
        ["C9", null, "C", 600],
      ]);
      const first = await gradePreview(handle, {
        definition: HAND_SCHEME,
        analysisRunId: earlierRun,
        changeLimit: 1,
      });
      expect(first.changes.customers.map((c) => c.code)).toEqual(["C2"]);
      expect(first.changes.changed).toBe(2);

      // A scheme never graded before has nothing to compare with: every customer is new.
      const fresh = await gradePreview(handle, { definition: { ...HAND_SCHEME, name: "hand_draft" } });
      expect(fresh.changes).toMatchObject({ against: null, changed: 0, added: 8, removed: 0 });
      expect(fresh.changes.before.map((row) => row.customers)).toEqual([0, 0, 0]);
    });

    it("explains a grade: components that add up to the score, the rules that matched, the flags", async () => {
      const [c8] = await customerGrades(handle, id("C8"), "zh-CN");
      expect(c8).toEqual({
        scheme: "hand",
        schemeVersion: 1,
        schemeTitle: "手算方案",
        gradeRunId: gradeRuns.latest,
        asOf: "2026-06-30",
        grade: "B",
        gradeLabel: "B 级",
        score: 87.5,
        scoreGrade: "A",
        components: [
          { field: "revenue", value: 12000, normalized: 100, weight: 2, contribution: 50 },
          { field: "nps", value: 7, normalized: 50, weight: 1, contribution: 12.5 },
          { field: "recency_days", value: 0, normalized: 100, weight: 1, contribution: 25 },
        ],
        rules: [
          { rule: 0, effect: "atMost", applied: true, grade: "B", reason: "信用较差，最高为 B 级" },
          { rule: 2, effect: "atLeast", applied: false, grade: "B", reason: "政府客户至少为 B 级" },
        ],
        flags: [],
        pinned: false,
        // A thresholds scheme states where each grade starts; the last takes everyone below.
        bands: [
          { grade: "A", label: "A 级", minScore: 70 },
          { grade: "B", label: "B 级", minScore: 40 },
          { grade: "C", label: "C 级", minScore: null },
        ],
      });

      // An unknown NPS is left out with its weight; an unknown recency scores 0 and keeps its weight.
      const [c7] = await customerGrades(handle, id("C7"), "zh-CN");
      expect(c7!.components).toEqual([
        { field: "revenue", value: 1500, normalized: 15, weight: 2, contribution: 10 },
        { field: "nps", value: null, normalized: null, weight: 1, contribution: 0 },
        { field: "recency_days", value: null, normalized: 0, weight: 1, contribution: 0 },
      ]);
      const [c3] = await customerGrades(handle, id("C3"), "zh-CN");
      const sum = c3!.components.reduce((total, component) => total + component.contribution, 0);
      expect(sum).toBeCloseTo(c3!.score!, 9);
      expect(c3!.components.map((component) => component.contribution)).toEqual([
        expect.closeTo(130 / 3, 9),
        0,
        expect.closeTo(80 / 3, 9),
      ]);
      for (const code of Object.keys(LATEST_GRADES)) {
        const [view] = await customerGrades(handle, id(code), "zh-CN");
        const total = view!.components.reduce((t, component) => t + component.contribution, 0);
        expect(total, code).toBeCloseTo(view!.score!, 9);
      }
      const [c4] = await customerGrades(handle, id("C4"), "zh-CN");
      expect(c4).toMatchObject({
        grade: "B",
        flags: ["open_complaint"],
        rules: [{ rule: 1, effect: "flag", applied: true, flag: "open_complaint", reason: "有未结投诉" }],
      });
      // C9 is not in the latest grade run.
      expect(await customerGrades(handle, id("C9"), "zh-CN")).toEqual([]);
    });

    it("cross-tabulates the structure so that the cells add up to the totals", async () => {
      const report = await structureBy(handle, { by: ["grade", "industry"], scheme: "hand" });
      expect(report).toMatchObject({
        by: ["grade", "industry"],
        analysisRunId: latestRun,
        gradeRunId: gradeRuns.latest,
        scheme: "hand",
        totals: { customers: 8, revenue: 47000, clv: 21000 },
      });
      expect(report.cells.map((cell) => [...cell.keys, cell.customers, cell.revenue, cell.clv])).toEqual([
        ["B", "政府", 2, 15000, 7000],
        ["A", "制造业", 1, 9000, 5000],
        ["B", "制造业", 1, 8000, 3000],
        ["A", "零售", 1, 6500, 4000],
        ["B", "零售", 1, 5000, 2000],
        ["C", "零售", 1, 2000, 0],
        ["C", null, 1, 1500, 0],
      ]);
      const sum = (pick: (cell: (typeof report.cells)[number]) => number) =>
        report.cells.reduce((total, cell) => total + pick(cell), 0);
      expect(sum((cell) => cell.customers)).toBe(report.totals.customers);
      expect(sum((cell) => cell.revenue)).toBe(report.totals.revenue);
      expect(sum((cell) => cell.customerShare)).toBeCloseTo(1, 12);
      expect(sum((cell) => cell.revenueShare)).toBeCloseTo(1, 12);
      expect(report.cells[0]).toMatchObject({
        customerShare: 0.25,
        revenueShare: 15000 / 47000,
        clvShare: 7000 / 21000,
      });

      // Without grades: the earlier analysis run, by industry alone.
      const byIndustry = await structureBy(handle, { by: ["industry"], analysisRunId: earlierRun });
      expect(byIndustry.gradeRunId).toBeUndefined();
      expect(byIndustry.totals).toEqual({
        customers: 8,
        revenue: 9000 + 8000 + 6500 + 5000 + 3000 + 5000 + 1500 + 600,
        clv: 15000,
      });
      expect(byIndustry.cells.map((cell) => [cell.keys[0], cell.customers, cell.revenue])).toEqual([
        ["零售", 4, 6500 + 5000 + 5000 + 600],
        ["制造业", 2, 17000],
        ["政府", 1, 3000],
        [null, 1, 1500],
      ]);

      // The region is the province: one field, `region` read as its other name.
      const byRegion = await structureBy(handle, { by: ["region"], analysisRunId: earlierRun });
      const byProvince = await structureBy(handle, { by: ["province"], analysisRunId: earlierRun });
      expect(byRegion.by).toEqual(["province"]);
      expect(byRegion.cells).toEqual(byProvince.cells);
    });

    it("refuses a dimension it does not know, naming the ones it does", async () => {
      const error = await structureBy(handle, { by: ["grade", "colour"] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GradeError);
      expect(error).toMatchObject({ code: "GRADE_UNKNOWN_DIMENSION" });
      expect(errorText(error as GradeError, "zh-CN")).toBe(
        `不能按 colour 交叉统计（可选：${STRUCTURE_DIMENSIONS.join(", ")}）`,
      );
      expect((error as Error).message).toContain("grade, industry, province");
      await expect(structureBy(handle, { by: ["grade"], scheme: "credit" })).rejects.toMatchObject({
        code: "GRADE_NO_GRADE_RUN",
      });
    });

    it("counts the migration between two runs and names the customers who fell from A", async () => {
      const migration = await gradeMigrationBetween(handle, { scheme: "hand" });
      expect(migration.from).toEqual({ id: gradeRuns.earlier, asOf: "2026-03-31", schemeVersion: 1 });
      expect(migration.to).toEqual({ id: gradeRuns.latest, asOf: "2026-06-30", schemeVersion: 1 });
      // C1..C7 are in both runs: A→A C1 C3, A→B C2, B→B C4 C5, B→C C6, C→C C7.
      expect(migration.counts).toEqual({
        A: { A: 2, B: 1, C: 0 },
        B: { A: 0, B: 2, C: 1 },
        C: { A: 0, B: 0, C: 1 },
      });
      const inBoth = Object.values(migration.counts).reduce(
        (total, row) => total + Object.values(row).reduce((a, b) => a + b, 0),
        0,
      );
      expect(inBoth).toBe(7);
      expect(migration.up.customers + migration.same.customers + migration.down.customers).toBe(7);
      expect(migration.up).toEqual({ customers: 0, revenue: 0 });
      expect(migration.same).toEqual({ customers: 5, revenue: 9000 + 6500 + 5000 + 3000 + 1500 });
      expect(migration.down).toEqual({ customers: 2, revenue: 8000 + 2000 });
      expect(migration.revenue.A).toEqual({ A: 15500, B: 8000, C: 0 });
      expect(migration.newCustomers).toEqual({ customers: 1, revenue: 12000, byGrade: { A: 0, B: 1, C: 0 } });
      expect(migration.goneCustomers).toEqual({ customers: 1, byGrade: { A: 0, B: 0, C: 1 } });
      expect(migration.topGrades).toEqual(["A"]);
      expect(migration.dropCount).toBe(1);
      expect(migration.drops).toEqual([{ code: "C2", name: "客户 C2", from: "A", to: "B", revenue: 8000 }]);

      const explicit = await gradeMigrationBetween(handle, {
        from: gradeRuns.earlier!,
        to: gradeRuns.latest!,
      });
      expect(explicit.counts).toEqual(migration.counts);
      expect(explicit.scheme).toBe("hand");
    });

    it("keeps each customer's grade history, oldest run first", async () => {
      // C2 fell from A to B between the two runs; C8 joined in the later one; C9 left after the earlier.
      const history = async (code: string) =>
        (await customerGradeHistory(handle, id(code), "hand")).map((entry) => [
          entry.gradeRunId,
          entry.asOf,
          entry.grade,
        ]);
      expect(await history("C2")).toEqual([
        [gradeRuns.earlier, "2026-03-31", "A"],
        [gradeRuns.latest, "2026-06-30", "B"],
      ]);
      expect((await history("C8")).map(([run]) => run)).toEqual([gradeRuns.latest]);
      expect(await customerGradeHistory(handle, id("C2"), "no_such_scheme")).toEqual([]);
    });

    it("refuses to compare runs of different schemes, and needs two runs", async () => {
      const value = await gradeRun(handle, { scheme: "value" });
      expect(value.scheme).toEqual({ name: "value", version: 1 });
      const error = await gradeMigrationBetween(handle, {
        from: gradeRuns.latest!,
        to: value.gradeRunId!,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GradeError);
      expect(error).toMatchObject({ code: "GRADE_DIFFERENT_SCHEMES" });
      expect(errorText(error as GradeError, "zh-CN")).toBe(
        `分级批次 ${gradeRuns.latest}（hand）与 ${value.gradeRunId}（value）属于不同方案，无法比较`,
      );
      await expect(gradeMigrationBetween(handle, { scheme: "value" })).rejects.toMatchObject({
        code: "GRADE_NEED_TWO_RUNS",
      });
      await expect(
        gradeMigrationBetween(handle, { from: 999_999, to: value.gradeRunId! }),
      ).rejects.toMatchObject({
        code: "GRADE_UNKNOWN_GRADE_RUN",
      });
      await expect(gradeRun(handle, { scheme: "hand", analysisRunId: 999_999 })).rejects.toMatchObject({
        code: "GRADE_UNKNOWN_ANALYSIS_RUN",
      });
    });

    it("lets a pin beat the score until it expires, replaces it with a new one, and removes it", async () => {
      const c6Grade = async () => {
        const report = await gradeRun(handle, { scheme: "hand" });
        return { grade: (await gradesOf(report.gradeRunId!)).C6, pinned: report.pinned };
      };
      // The latest analysis run is as of 2026-06-30: a pin that ended the day before is ignored…
      await pinGrade(handle, {
        code: "C6",
        scheme: "hand",
        grade: "A",
        reason: "老客户",
        author: "wang",
        until: "2026-06-29",
      });
      expect(await c6Grade()).toEqual({ grade: "C", pinned: 0 });
      // …one that holds through the as-of day decides the grade, and replaces the expired one.
      await pinGrade(handle, {
        code: "C6",
        scheme: "hand",
        grade: "A",
        reason: "战略合作",
        author: "wang",
        until: "2026-06-30",
      });
      expect(await c6Grade()).toEqual({ grade: "A", pinned: 1 });
      const [view] = await customerGrades(handle, id("C6"), "zh-CN");
      expect(view).toMatchObject({
        grade: "A",
        scoreGrade: "C",
        score: 10,
        pinned: true,
        pin: { customerId: id("C6"), grade: "A", reason: "战略合作", author: "wang", until: "2026-06-30" },
      });
      expect((await listPins(handle, "hand")).map((pin) => [pin.customerCode, pin.grade, pin.until])).toEqual(
        [["C6", "A", "2026-06-30"]],
      );

      // A new pin replaces the old one; the old one stays as history.
      await pinGrade(handle, { code: "C6", scheme: "hand", grade: "B", reason: "调整", author: "li" });
      expect(await c6Grade()).toEqual({ grade: "B", pinned: 1 });
      expect((await listPins(handle)).map((pin) => [pin.customerCode, pin.grade, pin.until])).toEqual([
        ["C6", "B", null],
      ]);
      const history = await handle.db
        .selectFrom("grade_pins")
        .select(["grade", "removed_at"])
        .where("customer_id", "=", id("C6"))
        .orderBy("id")
        .execute();
      expect(history.map((pin) => [pin.grade, pin.removed_at !== null])).toEqual([
        ["A", true],
        ["A", true],
        ["B", false],
      ]);

      await unpinGrade(handle, "C6", "hand");
      expect(await c6Grade()).toEqual({ grade: "C", pinned: 0 });
      expect(await listPins(handle)).toEqual([]);
      await expect(unpinGrade(handle, "C6", "hand")).rejects.toMatchObject({ code: "GRADE_NO_PIN" });

      const pin = { code: "C6", scheme: "hand", grade: "A", reason: "r", author: "a" };
      const unknownGrade = await pinGrade(handle, { ...pin, grade: "S" }).catch((e: GradeError) => e);
      expect(unknownGrade).toMatchObject({ code: "GRADE_UNKNOWN_GRADE" });
      expect(errorText(unknownGrade as GradeError, "zh-CN")).toBe("方案 hand 没有等级 S（可选：A, B, C）");
      for (const until of ["2026-02-30", "2026-13-01", "2026-6-1"]) {
        const bad = await pinGrade(handle, { ...pin, until }).catch((e: GradeError) => e);
        expect(bad).toMatchObject({ code: "GRADE_INVALID_DATE", params: { name: "until", value: until } });
        expect(errorText(bad as GradeError, "zh-CN")).toBe(`until 不是有效日期：${until}（格式 YYYY-MM-DD）`);
      }
      await expect(pinGrade(handle, { ...pin, code: "NOBODY" })).rejects.toMatchObject({
        code: "GRADE_UNKNOWN_CUSTOMER",
      });
      expect(await countRows(handle, "grade_pins")).toBe(3);
    });

    it("meets target shares exactly when the scores are distinct", async () => {
      const codes = Array.from({ length: 120 }, (_, i) => `S${String(i + 1).padStart(3, "0")}`);
      const shareIds = await insertCustomers(
        handle,
        codes.map((code) => ({ code })),
      );
      // Revenue 100, 200, …, 12 000: S120 is the best.
      const runId = await insertAnalysisRun(
        handle,
        shareIds,
        "2026-06-30",
        codes.map((code, i) => ({ code, revenue: (i + 1) * 100 })),
      );
      await saveDefinition(handle, "scheme", {
        ...HAND_SCHEME,
        name: "shares",
        dimensions: [{ field: "revenue", weight: 1, normalize: { method: "rank" } }],
        assign: { method: "shares", shares: { A: 0.1, B: 0.3 } },
        overrides: [],
      });
      const report = await gradeRun(handle, { scheme: "shares", analysisRunId: runId });
      // A 10 % of 120 = 12, B 30 % = 36, C the remaining 72.
      expect(report.distribution.map((row) => [row.grade, row.customers])).toEqual([
        ["A", 12],
        ["B", 36],
        ["C", 72],
      ]);
      const grades = await gradesOf(report.gradeRunId!);
      expect(Object.keys(grades)).toHaveLength(120);
      for (const [k, code] of codes.entries()) {
        const expected = k >= 108 ? "A" : k >= 72 ? "B" : "C";
        expect(grades[code], code).toBe(expected);
      }
      // A shares scheme's bands start at the lowest score each grade got: S109's for A, S073's for B.
      const scoreOf = async (code: string) =>
        (await customerGrades(handle, shareIds.get(code)!, "en")).find((g) => g.scheme === "shares")!;
      const explained = await scoreOf("S001");
      expect(explained.bands).toEqual([
        { grade: "A", label: expect.any(String), minScore: (await scoreOf("S109")).score, share: 0.1 },
        { grade: "B", label: expect.any(String), minScore: (await scoreOf("S073")).score, share: 0.3 },
        { grade: "C", label: expect.any(String), minScore: null },
      ]);
      expect(explained.bands[0]!.minScore).toBeGreaterThan((await scoreOf("S108")).score!);
    });
  });
}
