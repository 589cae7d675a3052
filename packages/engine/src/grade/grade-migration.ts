/**
 * `custra grade migration`: how customers moved between the grades of two grade runs of a
 * scheme (by default its last two), with the customers who fell from the top grades named.
 */
import {
  type GradeDrop,
  type GradeMigration,
  type GradingScheme,
  gradeMigrationFromCells,
  type MigrationCell,
  topGradeCount,
} from "@custra/core";
import {
  ALL_CUSTOMERS,
  type CustomerScope,
  type DbHandle,
  type GradeRunRow,
  gradeRunById,
  latestGradeRuns,
  visibleCustomer,
} from "@custra/db";
import { sql } from "kysely";
import { requireDefinition } from "./definitions.ts";
import { GradeError } from "./errors.ts";
import { DEFAULT_SCHEME } from "./grade-run.ts";

export interface MigrationRequest {
  scheme?: string;
  from?: number;
  to?: number;
  /** How many of the drops to name (most revenue first); default 100. */
  dropLimit?: number;
  /** Only the customers in this scope are compared and counted (default all). */
  scope?: CustomerScope;
}

export interface GradeRunRef {
  id: number;
  asOf: string;
  schemeVersion: number;
}

export interface MigrationReport extends Omit<GradeMigration, "drops"> {
  scheme: string;
  from: GradeRunRef;
  to: GradeRunRef;
  /** All customers who fell from a top grade. */
  dropCount: number;
  /** The first `dropLimit` of them, with their codes and names. */
  drops: { code: string; name: string | null; from: string; to: string; revenue: number }[];
}

export async function gradeMigrationBetween(
  handle: DbHandle,
  request: MigrationRequest = {},
): Promise<MigrationReport> {
  const [from, to, schemeName] = await pickRuns(handle, request);
  // The later run's version decides the grade order; a grade the scheme no longer has is an error.
  const { definition: scheme } = await requireDefinition(handle, "scheme", schemeName, to.schemeVersion);
  const scope = request.scope ?? ALL_CUSTOMERS;
  const dropLimit = request.dropLimit ?? 100;
  // The database groups the customers by their two grades and names only the drops asked for: a
  // million customers' grades are not handed to JavaScript for a matrix of sixteen cells.
  const runs = bothRuns(handle, from.id, to.id, scope);
  const [cells, drops] = await Promise.all([
    migrationCells(handle, runs),
    dropLimit > 0 ? topDrops(handle, runs, scheme, dropLimit) : [],
  ]);
  const migration = gradeMigrationFromCells(scheme, cells);
  const people = await customersById(
    handle,
    drops.map((drop) => drop.customerId),
  );
  return {
    ...migration,
    scheme: scheme.name,
    from,
    to,
    drops: drops.map((drop) => ({
      code: people.get(drop.customerId)?.code ?? String(drop.customerId),
      name: people.get(drop.customerId)?.name ?? null,
      from: drop.from,
      to: drop.to,
      revenue: drop.revenue,
    })),
  };
}

/** The two runs' grades of the customers in scope (the later one with its revenue), to be joined. */
function bothRuns(handle: DbHandle, fromId: number, toId: number, scope: CustomerScope) {
  const double = sql.raw(handle.sqlTypes.double);
  return {
    double,
    before: sql`SELECT g.customer_id, g.grade FROM customer_grades g
      WHERE g.grade_run_id = ${fromId} AND ${visibleCustomer(scope, "g.customer_id")}`,
    after: sql`SELECT g.customer_id, g.grade, s.revenue FROM customer_grades g
      JOIN grade_runs r ON r.id = g.grade_run_id
      LEFT JOIN customer_scores s ON s.run_id = r.analysis_run_id AND s.customer_id = g.customer_id
      WHERE g.grade_run_id = ${toId} AND ${visibleCustomer(scope, "g.customer_id")}`,
  };
}

type BothRuns = ReturnType<typeof bothRuns>;

/** Customers by (grade before, grade after), null where a customer is in one run only. */
async function migrationCells(
  handle: DbHandle,
  { double, before, after }: BothRuns,
): Promise<MigrationCell[]> {
  const { rows } = await sql<{
    from_grade: string | null;
    to_grade: string | null;
    customers: number;
    revenue: number;
  }>`
    SELECT f.grade AS from_grade, t.grade AS to_grade, CAST(COUNT(*) AS ${double}) AS customers,
           CAST(COALESCE(SUM(t.revenue), 0) AS ${double}) AS revenue
    FROM (${before}) f FULL JOIN (${after}) t ON t.customer_id = f.customer_id
    GROUP BY f.grade, t.grade`.execute(handle.read);
  return rows.map((row) => ({
    from: row.from_grade,
    to: row.to_grade,
    customers: Number(row.customers),
    revenue: Number(row.revenue),
  }));
}

/** The first `limit` customers who fell from a top grade, most revenue first (then by id). */
async function topDrops(
  handle: DbHandle,
  { double, before, after }: BothRuns,
  scheme: GradingScheme,
  limit: number,
): Promise<GradeDrop[]> {
  const codes = scheme.grades.map((grade) => grade.code);
  const top = codes.slice(0, topGradeCount(codes.length));
  const rank = (column: string) =>
    sql`CASE ${sql.ref(column)} ${sql.join(
      codes.map((code, k) => sql`WHEN ${code} THEN ${sql.lit(k)}`),
      sql` `,
    )} END`;
  const { rows } = await sql<{ customer_id: number; from_grade: string; to_grade: string; revenue: number }>`
    SELECT CAST(t.customer_id AS ${double}) AS customer_id, f.grade AS from_grade, t.grade AS to_grade,
           CAST(COALESCE(t.revenue, 0) AS ${double}) AS revenue
    FROM (${before}) f JOIN (${after}) t ON t.customer_id = f.customer_id
    WHERE f.grade IN (${sql.join(top)}) AND ${rank("t.grade")} > ${rank("f.grade")}
    ORDER BY revenue DESC, customer_id
    LIMIT ${limit}`.execute(handle.read);
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    from: row.from_grade,
    to: row.to_grade,
    revenue: Number(row.revenue),
  }));
}

async function pickRuns(
  handle: DbHandle,
  request: MigrationRequest,
): Promise<[GradeRunRef, GradeRunRef, string]> {
  const runRef = (run: GradeRunRow): GradeRunRef => ({
    id: run.id,
    asOf: run.asOf,
    schemeVersion: run.schemeVersion,
  });
  const byId = async (id: number) => {
    const run = await gradeRunById(handle.db, id);
    if (!run) throw new GradeError("GRADE_UNKNOWN_GRADE_RUN", { run: id });
    return run;
  };
  if ((request.from === undefined) !== (request.to === undefined))
    throw new GradeError("GRADE_NEED_BOTH_RUNS");
  if (request.from !== undefined && request.to !== undefined) {
    const [a, b] = [await byId(request.from), await byId(request.to)];
    if (a.scheme !== b.scheme) {
      throw new GradeError("GRADE_DIFFERENT_SCHEMES", {
        from: request.from,
        to: request.to,
        fromScheme: a.scheme,
        toScheme: b.scheme,
      });
    }
    return [runRef(a), runRef(b), a.scheme];
  }
  const scheme = request.scheme ?? DEFAULT_SCHEME;
  const runs = await latestGradeRuns(handle.db, scheme, 2);
  if (runs.length < 2) throw new GradeError("GRADE_NEED_TWO_RUNS", { scheme, runs: runs.length });
  return [runRef(runs[1]!), runRef(runs[0]!), scheme];
}

/** The grades of a grade run, customers in `scope`, by id. */
export async function gradeRunGrades(
  handle: DbHandle,
  gradeRunId: number,
  scope: CustomerScope,
): Promise<{ id: Float64Array; grade: string[] }> {
  const double = sql.raw(handle.sqlTypes.double);
  const query = sql`SELECT CAST(g.customer_id AS ${double}) AS id, g.grade FROM customer_grades g
    WHERE g.grade_run_id = ${gradeRunId} AND ${visibleCustomer(scope, "g.customer_id")}
    ORDER BY g.customer_id`;
  return (await handle.selectColumns(query.compile(handle.db))) as unknown as {
    id: Float64Array;
    grade: string[];
  };
}

export async function customersById(
  handle: DbHandle,
  ids: readonly number[],
): Promise<Map<number, { code: string; name: string | null }>> {
  const out = new Map<number, { code: string; name: string | null }>();
  if (ids.length === 0) return out;
  const rows = await handle.db
    .selectFrom("customers")
    .select(["id", "code", "name"])
    .where("id", "in", ids)
    .execute();
  for (const row of rows) out.set(Number(row.id), { code: row.code, name: row.name });
  return out;
}
