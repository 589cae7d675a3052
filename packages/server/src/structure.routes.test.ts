import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Company, loadCompany } from "./testing/company.fixture.ts";
import type { SignedIn } from "./testing/sign-in.ts";
import { injectableServer } from "./testing/test-server.ts";

for (const engine of ENGINES) {
  describe(`structure route on ${engine}`, () => {
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

    it("counts only the customers in the reader's scope, in totals and cells", async () => {
      const customers = async (who: SignedIn) => {
        const response = await get(who, "/api/v1/structure?by=region");
        expect(response.statusCode).toBe(200);
        const report = response.json();
        const regions = Object.fromEntries(
          (report.cells as { keys: string[]; customers: number }[]).map((cell) => [
            cell.keys[0],
            cell.customers,
          ]),
        );
        return { total: report.totals.customers, regions };
      };
      expect(await customers(company.admin)).toEqual({ total: 4, regions: { 浙江: 3, 北京: 1 } });
      expect(await customers(company.analyst)).toEqual({ total: 4, regions: { 浙江: 3, 北京: 1 } });
      expect(await customers(company.manager)).toEqual({ total: 3, regions: { 浙江: 3 } });
      expect(await customers(company.salesA)).toEqual({ total: 2, regions: { 浙江: 2 } });
      expect(await customers(company.salesB)).toEqual({ total: 1, regions: { 北京: 1 } });
    });

    it("crosses dimensions given repeated or comma-separated; a bad one is a 400", async () => {
      const crossed = (await get(company.admin, "/api/v1/structure?by=grade,industry")).json();
      expect(crossed.by).toEqual(["grade", "industry"]);
      expect(crossed.cells[0].keys).toHaveLength(2);
      const repeated = (await get(company.admin, "/api/v1/structure?by=grade&by=industry")).json();
      expect(repeated.cells).toEqual(crossed.cells);
      expect((await get(company.admin, "/api/v1/structure")).json().by).toEqual(["grade"]);
      const bad = await get(company.admin, "/api/v1/structure?by=shoe_size");
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain("by");
      expect((await app.inject("/api/v1/structure")).statusCode).toBe(401);
      const doc = (await app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toContain("/api/v1/structure/");
    });
  });
}
