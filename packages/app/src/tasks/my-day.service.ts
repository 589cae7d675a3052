/**
 * 工作台 / My day: what a salesperson has to do today and whom they are losing touch with — their
 * open tasks overdue, due today and later this week (by kind), their customers not contacted for
 * 7 / 15 / 30 / 90 / 180 days, the churn warnings the latest analysis raised on their customers,
 * and the care (birthdays, festivals) coming up. For a reader who sees other owners' customers (a
 * manager, an admin), the same counts per owner of their team. Everything within the reader's
 * data scope.
 */

import { addDays } from "@custra/core";
import { visibleCustomer } from "@custra/db";
import { listTasks as listEngineTasks, type TaskView } from "@custra/engine";
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { companyToday } from "../access/actor.service.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import { type MyDayInput, myDaySchema } from "./tasks.schemas.ts";

/** "Not contacted for" thresholds, in days. */
export const UNCONTACTED_DAYS = [7, 15, 30, 90, 180] as const;

/** How far ahead the care coming up is shown. */
const CARE_AHEAD_DAYS = 30;
/** Most warned customers listed (the count covers all). */
const WARNINGS_LISTED = 20;
/** Most owners in the team table. */
const TEAM_LIMIT = 200;

export interface TaskCounts {
  overdue: number;
  dueToday: number;
  /** Due after today, up to the end of the week (Sunday). */
  dueThisWeek: number;
}

export interface OwnerDay {
  owner: string;
  /** The user's display name; null for an owner who is no user. */
  name: string | null;
  tasks: TaskCounts;
  byKind: (TaskCounts & { kind: string })[];
  /** Customers whose last interaction (or registration, without one) is at least `days` old. */
  uncontacted: { days: number; customers: number }[];
  /** Customers whose churn warning is raised in the latest run and was not in the run before. */
  newChurnWarnings: number;
}

export interface WarnedCustomer {
  code: string;
  name: string | null;
  owner: string | null;
  level: string;
  risk: number | null;
  /** Reason codes (core churn reasons), to render in the reader's language. */
  reasons: string[];
}

export interface MyDay {
  today: string;
  weekEnd: string;
  /** The reader's own day; null for the local operator, who owns nothing. */
  mine: OwnerDay | null;
  /** The reader's open care tasks due from today on, for the next 30 days. */
  care: TaskView[];
  /** The reader's customers' new churn warnings, the highest risk first. */
  churnWarnings: { total: number; customers: WarnedCustomer[] };
  /** Per owner of the customers the reader sees, when that is more than their own; else null. */
  team: OwnerDay[] | null;
}

export async function myDay(ctx: AppContext, input: MyDayInput | unknown = {}): Promise<MyDay> {
  requirePermission(ctx.actor, "read");
  const request = parseInput(myDaySchema, input ?? {});
  const today = request.today ?? (await companyToday(ctx.handle));
  // Kept per data version, as the customer list (a cold day is a pass over the reader's customers).
  const key = `tasks.my-day ${JSON.stringify([today, ctx.actor.username, ctx.actor.scope])}`;
  return cachedRead(ctx.handle, "page", key, () => readDay(ctx, today));
}

async function readDay(ctx: AppContext, today: string): Promise<MyDay> {
  const weekEnd = addDays(today, 6 - ((dayOfWeek(today) + 6) % 7)); // the Sunday of this week
  const me = ctx.actor.username;
  const scope = ctx.actor.scope;
  const seesOthers = scope.kind === "all" || scope.owners.some((owner) => owner !== me);
  // The owners counted: the reader alone, or everyone whose customers they see.
  const owners = seesOthers ? (scope.kind === "all" ? undefined : scope.owners) : me === null ? [] : [me];
  const days = await ownerDays(ctx, { today, weekEnd, owners });
  const mine = me === null ? null : (days.get(me) ?? emptyDay(me, null));
  const [care, churnWarnings] =
    me === null
      ? [[], { total: 0, customers: [] }]
      : await Promise.all([
          careAhead(ctx, me, today),
          warnedCustomers(ctx, { owner: me, listed: WARNINGS_LISTED }).then(({ total, customers }) => ({
            total,
            customers,
          })),
        ]);
  const team = seesOthers
    ? [...days.values()]
        .sort((a, b) => b.tasks.overdue - a.tasks.overdue || a.owner.localeCompare(b.owner))
        .slice(0, TEAM_LIMIT)
    : null;
  return { today, weekEnd, mine, care, churnWarnings, team };
}

/** Each owner's counts, for the owners given (all owners when undefined), within the scope. */
async function ownerDays(
  ctx: AppContext,
  { today, weekEnd, owners }: { today: string; weekEnd: string; owners: readonly string[] | undefined },
): Promise<Map<string, OwnerDay>> {
  const db = ctx.handle.read;
  const scope = ctx.actor.scope;
  const double = sql.raw(ctx.handle.sqlTypes.double);
  if (owners?.length === 0) return new Map();
  const ownerIs = (column: string): Expression<SqlBool> =>
    owners === undefined
      ? sql<SqlBool>`${sql.ref(column)} IS NOT NULL`
      : sql<SqlBool>`${sql.ref(column)} IN (${sql.join(owners)})`;
  const day = (value: string) => sql`CAST(${value} AS DATE)`;
  const count = (condition: RawBuilder<unknown>) =>
    sql`CAST(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${double})`;

  const { rows: taskRows } = await sql<{ owner: string; kind: string } & Record<keyof TaskCounts, number>>`
    SELECT t.owner, t.kind,
           ${count(sql`t.due_on < ${day(today)}`)} AS "overdue",
           ${count(sql`t.due_on = ${day(today)}`)} AS "dueToday",
           ${count(sql`t.due_on > ${day(today)}`)} AS "dueThisWeek"
    FROM tasks t
    WHERE t.status = 'open' AND t.due_on <= ${day(weekEnd)} AND ${ownerIs("t.owner")}
      AND ${visibleCustomer(scope, "t.customer_id")}
    GROUP BY t.owner, t.kind`.execute(db);

  const since = UNCONTACTED_DAYS.map((days) => addDays(today, -days));
  const { rows: contactRows } = await sql<{ owner: string } & Record<string, number>>`
    SELECT c.owner,
           ${sql.join(
             since.map(
               (from, k) =>
                 sql`${count(sql`COALESCE(i.last_contact, CAST(c.registered_on AS TIMESTAMP)) IS NULL
                   OR COALESCE(i.last_contact, CAST(c.registered_on AS TIMESTAMP)) < CAST(${from} AS TIMESTAMP)`)} AS ${sql.ref(`d${k}`)}`,
             ),
           )}
    FROM customers c
    LEFT JOIN (
      SELECT customer_id, MAX(occurred_at) AS last_contact FROM interactions
      WHERE occurred_at < CAST(${addDays(today, 1)} AS TIMESTAMP) GROUP BY customer_id
    ) i ON i.customer_id = c.id
    WHERE ${ownerIs("c.owner")} AND ${visibleCustomer(scope, "c.id", "read", { ownerColumn: "c.owner" })}
    GROUP BY c.owner`.execute(db);

  const warnings = await warnedCustomers(ctx, { owners, listed: 0 });

  const days = new Map<string, OwnerDay>();
  const dayOf = (owner: string) => {
    let entry = days.get(owner);
    if (!entry) {
      entry = emptyDay(owner, null);
      days.set(owner, entry);
    }
    return entry;
  };
  for (const row of taskRows) {
    const entry = dayOf(row.owner);
    const counts = {
      overdue: Number(row.overdue),
      dueToday: Number(row.dueToday),
      dueThisWeek: Number(row.dueThisWeek),
    };
    entry.byKind.push({ kind: row.kind, ...counts });
    entry.tasks.overdue += counts.overdue;
    entry.tasks.dueToday += counts.dueToday;
    entry.tasks.dueThisWeek += counts.dueThisWeek;
  }
  for (const row of contactRows) {
    dayOf(row.owner).uncontacted = UNCONTACTED_DAYS.map((days, k) => ({
      days,
      customers: Number(row[`d${k}`]),
    }));
  }
  for (const [owner, count] of warnings.perOwner) dayOf(owner).newChurnWarnings = count;
  for (const entry of days.values()) entry.byKind.sort((a, b) => a.kind.localeCompare(b.kind));

  const users = await db
    .selectFrom("users")
    .select(["username", "display_name"])
    .where("username", "in", [...days.keys(), ""])
    .execute();
  for (const user of users) {
    const entry = days.get(user.username);
    if (entry) entry.name = user.display_name;
  }
  return days;
}

function emptyDay(owner: string, name: string | null): OwnerDay {
  return {
    owner,
    name,
    tasks: { overdue: 0, dueToday: 0, dueThisWeek: 0 },
    byKind: [],
    uncontacted: UNCONTACTED_DAYS.map((days) => ({ days, customers: 0 })),
    newChurnWarnings: 0,
  };
}

/** The owner's open care tasks due in the next 30 days. */
async function careAhead(ctx: AppContext, owner: string, today: string): Promise<TaskView[]> {
  const tasks = await listEngineTasks(ctx.handle, {
    owners: [owner],
    kind: "care",
    status: "open",
    due: addDays(today, CARE_AHEAD_DAYS),
    scope: ctx.actor.scope,
    limit: 100,
  });
  return tasks.filter((task) => task.dueOn >= today).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/**
 * Customers (of `owner`, or of `owners`, all when undefined) whose churn warning the latest run
 * raised (warning or critical) and the run before did not: their number per owner, the total, and
 * the `listed` highest risks.
 */
async function warnedCustomers(
  ctx: AppContext,
  request: { owner?: string; owners?: readonly string[] | undefined; listed: number },
): Promise<{ total: number; customers: WarnedCustomer[]; perOwner: Map<string, number> }> {
  const db = ctx.handle.read;
  const runs = await db.selectFrom("analysis_runs").select("id").orderBy("id", "desc").limit(2).execute();
  const none = { total: 0, customers: [], perOwner: new Map<string, number>() };
  if (runs.length === 0) return none;
  const owners = request.owner === undefined ? request.owners : [request.owner];
  if (owners?.length === 0) return none;
  const latest = Number(runs[0]!.id);
  const before = runs[1] ? Number(runs[1].id) : -1;
  const raised = sql`('warning', 'critical')`;
  const where = sql<SqlBool>`s.run_id = ${latest} AND s.churn_warning IN ${raised}
      AND (p.churn_warning IS NULL OR p.churn_warning NOT IN ${raised})
      AND ${owners === undefined ? sql`c.owner IS NOT NULL` : sql`c.owner IN (${sql.join(owners)})`}
      AND ${visibleCustomer(ctx.actor.scope, "s.customer_id")}`;
  const from = sql`FROM customer_scores s
      JOIN customers c ON c.id = s.customer_id
      LEFT JOIN customer_scores p ON p.run_id = ${before} AND p.customer_id = s.customer_id`;
  const { rows: counted } = await sql<{ owner: string; customers: number }>`
    SELECT c.owner, CAST(COUNT(*) AS ${sql.raw(ctx.handle.sqlTypes.double)}) AS customers ${from}
    WHERE ${where} GROUP BY c.owner`.execute(db);
  const perOwner = new Map(counted.map((row) => [row.owner, Number(row.customers)]));
  const total = [...perOwner.values()].reduce((sum, n) => sum + n, 0);
  if (request.listed === 0) return { total, customers: [], perOwner };
  const { rows } = await sql<{
    code: string;
    name: string | null;
    owner: string | null;
    level: string;
    risk: number | null;
    reasons: unknown;
  }>`
    SELECT c.code, c.name, c.owner, s.churn_warning AS level, s.churn_risk AS risk, s.churn_reasons AS reasons
    ${from} WHERE ${where}
    ORDER BY s.churn_risk DESC, c.code LIMIT ${request.listed}`.execute(db);
  return {
    total,
    perOwner,
    customers: rows.map((row) => ({
      code: row.code,
      name: row.name,
      owner: row.owner,
      level: row.level,
      risk: row.risk === null ? null : Number(row.risk),
      reasons: reasonList(row.reasons),
    })),
  };
}

function reasonList(value: unknown): string[] {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

/** 0 = Sunday … 6 = Saturday. */
function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}
