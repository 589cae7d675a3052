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
  /** The user (users.id) who started it; null when custra did (command line, schedule). */
  readonly startedBy: number | null;
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
  let query = db.selectFrom("analysis_runs").select(RUN_COLUMNS);
  query = runId === undefined ? query.orderBy("id", "desc").limit(1) : query.where("id", "=", runId);
  const row = await query.executeTakeFirst();
  return row ? runRow(row) : undefined;
}

const RUN_COLUMNS = [
  "id",
  "as_of",
  "time_unit",
  "horizon",
  "model",
  "discount_rate",
  "customers",
  "started_by",
  "created_at",
] as const;

function runRow(row: {
  id: number;
  as_of: string;
  time_unit: string;
  horizon: number;
  model: string;
  discount_rate: number;
  customers: number;
  started_by: number | null;
  created_at: Date | string;
}): AnalysisRunRow {
  return {
    id: Number(row.id),
    asOf: row.as_of,
    timeUnit: row.time_unit,
    horizon: Number(row.horizon),
    model: row.model,
    discountRate: Number(row.discount_rate),
    customers: Number(row.customers),
    startedBy: row.started_by === null ? null : Number(row.started_by),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * A page of runs, newest first: those with an id below `before` (the last id of the previous
 * page), at most `limit`; with each its stored report (models and warnings are in it).
 */
export async function listAnalysisRuns(
  db: Kysely<Database>,
  page: { before?: number; limit: number },
): Promise<{ run: AnalysisRunRow; report: Record<string, unknown> }[]> {
  let query = db
    .selectFrom("analysis_runs")
    .select([...RUN_COLUMNS, "report"])
    .orderBy("id", "desc")
    .limit(page.limit);
  if (page.before !== undefined) query = query.where("id", "<", page.before);
  const rows = await query.execute();
  return rows.map((row) => ({ run: runRow(row), report: parsedReport(row.report) }));
}

/** How many runs there are. */
export async function countAnalysisRuns(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("analysis_runs")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function parsedReport(report: unknown): Record<string, unknown> {
  return (typeof report === "string" ? JSON.parse(report) : report) as Record<string, unknown>;
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
  return row ? parsedReport(row.report) : undefined;
}
