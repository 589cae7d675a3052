import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isDbError } from "./errors.ts";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

/** Both engines must hand back the same JS values for the same stored data. */
for (const engine of ENGINES) {
  describe(`value normalization on ${engine}`, () => {
    let handle: DbHandle;
    const savedTz = process.env.TZ;

    beforeAll(async () => {
      handle = await openTestDb(engine);
      await handle.db
        .insertInto("customers")
        .values({
          code: "000123",
          name: "上海某某有限公司",
          birthday: "1990-01-01",
          birthday_lunar: true,
          registered_on: "2024-02-29",
          tags: JSON.stringify(["VIP", "华东"]),
          attributes: JSON.stringify({ 来源: "展会", score: 3.5, nested: { ok: true } }),
          credit_limit: "1234.56",
        })
        .execute();
    });
    afterAll(async () => {
      await handle?.close();
    });
    afterEach(() => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    it("reads each column type as the agreed JS value", async () => {
      const row = await handle.db.selectFrom("customers").selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        id: 1,
        code: "000123",
        name: "上海某某有限公司",
        birthday: "1990-01-01",
        birthday_lunar: true,
        registered_on: "2024-02-29",
        tags: ["VIP", "华东"],
        attributes: { 来源: "展会", score: 3.5, nested: { ok: true } },
        credit_limit: 1234.56,
        type: null,
      });
      expect(typeof row.id).toBe("number");
      expect(row.created_at).toBeInstanceOf(Date);
      expect(Math.abs(row.created_at.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it("keeps decimals exact through arithmetic", async () => {
      await handle.db
        .insertInto("orders")
        .values([
          { customer_id: 1, external_id: "O1", order_date: "2024-01-31", amount: 0.1 },
          { customer_id: 1, external_id: "O2", order_date: "2024-02-01", amount: "0.2" },
          { customer_id: 1, external_id: "O3", order_date: "2024-02-02", amount: "99999999.99" },
        ])
        .execute();
      const { total, n } = await handle.db
        .selectFrom("orders")
        .select((eb) => [eb.fn.sum<number>("amount").as("total"), eb.fn.countAll<number>().as("n")])
        .executeTakeFirstOrThrow();
      expect(total).toBe(100000000.29);
      expect(n).toBe(3);
    });

    it("returns the same calendar date whatever the process time zone", async () => {
      for (const tz of ["America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati", "UTC"]) {
        process.env.TZ = tz;
        const row = await handle.db
          .selectFrom("customers")
          .select(["birthday", "registered_on"])
          .executeTakeFirstOrThrow();
        expect(row, tz).toEqual({ birthday: "1990-01-01", registered_on: "2024-02-29" });
        const { d } = await sql<{ d: string }>`SELECT CAST('2000-01-01' AS DATE) AS d`
          .execute(handle.db)
          .then((r) => r.rows[0]!);
        expect(d, tz).toBe("2000-01-01");
      }
    });

    it("stores instants in UTC, honouring offsets in text and Date parameters", async () => {
      const at = new Date("2024-03-10T01:02:03.456Z");
      await handle.db
        .insertInto("interactions")
        .values([
          { customer_id: 1, external_id: "I1", kind: "visit", occurred_at: at },
          { customer_id: 1, external_id: "I2", kind: "call", occurred_at: "2024-03-10T09:02:03.456+08:00" },
        ])
        .execute();
      const rows = await handle.db
        .selectFrom("interactions")
        .select("occurred_at")
        .orderBy("external_id")
        .execute();
      expect(rows.map((r) => r.occurred_at.toISOString())).toEqual([at.toISOString(), at.toISOString()]);

      const ty = handle.sqlTypes.timestamp;
      const { rows: cast } = await sql<{ a: Date; b: Date; day: string }>`
        SELECT CAST('2024-01-02T03:04:05+08:00' AS ${sql.raw(ty)}) AS a,
               CAST('2024-01-02 03:04:05' AS ${sql.raw(ty)}) AS b,
               CAST(CAST('2024-01-01T20:00:00-08:00' AS ${sql.raw(ty)}) AS DATE) AS day`.execute(handle.db);
      expect(cast[0]).toEqual({
        a: new Date("2024-01-01T19:04:05Z"),
        b: new Date("2024-01-02T03:04:05Z"),
        day: "2024-01-02",
      });
    });

    it("reads BIGINT results as numbers and refuses ones a number cannot hold", async () => {
      const { rows } = await sql<{ big: number; sum: number }>`
        SELECT CAST(9007199254740991 AS BIGINT) AS big, sum(CAST(x AS BIGINT)) AS sum
        FROM (VALUES (1), (2)) AS v(x)`.execute(handle.db);
      expect(rows[0]).toEqual({ big: 9007199254740991, sum: 3 });
      const unsafe = sql`SELECT CAST(9007199254740993 AS BIGINT) AS big`.execute(handle.db);
      await expect(unsafe).rejects.toSatisfy((error) => isDbError(error, "DB_UNSAFE_INTEGER"));
    });

    it("binds parameters of every common JS type", async () => {
      const { rows } = await sql<{ i: number; f: number; s: string; b: boolean; n: null; d: Date }>`
        SELECT ${42} + 0 AS i, ${1.5} * 2.0 AS f, ${"文本"} AS s, CAST(${true} AS BOOLEAN) AS b, ${null} AS n,
               CAST(${new Date("2024-05-06T07:08:09Z")} AS ${sql.raw(handle.sqlTypes.timestamp)}) AS d`.execute(
        handle.db,
      );
      expect(rows[0]).toEqual({
        i: 42,
        f: 3,
        s: "文本",
        b: true,
        n: null,
        d: new Date("2024-05-06T07:08:09Z"),
      });
      const found = await handle.db
        .selectFrom("customers")
        .select("code")
        .where("id", "=", 1)
        .limit(1)
        .execute();
      expect(found).toEqual([{ code: "000123" }]);
    });

    it("reports affected rows of INSERT, UPDATE and DELETE, with and without RETURNING", async () => {
      const inserted = await handle.db
        .insertInto("products")
        .values([
          { sku: "P1", name: "a" },
          { sku: "P2", name: "b" },
          { sku: "P3", name: "c" },
        ])
        .executeTakeFirstOrThrow();
      expect(inserted.numInsertedOrUpdatedRows).toBe(3n);
      const updated = await handle.db
        .updateTable("products")
        .set({ unit_price: 9.9 })
        .where("sku", "in", ["P1", "P2"])
        .executeTakeFirstOrThrow();
      expect(updated.numUpdatedRows).toBe(2n);
      const returned = await handle.db
        .updateTable("products")
        .set({ category: "x" })
        .where("sku", "=", "P3")
        .returning(["sku", "unit_price"])
        .execute();
      expect(returned).toEqual([{ sku: "P3", unit_price: null }]);
      const deleted = await handle.db
        .deleteFrom("products")
        .where("sku", "like", "P%")
        .executeTakeFirstOrThrow();
      expect(deleted.numDeletedRows).toBe(3n);
    });
  });
}
