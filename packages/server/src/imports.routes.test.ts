import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINES } from "@custra/db/testing";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOUNDARY, form } from "./testing/multipart.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInAs } from "./testing/sign-in.ts";

// Uploads go to a temporary folder of this file's own, so that another test file's uploads, running
// at the same time, are not counted as left behind here.
const uploads = mkdtempSync(join(tmpdir(), "custra-imports-test-"));
process.env.TMPDIR = uploads;
afterAll(() => rmSync(uploads, { recursive: true, force: true }));
const uploadsLeft = () => readdirSync(tmpdir()).filter((name) => name.startsWith("custra-upload-")).length;

for (const engine of ENGINES) {
  describe(`imports over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false, env: { CUSTRA_UPLOAD_LIMIT: "64k" } });
    let manager: SignedIn;
    let sales: SignedIn;
    beforeAll(async () => {
      manager = await signedInAs(server.app, server.handle, { email: "mgr@example.com", role: "manager" });
      sales = await signedInAs(server.app, server.handle, { email: "rep@example.com", role: "sales" });
    });

    const post = (url: string, who: SignedIn, body: { payload: Buffer; contentType: string }, csrf = true) =>
      server.app.inject({
        method: "POST",
        url,
        payload: body.payload,
        headers: {
          cookie: who.headers.cookie,
          ...(csrf ? { "x-csrf-token": who.headers["x-csrf-token"] } : {}),
          "content-type": body.contentType,
          "accept-language": "en",
        },
      });
    const count = async (table: "customers" | "orders") =>
      Number(
        (
          await server.handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it("previews a GBK file with Chinese headers without writing, then imports it whole", async () => {
      const csv = iconv.encode(
        "客户编号,客户名称,负责人\nC001,杭州云帆,mgr@example.com\nC002,宁波海图,mgr@example.com\nC003,苏州织造,mgr@example.com\n",
        "gbk",
      );
      const preview = await post(
        "/api/v1/imports/customers/preview",
        manager,
        form({ name: "客户.csv", content: csv }),
      );
      expect(preview.statusCode).toBe(200);
      expect(JSON.stringify(preview.json())).toContain("杭州云帆");
      expect(preview.json().file).toBe("客户.csv");
      expect(await count("customers")).toBe(0);

      const imported = await post(
        "/api/v1/imports/customers",
        manager,
        form({ name: "客户.csv", content: csv }),
      );
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ inserted: 3, rejected: 0, written: true, file: "客户.csv" });
      expect(await count("customers")).toBe(3);
      expect(uploadsLeft()).toBe(0);
    });

    it("refuses a file with a bad row whole, naming the line and column, and writes nothing", async () => {
      const csv =
        "订单号,客户编号,下单日期,金额\nO1,C001,2026-01-05,100.00\nO2,C002,not a date,50.00\nO3,C003,2026-02-01,80.00\n";
      const response = await post(
        "/api/v1/imports/orders",
        manager,
        form({ name: "orders.csv", content: csv }),
      );
      expect(response.statusCode).toBe(422);
      const problem = response.json();
      expect(problem.code).toBe("IMPORT_ROWS_REJECTED");
      expect(problem.detail).toContain("orders.csv");
      expect(problem.result.problems[0]).toMatchObject({ line: 3, column: "下单日期" });
      expect(JSON.stringify(problem)).not.toContain("custra-upload-");
      expect(await count("orders")).toBe(0);
      // Asked to, it writes the good rows and reports the bad one.
      const skipped = await post(
        "/api/v1/imports/orders",
        manager,
        form({ name: "orders.csv", content: csv }, { skipInvalid: true }),
      );
      expect(skipped.json()).toMatchObject({ inserted: 2, rejected: 1 });
      expect(await count("orders")).toBe(2);
    });

    it("validates without writing", async () => {
      const csv = "订单号,客户编号,下单日期,金额\nO9,C001,2026-03-05,10.00\nO10,NOBODY,2026-03-06,10.00\n";
      const response = await post(
        "/api/v1/imports/orders/validate",
        manager,
        form({ name: "o.csv", content: csv }),
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ written: false, rejected: 1 });
      expect(await count("orders")).toBe(2);
    });

    it("takes no upload from a role that may not import, and none without the CSRF token", async () => {
      const csv = "code,name\nC900,x\n";
      const refused = await post("/api/v1/imports/customers", sales, form({ name: "c.csv", content: csv }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("APP_FORBIDDEN");
      const forged = await post(
        "/api/v1/imports/customers",
        manager,
        form({ name: "c.csv", content: csv }),
        false,
      );
      expect(forged.statusCode).toBe(403);
      expect(forged.json().code).toBe("SERVER_CSRF_REJECTED");
      expect(await count("customers")).toBe(3);
    });

    it("stops an upload over the limit with 413, keeping nothing of it", async () => {
      const big = `code,name\n${Array.from({ length: 8000 }, (_, i) => `X${i},name ${i}`).join("\n")}\n`;
      expect(big.length).toBeGreaterThan(64 * 1024);
      const response = await post(
        "/api/v1/imports/customers",
        manager,
        form({ name: "big.csv", content: big }),
      );
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ code: "SERVER_BODY_TOO_LARGE", params: { limit: 64 * 1024 } });
      expect(await count("customers")).toBe(3);
      expect(uploadsLeft()).toBe(0);
    });

    it("refuses a damaged workbook, a missing file and bad options with clear 4xx problems", async () => {
      const truncated = Buffer.from("PK\u0003\u0004this is not the rest of a workbook");
      const damaged = await post(
        "/api/v1/imports/customers",
        manager,
        form({ name: "客户.xlsx", content: truncated }),
      );
      expect(damaged.statusCode).toBeGreaterThanOrEqual(400);
      expect(damaged.statusCode).toBeLessThan(500);
      expect(damaged.json().code).toMatch(/^IMPORT_FILE_/);
      expect(damaged.json().detail).toContain("客户.xlsx");

      const empty = {
        payload: Buffer.from(`--${BOUNDARY}--\r\n`),
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      };
      const missing = await post("/api/v1/imports/customers", manager, empty);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().detail).toContain("No file to import");

      const bad = await post(
        "/api/v1/imports/customers",
        manager,
        form({ name: "c.csv", content: "code\nC1\n" }, { nonsense: 1 }),
      );
      expect(bad.statusCode).toBe(400);
      expect(await count("customers")).toBe(3);
      expect(uploadsLeft()).toBe(0);
    });
  });
}
