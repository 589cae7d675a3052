import { LOCAL_OPERATOR, updateUser } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`export routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { get } = server;

    const codesIn = (csv: string) => ["CA1", "CA2", "CS1", "CB1"].filter((code) => csv.includes(code));

    it("streams a CSV with a BOM as an attachment, of the customers in scope only", async () => {
      const response = await get(server.company.manager, "/api/v1/exports/scores?format=csv");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/csv");
      expect(response.headers["content-disposition"]).toBe('attachment; filename="custra-scores.csv"');
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(codesIn(response.body)).toEqual(["CA1", "CA2", "CS1"]);
      const rows = response.body.trim().split("\r\n");
      expect(rows).toHaveLength(1 + 3);
      // Audited with its filter and the rows counted within scope (once the stream has ended).
      const exported = () =>
        server.handle.db
          .selectFrom("audit_log")
          .select(["actor_id", "details"])
          .where("action", "=", "data.export")
          .orderBy("id", "desc")
          .executeTakeFirst();
      let entry = await exported();
      for (let wait = 0; !entry && wait < 50; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        entry = await exported();
      }
      if (!entry) throw new Error("the export was not audited");
      expect(Number(entry.actor_id)).toBe(server.company.manager.userId);
      const details = typeof entry.details === "string" ? JSON.parse(entry.details) : entry.details;
      expect(details).toMatchObject({ kind: "scores", format: "csv", rows: 3 });
      expect(codesIn((await get(server.company.admin, "/api/v1/exports/scores")).body)).toEqual([
        "CA1",
        "CA2",
        "CS1",
        "CB1",
      ]);
      expect(codesIn((await get(server.company.analyst, "/api/v1/exports/grades")).body)).toEqual([
        "CA1",
        "CA2",
        "CS1",
        "CB1",
      ]);
      expect(codesIn((await get(server.company.manager, "/api/v1/exports/tasks?status=all")).body)).toEqual([
        "CA1",
        "CA2",
        "CS1",
      ]);
    });

    it("headers in the reader's language unless asked otherwise", async () => {
      const zh = (await get(server.company.admin, "/api/v1/exports/scores")).body.split("\r\n")[0]!;
      const en = (
        await server.app.inject({
          url: "/api/v1/exports/scores",
          headers: { ...server.company.admin.headers, "accept-language": "en" },
        })
      ).body.split("\r\n")[0]!;
      expect(zh).not.toEqual(en);
      expect(/[\u4e00-\u9fff]/.test(zh)).toBe(true);
      expect(/[\u4e00-\u9fff]/.test(en)).toBe(false);
    });

    it("renders each request in its own reader's language, when requests in both are served at once", async () => {
      // The analyst reads English by their own setting, whatever the browser sends; the admin's
      // language is the request's. A process-wide locale would give both requests the same one.
      await updateUser(
        { handle: server.handle, actor: LOCAL_OPERATOR },
        { userId: server.company.analyst.userId, locale: "en" },
      );
      const as = (who: SignedIn, language: string, url: string) =>
        server.app.inject({ url, headers: { ...who.headers, "accept-language": language } });
      const tasks = "/api/v1/exports/tasks?status=all";
      const missing = "/api/v1/exports/scores?runId=999";
      for (let round = 0; round < 3; round++) {
        const [zh, en, byUser, zhProblem, enProblem, userProblem] = await Promise.all([
          as(server.company.admin, "zh-CN", tasks),
          as(server.company.admin, "en", tasks),
          as(server.company.analyst, "zh-CN", tasks),
          as(server.company.admin, "zh-CN", missing),
          as(server.company.admin, "en;q=0.9", missing),
          as(server.company.analyst, "zh-CN", missing),
        ]);
        for (const english of [en, byUser]) {
          expect(english.statusCode).toBe(200);
          const [header, row] = english.body.replace(/^\uFEFF/, "").split("\r\n");
          expect(header).toMatch(/^Task,/);
          expect(header).toContain("Reason");
          // The task's reason is stored as a code with params, and worded for this reader.
          expect(row).toContain("30 days ago");
          expect(/[\u4e00-\u9fff]/.test(header!)).toBe(false);
        }
        expect(zh.statusCode).toBe(200);
        const [zhHeader, zhRow] = zh.body.replace(/^\uFEFF/, "").split("\r\n");
        expect(zhHeader).toMatch(/^任务编号,/);
        expect(zhHeader).toContain("原因");
        expect(zhRow).toContain("已过 30 天");
        for (const problem of [zhProblem, enProblem, userProblem]) expect(problem.statusCode).toBe(404);
        expect(zhProblem.json().detail).toContain("找不到分析 #999");
        expect(enProblem.json().detail).toContain("there is no analysis #999");
        expect(userProblem.json().detail).toContain("there is no analysis #999");
        expect(zhProblem.json().title).not.toBe(enProblem.json().title);
        expect(userProblem.json().title).toBe(enProblem.json().title);
      }
      // Stored reasons stay code and params: only their rendering follows the reader.
      const stored = await server.handle.db.selectFrom("tasks").select("reason").executeTakeFirstOrThrow();
      const reason = typeof stored.reason === "string" ? JSON.parse(stored.reason) : stored.reason;
      expect(reason).toEqual({ code: "cadence_due", params: { days: 30 } });
    });

    it("exports the customer list with the list's filters: the customers GET /customers counts", async () => {
      const industries = await server.handle.db
        .selectFrom("customers")
        .select(["code", "industry"])
        .execute();
      const industry = industries.find((row) => row.industry)!.industry!;
      const filtered = `industry=${encodeURIComponent(industry)}&sort=code&order=desc`;
      const list = await get(server.company.manager, `/api/v1/customers?${filtered}`);
      expect(list.statusCode).toBe(200);
      const codes = (list.json().items as { code: string }[]).map((item) => item.code);
      expect(codes.length).toBeGreaterThan(0);
      const response = await get(server.company.manager, `/api/v1/exports/customers?${filtered}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-disposition"]).toBe('attachment; filename="custra-customers.csv"');
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = response.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(header).toMatch(/^客户编号,客户名称,/);
      expect(rows.map((row) => row.split(",")[0])).toEqual(codes);
      // Several owners, as the list takes them; a tasks export still takes one.
      const owners = await get(server.company.admin, "/api/v1/exports/customers?owner=nobody&owner=noone");
      expect(owners.statusCode).toBe(200);
      expect(owners.body.trim().split("\r\n")).toHaveLength(1);
      expect((await get(server.company.admin, "/api/v1/exports/tasks?owner=nobody")).statusCode).toBe(200);
      const xlsx = await get(server.company.manager, `/api/v1/exports/customers?format=xlsx&${filtered}`);
      expect(xlsx.rawPayload.subarray(0, 2).toString("latin1")).toBe("PK");
      expect((await get(server.company.salesA, "/api/v1/exports/customers")).statusCode).toBe(403);
      expect(
        (await get(server.company.admin, "/api/v1/exports/customers?registeredFrom=soon")).statusCode,
      ).toBe(400);
    });

    it("streams XLSX", async () => {
      const response = await get(server.company.manager, "/api/v1/exports/summary?format=xlsx");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("spreadsheetml");
      expect(response.headers["content-disposition"]).toBe('attachment; filename="custra-summary.xlsx"');
      expect(response.rawPayload.subarray(0, 2).toString("latin1")).toBe("PK");
    });

    it("refuses roles without the export permission and bad input, as problems", async () => {
      for (const who of [server.company.salesA, server.company.salesB]) {
        const response = await get(who, "/api/v1/exports/scores");
        expect(response.statusCode).toBe(403);
        expect(response.headers["content-type"]).toContain("application/problem+json");
        expect(response.headers["content-disposition"]).toBeUndefined();
      }
      expect((await get(server.company.admin, "/api/v1/exports/nothing")).statusCode).toBe(400);
      expect((await get(server.company.admin, "/api/v1/exports/scores?format=pdf")).statusCode).toBe(400);
      // A filter of another kind.
      const foreign = await get(server.company.admin, "/api/v1/exports/scores?owner=someone");
      expect(foreign.statusCode).toBe(400);
      expect(JSON.stringify(foreign.json())).toContain("owner");
      expect((await get(server.company.admin, "/api/v1/exports/scores?runId=999")).statusCode).toBe(404);
      expect((await server.app.inject("/api/v1/exports/scores")).statusCode).toBe(401);
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toContain("/api/v1/exports/{kind}");
    });
  });
}
