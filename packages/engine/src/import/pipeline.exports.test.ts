/**
 * Real exports as they come (issue 9): value maps and defaults, dates in day-month order, codes
 * exported as floats or as placeholders, records keyed by order only, formula errors, amounts
 * the database or the analysis cannot hold, repeated unknown columns, and many problems at once.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rendered } from "../testing/render.ts";
import { ImportOptionError } from "./headers.ts";
import { ImportError, type ImportMapping, importFile } from "./pipeline.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-exports-"));
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
  describe(`real exports on ${engine}`, () => {
    let handle: DbHandle;
    beforeEach(async () => {
      handle = await openTestDb(engine);
    });
    afterEach(async () => {
      await handle.close();
    });

    const customersFile = (codes: readonly string[]) => csv(`${engine}-c.csv`, ["code", ...codes]);
    const orders = () =>
      handle.db
        .selectFrom("orders as o")
        .innerJoin("customers as c", "c.id", "o.customer_id")
        .select(["o.external_id", "c.code", "o.order_date", "o.amount", "o.status", "o.channel"])
        .orderBy("o.external_id")
        .execute();

    it("maps source values to custra's and fills defaults, and says so before reading rows", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["A1"]) });
      const file = await csv(`${engine}-vm.csv`, [
        "order_id,customer_id,order_purchase_timestamp,price,order_status,channel",
        "O1,A1,2024-01-05 10:00:00,10,delivered,",
        "O2,A1,2024-01-06 11:00:00,20,Canceled,app",
        "O3,A1,2024-01-07 12:00:00,30,invoiced,",
      ]);
      let seen: ImportMapping | undefined;
      const result = await importFile(handle, {
        entity: "orders",
        file,
        map: { order_purchase_timestamp: "order_date", price: "amount" },
        values: { status: { invoiced: "completed", canceled: "cancelled" } },
        defaults: { channel: "marketplace" },
        onMapping: (mapping) => {
          seen = mapping;
        },
      });
      expect(result).toMatchObject({ written: true, inserted: 3, rejected: 0 });
      expect(seen).toEqual(result.mapping);
      expect(result.mapping.columns).toEqual([
        { column: "order_id", position: 1, use: "field", field: "external_id", matchedBy: "alias" },
        { column: "customer_id", position: 2, use: "field", field: "customer_code", matchedBy: "alias" },
        {
          column: "order_purchase_timestamp",
          position: 3,
          use: "field",
          field: "order_date",
          matchedBy: "map",
        },
        { column: "price", position: 4, use: "field", field: "amount", matchedBy: "map" },
        {
          column: "order_status",
          position: 5,
          use: "field",
          field: "status",
          matchedBy: "alias",
          valueMap: true,
        },
        { column: "channel", position: 6, use: "field", field: "channel", matchedBy: "name" },
      ]);
      expect(result.mapping.defaults).toEqual({ channel: "marketplace" });
      // "delivered" is a built-in spelling of completed; "invoiced" and "Canceled" come from the map.
      expect((await orders()).map((o) => [o.external_id, o.status, o.channel])).toEqual([
        ["O1", "completed", "marketplace"],
        ["O2", "cancelled", "app"],
        ["O3", "completed", "marketplace"],
      ]);
    });

    it("refuses value maps and defaults the field cannot take, before reading the file", async () => {
      const file = await csv(`${engine}-vm2.csv`, ["customer_code,order_date,amount", "A1,2024-01-05,1"]);
      const attempt = (options: object) => importFile(handle, { entity: "orders", file, ...options });
      await expect(attempt({ values: { status: { delivered: "shipped" } } })).rejects.toThrow(
        ImportOptionError,
      );
      await expect(attempt({ values: { status: { delivered: "shipped" } } })).rejects.toThrow(
        /value map status: delivered=shipped/,
      );
      await expect(attempt({ values: { colour: { a: "b" } } })).rejects.toThrow(
        /orders has no field "colour"/,
      );
      await expect(attempt({ defaults: { amount: "abc" } })).rejects.toThrow(/default amount=abc/);
      await expect(attempt({ dateFormat: "dd/mm" })).rejects.toThrow(/not a date format/);
    });

    it("reads day-month dates by the date format, and refuses to guess without one", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["17850"]) });
      const file = await csv(`${engine}-dmy.csv`, [
        "InvoiceNo,CustomerID,InvoiceDate,Amount",
        "536365,17850.0,01/12/2010 08:26,15.30",
        "536366,17850.0,03/04/2011 10:00,22.00",
      ]);
      const guessed = importFile(handle, { entity: "orders", file });
      await expect(guessed).rejects.toThrow(ImportError);
      await expect(importFile(handle, { entity: "orders", file })).rejects.toThrow(
        /column "InvoiceDate".*01\/12\/2010 08:26.*date format \(dateFormat\)/,
      );
      expect(await orders()).toEqual([]);

      const map = { InvoiceNo: "external_id" };
      const dmy = await importFile(handle, { entity: "orders", file, map, dateFormat: "dd/mm/yyyy HH:mm" });
      expect(dmy).toMatchObject({ written: true, inserted: 2 });
      expect(dmy.mapping.dateFormat).toBe("dd/mm/yyyy HH:mm");
      expect((await orders()).map((o) => [o.external_id, o.code, o.order_date])).toEqual([
        ["536365", "17850", "2010-12-01"],
        ["536366", "17850", "2011-04-03"],
      ]);
      const mdy = await importFile(handle, { entity: "orders", file, map, dateFormat: "mm/dd/yyyy HH:mm" });
      expect(mdy).toMatchObject({ updated: 2 });
      expect((await orders()).map((o) => o.order_date)).toEqual(["2010-01-12", "2011-03-04"]);
    });

    it("reads 17850.0 as the code 17850, keeps leading zeros, and never makes a customer of NA", async () => {
      const file = await csv(`${engine}-codes.csv`, [
        "customer_code,order_date,amount",
        "17850.0,2024-01-05,1",
        "007,2024-01-05,2",
        "NA,2024-01-05,3",
        "#N/A,2024-01-05,4",
        "null,2024-01-05,5",
        "-,2024-01-05,6",
        "无,2024-01-05,7",
        ",2024-01-05,8",
      ]);
      const result = await importFile(handle, {
        entity: "orders",
        file,
        createCustomers: true,
        skipInvalid: true,
      });
      expect(result).toMatchObject({ written: true, inserted: 2, createdCustomers: 2, rejected: 6 });
      expect(result.problems.map((p) => [p.line, p.column])).toEqual([
        [4, "customer_code"],
        [5, "customer_code"],
        [6, "customer_code"],
        [7, "customer_code"],
        [8, "customer_code"],
        [9, "customer_code"],
      ]);
      expect(rendered(result.problems[0]!.reason)).toMatch(/"NA" is a placeholder for a missing code/);
      expect(rendered(result.problems[1]!.reason)).toMatch(/Excel formula error/);
      expect(rendered(result.problems[5]!.reason)).toMatch(/required/);
      const codes = await handle.db.selectFrom("customers").select("code").orderBy("code").execute();
      expect(codes.map((c) => c.code)).toEqual(["007", "17850"]);
    });

    it("gives payments, invoices and survey answers keyed by order only the order's customer", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["A1", "B2"]) });
      await importFile(handle, {
        entity: "orders",
        file: await csv(`${engine}-o.csv`, [
          "order_id,customer_id,order_date,amount",
          "O1,A1,2024-01-05,100",
          "O2,B2,2024-01-06,50",
        ]),
      });
      const payments = await csv(`${engine}-pay.csv`, [
        "order_id,payment_type,payment_value,date",
        "O1,credit_card,60,2024-01-05",
        "O1,voucher,40,2024-01-05",
        "O2,boleto,50,2024-01-07",
        "O9,boleto,5,2024-01-07",
      ]);
      const rejected = await importFile(handle, { entity: "payments", file: payments });
      expect(rejected).toMatchObject({ written: false, rejected: 1 });
      expect(rejected.problems.map((p) => [p.line, p.column, rendered(p.reason)])).toEqual([
        [5, "order_id", "unknown order: O9"],
      ]);
      expect(rejected.mapping.customerFrom).toBe("order_external_id");
      const written = await importFile(handle, { entity: "payments", file: payments, skipInvalid: true });
      expect(written).toMatchObject({ written: true, inserted: 3 });
      const again = await importFile(handle, { entity: "payments", file: payments, skipInvalid: true });
      expect(again).toMatchObject({ inserted: 0, unchanged: 3 });
      const paid = await handle.db
        .selectFrom("payments as p")
        .innerJoin("customers as c", "c.id", "p.customer_id")
        .select(["c.code", "p.order_external_id", "p.amount"])
        .orderBy("p.amount")
        .execute();
      expect(paid).toEqual([
        { code: "A1", order_external_id: "O1", amount: 40 },
        { code: "B2", order_external_id: "O2", amount: 50 },
        { code: "A1", order_external_id: "O1", amount: 60 },
      ]);

      const reviews = await importFile(handle, {
        entity: "surveys",
        file: await csv(`${engine}-rev.csv`, [
          "review_id,order_id,review_score,review_creation_date",
          "R1,O2,4,2024-01-09",
        ]),
        map: { review_score: "satisfaction", review_creation_date: "answered_on" },
      });
      expect(reviews).toMatchObject({ written: true, inserted: 1 });
      const invoices = await importFile(handle, {
        entity: "invoices",
        file: await csv(`${engine}-inv.csv`, [
          "invoice_no,order_no,issued_on,due_on,amount",
          "F1,O1,2024-01-05,2024-02-05,100",
        ]),
      });
      expect(invoices).toMatchObject({ written: true, inserted: 1 });
      const owners = await handle.db
        .selectFrom("survey_answers as s")
        .innerJoin("customers as c", "c.id", "s.customer_id")
        .select("c.code")
        .unionAll(
          handle.db
            .selectFrom("invoices as i")
            .innerJoin("customers as c", "c.id", "i.customer_id")
            .select("c.code"),
        )
        .execute();
      expect(owners.map((o) => o.code)).toEqual(["B2", "A1"]);
    });

    it("names a product without a name by its sku, and keeps an existing name", async () => {
      await importFile(handle, {
        entity: "products",
        file: await csv(`${engine}-p1.csv`, ["sku,name", "P1,茶叶"]),
      });
      const result = await importFile(handle, {
        entity: "products",
        file: await csv(`${engine}-p2.csv`, ["sku,unit_price", "P1,5", "P2,6"]),
      });
      expect(result).toMatchObject({ written: true, inserted: 1, updated: 1 });
      await importFile(handle, {
        entity: "products",
        file: await csv(`${engine}-p3.csv`, ["sku,name", "P3,"]),
      });
      const rows = await handle.db
        .selectFrom("products")
        .select(["sku", "name", "unit_price"])
        .orderBy("sku")
        .execute();
      expect(rows).toEqual([
        { sku: "P1", name: "茶叶", unit_price: 5 },
        { sku: "P2", name: "P2", unit_price: 6 },
        { sku: "P3", name: "P3", unit_price: null },
      ]);
    });

    it("refuses formula errors, more decimals than the column keeps and amounts the analysis cannot hold", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["A1"]) });
      const file = join(work, `${engine}-errors.xlsx`);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet("orders");
      sheet.addRow(["order_id", "customer_code", "order_date", "amount", "cost", "channel"]);
      sheet.addRow(["O1", "A1", "2024-01-05", 10, { formula: "1/0", result: { error: "#DIV/0!" } }, "shop"]);
      sheet.addRow(["O2", "A1", "2024-01-05", 1.234, null, "shop"]);
      sheet.addRow(["O3", "A1", "2024-01-05", "9999999999999999.99", null, "shop"]);
      sheet.addRow(["O4", "A1", "2024-01-05", 10, null, { error: "#N/A" }]);
      sheet.addRow(["O5", "A1", "2024-01-05", 0.1 + 0.2, null, "shop"]);
      await book.xlsx.writeFile(file);
      const result = await importFile(handle, { entity: "orders", file, skipInvalid: true });
      expect(result.problems.map((p) => [p.line, p.column])).toEqual([
        [2, "cost"],
        [3, "amount"],
        [4, "amount"],
        [5, "channel"],
      ]);
      expect(result.problems.map((p) => rendered(p.reason))).toEqual([
        expect.stringMatching(/a formula cell without a result/),
        expect.stringMatching(/more than 2 decimals: "1.234"/),
        expect.stringMatching(/too large for the analysis/),
        expect.stringMatching(/Excel formula error "#N\/A"/),
      ]);
      expect((await orders()).map((o) => [o.external_id, o.amount])).toEqual([["O5", 0.3]]);
    });

    it("imports a file of invoice lines as orders with their lines, in one step and idempotently", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["17850", "13047"]) });
      await importFile(handle, {
        entity: "products",
        file: await csv(`${engine}-p.csv`, ["sku,name", "85123A,已有名称"]),
      });
      // The UK retailer's layout: a product may repeat within an invoice, and the day is day-first.
      const file = await csv(`${engine}-lines.csv`, [
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
        "536365,85123A,WHITE HANGING HEART,6,01/12/2010 08:26,2.55,17850.0,United Kingdom",
        "536365,71053,WHITE METAL LANTERN,6,01/12/2010 08:26,3.39,17850.0,United Kingdom",
        "536365,71053,WHITE METAL LANTERN,6,01/12/2010 08:26,3.39,17850.0,United Kingdom",
        "536366,22633,HAND WARMER,-2,02/12/2010 09:00,1.85,13047,United Kingdom",
      ]);
      const options = {
        entity: "orders" as const,
        file,
        lines: true,
        createProducts: true,
        dateFormat: "dd/mm/yyyy HH:mm",
      };
      const first = await importFile(handle, options);
      expect(first).toMatchObject({
        written: true,
        rowsRead: 4,
        inserted: 2,
        createdProducts: 2,
        lines: { read: 4, inserted: 4, updated: 0, unchanged: 0 },
      });
      expect(first.mapping.lines).toBe(true);
      expect(first.mapping.columns.find((c) => c.column === "Country")).toMatchObject({ use: "ignored" });
      expect(await orders()).toEqual([
        // 6 × 2.55 + 2 × (6 × 3.39) = 15.30 + 40.68
        {
          external_id: "536365",
          code: "17850",
          order_date: "2010-12-01",
          amount: 55.98,
          status: null,
          channel: null,
        },
        {
          external_id: "536366",
          code: "13047",
          order_date: "2010-12-02",
          amount: -3.7,
          status: null,
          channel: null,
        },
      ]);
      const lines = await handle.db
        .selectFrom("order_lines as l")
        .innerJoin("orders as o", (join) =>
          join.onRef("o.id", "=", "l.order_id").onRef("o.customer_id", "=", "l.customer_id"),
        )
        .innerJoin("products as p", "p.id", "l.product_id")
        .select(["o.external_id", "p.sku", "p.name", "l.quantity", "l.unit_price", "l.amount"])
        .orderBy("o.external_id")
        .orderBy("p.sku")
        .execute();
      expect(lines).toEqual([
        {
          external_id: "536365",
          sku: "71053",
          name: "WHITE METAL LANTERN",
          quantity: 6,
          unit_price: 3.39,
          amount: 20.34,
        },
        {
          external_id: "536365",
          sku: "71053",
          name: "WHITE METAL LANTERN",
          quantity: 6,
          unit_price: 3.39,
          amount: 20.34,
        },
        {
          external_id: "536365",
          sku: "85123A",
          name: "已有名称",
          quantity: 6,
          unit_price: 2.55,
          amount: 15.3,
        },
        {
          external_id: "536366",
          sku: "22633",
          name: "HAND WARMER",
          quantity: -2,
          unit_price: 1.85,
          amount: -3.7,
        },
      ]);

      const again = await importFile(handle, options);
      expect(again).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: 2,
        lines: { inserted: 0, updated: 0, unchanged: 4 },
      });
    });

    it("leaves out an order whose lines disagree or have errors, and writes nothing without --skip-invalid", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["A1", "B2"]) });
      await importFile(handle, {
        entity: "products",
        file: await csv(`${engine}-p.csv`, ["sku", "P1", "P2"]),
      });
      const file = await csv(`${engine}-bad-lines.csv`, [
        "order_no,sku,quantity,unit_price,order_date,customer_code",
        "O1,P1,1,10,2024-01-05,A1",
        "O1,P2,1,5,2024-01-05,B2",
        "O2,P1,2,10,2024-01-06,A1",
        "O2,P2,x,5,2024-01-06,A1",
        "O3,P1,1,,2024-01-07,A1",
        "O4,P9,1,1,2024-01-07,A1",
        "O5,P2,3,1.5,2024-01-08,B2",
      ]);
      const refused = await importFile(handle, { entity: "orders", file, lines: true });
      expect(refused).toMatchObject({ written: false });
      expect(await orders()).toEqual([]);
      const skipped = await importFile(handle, { entity: "orders", file, lines: true, skipInvalid: true });
      expect(skipped.problems.map((p) => [p.line, p.column])).toEqual([
        [3, "customer_code"],
        [4, "order_no"],
        [5, "quantity"],
        [6, "unit_price"],
        [7, "sku"],
      ]);
      expect(rendered(skipped.problems[0]!.reason)).toMatch(/lines of order O1 disagree.*line 2/);
      expect(rendered(skipped.problems[1]!.reason)).toMatch(/1 lines of order O2 have errors/);
      expect(skipped).toMatchObject({ written: true, inserted: 1, lines: { inserted: 1 } });
      expect((await orders()).map((o) => [o.external_id, o.amount])).toEqual([["O5", 4.5]]);
    });

    it("recognises common codes itself: 男/女, 是/否, a country and a region", async () => {
      const file = await csv(`${engine}-codes-zh.csv`, [
        "客户编号,性别,农历生日,国家,Region",
        "A1,男,是,中国,浙江",
        "A2,女士,否,Japan,",
      ]);
      expect(await importFile(handle, { entity: "customers", file })).toMatchObject({
        inserted: 2,
        rejected: 0,
      });
      const rows = await handle.db
        .selectFrom("customers")
        .select(["code", "gender", "birthday_lunar", "country", "province"])
        .orderBy("code")
        .execute();
      expect(rows).toEqual([
        { code: "A1", gender: "male", birthday_lunar: true, country: "中国", province: "浙江" },
        { code: "A2", gender: "female", birthday_lunar: false, country: "Japan", province: null },
      ]);
    });

    it("keeps both values of two unknown columns with the same name", async () => {
      const file = await csv(`${engine}-dup.csv`, ["code,备注,name,备注,备注_2", "A1,first,甲,second,third"]);
      const result = await importFile(handle, { entity: "customers", file });
      expect(result.mapping.columns.filter((c) => c.use === "attribute").map((c) => c.attribute)).toEqual([
        "备注",
        "备注_2_",
        "备注_2",
      ]);
      const row = await handle.db.selectFrom("customers").select("attributes").executeTakeFirstOrThrow();
      expect(row.attributes).toEqual({ 备注: "first", 备注_2_: "second", 备注_2: "third" });
    });

    it("lists every kind of problem among the first 50, however many row errors come first", async () => {
      await importFile(handle, { entity: "customers", file: await customersFile(["A1"]) });
      const lines = ["order_id,customer_code,order_date,amount"];
      for (let i = 0; i < 300; i++) lines.push(`B${i},A1,not a date,1`);
      lines.push("X1,A1,2024-01-05,1", "X1,A1,2024-01-05,1", "X2,GHOST,2024-01-05,1");
      const result = await importFile(handle, {
        entity: "orders",
        file: await csv(`${engine}-many.csv`, lines),
      });
      expect(result.problemCount).toBe(302);
      expect(result.problems).toHaveLength(50);
      const last = result.problems.slice(-2).map((p) => [p.line, rendered(p.reason)]);
      expect(last).toEqual([
        [303, "X1 appears more than once in this file (first on line 302)"],
        [304, "unknown customer: GHOST"],
      ]);
      expect(result.problems.slice(0, 48).every((p) => /not a date/.test(String(rendered(p.reason))))).toBe(
        true,
      );
    });
  });
}
