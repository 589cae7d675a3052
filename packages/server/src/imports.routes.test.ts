import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINES } from "@custra/db/testing";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOUNDARY, form, MULTIPART_TYPE } from "./testing/multipart.ts";
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

    it("gives each reason its words in the reader's language, and previews rows as the import reads them", async () => {
      const csv = iconv.encode(
        "客户编号,客户名称,注册日期\nJ001,杭州云帆,2024/3/5\n,宁波海图,not a date\n",
        "gbk",
      );
      const upload = (url: string, language: string, options?: object) =>
        server.app.inject({
          method: "POST",
          url,
          ...form({ name: "客户.csv", content: csv }, options),
          headers: { ...manager.headers, "content-type": MULTIPART_TYPE, "accept-language": language },
        });
      const preview = (await upload("/api/v1/imports/customers/preview", "zh-CN")).json();
      expect(preview.encoding).toBe("gb18030");
      expect(preview.rows.map((row: { read: unknown }) => row.read)).toEqual([
        { code: "J001", name: "杭州云帆", registered_on: "2024-03-05" },
        { code: null, name: "宁波海图", registered_on: null },
      ]);
      expect(preview.rows[1].problems).toEqual([
        expect.objectContaining({
          column: "客户编号",
          reason: expect.objectContaining({ text: "必填，不能为空" }),
        }),
        expect.objectContaining({
          column: "注册日期",
          reason: expect.objectContaining({ text: '无法识别的日期："not a date"' }),
        }),
      ]);
      const english = (await upload("/api/v1/imports/customers/validate", "en")).json();
      expect(english).toMatchObject({ written: false, rowsRead: 2, rejected: 1, problemCount: 2 });
      expect(
        english.problems.map((p: { line: number; column: string; reason: { key: string; text: string } }) => [
          p.line,
          p.column,
          p.reason.key,
          p.reason.text,
        ]),
      ).toEqual([
        [3, "客户编号", "import.value.required", "required, may not be empty"],
        [3, "注册日期", "import.value.badDate", 'not a date: "not a date"'],
      ]);
      // A column left out by an empty field is no longer read: its bad dates are no problem then.
      const left = (
        await upload("/api/v1/imports/customers/validate", "en", { map: { 注册日期: "" } })
      ).json();
      expect(left.problems.map((p: { column: string }) => p.column)).toEqual(["客户编号"]);
      expect(await count("customers")).toBe(3);
      expect(uploadsLeft()).toBe(0);
    });

    const job = async (id: number) => (await server.get(manager, `/api/v1/jobs/${id}`)).json();
    const finished = async (id: number) => {
      for (let waited = 0; waited < 30_000; waited += 100) {
        const now = await job(id);
        if (now.status === "succeeded" || now.status === "failed") return now;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`job ${id} did not finish`);
    };

    it("imports as a job: its progress is the file's, its result the import's, and the history lists it", async () => {
      const csv = "客户编号,客户名称,注册日期\nJ001,杭州云帆,2024-03-05\nJ002,宁波海图,2024-03-06\n";
      const queued = await post(
        "/api/v1/imports/customers/jobs",
        manager,
        form({ name: "新客户.csv", content: csv }),
      );
      expect(queued.statusCode).toBe(202);
      expect(queued.headers.location).toBe(`/api/v1/jobs/${queued.json().id}`);
      expect(queued.json()).toMatchObject({ kind: "import", status: "queued" });
      const done = await finished(queued.json().id);
      expect(done).toMatchObject({
        status: "succeeded",
        result: { entity: "customers", file: "新客户.csv", written: true, inserted: 2, rejected: 0 },
        progress: { stage: expect.stringMatching(/^(reading|checking|writing)$/) },
      });
      expect(done.progress.total).toBe(Buffer.byteLength(csv));
      expect(await count("customers")).toBe(5);
      expect(uploadsLeft()).toBe(0);

      const history = (await server.get(manager, "/api/v1/imports/history")).json();
      expect(history.imports[0]).toMatchObject({
        id: done.id,
        entity: "customers",
        file: "新客户.csv",
        status: "succeeded",
        skipInvalid: false,
        by: { username: manager.username, name: "mgr@example.com" },
        rows: { read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
        error: null,
      });
      // A role that may not import has no import history either.
      expect((await server.get(sales, "/api/v1/imports/history")).statusCode).toBe(403);
    });

    it("fails the job of a refused file with its reason in the reader's words, writing nothing", async () => {
      const csv = "客户编号,客户名称,注册日期\nJ003,苏州织造,2024-03-07\nJ004,无锡丝绸,someday\n";
      const queued = await post(
        "/api/v1/imports/customers/jobs",
        manager,
        form({ name: "坏.csv", content: csv }),
      );
      expect(queued.statusCode).toBe(202);
      const failed = await finished(queued.json().id);
      expect(failed).toMatchObject({ status: "failed", error: { code: "IMPORT_ROWS_REJECTED" } });
      // Rendered for each reader: Chinese by default, English when asked for.
      expect(failed.error.detail).toMatch(/^坏\.csv：1 行有错误，未写入任何数据/);
      const inEnglish = await server.app.inject({
        url: `/api/v1/jobs/${failed.id}`,
        headers: { ...manager.headers, "accept-language": "en" },
      });
      expect(inEnglish.json().error.detail).toMatch(/^坏\.csv: 1 rows have errors; nothing was written/);
      expect(await count("customers")).toBe(5);
      const history = (await server.get(manager, "/api/v1/imports/history?limit=1")).json();
      expect(history.imports).toHaveLength(1);
      expect(history.imports[0]).toMatchObject({
        id: failed.id,
        status: "failed",
        rows: null,
        file: "坏.csv",
      });
      expect(history.imports[0].error.detail).toBe(failed.error.detail);
      expect(history.nextCursor).toBe(failed.id);
      // Asked to skip bad rows, the job writes the good one.
      const skipping = await post(
        "/api/v1/imports/customers/jobs",
        manager,
        form({ name: "坏.csv", content: csv }, { skipInvalid: true }),
      );
      expect((await finished(skipping.json().id)).result).toMatchObject({ inserted: 1, rejected: 1 });
      expect(await count("customers")).toBe(6);
      expect(uploadsLeft()).toBe(0);
    });

    it("starts no import through POST /jobs, where a client would name a file on the server", async () => {
      const response = await server.app.inject({
        method: "POST",
        url: "/api/v1/jobs",
        payload: { kind: "import", input: { entity: "customers", file: "/etc/hostname" } },
        headers: { ...manager.headers, "accept-language": "en" },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("JOB_UNKNOWN_KIND");
      const refused = await post(
        "/api/v1/imports/customers/jobs",
        sales,
        form({ name: "c.csv", content: "code\nX\n" }),
      );
      expect(refused.statusCode).toBe(403);
    });

    it("lists what may be imported, field by field; users only to who may manage them", async () => {
      const entities = (await server.get(manager, "/api/v1/imports/entities")).json();
      const names = entities.map((entity: { name: string }) => entity.name);
      expect(names).toEqual([
        "customers",
        "contacts",
        "products",
        "orders",
        "order-lines",
        "invoices",
        "payments",
        "interactions",
        "surveys",
      ]);
      const customers = entities.find((entity: { name: string }) => entity.name === "customers");
      expect(customers).toMatchObject({ key: "code", derivesKey: false, extraField: "attributes" });
      expect(customers.fields).toContainEqual({ name: "code", kind: "code", required: true });
      expect(customers.fields).toContainEqual({
        name: "type",
        kind: "enum",
        required: false,
        values: ["individual", "enterprise"],
      });
      // Orders derive their id when the file has none: it is not required.
      const orders = entities.find((entity: { name: string }) => entity.name === "orders");
      expect(orders.fields.find((field: { name: string }) => field.name === "external_id").required).toBe(
        false,
      );
      const admin = await signedInAs(server.app, server.handle, { email: "boss@example.com", role: "admin" });
      const all = (await server.get(admin, "/api/v1/imports/entities")).json();
      expect(all[0].name).toBe("users");
      expect((await server.get(sales, "/api/v1/imports/entities")).statusCode).toBe(403);
    });
  });
}
