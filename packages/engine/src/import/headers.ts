import type { EntitySpec } from "@custra/core";
import { CustraError, type Text, type TextParams, text } from "@custra/core/errors";
import "./messages.ts";
import "./pipeline.messages.ts";
import { normalizeKey } from "./values.ts";

export interface HeaderColumn {
  /** 0-based position of the column in the row's cells. */
  index: number;
  header: string;
  /** The entity field the column holds, or null when it holds none. */
  field: string | null;
  /** How the field was found: given with --map (or a profile), the field's own name, or an alias. */
  matchedBy?: "map" | "name" | "alias";
}

export interface HeaderMatch {
  columns: HeaderColumn[];
  /** Required fields no column holds (the key is not required when the entity can derive it). */
  missing: string[];
  /** Non-empty headers that name no field. */
  unknown: string[];
  /** Problems that make the mapping unusable: bad map entries, two columns for one field. */
  errors: Text[];
}

/**
 * Decides which column holds which field of `spec`. `map` (from --map, column → field; an empty
 * field: the column holds none) is applied first and wins; the other columns are matched by field name, then by the field's aliases,
 * ignoring case, width, spaces, underscores and hyphens. A field name beats another field's alias.
 */
export function matchHeaders(
  headers: readonly string[],
  spec: EntitySpec,
  map: Readonly<Record<string, string>> = {},
  /** Fields given a value for every row (profile defaults): not missing when no column has them. */
  supplied: ReadonlySet<string> = new Set(),
): HeaderMatch {
  const fieldNames = new Map(spec.fields.map((field) => [normalizeKey(field.name), field.name]));
  const byHeader = new Map(fieldNames);
  for (const field of spec.fields) {
    for (const alias of field.aliases) {
      const key = normalizeKey(alias);
      if (!byHeader.has(key)) byHeader.set(key, field.name);
    }
  }

  const columns: HeaderColumn[] = headers.map((header, index) => ({ index, header, field: null }));
  const errors: Text[] = [];
  const unknown: string[] = [];
  const mapped = new Set<number>();
  const takenBy = new Map<string, HeaderColumn>();
  const left = new Set<number>();

  for (const [column, fieldWritten] of Object.entries(map)) {
    const index = findColumn(headers, column);
    // An empty field: the column holds none, whatever its header's alias says (the web import's
    // "not imported"). A column the file lacks is nothing to leave out.
    if (fieldWritten.trim() === "") {
      if (index !== undefined && !mapped.has(index)) left.add(index);
      continue;
    }
    const field = fieldNames.get(normalizeKey(fieldWritten));
    if (field === undefined) {
      errors.push(
        text("import.header.mapUnknownField", {
          column,
          field: fieldWritten,
          entity: spec.name,
          fields: spec.fields.map((f) => f.name).join(", "),
        }),
      );
      continue;
    }
    if (index === undefined) {
      errors.push(
        text("import.header.mapUnknownColumn", {
          column,
          field,
          columns: headers.filter((h) => h !== "").join(", "),
        }),
      );
      continue;
    }
    const target = columns[index]!;
    const earlier = takenBy.get(field);
    if (earlier) {
      errors.push(
        text("import.header.mapSameField", { first: earlier.header, second: target.header, field }),
      );
      continue;
    }
    if (mapped.has(index)) {
      errors.push(
        text("import.header.mapColumnTwice", {
          column: target.header,
          first: target.field ?? "",
          second: field,
        }),
      );
      continue;
    }
    target.field = field;
    target.matchedBy = "map";
    mapped.add(index);
    takenBy.set(field, target);
  }

  for (const column of columns) {
    if (mapped.has(column.index) || column.header === "") continue;
    if (left.has(column.index)) {
      unknown.push(column.header);
      continue;
    }
    const field = byHeader.get(normalizeKey(column.header));
    const earlier = field === undefined ? undefined : takenBy.get(field);
    if (field === undefined || (earlier && mapped.has(earlier.index))) {
      // A column whose field --map gave to another column is as good as unknown.
      unknown.push(column.header);
      continue;
    }
    if (earlier) {
      errors.push(
        text("import.header.duplicateField", {
          first: earlier.header,
          firstIndex: earlier.index + 1,
          second: column.header,
          secondIndex: column.index + 1,
          field,
        }),
      );
      continue;
    }
    column.field = field;
    column.matchedBy = fieldNames.has(normalizeKey(column.header)) ? "name" : "alias";
    takenBy.set(field, column);
  }

  const missing = spec.fields
    .filter((field) => field.required && !takenBy.has(field.name) && !supplied.has(field.name))
    .filter((field) => !(field.name === spec.key && spec.deriveKeyFrom))
    .map((field) => field.name);
  // A record that names no customer may name an order of theirs instead.
  const customerViaOrder = spec.customerFrom !== undefined && takenBy.has(spec.customerFrom);
  if (
    spec.customerFrom &&
    !customerViaOrder &&
    !takenBy.has("customer_code") &&
    !supplied.has("customer_code")
  )
    missing.push("customer_code");

  return { columns, missing, unknown, errors };
}

/** The column a --map entry names: the header as written, else the first that compares equal. */
function findColumn(headers: readonly string[], column: string): number | undefined {
  const exact = headers.indexOf(column);
  if (exact >= 0) return exact;
  const key = normalizeKey(column);
  const loose = headers.findIndex((header) => header !== "" && normalizeKey(header) === key);
  return loose >= 0 ? loose : undefined;
}

export type ImportOptionErrorCode =
  /** A map entry is not "column=field". */
  | "IMPORT_OPTION_MAP_MALFORMED"
  /** The map names one column twice, for different fields. */
  | "IMPORT_OPTION_MAP_COLUMN_TWICE"
  /** A value map entry is not "field:source=target,…". */
  | "IMPORT_OPTION_VALUES_MALFORMED"
  /** A value map or a default names a field the entity does not have. */
  | "IMPORT_OPTION_UNKNOWN_FIELD"
  /** A value map's target is not a value its field accepts. */
  | "IMPORT_OPTION_BAD_VALUE_TARGET"
  /** A default is not a value its field accepts. */
  | "IMPORT_OPTION_BAD_DEFAULT"
  | "IMPORT_OPTION_BAD_DATE_FORMAT"
  /** A file of order lines is asked for another entity than orders. */
  | "IMPORT_OPTION_LINES_ORDERS_ONLY";

const OPTION_MESSAGE_KEYS: Record<ImportOptionErrorCode, string> = {
  IMPORT_OPTION_MAP_MALFORMED: "import.header.badMapOption",
  IMPORT_OPTION_MAP_COLUMN_TWICE: "import.header.mapColumnTwice",
  IMPORT_OPTION_VALUES_MALFORMED: "import.header.badValuesOption",
  IMPORT_OPTION_UNKNOWN_FIELD: "import.run.unknownOptionField",
  IMPORT_OPTION_BAD_VALUE_TARGET: "import.run.badValueTarget",
  IMPORT_OPTION_BAD_DEFAULT: "import.run.badDefault",
  IMPORT_OPTION_BAD_DATE_FORMAT: "import.run.badDateFormat",
  IMPORT_OPTION_LINES_ORDERS_ONLY: "import.run.linesOrdersOnly",
};

/** An import option that cannot be used as given (the CLI reports it as a usage error). */
export class ImportOptionError extends CustraError<ImportOptionErrorCode> {
  override readonly name = "ImportOptionError";

  constructor(code: ImportOptionErrorCode, params: TextParams = {}) {
    super(code, OPTION_MESSAGE_KEYS[code], params);
  }
}

/**
 * Reads repeated `--map column=field` options into a column → field record. The last "=" splits,
 * so a column name may itself contain "=". Throws `ImportOptionError` on a malformed entry or a
 * column mapped twice to different fields.
 */
export function parseMapOptions(values: readonly string[]): Record<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    const at = value.lastIndexOf("=");
    const column = at < 0 ? "" : value.slice(0, at).trim();
    const field = at < 0 ? "" : value.slice(at + 1).trim();
    if (column === "" || field === "") {
      throw new ImportOptionError("IMPORT_OPTION_MAP_MALFORMED", { value: JSON.stringify(value) });
    }
    const earlier = map.get(column);
    if (earlier !== undefined && earlier !== field) {
      throw new ImportOptionError("IMPORT_OPTION_MAP_COLUMN_TWICE", {
        column,
        first: earlier,
        second: field,
      });
    }
    map.set(column, field);
  }
  return Object.fromEntries(map);
}

/**
 * Reads repeated `--values field:source=target,source=target` options into field → (source →
 * target) maps: `--values status:delivered=completed,canceled=cancelled --values 性别:男=M`.
 * The first ":" ends the field; entries are split at "," and each at its last "="; an empty target
 * (`无=`) means an empty cell. A value holding "," or ":" is written in a profile instead.
 */
export function parseValuesOptions(values: readonly string[]): Record<string, Record<string, string>> {
  const maps: Record<string, Record<string, string>> = {};
  for (const value of values) {
    const at = value.indexOf(":");
    const field = at < 0 ? "" : value.slice(0, at).trim();
    const entries = at < 0 ? [] : value.slice(at + 1).split(",");
    const map: Record<string, string> = maps[field] ?? {};
    maps[field] = map;
    for (const entry of entries) {
      const eq = entry.lastIndexOf("=");
      const source = eq < 0 ? "" : entry.slice(0, eq).trim();
      if (source === "") break;
      map[source] = entry.slice(eq + 1).trim();
    }
    const wellFormed =
      field !== "" &&
      entries.length > 0 &&
      entries.every(
        (entry) => entry.lastIndexOf("=") > 0 && entry.slice(0, entry.lastIndexOf("=")).trim() !== "",
      );
    if (!wellFormed) {
      throw new ImportOptionError("IMPORT_OPTION_VALUES_MALFORMED", { value: JSON.stringify(value) });
    }
  }
  return maps;
}
