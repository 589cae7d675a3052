/**
 * Analysis runs as a list, and what one run found about the customers the reader may see: the
 * per-customer scores (the customer list over that run) and counts per segment, class, tier,
 * lifecycle stage and churn level. A run is listed once all its scores are in (runs.repository.ts);
 * a run still being computed is a job (jobs of kind analyze), not a run.
 */
import {
  type AnalysisRunRow,
  countAnalysisRuns,
  findAnalysisRun,
  listAnalysisRuns as listRunRows,
  visibleCustomer,
} from "@custra/db";
import type { AnalysisWarning } from "@custra/engine";
import { sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { type CustomerPage, listCustomers } from "../customers/customer-list.service.ts";
import type { ListCustomersInput } from "../customers/customers.schemas.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import "./analysis.messages.ts";
import {
  type AnalysisRunIdInput,
  analysisRunIdSchema,
  type ListAnalysisRunsInput,
  listAnalysisRunsSchema,
} from "./analysis.schemas.ts";

/** How one model's fit went, without its parameters (the run itself has them). */
export interface ModelFitSummary {
  /** Whether the data identify the model; when not, its predictions were not used. */
  identifiable: boolean;
  converged: boolean;
  iterations: number;
  /** A sum over every customer: only for a reader who sees every customer (null otherwise). */
  logLikelihood: number | null;
}

/** A run in the list. */
export interface AnalysisRunListItem {
  run: Omit<AnalysisRunRow, "customers"> & {
    /** Every run listed is complete: its scores are all in (a run being computed is a job). */
    status: "completed";
    /** How many customers it analysed: only for a reader who sees every customer (null otherwise). */
    customers: number | null;
  };
  /** The predictors used: the fitted models, or the fallbacks when the data did not identify them. */
  predictor: { transactions: string; spend: string } | null;
  /**
   * Milliseconds per stage before the write (summary, fit, predict, classify); null for runs
   * written before the run row kept them.
   */
  timings: Record<string, number> | null;
  /** The fit of each model the run tried, by model (bgnbd, paretoNbd, gammaGamma). */
  models: Record<string, ModelFitSummary>;
  warnings: AnalysisWarning[];
}

export interface AnalysisRunPage {
  runs: AnalysisRunListItem[];
  /** Every run, over all pages. */
  total: number;
  /** Give it as `cursor` for the next page; null on the last page. */
  nextCursor: number | null;
}

/** The runs, newest first, with their settings, model fit and warnings; customer counts only for a reader of all. */
export async function listAnalysisRuns(
  ctx: AppContext,
  input: ListAnalysisRunsInput | unknown = {},
): Promise<AnalysisRunPage> {
  requirePermission(ctx.actor, "read");
  const { cursor, limit } = parseInput(listAnalysisRunsSchema, input ?? {});
  const db = ctx.handle.read;
  const rows = await listRunRows(db, {
    ...(cursor === undefined ? {} : { before: cursor }),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const everyone = ctx.actor.scope.kind === "all";
  return {
    runs: page.map(({ run, report }) => ({
      run: { ...run, status: "completed", customers: everyone ? run.customers : null },
      predictor: (report.predictor as AnalysisRunListItem["predictor"]) ?? null,
      timings: (report.timings as Record<string, number> | undefined) ?? null,
      models: modelFits(report.models, everyone),
      warnings: (report.warnings as AnalysisWarning[] | undefined) ?? [],
    })),
    total: await countAnalysisRuns(db),
    nextCursor: rows.length > limit ? page[page.length - 1]!.run.id : null,
  };
}

/**
 * Each model's fit as the reader may see it. A fit's customer count and log-likelihood are sums
 * over every customer: a reader of some customers would learn how many the others are.
 */
export function modelFits(models: unknown, everyone: boolean): Record<string, ModelFitSummary> {
  const fits: Record<string, ModelFitSummary> = {};
  for (const [name, fit] of Object.entries((models ?? {}) as Record<string, Record<string, unknown>>)) {
    if (!fit) continue;
    fits[name] = {
      identifiable: fit.identifiable === true,
      converged: fit.converged === true,
      iterations: Number(fit.iterations ?? 0),
      logLikelihood: everyone && typeof fit.logLikelihood === "number" ? fit.logLikelihood : null,
    };
  }
  return fits;
}

/** The run `runId`; APP_NOT_FOUND when there is none. */
async function existingRun(ctx: AppContext, runId: number): Promise<AnalysisRunRow> {
  const run = await findAnalysisRun(ctx.handle.read, runId);
  if (!run) throw new AppError("APP_NOT_FOUND", { what: { key: "app.analysis.what.run" }, key: runId });
  return run;
}

/**
 * The run's per-customer scores, of the customers the reader may see: the customer list over
 * that run (its filters, sort, cursor and total), so a result reads exactly as the list does, of
 * the customers the run scored only (one added since is no result of it).
 */
export async function listAnalysisRunResults(
  ctx: AppContext,
  input: (Omit<ListCustomersInput, "runId"> & AnalysisRunIdInput) | unknown,
): Promise<CustomerPage> {
  requirePermission(ctx.actor, "read");
  const { runId } = parseInput(analysisRunIdSchema.loose(), input);
  await existingRun(ctx, runId);
  return listCustomers(ctx, input, { scoredOnly: true });
}

/** How many of one dimension's values there are among the customers counted. */
export interface SummaryGroup {
  /** The value (null: the run computed none for these customers). */
  code: string | null;
  customers: number;
}

export interface AnalysisRunSummary {
  runId: number;
  /** The customers in the reader's scope the run scored. */
  customers: number;
  rfmSegment: SummaryGroup[];
  abcClass: SummaryGroup[];
  valueTier: SummaryGroup[];
  lifecycle: SummaryGroup[];
  churnWarning: SummaryGroup[];
}

const SUMMARY_COLUMNS = {
  rfmSegment: "rfm_segment",
  abcClass: "abc_class",
  valueTier: "value_tier",
  lifecycle: "lifecycle_stage",
  churnWarning: "churn_warning",
} as const;

/** Counts per segment, class, tier, lifecycle stage and churn level of the run, within the reader's scope. */
export async function analysisRunSummary(
  ctx: AppContext,
  input: AnalysisRunIdInput | unknown,
): Promise<AnalysisRunSummary> {
  requirePermission(ctx.actor, "read");
  const { runId } = parseInput(analysisRunIdSchema, input);
  await existingRun(ctx, runId);
  const db = ctx.handle.read;
  const double = sql.raw(ctx.handle.sqlTypes.double);
  const inScope = sql`s.run_id = ${runId} AND ${visibleCustomer(ctx.actor.scope, "s.customer_id")}`;
  const { rows } = await sql<{ n: number | string | bigint }>`
    SELECT CAST(COUNT(*) AS ${double}) AS n FROM customer_scores s WHERE ${inScope}`.execute(db);
  const groups = async (column: string): Promise<SummaryGroup[]> => {
    const { rows } = await sql<{ code: string | null; n: number | string | bigint }>`
      SELECT ${sql.ref(`s.${column}`)} AS code, CAST(COUNT(*) AS ${double}) AS n
      FROM customer_scores s WHERE ${inScope}
      GROUP BY ${sql.ref(`s.${column}`)} ORDER BY n DESC, code`.execute(db);
    return rows.map((row) => ({ code: row.code, customers: Number(row.n) }));
  };
  const summary = { runId, customers: Number(rows[0]?.n ?? 0) } as AnalysisRunSummary;
  for (const [name, column] of Object.entries(SUMMARY_COLUMNS))
    summary[name as keyof typeof SUMMARY_COLUMNS] = await groups(column);
  return summary;
}
