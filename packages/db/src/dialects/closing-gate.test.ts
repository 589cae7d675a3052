import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { isDbError } from "../errors.ts";
import { ENGINES, openTestDb } from "../testing/engines.ts";

/** A query that keeps a connection busy for a while on both engines. */
const slow = sql<{ n: number }>`SELECT CAST(count(*) AS INTEGER) AS n FROM generate_series(1, 3000000)`;

for (const engine of ENGINES) {
  describe(`closing a handle under load on ${engine}`, () => {
    it("lets running queries finish, refuses the waiting ones with DB_CLOSED, then closes", async () => {
      const handle = await openTestDb(engine);
      // Many more queries than connections (DuckDB: 4 readers, PostgreSQL: a pool of 10).
      const outcomes = Array.from({ length: 60 }, (_, i) =>
        slow.execute(i % 2 === 0 ? handle.read : handle.db).then(
          (result) => ({ ok: result.rows[0]?.n === 3_000_000 }),
          (error: unknown) => ({ ok: false, closed: isDbError(error, "DB_CLOSED"), error }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await handle.close();
      const settled = await Promise.all(outcomes);
      const refused = settled.filter((outcome) => !outcome.ok);
      // Every query either got its whole answer or was refused as closing: none met a closed connection.
      expect(refused.filter((outcome) => !("closed" in outcome && outcome.closed))).toEqual([]);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length).toBeLessThan(settled.length);
      await expect(handle.read.selectFrom("users").select("id").execute()).rejects.toMatchObject({
        code: "DB_CLOSED",
      });
      await expect(handle.selectColumns(sql`SELECT 1 AS one`.compile(handle.db))).rejects.toMatchObject({
        code: "DB_CLOSED",
      });
      // A second close waits for the same closing and does not fail.
      await handle.close();
    }, 60_000);
  });
}
