/**
 * `custra tasks generate`: every stored playbook whose basis has been computed (a grading run of
 * its scheme, or the latest analysis for RFM segments and lifecycle stages) turns the customers'
 * grades into task candidates (core generateTasks); the candidates not yet in the tasks table
 * for their (customer, occasion) are inserted. A rerun inserts nothing new, and a task done for
 * an occasion is never created again for it.
 */
import {
  generateTasks,
  type Playbook,
  type PlaybookAssignment,
  TASK_PRIORITIES,
  type TaskCandidate,
  type TaskKind,
} from "@custra/core";
import type { BulkRow, DbHandle } from "@custra/db";
import { sql } from "kysely";
import { ensureBuiltinDefinitions, listDefinitions, requireDefinition } from "../grade/definitions.ts";
import { checkDate } from "../grade/pins.ts";
import { IdIndex } from "../recommend/id-index.ts";
import {
  loadDetractorAnswers,
  loadOpenComplaints,
  loadOverdueInvoices,
  loadTaskCustomers,
} from "./task-input.ts";

export interface GenerateTasksOptions {
  /** The day tasks are generated for; default today (UTC). */
  asOf?: string;
  /** Only these kinds; default all. */
  kinds?: readonly TaskKind[];
  /** Extra details per candidate (such as recommended products for care tasks), kept with the task. */
  details?: (candidates: readonly TaskCandidate[]) => Promise<(Record<string, unknown> | null)[]>;
  onStage?: (stage: TaskStage) => void;
}

export const TASK_STAGES = ["load", "generate", "write"] as const;
export type TaskStage = (typeof TASK_STAGES)[number];

export interface GenerateTasksReport {
  asOf: string;
  /** The playbooks that ran, and those skipped because their basis has not been computed. */
  playbooks: { name: string; version: number; basis: string; gradeRunId?: number }[];
  skipped: { name: string; reason: "not_graded" | "no_analysis" }[];
  candidates: number;
  /** New tasks inserted; the rest were there already. */
  created: number;
  createdByKind: Partial<Record<TaskKind, number>>;
  timings: Partial<Record<TaskStage, number>>;
}

/** Today's date (UTC), the default day tasks are generated for. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function generateTasksInDb(
  handle: DbHandle,
  options: GenerateTasksOptions = {},
): Promise<GenerateTasksReport> {
  const asOf = options.asOf ?? todayIso();
  checkDate("--as-of", asOf);
  const timings: Partial<Record<TaskStage, number>> = {};
  let clock = performance.now();
  const done = (stage: TaskStage) => {
    const now = performance.now();
    timings[stage] = Math.round(now - clock);
    clock = now;
  };

  options.onStage?.("load");
  await ensureBuiltinDefinitions(handle);
  const analysis = await handle.db
    .selectFrom("analysis_runs")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const analysisRunId = analysis ? Number(analysis.id) : undefined;
  const customers = await loadTaskCustomers(handle, asOf, analysisRunId);
  const positions = new IdIndex(customers.ids);
  const report: GenerateTasksReport = {
    asOf,
    playbooks: [],
    skipped: [],
    candidates: 0,
    created: 0,
    createdByKind: {},
    timings,
  };
  const assignments: PlaybookAssignment[] = [];
  for (const { definition: playbook } of await listDefinitions(handle, "playbook")) {
    const basis = await basisOf(handle, playbook, positions, analysisRunId);
    if ("skipped" in basis) {
      report.skipped.push({ name: playbook.name, reason: basis.skipped });
      continue;
    }
    assignments.push({ playbook, codes: basis.codes, droppedFrom: basis.droppedFrom });
    report.playbooks.push({
      name: playbook.name,
      version: playbook.version,
      basis: playbook.basis.kind,
      ...(basis.gradeRunId === undefined ? {} : { gradeRunId: basis.gradeRunId }),
    });
  }
  const [overdueInvoices, surveyAnswers, openComplaints] = await Promise.all([
    loadOverdueInvoices(handle, asOf),
    loadDetractorAnswers(handle, asOf),
    loadOpenComplaints(handle, asOf),
  ]);
  done("load");

  options.onStage?.("generate");
  const candidates =
    assignments.length === 0
      ? []
      : generateTasks(
          { customers, playbooks: assignments, overdueInvoices, surveyAnswers, openComplaints },
          { asOf, ...(options.kinds ? { kinds: options.kinds } : {}) },
        );
  report.candidates = candidates.length;
  done("generate");

  options.onStage?.("write");
  const fresh = await writeTasks(handle, candidates, options.details);
  report.created = fresh.length;
  for (const task of fresh) report.createdByKind[task.kind] = (report.createdByKind[task.kind] ?? 0) + 1;
  done("write");
  return report;
}

type Basis =
  | { codes: (string | null)[]; droppedFrom?: (string | null)[]; gradeRunId?: number }
  | { skipped: "not_graded" | "no_analysis" };

/** Each customer's code in the playbook's basis, at the customer's position in `positions`. */
async function basisOf(
  handle: DbHandle,
  playbook: Playbook,
  positions: IdIndex,
  analysisRunId: number | undefined,
): Promise<Basis> {
  const { basis } = playbook;
  if (basis.kind !== "grade") {
    if (analysisRunId === undefined) return { skipped: "no_analysis" };
    const column = basis.kind === "rfm_segment" ? "rfm_segment" : "lifecycle_stage";
    const rows = await codesBy(
      handle,
      sql`SELECT CAST(customer_id AS ${sql.raw(handle.sqlTypes.double)}) AS id, ${sql.ref(column)} AS code
          FROM customer_scores WHERE run_id = ${analysisRunId} ORDER BY customer_id`,
    );
    return { codes: atPositions(positions, rows) };
  }
  const runs = await handle.db
    .selectFrom("grade_runs")
    .select(["id", "scheme_version"])
    .where("scheme_name", "=", basis.scheme)
    .orderBy("id", "desc")
    .limit(2)
    .execute();
  if (runs.length === 0) return { skipped: "not_graded" };
  const latest = Number(runs[0]!.id);
  // The scheme's grades, best first, as the latest run graded them: not the playbook's rules,
  // which may leave grades out and whose key order PostgreSQL's JSONB does not keep.
  const { definition: scheme } = await requireDefinition(
    handle,
    "scheme",
    basis.scheme,
    Number(runs[0]!.scheme_version),
  );
  const order = scheme.grades.map((grade) => grade.code);
  const double = sql.raw(handle.sqlTypes.double);
  const rank = (column: string) =>
    sql`CAST(CASE ${sql.raw(column)} ${sql.join(
      order.map((code, k) => sql`WHEN ${code} THEN ${sql.lit(k)}`),
      sql` `,
    )} END AS ${double})`;
  const codesOf = (rows: { id: Float64Array; k: Float64Array }) =>
    atPositions(positions, { id: rows.id, code: Array.from(rows.k, (k) => order[k] ?? null) });
  // Grades travel as their rank, a number: a million grade strings cost a second to fetch.
  const codes = codesOf(
    (await handle.selectColumns(
      sql`SELECT CAST(customer_id AS ${double}) AS id, ${rank("grade")} AS k
          FROM customer_grades WHERE grade_run_id = ${latest} ORDER BY customer_id`.compile(handle.db),
    )) as unknown as { id: Float64Array; k: Float64Array },
  );
  if (runs.length < 2) return { codes, gradeRunId: latest };
  // Customers who fell from a top grade (the best one, or the best two of four or more, as the
  // migration report counts them) since the previous run: found by the database, they are few.
  const top = order.length >= 4 ? 2 : 1;
  const droppedFrom = codesOf(
    (await handle.selectColumns(
      sql`SELECT CAST(l.customer_id AS ${double}) AS id, ${rank("p.grade")} AS k
          FROM customer_grades l
          JOIN customer_grades p ON p.customer_id = l.customer_id AND p.grade_run_id = ${Number(runs[1]!.id)}
          WHERE l.grade_run_id = ${latest} AND ${rank("p.grade")} < ${top} AND ${rank("l.grade")} > ${rank("p.grade")}
          ORDER BY l.customer_id`.compile(handle.db),
    )) as unknown as { id: Float64Array; k: Float64Array },
  );
  return { codes, droppedFrom, gradeRunId: latest };
}

async function codesBy(
  handle: DbHandle,
  query: ReturnType<typeof sql>,
): Promise<{ id: Float64Array; code: (string | null)[] }> {
  return (await handle.selectColumns(query.compile(handle.db))) as unknown as {
    id: Float64Array;
    code: (string | null)[];
  };
}

/** Each customer's code, at the customer's position among the task customers; null where absent. */
function atPositions(
  positions: IdIndex,
  rows: { id: Float64Array; code: (string | null)[] },
): (string | null)[] {
  const out = new Array<string | null>(positions.size).fill(null);
  for (let k = 0; k < rows.id.length; k++) {
    const i = positions.positionOf(rows.id[k]!);
    if (i >= 0) out[i] = rows.code[k]!;
  }
  return out;
}

const STAGE_COLUMNS = [
  "customer_id",
  "kind",
  "occasion_key",
  "owner",
  "due_on",
  "priority",
  "reason",
  "details",
] as const;

/** What every task keeps beside its reason: the playbook rule that made it. */
function detailsOf(task: TaskCandidate): Record<string, unknown> {
  return {
    playbook: task.playbook,
    playbookVersion: task.playbookVersion,
    grade: task.grade,
    ...(task.needsOwner ? { needsOwner: true } : {}),
  };
}

/**
 * Inserts the candidates whose (customer, occasion) has no task yet and returns them. The
 * candidates' keys are staged in bulk and the database finds the new ones (an anti-join, not a
 * query per customer); only those are staged whole, with their details (recommendations for care
 * visits), and one INSERT … WHERE NOT EXISTS writes them, so that two runs at once cannot insert
 * a task twice. On a daily run most candidates exist already and cost only their key.
 */
async function writeTasks(
  handle: DbHandle,
  candidates: readonly TaskCandidate[],
  moreDetails: GenerateTasksOptions["details"],
): Promise<TaskCandidate[]> {
  if (candidates.length === 0) return [];
  const run = `${process.pid}_${Date.now()}`;
  const keys = `__custra_task_keys_${run}`;
  const stage = `__custra_tasks_${run}`;
  await handle.createStagingTable(keys, ["customer_id", "occasion_key"]);
  await handle.createStagingTable(stage, STAGE_COLUMNS);
  try {
    await handle.bulkLoad(
      keys,
      ["line", "customer_id", "occasion_key"],
      candidates.map((task, k): BulkRow => [k + 2, String(task.customerId), task.occasionKey]),
    );
    const isNew = sql`NOT EXISTS (
      SELECT 1 FROM tasks t
      WHERE t.customer_id = CAST(s.customer_id AS BIGINT) AND t.occasion_key = s.occasion_key)`;
    const { line } = (await handle.selectColumns(
      sql`SELECT CAST(s.line AS ${sql.raw(handle.sqlTypes.double)}) AS line FROM ${sql.table(keys)} s
          WHERE ${isNew} ORDER BY s.line`.compile(handle.db),
    )) as unknown as { line: Float64Array };
    const fresh = Array.from(line, (l) => candidates[l - 2]!);
    if (fresh.length === 0) return fresh;
    const more = moreDetails ? await moreDetails(fresh) : [];
    const rows = fresh.map(
      (task, k): BulkRow => [
        k + 2,
        String(task.customerId),
        task.kind,
        task.occasionKey,
        task.owner,
        task.dueOn,
        String(TASK_PRIORITIES.indexOf(task.priority)),
        JSON.stringify(task.reason),
        JSON.stringify({ ...detailsOf(task), ...more[k] }),
      ],
    );
    await handle.bulkLoad(stage, ["line", ...STAGE_COLUMNS], rows);
    const json = sql.raw(handle.sqlTypes.json);
    await sql`
      INSERT INTO tasks (customer_id, kind, occasion_key, owner, due_on, priority, reason, details)
      SELECT CAST(s.customer_id AS BIGINT), s.kind, s.occasion_key, s.owner, CAST(s.due_on AS DATE),
             CAST(s.priority AS SMALLINT), CAST(s.reason AS ${json}), CAST(s.details AS ${json})
      FROM ${sql.table(stage)} s
      WHERE ${isNew}
      ORDER BY s.line`.execute(handle.db);
    return fresh;
  } finally {
    await handle.dropTable(keys);
    await handle.dropTable(stage);
  }
}
