/**
 * The structure overview's figures for the workbench's first page: the key figures of an analysis
 * run next to those of the run before it (so each card can say what changed), how concentrated
 * revenue is, how predicted value is spread, and, read apart because it passes over every
 * purchase, cohort retention and monthly churn. All of it over the customers in the reader's
 * scope only; kept per data version like the customer list (read-cache.ts).
 */

import { findAnalysisRun } from "@custra/db";
import {
  GradeError,
  type Retention,
  type RevenueConcentration,
  type RunKpis,
  retention,
  revenueConcentration,
  runKpis,
  type ValueDistribution,
  valueDistribution,
} from "@custra/engine";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import { type StructureOverviewInput, structureOverviewSchema } from "./structure.schemas.ts";

export interface StructureOverview {
  current: RunKpis;
  /** The same figures for the run before `current`; null when it is the first. */
  previous: RunKpis | null;
  concentration: RevenueConcentration;
  value: ValueDistribution;
}

export async function structureOverview(
  ctx: AppContext,
  input: StructureOverviewInput | unknown = {},
): Promise<StructureOverview> {
  requirePermission(ctx.actor, "read");
  const { runId } = parseInput(structureOverviewSchema, input ?? {});
  const db = ctx.handle.read;
  const double = ctx.handle.sqlTypes.double;
  const run = await requireRun(ctx, runId);
  const scope = ctx.actor.scope;
  return cachedRead(ctx.handle, "page", `structure.overview ${JSON.stringify([run.id, scope])}`, async () => {
    const before = await db
      .selectFrom("analysis_runs")
      .select(["id", "as_of"])
      .where("id", "<", run.id)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const [current, previous, concentration, value] = await Promise.all([
      runKpis(db, double, run, scope),
      before ? runKpis(db, double, { id: Number(before.id), asOf: before.as_of }, scope) : null,
      revenueConcentration(db, double, run.id, scope),
      valueDistribution(db, double, run.id, scope),
    ]);
    return { current, previous, concentration, value };
  });
}

/** Cohort retention and monthly churn up to the run's as-of day (default the latest run). */
export async function structureRetention(
  ctx: AppContext,
  input: StructureOverviewInput | unknown = {},
): Promise<Retention> {
  requirePermission(ctx.actor, "read");
  const { runId } = parseInput(structureOverviewSchema, input ?? {});
  const run = await requireRun(ctx, runId);
  const scope = ctx.actor.scope;
  return cachedRead(ctx.handle, "page", `structure.retention ${JSON.stringify([run.id, scope])}`, () =>
    retention(ctx.handle.read, run, scope),
  );
}

async function requireRun(ctx: AppContext, runId: number | undefined): Promise<{ id: number; asOf: string }> {
  const run = await findAnalysisRun(ctx.handle.read, runId);
  if (run) return { id: run.id, asOf: run.asOf };
  // As the cross-tabs answer (engine grade/structure.ts): the web shows "run an analysis first".
  throw runId === undefined
    ? new GradeError("GRADE_NO_ANALYSIS")
    : new GradeError("GRADE_UNKNOWN_ANALYSIS_RUN", { run: runId });
}
