import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";

for (const engine of ENGINES) {
  describe(`scheme and playbook routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { get, noCsrf, post } = server;

    const versions = async () =>
      (
        await server.handle.db
          .selectFrom("grading_schemes")
          .select("version")
          .where("name", "=", "value")
          .execute()
      ).length;

    it("lists and reads schemes and playbooks for every role that reads", async () => {
      for (const who of [
        server.company.admin,
        server.company.manager,
        server.company.salesA,
        server.company.analyst,
      ]) {
        const schemes = await get(who, "/api/v1/schemes");
        expect(schemes.statusCode).toBe(200);
        expect(schemes.json().map((s: { name: string }) => s.name)).toContain("value");
        expect((await get(who, "/api/v1/playbooks")).statusCode).toBe(200);
      }
      const value = await get(server.company.salesA, "/api/v1/schemes/value");
      expect(value.statusCode).toBe(200);
      expect(value.json()).toMatchObject({ name: "value", version: 1, versions: [{ version: 1 }] });
      expect((await get(server.company.salesA, "/api/v1/schemes/nope")).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/schemes/value?version=x")).statusCode).toBe(400);
      const playbooks = (await get(server.company.analyst, "/api/v1/playbooks")).json() as { name: string }[];
      if (playbooks[0]) {
        expect((await get(server.company.analyst, `/api/v1/playbooks/${playbooks[0].name}`)).statusCode).toBe(
          200,
        );
      }
    });

    it("validates a document without storing it, every problem with its path", async () => {
      const checked = await post(server.company.salesA, "/api/v1/schemes/validate", {
        document: { name: "x" },
      });
      expect(checked.statusCode).toBe(200);
      expect(checked.json().valid).toBe(false);
      expect(checked.json().issues.length).toBeGreaterThan(0);
      const value = (await get(server.company.salesA, "/api/v1/schemes/value")).json().definition;
      expect(
        (await post(server.company.salesA, "/api/v1/schemes/validate", { document: value })).json(),
      ).toMatchObject({
        valid: true,
      });
      expect(
        (await post(server.company.salesA, "/api/v1/schemes/validate", { document: value, extra: 1 }))
          .statusCode,
      ).toBe(400);
    });

    it("stores a new version and activates an old one for roles that edit schemes, with the CSRF token", async () => {
      const value = (await get(server.company.admin, "/api/v1/schemes/value")).json().definition;
      const changed = { ...value, title: { "zh-CN": "价值分级（新）", en: "Value (new)" } };
      for (const who of [server.company.salesA, server.company.manager]) {
        expect((await post(who, "/api/v1/schemes", { document: changed })).statusCode).toBe(403);
        expect((await post(who, "/api/v1/schemes/value/activate", { version: 1 })).statusCode).toBe(403);
      }
      expect(
        (
          await post(
            server.company.analyst,
            "/api/v1/schemes",
            { document: changed },
            noCsrf(server.company.analyst),
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (await post(server.company.analyst, "/api/v1/schemes", { document: { name: "value" } })).statusCode,
      ).toBe(400);
      expect(await versions()).toBe(1);

      const added = await post(server.company.analyst, "/api/v1/schemes", { document: changed });
      expect(added.statusCode).toBe(200);
      expect(added.json()).toEqual({ kind: "scheme", name: "value", version: 2, added: true });
      const back = await post(server.company.admin, "/api/v1/schemes/value/activate", { version: 1 });
      expect(back.json()).toEqual({ kind: "scheme", name: "value", version: 3, added: true });
      expect(
        (
          await post(
            server.company.admin,
            "/api/v1/schemes/value/activate",
            { version: 1 },
            noCsrf(server.company.admin),
          )
        ).statusCode,
      ).toBe(403);
      expect((await get(server.company.salesA, "/api/v1/schemes/value")).json().versions).toHaveLength(3);
    });

    it("previews a scheme for roles that run analyses", async () => {
      const value = (await get(server.company.admin, "/api/v1/schemes/value")).json().definition;
      expect(
        (await post(server.company.salesA, "/api/v1/schemes/preview", { document: value })).statusCode,
      ).toBe(403);
      const preview = await post(server.company.analyst, "/api/v1/schemes/preview", { document: value });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ scheme: { name: "value" }, customers: 4 });
      expect(preview.json().gradeRunId).toBeUndefined();
      expect(
        (
          await post(
            server.company.analyst,
            "/api/v1/schemes/preview",
            { document: value },
            noCsrf(server.company.analyst),
          )
        ).statusCode,
      ).toBe(403);
    });

    it("compares a preview with the latest grade run, naming each customer whose grade changes", async () => {
      const value = (await get(server.company.admin, "/api/v1/schemes/value")).json().definition;
      const latest = await server.handle.db
        .selectFrom("grade_runs")
        .select(["id", "as_of"])
        .where("scheme_name", "=", "value")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      const stored = await server.handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select(["c.code", "g.grade"])
        .where("g.grade_run_id", "=", latest.id)
        .execute();
      const gradeOf = new Map(stored.map((row) => [row.code, row.grade]));
      // Every customer in one grade: whoever the latest run graded otherwise changes.
      const single = { ...value, assign: { method: "shares", shares: { A: 1, B: 0, C: 0, D: 0 } } };
      const response = await post(server.company.admin, "/api/v1/schemes/preview", { document: single });
      expect(response.statusCode).toBe(200);
      const { changes, distribution } = response.json();
      expect(distribution.map((row: { customers: number }) => row.customers)).toEqual([4, 0, 0, 0]);
      const moved = [...gradeOf].filter(([, grade]) => grade !== "A");
      expect(moved.length).toBeGreaterThan(0);
      expect(changes).toMatchObject({
        against: { id: Number(latest.id), schemeVersion: 1 },
        changed: moved.length,
        up: moved.length,
        down: 0,
        added: 0,
        removed: 0,
      });
      expect(
        changes.customers
          .map((c: { code: string; from: string; to: string }) => [c.code, c.from, c.to])
          .sort(),
      ).toEqual(moved.map(([code, grade]) => [code, grade, "A"]).sort());
      expect(
        changes.before.map((row: { grade: string; customers: number }) => [row.grade, row.customers]),
      ).toEqual(
        ["A", "B", "C", "D"].map((grade) => [grade, stored.filter((row) => row.grade === grade).length]),
      );
    });

    it("names each problem of an invalid document with its path, in the reader's language", async () => {
      const value = (await get(server.company.admin, "/api/v1/schemes/value")).json().definition;
      const broken = {
        ...value,
        dimensions: value.dimensions.map((d: { weight: number }, k: number) =>
          k === 2 ? { ...d, weight: 0 } : d,
        ),
      };
      const stored = await versions();
      for (const url of ["/api/v1/schemes/preview", "/api/v1/schemes"]) {
        const english = await server.call(server.company.admin, "POST", url, { document: broken });
        expect(english.statusCode, url).toBe(400);
        expect(english.json()).toMatchObject({
          code: "GRADING_INVALID_SCHEME",
          issues: [{ path: "dimensions[2].weight", problem: "must be > 0" }],
        });
        const chinese = await post(server.company.admin, url, { document: broken });
        expect(chinese.json().issues).toEqual([{ path: "dimensions[2].weight", problem: "必须大于 0" }]);
      }
      expect(await versions()).toBe(stored);
      // Other refusals carry no issues.
      const unknown = await post(server.company.admin, "/api/v1/schemes/preview", { document: value, x: 1 });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().issues).toBeUndefined();
    });

    it("tells each user whether they see every customer, which a preview needs besides analyze", async () => {
      const value = (await get(server.company.admin, "/api/v1/schemes/value")).json().definition;
      const seen: [boolean, number][] = [];
      for (const who of [
        server.company.admin,
        server.company.manager,
        server.company.salesA,
        server.company.analyst,
      ]) {
        const { user } = (await get(who, "/api/v1/auth/session")).json();
        const preview = await post(who, "/api/v1/schemes/preview", { document: value });
        const may = user.allCustomers && user.permissions.includes("analyze");
        expect(preview.statusCode, user.role).toBe(may ? 200 : 403);
        seen.push([user.allCustomers, preview.statusCode]);
      }
      // The manager runs analyses but sees one department: refused for the scope, not the permission.
      expect(seen).toEqual([
        [true, 200],
        [false, 403],
        [false, 403],
        [true, 200],
      ]);
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      for (const path of [
        "/api/v1/schemes/",
        "/api/v1/schemes/{name}",
        "/api/v1/schemes/validate",
        "/api/v1/schemes/preview",
        "/api/v1/schemes/{name}/activate",
        "/api/v1/playbooks/",
        "/api/v1/playbooks/{name}",
        "/api/v1/playbooks/{name}/activate",
      ]) {
        expect(Object.keys(doc.paths), path).toContain(path);
      }
    });
  });
}
