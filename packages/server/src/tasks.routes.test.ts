import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Company, loadCompany, taskOf } from "./testing/company.fixture.ts";
import type { SignedIn } from "./testing/sign-in.ts";
import { injectableServer } from "./testing/test-server.ts";

for (const engine of ENGINES) {
  describe(`task routes on ${engine}`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    let company: Company;
    /** Task ids by customer code. */
    const task: Record<string, number> = {};
    beforeAll(async () => {
      handle = await openTestDb(engine);
      ({ app } = await injectableServer(handle));
      await app.ready();
      company = await loadCompany(app, handle);
      for (const [code, id] of company.ids) task[code] = await taskOf(handle, id);
      // Sales A and the sub-department's sales are one team; A still sees only her customers' tasks.
      await handle.db
        .updateTable("users")
        .set({ team: "east" })
        .where("username", "in", [company.salesA.username, company.salesSub.username])
        .execute();
    });
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    const get = (who: SignedIn, url: string) => app.inject({ url, headers: who.headers });
    const post = (
      who: SignedIn,
      url: string,
      payload?: object,
      headers: Record<string, string> = who.headers,
    ) => app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });
    const customersOf = async (who: SignedIn, url: string) => {
      const response = await get(who, url);
      expect(response.statusCode, url).toBe(200);
      return (response.json().tasks as { customerCode: string }[]).map((t) => t.customerCode).sort();
    };
    const noCsrf = (who: SignedIn) => {
      const { "x-csrf-token": _, ...headers } = who.headers;
      return headers;
    };
    const stored = async (code: string) =>
      handle.db
        .selectFrom("tasks")
        .select(["status", "owner", "due_on"])
        .where("id", "=", task[code]!)
        .executeTakeFirstOrThrow();

    it("lists my tasks, my team's and a customer's, only of customers in scope", async () => {
      expect(await customersOf(company.salesA, "/api/v1/tasks/mine")).toEqual(["CA1", "CA2"]);
      expect(await customersOf(company.salesB, "/api/v1/tasks/mine")).toEqual(["CB1"]);
      expect(await customersOf(company.admin, "/api/v1/tasks/mine")).toEqual([]);
      // The team holds the sub-department's sales, whose customer A may not see.
      expect(await customersOf(company.salesA, "/api/v1/tasks/team")).toEqual(["CA1", "CA2"]);
      expect(await customersOf(company.salesSub, "/api/v1/tasks/team")).toEqual(["CS1"]);
      expect(await customersOf(company.manager, "/api/v1/tasks")).toEqual(["CA1", "CA2", "CS1"]);
      expect(await customersOf(company.admin, "/api/v1/tasks")).toEqual(["CA1", "CA2", "CB1", "CS1"]);
      expect(await customersOf(company.analyst, "/api/v1/tasks")).toEqual(["CA1", "CA2", "CB1", "CS1"]);
      expect(await customersOf(company.salesA, "/api/v1/tasks")).toEqual(["CA1", "CA2"]);
      expect(await customersOf(company.salesA, "/api/v1/tasks?customerCode=CA1")).toEqual(["CA1"]);
      expect((await get(company.salesA, "/api/v1/tasks?customerCode=CB1")).statusCode).toBe(404);
      expect(await customersOf(company.salesB, "/api/v1/tasks?customerCode=CB1")).toEqual(["CB1"]);
      expect((await get(company.salesA, "/api/v1/tasks/mine?limit=0")).statusCode).toBe(400);
      expect((await get(company.salesA, "/api/v1/tasks/mine?status=late")).statusCode).toBe(400);
    });

    it("reads one task in scope; another department's is not found", async () => {
      const mine = await get(company.salesA, `/api/v1/tasks/${task.CA1}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.json().task).toMatchObject({ customerCode: "CA1", reason: { code: "cadence_due" } });
      expect((await get(company.salesA, `/api/v1/tasks/${task.CB1}`)).statusCode).toBe(404);
      expect((await get(company.salesA, "/api/v1/tasks/999999")).statusCode).toBe(404);
      expect((await get(company.manager, `/api/v1/tasks/${task.CS1}`)).statusCode).toBe(200);
      expect((await get(company.manager, `/api/v1/tasks/${task.CB1}`)).statusCode).toBe(404);
      expect((await get(company.salesA, "/api/v1/tasks/abc")).statusCode).toBe(400);
    });

    it("completes a task for a role that may edit, in scope, with the CSRF token", async () => {
      const url = (code: string) => `/api/v1/tasks/${task[code]}/complete`;
      expect((await post(company.salesA, url("CB1"))).statusCode).toBe(404);
      expect((await post(company.analyst, url("CA1"))).statusCode).toBe(403);
      expect((await post(company.salesA, url("CA1"), undefined, noCsrf(company.salesA))).statusCode).toBe(
        403,
      );
      expect((await stored("CB1")).status).toBe("open");
      expect((await stored("CA1")).status).toBe("open");
      const done = await post(company.salesA, url("CA1"));
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ alreadyDone: false, task: { status: "done" } });
      expect((await post(company.salesA, url("CA1"))).json().alreadyDone).toBe(true);
      expect(await stored("CA1")).toMatchObject({ status: "done", owner: company.salesA.username });
    });

    it("reschedules an open task; a done one is a conflict, a bad day a 400 naming it", async () => {
      const url = (code: string) => `/api/v1/tasks/${task[code]}/reschedule`;
      expect((await post(company.salesA, url("CB1"), { dueOn: "2026-02-01" })).statusCode).toBe(404);
      expect(
        (await post(company.salesA, url("CA2"), { dueOn: "2026-02-01" }, noCsrf(company.salesA))).statusCode,
      ).toBe(403);
      const bad = await post(company.salesA, url("CA2"), { dueOn: "soon" });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain("dueOn");
      expect((await post(company.salesA, url("CA1"), { dueOn: "2026-02-01" })).statusCode).toBe(409);
      const moved = await post(company.salesA, url("CA2"), { dueOn: "2026-02-01" });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().dueOn).toBe("2026-02-01");
      expect(String((await stored("CB1")).due_on)).toContain("2026-01-05");
    });

    it("reassigns a task for a role with the permission, in scope", async () => {
      const url = (code: string) => `/api/v1/tasks/${task[code]}/reassign`;
      const to = { owner: company.salesSub.username };
      expect((await post(company.salesA, url("CA2"), to)).statusCode).toBe(403);
      expect((await post(company.manager, url("CB1"), to)).statusCode).toBe(404);
      expect((await post(company.manager, url("CA2"), to, noCsrf(company.manager))).statusCode).toBe(403);
      expect((await post(company.manager, url("CA2"), { owner: "nobody-here" })).statusCode).toBe(400);
      expect((await stored("CA2")).owner).toBe(company.salesA.username);
      const given = await post(company.manager, url("CA2"), to);
      expect(given.statusCode).toBe(200);
      expect(given.json().owner).toBe(company.salesSub.username);
      const pooled = await post(company.admin, url("CB1"), { owner: null });
      expect(pooled.statusCode).toBe(200);
      expect((await stored("CB1")).owner).toBeNull();
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await app.inject("/api/docs/json")).json();
      for (const path of [
        "/api/v1/tasks/",
        "/api/v1/tasks/mine",
        "/api/v1/tasks/team",
        "/api/v1/tasks/{id}",
        "/api/v1/tasks/{id}/complete",
        "/api/v1/tasks/{id}/reschedule",
        "/api/v1/tasks/{id}/reassign",
      ]) {
        expect(Object.keys(doc.paths), path).toContain(path);
      }
    });
  });
}
