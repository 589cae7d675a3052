/**
 * Grade runs as readers find them: "the given run, else the latest" of a scheme, the last few of
 * a scheme (a migration compares the last two), and the latest of every scheme. A run is listed
 * only once all its grades are in (runs.repository.ts), so these never see a half-written run.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface GradeRunRow {
  readonly id: number;
  readonly scheme: string;
  readonly schemeVersion: number;
  readonly analysisRunId: number;
  readonly asOf: string;
  readonly customers: number;
  readonly createdAt: Date;
}

function gradeRuns(db: Db) {
  return db
    .selectFrom("grade_runs")
    .select([
      "id",
      "scheme_name",
      "scheme_version",
      "analysis_run_id",
      sql<string>`CAST(as_of AS TEXT)`.as("as_of"),
      "customers",
      "created_at",
    ]);
}

function gradeRunRow(row: {
  id: number;
  scheme_name: string;
  scheme_version: number;
  analysis_run_id: number;
  as_of: string;
  customers: number;
  created_at: Date;
}): GradeRunRow {
  return {
    id: Number(row.id),
    scheme: row.scheme_name,
    schemeVersion: Number(row.scheme_version),
    analysisRunId: Number(row.analysis_run_id),
    asOf: row.as_of,
    customers: Number(row.customers),
    createdAt: row.created_at,
  };
}

/** The grade run `id`; undefined when there is none. */
export async function gradeRunById(db: Db, id: number): Promise<GradeRunRow | undefined> {
  const row = await gradeRuns(db).where("id", "=", id).executeTakeFirst();
  return row ? gradeRunRow(row) : undefined;
}

/** The latest `limit` grade runs of a scheme, newest first. */
export async function latestGradeRuns(db: Db, scheme: string, limit = 1): Promise<GradeRunRow[]> {
  const rows = await gradeRuns(db)
    .where("scheme_name", "=", scheme)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(gradeRunRow);
}

/** The given grade run, else the latest of `scheme`; undefined when there is none. */
export async function givenOrLatestGradeRun(
  db: Db,
  request: { id?: number; scheme: string },
): Promise<GradeRunRow | undefined> {
  if (request.id !== undefined) return gradeRunById(db, request.id);
  return (await latestGradeRuns(db, request.scheme, 1))[0];
}

/** The latest grade run of every scheme that has one, by scheme name. */
export async function latestGradeRunOfEachScheme(db: Db): Promise<GradeRunRow[]> {
  const rows = await gradeRuns(db)
    .where(
      "id",
      "in",
      db
        .selectFrom("grade_runs")
        .select((eb) => eb.fn.max("id").as("id"))
        .groupBy("scheme_name"),
    )
    .orderBy("scheme_name")
    .execute();
  return rows.map(gradeRunRow);
}

/** A page of grade runs (of one scheme, or of all), newest first: ids below `before`, at most `limit`. */
export async function listGradeRuns(
  db: Db,
  page: { scheme?: string; before?: number; limit: number },
): Promise<GradeRunRow[]> {
  let query = gradeRuns(db).orderBy("id", "desc").limit(page.limit);
  if (page.scheme !== undefined) query = query.where("scheme_name", "=", page.scheme);
  if (page.before !== undefined) query = query.where("id", "<", page.before);
  return (await query.execute()).map(gradeRunRow);
}

/** How many grade runs there are (of one scheme, or of all). */
export async function countGradeRuns(db: Db, scheme?: string): Promise<number> {
  let query = db.selectFrom("grade_runs").select((eb) => eb.fn.countAll().as("n"));
  if (scheme !== undefined) query = query.where("scheme_name", "=", scheme);
  return Number((await query.executeTakeFirst())?.n ?? 0);
}
