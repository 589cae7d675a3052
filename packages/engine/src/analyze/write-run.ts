import {
  ABC_CLASSES,
  BEHAVIOUR_STATUSES,
  CREDIT_GRADES,
  LIFECYCLE_STAGES,
  NPS_CATEGORIES,
  RFM_SEGMENTS,
  RFM8_CLASSES,
  VALUE_TIERS,
  WARNING_LEVELS,
} from "@custra/core";
import { type BulkRow, type DbHandle, rowBatches, writeRunRows } from "@custra/db";
import { sql } from "kysely";
import type { AnalysisReport, CustomerScores } from "./analyze.ts";

/** customer_scores columns in the order rows are built below. */
const SCORE_COLUMNS = [
  "run_id",
  "customer_id",
  "x",
  "t_x",
  "age",
  "monetary",
  "orders",
  "revenue",
  "revenue_12m",
  "margin",
  "recency_days",
  "p_alive",
  "expected_purchases",
  "expected_spend",
  "clv",
  "profitability",
  "r_score",
  "f_score",
  "m_score",
  "rfm_segment",
  "rfm_class",
  "abc_class",
  "value_tier",
  "behaviour_status",
  "lifecycle_stage",
  "credit_grade",
  "credit_score",
  "churn_risk",
  "churn_warning",
  "churn_reasons",
  "nps_category",
  "loyalty",
  "last_nps",
  "on_time_share",
  "max_days_past_due",
  "overdue_amount",
  "open_complaints",
  "last_satisfaction",
] as const;

/** The code columns and their codes, which the bulk load can take as dictionaries. */
const SCORE_CODES = {
  rfm_segment: RFM_SEGMENTS,
  rfm_class: RFM8_CLASSES,
  abc_class: ABC_CLASSES,
  value_tier: VALUE_TIERS,
  behaviour_status: BEHAVIOUR_STATUSES,
  lifecycle_stage: LIFECYCLE_STAGES,
  credit_grade: CREDIT_GRADES,
  churn_warning: WARNING_LEVELS,
  nps_category: NPS_CATEGORIES,
};

/** A number for the bulk load; unknown (NaN, ±Infinity) is NULL. */
function num(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A 1–5 score; 0 means "not scored" (customers who never bought). */
function score(value: number): number | null {
  return value > 0 ? value : null;
}

/**
 * Writes every customer's scores in bulk (appender / COPY, all or nothing), then the run row, so
 * a run is listed only once all its scores are in; a failure or a crash in between leaves no
 * scores behind (writeRunRows).
 */
export async function writeRun(
  handle: DbHandle,
  report: Omit<AnalysisReport, "runId" | "timings"> & { timings?: Partial<AnalysisReport["timings"]> },
  scores: CustomerScores,
  startedBy: number | null,
): Promise<number> {
  const runId = await nextId(handle, "analysis_runs_id_seq");
  const s = scores.summary;

  const row = (i: number): BulkRow => {
    const reasons = scores.churnReasons[i]!;
    return [
      runId,
      s.customerId[i]!,
      num(s.x[i]!),
      num(s.tx[i]!),
      num(s.T[i]!),
      num(s.monetary[i]!),
      s.orders[i]!,
      s.revenue[i]!,
      s.revenue12m[i]!,
      s.margin[i]!,
      num(s.recencyDays[i]!),
      num(scores.pAlive[i]!),
      num(scores.expectedPurchases[i]!),
      num(scores.expectedSpend[i]!),
      num(scores.clv[i]!),
      num(scores.profitability[i]!),
      score(scores.r[i]!),
      score(scores.f[i]!),
      score(scores.m[i]!),
      scores.rfmSegment[i]!,
      scores.rfmClass[i]!,
      scores.abcClass[i]!,
      scores.valueTier[i]!,
      scores.behaviour[i]!,
      scores.lifecycle[i]!,
      scores.creditGrade[i]!,
      num(scores.creditScore[i]!),
      num(scores.churnRisk[i]!),
      scores.churnWarning[i]!,
      reasons.length > 0 ? JSON.stringify(reasons) : null,
      scores.npsCategory[i]!,
      num(scores.loyalty[i]!),
      num(s.lastNps[i]!),
      num(s.onTimeShare[i]!),
      s.maxDaysPastDue[i]!,
      s.overdueAmount[i]!,
      s.openComplaints[i]!,
      num(s.lastSatisfaction[i]!),
    ];
  };
  await writeRunRows(handle, {
    runs: "analysis_runs",
    runId,
    purpose: "analyze",
    rows: s.count,
    load: async () => {
      await handle.bulkLoad("customer_scores", SCORE_COLUMNS, rowBatches(s.count, row), {
        codes: SCORE_CODES,
      });
    },
    record: async (trx) => {
      await trx
        .insertInto("analysis_runs")
        .values({
          id: runId,
          as_of: report.asOf,
          time_unit: report.timeUnit,
          horizon: report.horizon,
          model: report.model,
          discount_rate: report.discountRate,
          customers: report.customers,
          started_by: startedBy,
          report: JSON.stringify(report),
        })
        .execute();
    },
  });
  return runId;
}

/** The next value of `sequence`: a run's id, taken before its rows are written under it. */
export async function nextId(handle: DbHandle, sequence: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT nextval(${sql.lit(sequence)}) AS id`.execute(handle.db);
  return Number(rows[0]!.id);
}
