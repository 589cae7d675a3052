import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BULK_WRITE_ROWS, type DbHandle } from "./open.ts";
import { openTestDb } from "./testing/engines.ts";

// PostgreSQL only: it plans from sampled statistics that a bulk write leaves stale. DuckDB keeps
// its statistics as it writes and its refreshStatistics does nothing, so there is nothing to test.
describe("planner statistics after a bulk write on postgres", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb("postgres");
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** What PostgreSQL estimates a query returns, and what pg_class says a table holds (-1: never analysed). */
  const estimate = async (query: string) => {
    const { rows } = await sql
      .raw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(`EXPLAIN (FORMAT JSON) ${query}`)
      .execute(handle.db);
    return rows[0]!["QUERY PLAN"][0].Plan["Plan Rows"];
  };
  const tuples = async (table: string) => {
    const { rows } = await sql<{ n: number }>`
      SELECT reltuples AS n FROM pg_class WHERE relname = ${table} AND relnamespace = current_schema()::regnamespace`.execute(
      handle.db,
    );
    return Number(rows[0]!.n);
  };

  it("refreshes the tables written in bulk, and leaves small writes to autovacuum", async () => {
    // 10,000 customers, 9,000 of them one salesperson's: her list is most of the table.
    await sql`INSERT INTO customers (code, name, owner)
      SELECT 'C' || g, 'name ' || g, CASE WHEN g <= 9000 THEN 'wang.li' ELSE 'user' || g END
      FROM generate_series(1, ${BULK_WRITE_ROWS}) g`.execute(handle.db);
    const hers = "SELECT id FROM customers WHERE owner = 'wang.li'";
    // Unanalysed, the planner guesses a fraction of a percent: a plan made for a few rows.
    expect(await estimate(hers)).toBeLessThan(1000);

    await handle.refreshStatistics([
      { table: "customers", rows: BULK_WRITE_ROWS },
      { table: "orders", rows: BULK_WRITE_ROWS - 1 },
    ]);
    expect(await tuples("customers")).toBe(BULK_WRITE_ROWS);
    expect(await estimate(hers)).toBeGreaterThan(8000);
    expect(await tuples("orders")).toBe(-1);
  });
});
