/**
 * Grade runs as a list and one by one, each with its count of customers per grade among the
 * customers the reader may see: a run grades every customer, and a reader of some of them must
 * not learn from it how many the others are (the run's own count is for readers of all).
 */
import {
  countGradeRuns,
  type GradeRunRow,
  gradeRunById,
  listGradeRuns as listGradeRunRows,
  visibleCustomer,
} from "@custra/db";
import { requireDefinition } from "@custra/engine";
import { sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import {
  type GradeRunIdInput,
  gradeRunIdSchema,
  type ListGradeRunsInput,
  listGradeRunsSchema,
} from "./grading.schemas.ts";
import "./grading.messages.ts";

export interface GradeRunView {
  id: number;
  scheme: string;
  schemeVersion: number;
  analysisRunId: number;
  asOf: string;
  createdAt: string;
  /** Every customer the run graded: only for a reader who sees every customer (null otherwise). */
  customers: number | null;
  /** The customers in the reader's scope the run graded. */
  customersInScope: number;
  /** Per grade, the customers in the reader's scope who have it (grades nobody in scope has are left out). */
  grades: { grade: string; customers: number }[];
}

export interface GradeRunPage {
  runs: GradeRunView[];
  /** Every grade run (of the scheme, if named), over all pages. */
  total: number;
  nextCursor: number | null;
}

/** The grade runs, newest first (of one scheme if named), each with its grades counted within scope. */
export async function listGradeRuns(
  ctx: AppContext,
  input: ListGradeRunsInput | unknown = {},
): Promise<GradeRunPage> {
  requirePermission(ctx.actor, "read");
  const { scheme, cursor, limit } = parseInput(listGradeRunsSchema, input ?? {});
  // An unknown scheme is an error naming the known ones, not an empty list.
  if (scheme !== undefined) await requireDefinition(ctx.handle, "scheme", scheme);
  const key = `grade-runs ${JSON.stringify([scheme, cursor, limit, ctx.actor.scope])}`;
  return cachedRead(ctx.handle, "page", key, () => readGradeRunPage(ctx, { scheme, cursor, limit }));
}

async function readGradeRunPage(
  ctx: AppContext,
  { scheme, cursor, limit }: { scheme: string | undefined; cursor: number | undefined; limit: number },
): Promise<GradeRunPage> {
  const db = ctx.handle.read;
  const rows = await listGradeRunRows(db, {
    ...(scheme === undefined ? {} : { scheme }),
    ...(cursor === undefined ? {} : { before: cursor }),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const counts = await gradeCounts(
    ctx,
    page.map((run) => run.id),
  );
  return {
    runs: page.map((run) => view(ctx, run, counts.get(run.id) ?? [])),
    total: await countGradeRuns(db, scheme),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** One grade run with its grades counted within scope; APP_NOT_FOUND when there is none. */
export async function getGradeRun(ctx: AppContext, input: GradeRunIdInput | unknown): Promise<GradeRunView> {
  requirePermission(ctx.actor, "read");
  const { id } = parseInput(gradeRunIdSchema, input);
  const run = await gradeRunById(ctx.handle.read, id);
  if (!run) throw new AppError("APP_NOT_FOUND", { what: { key: "app.grading.what.run" }, key: id });
  return view(ctx, run, (await gradeCounts(ctx, [id])).get(id) ?? []);
}

function view(
  ctx: AppContext,
  run: GradeRunRow,
  grades: { grade: string; customers: number }[],
): GradeRunView {
  return {
    id: run.id,
    scheme: run.scheme,
    schemeVersion: run.schemeVersion,
    analysisRunId: run.analysisRunId,
    asOf: run.asOf,
    createdAt: new Date(run.createdAt).toISOString(),
    customers: ctx.actor.scope.kind === "all" ? run.customers : null,
    customersInScope: grades.reduce((sum, grade) => sum + grade.customers, 0),
    grades,
  };
}

/** Per grade run of `ids`, its customers in scope per grade, grades in name order. */
async function gradeCounts(
  ctx: AppContext,
  ids: readonly number[],
): Promise<Map<number, { grade: string; customers: number }[]>> {
  const counts = new Map<number, { grade: string; customers: number }[]>();
  if (ids.length === 0) return counts;
  const double = sql.raw(ctx.handle.sqlTypes.double);
  const { rows } = await sql<{ run: number | bigint; grade: string; n: number | string | bigint }>`
    SELECT g.grade_run_id AS run, g.grade, CAST(COUNT(*) AS ${double}) AS n
    FROM customer_grades g
    WHERE g.grade_run_id IN (${sql.join(ids)}) AND ${visibleCustomer(ctx.actor.scope, "g.customer_id")}
    GROUP BY g.grade_run_id, g.grade
    ORDER BY g.grade_run_id, g.grade`.execute(ctx.handle.read);
  for (const row of rows) {
    const run = Number(row.run);
    const list = counts.get(run) ?? [];
    counts.set(run, list);
    list.push({ grade: row.grade, customers: Number(row.n) });
  }
  return counts;
}
