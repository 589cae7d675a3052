/**
 * Analysis runs as readers find them. A run row is inserted only after all its scores are in
 * (runs.repository.ts), so every run found here is complete: "the latest" is the latest complete one.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** An analysis run's row, without its full report. */
export interface AnalysisRunRow {
  readonly id: number;
  readonly asOf: string;
  readonly timeUnit: string;
  readonly horizon: number;
  readonly model: string;
  readonly discountRate: number;
  readonly customers: number;
  /** When the run was written, ISO 8601 in UTC. */
  readonly createdAt: string;
}

/**
 * The run `runId`, or the latest run when `runId` is undefined; undefined when there is no such run
 * (or no run at all). Use it wherever a reader may name a run and otherwise means the current one.
 */
export async function findAnalysisRun(
  db: Kysely<Database>,
  runId?: number,
): Promise<AnalysisRunRow | undefined> {
  let query = db
    .selectFrom("analysis_runs")
    .select(["id", "as_of", "time_unit", "horizon", "model", "discount_rate", "customers", "created_at"]);
  query = runId === undefined ? query.orderBy("id", "desc").limit(1) : query.where("id", "=", runId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: Number(row.id),
    asOf: row.as_of,
    timeUnit: row.time_unit,
    horizon: Number(row.horizon),
    model: row.model,
    discountRate: Number(row.discount_rate),
    customers: Number(row.customers),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The full report the run stored (models, structure, warnings, timings), or undefined without the run. */
export async function analysisRunReport(
  db: Kysely<Database>,
  runId: number,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom("analysis_runs")
    .select("report")
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!row) return undefined;
  const report = row.report as unknown;
  return (typeof report === "string" ? JSON.parse(report) : report) as Record<string, unknown>;
}
