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
    const basis = await basisOf(handle, playbook, customers.ids, analysisRunId);
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
  const fresh = await newCandidates(handle, candidates);
  const details = options.details ? await options.details(fresh) : undefined;
  await insertTasks(handle, fresh, details);
  report.created = fresh.length;
  for (const task of fresh) report.createdByKind[task.kind] = (report.createdByKind[task.kind] ?? 0) + 1;
  done("write");
  return report;
}

type Basis =
  | { codes: (string | null)[]; droppedFrom?: (string | null)[]; gradeRunId?: number }
  | { skipped: "not_graded" | "no_analysis" };

/** Each customer's code in the playbook's basis, aligned with `ids`. */
async function basisOf(
  handle: DbHandle,
  playbook: Playbook,
  ids: Float64Array,
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
    return { codes: alignToIds(ids, rows) };
  }
  const runs = await handle.db
    .selectFrom("grade_runs")
    .select(["id", "scheme_version"])
    .where("scheme_name", "=", basis.scheme)
    .orderBy("id", "desc")
    .limit(2)
    .execute();
  if (runs.length === 0) return { skipped: "not_graded" };
  const gradesOf = async (runId: number) =>
    alignToIds(
      ids,
      await codesBy(
        handle,
        sql`SELECT CAST(customer_id AS ${sql.raw(handle.sqlTypes.double)}) AS id, grade AS code
            FROM customer_grades WHERE grade_run_id = ${runId} ORDER BY customer_id`,
      ),
    );
  const latest = Number(runs[0]!.id);
  const codes = await gradesOf(latest);
  if (runs.length < 2) return { codes, gradeRunId: latest };
  const previous = await gradesOf(Number(runs[1]!.id));
  const { definition: scheme } = await requireDefinition(
    handle,
    "scheme",
    basis.scheme,
    Number(runs[0]!.scheme_version),
  );
  const order = scheme.grades.map((grade) => grade.code);
  return { codes, droppedFrom: dropsFromTop(order, previous, codes), gradeRunId: latest };
}

/**
 * The top grade each customer fell from since the previous run, or null. Top grades are the
 * scheme's best one, or its best two when it has four or more (as the migration report counts
 * them). `order` is the scheme's grades, best first, as the latest run graded them: not the
 * playbook's rules, which may leave grades out and whose key order PostgreSQL's JSONB does not keep.
 */
function dropsFromTop(
  order: readonly string[],
  previous: readonly (string | null)[],
  latest: readonly (string | null)[],
): (string | null)[] {
  const top = order.length >= 4 ? 2 : 1;
  const rank = new Map(order.map((code, k) => [code, k]));
  return latest.map((code, i) => {
    const before = previous[i];
    if (code === null || before === null || before === undefined) return null;
    const was = rank.get(before);
    const now = rank.get(code);
    return was !== undefined && now !== undefined && was < top && now > was ? before : null;
  });
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

/** Codes of `rows` (sorted by id) placed at the positions of `ids` (sorted); null where absent. */
function alignToIds(
  ids: Float64Array,
  rows: { id: Float64Array; code: (string | null)[] },
): (string | null)[] {
  const out = new Array<string | null>(ids.length).fill(null);
  let k = 0;
  for (let i = 0; i < ids.length && k < rows.id.length; i++) {
    while (k < rows.id.length && rows.id[k]! < ids[i]!) k++;
    if (rows.id[k] === ids[i]) out[i] = rows.code[k]!;
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

/** The candidates whose (customer, occasion) has no task yet. */
async function newCandidates(
  handle: DbHandle,
  candidates: readonly TaskCandidate[],
): Promise<TaskCandidate[]> {
  if (candidates.length === 0) return [];
  const customerIds = [...new Set(candidates.map((task) => task.customerId))];
  const existing = new Set<string>();
  // In slices, so that a million candidates do not make one statement with a million parameters.
  for (let start = 0; start < customerIds.length; start += 10_000) {
    const slice = customerIds.slice(start, start + 10_000);
    const rows = await handle.db
      .selectFrom("tasks")
      .select(["customer_id", "occasion_key"])
      .where("customer_id", "in", slice)
      .execute();
    for (const row of rows) existing.add(`${Number(row.customer_id)}\u0000${row.occasion_key}`);
  }
  return candidates.filter((task) => !existing.has(`${task.customerId}\u0000${task.occasionKey}`));
}

/**
 * Inserts new tasks through a staging table in one statement, which skips any (customer,
 * occasion) that appeared meanwhile, so that two runs at once cannot insert a task twice.
 */
async function insertTasks(
  handle: DbHandle,
  tasks: readonly TaskCandidate[],
  details: readonly (Record<string, unknown> | null)[] | undefined,
): Promise<void> {
  if (tasks.length === 0) return;
  const stage = `__custra_tasks_${process.pid}_${Date.now()}`;
  await handle.createStagingTable(stage, STAGE_COLUMNS);
  try {
    const rows = tasks.map(
      (task, k): BulkRow => [
        k + 2,
        String(task.customerId),
        task.kind,
        task.occasionKey,
        task.owner,
        task.dueOn,
        String(TASK_PRIORITIES.indexOf(task.priority)),
        JSON.stringify(task.reason),
        JSON.stringify({
          playbook: task.playbook,
          playbookVersion: task.playbookVersion,
          grade: task.grade,
          ...(task.needsOwner ? { needsOwner: true } : {}),
          ...details?.[k],
        }),
      ],
    );
    await handle.bulkLoad(stage, ["line", ...STAGE_COLUMNS], rows);
    const json = sql.raw(handle.sqlTypes.json);
    await sql`
      INSERT INTO tasks (customer_id, kind, occasion_key, owner, due_on, priority, reason, details)
      SELECT CAST(s.customer_id AS BIGINT), s.kind, s.occasion_key, s.owner, CAST(s.due_on AS DATE),
             CAST(s.priority AS SMALLINT), CAST(s.reason AS ${json}), CAST(s.details AS ${json})
      FROM ${sql.table(stage)} s
      WHERE NOT EXISTS (
        SELECT 1 FROM tasks t
        WHERE t.customer_id = CAST(s.customer_id AS BIGINT) AND t.occasion_key = s.occasion_key
      )
      ORDER BY s.line`.execute(handle.db);
  } finally {
    await handle.dropTable(stage);
  }
}
