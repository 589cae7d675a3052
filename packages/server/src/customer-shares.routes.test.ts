import { createDepartment, createRole, LOCAL_OPERATOR } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInAs } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`customer shares and personal data over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false });
    const { call } = server;
    const as: Record<string, SignedIn> = {};
    const dept: Record<string, number> = {};
    beforeAll(async () => {
      const ctx = { handle: server.handle, actor: LOCAL_OPERATOR };
      dept.east = (await createDepartment(ctx, { name: "East" })).id;
      dept.west = (await createDepartment(ctx, { name: "West" })).id;
      await createRole(ctx, {
        code: "eraser",
        names: { "zh-CN": "删除员", en: "Eraser" },
        permissions: ["read", "erase"],
        dataScope: "own",
        personalFields: { list: "show", detail: "show" },
      });
      const users: [string, string, number?][] = [
        ["admin", "admin"],
        ["manager", "manager", dept.east],
        ["salesE", "sales", dept.east],
        ["salesW", "sales", dept.west],
        ["analyst", "analyst"],
        ["eraser", "eraser", dept.west],
      ];
      for (const [name, role, department] of users)
        as[name] = await signedInAs(server.app, server.handle, {
          email: `${name.toLowerCase()}@example.com`,
          role,
          username: name,
          ...(department === undefined ? {} : { department }),
        });
      for (const [code, owner] of [
        ["C1", "salesE"],
        ["C2", "salesW"],
        ["C3", "salesE"],
      ])
        await server.handle.db
          .insertInto("customers")
          .values({
            code: code!,
            name: `客户${code}`,
            owner: owner!,
            phone: "13812345678",
            email: "zhang.san@example.com",
          })
          .execute();
    }, 120_000);

    const sharesOf = async (code: string) =>
      (await call(as.admin!, "GET", `/api/v1/customers/${code}/shares`)).json();

    it("lists a customer's shares to whoever may see the customer, 404 to others", async () => {
      for (const who of ["admin", "manager", "salesE", "analyst"])
        expect((await call(as[who]!, "GET", "/api/v1/customers/C1/shares")).statusCode).toBe(200);
      for (const who of ["manager", "salesE"]) {
        const hidden = await call(as[who]!, "GET", "/api/v1/customers/C2/shares");
        expect(hidden.statusCode).toBe(404);
        expect(hidden.json().code).toBe("APP_NOT_FOUND");
      }
      expect((await call(as.salesW!, "GET", "/api/v1/customers/C1/shares")).statusCode).toBe(404);
      expect((await call(as.admin!, "GET", "/api/v1/customers/NOPE/shares")).statusCode).toBe(404);
    });

    it("shares with a user until a date, who then sees the customer read-only, and unshares", async () => {
      const shared = await call(as.salesE!, "POST", "/api/v1/customers/C1/shares", {
        userId: as.salesW!.userId,
        until: "2099-12-31",
      });
      expect(shared.statusCode).toBe(201);
      const share = shared.json();
      expect(share).toMatchObject({
        userId: as.salesW!.userId,
        departmentId: null,
        access: "read",
        until: "2099-12-31",
        createdBy: "salesE",
      });
      // The colleague now sees it, but may not share it on or unshare it.
      expect((await call(as.salesW!, "GET", "/api/v1/customers/C1/shares")).json()).toHaveLength(1);
      expect(
        (await call(as.salesW!, "POST", "/api/v1/customers/C1/shares", { departmentId: dept.west }))
          .statusCode,
      ).toBe(403);
      expect((await call(as.salesW!, "DELETE", `/api/v1/customers/C1/shares/${share.id}`)).statusCode).toBe(
        403,
      );
      expect(await sharesOf("C1")).toHaveLength(1);

      const byDept = await call(as.manager!, "POST", "/api/v1/customers/C3/shares", {
        departmentId: dept.west,
        access: "write",
      });
      expect(byDept.statusCode).toBe(201);
      expect(byDept.json()).toMatchObject({ departmentId: dept.west, access: "write" });

      expect((await call(as.salesE!, "DELETE", `/api/v1/customers/C1/shares/${share.id}`)).statusCode).toBe(
        204,
      );
      expect(await sharesOf("C1")).toEqual([]);
      expect((await call(as.salesW!, "GET", "/api/v1/customers/C1/shares")).statusCode).toBe(404);
      expect((await call(as.salesE!, "DELETE", `/api/v1/customers/C1/shares/${share.id}`)).statusCode).toBe(
        404,
      );
    });

    it("refuses sharing out of scope (404), without edit (403), bad input (400) and without CSRF (403)", async () => {
      expect(
        (await call(as.salesE!, "POST", "/api/v1/customers/C2/shares", { userId: as.salesE!.userId }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call(as.manager!, "POST", "/api/v1/customers/C2/shares", { userId: as.manager!.userId }))
          .statusCode,
      ).toBe(404);
      const analyst = await call(as.analyst!, "POST", "/api/v1/customers/C2/shares", {
        userId: as.analyst!.userId,
      });
      expect(analyst.statusCode).toBe(403);
      const both = await call(as.salesE!, "POST", "/api/v1/customers/C1/shares", {
        userId: as.salesW!.userId,
        departmentId: dept.west,
      });
      expect(both.statusCode).toBe(400);
      expect(both.json().detail).toContain("userId");
      const badDate = await call(as.salesE!, "POST", "/api/v1/customers/C1/shares", {
        userId: as.salesW!.userId,
        until: "soon",
      });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().detail).toContain("body.until");
      const unknown = await call(as.salesE!, "POST", "/api/v1/customers/C1/shares", { userId: 999999 });
      expect(unknown.statusCode).toBe(400);
      const noCsrf = await server.app.inject({
        method: "POST",
        url: "/api/v1/customers/C1/shares",
        headers: { cookie: as.salesE!.headers.cookie },
        payload: { userId: as.salesW!.userId },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(await sharesOf("C1")).toEqual([]);
      expect(await sharesOf("C2")).toEqual([]);
    });

    it("lists the company's shares to an administrator, filtered and in pages, only of customers they see", async () => {
      // Now: C3 with West (write, from the test before); add C1 with salesW until long ago, C2 with salesE.
      const past = await call(as.admin!, "POST", "/api/v1/customers/C1/shares", {
        userId: as.salesW!.userId,
        until: "2001-01-31",
      });
      const toEast = await call(as.admin!, "POST", "/api/v1/customers/C2/shares", {
        userId: as.salesE!.userId,
      });
      expect([past.statusCode, toEast.statusCode]).toEqual([201, 201]);
      type Listed = { items: Record<string, unknown>[]; total: number; nextCursor: string | null };
      const list = async (query = "", who = as.admin!): Promise<Listed> => {
        const response = await call(who, "GET", `/api/v1/customer-shares${query}`);
        expect(response.statusCode, query).toBe(200);
        return response.json();
      };
      const all = await list();
      expect(all.total).toBe(3);
      expect(all.nextCursor).toBeNull();
      expect(all.items.map((item) => item.customerCode)).toEqual(["C2", "C1", "C3"]);
      expect(all.items[0]).toEqual({
        id: toEast.json().id,
        customerId: expect.any(Number),
        customerCode: "C2",
        customerName: "客户C2",
        userId: as.salesE!.userId,
        userName: "salese@example.com",
        departmentId: null,
        departmentName: null,
        access: "read",
        until: null,
        createdBy: "admin",
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        expired: false,
      });
      expect(all.items[1]).toMatchObject({ customerCode: "C1", until: "2001-01-31", expired: true });
      expect(all.items[2]).toMatchObject({ departmentId: dept.west, departmentName: "West", userName: null });

      const codes = async (query: string) => (await list(query)).items.map((item) => item.customerCode);
      expect(await codes(`?userId=${as.salesW!.userId}`)).toEqual(["C1"]);
      expect(await codes(`?departmentId=${dept.west}`)).toEqual(["C3"]);
      expect(await codes("?access=write")).toEqual(["C3"]);
      expect(await codes("?expired=true")).toEqual(["C1"]);
      expect(await codes("?expired=false")).toEqual(["C2", "C3"]);
      expect(await codes("?search=c3")).toEqual(["C3"]);
      expect(await codes(`?search=${encodeURIComponent("客户C")}&access=read`)).toEqual(["C2", "C1"]);

      const first = await list("?limit=2");
      expect(first).toMatchObject({ total: 3, nextCursor: expect.any(String) });
      const second = await list(`?limit=2&cursor=${first.nextCursor}`);
      expect(second).toMatchObject({ total: 3, nextCursor: null });
      expect([...first.items, ...second.items].map((item) => item.id)).toEqual(
        all.items.map((item) => item.id),
      );
      expect((await call(as.admin!, "GET", "/api/v1/customer-shares?cursor=nonsense")).statusCode).toBe(400);
      expect((await call(as.admin!, "GET", "/api/v1/customer-shares?access=all")).statusCode).toBe(400);

      for (const who of ["manager", "salesE", "analyst"])
        expect((await call(as[who]!, "GET", "/api/v1/customer-shares")).statusCode).toBe(403);
      // An administrator of part of the company sees (and counts) the shares of their customers only.
      await createRole(
        { handle: server.handle, actor: LOCAL_OPERATOR },
        {
          code: "desk-admin",
          names: { "zh-CN": "部门管理员", en: "Desk admin" },
          permissions: ["read", "manageUsers"],
          dataScope: "own",
          personalFields: { list: "mask", detail: "show" },
        },
      );
      const desk = await signedInAs(server.app, server.handle, {
        email: "desk@example.com",
        role: "desk-admin",
        username: "salesE-desk",
      });
      expect(await list("", desk)).toEqual({ items: [], total: 0, nextCursor: null });
      await server.handle.db
        .updateTable("customers")
        .set({ owner: "salesE-desk" })
        .where("code", "=", "C3")
        .execute();
      const own = await list("", desk);
      expect(own.total).toBe(1);
      expect(own.items.map((item) => item.customerCode)).toEqual(["C3"]);
      await server.handle.db
        .updateTable("customers")
        .set({ owner: "salesE" })
        .where("code", "=", "C3")
        .execute();
    });

    it("exports a customer's personal data with the erase permission only, 404 out of scope", async () => {
      const exported = await call(as.admin!, "GET", "/api/v1/customers/C2/personal-data");
      expect(exported.statusCode).toBe(200);
      expect(exported.json()).toMatchObject({
        customer: { code: "C2", phone: "13812345678" },
        erased: false,
      });
      expect(exported.json().tables).toHaveProperty("contacts");
      for (const who of ["salesW", "analyst"])
        expect((await call(as[who]!, "GET", "/api/v1/customers/C2/personal-data")).statusCode).toBe(403);
      expect((await call(as.manager!, "GET", "/api/v1/customers/C1/personal-data")).statusCode).toBe(403);
      // The eraser's own scope holds no customer: theirs are not found, never forbidden.
      expect((await call(as.eraser!, "GET", "/api/v1/customers/C2/personal-data")).statusCode).toBe(404);
      expect(
        (await call(as.eraser!, "DELETE", "/api/v1/customers/C2/personal-data", { reason: "asked" }))
          .statusCode,
      ).toBe(404);
    });

    it("erases a customer's personal data with a reason, for the erase permission only", async () => {
      const noReason = await call(as.admin!, "DELETE", "/api/v1/customers/C2/personal-data", {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().detail).toContain("body.reason");
      const bySales = await call(as.salesW!, "DELETE", "/api/v1/customers/C2/personal-data", {
        reason: "asked",
      });
      expect(bySales.statusCode).toBe(403);
      const noCsrf = await server.app.inject({
        method: "DELETE",
        url: "/api/v1/customers/C2/personal-data",
        headers: { cookie: as.admin!.headers.cookie },
        payload: { reason: "asked" },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect((await call(as.admin!, "GET", "/api/v1/customers/C2/personal-data")).json().customer.name).toBe(
        "客户C2",
      );

      const erased = await call(as.admin!, "DELETE", "/api/v1/customers/C2/personal-data", {
        reason: "the customer asked (GDPR art. 17)",
      });
      expect(erased.statusCode).toBe(200);
      expect(erased.json()).toMatchObject({ erased: true });
      // The code named the person: it is gone too.
      expect((await call(as.admin!, "GET", "/api/v1/customers/C2/personal-data")).statusCode).toBe(404);
      const audit = await call(as.admin!, "GET", "/api/v1/audit?entity=customer&limit=50");
      expect(audit.json().map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(["customer.share", "customer.unshare", "customer.export_personal"]),
      );
    });

    it("describes the routes in the OpenAPI document", async () => {
      const paths = Object.keys((await server.app.inject("/api/docs/json")).json().paths);
      for (const path of [
        "/api/v1/customers/{code}/shares",
        "/api/v1/customers/{code}/shares/{shareId}",
        "/api/v1/customers/{code}/personal-data",
        "/api/v1/customer-shares/",
      ])
        expect(paths).toContain(path);
    });
  });
}
