import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rendered } from "../testing/render.ts";
import { ImportError, importFile } from "./pipeline.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-pipeline-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function csv(name: string, lines: readonly string[]): Promise<string> {
  const file = join(work, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

for (const engine of ENGINES) {
  describe(`import on ${engine}`, () => {
    let handle: DbHandle;
    beforeEach(async () => {
      handle = await openTestDb(engine);
    });
    afterEach(async () => {
      await handle.close();
    });

    const customers = () =>
      handle.db
        .selectFrom("customers")
        .select([
          "code",
          "name",
          "type",
          "province",
          "birthday",
          "birthday_lunar",
          "tags",
          "attributes",
          "credit_limit",
        ])
        .orderBy("code")
        .execute();

    it("reads a GBK file with Chinese headers, keeps leading zeros, and puts unknown columns in attributes", async () => {
      const file = join(work, `${engine}-gbk.csv`);
      const text = [
        "客户编号,客户名称,客户类型,省份,生日,农历生日,标签,信用额度,来源渠道",
        // GBK has the full-width yuan sign only (U+FFE5), as Chinese spreadsheets write it.
        '00042,杭州西湖茶业有限公司,企业,浙江,,否,重点;华东,"￥1,200,000",展会',
        "00007,张三,个人,北京,1985年3月2日,是,,,",
      ].join("\r\n");
      await writeFile(file, iconv.encode(text, "gbk"));
      const result = await importFile(handle, { entity: "customers", file });
      expect(result).toMatchObject({ written: true, rowsRead: 2, inserted: 2, rejected: 0 });
      expect(await customers()).toEqual([
        {
          code: "00007",
          name: "张三",
          type: "individual",
          province: "北京",
          birthday: "1985-03-02",
          birthday_lunar: true,
          tags: null,
          attributes: null,
          credit_limit: null,
        },
        {
          code: "00042",
          name: "杭州西湖茶业有限公司",
          type: "enterprise",
          province: "浙江",
          birthday: null,
          birthday_lunar: false,
          tags: ["重点", "华东"],
          attributes: { 来源渠道: "展会" },
          credit_limit: 1_200_000,
        },
      ]);
    });

    it("reads XLSX date cells and numbers, and --map names a column the aliases miss", async () => {
      await importFile(handle, {
        entity: "customers",
        file: await csv(`${engine}-c.csv`, ["code", "A1", "B2"]),
      });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("订单");
      sheet.addRow(["单据编号", "客户编号", "下单日期", "金额"]);
      sheet.addRow(["X-1", "A1", new Date(Date.UTC(2024, 0, 5)), 1234.5]);
      sheet.addRow(["X-2", "B2", new Date(Date.UTC(2023, 11, 31)), 99]);
      const file = join(work, `${engine}-orders.xlsx`);
      await workbook.xlsx.writeFile(file);
      const result = await importFile(handle, { entity: "orders", file, map: { 单据编号: "external_id" } });
      expect(result).toMatchObject({ written: true, inserted: 2 });
      const orders = await handle.db
        .selectFrom("orders")
        .select(["external_id", "order_date", "amount"])
        .orderBy("external_id")
        .execute();
      expect(orders).toEqual([
        { external_id: "X-1", order_date: "2024-01-05", amount: 1234.5 },
        { external_id: "X-2", order_date: "2023-12-31", amount: 99 },
      ]);
    });

    it("writes nothing from a file with errors, names every bad row, and writes the good rows when asked", async () => {
      await importFile(handle, { entity: "customers", file: await csv(`${engine}-c.csv`, ["code", "A1"]) });
      const file = await csv(`${engine}-bad.csv`, [
        "order_id,customer_code,order_date,amount",
        "1,A1,2024-01-01,10",
        "2,A1,not a date,10",
        "3,ZZ,2024-01-03,10",
        "1,A1,2024-01-04,10",
        "5,A1,2024-01-05,",
      ]);
      const rejected = await importFile(handle, { entity: "orders", file });
      expect(rejected.written).toBe(false);
      expect(rejected.rejected).toBe(4);
      expect(rejected.problems.map((p) => [p.line, p.column])).toEqual([
        [3, "order_date"],
        [4, "customer_code"],
        [5, "order_id"],
        [6, "amount"],
      ]);
      expect(rendered(rejected.problems[1]!.reason)).toContain("ZZ");
      expect(rendered(rejected.problems[2]!.reason)).toContain("line 2");
      expect(await handle.db.selectFrom("orders").select("id").execute()).toEqual([]);

      const dry = await importFile(handle, { entity: "orders", file, dryRun: true, skipInvalid: true });
      expect(dry).toMatchObject({ written: false, rejected: 4 });
      expect(await handle.db.selectFrom("orders").select("id").execute()).toEqual([]);

      const skipped = await importFile(handle, { entity: "orders", file, skipInvalid: true });
      expect(skipped).toMatchObject({ written: true, inserted: 1, rejected: 4 });
    });

    it("reports a missing required column before reading any row", async () => {
      const file = await csv(`${engine}-nodate.csv`, ["customer_code,amount", "A1,10"]);
      await expect(importFile(handle, { entity: "orders", file })).rejects.toThrow(ImportError);
      await expect(importFile(handle, { entity: "orders", file })).rejects.toThrow(/order_date/);
    });

    it("gives rows without an id a stable one: re-import is a no-op and true repeats are kept", async () => {
      const file = await csv(`${engine}-log.csv`, [
        "customer_code,order_date,amount",
        "00001,1997-01-01,11.77",
        "00002,1997-01-12,12.00",
        "00002,1997-01-12,12.00",
        "00002,1997-01-12,77.00",
      ]);
      const first = await importFile(handle, { entity: "orders", file, createCustomers: true });
      expect(first).toMatchObject({ inserted: 4, createdCustomers: 2 });
      const again = await importFile(handle, { entity: "orders", file, createCustomers: true });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, createdCustomers: 0 });
      const ids = await handle.db.selectFrom("orders").select("external_id").execute();
      expect(new Set(ids.map((row) => row.external_id)).size).toBe(4);
    });

    it("updates only the columns a file has, and only rows that changed", async () => {
      await importFile(handle, {
        entity: "customers",
        file: await csv(`${engine}-full.csv`, ["code,name,province", "K1,甲,浙江", "K2,乙,广东"]),
      });
      const partial = await importFile(handle, {
        entity: "customers",
        file: await csv(`${engine}-part.csv`, ["code,province", "K1,江苏", "K2,广东"]),
      });
      expect(partial).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
      const rows = await handle.db
        .selectFrom("customers")
        .select(["code", "name", "province"])
        .orderBy("code")
        .execute();
      expect(rows).toEqual([
        { code: "K1", name: "甲", province: "江苏" },
        { code: "K2", name: "乙", province: "广东" },
      ]);
    });

    it("loads canonical files with the engine's CSV reader to the same rows, and validates the rest", async () => {
      await importFile(handle, {
        entity: "customers",
        file: await csv(`${engine}-c.csv`, ["code", "A1", "B2"]),
      });
      const lines = [
        "external_id,customer_code,order_date,amount,cost,channel,status",
        'O1,A1,2024-01-05,1234.50,1000.00,"门店, 杭州",completed',
        "O2,B2,2024-02-29,99.00,,,returned",
      ];
      const canonical = await importFile(handle, {
        entity: "orders",
        file: await csv(`${engine}-canon.csv`, lines),
        canonical: true,
      });
      expect(canonical).toMatchObject({ reader: "canonical", written: true, rowsRead: 2, inserted: 2 });
      const rows = () =>
        handle.db
          .selectFrom("orders")
          .select(["external_id", "order_date", "amount", "cost", "margin", "channel", "status"])
          .orderBy("external_id")
          .execute();
      const loaded = await rows();
      expect(loaded).toEqual([
        {
          external_id: "O1",
          order_date: "2024-01-05",
          amount: 1234.5,
          cost: 1000,
          margin: 234.5,
          channel: "门店, 杭州",
          status: "completed",
        },
        {
          external_id: "O2",
          order_date: "2024-02-29",
          amount: 99,
          cost: null,
          margin: null,
          channel: null,
          status: "returned",
        },
      ]);
      const again = await importFile(handle, {
        entity: "orders",
        file: await csv(`${engine}-canon2.csv`, lines),
      });
      expect(again).toMatchObject({ reader: "validating", inserted: 0, updated: 0, unchanged: 2 });

      const notCanonical = await importFile(handle, {
        entity: "orders",
        file: await csv(`${engine}-zh.csv`, ["订单号,客户编号,下单日期,金额", "O3,A1,2024/13/01,5"]),
        canonical: true,
      });
      expect(notCanonical.reader).toBe("validating");
      expect(notCanonical.problems.map((p) => [p.line, p.column])).toEqual([[2, "下单日期"]]);
    });

    it("derives the margin from amount and cost, and resolves order lines to their order and product", async () => {
      await importFile(handle, { entity: "customers", file: await csv(`${engine}-c.csv`, ["code", "A1"]) });
      await importFile(handle, {
        entity: "products",
        file: await csv(`${engine}-p.csv`, ["sku,name,unit_cost", "P1,茶,5"]),
      });
      await importFile(handle, {
        entity: "orders",
        file: await csv(`${engine}-o.csv`, [
          "order_id,customer_code,order_date,amount,cost",
          "O1,A1,2024-02-02,100,60.5",
        ]),
      });
      const lines = await importFile(handle, {
        entity: "order-lines",
        file: await csv(`${engine}-l.csv`, ["order_id,sku,quantity,amount", "O1,P1,2,100", "O2,P1,1,5"]),
      });
      expect(lines.problems.map((p) => [p.line, p.column])).toEqual([[3, "order_id"]]);
      const ok = await importFile(handle, {
        entity: "order-lines",
        file: await csv(`${engine}-l2.csv`, ["order_id,sku,quantity,amount", "O1,P1,2,100"]),
      });
      expect(ok).toMatchObject({ written: true, inserted: 1 });
      const row = await handle.db
        .selectFrom("order_lines as l")
        .innerJoin("orders as o", (join) =>
          join.onRef("o.id", "=", "l.order_id").onRef("o.customer_id", "=", "l.customer_id"),
        )
        .innerJoin("products as p", "p.id", "l.product_id")
        .select(["o.external_id", "o.margin", "p.sku", "l.quantity"])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ external_id: "O1", margin: 39.5, sku: "P1", quantity: 2 });
    });
  });
}
