/**
 * Reading tasks and campaigns and marking them done (`custra tasks list`, `show`, `done`). A
 * campaign is a task for a group of customers; it shares the tasks' ids, so one id names either.
 */
import { TASK_PRIORITIES, type TaskKind, type TaskPriority, type TaskReason } from "@custra/core";
import { type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { sql } from "kysely";
import { GradeError } from "../grade/errors.ts";
import { checkDate } from "../grade/pins.ts";
import { jsonColumn } from "../json-column.ts";

export const TASK_STATUSES = ["open", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskView {
  id: number;
  kind: TaskKind;
  customerCode: string;
  customerName: string | null;
  owner: string | null;
  dueOn: string;
  priority: TaskPriority;
  reason: TaskReason;
  details: Record<string, unknown> | null;
  status: TaskStatus;
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
}

export interface TaskFilter {
  owner?: string;
  /** Tasks of any of these owners (a team's). */
  owners?: readonly string[];
  /** Only tasks of customers in this scope (default all). */
  scope?: CustomerScope;
  /** Tasks due on or before this day. */
  due?: string;
  kind?: TaskKind;
  /** Default open. */
  status?: TaskStatus | "all";
  customerCode?: string;
  id?: number;
  /** At most this many, most urgent and earliest first (default 100). */
  limit?: number;
}

/**
 * The tasks `filter` selects, with their customers' code and name: the one query behind
 * `tasks list` and the tasks export (which pages through it by id). Rows become views by `taskView`.
 */
export function selectTasks(handle: DbHandle, filter: Omit<TaskFilter, "limit"> = {}) {
  let query = handle.db
    .selectFrom("tasks as t")
    .innerJoin("customers as c", "c.id", "t.customer_id")
    .select([
      "t.id",
      "t.kind",
      "c.code",
      "c.name",
      "t.owner",
      sql<string>`CAST(t.due_on AS TEXT)`.as("due_on"),
      "t.priority",
      "t.reason",
      "t.details",
      "t.status",
      "t.created_at",
      "t.done_at",
      "t.done_by",
    ]);
  const status = filter.status ?? "open";
  if (status !== "all") query = query.where("t.status", "=", status);
  if (filter.owner !== undefined) query = query.where("t.owner", "=", filter.owner);
  if (filter.owners !== undefined)
    query =
      filter.owners.length === 0
        ? query.where(sql<boolean>`FALSE`)
        : query.where("t.owner", "in", filter.owners);
  if (filter.scope !== undefined) query = query.where(visibleCustomer(filter.scope, "t.customer_id"));
  if (filter.due !== undefined) query = query.where("t.due_on", "<=", filter.due);
  if (filter.kind !== undefined) query = query.where("t.kind", "=", filter.kind);
  if (filter.customerCode !== undefined) query = query.where("c.code", "=", filter.customerCode);
  if (filter.id !== undefined) query = query.where("t.id", "=", filter.id);
  return query;
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>["execute"]>>[number];

/** A row of `selectTasks` as a view: numbers as numbers, JSON parsed (text on one engine, parsed on the other). */
export function taskView(row: TaskRow): TaskView {
  return {
    id: Number(row.id),
    kind: row.kind as TaskKind,
    customerCode: row.code,
    customerName: row.name,
    owner: row.owner,
    dueOn: row.due_on,
    priority: TASK_PRIORITIES[Number(row.priority)] ?? "normal",
    reason: jsonColumn<TaskReason>(row.reason)!,
    details: jsonColumn<Record<string, unknown>>(row.details),
    status: row.status as TaskStatus,
    createdAt: row.created_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
  };
}

export async function listTasks(handle: DbHandle, filter: TaskFilter = {}): Promise<TaskView[]> {
  if (filter.due !== undefined) checkDate("due", filter.due);
  const rows = await selectTasks(handle, filter)
    .orderBy("t.due_on")
    .orderBy("t.priority")
    .orderBy("t.id")
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(taskView);
}

/** Open tasks per owner due on or before `due` (the "today" list); owner null is the team pool. */
export async function openTasksByOwner(
  handle: DbHandle,
  due: string,
  scope?: CustomerScope,
): Promise<{ owner: string | null; tasks: number; urgent: number }[]> {
  checkDate("due", due);
  let query = handle.db
    .selectFrom("tasks")
    .select([
      "owner",
      sql<number>`COUNT(*)`.as("tasks"),
      sql<number>`SUM(CASE WHEN priority = 0 THEN 1 ELSE 0 END)`.as("urgent"),
    ])
    .where("status", "=", "open")
    .where("due_on", "<=", due);
  if (scope !== undefined) query = query.where(visibleCustomer(scope, "tasks.customer_id"));
  const rows = await query.groupBy("owner").orderBy("owner").execute();
  return rows.map((row) => ({ owner: row.owner, tasks: Number(row.tasks), urgent: Number(row.urgent) }));
}

/** Marks a task done; done tasks are kept, so their occasion is never given a task again. */
export async function completeTask(handle: DbHandle, id: number, by?: string): Promise<TaskView> {
  const row = await handle.db
    .selectFrom("tasks")
    .select(["customer_id", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new GradeError("TASK_UNKNOWN", { id });
  if (row.status !== "done") {
    await handle.db
      .updateTable("tasks")
      .set({ status: "done", done_at: new Date(), done_by: by ?? null })
      .where("customer_id", "=", row.customer_id)
      .where("id", "=", id)
      .execute();
  }
  const [task] = await listTasks(handle, { id, status: "all" });
  return task!;
}

/** Moves an open task to another due day; a done task keeps its day (TASK_DONE). */
export async function rescheduleTask(handle: DbHandle, id: number, dueOn: string): Promise<TaskView> {
  checkDate("dueOn", dueOn);
  await changeOpenTask(handle, id, { due_on: dueOn });
  const [task] = await listTasks(handle, { id, status: "all" });
  return task!;
}

/** Gives an open task to another owner (null: back to the team pool); a done task keeps its owner. */
export async function reassignTask(handle: DbHandle, id: number, owner: string | null): Promise<TaskView> {
  await changeOpenTask(handle, id, { owner });
  const [task] = await listTasks(handle, { id, status: "all" });
  return task!;
}

async function changeOpenTask(
  handle: DbHandle,
  id: number,
  change: { due_on?: string; owner?: string | null },
): Promise<void> {
  const row = await handle.db
    .selectFrom("tasks")
    .select(["customer_id", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new GradeError("TASK_UNKNOWN", { id });
  if (row.status === "done") throw new GradeError("TASK_DONE", { id });
  await handle.db
    .updateTable("tasks")
    .set(change)
    .where("customer_id", "=", row.customer_id)
    .where("id", "=", id)
    .execute();
}

export interface CampaignView {
  id: number;
  kind: "campaign";
  playbook: string;
  playbookVersion: number;
  /** What the segment is: grade, rfm_segment or lifecycle_stage. */
  basis: string;
  segment: string;
  owner: string | null;
  dueOn: string;
  priority: TaskPriority;
  reason: TaskReason;
  /** How many customers it reaches. */
  members: number;
  status: TaskStatus;
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
}

/**
 * Campaigns, filtered like tasks: by owner, due day, status, id, and by customer (the campaigns
 * the customer is a member of). Most urgent and earliest first.
 */
export async function listCampaigns(
  handle: DbHandle,
  filter: Omit<TaskFilter, "kind"> = {},
): Promise<CampaignView[]> {
  // A campaign reaches a group, not one customer: a limited scope sees those its owners hold.
  const scope = filter.scope;
  if (filter.due !== undefined) checkDate("due", filter.due);
  let query = handle.db
    .selectFrom("campaigns as m")
    .selectAll("m")
    .select(sql<string>`CAST(m.due_on AS TEXT)`.as("due_text"));
  const status = filter.status ?? "open";
  if (status !== "all") query = query.where("m.status", "=", status);
  if (filter.owner !== undefined) query = query.where("m.owner", "=", filter.owner);
  if (filter.due !== undefined) query = query.where("m.due_on", "<=", filter.due);
  if (filter.id !== undefined) query = query.where("m.id", "=", filter.id);
  if (filter.owners !== undefined)
    query =
      filter.owners.length === 0
        ? query.where(sql<boolean>`FALSE`)
        : query.where("m.owner", "in", filter.owners);
  if (scope !== undefined && scope.kind === "limited")
    query =
      scope.owners.length === 0
        ? query.where(sql<boolean>`FALSE`)
        : query.where("m.owner", "in", scope.owners);
  if (filter.customerCode !== undefined) {
    const code = filter.customerCode;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("campaign_members as cm")
          .innerJoin("customers as c", "c.id", "cm.customer_id")
          .select("cm.campaign_id")
          .whereRef("cm.campaign_id", "=", "m.id")
          .where("c.code", "=", code),
      ),
    );
  }
  const rows = await query
    .orderBy("m.due_on")
    .orderBy("m.priority")
    .orderBy("m.id")
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    kind: "campaign",
    playbook: row.playbook,
    playbookVersion: Number(row.playbook_version),
    basis: row.basis,
    segment: row.segment,
    owner: row.owner,
    dueOn: row.due_text,
    priority: TASK_PRIORITIES[Number(row.priority)] ?? "normal",
    reason: jsonColumn<TaskReason>(row.reason)!,
    members: Number(row.members),
    status: row.status as TaskStatus,
    createdAt: row.created_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
  }));
}

/** A customer a campaign reaches, as the list to export shows it. */
export interface CampaignMember {
  code: string;
  name: string | null;
  type: string | null;
  province: string | null;
  city: string | null;
  owner: string | null;
}

/** The customers of campaign `id`, by customer code; at most `limit` (default all). */
export async function campaignMembers(
  handle: DbHandle,
  id: number,
  limit?: number,
  scope?: CustomerScope,
): Promise<CampaignMember[]> {
  let query = handle.db
    .selectFrom("campaign_members as cm")
    .innerJoin("customers as c", "c.id", "cm.customer_id")
    .select(["c.code", "c.name", "c.type", "c.province", "c.city", "c.owner"])
    .where("cm.campaign_id", "=", id)
    .orderBy("c.code");
  if (scope !== undefined) query = query.where(visibleCustomer(scope, "cm.customer_id"));
  if (limit !== undefined) query = query.limit(limit);
  return query.execute();
}

/** Marks a campaign done, like a task: its occasion (segment and period) gets no new campaign. */
export async function completeCampaign(handle: DbHandle, id: number, by?: string): Promise<CampaignView> {
  const [before] = await listCampaigns(handle, { id, status: "all" });
  if (!before) throw new GradeError("TASK_UNKNOWN", { id });
  if (before.status !== "done") {
    await handle.db
      .updateTable("campaigns")
      .set({ status: "done", done_at: new Date(), done_by: by ?? null })
      .where("id", "=", id)
      .execute();
  }
  const [campaign] = await listCampaigns(handle, { id, status: "all" });
  return campaign!;
}
