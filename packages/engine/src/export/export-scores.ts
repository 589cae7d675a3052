/**
 * `custra export scores`: every customer's scores of one analysis run, with the customer's
 * master data, as a table for analysts. Segment codes come with their names: the names are for
 * people, the stable codes for filters, formulas and other programs.
 */
import { hasMessage, type Locale, type SegmentCodeKind, t as translate } from "@custra/core";
import { ALL_CUSTOMERS, type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { loadSettings } from "../settings/settings.ts";
import { ExportError } from "./errors.ts";
import type { ExportResult } from "./export-result.ts";
import { inCurrency as withCurrency } from "./headers.ts";
import {
  addPages,
  type CellValue,
  type ExportColumn,
  type ExportFormat,
  type ExportTarget,
  openTableWriter,
} from "./writers.ts";

export interface ExportScoresOptions {
  format: ExportFormat;
  out: ExportTarget;
  /** The customers whose rows are written; every customer by default. */
  scope?: CustomerScope;
  /** The language of the headers and names; default the company's locale setting. */
  locale?: Locale;
  /** The analysis run; by default the latest. */
  runId?: number;
  /** ISO 4217 code the amounts are in, named in the money headers; default the company's currency setting. */
  currency?: string;
  /** Rows read from the database at a time (default 50 000). */
  pageSize?: number;
  /** Called after each page with the rows written so far and the rows to write. */
  onRows?: (written: number, total: number) => void;
}

interface RunRow {
  id: number;
  as_of: string;
  time_unit: string;
  horizon: number;
  customers: number;
}

/** The run to export: the one asked for, else the latest; an error that says what to do when there is none. */
async function findRun(handle: DbHandle, runId: number | undefined): Promise<RunRow> {
  const columns = ["id", "as_of", "time_unit", "horizon", "customers"] as const;
  const latest = await handle.db
    .selectFrom("analysis_runs")
    .select(columns)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) throw new ExportError("EXPORT_NO_ANALYSIS");
  if (runId === undefined || runId === Number(latest.id)) return latest;
  const run = await handle.db
    .selectFrom("analysis_runs")
    .select(columns)
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!run) throw new ExportError("EXPORT_RUN_NOT_FOUND", { run: runId, latest: latest.id });
  return run;
}

/** A code's name in `locale`; a code this version does not know is shown as it is. */
function named(kind: SegmentCodeKind, code: string | null, locale: Locale): string | null {
  if (code === null) return null;
  const key = `segments.${kind}.${code}`;
  return hasMessage(key) ? translate(key, {}, locale) : code;
}

function customerType(type: string | null, locale: Locale): string | null {
  if (type === null) return null;
  return hasMessage(`export.customerType.${type}`)
    ? translate(`export.customerType.${type}`, {}, locale)
    : type;
}

const SCORE_FIELDS = [
  "s.customer_id",
  "c.code",
  "c.name",
  "c.type",
  "c.owner",
  "c.industry",
  "c.province",
  "c.city",
  "c.registered_on",
  "s.orders",
  "s.revenue",
  "s.revenue_12m",
  "s.margin",
  "s.recency_days",
  "s.x",
  "s.t_x",
  "s.age",
  "s.monetary",
  "s.p_alive",
  "s.expected_purchases",
  "s.expected_spend",
  "s.clv",
  "s.profitability",
  "s.r_score",
  "s.f_score",
  "s.m_score",
  "s.rfm_segment",
  "s.rfm_class",
  "s.abc_class",
  "s.value_tier",
  "s.behaviour_status",
  "s.lifecycle_stage",
  "s.credit_grade",
  "s.credit_score",
  "s.churn_risk",
  "s.churn_warning",
  "s.churn_reasons",
  "s.nps_category",
  "s.loyalty",
] as const;

/**
 * The run's rows a page at a time, by customer id after the last one seen (keyset pagination on
 * the (run_id, customer_id) key): each page is an index range scan, unlike OFFSET, which rereads
 * every earlier row.
 */
async function* scorePages(handle: DbHandle, runId: number, pageSize: number, scope: CustomerScope) {
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    let query = handle.db
      .selectFrom("customer_scores as s")
      .innerJoin("customers as c", "c.id", "s.customer_id")
      .select(SCORE_FIELDS)
      .where("s.run_id", "=", runId)
      .where(visibleCustomer(scope, "s.customer_id"));
    if (after !== Number.NEGATIVE_INFINITY) query = query.where("s.customer_id", ">", after);
    const rows = await query.orderBy("s.customer_id").limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.customer_id);
  }
}

type ScorePage = ReturnType<typeof scorePages> extends AsyncGenerator<infer P> ? P : never;
type ScoreRow = ScorePage[number];

interface ScoreColumn extends ExportColumn {
  value: (row: ScoreRow) => CellValue;
}

/** A segment family as two columns: its name, then its stable code. */
function scoreColumns(run: RunRow, currency: string, locale: Locale): ScoreColumn[] {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(key, params, locale);
  const inCurrency = (header: string) => withCurrency(header, currency, locale);
  /** A segment family as two columns: its name, then its stable code. */
  const segment = (
    header: string,
    kind: SegmentCodeKind,
    code: (row: ScoreRow) => string | null,
  ): ScoreColumn[] => [
    { header: t(header), kind: "text", value: (row) => named(kind, code(row), locale) },
    { header: t("export.col.codeOf", { name: t(header) }), kind: "text", value: code },
  ];
  const unit = t(`export.unit.${run.time_unit === "day" ? "day" : "week"}`);
  const horizon = { horizon: run.horizon, unit };
  const reasons = (row: ScoreRow) => row.churn_reasons ?? [];
  return [
    { header: t("export.col.code"), kind: "text", value: (row) => row.code },
    { header: t("export.col.name"), kind: "text", width: 28, value: (row) => row.name },
    { header: t("export.col.type"), kind: "text", width: 10, value: (row) => customerType(row.type, locale) },
    { header: t("export.col.owner"), kind: "text", width: 12, value: (row) => row.owner },
    { header: t("export.col.industry"), kind: "text", value: (row) => row.industry },
    { header: t("export.col.province"), kind: "text", width: 10, value: (row) => row.province },
    { header: t("export.col.city"), kind: "text", width: 10, value: (row) => row.city },
    { header: t("export.col.registeredOn"), kind: "date", value: (row) => row.registered_on },
    { header: t("export.col.orders"), kind: "integer", value: (row) => row.orders },
    { header: inCurrency(t("export.col.revenue")), kind: "money", value: (row) => row.revenue },
    {
      header: inCurrency(t("export.col.revenue12m")),
      kind: "money",
      value: (row) => row.revenue_12m,
    },
    { header: inCurrency(t("export.col.margin")), kind: "money", value: (row) => row.margin },
    { header: t("export.col.recencyDays"), kind: "integer", value: (row) => row.recency_days },
    { header: t("export.col.x"), kind: "integer", value: (row) => row.x },
    { header: t("export.col.tx", { unit }), kind: "number", value: (row) => row.t_x },
    { header: t("export.col.T", { unit }), kind: "number", value: (row) => row.age },
    { header: inCurrency(t("export.col.monetary")), kind: "money", value: (row) => row.monetary },
    { header: t("export.col.pAlive"), kind: "probability", value: (row) => row.p_alive },
    {
      header: t("export.col.expectedPurchases", horizon),
      kind: "number",
      digits: 4,
      value: (row) => row.expected_purchases,
    },
    {
      header: inCurrency(t("export.col.expectedSpend")),
      kind: "money",
      value: (row) => row.expected_spend,
    },
    { header: inCurrency(t("export.col.clv", horizon)), kind: "money", value: (row) => row.clv },
    {
      header: inCurrency(t("export.col.profitability")),
      kind: "money",
      value: (row) => row.profitability,
    },
    { header: t("export.col.rScore"), kind: "integer", value: (row) => row.r_score },
    { header: t("export.col.fScore"), kind: "integer", value: (row) => row.f_score },
    { header: t("export.col.mScore"), kind: "integer", value: (row) => row.m_score },
    ...segment("export.col.rfmSegment", "rfm", (row) => row.rfm_segment),
    ...segment("export.col.rfmClass", "rfm8", (row) => row.rfm_class),
    ...segment("export.col.abcClass", "abc", (row) => row.abc_class),
    ...segment("export.col.valueTier", "valueTier", (row) => row.value_tier),
    ...segment("export.col.behaviour", "behaviour", (row) => row.behaviour_status),
    ...segment("export.col.lifecycle", "lifecycle", (row) => row.lifecycle_stage),
    ...segment("export.col.credit", "credit", (row) => row.credit_grade),
    { header: t("export.col.creditScore"), kind: "number", digits: 1, value: (row) => row.credit_score },
    { header: t("export.col.churnRisk"), kind: "probability", value: (row) => row.churn_risk },
    ...segment("export.col.churnWarning", "warning", (row) => row.churn_warning),
    {
      header: t("export.col.churnReasons"),
      kind: "text",
      width: 28,
      value: (row) =>
        reasons(row)
          .map((reason) => named("reason", reason, locale))
          .join(t("export.list.separator")) || null,
    },
    {
      header: t("export.col.codeOf", { name: t("export.col.churnReasons") }),
      kind: "text",
      width: 20,
      // Codes joined with ";" so a spreadsheet or pandas can split them back apart.
      value: (row) => reasons(row).join(";") || null,
    },
    ...segment("export.col.nps", "nps", (row) => row.nps_category),
    { header: t("export.col.loyalty"), kind: "number", digits: 1, value: (row) => row.loyalty },
  ];
}

/** Writes one analysis run's scores, one row per customer in customer order, to `out`. */
export async function exportScores(handle: DbHandle, options: ExportScoresOptions): Promise<ExportResult> {
  const run = await findRun(handle, options.runId);
  const runId = Number(run.id);
  const settings = await loadSettings(handle);
  const currency = options.currency ?? settings.currency;
  const locale = options.locale ?? settings.locale;
  const scope = options.scope ?? ALL_CUSTOMERS;
  const columns = scoreColumns(run, currency, locale);
  const writer = await openTableWriter(
    options.format,
    options.out,
    columns,
    translate("export.sheet.scores", {}, locale),
    { currency, locale },
  );
  let rows = 0;
  try {
    // A limited scope counts its own rows: the run's total would tell how many customers there are.
    const total =
      scope.kind === "all"
        ? Number(run.customers)
        : Number(
            (
              await handle.db
                .selectFrom("customer_scores as s")
                .select((eb) => eb.fn.countAll<number>().as("n"))
                .where("s.run_id", "=", runId)
                .where(visibleCustomer(scope, "s.customer_id"))
                .executeTakeFirstOrThrow()
            ).n,
          );
    rows = await addPages(
      writer,
      scorePages(handle, runId, options.pageSize ?? 50_000, scope),
      (row) => columns.map((column) => column.value(row)),
      (added) => options.onRows?.(added, total),
    );
    await writer.close();
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
  return {
    kind: "scores",
    format: options.format,
    out: writer.path,
    rows,
    runId,
    asOf: run.as_of,
    timeUnit: run.time_unit,
  };
}
