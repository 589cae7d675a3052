import {
  blobValue,
  type DuckDBDateValue,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  type JS,
  JSDuckDBValueConverter,
  listValue,
  timestampTZValue,
} from "@duckdb/node-api";
import { DbError } from "../../errors.ts";

/*
 * DuckDB's own JS conversion gives BIGINT as bigint and DATE as a midnight-UTC Date. custra
 * reads the same values from both engines (see dialects/postgres/values.ts), so integers become
 * numbers and dates 'YYYY-MM-DD' strings (JSON is parsed in driver.ts); the rest follows DuckDB's.
 */

const MS_PER_DAY = 86_400_000;

export function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DbError("DB_UNSAFE_INTEGER", "db.unsafe_integer", { value });
  }
  return Number(value);
}

function dateString(value: DuckDBDateValue): string {
  // Years beyond 0000-9999 and ±infinity have no ISO form a JS Date gives; DuckDB's text does.
  const ms = value.days * MS_PER_DAY;
  const year = new Date(ms).getUTCFullYear();
  return year >= 0 && year <= 9999 && Number.isFinite(ms)
    ? new Date(ms).toISOString().slice(0, 10)
    : value.toString();
}

export const toJs: DuckDBValueConverter<unknown> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return safeNumber(value as bigint);
    case DuckDBTypeId.DATE:
      return dateString(value as DuckDBDateValue);
    default:
      // Nested values (lists, structs) recurse through `converter`, i.e. through this function.
      return JSDuckDBValueConverter(value, type, converter as DuckDBValueConverter<JS>);
  }
};

/**
 * A query parameter as DuckDB binds it. Whole numbers bind as BIGINT, not DOUBLE, so that
 * `id = $1` compares integers and `LIMIT $1` is accepted; Dates bind as TIMESTAMPTZ.
 */
export function toDuckDB(value: unknown): DuckDBValue {
  switch (typeof value) {
    case "undefined":
      return null;
    case "string":
    case "boolean":
    case "bigint":
      return value;
    case "number":
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case "object":
      if (value === null) return null;
      if (value instanceof Date) return timestampTZValue(BigInt(value.getTime()) * 1000n);
      if (value instanceof Uint8Array) return blobValue(value);
      if (Array.isArray(value)) return listValue(value.map(toDuckDB));
      // Like pg: any other object goes in as its JSON text.
      return JSON.stringify(value);
    default:
      throw new TypeError(`cannot bind a ${typeof value} as a DuckDB parameter`);
  }
}
