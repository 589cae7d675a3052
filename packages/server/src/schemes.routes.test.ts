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
