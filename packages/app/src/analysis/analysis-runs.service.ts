/**
 * Analysis runs as a list, and what one run found about the customers the reader may see: the
 * per-customer scores (the customer list over that run) and counts per segment, class, tier,
 * lifecycle stage and churn level. A run is listed once all its scores are in (runs.repository.ts);
 * a run still being computed is a job (jobs of kind analyze), not a run. How a run's predictions
 * came true on the orders after it is its backtest.
 */
import type { Text } from "@custra/core/errors";
import {
  type AnalysisRunRow,
  countAnalysisRuns,
  findAnalysisRun,
  findUserById,
  listAnalysisRuns as listRunRows,
  visibleCustomer,
} from "@custra/db";
import { type AnalysisWarning, warningAsText } from "@custra/engine";
import { checkAnalysisRun, type RunCheck } from "@custra/engine/backtest";
import { sql } from "kysely";
import { requireCompanyWide, requirePermission } from "../access/permissions.ts";
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

/** How one model's fit went. */
export interface ModelFitSummary {
  /** Whether the data identify the model; when not, its predictions were not used. */
  identifiable: boolean;
  converged: boolean;
  iterations: number;
  /** The estimates by name (BG/NBD r, alpha, a, b; Gamma-Gamma p, q, v (γ) …) and their standard errors. */
  params: Record<string, number | null>;
  standardErrors: Record<string, number | null>;
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
  /** Who started it; null when custra did (the command line, the schedule) or for older runs. */
  startedBy: { username: string; name: string | null } | null;
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

/** A run's warning as Text, for the edge to render in its reader's language. */
export function analysisWarningText(warning: AnalysisWarning): Text {
  return warningAsText(warning);
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
  const starters = new Map<number, AnalysisRunListItem["startedBy"]>();
  for (const id of new Set(page.map(({ run }) => run.startedBy))) {
    if (id === null) continue;
    const user = await findUserById(db, id);
    starters.set(id, user ? { username: user.username, name: user.display_name } : null);
  }
  return {
    runs: page.map(({ run, report }) => ({
      run: { ...run, status: "completed", customers: everyone ? run.customers : null },
      startedBy: run.startedBy === null ? null : (starters.get(run.startedBy) ?? null),
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
      params: estimates(fit.params),
      standardErrors: estimates(fit.standardErrors),
      logLikelihood: everyone && typeof fit.logLikelihood === "number" ? fit.logLikelihood : null,
    };
  }
  return fits;
}

/** Stored estimates by name; JSON keeps a value that is no finite number (NaN) as null. */
function estimates(record: unknown): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries((record ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name,
      typeof value === "number" ? value : null,
    ]),
  );
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

/** A measure the data may leave undefined (a ratio to no purchases, a mean over no customers) as null. */
const measure = (value: number): number | null => (Number.isFinite(value) ? value : null);

type RunHoldout = NonNullable<RunCheck["holdout"]>;

/** How a run's purchase predictions came true on the orders after its as-of date. */
export interface AnalysisRunBacktest extends Omit<RunCheck, "lastOrder" | "holdout"> {
  /** The last order's date, the holdout's end; null without orders. */
  lastOrder: string | null;
  /** Null when no order is dated after the run's as-of date: run one as of an earlier date for a check. */
  holdout:
    | (Omit<RunHoldout, "totals" | "correlation" | "byFrequency"> & {
        totals: { actual: number; predicted: number; ratio: number | null };
        correlation: number | null;
        byFrequency: {
          x: string;
          customers: number;
          meanActual: number | null;
          meanPredicted: number | null;
        }[];
      })
    | null;
}

/**
 * Run `runId`'s predictions against the purchases made after its as-of date, with its stored fit
 * (engine backtest/run-check.ts). Company-wide like the runs themselves: the cohort's purchases
 * sum over every customer, so a reader of some of them is refused (APP_FORBIDDEN).
 */
export async function analysisRunBacktest(
  ctx: AppContext,
  input: AnalysisRunIdInput | unknown,
): Promise<AnalysisRunBacktest> {
  requireCompanyWide(ctx.actor, "read");
  const { runId } = parseInput(analysisRunIdSchema, input);
  await existingRun(ctx, runId);
  const check = (await checkAnalysisRun(ctx.handle, runId))!;
  const { holdout } = check;
  return {
    ...check,
    lastOrder: check.lastOrder ?? null,
    holdout: holdout && {
      ...holdout,
      totals: { ...holdout.totals, ratio: measure(holdout.totals.ratio) },
      correlation: measure(holdout.correlation),
      byFrequency: holdout.byFrequency.map((row) => ({
        ...row,
        meanActual: measure(row.meanActual),
        meanPredicted: measure(row.meanPredicted),
      })),
    },
  };
}
