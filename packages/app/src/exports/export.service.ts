/**
 * Exports for Excel, BI and other tools: CSV (with a byte order mark, so Excel reads the Chinese
 * right) or XLSX, to a file or to a stream. Only the customers the actor may see are exported:
 * each kind's query is limited by the actor's scope, and so are the counts it reports.
 */
import type { Writable } from "node:stream";
import {
  type ExportResult,
  exportGrades,
  exportScores,
  exportSummary,
  exportTasks,
} from "@custra/engine/export";
import { audit } from "../access/audit.ts";
import { forbidden } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { exportCustomers } from "./export-customers.ts";
import "./export.messages.ts";
import { exportSchema } from "./export.schemas.ts";

export interface ExportOutput {
  /** Write to this stream instead of the input's `out` file; it is ended when the export is complete. */
  stream?: Writable;
  /** Hears after each page the rows written so far and the rows to write. */
  onRows?: (written: number, total: number) => void;
}

/** Writes the export the input asks for; the result says what was written (`out` is null for a stream). */
export async function exportData(
  ctx: AppContext,
  input: unknown,
  output: ExportOutput = {},
): Promise<ExportResult> {
  const parsed = parseInput(exportSchema, input);
  if (!ctx.actor.permissions.has("export")) throw forbidden("export");
  const out = output.stream ?? parsed.out;
  if (out === undefined)
    throw new AppError("APP_INVALID_INPUT", { issues: [{ key: "app.export.noTarget" }] });
  const common = {
    format: parsed.format,
    out,
    scope: ctx.actor.scope,
    ...(parsed.locale ? { locale: parsed.locale } : {}),
    onRows: output.onRows,
  };
  const result =
    parsed.kind === "customers"
      ? await exportCustomers(ctx, {
          format: parsed.format,
          out,
          ...(parsed.locale ? { locale: parsed.locale } : {}),
          filter: customerFilter(parsed),
          onRows: output.onRows,
        })
      : await write(ctx, parsed, common);
  // Exports are audited with their filter and row count (DESIGN.md §8); the file's path is no filter.
  const { out: _out, ...filter } = parsed;
  await audit(ctx.handle.db, ctx.actor, {
    action: "data.export",
    entity: "export",
    details: { ...filter, rows: result.rows },
  });
  return result;
}

type Parsed = ReturnType<typeof exportSchema.parse>;

/** The customer list's filters of a customers export: the input without what says where and how to write. */
function customerFilter(parsed: Extract<Parsed, { kind: "customers" }>) {
  const { kind: _kind, format: _format, out: _out, locale: _locale, ...filter } = parsed;
  return filter;
}

function write(
  ctx: AppContext,
  parsed: Exclude<Parsed, { kind: "customers" }>,
  common: Parameters<typeof exportScores>[1],
): Promise<ExportResult> {
  switch (parsed.kind) {
    case "scores":
      return exportScores(ctx.handle, { ...common, runId: parsed.runId });
    case "summary":
      return exportSummary(ctx.handle, { ...common, asOf: parsed.asOf, timeUnit: parsed.timeUnit });
    case "grades":
      return exportGrades(ctx.handle, { ...common, scheme: parsed.scheme, gradeRunId: parsed.gradeRunId });
    case "tasks":
      return exportTasks(ctx.handle, {
        ...common,
        owner: parsed.owner,
        due: parsed.due,
        kind: parsed.taskKind,
        status: parsed.status,
        customerCode: parsed.customerCode,
      });
  }
}
