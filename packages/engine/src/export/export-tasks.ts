/**
 * `custra export tasks`: the tasks that `tasks list` would show (same filters, but every one of
 * them, not a screenful), as a table to plan, assign or report the work in a spreadsheet. The
 * reason is in words (money in the company's currency) beside its stable code. Rows are in task
 * number order, so two exports of the same tasks line up.
 */
import { type Locale, strategyLabel, t as translate } from "@custra/core";
import { ALL_CUSTOMERS, type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { checkDate } from "../grade/pins.ts";
import { loadSettings } from "../settings/settings.ts";
import { taskReasonTexts } from "../tasks/reason-writer.ts";
import { selectTasks, type TaskFilter, type TaskView, taskView } from "../tasks/tasks.ts";
import type { ExportResult } from "./export-result.ts";
import {
  addPages,
  type CellValue,
  type ExportColumn,
  type ExportFormat,
  type ExportTarget,
  openTableWriter,
} from "./writers.ts";

export interface ExportTasksOptions extends Omit<TaskFilter, "id" | "limit"> {
  format: ExportFormat;
  out: ExportTarget;
  /** The customers whose tasks are written; every customer by default. */
  scope?: CustomerScope;
  /** The language of the headers and labels; default the company's locale setting. */
  locale?: Locale;
  /** Rows read from the database at a time (default 50 000). */
  pageSize?: number;
  onRows?: (written: number, total: number) => void;
}

/** The filtered tasks, a page at a time by task id after the last one seen (keyset pagination). */
async function* taskPages(handle: DbHandle, filter: ExportTasksOptions, pageSize: number) {
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    let query = scopedTasks(handle, filter);
    if (after !== Number.NEGATIVE_INFINITY) query = query.where("t.id", ">", after);
    const rows = (await query.orderBy("t.id").limit(pageSize).execute()).map(taskView);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

interface TaskColumn extends ExportColumn {
  value: (task: TaskView) => CellValue;
}

/** 'YYYY-MM-DD' of a time stamp (UTC, as stored); empty when there is none. */
const day = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString().slice(0, 10);

/** The tasks the filter selects, of the customers in the filter's scope only. */
function scopedTasks(handle: DbHandle, filter: ExportTasksOptions) {
  return selectTasks(handle, filter).where(visibleCustomer(filter.scope ?? ALL_CUSTOMERS, "t.customer_id"));
}

function taskColumns(reasonOf: (task: TaskView) => string, locale: Locale): TaskColumn[] {
  const t = (key: string, params: Record<string, string> = {}) => translate(key, params, locale);
  return [
    { header: t("export.col.taskId"), kind: "integer", value: (task) => task.id },
    {
      header: t("export.col.taskKind"),
      kind: "text",
      value: (task) => strategyLabel("kind", task.kind, locale),
    },
    {
      header: t("export.col.codeOf", { name: t("export.col.taskKind") }),
      kind: "text",
      value: (task) => task.kind,
    },
    { header: t("export.col.code"), kind: "text", value: (task) => task.customerCode },
    { header: t("export.col.name"), kind: "text", width: 28, value: (task) => task.customerName },
    {
      header: t("export.col.owner"),
      kind: "text",
      width: 12,
      // No owner: the task waits in the team pool, named as tasks list names it.
      value: (task) => task.owner ?? strategyLabel("ownerRule", "pool", locale),
    },
    { header: t("export.col.dueOn"), kind: "date", value: (task) => task.dueOn },
    {
      header: t("export.col.priority"),
      kind: "text",
      width: 8,
      value: (task) => strategyLabel("priority", task.priority, locale),
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
      value: (task) => t(task.status === "done" ? "export.status.done" : "export.status.open"),
    },
    { header: t("export.col.createdOn"), kind: "date", value: (task) => day(task.createdAt) },
    { header: t("export.col.doneOn"), kind: "date", value: (task) => day(task.doneAt) },
    { header: t("export.col.doneBy"), kind: "text", width: 12, value: (task) => task.doneBy },
  ];
}

/** Writes every task the filter selects (open ones unless told) to `out`. */
export async function exportTasks(handle: DbHandle, options: ExportTasksOptions): Promise<ExportResult> {
  if (options.due !== undefined) checkDate("due", options.due);
  const locale = options.locale ?? (await loadSettings(handle)).locale;
  // The reason in the same words as everything else that shows tasks, in the export's language.
  const words = await taskReasonTexts(handle);
  const columns = taskColumns((task) => words(task, locale), locale);
  const writer = await openTableWriter(
    options.format,
    options.out,
    columns,
    translate("export.sheet.tasks", {}, locale),
    { locale },
  );
  let rows = 0;
  try {
    const counted = await scopedTasks(handle, options)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);
    rows = await addPages(
      writer,
      taskPages(handle, options, options.pageSize ?? 50_000),
      (task) => columns.map((column) => column.value(task)),
      (added) => options.onRows?.(added, total),
    );
    await writer.close();
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
  return { kind: "tasks", format: options.format, out: writer.path, rows };
}
