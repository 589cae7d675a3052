import { sql } from "kysely";
import type { DbHandle } from "./open.ts";
import { CUSTRA_TABLES, type CustraTable } from "./schema.ts";

/** Rows in each custra table (exact counts, in load order), for `custra db info`. */
export async function tableCounts(handle: DbHandle): Promise<Record<CustraTable, number>> {
  const selects = CUSTRA_TABLES.map((table) => `SELECT '${table}' AS name, count(*) AS n FROM ${table}`);
  const { rows } = await sql
    .raw<{ name: CustraTable; n: number }>(selects.join(" UNION ALL "))
    .execute(handle.db);
  const counts = Object.fromEntries(CUSTRA_TABLES.map((table) => [table, 0])) as Record<CustraTable, number>;
  for (const row of rows) counts[row.name] = Number(row.n);
  return counts;
}
