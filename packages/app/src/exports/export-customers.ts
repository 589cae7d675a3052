/**
 * The customer list as a file: every customer the list's filters, search and sort select (the
 * workbench's 客户 page, all pages of it), with the columns the list shows and the customer's
 * master data. Built on listCustomers, so the file holds exactly the customers the list counts,
 * in its order, with personal fields as the reader's list rights show them (masked stays masked).
 */
import { hasMessage, type Locale, type SegmentCodeKind, t as translate } from "@custra/core";
import { loadSettings } from "@custra/engine";
import {
  addPages,
  type CellValue,
  type ExportColumn,
  type ExportFormat,
  type ExportResult,
  type ExportTarget,
  inCurrency,
  openTableWriter,
} from "@custra/engine/export";
import type { AppContext } from "../context.ts";
import { type CustomerListItem, listCustomers } from "../customers/customer-list.service.ts";
import type { ListCustomersInput } from "../customers/customers.schemas.ts";
import "./export.messages.ts";

/** The list's filters, search and sort (no cursor or page size: the file holds every page). */
export type CustomerListFilter = Omit<ListCustomersInput, "cursor" | "limit">;

export interface ExportCustomersOptions {
  format: ExportFormat;
  out: ExportTarget;
  locale?: Locale;
  filter: CustomerListFilter;
  onRows?: (written: number, total: number) => void;
}

/** The list's pages as listCustomers gives them, 500 (its most) at a time, following the cursor. */
async function* listPages(ctx: AppContext, filter: CustomerListFilter, total: (n: number) => void) {
  let cursor: string | undefined;
  for (;;) {
    const page = await listCustomers(ctx, { ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
    total(page.total);
    if (page.items.length > 0) yield page.items;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

interface CustomerColumn extends ExportColumn {
  value: (customer: CustomerListItem) => CellValue;
}

function customerColumns(currency: string, locale: Locale): CustomerColumn[] {
  const t = (key: string) => translate(key, {}, locale);
  /** A segment code's name in `locale`; a code this version does not know is shown as it is. */
  const named = (kind: SegmentCodeKind, code: string | null) =>
    code === null ? null : hasMessage(`segments.${kind}.${code}`) ? t(`segments.${kind}.${code}`) : code;
  const segment = (header: string, kind: SegmentCodeKind, of: (c: CustomerListItem) => string | null) => [
    { header: t(header), kind: "text" as const, value: (c: CustomerListItem) => named(kind, of(c)) },
    {
      header: translate("export.col.codeOf", { name: t(header) }, locale),
      kind: "text" as const,
      value: of,
    },
  ];
  return [
    { header: t("export.col.code"), kind: "text", value: (c) => c.code },
    { header: t("export.col.name"), kind: "text", width: 28, value: (c) => c.name },
    { header: t("app.export.col.phone"), kind: "text", width: 14, value: (c) => c.phone },
    { header: t("export.col.industry"), kind: "text", value: (c) => c.industry },
    { header: t("export.col.province"), kind: "text", value: (c) => c.province },
    { header: t("export.col.city"), kind: "text", value: (c) => c.city },
    { header: t("export.col.owner"), kind: "text", width: 12, value: (c) => c.owner },
    { header: t("export.col.registeredOn"), kind: "date", value: (c) => c.registeredOn },
    { header: t("app.export.col.tags"), kind: "text", value: (c) => c.tags.join(", ") || null },
    { header: t("app.export.col.lastPurchase"), kind: "date", value: (c) => c.lastPurchase },
    { header: t("export.col.grade"), kind: "text", width: 8, value: (c) => c.grade },
    ...segment("export.col.valueTier", "valueTier", (c) => c.valueTier),
    ...segment("export.col.lifecycle", "lifecycle", (c) => c.lifecycleStage),
    ...segment("export.col.rfmSegment", "rfm", (c) => c.rfmSegment),
    ...segment("export.col.abcClass", "abc", (c) => c.abcClass),
    ...segment("export.col.churnWarning", "warning", (c) => c.churnWarning),
    ...segment("export.col.credit", "credit", (c) => c.creditGrade),
    {
      header: inCurrency(t("export.col.revenue"), currency, locale),
      kind: "money",
      value: (c) => c.revenue,
    },
    { header: inCurrency(t("export.col.clv"), currency, locale), kind: "money", value: (c) => c.clv },
    { header: t("export.col.churnRisk"), kind: "probability", value: (c) => c.churnRisk },
    { header: t("export.col.pAlive"), kind: "probability", value: (c) => c.pAlive },
  ];
}

/** Writes the filtered customer list to `out`. */
export async function exportCustomers(
  ctx: AppContext,
  options: ExportCustomersOptions,
): Promise<ExportResult> {
  const settings = await loadSettings(ctx.handle);
  const locale = options.locale ?? settings.locale;
  const columns = customerColumns(settings.currency, locale);
  const writer = await openTableWriter(
    options.format,
    options.out,
    columns,
    translate("app.export.sheet.customers", {}, locale),
    { currency: settings.currency, locale },
  );
  let rows = 0;
  try {
    let total = 0;
    rows = await addPages(
      writer,
      listPages(ctx, options.filter, (n) => {
        total = n;
      }),
      (customer) => columns.map((column) => column.value(customer)),
      (added) => options.onRows?.(added, total),
    );
    await writer.close();
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
  return { kind: "customers", format: options.format, out: writer.path, rows };
}
