/**
 * `custra import` as users run it: usage errors, value maps and profiles, a file of order lines,
 * what the importer understood, and `custra import fields`, through main() on a database per engine.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { custra, json } from "../testing/run-cli.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-import-cli-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(work, name);
  await writeFile(path, text);
  return path;
}

describe("custra import usage", () => {
  it("exits 2 with a message on a malformed --map or --values, before opening anything", async () => {
    const orders = await file("u.csv", "customer_code,order_date,amount\nA1,2024-01-05,1\n");
    const map = await custra([
      "import",
      "orders",
      orders,
      "--map",
      "foo",
      "--db",
      join(work, "none", "x.duckdb"),
    ]);
    expect(map.code).toBe(2);
    expect(map.stderr).toContain('--map expects "column=field": "foo"');
    const values = await custra([
      "import",
      "orders",
      orders,
      "--values",
      "status",
      "--db",
      join(work, "none", "x.duckdb"),
    ]);
    expect(values.code).toBe(2);
    expect(values.stderr).toContain('--values expects "field:source=target,source=target"');
  });

  it("lists fields, types, aliases and allowed values, in both languages and as JSON", async () => {
    const en = await custra(["import", "fields", "orders"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/order_date\s+date\s+yes\s+.*下单日期/);
    expect(en.stdout).toMatch(/status\s+one of\s+.*cancelled \(已取消.*canceled/);
    expect(en.stdout).toContain("orders --lines");
    const zh = await custra(["import", "fields", "customers"], "zh-CN");
    expect(zh.stdout).toMatch(/country\s+文本\s+.*国家/);
    expect(zh.stdout).toMatch(/province\s+文本\s+.*region/);
    const all = await json(["import", "fields"]);
    expect(all.map((e: { entity: string }) => e.entity)).toEqual([
      "users",
      "customers",
      "contacts",
      "products",
      "orders",
      "order-lines",
      "invoices",
      "payments",
      "interactions",
      "surveys",
      "orders --lines",
    ]);
    const payments = all.find((e: { entity: string }) => e.entity === "payments");
    expect(payments.fields.find((f: { name: string }) => f.name === "order_external_id")).toMatchObject({
      kind: "code",
      aliases: expect.arrayContaining(["order_id", "订单号"]),
    });
    expect((await custra(["import", "fields", "planets"])).code).toBe(2);
  });
});

for (const engine of ENGINES) {
  describe(`custra import on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
      const customers = await file(`${engine}-c.csv`, "code,name\nA1,甲\n17850,乙\n");
      expect((await custra(["import", "customers", customers, ...at])).code).toBe(0);
    });
    afterAll(async () => {
      await db.drop();
    });

    it("maps values from the command line and from a profile, and prints what went where first", async () => {
      const orders = await file(
        `${engine}-o.csv`,
        "单据编号,客户,单据日期,价税合计,状态,来源\nU1,A1,05/01/2024,100,已审核,x\nU2,A1,06/01/2024,50,作废,y\n",
      );
      const profile = await file(
        `${engine}-u8-orders.yaml`,
        [
          "entity: orders",
          "columns:",
          "  单据编号: external_id",
          "  单据日期: order_date",
          "  价税合计: amount",
          "values:",
          "  status:",
          "    已审核: completed",
          "date_format: dd/mm/yyyy",
          "defaults:",
          "  channel: U8",
          "",
        ].join("\n"),
      );
      const run = await custra(["import", "orders", orders, "--profile", profile, ...at]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("1. 单据编号 → external_id (mapped)");
      expect(run.stderr).toContain("5. 状态 → status (header alias, value map)");
      expect(run.stderr).toContain("6. 来源 → ignored");
      expect(run.stderr).toContain("default: channel = U8");
      expect(run.stderr).toContain("date format: dd/mm/yyyy");
      expect(run.stderr.indexOf("columns of")).toBeLessThan(run.stderr.indexOf("ignored:"));
      expect(run.stdout).toMatch(/inserted 2/);

      // The command line adds to the profile and wins: 作废 now means returned, not the built-in cancelled.
      const result = await json([
        "import",
        "orders",
        orders,
        "--profile",
        profile,
        "--values",
        "status:作废=returned",
        ...at,
      ]);
      expect(result).toMatchObject({ updated: 1, unchanged: 1 });
      expect(result.mapping.columns[4]).toEqual({
        column: "状态",
        position: 5,
        use: "field",
        field: "status",
        matchedBy: "alias",
        valueMap: true,
      });
      expect(result.mapping.defaults).toEqual({ channel: "U8" });
    });

    it("names every problem of a bad profile with its path (exit 1)", async () => {
      const orders = await file(`${engine}-o2.csv`, "customer_code,order_date,amount\nA1,2024-01-05,1\n");
      const profile = await file(
        `${engine}-bad.yaml`,
        "entity: orders\ncolumns:\n  a: colour\nvalues:\n  status: [1, 2]\ndate_format: dd/mm\nextra: 1\n",
      );
      const run = await custra(["import", "orders", orders, "--profile", profile, ...at]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("the import profile");
      expect(run.stderr).toMatch(/values\.status: must be /);
      expect(run.stderr).toMatch(/extra: is not a known setting/);
      const semantic = await file(`${engine}-bad2.yaml`, "columns:\n  a: colour\ndate_format: dd/mm\n");
      const second = await custra(["import", "orders", orders, "--profile", semantic, ...at]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/columns\.a: orders has no field "colour"/);
      expect(second.stderr).toMatch(/date_format: not a date format/);
      const other = await file(`${engine}-other.yaml`, "entity: payments\n");
      expect((await custra(["import", "orders", orders, "--profile", other, ...at])).stderr).toMatch(
        /entity: the profile is for payments, not for orders/,
      );
    });

    it("imports a file of invoice lines as orders with lines, and says the day order is needed", async () => {
      const lines = await file(
        `${engine}-lines.csv`,
        [
          "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID",
          "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850.0",
          "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0",
          "536367,84879,BIRD ORNAMENT,32,12/1/2010 8:34,1.69,NA",
          "",
        ].join("\n"),
      );
      const ambiguous = await custra(["import", "orders", lines, "--lines", "--create-products", ...at]);
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toMatch(/column "InvoiceDate"[\s\S]*--date-format/);
      const args = [
        "import",
        "orders",
        lines,
        "--lines",
        "--create-products",
        "--date-format",
        "mm/dd/yyyy HH:mm",
      ];
      const refused = await custra([...args, ...at]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/:4: CustomerID: "NA" is a placeholder/);
      const written = await json([...args, "--skip-invalid", ...at]);
      expect(written).toMatchObject({
        written: true,
        inserted: 1,
        createdProducts: 2,
        lines: { inserted: 2 },
      });
      const text = await custra([...args, "--skip-invalid", ...at]);
      expect(text.stdout).toContain("order lines: inserted 0, updated 0, unchanged 2");
      expect(text.stderr).toContain("order lines: rows with one order number make one order");
      const info = await json(["db", "info", ...at]);
      expect(info.tables).toMatchObject({ order_lines: 2, products: 2 });
    });
  });
}
