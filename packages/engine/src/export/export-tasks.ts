/**
 * `custra export tasks`: the tasks that `tasks list` would show (same filters, but every one of
 * them, not a screenful), as a table to plan, assign or report the work in a spreadsheet. The
 * reason is in words (money in the company's currency) beside its stable code. Rows are in task
 * number order, so two exports of the same tasks line up.
 */
import { strategyLabel, TASK_PRIORITIES, type TaskKind, type TaskReason, t } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";
import { checkDate } from "../grade/pins.ts";
import { taskReasonWriter } from "../tasks/reason-writer.ts";
import type { TaskFilter } from "../tasks/tasks.ts";
import type { ExportResult } from "./export-result.ts";
import { type CellValue, type ExportColumn, type ExportFormat, openTableWriter } from "./writers.ts";

export interface ExportTasksOptions extends Omit<TaskFilter, "id" | "limit"> {
  format: ExportFormat;
  out: string;
  /** Rows read from the database at a time (default 50 000). */
  pageSize?: number;
  onRows?: (written: number, total: number) => void;
}

/** The filtered tasks, a page at a time by task id after the last one seen (keyset pagination). */
function filtered(handle: DbHandle, filter: ExportTasksOptions) {
  let query = handle.db.selectFrom("tasks as t").innerJoin("customers as c", "c.id", "t.customer_id");
  const status = filter.status ?? "open";
  if (status !== "all") query = query.where("t.status", "=", status);
  if (filter.owner !== undefined) query = query.where("t.owner", "=", filter.owner);
  if (filter.due !== undefined) query = query.where("t.due_on", "<=", filter.due);
  if (filter.kind !== undefined) query = query.where("t.kind", "=", filter.kind);
  if (filter.customerCode !== undefined) query = query.where("c.code", "=", filter.customerCode);
  return query;
}

async function* taskPages(handle: DbHandle, filter: ExportTasksOptions, pageSize: number) {
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    let query = filtered(handle, filter).select([
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
    if (after !== Number.NEGATIVE_INFINITY) query = query.where("t.id", ">", after);
    const rows = await query.orderBy("t.id").limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

type TaskRow = (ReturnType<typeof taskPages> extends AsyncGenerator<infer P> ? P : never)[number];

/** A task row with its JSON columns parsed (text on one engine, parsed already on the other). */
interface ParsedTask {
  row: TaskRow;
  reason: TaskReason;
  details: Record<string, unknown> | null;
}

interface TaskColumn extends ExportColumn {
  value: (task: ParsedTask) => CellValue;
}

const json = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

/** 'YYYY-MM-DD' of a time stamp (UTC, as stored); empty when there is none. */
const day = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString().slice(0, 10);

function taskColumns(reasonOf: (task: ParsedTask) => string): TaskColumn[] {
  const priority = (task: ParsedTask) => TASK_PRIORITIES[Number(task.row.priority)] ?? "normal";
  return [
    { header: t("export.col.taskId"), kind: "integer", value: ({ row }) => Number(row.id) },
    {
      header: t("export.col.taskKind"),
      kind: "text",
      value: ({ row }) => strategyLabel("kind", row.kind as TaskKind),
    },
    {
      header: t("export.col.codeOf", { name: t("export.col.taskKind") }),
      kind: "text",
      value: ({ row }) => row.kind,
    },
    { header: t("export.col.code"), kind: "text", value: ({ row }) => row.code },
    { header: t("export.col.name"), kind: "text", width: 28, value: ({ row }) => row.name },
    {
      header: t("export.col.owner"),
      kind: "text",
      width: 12,
      // No owner: the task waits in the team pool, named as tasks list names it.
      value: ({ row }) => row.owner ?? strategyLabel("ownerRule", "pool"),
    },
    { header: t("export.col.dueOn"), kind: "date", value: ({ row }) => row.due_on },
    {
      header: t("export.col.priority"),
      kind: "text",
      width: 8,
      value: (task) => strategyLabel("priority", priority(task)),
    },
    { header: t("export.col.reason"), kind: "text", width: 48, value: reasonOf },
    {
      header: t("export.col.codeOf", { name: t("export.col.reason") }),
      kind: "text",
      value: (task) => task.reason.code,
    },
    {
      header: t("export.col.playbook"),
      kind: "text",
      value: ({ details }) => (typeof details?.playbook === "string" ? details.playbook : null),
    },
    {
      header: t("export.col.status"),
      kind: "text",
      width: 8,
      value: ({ row }) => t(row.status === "done" ? "export.status.done" : "export.status.open"),
    },
    { header: t("export.col.createdOn"), kind: "date", value: ({ row }) => day(row.created_at) },
    { header: t("export.col.doneOn"), kind: "date", value: ({ row }) => day(row.done_at) },
    { header: t("export.col.doneBy"), kind: "text", width: 12, value: ({ row }) => row.done_by },
  ];
}

/** Writes every task the filter selects (open ones unless told) to `out`. */
export async function exportTasks(handle: DbHandle, options: ExportTasksOptions): Promise<ExportResult> {
  if (options.due !== undefined) checkDate("due", options.due);
  const words = await taskReasonWriter(handle);
  const columns = taskColumns((task) => words(task));
  const writer = await openTableWriter(options.format, options.out, columns, t("export.sheet.tasks"));
  let rows = 0;
  try {
    const counted = await filtered(handle, options)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);
    for await (const page of taskPages(handle, options, options.pageSize ?? 50_000)) {
      for (const row of page) {
        const task: ParsedTask = {
          row,
          reason: json(row.reason) as TaskReason,
          details: json(row.details) as Record<string, unknown> | null,
        };
        writer.add(columns.map((column) => column.value(task)));
        if (++rows % 5000 === 0) await writer.flush();
      }
      await writer.flush();
      options.onRows?.(rows, total);
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { kind: "tasks", format: options.format, out: writer.path, rows };
}
