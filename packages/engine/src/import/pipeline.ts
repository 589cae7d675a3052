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
  ORDER_LINE_FILE,
  type ReferenceSpec,
} from "@custra/core";
import { CustraError, type Text, type TextParams, text } from "@custra/core/errors";
import {
  ALL_CUSTOMERS,
  type CustomerScope,
  type Database,
  type DbHandle,
  isDbError,
  stagingTableName,
  visibleCustomer,
} from "@custra/db";
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from "kysely";
import { type HeaderColumn, ImportOptionError, matchHeaders } from "./headers.ts";
import "./pipeline.messages.ts";
import {
  type Cell,
  ImportFileError,
  openTable,
  type ReadLimits,
  type TableSource,
} from "./read/open-table.ts";
import {
  type DateFormat,
  isEmptyCell,
  normalizeKey,
  parseDateFormat,
  parseField,
  type ReadOptions,
} from "./values.ts";

export interface ImportOptions {
  entity: EntityName;
  file: string;
  /** The file's name as its reader knows it (an upload's own name), in messages; default the file's. */
  name?: string;
  /** XLSX sheet name; the first sheet by default. */
  sheet?: string;
  /** Source column → entity field, for headers the aliases do not cover. */
  map?: Readonly<Record<string, string>>;
  /**
   * Source values → custra's, per field (`{ status: { delivered: "completed" } }`), applied to a
   * cell before it is read; compared ignoring case, width and spaces. An empty target empties the cell.
   */
  values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The order of day, month, year (and time) of the file's dates: "dd/mm/yyyy", "mm/dd/yyyy HH:mm". */
  dateFormat?: string;
  /** A value for each row whose cell of the field is empty, or for every row when the file has no such column. */
  defaults?: Readonly<Record<string, string>>;
  /**
   * orders only: the file has one row per order line (`ORDER_LINE_FILE`); rows with the same order
   * number make one order, whose amount is the sum of its lines. Orders and lines are written
   * together, all or nothing; an order with a bad line is left out whole (never written short).
   */
  lines?: boolean;
  /** Create products for unknown skus (named by the file's product name, else by the sku). */
  createProducts?: boolean;
  /** Told how the header was understood, before any row is read. */
  onMapping?: (mapping: ImportMapping) => void;
  /** Write the good rows and report the bad ones instead of writing nothing. */
  skipInvalid?: boolean;
  /** Validate (including references) without writing. */
  dryRun?: boolean;
  /** Limits on what the file may expand to (zip bombs); the environment's or the defaults when absent. */
  limits?: Partial<ReadLimits>;
  /** Create bare customers for unknown customer codes instead of rejecting the rows. */
  createCustomers?: boolean;
  /**
   * The customers the importing user may see (every customer by default). A row naming a
   * customer (or an order) out of scope is refused as naming an unknown one, and a row whose key
   * is a record of a customer out of scope is refused: an import never writes to them.
   */
  scope?: CustomerScope;
  /**
   * The file is custra's own canonical CSV (as `custra demo --out` writes it: UTF-8, commas, a
   * header of field names, values already in canonical form). It is then parsed by the database
   * engine itself, skipping per-value validation; keys and references are still checked.
   * Files that do not look canonical take the normal path.
   */
  canonical?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * users only: called in the import's transaction, after the merge, with every user whose role
   * the file changed (new users with a role included), so that the caller audits each change
   * with the import. A role is a user's rights: it never changes unrecorded.
   */
  onRoleChanges?: (trx: Transaction<Database>, changes: readonly RoleChange[]) => Promise<void>;
}

/** A user's role before and after an import (before null: a new user, or one who had none). */
export interface RoleChange {
  readonly userId: number;
  readonly username: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface ImportProgress {
  /** Reading and validating rows, checking them against the file and the database, writing them. */
  phase: "reading" | "checking" | "writing";
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/** Where one column of the file goes. */
export interface ColumnUse {
  /** The header as written, and its 1-based position. */
  column: string;
  position: number;
  /** Into a field; into the free attributes (under `attribute`); or nowhere. */
  use: "field" | "attribute" | "ignored";
  field?: string;
  attribute?: string;
  /** How the field was found: --map or a profile, the field's own name, or one of its aliases. */
  matchedBy?: "map" | "name" | "alias";
  /** A value map applies to the column. */
  valueMap?: boolean;
}

/** How a file's header was understood: reported before anything is written, and in the result. */
export interface ImportMapping {
  entity: EntityName;
  columns: ColumnUse[];
  /** Fields filled from defaults, with their values. */
  defaults: Record<string, string>;
  dateFormat?: string;
  /** The key is derived from the row's content (the file has no key column). */
  derivedKey: boolean;
  /** Rows that name no customer take the customer of the order in this field. */
  customerFrom?: string;
  /** A file of order lines: orders are made from them. */
  lines: boolean;
}

/** One bad row: where it is and what is wrong, as Text for the reader. */
export interface RowProblem {
  file: string;
  line: number;
  /** The column's header as written; "*" for the row as a whole. */
  column: string;
  reason: Text;
  /**
   * Which check found it: "row" (the row's own values), "duplicate", "reference:<field>" (an
   * unknown customer, product or order), "order:<field>" and "order:incomplete" (order lines).
   */
  kind: string;
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
  createdProducts: number;
  /** Line-level files: the order lines written (the counts above are the orders). */
  lines?: { read: number; inserted: number; updated: number; unchanged: number };
  /** The first problems in line order; `problemCount` has them all. */
  problems: RowProblem[];
  problemCount: number;
  /** Things the user should know that are not errors (ignored columns). */
  warnings: Text[];
  /** Which column went where. */
  mapping: ImportMapping;
  seconds: number;
  /** Milliseconds per stage: reading, validating and staging the rows; the SQL checks; the merge. */
  timings: { stage: number; check: number; merge: number };
}

export type ImportErrorCode =
  /** The header cannot be mapped (two columns for one field, a map entry naming no column). */
  | "IMPORT_HEADER_INVALID"
  /** Required fields no column holds. */
  | "IMPORT_COLUMNS_MISSING"
  /** A column's dates could be day-month or month-day: the file's `dateFormat` must say which. */
  | "IMPORT_DATES_AMBIGUOUS"
  /** The database refused the staged rows (not the file's fault). */
  | "IMPORT_STAGE_FAILED"
  /** Rows have errors and skipping them was not asked for: nothing was written. */
  | "IMPORT_ROWS_REJECTED"
  | "IMPORT_PROFILE_UNREADABLE"
  | "IMPORT_PROFILE_SYNTAX"
  | "IMPORT_PROFILE_INVALID"
  | "IMPORT_PROFILE_UNWRITABLE";

const IMPORT_MESSAGE_KEYS: Record<ImportErrorCode, string> = {
  IMPORT_HEADER_INVALID: "import.run.headerProblems",
  IMPORT_COLUMNS_MISSING: "import.run.missingColumns",
  IMPORT_DATES_AMBIGUOUS: "import.run.ambiguousDates",
  IMPORT_STAGE_FAILED: "import.run.stageFailed",
  IMPORT_ROWS_REJECTED: "import.run.rowsRejected",
  IMPORT_PROFILE_UNREADABLE: "import.profile.unreadable",
  IMPORT_PROFILE_SYNTAX: "import.profile.syntax",
  IMPORT_PROFILE_INVALID: "importProfile.invalid",
  IMPORT_PROFILE_UNWRITABLE: "import.profile.unwritable",
};

/**
 * A file that cannot be imported (bad header, ambiguous dates, bad rows, a bad profile): nothing
 * was written. IMPORT_ROWS_REJECTED carries the import's `result`, with its problems.
 */
export class ImportError extends CustraError<ImportErrorCode> {
  override readonly name = "ImportError";
  readonly result?: ImportResult;

  constructor(
    code: ImportErrorCode,
    params: TextParams = {},
    options?: { cause?: unknown; result?: ImportResult },
  ) {
    super(code, IMPORT_MESSAGE_KEYS[code], params, { cause: options?.cause });
    if (options?.result) this.result = options.result;
  }
}

/** IMPORT_ROWS_REJECTED for an import that its bad rows kept from writing, naming the first. */
export function rowsRejected(result: ImportResult, fileName = basename(result.file)): ImportError {
  const first = result.problems[0];
  return new ImportError(
    "IMPORT_ROWS_REJECTED",
    {
      file: fileName,
      count: result.rejected,
      first: first
        ? text("import.run.problem", { line: first.line, column: first.column, reason: first.reason })
        : null,
    },
    { result },
  );
}

export const MAX_REPORTED_PROBLEMS = 50;

/** What a file would import as, before anything is read into the database. */
export interface ImportPreview {
  entity: EntityName;
  /** The file's name, as in messages. */
  file: string;
  format: "csv" | "xlsx";
  /** CSV: the encoding and delimiter detected. */
  encoding?: string;
  delimiter?: string;
  headers: string[];
  /** Which column goes where. */
  mapping: ImportMapping;
  /** Problems that would stop the import before any row (two columns for one field, a bad map entry). */
  headerProblems: Text[];
  /** Required fields no column holds. */
  missing: string[];
  /** The ignored columns, as in the import's warnings. */
  warnings: Text[];
  /**
   * The first rows, with their line: `cells` as the file has them (dates as 'YYYY-MM-DD', XLSX
   * numbers as numbers); `read`, each mapped field's value as the import would store it (null when
   * empty or unreadable); `problems`, what the import would report of the row's own values
   * (checks against the rest of the file and the database are the validation's); `problem`, a
   * record the reader could not make a row of.
   */
  rows: Array<{
    line: number;
    cells: Array<string | number | boolean | null>;
    read: Record<string, string | null>;
    problems: Array<{ column: string; reason: Text }>;
    problem?: Text;
  }>;
}

/**
 * How `options.file` would be imported: its header's mapping and its first `rows` rows, read
 * with the same rules (map, value maps, defaults, date format) as `importFile` reads them.
 * Options that cannot be used throw as they do there; header problems are returned, not thrown.
 */
export async function previewImport(options: ImportOptions, rows = 10): Promise<ImportPreview> {
  return asNamed(options, () => previewRows(options, rows));
}

/** Runs `work`, an unreadable file's error naming the file by `options.name` when there is one. */
async function asNamed<T>(options: ImportOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (options.name !== undefined && error instanceof ImportFileError) throw error.named(options.name);
    throw error;
  }
}

/**
 * What a preview and an import both start with: the file's spec (a line-level orders file has its
 * own), its read rules, the opened table and how its headers match the fields.
 */
async function openImport(options: ImportOptions) {
  const lineFile = options.lines === true;
  if (lineFile && options.entity !== "orders")
    throw new ImportOptionError("IMPORT_OPTION_LINES_ORDERS_ONLY", { entity: options.entity });
  const spec = lineFile ? ORDER_LINE_FILE : ENTITIES[options.entity];
  const fileName = options.name ?? basename(options.file);
  const rules = readRules(spec, options);
  const source = await openTable(options.file, { sheet: options.sheet, limits: options.limits });
  const match = matchHeaders(source.headers, spec, options.map ?? {}, new Set(rules.defaults.keys()));
  const extraColumns = spec.extraField ? attributeNames(match.columns) : [];
  return { lineFile, spec, fileName, rules, source, match, extraColumns };
}

/**
 * The fields a file fills, each from its column, in the file's order, then those only defaults
 * fill (read from no column: index -1).
 */
function mappedFields(
  spec: EntitySpec,
  columns: readonly HeaderColumn[],
  rules: ReadRules,
): Array<{ index: number; header: string; field: FieldSpec }> {
  const fieldsByName = new Map(spec.fields.map((field) => [field.name, field]));
  const fileColumns = columns.flatMap((column) => {
    const field = column.field === null ? undefined : fieldsByName.get(column.field);
    return field ? [{ index: column.index, header: column.header, field }] : [];
  });
  const filled = [...rules.defaults.keys()]
    .filter((name) => !fileColumns.some((column) => column.field.name === name))
    .map((name) => ({ index: -1, header: name, field: fieldsByName.get(name)! }));
  return [...fileColumns, ...filled];
}

async function previewRows(options: ImportOptions, rows: number): Promise<ImportPreview> {
  const { spec, fileName, rules, source, match, extraColumns } = await openImport(options);
  const rulesOf = mappedFields(spec, match.columns, rules).map((column) => ({
    ...column,
    valueMap: rules.valueMaps.get(column.field.name),
    fallback: rules.defaults.get(column.field.name) ?? null,
  }));
  const readOptions: ReadOptions = { dateFormat: rules.dateFormat };
  const first: ImportPreview["rows"] = [];
  if (rows > 0)
    reading: for await (const batch of source.rows()) {
      for (const row of batch) {
        // Each field as the import would store it, and the problems it would report there.
        const read: Record<string, string | null> = {};
        const problems: Array<{ column: string; reason: Text }> = [];
        if (row.problem === undefined)
          for (const rule of rulesOf) {
            const { result } = readCell(rule, row.cells, readOptions);
            read[rule.field.name] = result.ok ? result.value : null;
            if (!result.ok) problems.push({ column: rule.header, reason: result.reason });
          }
        first.push({
          line: row.line,
          cells: row.cells.map((cell) => (cell instanceof Date ? cellText(cell) : cell)),
          read,
          problems,
          ...(row.problem ? { problem: row.problem } : {}),
        });
        if (first.length >= rows) break reading;
      }
    }
  return {
    entity: spec.name,
    file: fileName,
    format: source.format,
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.delimiter ? { delimiter: source.delimiter } : {}),
    headers: source.headers,
    mapping: describeMapping(spec, match.columns, extraColumns, rules, options),
    headerProblems: match.errors,
    missing: match.missing,
    warnings: ignoredColumns(spec, match.unknown, fileName),
    rows: first,
  };
}

function ignoredColumns(spec: EntitySpec, unknown: readonly string[], fileName: string): Text[] {
  return !spec.extraField && unknown.length > 0
    ? [text("import.run.ignoredColumns", { file: fileName, entity: spec.name, columns: unknown.join(", ") })]
    : [];
}

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
  return asNamed(options, () => importRows(handle, options));
}

async function importRows(handle: DbHandle, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const { lineFile, spec, fileName, rules, source, match, extraColumns } = await openImport(options);
  if (match.errors.length > 0) {
    throw new ImportError("IMPORT_HEADER_INVALID", { file: fileName, problems: match.errors });
  }
  if (match.missing.length > 0) {
    throw new ImportError("IMPORT_COLUMNS_MISSING", { file: fileName, fields: match.missing.join(", ") });
  }

  const mapped = mappedFields(spec, match.columns, rules);
  const mapping = describeMapping(spec, match.columns, extraColumns, rules, options);
  options.onMapping?.(mapping);
  const warnings = ignoredColumns(spec, match.unknown, fileName);

  const fallbacks = spec.fields.filter(
    (field) => field.fallback !== undefined && mapped.some((column) => column.field.name === field.fallback),
  );
  const staged = stagedFieldNames(spec, mapped, extraColumns.length > 0);
  for (const field of fallbacks) if (!staged.includes(field.name)) staged.push(field.name);
  // The customer of a row known by its order is looked up into the staged customer code.
  const viaOrder =
    spec.customerFrom !== undefined && mapped.some((column) => column.field.name === spec.customerFrom);
  if (viaOrder && !staged.includes("customer_code")) staged.push("customer_code");
  // A line's amount is computed when the file does not have it.
  if (lineFile && !staged.includes("amount")) staged.push("amount");
  // A fallback for a field the file lacks is for new rows: existing ones keep their value.
  const insertOnly = new Set(
    fallbacks
      .filter((field) => !mapped.some((column) => column.field.name === field.name))
      .map((f) => f.name),
  );
  const position = new Map(staged.map((name, index) => [name, index]));
  const keyHeader = mapped.find((column) => column.field.name === spec.key)?.header ?? spec.key;
  const headerOf = (fieldName: string) =>
    mapped.find((column) => column.field.name === fieldName)?.header ?? fieldName;

  const stage = stagingTableName(`_stage_${spec.table}`);
  const orderStage = `${stage}_orders`;
  await handle.createStagingTable(stage, staged);
  try {
    const problems = new ProblemCollector(fileName);
    const occurrences = new Map<string, number>();
    let rowsRead = 0;
    let rowLevelRejected = 0;

    // Validation runs inside the bulk load's stream, so the file is parsed while the engine appends
    // and all rows go in through one appender / one COPY.
    const columnSlots = mapped.map((column) => ({
      ...column,
      slot: 1 + position.get(column.field.name)!,
      valueMap: rules.valueMaps.get(column.field.name),
      fallback: rules.defaults.get(column.field.name) ?? null,
    }));
    const fallbackSlots = fallbacks.map((field) => ({
      slot: 1 + position.get(field.name)!,
      from: 1 + position.get(field.fallback!)!,
    }));
    const keySlot = 1 + position.get(spec.key)!;
    const customerSlot = position.has("customer_code") ? 1 + position.get("customer_code")! : -1;
    const orderSlot =
      spec.customerFrom && position.has(spec.customerFrom) ? 1 + position.get(spec.customerFrom)! : -1;
    const readOptions: ReadOptions = { dateFormat: rules.dateFormat };
    const slotOf = (name: string) => (position.has(name) ? 1 + position.get(name)! : -1);
    const lineSlots = lineFile
      ? {
          order: slotOf("order_external_id"),
          quantity: slotOf("quantity"),
          price: slotOf("unit_price"),
          amount: slotOf("amount"),
        }
      : undefined;
    /** Line-level files: how many lines of each order the file has, good or bad. */
    const linesPerOrder = new Map<string, number>();
    const ambiguousDates = new Map<string, string>();
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
              text("import.run.columnCount", { found: row.cells.length, expected: source.headers.length }),
            );
            bad = true;
          }
          for (const column of columnSlots) {
            const { cell, result } = readCell(column, row.cells, readOptions);
            if (result.ok) values[column.slot] = result.value;
            else {
              if (result.ambiguousDate && !ambiguousDates.has(column.header))
                ambiguousDates.set(column.header, cellText(cell!));
              problems.add(row.line, column.header, result.reason);
              bad = true;
            }
          }
          for (const fallback of fallbackSlots) values[fallback.slot] ??= values[fallback.from] ?? null;
          if (lineSlots) {
            const order = values[lineSlots.order];
            if (order) linesPerOrder.set(order, (linesPerOrder.get(order) ?? 0) + 1);
            if (!bad && values[lineSlots.amount] === null) {
              const amount = lineAmount(values[lineSlots.quantity] ?? null, values[lineSlots.price] ?? null);
              if (typeof amount === "string") values[lineSlots.amount] = amount;
              else {
                problems.add(row.line, headerOf("unit_price"), text(amount.reason));
                bad = true;
              }
            }
          }
          if (
            !bad &&
            customerSlot >= 0 &&
            orderSlot >= 0 &&
            values[customerSlot] === null &&
            values[orderSlot] === null
          ) {
            problems.add(
              row.line,
              headerOf("customer_code"),
              text("import.run.customerOrOrder", { order: headerOf(spec.customerFrom!) }),
            );
            bad = true;
          }
          if (bad) {
            rowLevelRejected++;
            continue;
          }
          if (extraSlot >= 0)
            values[extraSlot] = mergeExtraAttributes(values[extraSlot] ?? null, extraColumns, row.cells);
          if (values[keySlot] === null && deriveSlots) {
            const parts = deriveSlots.map((slot) => (slot < 0 ? "" : (values[slot] ?? "")));
            // A row known by its order only is told apart by that order (customer_code is first).
            if (parts[0] === "" && orderSlot >= 0 && values[orderSlot] !== null)
              parts[0] = `order:${values[orderSlot]}`;
            values[keySlot] = deriveKey(parts, occurrences);
          }
          good.push(values);
        }
        yield good;
        options.onProgress?.(progress("reading"));
      }
    }
    const plain = rules.valueMaps.size === 0 && rules.defaults.size === 0 && rules.dateFormat === undefined;
    const reader =
      plain && !lineFile && isCanonical(options, source, mapped, spec) ? "canonical" : "validating";
    try {
      if (reader === "canonical") {
        rowsRead = await handle.copyCsv(stage, source.headers, options.file);
        for (const field of fallbacks)
          await sql`${sql.raw(`UPDATE ${q(stage)} SET ${q(field.name)} = ${q(field.fallback!)} WHERE ${q(field.name)} IS NULL`)}`.execute(
            handle.db,
          );
        options.onProgress?.(progress("reading"));
      } else {
        await handle.bulkLoad(stage, ["line", ...staged], validRows());
      }
    } catch (error) {
      // The file's own errors pass through the load unchanged; the database's would name the
      // staging table and speak the driver's language, so the user gets what happened and what to do.
      if (isDbError(error, "DB_BULK_LOAD_FAILED")) {
        throw new ImportError("IMPORT_STAGE_FAILED", { file: fileName }, { cause: error });
      }
      throw error;
    }
    // Day-month dates are not guessed: the whole column needs its order said once.
    if (ambiguousDates.size > 0) {
      const [column, value] = [...ambiguousDates][0]!;
      throw new ImportError("IMPORT_DATES_AMBIGUOUS", { file: fileName, column, value });
    }

    const stagedAt = performance.now();
    options.onProgress?.(progress("checking"));
    const db = handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const stagedBefore = await countRows(db, stage);
    const scope = options.scope ?? ALL_CUSTOMERS;
    await rejectDuplicateKeys(db, stage, spec.key, keyHeader, problems);
    if (scope.kind !== "all")
      await rejectKeysOutOfScope(db, stage, spec, lineFile, scope, headerOf, problems);
    if (orderSlot >= 0 && customerSlot >= 0)
      await customersFromOrders(db, stage, spec.customerFrom!, headerOf(spec.customerFrom!), problems, scope);
    const createCustomers = options.createCustomers === true && referencesCustomers(spec);
    const createProducts = options.createProducts === true;
    for (const reference of spec.references) {
      const header = headerOf(reference.field);
      // Customers out of scope are unknown to this user, even where unknown ones are created.
      if (createCustomers && reference.entity === "customers") {
        if (scope.kind !== "all")
          await rejectUnknownReferences(db, stage, reference, header, problems, scope, true);
        continue;
      }
      if (createProducts && reference.entity === "products") continue;
      await rejectUnknownReferences(db, stage, reference, header, problems, scope);
    }
    if (lineFile) {
      await rejectInconsistentOrders(db, stage, headerOf, problems);
      await rejectIncompleteOrders(db, stage, linesPerOrder, headerOf("order_external_id"), problems);
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
      createdProducts: 0,
      problems: problems.first(),
      problemCount: problems.count,
      warnings,
      mapping,
      seconds: 0,
      timings: { stage: Math.round(stagedAt - started), check: Math.round(checkedAt - stagedAt), merge: 0 },
    };
    if (options.dryRun || (rejected > 0 && !options.skipInvalid)) {
      result.seconds = elapsedSeconds(started);
      return result;
    }

    options.onProgress?.(progress("writing"));
    // Staging tables are made outside the transaction: it holds the one DuckDB connection.
    if (lineFile) await handle.createStagingTable(orderStage, orderStageColumns(staged));
    // As the only writer: another import merging at the same time would insert the same new keys.
    await handle.withWriteLock("import", () =>
      db.transaction().execute(async (trx) => {
        if (createCustomers) result.createdCustomers = await createMissingCustomers(trx, stage);
        if (createProducts && spec.references.some((reference) => reference.entity === "products"))
          result.createdProducts = await createMissingProducts(trx, stage, staged.includes("product_name"));
        if (lineFile) {
          const merged = await mergeOrdersWithLines(trx, handle, stage, orderStage, staged);
          Object.assign(result, merged.orders);
          result.lines = {
            read: rowsRead,
            ...merged.lines,
            unchanged: valid - merged.lines.inserted - merged.lines.updated,
          };
          return;
        }
        const roles = spec.name === "users" && staged.includes("role") ? await roleChanges(trx, stage) : [];
        const merged = await mergeStaged(trx, handle, spec, stage, staged, insertOnly);
        if (roles.length > 0 && options.onRoleChanges)
          await options.onRoleChanges(trx as unknown as Transaction<Database>, await withUserIds(trx, roles));
        result.inserted = merged.inserted;
        result.updated = merged.updated;
        result.unchanged = valid - result.inserted - result.updated;
      }),
    );
    await refreshStatisticsAfter(handle, result, spec, lineFile);
    result.timings.merge = Math.round(performance.now() - checkedAt);
    result.written = true;
    result.seconds = elapsedSeconds(started);
    return result;
  } finally {
    await handle.dropTable(stage);
    if (lineFile) await handle.dropTable(orderStage);
  }
}

/** Tells the planner what the import wrote (DbHandle.refreshStatistics). */
async function refreshStatisticsAfter(
  handle: DbHandle,
  result: ImportResult,
  spec: EntitySpec,
  lineFile: boolean,
): Promise<void> {
  // A file of order lines writes its orders (inserted, updated) and their lines.
  await handle.refreshStatistics([
    { table: lineFile ? "orders" : spec.table, rows: result.inserted + result.updated },
    { table: "order_lines", rows: (result.lines?.inserted ?? 0) + (result.lines?.updated ?? 0) },
    { table: "customers", rows: result.createdCustomers },
    { table: "products", rows: result.createdProducts },
  ]);
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

/**
 * The attribute each unknown column is kept under: its header, or for a header that repeats (two
 * "备注" columns) the header with its occurrence number (备注_2), so no value overwrites another.
 */
function attributeNames(
  columns: readonly HeaderColumn[],
): Array<{ index: number; header: string; attribute: string }> {
  const taken = new Set(columns.map((column) => column.header));
  const used = new Set<string>();
  return columns
    .filter((column) => column.field === null && column.header !== "")
    .map((column) => {
      let attribute = column.header;
      for (let n = 2; used.has(attribute); n++) {
        attribute = `${column.header}_${n}`;
        if (taken.has(attribute) && !used.has(attribute)) attribute = `${column.header}_${n}_`;
      }
      used.add(attribute);
      return { index: column.index, header: column.header, attribute };
    });
}

/** Unknown columns of a customer file are kept, by their attribute names, in the free attributes. */
function mergeExtraAttributes(
  existing: string | null,
  columns: ReadonlyArray<{ index: number; attribute: string }>,
  cells: readonly Cell[],
): string | null {
  const attributes: Record<string, unknown> = existing ? JSON.parse(existing) : {};
  for (const column of columns) {
    const cell = cells[column.index];
    if (cell !== undefined && !isEmpty(cell)) attributes[column.attribute] = cellText(cell);
  }
  return Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : null;
}

/** How one field is read from a row: its column (-1: none, defaults only), value map and default. */
interface CellRule {
  readonly index: number;
  readonly field: FieldSpec;
  readonly valueMap?: ReadonlyMap<string, string>;
  readonly fallback: string | null;
}

/** A row's cell for a field as the import reads it: value-mapped, defaulted, then parsed. */
function readCell(rule: CellRule, cells: readonly Cell[], options: ReadOptions) {
  let cell = rule.index < 0 ? null : (cells[rule.index] ?? null);
  if (rule.valueMap && !isEmptyCell(cell)) {
    const target = rule.valueMap.get(normalizeKey(cellKey(cell!)));
    if (target !== undefined) cell = target;
  }
  if (isEmptyCell(cell) && rule.fallback !== null) cell = rule.fallback;
  return { cell, result: parseField(rule.field, cell, options) };
}

/** A cell as the text a value map compares. */
function cellKey(cell: Exclude<Cell, null>): string {
  return typeof cell === "number" && Number.isInteger(cell) ? String(cell) : cellText(cell);
}

interface ReadRules {
  valueMaps: Map<string, Map<string, string>>;
  defaults: Map<string, string>;
  dateFormat?: DateFormat;
}

/**
 * The value maps, defaults and date format, checked against the entity before the file is read:
 * each names a field, and each target or default is a value the field accepts.
 */
function readRules(spec: EntitySpec, options: ImportOptions): ReadRules {
  const fields = new Map(spec.fields.map((field) => [normalizeKey(field.name), field]));
  const fieldOf = (name: string) => {
    const field = fields.get(normalizeKey(name));
    if (!field)
      throw new ImportOptionError("IMPORT_OPTION_UNKNOWN_FIELD", {
        field: name,
        entity: spec.name,
        fields: spec.fields.map((f) => f.name).join(", "),
      });
    return field;
  };
  let dateFormat: DateFormat | undefined;
  if (options.dateFormat !== undefined) {
    dateFormat = parseDateFormat(options.dateFormat);
    if (!dateFormat)
      throw new ImportOptionError("IMPORT_OPTION_BAD_DATE_FORMAT", { format: options.dateFormat });
  }
  const accepts = (field: FieldSpec, value: string) => {
    const result = parseField({ ...field, required: false }, value, { dateFormat });
    return result.ok ? undefined : result.reason;
  };
  const valueMaps = new Map<string, Map<string, string>>();
  for (const [name, entries] of Object.entries(options.values ?? {})) {
    const field = fieldOf(name);
    const map = valueMaps.get(field.name) ?? new Map<string, string>();
    for (const [from, to] of Object.entries(entries)) {
      const problem = to === "" ? undefined : accepts(field, to);
      if (problem)
        throw new ImportOptionError("IMPORT_OPTION_BAD_VALUE_TARGET", {
          field: field.name,
          from,
          to,
          problem,
        });
      map.set(normalizeKey(from), to);
    }
    valueMaps.set(field.name, map);
  }
  const defaults = new Map<string, string>();
  for (const [name, value] of Object.entries(options.defaults ?? {})) {
    const field = fieldOf(name);
    const problem = accepts(field, value);
    if (problem)
      throw new ImportOptionError("IMPORT_OPTION_BAD_DEFAULT", { field: field.name, value, problem });
    defaults.set(field.name, value);
  }
  return { valueMaps, defaults, dateFormat };
}

function describeMapping(
  spec: EntitySpec,
  columns: readonly HeaderColumn[],
  extra: ReadonlyArray<{ index: number; attribute: string }>,
  rules: ReadRules,
  options: ImportOptions,
): ImportMapping {
  const attributes = new Map(extra.map((column) => [column.index, column.attribute]));
  const uses = columns
    .filter((column) => column.header !== "")
    .map((column): ColumnUse => {
      const base = { column: column.header, position: column.index + 1 };
      if (column.field !== null)
        return {
          ...base,
          use: "field",
          field: column.field,
          matchedBy: column.matchedBy,
          ...(rules.valueMaps.has(column.field) ? { valueMap: true } : {}),
        };
      const attribute = attributes.get(column.index);
      return attribute !== undefined ? { ...base, use: "attribute", attribute } : { ...base, use: "ignored" };
    });
  const hasField = (name: string) => columns.some((column) => column.field === name);
  return {
    entity: spec.name,
    columns: uses,
    defaults: Object.fromEntries(rules.defaults),
    ...(options.dateFormat !== undefined ? { dateFormat: rules.dateFormat!.text } : {}),
    derivedKey: !hasField(spec.key),
    ...(spec.customerFrom && hasField(spec.customerFrom) ? { customerFrom: spec.customerFrom } : {}),
    lines: options.lines === true,
  };
}

/**
 * The problems to show: the first of the file in line order, and at least the first of every
 * kind (a row check, or each SQL check: duplicates, unknown customers …), so that a kind that
 * only starts after many row errors is still seen.
 */
class ProblemCollector {
  readonly #kinds = new Map<string, RowProblem[]>();
  count = 0;
  constructor(readonly file: string) {}

  add(line: number, column: string, reason: Text, kind = "row"): void {
    this.count++;
    // Each kind is reported in line order, so its first MAX_REPORTED_PROBLEMS are all it can show.
    const problems = this.#kinds.get(kind) ?? [];
    this.#kinds.set(kind, problems);
    if (problems.length < MAX_REPORTED_PROBLEMS)
      problems.push({ file: this.file, line, column, reason, kind });
  }

  first(): RowProblem[] {
    const firstOfEach = [...this.#kinds.values()].map((problems) => problems[0]!);
    const rest = [...this.#kinds.values()]
      .flatMap((problems) => problems.slice(1))
      .sort((a, b) => a.line - b.line)
      .slice(0, Math.max(0, MAX_REPORTED_PROBLEMS - firstOfEach.length));
    return [...firstOfEach, ...rest].sort((a, b) => a.line - b.line);
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
    "duplicate",
    rows.map((row) => ({
      line: Number(row.line),
      column: header,
      reason: text("import.run.duplicateKey", { key: row.k, first: Number(row.first) }),
    })),
    Number(total.rows[0]?.n ?? 0),
  );
  await sql`${sql.raw(
    `DELETE FROM ${q(stage)} WHERE line IN (SELECT s.line FROM ${q(stage)} s JOIN (${firstLines}) d ON s.${q(key)} = d.k WHERE s.line > d.first)`,
  )}`.execute(db);
}

/**
 * Rows naming a customer, order or product that is not there are reported and removed. A customer
 * (or an order of a customer) out of `scope` is not there for this user; with `outOfScopeOnly`,
 * only those are (the others will be created).
 */
async function rejectUnknownReferences(
  db: AnyDb,
  stage: string,
  reference: ReferenceSpec,
  header: string,
  problems: ProblemCollector,
  scope: CustomerScope = ALL_CUSTOMERS,
  outOfScopeOnly = false,
): Promise<void> {
  const target = REFERENCE_TARGETS[reference.entity]!;
  const owner =
    reference.entity === "customers" ? "r.id" : "customer_id" in target.columns ? "r.customer_id" : undefined;
  const visible = owner === undefined ? sql<SqlBool>`TRUE` : visibleCustomer(scope, owner);
  const match = sql.raw(
    `SELECT 1 FROM ${q(target.table)} r WHERE r.${q(target.key)} = s.${q(reference.field)}`,
  );
  const known = outOfScopeOnly
    ? sql`NOT EXISTS (${match} AND NOT ${visible})`
    : sql`EXISTS (${match} AND ${visible})`;
  const unknown = sql`${sql.raw(`${q(stage)} s WHERE s.${q(reference.field)} IS NOT NULL`)} AND NOT ${known}`;
  const { rows } = await sql<{ line: number; value: string }>`SELECT s.line, ${sql.raw(
    `s.${q(reference.field)}`,
  )} AS value FROM ${unknown} ORDER BY s.line LIMIT ${sql.raw(String(MAX_REPORTED_PROBLEMS))}`.execute(db);
  if (rows.length === 0) return;
  const total = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${unknown}`.execute(db);
  const entityName = text(`import.entity.${reference.entity}`);
  reportAndRemove(
    problems,
    `reference:${reference.field}`,
    rows.map((row) => ({
      line: Number(row.line),
      column: header,
      reason: text("import.run.unknownReference", { entity: entityName, value: row.value }),
    })),
    Number(total.rows[0]?.n ?? 0),
  );
  await sql`${sql.raw(`DELETE FROM ${q(stage)} WHERE line IN`)} (SELECT s.line FROM ${unknown})`.execute(db);
}

/**
 * Rows whose key is a record of a customer out of `scope` (a customer, or an order, invoice …
 * of one) are reported and removed: merged, they would change what this user may not see. Keys
 * are unique, so the row cannot be taken as a new record either. The problem says only that the
 * key may not be used: not whose it is, nor that it belongs to a customer (issue 10 §4: a customer
 * out of scope leaks through nothing).
 */
async function rejectKeysOutOfScope(
  db: AnyDb,
  stage: string,
  spec: EntitySpec,
  lineFile: boolean,
  scope: CustomerScope,
  headerOf: (field: string) => string,
  problems: ProblemCollector,
): Promise<void> {
  // A file of order lines makes orders: their keys are the order numbers.
  const [table, tableKey, stageKey] = lineFile
    ? ["orders", "external_id", "order_external_id"]
    : [spec.table, spec.key, spec.key];
  const owner = table === "customers" ? "t.id" : spec.customerOwned || lineFile ? "t.customer_id" : undefined;
  if (owner === undefined) return;
  const outOfScope: Expression<SqlBool> = sql<SqlBool>`EXISTS (${sql.raw(
    `SELECT 1 FROM ${q(table)} t WHERE t.${q(tableKey)} = s.${q(stageKey)}`,
  )} AND NOT ${visibleCustomer(scope, owner)})`;
  const from = sql`${sql.raw(`${q(stage)} s`)} WHERE ${outOfScope}`;
  const { rows } = await sql<{ line: number; value: string }>`SELECT s.line, ${sql.raw(
    `s.${q(stageKey)}`,
  )} AS value FROM ${from} ORDER BY s.line LIMIT ${sql.raw(String(MAX_REPORTED_PROBLEMS))}`.execute(db);
  if (rows.length === 0) return;
  const total = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${from}`.execute(db);
  reportAndRemove(
    problems,
    "notAllowed",
    rows.map((row) => ({
      line: Number(row.line),
      column: headerOf(stageKey),
      reason: text("import.run.notAllowed", { value: row.value }),
    })),
    Number(total.rows[0]?.n ?? 0),
  );
  await sql`${sql.raw(`DELETE FROM ${q(stage)} WHERE line IN`)} (SELECT s.line FROM ${from})`.execute(db);
}

/** Adds the reported rows and counts the rest of `total` without keeping their text. */
function reportAndRemove(
  problems: ProblemCollector,
  kind: string,
  reported: ReadonlyArray<{ line: number; column: string; reason: Text }>,
  total: number,
): void {
  for (const problem of reported) problems.add(problem.line, problem.column, problem.reason, kind);
  problems.count += Math.max(0, total - reported.length);
}

/**
 * Rows that name an order but no customer take the order's customer; those whose order is not in
 * the database are reported and removed (they belong to no one).
 */
async function customersFromOrders(
  db: AnyDb,
  stage: string,
  orderField: string,
  header: string,
  problems: ProblemCollector,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<void> {
  // Most files name the customer on every row: then the orders are not read at all.
  const { rows: orphans } = await sql`${sql.raw(
    `SELECT 1 AS one FROM ${q(stage)} WHERE customer_code IS NULL LIMIT 1`,
  )}`.execute(db);
  if (orphans.length === 0) return;
  // Only the orders of customers in scope are known: the others stay unknown orders.
  await sql`${sql.raw(
    `UPDATE ${q(stage)} SET customer_code = m.code
     FROM (SELECT o.external_id, c.code FROM orders o JOIN customers c ON c.id = o.customer_id WHERE`,
  )} ${visibleCustomer(scope, "c.id")}) m
     ${sql.raw(`WHERE ${q(stage)}.customer_code IS NULL AND ${q(stage)}.${q(orderField)} = m.external_id`)}`.execute(
    db,
  );
  const unknown = `${q(stage)} s WHERE s.customer_code IS NULL`;
  const { rows } = await sql<{ line: number; value: string }>`${sql.raw(
    `SELECT s.line, s.${q(orderField)} AS value FROM ${unknown} ORDER BY s.line LIMIT ${MAX_REPORTED_PROBLEMS}`,
  )}`.execute(db);
  if (rows.length === 0) return;
  const total = await sql<{ n: number }>`${sql.raw(`SELECT COUNT(*) AS n FROM ${unknown}`)}`.execute(db);
  const entityName = text("import.entity.orders");
  reportAndRemove(
    problems,
    "reference:order",
    rows.map((row) => ({
      line: Number(row.line),
      column: header,
      reason: text("import.run.unknownReference", { entity: entityName, value: row.value }),
    })),
    Number(total.rows[0]?.n ?? 0),
  );
  await sql`${sql.raw(`DELETE FROM ${q(stage)} WHERE customer_code IS NULL`)}`.execute(db);
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
  insertOnly: ReadonlySet<string> = new Set(),
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
  const changing = columns.filter((column) => column !== spec.key && !insertOnly.has(column));
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

/** The staged users whose role differs from the stored one (or who are new with a role). */
async function roleChanges(
  trx: AnyDb,
  stage: string,
): Promise<{ username: string; before: string | null; after: string | null }[]> {
  const { rows } = await sql<{ username: string; before: string | null; after: string | null }>`${sql.raw(
    `SELECT s.username, u.role AS before, CAST(s.role AS TEXT) AS after FROM ${q(stage)} s
     LEFT JOIN users u ON u.username = s.username
     WHERE u.role IS DISTINCT FROM CAST(s.role AS TEXT) ORDER BY s.username`,
  )}`.execute(trx);
  return rows;
}

/** The role changes with the ids the users have after the merge. */
async function withUserIds(
  trx: AnyDb,
  changes: readonly { username: string; before: string | null; after: string | null }[],
): Promise<RoleChange[]> {
  const { rows } = await sql<{ id: number | bigint; username: string }>`
    SELECT id, username FROM users WHERE username IN (${sql.join(changes.map((c) => c.username))})`.execute(
    trx,
  );
  const ids = new Map(rows.map((row) => [row.username, Number(row.id)]));
  return changes.map((change) => ({ ...change, userId: ids.get(change.username)! }));
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

// ---------------------------------------------------------------------------------------------
// Files of order lines (ORDER_LINE_FILE): staged as lines, then made into orders and lines.

/**
 * A line's amount as quantity × unit price, to the cent, rounded half away from zero (both are
 * two-decimal texts, so the product is exact before rounding). Without a unit price there is none.
 */
function lineAmount(quantity: string | null, price: string | null): string | { reason: string } {
  if (quantity === null || price === null) return { reason: "import.run.lineAmountMissing" };
  const cents = (text: string) => BigInt(text.replace(".", ""));
  const product = cents(quantity) * cents(price); // in 1/10000
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + 50n) / 100n;
  if (rounded >= 10n ** 14n) return { reason: "import.run.lineAmountTooLarge" };
  const text = rounded.toString().padStart(3, "0");
  return `${negative && rounded > 0n ? "-" : ""}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Lines of one order must agree on its customer and date: the order is left out when they do not. */
async function rejectInconsistentOrders(
  db: AnyDb,
  stage: string,
  headerOf: (field: string) => string,
  problems: ProblemCollector,
): Promise<void> {
  for (const field of ["customer_code", "order_date"]) {
    const first = `SELECT order_external_id AS o, MIN(line) AS first FROM ${q(stage)} GROUP BY order_external_id
                   HAVING COUNT(DISTINCT ${q(field)}) > 1 OR (COUNT(${q(field)}) > 0 AND COUNT(${q(field)}) < COUNT(*))`;
    const { rows } = await sql<{
      line: number;
      o: string;
      first: number;
      value: string | null;
      firstValue: string | null;
    }>`${sql.raw(
      `SELECT s.line, d.o, d.first, s.${q(field)} AS value, f.${q(field)} AS "firstValue"
       FROM ${q(stage)} s JOIN (${first}) d ON s.order_external_id = d.o
       JOIN ${q(stage)} f ON f.line = d.first
       WHERE s.${q(field)} IS DISTINCT FROM f.${q(field)} ORDER BY s.line LIMIT ${MAX_REPORTED_PROBLEMS}`,
    )}`.execute(db);
    if (rows.length === 0) continue;
    const total = await sql<{ n: number }>`${sql.raw(
      `SELECT COUNT(*) AS n FROM ${q(stage)} s JOIN (${first}) d ON s.order_external_id = d.o
       JOIN ${q(stage)} f ON f.line = d.first WHERE s.${q(field)} IS DISTINCT FROM f.${q(field)}`,
    )}`.execute(db);
    reportAndRemove(
      problems,
      `order:${field}`,
      rows.map((row) => ({
        line: Number(row.line),
        column: headerOf(field),
        reason: text("import.run.orderDisagrees", {
          order: row.o,
          value: row.value ?? "",
          first: Number(row.first),
          firstValue: row.firstValue ?? "",
        }),
      })),
      Number(total.rows[0]?.n ?? 0),
    );
    await sql`${sql.raw(`DELETE FROM ${q(stage)} WHERE order_external_id IN (SELECT o FROM (${first}) d)`)}`.execute(
      db,
    );
  }
}

/**
 * An order some of whose lines were refused is left out whole: written short, its amount would be
 * wrong without a word. Reported once per order, at its first line still staged.
 */
async function rejectIncompleteOrders(
  db: AnyDb,
  stage: string,
  linesPerOrder: ReadonlyMap<string, number>,
  header: string,
  problems: ProblemCollector,
): Promise<void> {
  const { rows } = await sql<{ o: string; n: number | string; first: number }>`${sql.raw(
    `SELECT order_external_id AS o, COUNT(*) AS n, MIN(line) AS first FROM ${q(stage)} GROUP BY order_external_id ORDER BY first`,
  )}`.execute(db);
  const incomplete = rows.filter((row) => Number(row.n) < (linesPerOrder.get(row.o) ?? 0));
  for (const row of incomplete)
    problems.add(
      Number(row.first),
      header,
      text("import.run.orderIncomplete", {
        order: row.o,
        bad: (linesPerOrder.get(row.o) ?? 0) - Number(row.n),
      }),
      "order:incomplete",
    );
  // In slices, so that no statement carries an unbounded list of values.
  for (let at = 0; at < incomplete.length; at += 500) {
    const list = incomplete
      .slice(at, at + 500)
      .map((row) => `'${row.o.replaceAll("'", "''")}'`)
      .join(", ");
    await sql`${sql.raw(`DELETE FROM ${q(stage)} WHERE order_external_id IN (${list})`)}`.execute(db);
  }
}

async function createMissingProducts(trx: AnyDb, stage: string, hasName: boolean): Promise<number> {
  const name = hasName ? "COALESCE(MIN(s.product_name), s.sku)" : "s.sku";
  const result = await sql`${sql.raw(
    `INSERT INTO products (sku, name) SELECT s.sku, ${name} FROM ${q(stage)} s
     WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = s.sku) GROUP BY s.sku`,
  )}`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/** The order columns made from a line file's staged columns, with the SQL that makes each from the lines. */
function orderColumns(staged: readonly string[], text = "TEXT"): Array<[string, string]> {
  const has = (name: string) => staged.includes(name);
  const sum = (column: string) => `CAST(SUM(CAST(${q(column)} AS DECIMAL(18,2))) AS ${text})`;
  const columns: Array<[string, string]> = [
    ["external_id", "order_external_id"],
    ["customer_code", "MIN(customer_code)"],
    ["order_date", "MIN(order_date)"],
    ["amount", sum("amount")],
    ["quantity", sum("quantity")],
  ];
  if (has("cost")) columns.push(["cost", `CASE WHEN COUNT(cost) = COUNT(*) THEN ${sum("cost")} END`]);
  if (has("channel")) columns.push(["channel", "MIN(channel)"]);
  if (has("status")) columns.push(["status", "MIN(status)"]);
  return columns;
}

function orderStageColumns(staged: readonly string[]): string[] {
  return orderColumns(staged).map(([name]) => name);
}

/** The orders the staged lines make (amount, quantity and, when every line has one, cost summed), then the lines. */
async function mergeOrdersWithLines(
  trx: AnyDb,
  handle: DbHandle,
  stage: string,
  orderStage: string,
  staged: readonly string[],
): Promise<{
  orders: { inserted: number; updated: number; unchanged: number };
  lines: { inserted: number; updated: number };
}> {
  const columns = orderColumns(staged, handle.sqlTypes.text);
  await sql`${sql.raw(
    `INSERT INTO ${q(orderStage)} (line, ${columns.map(([name]) => q(name)).join(", ")})
     SELECT MIN(line), ${columns.map(([, expression]) => expression).join(", ")} FROM ${q(stage)} GROUP BY order_external_id`,
  )}`.execute(trx);
  const orderCount = await countRows(trx, orderStage);
  const names = columns.map(([name]) => name);
  const orders = await mergeStaged(trx, handle, ENTITIES.orders, orderStage, names);
  const lineColumns = ["external_id", "order_external_id", "sku", "quantity", "unit_price", "amount", "cost"];
  const lines = await mergeStaged(
    trx,
    handle,
    ENTITIES["order-lines"],
    stage,
    lineColumns.filter((name) => staged.includes(name)),
  );
  return { orders: { ...orders, unchanged: orderCount - orders.inserted - orders.updated }, lines };
}
