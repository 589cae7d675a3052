import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type ReadyMadeRole, type SignedIn, signedInPerRole } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`saved views over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false });
    const { call, noCsrf, send } = server;
    let as: Record<ReadyMadeRole, SignedIn>;
    beforeAll(async () => {
      as = await signedInPerRole(server.app, server.handle);
    }, 120_000);

    const state = {
      filters: { grade: ["A"], valueTier: ["high"] },
      columns: ["code", "name"],
      sort: "revenue",
    };

    it("keeps each user's views for them alone: list, rename, save a new state, delete", async () => {
      for (const role of ["admin", "manager", "sales", "analyst"] as const) {
        const created = await call(as[role], "POST", "/api/v1/saved-views", {
          page: "customers",
          name: "大客户",
          state,
        });
        expect(created.statusCode, `${role}: ${created.body}`).toBe(201);
        expect(created.json()).toMatchObject({ page: "customers", name: "大客户", state });
      }
      const mine = (await call(as.sales, "GET", "/api/v1/saved-views?page=customers")).json();
      expect(mine).toHaveLength(1);
      const id = mine[0].id as number;
      expect((await call(as.sales, "GET", "/api/v1/saved-views?page=tasks")).json()).toEqual([]);

      // Another user's view is not there for anyone else: not listed, not changed, not deleted.
      const managers = (await call(as.manager, "GET", "/api/v1/saved-views")).json();
      expect(managers.map((v: { id: number }) => v.id)).not.toContain(id);
      expect(
        (await call(as.manager, "PATCH", `/api/v1/saved-views/${id}`, { name: "mine now" })).statusCode,
      ).toBe(404);
      expect((await call(as.admin, "DELETE", `/api/v1/saved-views/${id}`)).statusCode).toBe(404);

      const renamed = await call(as.sales, "PATCH", `/api/v1/saved-views/${id}`, {
        name: "A 级高价值",
        state: { ...state, sort: "clv" },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({ name: "A 级高价值", state: { sort: "clv" } });
      expect(Date.parse(renamed.json().updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(renamed.json().createdAt),
      );

      // A name the user has on the page already is a conflict; the same name on another page is not.
      await call(as.sales, "POST", "/api/v1/saved-views", { page: "customers", name: "流失预警", state });
      const taken = await call(as.sales, "PATCH", `/api/v1/saved-views/${id}`, { name: "流失预警" });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().detail).toContain("流失预警");
      expect(
        (await call(as.sales, "POST", "/api/v1/saved-views", { page: "customers", name: "流失预警", state }))
          .statusCode,
      ).toBe(409);
      expect(
        (await call(as.sales, "POST", "/api/v1/saved-views", { page: "tasks", name: "流失预警", state }))
          .statusCode,
      ).toBe(201);

      expect((await call(as.sales, "DELETE", `/api/v1/saved-views/${id}`)).statusCode).toBe(204);
      expect((await call(as.sales, "DELETE", `/api/v1/saved-views/${id}`)).statusCode).toBe(404);
      const left = (await call(as.sales, "GET", "/api/v1/saved-views")).json();
      expect(left.map((v: { page: string; name: string }) => `${v.page}/${v.name}`)).toEqual([
        "customers/流失预警",
        "tasks/流失预警",
      ]);
    });

    it("refuses bad input, writes without CSRF and strangers, storing nothing", async () => {
      const count = async () =>
        Number(
          (
            await server.handle.db
              .selectFrom("saved_views")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      for (const body of [
        { page: "reports", name: "x", state },
        { page: "customers", name: "  ", state },
        { page: "customers", name: "x", state: "not an object" },
        { page: "customers", name: "x", state, extra: 1 },
        { page: "customers", name: "x", state: { blob: "x".repeat(25_000) } },
      ]) {
        const response = await call(as.sales, "POST", "/api/v1/saved-views", body);
        expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      }
      const withoutCsrf = await send(
        as.sales,
        "POST",
        "/api/v1/saved-views",
        { page: "customers", name: "x", state },
        noCsrf(as.sales),
      );
      expect(withoutCsrf.statusCode).toBe(403);
      expect((await server.app.inject({ method: "GET", url: "/api/v1/saved-views" })).statusCode).toBe(401);
      expect(await count()).toBe(before);
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/saved-views/", "/api/v1/saved-views/{id}"]),
      );
    });
  });
}
