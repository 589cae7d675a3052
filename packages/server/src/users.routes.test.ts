import { createDepartment, LOCAL_OPERATOR } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInAs } from "./testing/sign-in.ts";

const PATHS = [
  "/api/v1/users/",
  "/api/v1/users/{userId}",
  "/api/v1/users/{userId}/deactivate",
  "/api/v1/departments/",
  "/api/v1/departments/{id}",
  "/api/v1/roles/",
];

for (const engine of ENGINES) {
  describe(`users, departments and roles over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false });
    const as: Record<string, SignedIn> = {};
    let east: number;
    beforeAll(async () => {
      east = (await createDepartment({ handle: server.handle, actor: LOCAL_OPERATOR }, { name: "East" })).id;
      for (const role of ["admin", "manager", "sales", "analyst"])
        as[role] = await signedInAs(server.app, server.handle, {
          email: `${role}@example.com`,
          role,
          department: east,
        });
    }, 120_000);

    const call = (
      who: SignedIn,
      method: "GET" | "POST" | "PATCH" | "DELETE",
      url: string,
      payload?: object,
    ) =>
      server.app.inject({
        method,
        url,
        headers: { ...who.headers, "accept-language": "en" },
        ...(payload ? { payload } : {}),
      });

    it("lists, reads, adds, changes and deactivates users as admin", async () => {
      const added = await call(as.admin!, "POST", "/api/v1/users", {
        email: "New.Person@example.com",
        name: "New Person",
        role: "sales",
        department: "East",
        password: "a long enough password",
      });
      expect(added.statusCode).toBe(201);
      const user = added.json();
      expect(user).toMatchObject({
        email: "new.person@example.com",
        role: "sales",
        departmentId: east,
        active: true,
      });
      expect(user).not.toHaveProperty("passwordHash");

      const list = await call(as.admin!, "GET", "/api/v1/users?role=sales&active=true");
      expect(list.statusCode).toBe(200);
      expect(
        list
          .json()
          .map((u: { email: string }) => u.email)
          .sort(),
      ).toEqual(["new.person@example.com", "sales@example.com"]);
      expect((await call(as.admin!, "GET", `/api/v1/users?departmentId=${east}`)).json()).toHaveLength(5);

      const read = await call(as.admin!, "GET", `/api/v1/users/${user.id}`);
      expect(read.json()).toEqual(user);
      expect((await call(as.admin!, "GET", "/api/v1/users/999999")).statusCode).toBe(404);

      const changed = await call(as.admin!, "PATCH", `/api/v1/users/${user.id}`, {
        name: "Renamed",
        role: "analyst",
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ name: "Renamed", role: "analyst" });

      const off = await call(as.admin!, "POST", `/api/v1/users/${user.id}/deactivate`);
      expect(off.statusCode).toBe(200);
      expect(off.json().active).toBe(false);
      expect((await call(as.admin!, "GET", "/api/v1/users?active=false")).json()).toHaveLength(1);
    });

    it("refuses the user routes to manager, sales and analyst, changing nothing", async () => {
      for (const role of ["manager", "sales", "analyst"]) {
        const who = as[role]!;
        expect((await call(who, "GET", "/api/v1/users")).statusCode).toBe(403);
        expect((await call(who, "GET", `/api/v1/users/${as.sales!.userId}`)).statusCode).toBe(403);
        const add = await call(who, "POST", "/api/v1/users", {
          email: `by-${role}@example.com`,
          name: "X",
          role: "admin",
          password: "a long enough password",
        });
        expect(add.statusCode).toBe(403);
        expect(add.json().code).toBe("APP_FORBIDDEN");
        const promote = await call(who, "PATCH", `/api/v1/users/${who.userId}`, { role: "admin" });
        expect(promote.statusCode).toBe(403);
        expect((await call(who, "POST", `/api/v1/users/${as.admin!.userId}/deactivate`)).statusCode).toBe(
          403,
        );
      }
      const all = (await call(as.admin!, "GET", "/api/v1/users")).json() as {
        email: string;
        role: string;
        active: boolean;
      }[];
      expect(all.some((u) => u.email.startsWith("by-"))).toBe(false);
      expect(all.find((u) => u.email === "sales@example.com")).toMatchObject({ role: "sales", active: true });
      expect(all.find((u) => u.email === "admin@example.com")).toMatchObject({ active: true });
    });

    it("names the bad field, refuses a duplicate email with 409, and needs the CSRF token", async () => {
      const bad = await call(as.admin!, "POST", "/api/v1/users", {
        email: "not an email",
        name: "X",
        role: "sales",
        password: "a long enough password",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain("body.email");
      const badQuery = await call(as.admin!, "GET", "/api/v1/users?departmentId=abc");
      expect(badQuery.statusCode).toBe(400);
      expect(badQuery.json().detail).toContain("querystring.departmentId");
      const dup = await call(as.admin!, "POST", "/api/v1/users", {
        email: "sales@example.com",
        name: "X",
        role: "sales",
        password: "a long enough password",
      });
      expect(dup.statusCode).toBe(409);
      const noCsrf = await server.app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: { cookie: as.admin!.headers.cookie },
        payload: { email: "csrf@example.com", name: "X", role: "sales", password: "a long enough password" },
      });
      expect(noCsrf.statusCode).toBe(403);
      const all = (await call(as.admin!, "GET", "/api/v1/users")).json() as { email: string }[];
      expect(all.some((u) => u.email === "csrf@example.com")).toBe(false);
    });

    it("lists departments to anyone; only an admin adds, changes and removes them", async () => {
      for (const role of ["admin", "manager", "sales", "analyst"]) {
        const list = await call(as[role]!, "GET", "/api/v1/departments");
        expect(list.statusCode).toBe(200);
        expect(list.json()).toContainEqual({ id: east, name: "East", parentId: null });
      }
      for (const role of ["manager", "sales", "analyst"]) {
        expect((await call(as[role]!, "POST", "/api/v1/departments", { name: "Rogue" })).statusCode).toBe(
          403,
        );
        expect(
          (await call(as[role]!, "PATCH", `/api/v1/departments/${east}`, { name: "Mine" })).statusCode,
        ).toBe(403);
        expect((await call(as[role]!, "DELETE", `/api/v1/departments/${east}`)).statusCode).toBe(403);
      }
      const added = await call(as.admin!, "POST", "/api/v1/departments", {
        name: "Hangzhou",
        parentId: east,
      });
      expect(added.statusCode).toBe(201);
      const hz = added.json();
      expect(hz).toMatchObject({ name: "Hangzhou", parentId: east });
      const renamed = await call(as.admin!, "PATCH", `/api/v1/departments/${hz.id}`, { name: "杭州" });
      expect(renamed.json()).toMatchObject({ id: hz.id, name: "杭州" });
      const cycle = await call(as.admin!, "PATCH", `/api/v1/departments/${east}`, { parentId: hz.id });
      expect(cycle.statusCode).toBe(400);
      expect(cycle.json().code).toBe("ACCESS_CYCLE");
      expect((await call(as.admin!, "DELETE", `/api/v1/departments/${east}`)).statusCode).toBe(409);
      expect((await call(as.admin!, "DELETE", `/api/v1/departments/${hz.id}`)).statusCode).toBe(204);
      const names = (await call(as.admin!, "GET", "/api/v1/departments"))
        .json()
        .map((d: { name: string }) => d.name);
      expect(names).toEqual(["East"]);
    });

    it("lists roles to anyone; only an admin adds one", async () => {
      const list = await call(as.sales!, "GET", "/api/v1/roles");
      expect(list.statusCode).toBe(200);
      expect(list.json().map((r: { code: string }) => r.code)).toEqual(
        expect.arrayContaining(["admin", "manager", "sales", "analyst"]),
      );
      const role = {
        code: "desk",
        names: { "zh-CN": "部门助理", en: "Desk" },
        permissions: ["read"],
        dataScope: "department",
        personalFields: { list: "hide", detail: "mask" },
      };
      expect((await call(as.manager!, "POST", "/api/v1/roles", role)).statusCode).toBe(403);
      const added = await call(as.admin!, "POST", "/api/v1/roles", role);
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ code: "desk", builtin: false, permissions: ["read"] });
      expect((await call(as.admin!, "POST", "/api/v1/roles", role)).statusCode).toBe(409);
      const bad = await call(as.admin!, "POST", "/api/v1/roles", {
        ...role,
        code: "x",
        permissions: ["fly"],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain("body.code");
      expect(bad.json().detail).toContain("body.permissions");
    });

    it("describes every route in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      for (const path of PATHS) expect(Object.keys(doc.paths)).toContain(path);
    });
  });
}
