import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

for (const engine of ENGINES) {
  describe(`selectColumns on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await handle.db
        .insertInto("customers")
        .values([
          { code: "007", name: "甲", credit_limit: "1234.56", registered_on: "2024-02-29" },
          { code: "008", name: null, credit_limit: null, registered_on: null },
        ])
        .execute();
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("returns each column in row order, doubles as a Float64Array with NaN for NULL", async () => {
      const double = sql.raw(handle.sqlTypes.double);
      const query = sql`
        SELECT code, name, CAST(credit_limit AS ${double}) AS credit, CAST(registered_on AS TEXT) AS registered,
               CAST(LENGTH(code) AS ${double}) AS width
        FROM customers WHERE code >= ${"007"} ORDER BY code`.compile(handle.db);
      expect(await handle.selectColumns(query)).toEqual({
        code: ["007", "008"],
        name: ["甲", null],
        credit: Float64Array.from([1234.56, Number.NaN]),
        registered: ["2024-02-29", null],
        width: Float64Array.from([3, 3]),
      });
    });

    it("keeps each NULL in its place across many chunks of rows", async () => {
      // 5,000 rows (DuckDB hands them over in chunks of 2,048): NULL where n is a multiple of 7,
      // and a second column NULL on every row but the 3,000th.
      const double = sql.raw(handle.sqlTypes.double);
      const query = sql`
        SELECT CAST(CASE WHEN n % 7 = 0 THEN NULL ELSE n * 0.5 END AS ${double}) AS half,
               CAST(CASE WHEN n = 3000 THEN n END AS ${double}) AS only
        FROM generate_series(1, 5000) AS g (n) ORDER BY n`.compile(handle.db);
      const { half, only } = (await handle.selectColumns(query)) as {
        half: Float64Array;
        only: Float64Array;
      };
      expect(half).toEqual(
        Float64Array.from({ length: 5000 }, (_, i) => ((i + 1) % 7 === 0 ? Number.NaN : (i + 1) * 0.5)),
      );
      expect(Array.from(only).filter((value) => !Number.isNaN(value))).toEqual([3000]);
      expect(only[2999]).toBe(3000);
    });

    it("returns empty columns for no rows", async () => {
      const query = sql`SELECT code FROM customers WHERE code = ${"none"}`.compile(handle.db);
      expect(await handle.selectColumns(query)).toEqual({ code: [] });
    });
  });
}
