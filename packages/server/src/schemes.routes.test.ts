import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Company, loadCompany } from "./testing/company.fixture.ts";
import type { SignedIn } from "./testing/sign-in.ts";
import { injectableServer } from "./testing/test-server.ts";

for (const engine of ENGINES) {
  describe(`scheme and playbook routes on ${engine}`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    let company: Company;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      ({ app } = await injectableServer(handle));
      await app.ready();
      company = await loadCompany(app, handle, { analyse: true });
    });
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    const get = (who: SignedIn, url: string) => app.inject({ url, headers: who.headers });
    const post = (
      who: SignedIn,
      url: string,
      payload: object,
      headers: Record<string, string> = who.headers,
    ) => app.inject({ method: "POST", url, headers, payload });
    const noCsrf = (who: SignedIn) => {
      const { "x-csrf-token": _, ...headers } = who.headers;
      return headers;
    };
    const versions = async () =>
      (await handle.db.selectFrom("grading_schemes").select("version").where("name", "=", "value").execute())
        .length;

    it("lists and reads schemes and playbooks for every role that reads", async () => {
      for (const who of [company.admin, company.manager, company.salesA, company.analyst]) {
        const schemes = await get(who, "/api/v1/schemes");
        expect(schemes.statusCode).toBe(200);
        expect(schemes.json().map((s: { name: string }) => s.name)).toContain("value");
        expect((await get(who, "/api/v1/playbooks")).statusCode).toBe(200);
      }
      const value = await get(company.salesA, "/api/v1/schemes/value");
      expect(value.statusCode).toBe(200);
      expect(value.json()).toMatchObject({ name: "value", version: 1, versions: [{ version: 1 }] });
      expect((await get(company.salesA, "/api/v1/schemes/nope")).statusCode).toBe(404);
      expect((await get(company.salesA, "/api/v1/schemes/value?version=x")).statusCode).toBe(400);
      const playbooks = (await get(company.analyst, "/api/v1/playbooks")).json() as { name: string }[];
      if (playbooks[0]) {
        expect((await get(company.analyst, `/api/v1/playbooks/${playbooks[0].name}`)).statusCode).toBe(200);
      }
    });

    it("validates a document without storing it, every problem with its path", async () => {
      const checked = await post(company.salesA, "/api/v1/schemes/validate", { document: { name: "x" } });
      expect(checked.statusCode).toBe(200);
      expect(checked.json().valid).toBe(false);
      expect(checked.json().issues.length).toBeGreaterThan(0);
      const value = (await get(company.salesA, "/api/v1/schemes/value")).json().definition;
      expect(
        (await post(company.salesA, "/api/v1/schemes/validate", { document: value })).json(),
      ).toMatchObject({
        valid: true,
      });
      expect(
        (await post(company.salesA, "/api/v1/schemes/validate", { document: value, extra: 1 })).statusCode,
      ).toBe(400);
    });

    it("stores a new version and activates an old one for roles that edit schemes, with the CSRF token", async () => {
      const value = (await get(company.admin, "/api/v1/schemes/value")).json().definition;
      const changed = { ...value, title: { "zh-CN": "价值分级（新）", en: "Value (new)" } };
      for (const who of [company.salesA, company.manager]) {
        expect((await post(who, "/api/v1/schemes", { document: changed })).statusCode).toBe(403);
        expect((await post(who, "/api/v1/schemes/value/activate", { version: 1 })).statusCode).toBe(403);
      }
      expect(
        (await post(company.analyst, "/api/v1/schemes", { document: changed }, noCsrf(company.analyst)))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(company.analyst, "/api/v1/schemes", { document: { name: "value" } })).statusCode,
      ).toBe(400);
      expect(await versions()).toBe(1);

      const added = await post(company.analyst, "/api/v1/schemes", { document: changed });
      expect(added.statusCode).toBe(200);
      expect(added.json()).toEqual({ kind: "scheme", name: "value", version: 2, added: true });
      const back = await post(company.admin, "/api/v1/schemes/value/activate", { version: 1 });
      expect(back.json()).toEqual({ kind: "scheme", name: "value", version: 3, added: true });
      expect(
        (await post(company.admin, "/api/v1/schemes/value/activate", { version: 1 }, noCsrf(company.admin)))
          .statusCode,
      ).toBe(403);
      expect((await get(company.salesA, "/api/v1/schemes/value")).json().versions).toHaveLength(3);
    });

    it("previews a scheme for roles that run analyses", async () => {
      const value = (await get(company.admin, "/api/v1/schemes/value")).json().definition;
      expect((await post(company.salesA, "/api/v1/schemes/preview", { document: value })).statusCode).toBe(
        403,
      );
      const preview = await post(company.analyst, "/api/v1/schemes/preview", { document: value });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ scheme: { name: "value" }, customers: 4 });
      expect(preview.json().gradeRunId).toBeUndefined();
      expect(
        (await post(company.analyst, "/api/v1/schemes/preview", { document: value }, noCsrf(company.analyst)))
          .statusCode,
      ).toBe(403);
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await app.inject("/api/docs/json")).json();
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
