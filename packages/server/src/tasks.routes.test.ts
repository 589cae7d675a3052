import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { taskOf } from "./testing/company.fixture.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`task routes on ${engine}`, () => {
    const server = routeTestServer(engine);
    const { get, noCsrf, post } = server;
    /** Task ids by customer code. */
    const task: Record<string, number> = {};
    beforeAll(async () => {
      for (const [code, id] of server.company.ids) task[code] = await taskOf(server.handle, id);
      // Sales A and the sub-department's sales are one team; A still sees only her customers' tasks.
      await server.handle.db
        .updateTable("users")
        .set({ team: "east" })
        .where("username", "in", [server.company.salesA.username, server.company.salesSub.username])
        .execute();
    });

    const customersOf = async (who: SignedIn, url: string) => {
      const response = await get(who, url);
      expect(response.statusCode, url).toBe(200);
      return (response.json().tasks as { customerCode: string }[]).map((t) => t.customerCode).sort();
    };
    const stored = async (code: string) =>
      server.handle.db
        .selectFrom("tasks")
        .select(["status", "owner", "due_on"])
        .where("id", "=", task[code]!)
        .executeTakeFirstOrThrow();

    it("lists my tasks, my team's and a customer's, only of customers in scope", async () => {
      expect(await customersOf(server.company.salesA, "/api/v1/tasks/mine")).toEqual(["CA1", "CA2"]);
      expect(await customersOf(server.company.salesB, "/api/v1/tasks/mine")).toEqual(["CB1"]);
      expect(await customersOf(server.company.admin, "/api/v1/tasks/mine")).toEqual([]);
      // The team holds the sub-department's sales, whose customer A may not see.
      expect(await customersOf(server.company.salesA, "/api/v1/tasks/team")).toEqual(["CA1", "CA2"]);
      expect(await customersOf(server.company.salesSub, "/api/v1/tasks/team")).toEqual(["CS1"]);
      expect(await customersOf(server.company.manager, "/api/v1/tasks")).toEqual(["CA1", "CA2", "CS1"]);
      expect(await customersOf(server.company.admin, "/api/v1/tasks")).toEqual(["CA1", "CA2", "CB1", "CS1"]);
      expect(await customersOf(server.company.analyst, "/api/v1/tasks")).toEqual([
        "CA1",
        "CA2",
        "CB1",
        "CS1",
      ]);
      expect(await customersOf(server.company.salesA, "/api/v1/tasks")).toEqual(["CA1", "CA2"]);
      expect(await customersOf(server.company.salesA, "/api/v1/tasks?customerCode=CA1")).toEqual(["CA1"]);
      expect((await get(server.company.salesA, "/api/v1/tasks?customerCode=CB1")).statusCode).toBe(404);
      expect(await customersOf(server.company.salesB, "/api/v1/tasks?customerCode=CB1")).toEqual(["CB1"]);
      expect((await get(server.company.salesA, "/api/v1/tasks/mine?limit=0")).statusCode).toBe(400);
      expect((await get(server.company.salesA, "/api/v1/tasks/mine?status=late")).statusCode).toBe(400);
    });

    it("gives each reader their day and, beside others' customers, each owner's", async () => {
      // Far ahead: every open task is overdue.
      const dayOf = async (who: SignedIn) => {
        const response = await get(who, "/api/v1/tasks/my-day?today=2100-01-01");
        expect(response.statusCode, response.body).toBe(200);
        return response.json();
      };
      const overdue = (day: { team: { tasks: { overdue: number } }[] }) =>
        day.team.reduce((sum, owner) => sum + owner.tasks.overdue, 0);
      const salesA = await dayOf(server.company.salesA);
      expect(salesA.mine).toMatchObject({ owner: server.company.salesA.username, tasks: { overdue: 2 } });
      expect(salesA.team).toBeNull();
      expect((await dayOf(server.company.salesB)).mine.tasks.overdue).toBe(1);
      const manager = await dayOf(server.company.manager);
      expect(overdue(manager)).toBe(3);
      expect(manager.team.map((owner: { owner: string }) => owner.owner)).not.toContain(
        server.company.salesB.username,
      );
      expect(overdue(await dayOf(server.company.admin))).toBe(4);
      expect((await get(server.company.salesA, "/api/v1/tasks/my-day?today=soon")).statusCode).toBe(400);
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toContain("/api/v1/tasks/my-day");
    });

    it("reads one task in scope; another department's is not found", async () => {
      const mine = await get(server.company.salesA, `/api/v1/tasks/${task.CA1}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.json().task).toMatchObject({ customerCode: "CA1", reason: { code: "cadence_due" } });
      expect((await get(server.company.salesA, `/api/v1/tasks/${task.CB1}`)).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/tasks/999999")).statusCode).toBe(404);
      expect((await get(server.company.manager, `/api/v1/tasks/${task.CS1}`)).statusCode).toBe(200);
      expect((await get(server.company.manager, `/api/v1/tasks/${task.CB1}`)).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/tasks/abc")).statusCode).toBe(400);
    });

    it("completes a task for a role that may edit, in scope, with the CSRF token", async () => {
      const url = (code: string) => `/api/v1/tasks/${task[code]}/complete`;
      expect((await post(server.company.salesA, url("CB1"))).statusCode).toBe(404);
      expect((await post(server.company.analyst, url("CA1"))).statusCode).toBe(403);
      expect(
        (await post(server.company.salesA, url("CA1"), undefined, noCsrf(server.company.salesA))).statusCode,
      ).toBe(403);
      expect((await stored("CB1")).status).toBe("open");
      expect((await stored("CA1")).status).toBe("open");
      const done = await post(server.company.salesA, url("CA1"));
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ alreadyDone: false, task: { status: "done" } });
      expect((await post(server.company.salesA, url("CA1"))).json().alreadyDone).toBe(true);
      expect(await stored("CA1")).toMatchObject({ status: "done", owner: server.company.salesA.username });
    });

    it("reschedules an open task; a done one is a conflict, a bad day a 400 naming it", async () => {
      const url = (code: string) => `/api/v1/tasks/${task[code]}/reschedule`;
      expect((await post(server.company.salesA, url("CB1"), { dueOn: "2026-02-01" })).statusCode).toBe(404);
      expect(
        (
          await post(
            server.company.salesA,
            url("CA2"),
            { dueOn: "2026-02-01" },
            noCsrf(server.company.salesA),
          )
        ).statusCode,
      ).toBe(403);
      const bad = await post(server.company.salesA, url("CA2"), { dueOn: "soon" });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain("dueOn");
      expect((await post(server.company.salesA, url("CA1"), { dueOn: "2026-02-01" })).statusCode).toBe(409);
      const moved = await post(server.company.salesA, url("CA2"), { dueOn: "2026-02-01" });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().dueOn).toBe("2026-02-01");
      expect(String((await stored("CB1")).due_on)).toContain("2026-01-05");
    });

    it("reassigns a task for a role with the permission, in scope", async () => {
      const url = (code: string) => `/api/v1/tasks/${task[code]}/reassign`;
      const to = { owner: server.company.salesSub.username };
      expect((await post(server.company.salesA, url("CA2"), to)).statusCode).toBe(403);
      expect((await post(server.company.manager, url("CB1"), to)).statusCode).toBe(404);
      expect(
        (await post(server.company.manager, url("CA2"), to, noCsrf(server.company.manager))).statusCode,
      ).toBe(403);
      expect((await post(server.company.manager, url("CA2"), { owner: "nobody-here" })).statusCode).toBe(400);
      expect((await stored("CA2")).owner).toBe(server.company.salesA.username);
      const given = await post(server.company.manager, url("CA2"), to);
      expect(given.statusCode).toBe(200);
      expect(given.json().owner).toBe(server.company.salesSub.username);
      const pooled = await post(server.company.admin, url("CB1"), { owner: null });
      expect(pooled.statusCode).toBe(200);
      expect((await stored("CB1")).owner).toBeNull();
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
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
