import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BulkRow, rowBatches } from "./dialects/engine-dialect.ts";
import { isDbError } from "./errors.ts";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

const TRICKY: readonly (string | null)[] = [
  "tab\there",
  "line\nbreak",
  "crlf\r\nend",
  'quote " and "" doubled',
  "back\\slash \\N \\t literal",
  "上海市浦东新区 😀",
  "",
  null,
  "  spaces kept  ",
  "comma, semicolon; pipe|",
  "\\",
  "\u0001control",
];

/** Staging tables are not in the Database type; read them with plain SQL. */
async function query<R = Record<string, unknown>>(handle: DbHandle, text: string): Promise<R[]> {
  return (await sql.raw<R>(text).execute(handle.db)).rows;
}

async function* inBatchesOf(rows: readonly BulkRow[], size: number): AsyncGenerator<readonly BulkRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

for (const engine of ENGINES) {
  describe(`bulk load on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("round-trips tricky text exactly through a staging table, keeping '' apart from NULL", async () => {
      await handle.createStagingTable("stage_text", ["a", "b"]);
      const rows = TRICKY.map((value, i): BulkRow => [String(i + 2), value, i % 2 === 0 ? "x" : null]);
      expect(await handle.bulkLoad("stage_text", ["line", "a", "b"], rows)).toBe(TRICKY.length);
      const back = await query<{ line: number; a: string | null; b: string | null }>(
        handle,
        "SELECT line, a, b FROM stage_text ORDER BY line",
      );
      expect(back.map((r) => [r.line, r.a, r.b])).toEqual(
        TRICKY.map((value, i) => [i + 2, value, i % 2 === 0 ? "x" : null]),
      );
      await handle.dropTable("stage_text");
    });

    it("stages numbers in typed columns, beside coded and plain text", async () => {
      await handle.createStagingTable("stage_typed", ["id", "n", "kind", "note"], {
        id: "bigint",
        n: "smallint",
      });
      // 3,000 rows: two of DuckDB's vectors; ids beyond 2^32 must come back whole, not as text.
      const rows = Array.from(
        { length: 3000 },
        (_, i): BulkRow => [i + 2, 2 ** 40 + i, i % 5 === 0 ? null : i % 7, ["a", "b"][i % 2]!, `n${i}`],
      );
      const loaded = await handle.bulkLoad("stage_typed", ["line", "id", "n", "kind", "note"], rows, {
        codes: { kind: ["a", "b"] },
      });
      expect(loaded).toBe(3000);
      const back = await query<{ id: string; n: number | null; kind: string; note: string }>(
        handle,
        "SELECT CAST(id AS TEXT) AS id, n, kind, note FROM stage_typed WHERE line IN (2, 1003, 2999) ORDER BY line",
      );
      expect(back).toEqual([
        { id: String(2 ** 40), n: null, kind: "a", note: "n0" },
        { id: String(2 ** 40 + 1001), n: 1001 % 7, kind: "b", note: "n1001" },
        { id: String(2 ** 40 + 2997), n: 2997 % 7, kind: "b", note: "n2997" },
      ]);
      const sums = await query<{ ids: string }>(
        handle,
        "SELECT CAST(SUM(id) AS TEXT) AS ids FROM stage_typed",
      );
      expect(sums).toEqual([{ ids: String(3000 * 2 ** 40 + (2999 * 3000) / 2) }]);
      await handle.dropTable("stage_typed");
    });

    it("loads rows made batch by batch as the load takes them (rowBatches)", async () => {
      await handle.createStagingTable("stage_made", ["code"]);
      // 20,001 rows in batches of 8,192: the last batch holds one row.
      const made = rowBatches(20_001, (i) => [i + 2, `R${i}`]);
      expect(await handle.bulkLoad("stage_made", ["line", "code"], made)).toBe(20_001);
      const back = await query(
        handle,
        "SELECT count(*) AS n, count(DISTINCT code) AS codes, max(line) AS last FROM stage_made",
      );
      expect(back).toEqual([{ n: 20_001, codes: 20_001, last: 20_002 }]);
      expect(await query(handle, "SELECT code FROM stage_made WHERE line = 8194")).toEqual([
        { code: "R8192" },
      ]);
      await handle.dropTable("stage_made");
    });

    it("accepts batches from an async source, and loads many rows", async () => {
      await handle.createStagingTable("stage_many", ["code"]);
      const rows = Array.from(
        { length: 10_000 },
        (_, i): BulkRow => [String(i + 1), `C${String(i).padStart(6, "0")}`],
      );
      expect(await handle.bulkLoad("stage_many", ["line", "code"], inBatchesOf(rows, 3000))).toBe(10_000);
      const summary = await query(
        handle,
        "SELECT count(*) AS n, min(code) AS first, max(line) AS last FROM stage_many",
      );
      expect(summary).toEqual([{ n: 10_000, first: "C000000", last: 10_000 }]);
      await handle.dropTable("stage_many");
      await handle.dropTable("stage_many");
    });

    it("casts text to typed columns as SQL does, and leaves unnamed columns to their defaults", async () => {
      const loaded = await handle.bulkLoad(
        "interactions",
        ["customer_id", "external_id", "kind", "occurred_at", "summary"],
        [
          ["7", "I-1", "visit", "2024-01-02T03:04:05+08:00", "带\t制表符"],
          ["7", "I-2", "call", "2024-01-02T03:04:05.250Z", null],
        ],
      );
      expect(loaded).toBe(2);
      const rows = await handle.db.selectFrom("interactions").selectAll().orderBy("external_id").execute();
      expect(rows.map((r) => [r.id, r.customer_id, r.occurred_at.toISOString(), r.summary])).toEqual([
        [1, 7, "2024-01-01T19:04:05.000Z", "带\t制表符"],
        [2, 7, "2024-01-02T03:04:05.250Z", null],
      ]);
      expect(rows[0]!.created_at).toBeInstanceOf(Date);

      await handle.bulkLoad(
        "customers",
        ["code", "birthday", "birthday_lunar", "tags", "attributes", "credit_limit"],
        [["007", "1988-12-31", "true", '["a","b"]', '{"k":"v"}', "1234.50"]],
      );
      const customer = await handle.db.selectFrom("customers").selectAll().executeTakeFirstOrThrow();
      expect(customer).toMatchObject({
        code: "007",
        birthday: "1988-12-31",
        birthday_lunar: true,
        tags: ["a", "b"],
        attributes: { k: "v" },
        credit_limit: 1234.5,
      });
    });

    it("loads every column type a table of scores has, exactly", async () => {
      const ty = handle.sqlTypes;
      await sql
        .raw(
          `CREATE TABLE typed (d ${ty.double}, m ${ty.decimal}, day ${ty.date}, ok ${ty.boolean}, j ${ty.json},
                               s ${ty.smallint}, n ${ty.integer}, t ${ty.text})`,
        )
        .execute(handle.db);
      const rows: BulkRow[] = [
        [
          "0.7266206",
          "1234567890123456.78",
          "2024-02-29",
          "true",
          '["at_risk","detractor"]',
          "5",
          "-7",
          "码",
        ],
        ["1e-7", "-0.01", "1970-01-01", "false", null, null, null, null],
      ];
      expect(await handle.bulkLoad("typed", ["d", "m", "day", "ok", "j", "s", "n", "t"], rows)).toBe(2);
      const loaded = await query(
        handle,
        "SELECT d, CAST(m AS TEXT) AS m, CAST(day AS TEXT) AS day, ok, j, s, n, t FROM typed ORDER BY d DESC",
      );
      expect(loaded).toEqual([
        {
          d: 0.7266206,
          m: "1234567890123456.78",
          day: "2024-02-29",
          ok: true,
          j: ["at_risk", "detractor"],
          s: 5,
          n: -7,
          t: "码",
        },
        { d: 1e-7, m: "-0.01", day: "1970-01-01", ok: false, j: null, s: null, n: null, t: null },
      ]);
      await expect(
        handle.bulkLoad(
          "typed",
          ["d", "m", "day", "ok", "j", "s", "n", "t"],
          [["abc", "1", null, null, null, null, null, null]],
        ),
      ).rejects.toThrow();
      expect(await query(handle, "SELECT COUNT(*) AS n FROM typed")).toEqual([{ n: 2 }]);

      // Numbers may come as numbers: written as such into numeric columns, as their text into text.
      const numbers: BulkRow[] = [[2.5e-9, 74.02, null, null, null, 3, 318, 42]];
      expect(await handle.bulkLoad("typed", ["d", "m", "day", "ok", "j", "s", "n", "t"], numbers)).toBe(1);
      expect(
        await query(handle, "SELECT d, CAST(m AS TEXT) AS m, s, n, t FROM typed WHERE t = '42'"),
      ).toEqual([{ d: 2.5e-9, m: "74.02", s: 3, n: 318, t: "42" }]);
    });

    it("loads coded text columns, values outside the codes included", async () => {
      await sql
        .raw(`CREATE TABLE coded (n ${handle.sqlTypes.double}, grade ${handle.sqlTypes.text})`)
        .execute(handle.db);
      // 3,000 rows: the first 2,048 all coded; the second batch has one value that is not a code.
      const rows: BulkRow[] = Array.from({ length: 3000 }, (_, i) => [
        i,
        i === 2500 ? "Z" : i % 4 === 0 ? null : ["A", "B", "C"][i % 3]!,
      ]);
      const loaded = await handle.bulkLoad("coded", ["n", "grade"], rows, {
        codes: { grade: ["A", "B", "C"] },
      });
      expect(loaded).toBe(3000);
      const counts = await query(
        handle,
        "SELECT grade, COUNT(*) AS n FROM coded GROUP BY grade ORDER BY grade",
      );
      const expected = new Map<string | null, number>();
      for (const [, grade] of rows)
        expected.set(grade as string | null, (expected.get(grade as string | null) ?? 0) + 1);
      expect(counts).toEqual(["A", "B", "C", "Z", null].map((grade) => ({ grade, n: expected.get(grade) })));
      expect(await query(handle, "SELECT grade FROM coded WHERE n = 2500")).toEqual([{ grade: "Z" }]);
    });

    it("loads thousands of numeric rows, batches with text in a number column included", async () => {
      const ty = handle.sqlTypes;
      await sql
        .raw(
          `CREATE TABLE wide (id ${ty.bigint}, m ${ty.decimal}, s ${ty.smallint}, d ${ty.double}, t ${ty.text})`,
        )
        .execute(handle.db);
      // 5,000 rows: more than two of DuckDB's 2,048-row vectors; row 4,321 has its decimal as text.
      const rows: BulkRow[] = Array.from({ length: 5000 }, (_, i) => [
        2 ** 40 + i,
        i === 4321 ? "12.30" : i * 1.25,
        i % 5 === 0 ? null : (i % 5) + 1,
        i % 7 === 0 ? null : i / 8,
        i % 3 === 0 ? null : `c${i}`,
      ]);
      expect(await handle.bulkLoad("wide", ["id", "m", "s", "d", "t"], rows)).toBe(5000);
      const sums = await query(
        handle,
        `SELECT COUNT(*) AS n, CAST(SUM(m) AS TEXT) AS m, SUM(s) AS s, COUNT(d) AS d, COUNT(t) AS t,
                CAST(MAX(id) AS TEXT) AS id FROM wide`,
      );
      // Σ 1.25 i over i ≠ 4321, plus 12.30; s: 1000 rows of each of 2…5 (i % 5 = 1…4), 1000 NULL.
      const m = (1.25 * (4999 * 5000)) / 2 - 1.25 * 4321 + 12.3;
      expect(sums).toEqual([
        {
          n: 5000,
          m: m.toFixed(2),
          s: 1000 * (2 + 3 + 4 + 5),
          d: 5000 - 715,
          t: 5000 - 1667,
          id: String(2 ** 40 + 4999),
        },
      ]);
      expect(
        await query(handle, "SELECT CAST(m AS TEXT) AS m, s, d, t FROM wide WHERE id = 1099511632097"),
      ).toEqual([{ m: "12.30", s: 2, d: 4321 / 8, t: `c4321` }]);
    });

    it("loads nothing when a value does not fit its column", async () => {
      const load = handle.bulkLoad(
        "orders",
        ["customer_id", "external_id", "order_date", "amount"],
        [
          ["1", "O-ok", "2024-01-01", "10.00"],
          ["1", "O-bad", "2024-13-45", "10.00"],
        ],
      );
      await expect(load).rejects.toSatisfy((error) => isDbError(error, "DB_BULK_LOAD_FAILED"));
      expect(await handle.db.selectFrom("orders").selectAll().execute()).toEqual([]);
    });

    it("rejects a row with the wrong number of values, naming it", async () => {
      await handle.createStagingTable("stage_width", ["a", "b"]);
      const load = handle.bulkLoad(
        "stage_width",
        ["line", "a", "b"],
        [
          ["1", "x", "y"],
          ["2", "x"],
        ],
      );
      await expect(load).rejects.toSatisfy(
        (error) => isDbError(error, "DB_BULK_LOAD_FAILED") && /\b2\b/.test(error.message),
      );
      expect(await query(handle, "SELECT count(*) AS n FROM stage_width")).toEqual([{ n: 0 }]);
      await handle.dropTable("stage_width");
    });

    it("passes the row producer's own error on unchanged and loads nothing", async () => {
      // The producer is the importer reading a file: its error is already the user's message, and
      // wrapping it would show the internal staging table's name.
      await handle.createStagingTable("stage_source", ["a"]);
      const problem = new RangeError("line 3 of the file is bad");
      async function* failing(): AsyncGenerator<readonly BulkRow[]> {
        yield [["1", "x"]];
        throw problem;
      }
      await expect(handle.bulkLoad("stage_source", ["line", "a"], failing())).rejects.toBe(problem);
      expect(await query(handle, "SELECT count(*) AS n FROM stage_source")).toEqual([{ n: 0 }]);
      await handle.dropTable("stage_source");
    });

    it("still answers queries after a failed load", async () => {
      await expect(handle.bulkLoad("no_such_table", ["a"], [["1"]])).rejects.toThrow();
      expect(await handle.db.selectFrom("users").select("id").execute()).toEqual([]);
    });
  });
}
