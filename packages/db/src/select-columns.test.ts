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

    it("returns empty columns for no rows", async () => {
      const query = sql`SELECT code FROM customers WHERE code = ${"none"}`.compile(handle.db);
      expect(await handle.selectColumns(query)).toEqual({ code: [] });
    });
  });
}
