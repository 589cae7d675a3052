import { ENGINES, tamperWithAuditLog } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInPerRole } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`the audit log and company settings over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false });
    const { call } = server;
    const as: Record<string, SignedIn> = {};
    beforeAll(async () => {
      Object.assign(as, await signedInPerRole(server.app, server.handle));
    }, 120_000);

    it("shows the settings to everyone; only an admin changes and resets them", async () => {
      for (const role of ["admin", "manager", "sales", "analyst"]) {
        const shown = await call(as[role]!, "GET", "/api/v1/settings");
        expect(shown.statusCode).toBe(200);
        expect(shown.json().settings.currency).toBe("CNY");
      }
      for (const role of ["manager", "sales", "analyst"]) {
        expect(
          (await call(as[role]!, "PATCH", "/api/v1/settings", { changes: { currency: "usd" } })).statusCode,
        ).toBe(403);
        expect(
          (await call(as[role]!, "POST", "/api/v1/settings/reset", { keys: ["currency"] })).statusCode,
        ).toBe(403);
      }
      const noCsrf = await server.app.inject({
        method: "PATCH",
        url: "/api/v1/settings",
        headers: { cookie: as.admin!.headers.cookie },
        payload: { changes: { currency: "usd" } },
      });
      expect(noCsrf.statusCode).toBe(403);
      const bad = await call(as.admin!, "PATCH", "/api/v1/settings", {
        changes: { currency: "usd", timeZone: "Mars/Base", fiscalYearStart: "02-30" },
      });
      expect(bad.statusCode).toBe(400);
      // Each refused setting by its key, in the reader's language, for a form to show beside its field.
      expect(bad.json().issues).toEqual([
        { path: "timeZone", problem: expect.stringContaining("the setting timeZone cannot be Mars/Base") },
        { path: "fiscalYearStart", problem: expect.stringContaining("cannot be 02-30: it takes a month") },
      ]);
      expect(bad.json().detail).toContain(bad.json().issues[1].problem);
      const zh = await server.app.inject({
        method: "PATCH",
        url: "/api/v1/settings",
        headers: { ...as.admin!.headers, "accept-language": "zh-CN" },
        payload: { changes: { fiscalYearStart: "02-30" } },
      });
      expect(zh.json().issues).toEqual([
        { path: "fiscalYearStart", problem: expect.stringContaining("设置 fiscalYearStart 的值 02-30 无效") },
      ]);
      expect((await call(as.admin!, "GET", "/api/v1/settings")).json().settings.currency).toBe("CNY");

      // The company's name: none until set, then shown to everyone; the change is audited.
      expect((await call(as.sales!, "GET", "/api/v1/settings")).json().settings.companyName).toBe("");
      const named = await call(as.admin!, "PATCH", "/api/v1/settings", {
        changes: { companyName: " 上海示例贸易有限公司 " },
      });
      expect(named.statusCode).toBe(200);
      expect((await call(as.sales!, "GET", "/api/v1/settings")).json().settings.companyName).toBe(
        "上海示例贸易有限公司",
      );
      const [entry] = (await call(as.admin!, "GET", "/api/v1/audit?entity=settings&limit=1")).json();
      expect(entry).toMatchObject({
        action: "settings.update",
        actorId: as.admin!.userId,
        changes: { companyName: { before: "", after: "上海示例贸易有限公司" } },
      });

      const changed = await call(as.admin!, "PATCH", "/api/v1/settings", { changes: { currency: "usd" } });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().settings.currency).toBe("USD");
      expect(changed.json().defaults).not.toContain("currency");
      const reset = await call(as.admin!, "POST", "/api/v1/settings/reset", { keys: ["currency"] });
      expect(reset.json().settings.currency).toBe("CNY");
      expect(reset.json().defaults).toContain("currency");
      const badReset = await call(as.admin!, "POST", "/api/v1/settings/reset", { keys: [] });
      expect(badReset.statusCode).toBe(400);
      expect(badReset.json().detail).toContain("body.keys");
    });

    it("lists audit entries with filters to an admin only", async () => {
      for (const role of ["manager", "sales", "analyst"]) {
        expect((await call(as[role]!, "GET", "/api/v1/audit")).statusCode).toBe(403);
        expect((await call(as[role]!, "GET", "/api/v1/audit/verify")).statusCode).toBe(403);
      }
      const all = await call(as.admin!, "GET", "/api/v1/audit");
      expect(all.statusCode).toBe(200);
      expect(all.json().length).toBeGreaterThan(4);
      const logins = await call(
        as.admin!,
        "GET",
        `/api/v1/audit?action=session.login&actorId=${as.sales!.userId}&limit=5`,
      );
      expect(logins.statusCode).toBe(200);
      expect(logins.json().length).toBeGreaterThan(0);
      for (const entry of logins.json())
        expect(entry).toMatchObject({ action: "session.login", actorId: as.sales!.userId });
      const page = await call(as.admin!, "GET", "/api/v1/audit?limit=2");
      expect(page.json()).toHaveLength(2);
      const bad = await call(as.admin!, "GET", "/api/v1/audit?limit=0&from=yesterday");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain("querystring.limit");
      expect(bad.json().detail).toContain("querystring.from");
    });

    it("verifies the hash chain and names a tampered entry", async () => {
      const ok = await call(as.admin!, "GET", "/api/v1/audit/verify");
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ ok: true });
      expect(ok.json()).not.toHaveProperty("problemText");
      const entries = (await call(as.admin!, "GET", "/api/v1/audit?limit=1000")).json() as { id: number }[];
      const victim = Math.min(...entries.map((e) => e.id));
      await tamperWithAuditLog(
        server.handle,
        `UPDATE audit_log SET action = 'nothing.happened' WHERE id = ${victim}`,
      );
      const broken = await call(as.admin!, "GET", "/api/v1/audit/verify");
      expect(broken.json()).toMatchObject({ ok: false, problem: { id: victim } });
      expect(broken.json().problemText).toMatchObject({
        key: "access.audit.edited",
        text: `entry ${victim} was edited`,
      });
    });

    it("describes the routes in the OpenAPI document", async () => {
      const paths = Object.keys((await server.app.inject("/api/docs/json")).json().paths);
      for (const path of [
        "/api/v1/audit/",
        "/api/v1/audit/verify",
        "/api/v1/settings/",
        "/api/v1/settings/reset",
      ])
        expect(paths).toContain(path);
    });
  });
}
