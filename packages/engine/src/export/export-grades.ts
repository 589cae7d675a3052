/**
 * `custra export grades`: every customer's grade under each grading scheme, with the score, the
 * grade the score alone gave, the reasons of the rules that decided, the flags and the pin, as a
 * table for the people who own the grades. By default the latest grade run of every scheme (one
 * row per customer and scheme), or of one scheme, or one grade run asked for by its number.
 *
 * The reasons are the scheme version's own words for the rules the run matched; a pin's reason
 * is that of the pin in force on the run's as-of date.
 */
import { type GradingScheme, gradeLabel, type Locale, schemeText, t as translate } from "@custra/core";
import { ALL_CUSTOMERS, type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { sql } from "kysely";
import { requireDefinition } from "../grade/definitions.ts";
import { pinsInForce } from "../grade/pins.ts";
import { jsonColumn } from "../json-column.ts";
import { loadSettings } from "../settings/settings.ts";
import { ExportError } from "./errors.ts";
import type { ExportResult } from "./export-result.ts";
import {
  addPages,
  type CellValue,
  type ExportColumn,
  type ExportFormat,
  type ExportTarget,
  openTableWriter,
} from "./writers.ts";

export interface ExportGradesOptions {
  format: ExportFormat;
  out: ExportTarget;
  /** The customers whose rows are written; every customer by default. */
  scope?: CustomerScope;
  /** The language of the headers, labels and reasons; default the company's locale setting. */
  locale?: Locale;
  /** Only this scheme (its name, such as "value"). */
  scheme?: string;
  /** One grade run, by its number; by default the latest run of each scheme. */
  gradeRunId?: number;
  /** Rows read from the database at a time (default 50 000). */
  pageSize?: number;
  onRows?: (written: number, total: number) => void;
}

interface GradeRunRow {
  id: number;
  scheme_name: string;
  scheme_version: number;
  as_of: string;
  customers: number;
}

const RUN_FIELDS = [
  "id",
  "scheme_name",
  "scheme_version",
  sql<string>`CAST(as_of AS TEXT)`.as("as_of"),
  "customers",
] as const;

/** The runs to export, each scheme's latest unless one is asked for; errors say what to do instead. */
async function findRuns(handle: DbHandle, options: ExportGradesOptions): Promise<GradeRunRow[]> {
  const all = handle.db.selectFrom("grade_runs");
  const latest = await all.select("id").orderBy("id", "desc").limit(1).executeTakeFirst();
  if (!latest) throw new ExportError("EXPORT_NO_GRADES");
  if (options.gradeRunId !== undefined) {
    const run = await all.select(RUN_FIELDS).where("id", "=", options.gradeRunId).executeTakeFirst();
    if (!run)
      throw new ExportError("EXPORT_GRADE_RUN_NOT_FOUND", { run: options.gradeRunId, latest: latest.id });
    if (options.scheme !== undefined && run.scheme_name !== options.scheme) {
      throw new ExportError("EXPORT_GRADE_RUN_OF_OTHER_SCHEME", {
        run: options.gradeRunId,
        runScheme: run.scheme_name,
        scheme: options.scheme,
      });
    }
    return [run];
  }
  let query = all
    .select(RUN_FIELDS)
    .where("id", "in", (eb) =>
      eb.selectFrom("grade_runs").select(eb.fn.max("id").as("id")).groupBy("scheme_name"),
    );
  if (options.scheme !== undefined) query = query.where("scheme_name", "=", options.scheme);
  const runs = await query.orderBy("scheme_name").execute();
  if (runs.length === 0) {
    const schemes = await all.select("scheme_name").distinct().orderBy("scheme_name").execute();
    throw new ExportError("EXPORT_NO_GRADES_OF_SCHEME", {
      scheme: options.scheme ?? "",
      schemes: schemes.map((row) => row.scheme_name).join(", "),
    });
  }
  return runs;
}

/** One run's grades a page at a time, by customer id after the last one seen (keyset pagination). */
async function* gradePages(handle: DbHandle, runId: number, pageSize: number, scope: CustomerScope) {
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    let query = handle.db
      .selectFrom("customer_grades as g")
      .innerJoin("customers as c", "c.id", "g.customer_id")
      .select([
        "g.customer_id",
        "c.code",
        "c.name",
        "c.owner",
        "g.grade",
        "g.score",
        "g.score_grade",
        "g.overrides",
        "g.flags",
        "g.pinned",
      ])
      .where("g.grade_run_id", "=", runId)
      .where(visibleCustomer(scope, "g.customer_id"));
    if (after !== Number.NEGATIVE_INFINITY) query = query.where("g.customer_id", ">", after);
    const rows = await query.orderBy("g.customer_id").limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.customer_id);
  }
}

type GradeRow = (ReturnType<typeof gradePages> extends AsyncGenerator<infer P> ? P : never)[number];

/** What a row needs from its run: the scheme version it ran and the pins that held. */
interface RunContext {
  run: GradeRunRow;
  scheme: GradingScheme;
  pinReasons: Map<number, string>;
}

interface GradeColumn extends ExportColumn {
  value: (row: GradeRow, context: RunContext) => CellValue;
}

/** The reasons of the rules a customer matched, in the scheme's words, without repeats. */
function ruleReasons(row: GradeRow, scheme: GradingScheme, locale: Locale): string | null {
  const matched = jsonColumn<{ rule: number; applied: boolean }[]>(row.overrides) ?? [];
  const reasons = new Set<string>();
  for (const { rule } of matched) {
    const reason = scheme.overrides?.[rule]?.reason;
    if (reason) reasons.add(schemeText(reason, locale));
  }
  return [...reasons].join(translate("export.list.separator", {}, locale)) || null;
}

const isPinned = (row: GradeRow) => row.pinned === true || String(row.pinned) === "true";

/** The columns, with headers in `locale`. */
function gradeColumns(locale: Locale): GradeColumn[] {
  const t = (key: string, params: Record<string, string> = {}) => translate(key, params, locale);
  return [
    { header: t("export.col.code"), kind: "text", value: (row) => row.code },
    { header: t("export.col.name"), kind: "text", width: 28, value: (row) => row.name },
    { header: t("export.col.owner"), kind: "text", width: 12, value: (row) => row.owner },
    {
      header: t("export.col.scheme"),
      kind: "text",
      width: 16,
      value: (_, { scheme }) => schemeText(scheme.title, locale),
    },
    {
      header: t("export.col.codeOf", { name: t("export.col.scheme") }),
      kind: "text",
      value: (_, c) => c.scheme.name,
    },
    { header: t("export.col.schemeVersion"), kind: "integer", value: (_, c) => c.scheme.version },
    { header: t("export.col.gradeRun"), kind: "integer", value: (_, c) => Number(c.run.id) },
    { header: t("export.col.asOf"), kind: "date", value: (_, c) => c.run.as_of },
    {
      header: t("export.col.grade"),
      kind: "text",
      value: (row, c) => gradeLabel(c.scheme, row.grade, locale),
    },
    {
      header: t("export.col.codeOf", { name: t("export.col.grade") }),
      kind: "text",
      value: (row) => row.grade,
    },
    {
      header: t("export.col.score"),
      kind: "number",
      digits: 1,
      value: (row) => (row.score === null ? null : Number(row.score)),
    },
    { header: t("export.col.scoreGrade"), kind: "text", value: (row) => row.score_grade },
    {
      header: t("export.col.ruleReasons"),
      kind: "text",
      width: 32,
      value: (row, c) => ruleReasons(row, c.scheme, locale),
    },
    {
      header: t("export.col.flags"),
      kind: "text",
      width: 20,
      // Joined with ";" as the churn reason codes are, so other tools can split them back apart.
      value: (row) => (jsonColumn<string[]>(row.flags) ?? []).join(";") || null,
    },
    {
      header: t("export.col.pinned"),
      kind: "text",
      width: 8,
      value: (row) => t(isPinned(row) ? "export.yes" : "export.no"),
    },
    {
      header: t("export.col.pinReason"),
      kind: "text",
      width: 24,
      value: (row, c) => (isPinned(row) ? (c.pinReasons.get(Number(row.customer_id)) ?? null) : null),
    },
  ];
}

/** Writes the grades of the chosen runs, scheme by scheme, each in customer order, to `out`. */
export async function exportGrades(handle: DbHandle, options: ExportGradesOptions): Promise<ExportResult> {
  const runs = await findRuns(handle, options);
  const locale = options.locale ?? (await loadSettings(handle)).locale;
  const scope = options.scope ?? ALL_CUSTOMERS;
  const columns = gradeColumns(locale);
  const writer = await openTableWriter(
    options.format,
    options.out,
    columns,
    translate("export.sheet.grades", {}, locale),
    { locale },
  );
  // A limited scope counts its own rows: the runs' totals would tell how many customers there are.
  const total =
    scope.kind === "all"
      ? runs.reduce((sum, run) => sum + Number(run.customers), 0)
      : Number(
          (
            await handle.db
              .selectFrom("customer_grades as g")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where(
                "g.grade_run_id",
                "in",
                runs.map((run) => Number(run.id)),
              )
              .where(visibleCustomer(scope, "g.customer_id"))
              .executeTakeFirstOrThrow()
          ).n,
        );
  let rows = 0;
  try {
    for (const run of runs) {
      const { definition: scheme } = await requireDefinition(
        handle,
        "scheme",
        run.scheme_name,
        Number(run.scheme_version),
      );
      const pins = await pinsInForce(handle, run.scheme_name, run.as_of);
      const context: RunContext = {
        run,
        scheme,
        pinReasons: new Map(pins.map((pin) => [pin.customerId, pin.reason])),
      };
      const before = rows;
      rows += await addPages(
        writer,
        gradePages(handle, Number(run.id), options.pageSize ?? 50_000, scope),
        (row) => columns.map((column) => column.value(row, context)),
        (added) => options.onRows?.(before + added, total),
      );
    }
    await writer.close();
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
  return {
    kind: "grades",
    format: options.format,
    out: writer.path,
    rows,
    gradeRuns: runs.map((run) => ({ scheme: run.scheme_name, runId: Number(run.id), asOf: run.as_of })),
  };
}
