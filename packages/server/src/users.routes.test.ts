import { createDepartment, LOCAL_OPERATOR } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInAs, TEST_PASSWORD } from "./testing/sign-in.ts";

const PATHS = [
  "/api/v1/users/",
  "/api/v1/users/{userId}",
  "/api/v1/users/{userId}/deactivate",
  "/api/v1/users/{userId}/reactivate",
  "/api/v1/users/{userId}/unlock",
  "/api/v1/users/{userId}/password",
  "/api/v1/departments/",
  "/api/v1/departments/{id}",
  "/api/v1/roles/",
  "/api/v1/roles/{code}",
];

/** Each sign-in from an address of its own: the login rate limit is per address. */
let logins = 0;

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
        expect(list.json()).toContainEqual({ id: east, name: "East", parentId: null, members: 5 });
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
      expect(hz).toEqual({ id: expect.any(Number), name: "Hangzhou", parentId: east, members: 0 });
      const renamed = await call(as.admin!, "PATCH", `/api/v1/departments/${hz.id}`, { name: "杭州" });
      expect(renamed.json()).toEqual({ id: hz.id, name: "杭州", parentId: east, members: 0 });
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

    const login = (email: string, password: string) =>
      server.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password },
        headers: { "accept-language": "en" },
        remoteAddress: `10.20.0.${++logins}`,
      });

    it("adds a user who signs in later: an admin sets their password, unlocks them, deactivates and reactivates them", async () => {
      const added = await call(as.admin!, "POST", "/api/v1/users", {
        email: "later@example.com",
        name: "Later",
        username: "later",
        role: "sales",
        department: east,
      });
      expect(added.statusCode).toBe(201);
      const user = added.json();
      expect(user).toMatchObject({ username: "later", canSignIn: false, active: true, lockedUntil: null });
      expect((await login("later@example.com", TEST_PASSWORD)).statusCode).toBe(401);

      const short = await call(as.admin!, "POST", `/api/v1/users/${user.id}/password`, {
        newPassword: "short",
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().code).toBe("ACCESS_WEAK_PASSWORD");
      for (const role of ["manager", "sales"])
        expect(
          (await call(as[role]!, "POST", `/api/v1/users/${user.id}/password`, { newPassword: TEST_PASSWORD }))
            .statusCode,
        ).toBe(403);
      const set = await call(as.admin!, "POST", `/api/v1/users/${user.id}/password`, {
        newPassword: TEST_PASSWORD,
      });
      expect(set.statusCode).toBe(204);
      expect((await call(as.admin!, "GET", `/api/v1/users/${user.id}`)).json().canSignIn).toBe(true);
      expect((await login("later@example.com", TEST_PASSWORD)).statusCode).toBe(200);

      // Five wrong passwords lock the account; the right one is refused until an admin unlocks it.
      for (let k = 0; k < 5; k++) await login("later@example.com", "a wrong password!");
      expect((await login("later@example.com", TEST_PASSWORD)).statusCode).toBe(423);
      const locked = (await call(as.admin!, "GET", `/api/v1/users/${user.id}`)).json();
      expect(Date.parse(locked.lockedUntil)).toBeGreaterThan(Date.now());
      expect((await call(as.sales!, "POST", `/api/v1/users/${user.id}/unlock`)).statusCode).toBe(403);
      const unlocked = await call(as.admin!, "POST", `/api/v1/users/${user.id}/unlock`);
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json().lockedUntil).toBeNull();
      expect((await login("later@example.com", TEST_PASSWORD)).statusCode).toBe(200);

      expect((await call(as.admin!, "POST", `/api/v1/users/${user.id}/deactivate`)).json().active).toBe(
        false,
      );
      expect((await login("later@example.com", TEST_PASSWORD)).statusCode).toBe(403);
      expect((await call(as.manager!, "POST", `/api/v1/users/${user.id}/reactivate`)).statusCode).toBe(403);
      const back = await call(as.admin!, "POST", `/api/v1/users/${user.id}/reactivate`);
      expect(back.statusCode).toBe(200);
      expect(back.json()).toMatchObject({ active: true, canSignIn: true });
      expect((await login("later@example.com", TEST_PASSWORD)).statusCode).toBe(200);

      const actions = (await call(as.admin!, "GET", `/api/v1/audit?entity=user&entityId=${user.id}`))
        .json()
        .map((entry: { action: string }) => entry.action)
        .filter((action: string) => action.startsWith("user."));
      expect(actions).toEqual([
        "user.reactivate",
        "user.deactivate",
        "user.unlock",
        "user.password_reset",
        "user.create",
      ]);
    });

    it("searches users by name, username or email, and a department's filter includes those below it", async () => {
      const sub = (
        await call(as.admin!, "POST", "/api/v1/departments", { name: "East-Sub", parentId: east })
      ).json();
      const below = (
        await call(as.admin!, "POST", "/api/v1/users", {
          email: "below@example.com",
          name: "Zhou_Below",
          role: "sales",
          department: sub.id,
          password: TEST_PASSWORD,
        })
      ).json();
      const emails = async (query: string) =>
        (await call(as.admin!, "GET", `/api/v1/users?${query}`))
          .json()
          .map((u: { email: string }) => u.email)
          .sort();
      expect(await emails(`departmentId=${sub.id}`)).toEqual(["below@example.com"]);
      expect(await emails(`departmentId=${east}`)).toContain("below@example.com");
      expect(await emails("search=ZHOU_")).toEqual(["below@example.com"]);
      // A wildcard is taken as itself: "%" stands for no run of characters.
      expect(await emails("search=zhou%25below")).toEqual([]);
      expect(await emails("search=manager%40")).toEqual(["manager@example.com"]);
      expect(await emails(`search=below&departmentId=${sub.id}&role=sales&active=true`)).toEqual([
        "below@example.com",
      ]);
      expect(await emails("search=below&role=admin")).toEqual([]);
      const members = (await call(as.admin!, "GET", "/api/v1/departments")).json();
      expect(members).toContainEqual({ id: sub.id, name: "East-Sub", parentId: east, members: 1 });
      expect((await call(as.admin!, "DELETE", `/api/v1/departments/${sub.id}`)).statusCode).toBe(409);
      expect(
        (await call(as.admin!, "PATCH", `/api/v1/users/${below.id}`, { department: null })).statusCode,
      ).toBe(200);
      expect((await call(as.admin!, "DELETE", `/api/v1/departments/${sub.id}`)).statusCode).toBe(204);
    });

    it("changes a role's permissions, data scope and field rights, which its users have at their next request", async () => {
      const session = async () => (await call(as.sales!, "GET", "/api/v1/auth/session")).json().user;
      expect(await session()).toMatchObject({ personalFields: { list: "mask", detail: "show" } });
      expect((await session()).permissions).not.toContain("export");
      expect(
        (await call(as.manager!, "PATCH", "/api/v1/roles/sales", { permissions: ["read"] })).statusCode,
      ).toBe(403);

      const changed = await call(as.admin!, "PATCH", "/api/v1/roles/sales", {
        permissions: ["export", "read", "edit", "create", "read"],
        personalFields: { list: "hide", detail: "mask" },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        code: "sales",
        builtin: true,
        permissions: ["read", "create", "edit", "export"],
        dataScope: "own",
        personalFields: { list: "hide", detail: "mask" },
      });
      expect(await session()).toMatchObject({
        permissions: ["create", "edit", "export", "read"],
        personalFields: { list: "hide", detail: "mask" },
      });
      const [entry] = (await call(as.admin!, "GET", "/api/v1/audit?action=role.update&limit=1")).json();
      expect(entry).toMatchObject({
        entityId: "sales",
        actorId: as.admin!.userId,
        changes: {
          permissions: { before: ["read", "create", "edit"], after: ["read", "create", "edit", "export"] },
          personalFields: {
            before: { list: "mask", detail: "show" },
            after: { list: "hide", detail: "mask" },
          },
        },
      });
      expect(entry.changes).not.toHaveProperty("dataScope");

      const renamed = await call(as.admin!, "PATCH", "/api/v1/roles/sales", {
        names: { "zh-CN": "销售代表", en: "Rep" },
      });
      expect(renamed.statusCode).toBe(409);
      expect(renamed.json().code).toBe("ACCESS_BUILTIN_ROLE_NAMES");
      const custom = await call(as.admin!, "PATCH", "/api/v1/roles/desk", {
        names: { "zh-CN": "前台", en: "Front desk" },
        dataScope: "all",
      });
      expect(custom.json()).toMatchObject({
        names: { en: "Front desk" },
        dataScope: "all",
        permissions: ["read"],
      });
      expect((await call(as.admin!, "PATCH", "/api/v1/roles/nope", { dataScope: "all" })).statusCode).toBe(
        404,
      );
      const bad = await call(as.admin!, "PATCH", "/api/v1/roles/sales", {
        dataScope: "everyone",
        personalFields: { list: "blur", detail: "show" },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain("body.dataScope");
      expect(bad.json().detail).toContain("body.personalFields.list");
    });

    it("never leaves the company without an active user who can manage users", async () => {
      const refusals = [
        await call(as.admin!, "PATCH", "/api/v1/roles/admin", { permissions: ["read", "viewAudit"] }),
        await call(as.admin!, "PATCH", `/api/v1/users/${as.admin!.userId}`, { role: "manager" }),
        await call(as.admin!, "POST", `/api/v1/users/${as.admin!.userId}/deactivate`),
      ];
      for (const refused of refusals) {
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ code: "ACCESS_LAST_ADMINISTRATOR" });
      }
      const admin = (await call(as.admin!, "GET", `/api/v1/users/${as.admin!.userId}`)).json();
      expect(admin).toMatchObject({ role: "admin", active: true });
      const role = (await call(as.admin!, "GET", "/api/v1/roles"))
        .json()
        .find((r: { code: string }) => r.code === "admin");
      expect(role.permissions).toContain("manageUsers");
      // With a second administrator, the first may step down.
      const second = await call(as.admin!, "POST", "/api/v1/users", {
        email: "second.admin@example.com",
        name: "Second",
        role: "admin",
        password: TEST_PASSWORD,
      });
      const stepped = await call(as.admin!, "PATCH", `/api/v1/users/${second.json().id}`, {
        role: "manager",
      });
      expect(stepped.json().role).toBe("manager");
      expect(
        (await call(as.admin!, "PATCH", `/api/v1/users/${second.json().id}`, { role: "admin" })).statusCode,
      ).toBe(200);
      expect((await call(as.admin!, "POST", `/api/v1/users/${second.json().id}/deactivate`)).statusCode).toBe(
        200,
      );
      const audit = (await call(as.admin!, "GET", "/api/v1/audit?action=role.update")).json();
      expect(audit.some((entry: { entityId: string }) => entry.entityId === "admin")).toBe(false);
    });

    it("describes every route in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      for (const path of PATHS) expect(Object.keys(doc.paths)).toContain(path);
    });
  });
}
