/**
 * `custra export summary`: the per-customer model input (frequency, recency, T, monetary value)
 * for other tools, computed fresh as of a date. The columns are named as lifetimes'
 * `summary_data_from_transaction_data` names them, so the file loads straight into lifetimes,
 * PyMC-Marketing (`customer_id` is its required id column) or R's BTYD (rename to x, t.x, T.cal).
 */
import { type Locale, t } from "@custra/core";
import { type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { customerSummary, dayToIso, lastOrderDate, type TimeUnit } from "../analyze/summary.ts";
import { loadSettings } from "../settings/settings.ts";
import { ExportError } from "./errors.ts";
import type { ExportResult } from "./export-result.ts";
import { type ExportColumn, type ExportFormat, type ExportTarget, openTableWriter } from "./writers.ts";

export interface ExportSummaryOptions {
  format: ExportFormat;
  out: ExportTarget;
  /** The customers whose rows are written; every customer by default. */
  scope?: CustomerScope;
  /** The language of the sheet's name (the column names are other programs' and never translated). */
  locale?: Locale;
  /** Last day of data; by default the date of the last completed order. */
  asOf?: string;
  /** Unit of recency and T (default week, as in the literature). */
  timeUnit?: TimeUnit;
  onRows?: (written: number, total: number) => void;
}

/**
 * Other programs read these names, so they are never translated. monetary_value keeps its full
 * precision (it is a mean, and Gamma-Gamma is fitted on it), Excel shows it with two decimals.
 */
const SUMMARY_COLUMNS: readonly ExportColumn[] = [
  { header: "customer_id", kind: "text" },
  { header: "frequency", kind: "integer" },
  { header: "recency", kind: "number", digits: 4 },
  { header: "T", kind: "number", digits: 4 },
  { header: "monetary_value", kind: "number", digits: 2 },
  { header: "first_purchase", kind: "date" },
  { header: "last_purchase", kind: "date" },
];

/** Writes the model input of every customer with a purchase by the as-of date, in customer order. */
export async function exportSummary(handle: DbHandle, options: ExportSummaryOptions): Promise<ExportResult> {
  const timeUnit = options.timeUnit ?? "week";
  const asOf = options.asOf ?? (await lastOrderDate(handle));
  if (!asOf) throw new ExportError("EXPORT_NO_ORDERS");
  const locale = options.locale ?? (await loadSettings(handle)).locale;
  // Opened before the summary is computed, so an unwritable path fails at once.
  const writer = await openTableWriter(
    options.format,
    options.out,
    SUMMARY_COLUMNS,
    t("export.sheet.summary", {}, locale),
    { locale },
  );
  let rows = 0;
  try {
    const summary = await customerSummary(handle, { asOf, timeUnit });
    // The summary is computed for every customer (its SQL is the analysis's); a limited scope
    // keeps only the rows of the customers it sees, and counts only those.
    const visible =
      options.scope === undefined || options.scope.kind === "all"
        ? undefined
        : new Set(
            (
              await handle.db
                .selectFrom("customers")
                .select("code")
                .where(visibleCustomer(options.scope, "customers.id"))
                .execute()
            ).map((row) => row.code),
          );
    const wanted = (i: number) =>
      // Customers without a purchase by the as-of date have no (x, t_x, T): the models leave them out.
      !Number.isNaN(summary.x[i]!) && (visible === undefined || visible.has(summary.code[i]!));
    let buyers = 0;
    for (let i = 0; i < summary.count; i++) if (wanted(i)) buyers++;
    for (let i = 0; i < summary.count; i++) {
      if (!wanted(i)) continue;
      writer.add([
        summary.code[i]!,
        summary.x[i]!,
        summary.tx[i]!,
        summary.T[i]!,
        summary.monetary[i]!,
        dayToIso(summary.firstPurchaseDay[i]!),
        dayToIso(summary.lastPurchaseDay[i]!),
      ]);
      if (++rows % 5000 === 0) {
        await writer.flush();
        if (rows % 50_000 === 0) options.onRows?.(rows, buyers);
      }
    }
    await writer.flush();
    options.onRows?.(rows, buyers);
    await writer.close();
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
  return { kind: "summary", format: options.format, out: writer.path, rows, asOf, timeUnit };
}
