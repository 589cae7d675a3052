/**
 * Analysis runs: start one (the `analyze` permission), read one with its results and warnings,
 * and backtest the transaction model on held-out time.
 */
import { type AnalysisRunRow, analysisRunReport, findAnalysisRun } from "@custra/db";
import {
  type AnalysisReport,
  type AnalysisWarning,
  AnalyzeError,
  type AnalyzeStage,
  analyze,
} from "@custra/engine";
import { type BacktestReport, type BacktestStage, backtest } from "@custra/engine/backtest";
import { requireCompanyWide, requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import "./analysis.messages.ts";
import {
  type BacktestInput,
  backtestSchema,
  type GetAnalysisRunInput,
  getAnalysisRunSchema,
  type RunAnalysisInput,
  runAnalysisSchema,
} from "./analysis.schemas.ts";

/** Progress of a long use case, for a progress bar or a job's status; never part of the input. */
export interface StageHooks<Stage> {
  readonly onStage?: (stage: Stage) => void;
}

/** Runs an analysis of every customer and keeps it as a new run; returns its report. */
export async function runAnalysis(
  ctx: AppContext,
  input: RunAnalysisInput | unknown,
  hooks: StageHooks<AnalyzeStage> = {},
): Promise<AnalysisReport> {
  requireCompanyWide(ctx.actor, "analyze");
  const options = parseInput(runAnalysisSchema, input);
  return analyze(ctx.handle, {
    ...options,
    startedBy: ctx.actor.userId,
    ...(hooks.onStage ? { onStage: hooks.onStage } : {}),
  });
}

/** A run as a reader sees it. */
export interface AnalysisRunView {
  /** The run's row; how many customers it analysed only for a reader who sees every customer. */
  run: Omit<AnalysisRunRow, "customers"> & { customers: number | null };
  /** The run's settings, models and predictors; its customer counts only for a reader who sees every customer. */
  report: Omit<AnalysisReport, "structure" | "customers" | "buyers" | "timings"> & {
    customers: number | null;
    buyers: number | null;
  };
  /** What the reader must know about the run, as codes with params (render each at the edge). */
  warnings: AnalysisWarning[];
  /**
   * The structure of the whole customer base. Only for a reader who sees every customer: it counts
   * them all, and a limited reader must not learn counts of customers outside their scope (the
   * structure cross-tabs give them their own). Null otherwise.
   */
  structure: AnalysisReport["structure"] | null;
}

/** The run `runId`, else the latest; APP_NOT_FOUND for an unknown run, ANALYZE_NO_RUN before the first. */
export async function getAnalysisRun(
  ctx: AppContext,
  input: GetAnalysisRunInput | unknown = {},
): Promise<AnalysisRunView> {
  requirePermission(ctx.actor, "read");
  const { runId } = parseInput(getAnalysisRunSchema, input ?? {});
  const run = await findAnalysisRun(ctx.handle.db, runId);
  if (!run) {
    if (runId === undefined) throw new AnalyzeError("ANALYZE_NO_RUN");
    throw new AppError("APP_NOT_FOUND", { what: { key: "app.analysis.what.run" }, key: runId });
  }
  // The run row keeps the report without its id, and the timings only of the stages before the
  // write (engine analyze/write-run.ts).
  const stored = ((await analysisRunReport(ctx.handle.db, run.id)) ?? {}) as unknown as Omit<
    AnalysisReport,
    "runId" | "timings"
  >;
  const { structure, ...report } = stored;
  const everyone = ctx.actor.scope.kind === "all";
  return {
    run: { ...run, customers: everyone ? run.customers : null },
    report: {
      ...report,
      models: everyone ? report.models : withoutCounts(report.models),
      runId: run.id,
      customers: everyone ? report.customers : null,
      buyers: everyone ? report.buyers : null,
    },
    warnings: report.warnings ?? [],
    structure: everyone ? (structure ?? null) : null,
  };
}

/**
 * The model fits without what sums over every customer (how many were fitted, the
 * log-likelihood), for a reader who sees only some of them.
 */
function withoutCounts(models: AnalysisReport["models"]): AnalysisReport["models"] {
  const fits: Record<string, unknown> = {};
  for (const [name, fit] of Object.entries(models ?? {}))
    if (fit) {
      const { customers: _customers, logLikelihood: _logLikelihood, ...rest } = fit;
      fits[name] = rest;
    }
  return fits as AnalysisReport["models"];
}

/** Backtests the transaction model: fitted up to the calibration end, checked on the holdout. */
export async function runBacktest(
  ctx: AppContext,
  input: BacktestInput | unknown,
  hooks: StageHooks<BacktestStage> = {},
): Promise<BacktestReport> {
  requireCompanyWide(ctx.actor, "analyze");
  const options = parseInput(backtestSchema, input);
  return backtest(ctx.handle, { ...options, ...(hooks.onStage ? { onStage: hooks.onStage } : {}) });
}
