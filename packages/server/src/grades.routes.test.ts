import { LOCAL_OPERATOR, runGrading } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`grade routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { get, noCsrf, send } = server;
    beforeAll(async () => {
      await runGrading({ handle: server.handle, actor: LOCAL_OPERATOR }, {});
    });

    const pins = async () => (await server.handle.db.selectFrom("grade_pins").select("id").execute()).length;

    it("shows a customer's grade history and explanation in scope; out of scope is not found", async () => {
      const history = await get(server.company.salesA, "/api/v1/grades/customers/CA1/history");
      expect(history.statusCode).toBe(200);
      expect(history.json().history.length).toBeGreaterThanOrEqual(2);
      const explained = await get(
        server.company.salesA,
        "/api/v1/grades/customers/CA1/explanation?scheme=value",
      );
      expect(explained.statusCode).toBe(200);
      expect(explained.json().grades[0]).toMatchObject({ scheme: "value" });
      expect(explained.json().grades[0].components.length).toBeGreaterThan(0);
      for (const who of [server.company.salesA, server.company.manager]) {
        expect((await get(who, "/api/v1/grades/customers/CB1/history")).statusCode).toBe(404);
        expect((await get(who, "/api/v1/grades/customers/CB1/explanation")).statusCode).toBe(404);
      }
      for (const who of [server.company.admin, server.company.analyst, server.company.salesB]) {
        expect((await get(who, "/api/v1/grades/customers/CB1/explanation")).statusCode).toBe(200);
      }
      expect(
        (await get(server.company.admin, "/api/v1/grades/customers/CB1/history?scheme=nope")).statusCode,
      ).toBe(404);
    });

    it("counts only the customers in scope in a migration", async () => {
      const moved = async (who: SignedIn) => {
        const response = await get(who, "/api/v1/grades/migration?scheme=value");
        expect(response.statusCode).toBe(200);
        const report = response.json();
        return report.up.customers + report.same.customers + report.down.customers;
      };
      expect(await moved(server.company.admin)).toBe(4);
      expect(await moved(server.company.analyst)).toBe(4);
      expect(await moved(server.company.manager)).toBe(3);
      expect(await moved(server.company.salesA)).toBe(2);
      expect(await moved(server.company.salesB)).toBe(1);
      // from without to is a 400.
      expect((await get(server.company.admin, "/api/v1/grades/migration?from=1")).statusCode).toBe(400);
      expect((await get(server.company.admin, "/api/v1/grades/migration?from=x&to=2")).statusCode).toBe(400);
    });

    it("pins and unpins for roles that edit schemes, within scope, with the CSRF token", async () => {
      const url = (code: string) => `/api/v1/grades/customers/${code}/pin`;
      const grade = (
        await get(server.company.admin, "/api/v1/grades/customers/CA1/explanation?scheme=value")
      ).json().grades[0].grade as string;
      const pin = { scheme: "value", grade, reason: "大客户，季度复核" };
      expect((await send(server.company.salesA, "PUT", url("CA1"), pin)).statusCode).toBe(403);
      expect((await send(server.company.manager, "PUT", url("CA1"), pin)).statusCode).toBe(403);
      expect(
        (await send(server.company.analyst, "PUT", url("CA1"), pin, noCsrf(server.company.analyst)))
          .statusCode,
      ).toBe(403);
      expect(
        (await send(server.company.analyst, "PUT", url("CA1"), { ...pin, reason: "  " })).statusCode,
      ).toBe(400);
      const unknownGrade = await send(server.company.analyst, "PUT", url("CA1"), { ...pin, grade: "ZZ" });
      expect(unknownGrade.statusCode).toBe(400);
      expect(await pins()).toBe(0);

      const pinned = await send(server.company.analyst, "PUT", url("CA1"), pin);
      expect(pinned.statusCode).toBe(200);
      expect(pinned.json()).toMatchObject({
        customerCode: "CA1",
        grade,
        author: server.company.analyst.username,
      });
      expect((await send(server.company.admin, "PUT", url("CB1"), pin)).statusCode).toBe(200);

      const listed = async (who: SignedIn) =>
        ((await get(who, "/api/v1/grades/pins")).json() as { customerCode: string }[])
          .map((p) => p.customerCode)
          .sort();
      expect(await listed(server.company.admin)).toEqual(["CA1", "CB1"]);
      expect(await listed(server.company.salesA)).toEqual(["CA1"]);
      expect(await listed(server.company.salesB)).toEqual(["CB1"]);
      expect(await listed(server.company.manager)).toEqual(["CA1"]);

      expect((await send(server.company.salesA, "DELETE", `${url("CA1")}?scheme=value`)).statusCode).toBe(
        403,
      );
      expect(
        (
          await send(
            server.company.analyst,
            "DELETE",
            `${url("CA1")}?scheme=value`,
            undefined,
            noCsrf(server.company.analyst),
          )
        ).statusCode,
      ).toBe(403);
      expect(await pins()).toBe(2);
      const removed = await send(server.company.analyst, "DELETE", `${url("CA1")}?scheme=value`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json()).toEqual({ code: "CA1", scheme: "value", removed: true });
      expect((await send(server.company.analyst, "DELETE", `${url("CA1")}?scheme=value`)).statusCode).toBe(
        404,
      );
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      for (const path of [
        "/api/v1/grades/migration",
        "/api/v1/grades/pins",
        "/api/v1/grades/customers/{code}/history",
        "/api/v1/grades/customers/{code}/explanation",
        "/api/v1/grades/customers/{code}/pin",
      ]) {
        expect(Object.keys(doc.paths), path).toContain(path);
      }
    });
  });
}
