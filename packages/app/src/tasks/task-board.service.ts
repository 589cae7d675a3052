/**
 * The task board: the tasks of the customers the reader may see, by kind, owner (or the team
 * pool), status, due days and priority, as a server-side list (cursor pages and the total) in the
 * order work is done: earliest due first, the most urgent first within a day. The filters go into
 * the page and the count alike, so a task out of scope is neither listed nor counted.
 */
import { TASK_PRIORITIES } from "@custra/core";
import { visibleCustomer } from "@custra/db";
import { type TaskView, taskView } from "@custra/engine";
import { type Expression, type SqlBool, sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { type Page, readCountedPage } from "../records/records-page.ts";
import { type TaskBoardInput, taskBoardSchema } from "./tasks.schemas.ts";

type TaskRow = Parameters<typeof taskView>[0];

export async function taskBoard(
  ctx: AppContext,
  input: TaskBoardInput | unknown = {},
): Promise<Page<TaskView>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(taskBoardSchema, input ?? {});
  const status = query.status ?? "open";
  const conditions: Expression<SqlBool>[] = [visibleCustomer(ctx.actor.scope, "t.customer_id")];
  if (status !== "all") conditions.push(sql<SqlBool>`t.status = ${status}`);
  if (query.kind !== undefined) conditions.push(sql<SqlBool>`t.kind = ${query.kind}`);
  if (query.owner !== undefined) conditions.push(sql<SqlBool>`t.owner = ${query.owner}`);
  if (query.pool === true) conditions.push(sql<SqlBool>`t.owner IS NULL`);
  if (query.pool === false) conditions.push(sql<SqlBool>`t.owner IS NOT NULL`);
  if (query.dueFrom !== undefined) conditions.push(sql<SqlBool>`t.due_on >= CAST(${query.dueFrom} AS DATE)`);
  if (query.dueTo !== undefined) conditions.push(sql<SqlBool>`t.due_on <= CAST(${query.dueTo} AS DATE)`);
  if (query.priority !== undefined)
    conditions.push(sql<SqlBool>`t.priority = ${TASK_PRIORITIES.indexOf(query.priority)}`);
  const { rows, total, nextCursor } = await readCountedPage<TaskRow>(ctx.handle.read, {
    from: sql`FROM tasks t JOIN customers c ON c.id = t.customer_id`,
    columns: sql`t.id, t.kind, c.code, c.name, t.owner, CAST(t.due_on AS TEXT) AS due_on, t.priority,
                 t.reason, t.details, t.status, t.created_at, t.done_at, t.done_by`,
    conditions,
    // Due day, then priority (0 = urgent … 3 = low, one digit): one text key that sorts as both.
    key: sql`CAST(t.due_on AS TEXT) || '|' || CAST(t.priority AS TEXT)`,
    keyKind: "text",
    id: "t.id",
    descending: false,
    limit: query.limit,
    cursor: query.cursor,
    double: ctx.handle.sqlTypes.double,
  });
  return { items: rows.map(taskView), total, nextCursor };
}
