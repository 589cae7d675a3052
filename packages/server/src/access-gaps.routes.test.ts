/**
 * Access gaps found in review, each shut here with a test that failed before: grading counts out
 * of scope, an import telling whose a customer code is, department shares that stopped at the
 * department, and roles changed by a users file without an audit entry.
 */
import { actorFor, runGrading } from "@custra/app";
import { renderText, type Text } from "@custra/core";
import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { csvForm } from "./testing/multipart.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`access gaps on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { call, upload } = server;

    const departmentId = async (name: string) =>
      Number(
        (
          await server.handle.db
            .selectFrom("departments")
            .select("id")
            .where("name", "=", name)
            .executeTakeFirstOrThrow()
        ).id,
      );

    it("refuses a manager (analyze, part of the company) grading: its report counts every customer", async () => {
      const runs = async () =>
        Number(
          (
            await server.handle.db
              .selectFrom("grade_runs")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await runs();
      const job = await call(server.company.manager, "POST", "/api/v1/jobs", { kind: "grade", input: {} });
      expect(job.statusCode).toBe(403);
      expect(job.json()).toMatchObject({ code: "APP_FORBIDDEN", params: { permission: "analyze" } });
      const pipeline = await call(server.company.manager, "POST", "/api/v1/jobs", {
        kind: "pipeline",
        input: {},
      });
      expect(pipeline.statusCode).toBe(403);
      // The use case itself refuses too (the CLI and any other caller go through it).
      const manager = await actorFor(server.handle, server.company.manager.userId);
      await expect(runGrading({ handle: server.handle, actor: manager }, {})).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
      expect(await runs()).toBe(before);
      // An admin still grades, and sees the whole company's counts.
      const admin = await call(server.company.admin, "POST", "/api/v1/jobs", { kind: "grade", input: {} });
      expect(admin.statusCode).toBe(202);
    });

    it("imports nothing to a code out of the importer's scope, and the problem does not say whose it is", async () => {
      const nameOf = async (code: string) =>
        (
          await server.handle.db
            .selectFrom("customers")
            .select("name")
            .where("code", "=", code)
            .executeTakeFirstOrThrow()
        ).name;
      const form = csvForm("customers.csv", "code,name\nCA1,杭州茶叶二号\nCB1,Taken over\n", {
        skipInvalid: true,
      });
      const imported = await upload(server.company.manager, "/api/v1/imports/customers", form);
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ updated: 1, rejected: 1, inserted: 0 });
      const problems = imported.json().problems as { line: number; reason: unknown; kind: string }[];
      expect(problems).toHaveLength(1);
      // Said as a code may not be used, in both languages: not that a customer has it, nor whose it is.
      const reason = problems[0]!.reason as Text;
      expect(renderText(reason, "en")).toBe("CB1 may not be used; the row is left out");
      expect(renderText(reason, "zh-CN")).not.toMatch(/客户|负责人|权/);
      expect(problems[0]!.kind).not.toMatch(/scope|owner/i);
      expect(await nameOf("CB1")).toBe("北京电子");
      expect(await nameOf("CA1")).toBe("杭州茶叶二号");

      // Orders of a customer out of scope are as closed: the order number may not be used.
      const orders = csvForm(
        "orders.csv",
        "external_id,customer_code,order_date,amount\nCB1-0,CA1,2025-12-01,5\n",
      );
      const refused = await upload(server.company.manager, "/api/v1/imports/orders/validate", orders);
      expect(refused.statusCode).toBe(200);
      const reasons = (refused.json().problems as { reason: Text }[]).map((p) => renderText(p.reason, "en"));
      expect(reasons).toEqual(["CB1-0 may not be used; the row is left out"]);
    });

    it("lets a share with a department reach its sub-departments, and not the department above", async () => {
      const a = await departmentId("华东");
      const a1 = await departmentId("杭州");
      const read = (who: SignedIn) => call(who, "GET", "/api/v1/customers/CB1");
      expect((await read(server.company.salesSub)).statusCode).toBe(404);

      const toSub = await call(server.company.admin, "POST", "/api/v1/customers/CB1/shares", {
        departmentId: a1,
      });
      expect(toSub.statusCode).toBe(201);
      expect((await read(server.company.salesSub)).statusCode).toBe(200);
      // A share with A1 says nothing to A: the parent's users do not see it.
      expect((await read(server.company.salesA)).statusCode).toBe(404);
      const shareId = toSub.json().id;
      expect(
        (await call(server.company.admin, "DELETE", `/api/v1/customers/CB1/shares/${shareId}`)).statusCode,
      ).toBe(204);
      expect((await read(server.company.salesSub)).statusCode).toBe(404);

      const toA = await call(server.company.admin, "POST", "/api/v1/customers/CB1/shares", {
        departmentId: a,
      });
      expect(toA.statusCode).toBe(201);
      expect((await read(server.company.salesA)).statusCode).toBe(200);
      expect((await read(server.company.salesSub)).statusCode).toBe(200);
      // The sub-department's list counts it too.
      const list = (await call(server.company.salesSub, "GET", "/api/v1/customers")).json();
      expect(list.items.map((item: { code: string }) => item.code).sort()).toEqual(["CB1", "CS1"]);
      expect(list.total).toBe(2);
    });

    it("audits each role a users file changes (before and after); only user managers import users", async () => {
      const file = csvForm(
        "users.csv",
        `username,role\n${server.company.salesB.username},manager\n${server.company.salesSub.username},sales\nnew.hire,analyst\n`,
      );
      const refused = await upload(server.company.manager, "/api/v1/imports/users", file);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ params: { permission: "manageUsers" } });
      expect(
        (
          await server.handle.db
            .selectFrom("users")
            .select("role")
            .where("id", "=", server.company.salesB.userId)
            .executeTakeFirstOrThrow()
        ).role,
      ).toBe("sales");

      const imported = await upload(server.company.admin, "/api/v1/imports/users", file);
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ inserted: 1, updated: 1, written: true });
      const entries = await server.handle.db
        .selectFrom("audit_log")
        .select(["actor_id", "entity_id", "changes", "details"])
        .where("action", "=", "user.update")
        .orderBy("id")
        .execute();
      const newHire = await server.handle.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", "new.hire")
        .executeTakeFirstOrThrow();
      // The unchanged role (sales stays sales) is no entry.
      expect(entries.map((entry) => [entry.actor_id, entry.entity_id, JSON.parse(entry.changes!)])).toEqual(
        expect.arrayContaining([
          [
            server.company.admin.userId,
            String(server.company.salesB.userId),
            { role: { before: "sales", after: "manager" } },
          ],
          [server.company.admin.userId, String(newHire.id), { role: { before: null, after: "analyst" } }],
        ]),
      );
      expect(entries).toHaveLength(2);
      expect(JSON.parse(entries[0]!.details!)).toEqual({ import: "users.csv" });
    });
  });
}
