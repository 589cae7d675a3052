/**
 * `custra tasks generate`: every stored playbook whose basis has been computed (a grading run of
 * its scheme, or the latest analysis for RFM segments and lifecycle stages) turns the customers'
 * grades into task candidates (core generateTasks) and segment campaigns (core
 * generateCampaigns); the candidates not yet in the tasks table for their (customer, occasion),
 * and the campaigns not yet in the campaigns table, are inserted. A rerun inserts nothing new,
 * and a task done for an occasion is never created again for it.
 */
import {
  type CampaignCandidate,
  generateCampaigns,
  generateTasks,
  type Playbook,
  type PlaybookAssignment,
  TASK_KINDS,
  TASK_PRIORITIES,
  type TaskCandidate,
  type TaskKind,
} from "@custra/core";
import { type DbHandle, latestGradeRuns, rowBatches, stagingTableName } from "@custra/db";
import { sql } from "kysely";
import { listDefinitions, requireDefinition } from "../grade/definitions.ts";
import { checkDate } from "../grade/pins.ts";
import { IdIndex } from "../recommend/id-index.ts";
import { loadSettings } from "../settings/settings.ts";
import { stageClock } from "../stage-clock.ts";
import { writeCampaigns } from "./campaign-write.ts";
import { staleDataWarnings, type TaskWarning } from "./stale-data.ts";
import {
  loadAssignees,
  loadDetractorAnswers,
  loadOpenComplaints,
  loadOverdueInvoices,
  loadTaskCustomers,
  positionIn,
} from "./task-input.ts";

export interface GenerateTasksOptions {
  /** The day tasks are generated for; default today (UTC). */
  asOf?: string;
  /** Only these kinds; default all. */
  kinds?: readonly TaskKind[];
  /**
   * What customers of unknown type are taken for: "individual" where the company sells to
   * consumers, so campaigns reach them. Default: individual when the company's business model
   * setting is B2C, else enterprise.
   */
  unknownCustomerType?: "individual" | "enterprise";
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
  /** New tasks inserted; the rest were there already. New campaigns count as tasks of kind campaign. */
  created: number;
  createdByKind: Partial<Record<TaskKind, number>>;
  /** The segment campaigns created (each with its customers' count). */
  campaigns: { id: number; key: string; segment: string; members: number }[];
  /** New tasks whose customer had no owner and that the playbook's assignUnowned gave to someone. */
  assigned: number;
  /** Reasons to doubt the day generated for (the data is far older): codes with params. */
  warnings: TaskWarning[];
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
  checkDate("asOf", asOf);
  const { timings, start, done } = stageClock(options.onStage);

  start("load");
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
    campaigns: [],
    assigned: 0,
    warnings: await staleDataWarnings(handle, asOf),
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
  const [overdueInvoices, surveyAnswers, openComplaints, assignees] = await Promise.all([
    loadOverdueInvoices(handle, asOf),
    loadDetractorAnswers(handle, asOf),
    loadOpenComplaints(handle, asOf),
    loadAssignees(handle),
  ]);
  done("load");

  start("generate");
  const input = {
    customers,
    playbooks: assignments,
    overdueInvoices,
    surveyAnswers,
    openComplaints,
    assignees,
  };
  const generateOptions = {
    asOf,
    ...(options.kinds ? { kinds: options.kinds } : {}),
    unknownCustomerType:
      options.unknownCustomerType ??
      ((await loadSettings(handle)).businessModel === "b2c" ? "individual" : "enterprise"),
  };
  const candidates = assignments.length === 0 ? [] : generateTasks(input, generateOptions);
  const campaigns: CampaignCandidate[] =
    assignments.length === 0 ? [] : generateCampaigns(input, generateOptions);
  report.candidates = candidates.length + campaigns.length;
  done("generate");

  start("write");
  // As the only writer: another generation at once would find the same tasks new and insert them too.
  const fresh = await handle.withWriteLock("tasks", () => writeTasks(handle, candidates, options.details));
  report.created = fresh.length;
  await handle.refreshStatistics([{ table: "tasks", rows: fresh.length }]);
  for (const task of fresh) {
    report.createdByKind[task.kind] = (report.createdByKind[task.kind] ?? 0) + 1;
    if (task.assigned) report.assigned++;
  }
  report.campaigns = await writeCampaigns(handle, campaigns);
  if (report.campaigns.length > 0) {
    report.created += report.campaigns.length;
    report.createdByKind.campaign = report.campaigns.length;
  }
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
    return { codes: atPositions(positions, rows.id, (row) => rows.code[row]!) };
  }
  const runs = (await latestGradeRuns(handle.db, basis.scheme, 2)).map((run) => ({
    id: run.id,
    scheme_version: run.schemeVersion,
  }));
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
  const rank = (column: string) => positionIn(handle, column, order);
  const codesOf = (rows: { id: Float64Array; k: Float64Array }) =>
    atPositions(positions, rows.id, (row) => order[rows.k[row]!] ?? null);
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

/** Each row's code (`codeAt(row)`) at its customer's position among the task customers; null where absent. */
function atPositions(
  positions: IdIndex,
  ids: Float64Array,
  codeAt: (row: number) => string | null,
): (string | null)[] {
  const out = new Array<string | null>(positions.size).fill(null);
  for (let row = 0; row < ids.length; row++) {
    const i = positions.positionOf(ids[row]!);
    if (i >= 0) out[i] = codeAt(row);
  }
  return out;
}

/** What is staged of a new task beside its key: everything the tasks table is given. */
const PAYLOAD_COLUMNS = ["kind", "owner", "due_on", "priority", "reason", "details"] as const;

/**
 * Text columns with at most this many distinct values are staged as codes (one dictionary, not
 * one native call per string): kinds, owners, due dates and, without recommendations, details.
 */
const MAX_CODES = 1000;

/** The codes of the staged task kinds, and of each text column whose distinct values are few enough. */
function stagingCodes(
  columns: Readonly<Record<string, readonly (string | null)[]>>,
): Record<string, readonly string[]> {
  const codes: Record<string, readonly string[]> = { kind: TASK_KINDS };
  for (const [column, values] of Object.entries(columns)) {
    const distinct = new Set<string>();
    for (const value of values) {
      if (value !== null) distinct.add(value);
      if (distinct.size > MAX_CODES) break;
    }
    if (distinct.size <= MAX_CODES) codes[column] = [...distinct];
  }
  return codes;
}

/**
 * Each task's reason as JSON. Tasks of one occasion share their reason object (a festival's, a
 * review period's, a cadence due since one day): each is written out once.
 */
function reasonTexts(tasks: readonly TaskCandidate[]): string[] {
  const texts = new Map<TaskCandidate["reason"], string>();
  return tasks.map(({ reason }) => {
    let text = texts.get(reason);
    if (text === undefined) {
      text = JSON.stringify(reason);
      texts.set(reason, text);
    }
    return text;
  });
}

/**
 * What every task keeps beside its reason: the playbook rule that made it, and any extra details.
 * Without extras, the text depends on the rule alone and is made once per rule.
 */
function detailsTexts(
  tasks: readonly TaskCandidate[],
  more: readonly (Record<string, unknown> | null)[],
): string[] {
  const detailsOf = (task: TaskCandidate) => ({
    playbook: task.playbook,
    playbookVersion: task.playbookVersion,
    grade: task.grade,
    ...(task.needsOwner ? { needsOwner: true } : {}),
    ...(task.assigned ? { assigned: true } : {}),
  });
  // By playbook version, then by whether the task needs an owner and was assigned (the first two characters) and grade.
  const byRule = new Map<string, Map<string, string>>();
  return tasks.map((task, k) => {
    const extra = more[k];
    if (extra) return JSON.stringify({ ...detailsOf(task), ...extra });
    const version = `${task.playbook}@${task.playbookVersion}`;
    let texts = byRule.get(version);
    if (texts === undefined) {
      texts = new Map();
      byRule.set(version, texts);
    }
    const rule = `${task.needsOwner ? 1 : 0}${task.assigned ? 1 : 0}${task.grade}`;
    let text = texts.get(rule);
    if (text === undefined) {
      text = JSON.stringify(detailsOf(task));
      texts.set(rule, text);
    }
    return text;
  });
}

/**
 * Inserts the candidates whose (customer, occasion) has no task yet and returns them. The
 * candidates' keys are staged in bulk and the database finds the new ones (an anti-join, not a
 * query per customer); only those have the rest staged, with their details (recommendations for
 * care visits), and one INSERT … WHERE NOT EXISTS writes them, so that two runs at once cannot
 * insert a task twice. On a daily run most candidates exist already and cost only their key.
 * Ids are staged as numbers and repeating text (kinds, owners, due dates) as codes: a native call
 * per string was the largest part of writing half a million tasks.
 */
async function writeTasks(
  handle: DbHandle,
  candidates: readonly TaskCandidate[],
  moreDetails: GenerateTasksOptions["details"],
): Promise<TaskCandidate[]> {
  if (candidates.length === 0) return [];
  const keys = stagingTableName("__custra_task_keys");
  const stage = stagingTableName("__custra_tasks");
  await handle.createStagingTable(keys, ["customer_id", "occasion_key"], { customer_id: "bigint" });
  await handle.createStagingTable(stage, PAYLOAD_COLUMNS, { priority: "smallint" });
  try {
    await handle.bulkLoad(
      keys,
      ["line", "customer_id", "occasion_key"],
      rowBatches(candidates.length, (k) => [k + 2, candidates[k]!.customerId, candidates[k]!.occasionKey]),
    );
    const isNew = sql`NOT EXISTS (
      SELECT 1 FROM tasks t WHERE t.customer_id = k.customer_id AND t.occasion_key = k.occasion_key)`;
    const { line } = (await handle.selectColumns(
      sql`SELECT CAST(k.line AS ${sql.raw(handle.sqlTypes.double)}) AS line FROM ${sql.table(keys)} k
          WHERE ${isNew} ORDER BY k.line`.compile(handle.db),
    )) as unknown as { line: Float64Array };
    const fresh = Array.from(line, (l) => candidates[l - 2]!);
    if (fresh.length === 0) return fresh;
    const details = detailsTexts(fresh, moreDetails ? await moreDetails(fresh) : []);
    const reasons = reasonTexts(fresh);
    const codes = stagingCodes({
      owner: fresh.map((task) => task.owner),
      due_on: fresh.map((task) => task.dueOn),
      details,
    });
    await handle.bulkLoad(
      stage,
      ["line", ...PAYLOAD_COLUMNS],
      rowBatches(fresh.length, (k) => [
        line[k]!,
        fresh[k]!.kind,
        fresh[k]!.owner,
        fresh[k]!.dueOn,
        TASK_PRIORITIES.indexOf(fresh[k]!.priority),
        reasons[k]!,
        details[k]!,
      ]),
      { codes },
    );
    const json = sql.raw(handle.sqlTypes.json);
    await sql`
      INSERT INTO tasks (customer_id, kind, occasion_key, owner, due_on, priority, reason, details)
      SELECT k.customer_id, s.kind, k.occasion_key, s.owner, CAST(s.due_on AS DATE), s.priority,
             CAST(s.reason AS ${json}), CAST(s.details AS ${json})
      FROM ${sql.table(stage)} s JOIN ${sql.table(keys)} k ON k.line = s.line
      WHERE ${isNew}
      ORDER BY s.line`.execute(handle.db);
    return fresh;
  } finally {
    await handle.dropTable(keys);
    await handle.dropTable(stage);
  }
}
