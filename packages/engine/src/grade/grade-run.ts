/**
 * `custra grade`: grades every customer of an analysis run under one scheme and keeps the result
 * as a grade run (customer_grades holds each assignment with its score components), or, as a
 * preview, only reports the distribution and writes nothing.
 */
import {
  type GradeDistributionRow,
  type GradingResult,
  type GradingScheme,
  type GradingWarning,
  gradeCustomers,
  gradeDistribution,
} from "@custra/core";
import { type BulkRow, type DbHandle, rowBatches, writeRunRows } from "@custra/db";
import { nextId } from "../analyze/write-run.ts";
import { type StageClock, stageClock } from "../stage-clock.ts";
import { requireDefinition } from "./definitions.ts";
import { GradeError } from "./errors.ts";
import { loadGradingInput, schemeFields } from "./grading-input.ts";
import { pinsInForce } from "./pins.ts";

export const DEFAULT_SCHEME = "value";

export interface GradeOptions {
  /** Scheme name (default "value"); its latest version unless `schemeVersion` is given. */
  scheme?: string;
  schemeVersion?: number;
  /** A scheme not stored (yet), to preview: graded as it is, nothing saved. */
  definition?: GradingScheme;
  /** The analysis run to grade; by default the latest. */
  analysisRunId?: number;
  /** Report the distribution without saving anything. */
  preview?: boolean;
  onStage?: (stage: GradeStage) => void;
}

export const GRADE_STAGES = ["load", "grade", "write"] as const;
export type GradeStage = (typeof GRADE_STAGES)[number];

export interface GradeReport {
  /** Absent for a preview. */
  gradeRunId?: number;
  scheme: { name: string; version: number };
  analysisRunId: number;
  asOf: string;
  customers: number;
  /** Customers whose grade a manual pin decided. */
  pinned: number;
  /** Customers whose grade an override rule changed. */
  overridden: number;
  distribution: GradeDistributionRow[];
  /**
   * What the grading could not do as the scheme says, as codes with params for the reader's
   * language (GRADING_UNINFORMATIVE_DIMENSION: a dimension that told nobody apart was left out).
   */
  warnings: GradingWarning[];
  timings: Partial<Record<GradeStage, number>>;
}

export async function gradeRun(handle: DbHandle, options: GradeOptions = {}): Promise<GradeReport> {
  const { report, scheme, result, clock } = await gradeScheme(handle, options);
  if (options.preview || options.definition) return report;

  clock.start("write");
  report.gradeRunId = await writeGradeRun(handle, scheme, report, result);
  clock.done("write");
  return report;
}

/** What grading a scheme gives before anything is written: the report and every assignment. */
export interface GradedScheme {
  scheme: GradingScheme;
  report: GradeReport;
  result: GradingResult;
  /** Each customer's revenue, in the order of `result.customerIds` (NaN where unknown). */
  revenue: Float64Array;
  clock: StageClock<GradeStage>;
}

/** Loads the analysis run's scores and grades them (stages load and grade); writes nothing. */
export async function gradeScheme(handle: DbHandle, options: GradeOptions = {}): Promise<GradedScheme> {
  const clock = stageClock<GradeStage>(options.onStage);
  const { timings, start, done } = clock;

  start("load");
  const scheme =
    options.definition ??
    (await requireDefinition(handle, "scheme", options.scheme ?? DEFAULT_SCHEME, options.schemeVersion))
      .definition;
  const run = await analysisRun(handle, options.analysisRunId);
  const input = await loadGradingInput(handle, run.id, { fields: schemeFields(scheme) });
  const pins = await pinsInForce(handle, scheme.name, run.asOf);
  done("load");

  start("grade");
  const result = gradeCustomers(scheme, input, { asOf: run.asOf, pins });
  const revenue = input.numeric.revenue!;
  const distribution = gradeDistribution(scheme, result.grade, { revenue, clv: input.numeric.clv! });
  let overridden = 0;
  for (let i = 0; i < result.grade.length; i++) {
    if (result.ruleGrade[i] !== result.scoreGrade[i]) overridden++;
  }
  done("grade");

  const report: GradeReport = {
    scheme: { name: scheme.name, version: scheme.version },
    analysisRunId: run.id,
    asOf: run.asOf,
    customers: result.grade.length,
    pinned: result.pinned,
    overridden,
    distribution,
    warnings: [...result.warnings],
    timings,
  };
  return { scheme, report, result, revenue, clock };
}

/** The analysis run to grade: the given one, or the latest. */
export async function analysisRun(handle: DbHandle, runId?: number): Promise<{ id: number; asOf: string }> {
  let query = handle.db.selectFrom("analysis_runs").select(["id", "as_of"]);
  query = runId === undefined ? query.orderBy("id", "desc").limit(1) : query.where("id", "=", runId);
  const row = await query.executeTakeFirst();
  if (!row) {
    throw runId === undefined
      ? new GradeError("GRADE_NO_ANALYSIS")
      : new GradeError("GRADE_UNKNOWN_ANALYSIS_RUN", { run: runId });
  }
  return { id: Number(row.id), asOf: row.as_of };
}

const GRADE_COLUMNS = [
  "grade_run_id",
  "customer_id",
  "grade",
  "score",
  "score_grade",
  "components",
  "overrides",
  "flags",
  "pinned",
] as const;

/**
 * Every assignment in bulk, then the run row, so that a grade run is listed only once all its
 * grades are in; a failure or a crash in between leaves no grades behind (writeRunRows).
 */
async function writeGradeRun(
  handle: DbHandle,
  scheme: GradingScheme,
  report: GradeReport,
  result: GradingResult,
): Promise<number> {
  const gradeRunId = await nextId(handle, "grade_runs_id_seq");
  const n = result.grade.length;
  const dimensions = result.dimensionScores;

  const row = (i: number): BulkRow => {
    const flags = result.flags[i]!;
    // The rules are listed where they decided something: changed the grade or raised a flag
    // (with any rule that matched beside them). Elsewhere a matching rule changed nothing, and
    // listing it for every customer cost a second per million.
    const decided = flags.length > 0 || result.ruleGrade[i] !== result.scoreGrade[i];
    const matched = decided ? result.matchedRules(i) : [];
    return [
      gradeRunId,
      result.customerIds[i]!,
      result.grade[i]!,
      result.score[i]!,
      result.scoreGrade[i]!,
      componentsJson(dimensions, i),
      matched.length > 0 ? JSON.stringify(matched.map(({ rule, applied }) => ({ rule, applied }))) : null,
      flags.length > 0 ? JSON.stringify(flags) : null,
      result.pinnedAt(i) ? 1 : 0,
    ];
  };
  const grades = scheme.grades.map((grade) => grade.code);
  await writeRunRows(handle, {
    runs: "grade_runs",
    runId: gradeRunId,
    purpose: "grade",
    rows: n,
    load: async () => {
      await handle.bulkLoad("customer_grades", GRADE_COLUMNS, rowBatches(n, row), {
        codes: { grade: grades, score_grade: grades },
      });
    },
    record: async (trx) => {
      await trx
        .insertInto("grade_runs")
        .values({
          id: gradeRunId,
          scheme_name: scheme.name,
          scheme_version: scheme.version,
          analysis_run_id: report.analysisRunId,
          as_of: report.asOf,
          customers: report.customers,
          report: JSON.stringify(report),
        })
        .execute();
    },
  });
  return gradeRunId;
}

/** "0", "0.01", … "100": the 10,001 texts a dimension score to two decimals can have, made once. */
const SCORE_TEXT = Array.from({ length: 10_001 }, (_, k) => String(k / 100));

/**
 * The dimension scores of customer i, to two decimals (enough to explain a 0–100 score), null when
 * unknown. The texts come from SCORE_TEXT: formatting millions of numbers anew cost half a second.
 */
function componentsJson(dimensions: readonly Float64Array[], i: number): string {
  let text = "[";
  for (let k = 0; k < dimensions.length; k++) {
    const value = dimensions[k]![i]!;
    if (k > 0) text += ",";
    const hundredths = Math.round(value * 100);
    text += Number.isNaN(value)
      ? "null"
      : hundredths >= 0 && hundredths <= 10_000
        ? SCORE_TEXT[hundredths]!
        : String(hundredths / 100);
  }
  return `${text}]`;
}
