/**
 * One file into one entity's table, all or nothing.
 *
 * Rows are read and validated in a stream and the valid ones staged (bulk, as text) with their
 * source line; checks that need the whole file or the database (duplicate keys, references)
 * run in SQL on the staging table; only then are the rows merged into the real table, inside
 * one transaction, as an UPDATE of changed rows and an INSERT of new ones. A file with errors
 * writes nothing unless the caller asks to skip the bad rows.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import {
  ENTITIES,
  type EntityName,
  type EntitySpec,
  type FieldKind,
  type FieldSpec,
  type ReferenceSpec,
  t,
} from "@custra/core";
import { type DbHandle, isDbError } from "@custra/db";
import { type Kysely, sql } from "kysely";
import { matchHeaders } from "./headers.ts";
import "./pipeline.messages.ts";
import { type Cell, openTable, type ReadLimits, type TableSource } from "./read/open-table.ts";
import { parseField } from "./values.ts";

export interface ImportOptions {
  entity: EntityName;
  file: string;
  /** XLSX sheet name; the first sheet by default. */
  sheet?: string;
  /** Source column → entity field, for headers the aliases do not cover. */
  map?: Readonly<Record<string, string>>;
  /** Write the good rows and report the bad ones instead of writing nothing. */
  skipInvalid?: boolean;
  /** Validate (including references) without writing. */
  dryRun?: boolean;
  /** Limits on what the file may expand to (zip bombs); the environment's or the defaults when absent. */
  limits?: Partial<ReadLimits>;
  /** Create bare customers for unknown customer codes instead of rejecting the rows. */
  createCustomers?: boolean;
  /**
   * The file is custra's own canonical CSV (as `custra demo --out` writes it: UTF-8, commas, a
   * header of field names, values already in canonical form). It is then parsed by the database
   * engine itself, skipping per-value validation; keys and references are still checked.
   * Files that do not look canonical take the normal path.
   */
  canonical?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  /** Reading and validating rows, checking them against the file and the database, writing them. */
  phase: "reading" | "checking" | "writing";
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/** One bad row: where it is and what is wrong, already in the user's language. */
export interface RowProblem {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  entity: EntityName;
  file: string;
  /** False when errors kept the file from being written (or on a dry run). */
  written: boolean;
  dryRun: boolean;
  /** How rows were read: validated value by value, or (canonical files) by the engine's CSV reader. */
  reader: "validating" | "canonical";
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  createdCustomers: number;
  /** The first problems in line order; `problemCount` has them all. */
  problems: RowProblem[];
  problemCount: number;
  /** Things the user should know that are not errors (ignored columns). */
  warnings: string[];
  seconds: number;
  /** Milliseconds per stage: reading, validating and staging the rows; the SQL checks; the merge. */
  timings: { stage: number; check: number; merge: number };
}

/** A file that cannot be imported at all (bad header, unreadable): nothing was read into the database. */
export class ImportError extends Error {
  override readonly name = "ImportError";
}

export const MAX_REPORTED_PROBLEMS = 50;

/** How a referenced entity is found and which of its columns the referencing row stores. */
const REFERENCE_TARGETS: Readonly<
  Record<string, { table: string; key: string; columns: Readonly<Record<string, string>> }>
> = {
  customers: { table: "customers", key: "code", columns: { customer_id: "id" } },
  orders: { table: "orders", key: "external_id", columns: { order_id: "id", customer_id: "customer_id" } },
  products: { table: "products", key: "sku", columns: { product_id: "id" } },
};

/** Columns computed from others when the file does not have them. */
const DERIVED_COLUMNS: Partial<
  Record<EntityName, ReadonlyArray<{ column: string; needs: readonly string[]; sql: string }>>
> = {
  orders: [
    {
      column: "margin",
      needs: ["amount", "cost"],
      sql: "CAST(s.amount AS DECIMAL(18,2)) - CAST(s.cost AS DECIMAL(18,2))",
    },
  ],
};

export async function importFile(handle: DbHandle, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const spec = ENTITIES[options.entity];
  const fileName = basename(options.file);
  const source = await openTable(options.file, { sheet: options.sheet, limits: options.limits });

  const match = matchHeaders(source.headers, spec, options.map ?? {});
  if (match.errors.length > 0) {
    throw new ImportError(
      t("import.run.headerProblems", { file: fileName, problems: match.errors.join("; ") }),
    );
  }
  if (match.missing.length > 0) {
    throw new ImportError(
      t("import.run.missingColumns", { file: fileName, fields: match.missing.join(", ") }),
    );
  }

  const fieldsByName = new Map(spec.fields.map((field) => [field.name, field]));
  const mapped = match.columns.flatMap((column) => {
    const field = column.field === null ? undefined : fieldsByName.get(column.field);
    return field ? [{ index: column.index, header: column.header, field }] : [];
  });
  const extraColumns = spec.extraField ? match.columns.filter((column) => column.field === null) : [];
  const warnings =
    !spec.extraField && match.unknown.length > 0
      ? [
          t("import.run.ignoredColumns", {
            file: fileName,
            entity: spec.name,
            columns: match.unknown.join(", "),
          }),
        ]
      : [];

  const staged = stagedFieldNames(spec, mapped, extraColumns.length > 0);
  const position = new Map(staged.map((name, index) => [name, index]));
  const keyHeader = mapped.find((column) => column.field.name === spec.key)?.header ?? spec.key;
  const headerOf = (fieldName: string) =>
    mapped.find((column) => column.field.name === fieldName)?.header ?? fieldName;

  const stage = `_stage_${spec.table}_${process.pid}_${Date.now().toString(36)}`;
  await handle.createStagingTable(stage, staged);
  try {
    const problems = new ProblemCollector(fileName);
    const occurrences = new Map<string, number>();
    let rowsRead = 0;
    let rowLevelRejected = 0;

    // Validation runs inside the bulk load's stream, so the file is parsed while the engine appends
    // and all rows go in through one appender / one COPY.
    const columnSlots = mapped.map((column) => ({ ...column, slot: 1 + position.get(column.field.name)! }));
    const keySlot = 1 + position.get(spec.key)!;
    const extraSlot = spec.extraField && extraColumns.length > 0 ? 1 + position.get(spec.extraField)! : -1;
    const deriveSlots = spec.deriveKeyFrom?.map((name) => {
      const at = position.get(name);
      return at === undefined ? -1 : 1 + at;
    });
    const progress = (phase: ImportProgress["phase"]): ImportProgress => ({
      phase,
      rowsRead,
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
    });
    async function* validRows(): AsyncGenerator<(string | null)[][]> {
      for await (const batch of source.rows()) {
        const good: (string | null)[][] = [];
        for (const row of batch) {
          rowsRead++;
          // A record the reader could not make a row of (a runaway quote, a NUL byte).
          if (row.problem !== undefined) {
            problems.add(row.line, "*", row.problem);
            rowLevelRejected++;
            continue;
          }
          const values: (string | null)[] = new Array(staged.length + 1).fill(null);
          values[0] = String(row.line);
          let bad = false;
          if (
            row.cells.length > source.headers.length &&
            row.cells.slice(source.headers.length).some((c) => !isEmpty(c))
          ) {
            problems.add(
              row.line,
              "*",
              t("import.run.columnCount", { found: row.cells.length, expected: source.headers.length }),
            );
            bad = true;
          }
          for (const column of columnSlots) {
            const result = parseField(column.field, row.cells[column.index] ?? null);
            if (result.ok) values[column.slot] = result.value;
            else {
              problems.add(row.line, column.header, result.reason);
              bad = true;
            }
          }
          if (bad) {
            rowLevelRejected++;
            continue;
          }
          if (extraSlot >= 0)
            values[extraSlot] = mergeExtraAttributes(values[extraSlot] ?? null, extraColumns, row.cells);
          if (values[keySlot] === null && deriveSlots) {
            values[keySlot] = deriveKey(
              deriveSlots.map((slot) => (slot < 0 ? "" : (values[slot] ?? ""))),
              occurrences,
            );
          }
          good.push(values);
        }
        yield good;
        options.onProgress?.(progress("reading"));
      }
    }
    const reader = isCanonical(options, source, mapped, spec) ? "canonical" : "validating";
    try {
      if (reader === "canonical") {
        rowsRead = await handle.copyCsv(stage, source.headers, options.file);
        options.onProgress?.(progress("reading"));
      } else {
        await handle.bulkLoad(stage, ["line", ...staged], validRows());
      }
    } catch (error) {
      // The file's own errors pass through the load unchanged; the database's would name the
      // staging table and speak the driver's language, so the user gets what happened and what to do.
      if (isDbError(error, "DB_BULK_LOAD_FAILED")) {
        throw new ImportError(t("import.run.stageFailed", { file: fileName }), { cause: error });
      }
      throw error;
    }

    const stagedAt = performance.now();
    options.onProgress?.(progress("checking"));
    const db = handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const stagedBefore = await countRows(db, stage);
    await rejectDuplicateKeys(db, stage, spec.key, keyHeader, problems);
    const createCustomers = options.createCustomers === true && referencesCustomers(spec);
    for (const reference of spec.references) {
      if (createCustomers && reference.entity === "customers") continue;
      await rejectUnknownReferences(db, stage, reference, headerOf(reference.field), problems);
    }
    const valid = await countRows(db, stage);
    const rejected = rowLevelRejected + (stagedBefore - valid);
    const checkedAt = performance.now();

    const result: ImportResult = {
      entity: spec.name,
      file: options.file,
      written: false,
      dryRun: options.dryRun === true,
      reader,
      rowsRead,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected,
      createdCustomers: 0,
      problems: problems.first(),
      problemCount: problems.count,
      warnings,
      seconds: 0,
      timings: { stage: Math.round(stagedAt - started), check: Math.round(checkedAt - stagedAt), merge: 0 },
    };
    if (options.dryRun || (rejected > 0 && !options.skipInvalid)) {
      result.seconds = elapsedSeconds(started);
      return result;
    }

    options.onProgress?.(progress("writing"));
    // As the only writer: another import merging at the same time would insert the same new keys.
    await handle.withWriteLock("import", () =>
      db.transaction().execute(async (trx) => {
        if (createCustomers) result.createdCustomers = await createMissingCustomers(trx, stage);
        const merged = await mergeStaged(trx, handle, spec, stage, staged);
        result.inserted = merged.inserted;
        result.updated = merged.updated;
      }),
    );
    result.timings.merge = Math.round(performance.now() - checkedAt);
    result.written = true;
    result.unchanged = valid - result.inserted - result.updated;
    result.seconds = elapsedSeconds(started);
    return result;
  } finally {
    await handle.dropTable(stage);
  }
}

function isCanonical(
  options: ImportOptions,
  source: TableSource,
  mapped: ReadonlyArray<{ header: string; field: FieldSpec }>,
  spec: EntitySpec,
): boolean {
  return (
    options.canonical === true &&
    source.format === "csv" &&
    source.encoding === "utf-8" &&
    source.delimiter === "," &&
    mapped.length === source.headers.length &&
    mapped.every((column) => column.header === column.field.name) &&
    mapped.some((column) => column.field.name === spec.key)
  );
}

/** The entity fields this file supplies, key first; the key is always staged (derived when absent). */
function stagedFieldNames(
  spec: EntitySpec,
  mapped: ReadonlyArray<{ field: FieldSpec }>,
  hasExtraColumns: boolean,
): string[] {
  const names = new Set<string>([spec.key]);
  for (const column of mapped) names.add(column.field.name);
  if (hasExtraColumns && spec.extraField) names.add(spec.extraField);
  return [...names];
}

/**
 * A stable id for a row that has none: its content plus how many identical rows came before it
 * in the file, so a re-import maps every row to the same record while true repeats are kept.
 */
function deriveKey(parts: readonly string[], occurrences: Map<string, number>): string {
  const content = parts.join("\u001f");
  const seen = occurrences.get(content) ?? 0;
  occurrences.set(content, seen + 1);
  return `#${createHash("sha1").update(content).digest("hex").slice(0, 16)}-${seen}`;
}

function isEmpty(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function cellText(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Unknown columns of a customer file are kept, by their header, in the free attributes. */
function mergeExtraAttributes(
  existing: string | null,
  columns: ReadonlyArray<{ index: number; header: string }>,
  cells: readonly Cell[],
): string | null {
  const attributes: Record<string, unknown> = existing ? JSON.parse(existing) : {};
  for (const column of columns) {
    const cell = cells[column.index];
    if (cell !== undefined && !isEmpty(cell)) attributes[column.header] = cellText(cell);
  }
  return Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : null;
}

class ProblemCollector {
  readonly #problems: RowProblem[] = [];
  count = 0;
  constructor(readonly file: string) {}

  add(line: number, column: string, reason: string): void {
    this.count++;
    // Each source (row checks, then each SQL check) reports in line order, so keeping a bounded
    // number per source and sorting at the end still yields the first problems of the file.
    if (this.#problems.length < MAX_REPORTED_PROBLEMS * 4)
      this.#problems.push({ file: this.file, line, column, reason });
  }

  first(): RowProblem[] {
    return [...this.#problems].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_PROBLEMS);
  }
}

const q = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

async function countRows(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.raw(q(table))}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

async function rejectDuplicateKeys(
  db: AnyDb,
  stage: string,
  key: string,
  header: string,
  problems: ProblemCollector,
): Promise<void> {
  const firstLines = `SELECT ${q(key)} AS k, MIN(line) AS first FROM ${q(stage)} GROUP BY ${q(key)} HAVING COUNT(*) > 1`;
  const { rows } = await sql<{ line: number; k: string; first: number }>`${sql.raw(
    `SELECT s.line, d.k, d.first FROM ${q(stage)} s JOIN (${firstLines}) d ON s.${q(key)} = d.k
     WHERE s.line > d.first ORDER BY s.line LIMIT ${MAX_REPORTED_PROBLEMS}`,
  )}`.execute(db);
  if (rows.length === 0) return;
  const total = await sql<{ n: number }>`${sql.raw(
    `SELECT COUNT(*) AS n FROM ${q(stage)} s JOIN (${firstLines}) d ON s.${q(key)} = d.k WHERE s.line > d.first`,
  )}`.execute(db);
  reportAndRemove(
    problems,
    rows.map((row) => ({
      line: Number(row.line),
      column: header,
      reason: t("import.run.duplicateKey", { key: row.k, first: Number(row.first) }),
    })),
    Number(total.rows[0]?.n ?? 0),
  );
  await sql`${sql.raw(
    `DELETE FROM ${q(stage)} WHERE line IN (SELECT s.line FROM ${q(stage)} s JOIN (${firstLines}) d ON s.${q(key)} = d.k WHERE s.line > d.first)`,
  )}`.execute(db);
}

async function rejectUnknownReferences(
  db: AnyDb,
  stage: string,
  reference: ReferenceSpec,
  header: string,
  problems: ProblemCollector,
): Promise<void> {
  const target = REFERENCE_TARGETS[reference.entity]!;
  const unknown = `${q(stage)} s WHERE s.${q(reference.field)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(target.table)} r WHERE r.${q(target.key)} = s.${q(reference.field)})`;
  const { rows } = await sql<{ line: number; value: string }>`${sql.raw(
    `SELECT s.line, s.${q(reference.field)} AS value FROM ${unknown} ORDER BY s.line LIMIT ${MAX_REPORTED_PROBLEMS}`,
  )}`.execute(db);
  if (rows.length === 0) return;
  const total = await sql<{ n: number }>`${sql.raw(`SELECT COUNT(*) AS n FROM ${unknown}`)}`.execute(db);
  const hint = reference.entity === "customers" ? t("import.run.unknownCustomerHint") : "";
  const entityName = t(`import.entity.${reference.entity}`);
  reportAndRemove(
    problems,
    rows.map((row) => ({
      line: Number(row.line),
      column: header,
      reason: t("import.run.unknownReference", { entity: entityName, value: row.value }) + hint,
    })),
    Number(total.rows[0]?.n ?? 0),
  );
  await sql`${sql.raw(`DELETE FROM ${q(stage)} WHERE line IN (SELECT s.line FROM ${unknown})`)}`.execute(db);
}

/** Adds the reported rows and counts the rest of `total` without keeping their text. */
function reportAndRemove(
  problems: ProblemCollector,
  reported: ReadonlyArray<{ line: number; column: string; reason: string }>,
  total: number,
): void {
  for (const problem of reported) problems.add(problem.line, problem.column, problem.reason);
  problems.count += Math.max(0, total - reported.length);
}

function referencesCustomers(spec: EntitySpec): boolean {
  return spec.references.some((reference) => reference.entity === "customers");
}

async function createMissingCustomers(trx: AnyDb, stage: string): Promise<number> {
  const result = await sql`${sql.raw(
    `INSERT INTO customers (code) SELECT DISTINCT s.customer_code FROM ${q(stage)} s
     WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.code = s.customer_code)`,
  )}`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Updates the rows whose values changed and inserts the new ones. Only the columns the file
 * has are written, so a file with a few columns updates just those.
 */
async function mergeStaged(
  trx: AnyDb,
  handle: DbHandle,
  spec: EntitySpec,
  stage: string,
  staged: readonly string[],
): Promise<{ inserted: number; updated: number }> {
  const referenceFields = new Set(spec.references.map((reference) => reference.field));
  const fieldsByName = new Map(spec.fields.map((field) => [field.name, field]));
  const select: string[] = [];
  const joins: string[] = [];
  const columns: string[] = [];

  spec.references.forEach((reference, index) => {
    const target = REFERENCE_TARGETS[reference.entity]!;
    const alias = `r${index}`;
    joins.push(`JOIN ${q(target.table)} ${alias} ON ${alias}.${q(target.key)} = s.${q(reference.field)}`);
    for (const [column, source] of Object.entries(target.columns)) {
      if (columns.includes(column)) continue;
      columns.push(column);
      select.push(`${alias}.${q(source)} AS ${q(column)}`);
    }
  });
  for (const name of staged) {
    if (referenceFields.has(name)) continue;
    const field = fieldsByName.get(name)!;
    columns.push(name);
    select.push(`${castText(handle, field.kind, `s.${q(name)}`)} AS ${q(name)}`);
  }
  for (const derived of DERIVED_COLUMNS[spec.name] ?? []) {
    if (columns.includes(derived.column) || !derived.needs.every((name) => staged.includes(name))) continue;
    columns.push(derived.column);
    select.push(`${derived.sql} AS ${q(derived.column)}`);
  }

  const source = `SELECT ${select.join(", ")} FROM ${q(stage)} s ${joins.join(" ")}`;
  const key = q(spec.key);
  const table = q(spec.table);
  const changing = columns.filter((column) => column !== spec.key);
  let updated = 0;
  if (changing.length > 0) {
    const result = await sql`${sql.raw(
      `UPDATE ${table} AS t SET ${changing.map((column) => `${q(column)} = src.${q(column)}`).join(", ")}, updated_at = CURRENT_TIMESTAMP
       FROM (${source}) src
       WHERE t.${key} = src.${key} AND (${changing.map((column) => `t.${q(column)} IS DISTINCT FROM src.${q(column)}`).join(" OR ")})`,
    )}`.execute(trx);
    updated = Number(result.numAffectedRows ?? 0n);
  }
  // New rows in customer order: the (customer_id, id) key index grows in order (25 % faster on
  // DuckDB) and each customer's rows sit together on disk for the per-customer analysis.
  const order = columns.includes("customer_id") ? " ORDER BY src.customer_id" : "";
  const inserted = await sql`${sql.raw(
    `INSERT INTO ${table} (${columns.map(q).join(", ")})
     SELECT ${columns.map((column) => `src.${q(column)}`).join(", ")} FROM (${source}) src
     WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = src.${key})${order}`,
  )}`.execute(trx);
  return { inserted: Number(inserted.numAffectedRows ?? 0n), updated };
}

/** Staged values are canonical text; this turns one back into its column's type. */
function castText(handle: DbHandle, kind: FieldKind, expression: string): string {
  switch (kind) {
    case "code":
    case "text":
    case "enum":
      return expression;
    case "int":
      return `CAST(${expression} AS INTEGER)`;
    case "decimal":
      return `CAST(${expression} AS DECIMAL(18,2))`;
    case "date":
      return `CAST(${expression} AS DATE)`;
    case "bool":
      return `CAST(${expression} AS BOOLEAN)`;
    case "timestamp":
      return `CAST(${expression} AS ${handle.sqlTypes.timestamp})`;
    case "tags":
    case "json":
      return `CAST(${expression} AS ${handle.sqlTypes.json})`;
  }
}

function elapsedSeconds(started: number): number {
  return Math.round((performance.now() - started) / 10) / 100;
}
