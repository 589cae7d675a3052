/**
 * A customer's grades under every scheme that has graded them, each with its answer to "why":
 * the dimension scores and their parts of the score, the rules that matched, the flags, the pin.
 * The explanation is rebuilt from what the grade run stored (dimension scores, matched rules)
 * with the scheme version it ran and the analysis run's values, so it stays true to that run
 * after the scheme or the data change.
 */
import {
  type GradePin,
  type GradingScheme,
  gradeLabel,
  type Locale,
  type OverrideEffect,
  schemeText,
} from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";
import { jsonColumn } from "../json-column.ts";
import { requireDefinition } from "./definitions.ts";
import type { GradeReport } from "./grade-run.ts";
import { loadGradingInput, schemeFields } from "./grading-input.ts";
import { pinsInForce } from "./pins.ts";

export interface CustomerGradeView {
  scheme: string;
  schemeVersion: number;
  schemeTitle: string;
  gradeRunId: number;
  asOf: string;
  grade: string;
  gradeLabel: string;
  score: number | null;
  /** The grade the score alone gave, before rules and pins. */
  scoreGrade: string;
  components: {
    field: string;
    value: number | string | null;
    /** The dimension's score 0–100, null when the dimension was left out ("skip"). */
    normalized: number | null;
    weight: number;
    /** Its part of the score: the components add up to the score. */
    contribution: number;
    /** Set when the dimension told no customer apart in that run and counted for nobody. */
    uninformative?: true;
  }[];
  /** Where rules decided the grade or raised a flag: those that matched, and whether each changed the grade. */
  rules: {
    rule: number;
    effect: OverrideEffect;
    applied: boolean;
    grade?: string;
    flag?: string;
    reason?: string;
  }[];
  flags: string[];
  pinned: boolean;
  pin?: GradePin;
  /**
   * Where each grade starts, best first: the score a customer needs for it (null for the last,
   * which takes everyone below). A thresholds scheme states them; a shares scheme's follow from
   * its shares in that run: the lowest score the score alone gave each grade.
   */
  bands: GradeBand[];
}

export interface GradeBand {
  grade: string;
  label: string;
  minScore: number | null;
  /** The target share of customers of a shares scheme. */
  share?: number;
}

/**
 * The customer's latest grade under each scheme, its scheme's texts (title, labels, reasons) in
 * `locale`. `explained: false` leaves out what explains a grade (components, rules, the pin),
 * which a list of grades does not show and which costs a read of the grading inputs per scheme.
 */
export async function customerGrades(
  handle: DbHandle,
  customerId: number,
  locale: Locale,
  options: { explained?: boolean } = {},
): Promise<CustomerGradeView[]> {
  const explained = options.explained ?? true;
  const { rows } = await sql<{
    grade_run_id: number;
    scheme_name: string;
    scheme_version: number;
    as_of: string;
    analysis_run_id: number;
    report: unknown;
    grade: string;
    score: number | null;
    score_grade: string;
    components: unknown;
    overrides: unknown;
    flags: unknown;
    pinned: boolean;
  }>`
    SELECT g.grade_run_id, r.scheme_name, r.scheme_version, CAST(r.as_of AS TEXT) AS as_of, r.analysis_run_id,
           r.report, g.grade, g.score, g.score_grade, g.components, g.overrides, g.flags, g.pinned
    FROM grade_runs r
    JOIN customer_grades g ON g.grade_run_id = r.id AND g.customer_id = ${customerId}
    WHERE r.id IN (SELECT MAX(id) FROM grade_runs GROUP BY scheme_name)
    ORDER BY r.scheme_name`.execute(handle.db);
  const views: CustomerGradeView[] = [];
  for (const row of rows) {
    const { definition: scheme } = await requireDefinition(
      handle,
      "scheme",
      row.scheme_name,
      Number(row.scheme_version),
    );
    const pinned = row.pinned === true || String(row.pinned) === "true";
    const view: CustomerGradeView = {
      scheme: scheme.name,
      schemeVersion: scheme.version,
      schemeTitle: schemeText(scheme.title, locale),
      gradeRunId: Number(row.grade_run_id),
      asOf: row.as_of,
      grade: row.grade,
      gradeLabel: gradeLabel(scheme, row.grade, locale),
      score: row.score === null ? null : Number(row.score),
      scoreGrade: row.score_grade,
      components: [],
      rules: [],
      flags: jsonColumn<string[]>(row.flags) ?? [],
      pinned,
      bands: [],
    };
    if (!explained) {
      views.push(view);
      continue;
    }
    const input = await loadGradingInput(handle, Number(row.analysis_run_id), {
      fields: schemeFields(scheme),
      customerId,
    });
    const pin = pinned
      ? (await pinsInForce(handle, scheme.name, row.as_of)).find((p) => p.customerId === customerId)
      : undefined;
    views.push({
      ...view,
      components: components(
        scheme,
        jsonColumn<(number | null)[]>(row.components) ?? [],
        input,
        uninformativeFields(jsonColumn<Partial<GradeReport>>(row.report)),
      ),
      rules: (jsonColumn<{ rule: number; applied: boolean }[]>(row.overrides) ?? []).map((match) =>
        ruleView(scheme, match, locale),
      ),
      ...(pin ? { pin } : {}),
      bands: await gradeBands(handle, scheme, Number(row.grade_run_id), locale),
    });
  }
  return views;
}

/**
 * The grades' bands of a grade run (see CustomerGradeView.bands). A shares scheme's edges are an
 * aggregate of the run, like its distribution: the score at a boundary, not any customer's record.
 */
async function gradeBands(
  handle: DbHandle,
  scheme: GradingScheme,
  gradeRunId: number,
  locale: Locale,
): Promise<GradeBand[]> {
  const { assign } = scheme;
  let lowest = new Map<string, number>();
  if (assign.method === "shares") {
    const { rows } = await sql<{ score_grade: string; low: number | null }>`
      SELECT score_grade, MIN(score) AS low FROM customer_grades
      WHERE grade_run_id = ${gradeRunId} GROUP BY score_grade`.execute(handle.db);
    lowest = new Map(rows.flatMap((r) => (r.low === null ? [] : [[r.score_grade, Number(r.low)]])));
  }
  const last = scheme.grades.length - 1;
  return scheme.grades.map((grade, k) => {
    const band: GradeBand = {
      grade: grade.code,
      label: gradeLabel(scheme, grade.code, locale),
      minScore: null,
    };
    if (assign.method === "thresholds") {
      band.minScore = k === last ? null : (assign.min[grade.code] ?? null);
      return band;
    }
    band.minScore = k === last ? null : (lowest.get(grade.code) ?? null);
    const share = assign.shares[grade.code];
    if (share !== undefined) band.share = share;
    return band;
  });
}

/** The fields the run left out as uninformative, from its stored report (older runs have no warnings). */
function uninformativeFields(report: Partial<GradeReport> | null): ReadonlySet<string> {
  const fields = new Set<string>();
  for (const warning of report?.warnings ?? []) {
    if (warning.code === "GRADING_UNINFORMATIVE_DIMENSION") fields.add(warning.params.dimension);
  }
  return fields;
}

function components(
  scheme: GradingScheme,
  stored: readonly (number | null)[],
  input: Awaited<ReturnType<typeof loadGradingInput>>,
  uninformative: ReadonlySet<string>,
): CustomerGradeView["components"] {
  // A null dimension score was unknown; its missing-value policy decided, as in the grading. An
  // uninformative dimension counted for nobody: its weight is not among those used.
  const used = scheme.dimensions.map((dimension, k) => {
    const value = stored[k] ?? null;
    if (value !== null) return value;
    return dimension.missing === "skip" ? null : (dimension.missing ?? 0);
  });
  const weights = scheme.dimensions.reduce(
    (sum, d, k) => (used[k] === null || uninformative.has(d.field) ? sum : sum + d.weight),
    0,
  );
  return scheme.dimensions.map((dimension, k) => {
    const numeric = input.numeric[dimension.field]?.[0];
    const value =
      numeric !== undefined
        ? Number.isNaN(numeric)
          ? null
          : numeric
        : (input.categorical[dimension.field]?.[0] ?? null);
    if (uninformative.has(dimension.field)) {
      const normalized = stored[k] ?? null;
      return {
        field: dimension.field,
        value,
        normalized,
        weight: dimension.weight,
        contribution: 0,
        uninformative: true,
      };
    }
    const normalized = used[k]!;
    return {
      field: dimension.field,
      value,
      normalized,
      weight: dimension.weight,
      contribution: normalized === null || weights === 0 ? 0 : (dimension.weight * normalized) / weights,
    };
  });
}

function ruleView(
  scheme: GradingScheme,
  { rule: k, applied }: { rule: number; applied: boolean },
  locale: Locale,
): CustomerGradeView["rules"][number] {
  const rule = scheme.overrides?.[k];
  if (!rule) return { rule: k, effect: "flag", applied };
  const effect: OverrideEffect =
    rule.set !== undefined
      ? "set"
      : rule.atLeast !== undefined
        ? "atLeast"
        : rule.atMost !== undefined
          ? "atMost"
          : "flag";
  const grade = rule.set ?? rule.atLeast ?? rule.atMost;
  return {
    rule: k,
    effect,
    applied,
    ...(grade === undefined ? {} : { grade }),
    ...(rule.flag === undefined ? {} : { flag: rule.flag }),
    ...(rule.reason === undefined ? {} : { reason: schemeText(rule.reason, locale) }),
  };
}

export interface GradeHistoryEntry {
  gradeRunId: number;
  scheme: string;
  schemeVersion: number;
  asOf: string;
  createdAt: Date;
  grade: string;
  score: number | null;
  pinned: boolean;
}

/**
 * A customer's grade in every grade run that graded them, oldest first (or of one scheme): how
 * the customer moved through the grades over time.
 */
export async function customerGradeHistory(
  handle: DbHandle,
  customerId: number,
  scheme?: string,
): Promise<GradeHistoryEntry[]> {
  let query = handle.db
    .selectFrom("customer_grades as g")
    .innerJoin("grade_runs as r", "r.id", "g.grade_run_id")
    .select([
      "r.id",
      "r.scheme_name",
      "r.scheme_version",
      sql<string>`CAST(r.as_of AS TEXT)`.as("as_of"),
      "r.created_at",
      "g.grade",
      "g.score",
      "g.pinned",
    ])
    .where("g.customer_id", "=", customerId);
  if (scheme !== undefined) query = query.where("r.scheme_name", "=", scheme);
  const rows = await query.orderBy("r.scheme_name").orderBy("r.id").execute();
  return rows.map((row) => ({
    gradeRunId: Number(row.id),
    scheme: row.scheme_name,
    schemeVersion: Number(row.scheme_version),
    asOf: row.as_of,
    createdAt: row.created_at,
    grade: row.grade,
    score: row.score === null ? null : Number(row.score),
    pinned: row.pinned === true || String(row.pinned) === "true",
  }));
}
