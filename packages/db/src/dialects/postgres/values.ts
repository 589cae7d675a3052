import pg from "pg";
import { DbError } from "../../errors.ts";

/*
 * pg returns BIGINT and NUMERIC as strings and DATE as a local-midnight Date, which shifts the
 * calendar day west of UTC. custra reads the same values from both engines (see
 * dialects/duckdb/values.ts): integers and decimals as numbers, dates as 'YYYY-MM-DD', instants
 * as Dates. The parsers are given to each pool, not set globally, so other pg users in the same
 * process keep pg's defaults.
 */

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, int8Array: 1016, numericArray: 1231 };

export function int8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new DbError("DB_UNSAFE_INTEGER", "db.unsafe_integer", { value: text });
  return value;
}

const numeric = (text: string): number => Number(text);
const identity = (text: string): string => text;
/** TIMESTAMP without zone holds UTC in custra, as in DuckDB, not the machine's local time. */
const utcTimestamp = (text: string): Date | string => {
  const date = new Date(`${text.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? text : date;
};

const defaultParser = pg.types.getTypeParser;
// pg's parser for text[] (oid 1009) splits any array literal into its elements' texts.
const textArray = (defaultParser as (oid: number, format: "text") => (text: string) => (string | null)[])(
  1009,
  "text",
);
const parseArray = (text: string): (string | null)[] => textArray(text);

const textParsers = new Map<number, (text: string) => unknown>([
  [OID.int8, int8],
  [OID.numeric, numeric],
  [OID.date, identity],
  [OID.timestamp, utcTimestamp],
  [OID.int8Array, (text) => parseArray(text).map((item) => (item === null ? null : int8(item)))],
  [OID.numericArray, (text) => parseArray(text).map((item) => (item === null ? null : numeric(item)))],
]);

export const custraTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    const parser = format === "binary" ? undefined : textParsers.get(oid);
    return parser ?? defaultParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};
