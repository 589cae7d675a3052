import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DbError, isDbError, isSourceError, reasonOf } from "../../errors.ts";
import { inBatches, quoteIdent, type RowSource } from "../engine-dialect.ts";

/*
 * COPY … FROM STDIN in text format: PostgreSQL parses each value as its column's type, the same
 * casts the importer's SQL uses, and the whole COPY is one statement, so a bad value loads nothing.
 */

const BATCH = 4096;
const SPECIAL = /[\\\n\r\t]/;

/** A value in COPY text format: backslash, newline, carriage return and tab escaped; NULL is \N. */
export function copyText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\n\r\t]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t",
  );
}

export function postgresBulkLoad(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
  rows: RowSource,
): Promise<number> {
  return copyInto(pool, table, `(${columns.map(quoteIdent).join(", ")}) FROM STDIN`, () =>
    Readable.from(copyLines(table, columns.length, rows)),
  );
}

/** COPY … FROM STDIN (FORMAT csv, HEADER): PostgreSQL parses the file itself. */
export function postgresCopyCsv(pool: pg.Pool, table: string, columns: readonly string[], file: string) {
  return copyInto(
    pool,
    table,
    `(${columns.map(quoteIdent).join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
    () => createReadStream(file),
  );
}

async function copyInto(pool: pg.Pool, table: string, what: string, source: () => Readable): Promise<number> {
  const client = await pool.connect();
  let failed = false;
  try {
    const copy = client.query(copyFrom(`COPY ${quoteIdent(table)} ${what}`));
    await pipeline(source(), copy);
    return copy.rowCount;
  } catch (error) {
    failed = true;
    if (isDbError(error) || isSourceError(error)) throw error;
    throw new DbError(
      "DB_BULK_LOAD_FAILED",
      "db.bulk_load_failed",
      { table, reason: reasonOf(error) },
      {
        cause: error,
      },
    );
  } finally {
    // An aborted COPY may leave the connection mid-protocol; discard it rather than reuse it.
    client.release(failed);
  }
}

async function* copyLines(table: string, width: number, rows: RowSource): AsyncGenerator<string> {
  let count = 0;
  for await (const batch of inBatches(rows, BATCH)) {
    let block = "";
    for (const row of batch) {
      count++;
      if (row.length !== width) {
        throw new DbError("DB_BULK_LOAD_FAILED", "db.bad_row", {
          table,
          row: count,
          actual: row.length,
          expected: width,
        });
      }
      let line = copyText(row[0]);
      for (let i = 1; i < width; i++) line += `\t${copyText(row[i])}`;
      block += `${line}\n`;
    }
    yield block;
  }
}
