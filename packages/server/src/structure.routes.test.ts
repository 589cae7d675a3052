import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`structure route on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { get } = server;

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
      expect(await customers(server.company.admin)).toEqual({ total: 4, regions: { 浙江: 3, 北京: 1 } });
      expect(await customers(server.company.analyst)).toEqual({ total: 4, regions: { 浙江: 3, 北京: 1 } });
      expect(await customers(server.company.manager)).toEqual({ total: 3, regions: { 浙江: 3 } });
      expect(await customers(server.company.salesA)).toEqual({ total: 2, regions: { 浙江: 2 } });
      expect(await customers(server.company.salesB)).toEqual({ total: 1, regions: { 北京: 1 } });
    });

    it("crosses dimensions given repeated or comma-separated; a bad one is a 400", async () => {
      const crossed = (await get(server.company.admin, "/api/v1/structure?by=grade,industry")).json();
      expect(crossed.by).toEqual(["grade", "industry"]);
      expect(crossed.cells[0].keys).toHaveLength(2);
      const repeated = (await get(server.company.admin, "/api/v1/structure?by=grade&by=industry")).json();
      expect(repeated.cells).toEqual(crossed.cells);
      expect((await get(server.company.admin, "/api/v1/structure")).json().by).toEqual(["grade"]);
      const bad = await get(server.company.admin, "/api/v1/structure?by=shoe_size");
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain("by");
      expect((await server.app.inject("/api/v1/structure")).statusCode).toBe(401);
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toContain("/api/v1/structure/");
    });

    it("gives the overview's figures and retention of the reader's customers only", async () => {
      const overview = async (who: SignedIn) => {
        const response = await get(who, "/api/v1/structure/overview");
        expect(response.statusCode, response.body).toBe(200);
        return response.json();
      };
      const all = await overview(server.company.admin);
      const cells = (await get(server.company.admin, "/api/v1/structure?by=region")).json();
      expect(all.current.customers).toBe(cells.totals.customers);
      expect(all.current.revenue).toBeCloseTo(cells.totals.revenue, 6);
      expect(all.current.predictedValue).toBeCloseTo(cells.totals.clv, 6);
      expect(all.previous).toBeNull();
      expect(all.concentration.lorenz.at(-1)).toEqual({ customerShare: 1, revenueShare: 1 });
      for (const [who, customers] of [
        [server.company.manager, 3],
        [server.company.salesA, 2],
        [server.company.salesB, 1],
      ] as const) {
        const mine = await overview(who);
        expect(mine.current.customers).toBe(customers);
        expect(mine.concentration.buyers).toBeLessThanOrEqual(customers);
        expect(mine.value.customers).toBeLessThanOrEqual(customers);
        const structure = (await get(who, "/api/v1/structure?by=region")).json();
        expect(mine.current.revenue).toBeCloseTo(structure.totals.revenue, 6);
      }

      const retention = async (who: SignedIn) => {
        const response = await get(who, "/api/v1/structure/retention");
        expect(response.statusCode, response.body).toBe(200);
        return response.json() as { cohorts: { customers: number }[]; churn: { customers: number }[] };
      };
      const everyone = await retention(server.company.admin);
      expect(everyone.cohorts.length).toBeGreaterThan(0);
      expect(everyone.cohorts.length).toBeLessThanOrEqual(12);
      expect(everyone.churn.length).toBeLessThanOrEqual(12);
      const salesB = await retention(server.company.salesB);
      const newBuyers = (r: typeof everyone) => r.cohorts.reduce((sum, cohort) => sum + cohort.customers, 0);
      expect(newBuyers(salesB)).toBeLessThanOrEqual(1);
      expect(Math.max(0, ...salesB.churn.map((month) => month.customers))).toBeLessThanOrEqual(1);
      expect(newBuyers(salesB)).toBeLessThanOrEqual(newBuyers(everyone));

      expect((await get(server.company.admin, "/api/v1/structure/overview?runId=999")).statusCode).toBe(404);
      expect((await get(server.company.admin, "/api/v1/structure/overview?bogus=1")).statusCode).toBe(400);
      expect((await server.app.inject("/api/v1/structure/overview")).statusCode).toBe(401);
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/structure/overview", "/api/v1/structure/retention"]),
      );
    });
  });
}
