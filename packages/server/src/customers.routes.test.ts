import { LOCAL_OPERATOR, shareCustomer, unshareCustomer } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`customer routes on ${engine}`, () => {
    const server = routeTestServer(engine);
    const { get } = server;

    const codesOf = async (who: SignedIn, query = "") => {
      const response = await get(who, `/api/v1/customers${query}`);
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: { code: string }[]; total: number };
      return { codes: page.items.map((item) => item.code), total: page.total };
    };
    const owners = async () =>
      Object.fromEntries(
        (await server.handle.db.selectFrom("customers").select(["code", "owner"]).execute()).map((row) => [
          row.code,
          row.owner,
        ]),
      );

    it("lists per role: sales their own, the manager his department tree, admin and analyst all", async () => {
      expect(await codesOf(server.company.salesA)).toEqual({ codes: ["CA1", "CA2"], total: 2 });
      expect(await codesOf(server.company.salesB)).toEqual({ codes: ["CB1"], total: 1 });
      expect(await codesOf(server.company.manager)).toEqual({ codes: ["CA1", "CA2", "CS1"], total: 3 });
      expect(await codesOf(server.company.admin)).toEqual({ codes: ["CA1", "CA2", "CB1", "CS1"], total: 4 });
      expect(await codesOf(server.company.analyst)).toEqual({
        codes: ["CA1", "CA2", "CB1", "CS1"],
        total: 4,
      });
    });

    it("never lets department A's sales find, count or read B's customer", async () => {
      expect(await codesOf(server.company.salesA, "?search=13900000001")).toEqual({ codes: [], total: 0 });
      expect(await codesOf(server.company.salesA, "?search=北京")).toEqual({ codes: [], total: 0 });
      expect(await codesOf(server.company.salesA, `?owner=${server.company.salesB.username}`)).toEqual({
        codes: [],
        total: 0,
      });
      expect(await codesOf(server.company.admin, "?search=13900000001")).toEqual({
        codes: ["CB1"],
        total: 1,
      });
      const hidden = await get(server.company.salesA, "/api/v1/customers/CB1");
      const missing = await get(server.company.salesA, "/api/v1/customers/NOPE");
      expect(hidden.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(hidden.json().code).toBe(missing.json().code);
      expect((await get(server.company.salesB, "/api/v1/customers/CB1")).statusCode).toBe(200);
      expect((await get(server.company.manager, "/api/v1/customers/CS1")).statusCode).toBe(200);
      expect((await get(server.company.manager, "/api/v1/customers/CB1")).statusCode).toBe(404);
    });

    it("filters, sorts and pages through the query string, the total on every page", async () => {
      expect(await codesOf(server.company.admin, "?industry=retail")).toEqual({
        codes: ["CA1", "CS1"],
        total: 2,
      });
      expect(await codesOf(server.company.admin, "?region=北京,上海")).toEqual({ codes: ["CB1"], total: 1 });
      expect(
        await codesOf(server.company.admin, "?industry=retail&industry=manufacturing&sort=name&order=desc"),
      ).toEqual({ codes: ["CS1", "CA1", "CB1", "CA2"], total: 4 });
      const first = (await get(server.company.admin, "/api/v1/customers?limit=3")).json();
      expect(first.items).toHaveLength(3);
      expect(first.total).toBe(4);
      const second = (
        await get(
          server.company.admin,
          `/api/v1/customers?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`,
        )
      ).json();
      expect(second).toMatchObject({ total: 4, nextCursor: null });
      expect(second.items.map((item: { code: string }) => item.code)).toEqual(["CS1"]);
    });

    it("answers bad query input with a 400 problem naming the field", async () => {
      for (const query of ["?limit=0", "?limit=x", "?sort=phone", "?registeredFrom=yesterday", "?extra=1"]) {
        const response = await get(server.company.admin, `/api/v1/customers${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers["content-type"]).toContain("application/problem+json");
      }
      const response = await get(server.company.admin, "/api/v1/customers?limit=0");
      expect(JSON.stringify(response.json())).toContain("limit");
      expect((await server.app.inject({ url: "/api/v1/customers" })).statusCode).toBe(401);
    });

    it("masks personal fields per role: list rights in the list, detail rights in the 360 view", async () => {
      const phoneInList = async (who: SignedIn) =>
        (await get(who, "/api/v1/customers?search=CA1")).json().items[0]?.phone;
      const detail = async (who: SignedIn) => (await get(who, "/api/v1/customers/CA1")).json();
      expect(await phoneInList(server.company.analyst)).toBe("138****5678");
      expect(await phoneInList(server.company.salesA)).toBe("138****5678");
      expect(await phoneInList(server.company.manager)).toBe("138****5678");
      expect(await phoneInList(server.company.admin)).toBe("13812345678");

      const analyst = await detail(server.company.analyst);
      expect(analyst.customer).toMatchObject({
        code: "CA1",
        phone: "138****5678",
        email: "c***@example.com",
      });
      expect(analyst.contacts).toEqual([expect.objectContaining({ name: "王经理", phone: "139****5678" })]);
      const sales = await detail(server.company.salesA);
      expect(sales.customer).toMatchObject({ phone: "13812345678", email: "cha@example.com" });
      expect(sales.contacts[0].phone).toBe("13912345678");
      expect((await detail(server.company.manager)).customer.phone).toBe("13812345678");
      expect((await detail(server.company.admin)).customer.phone).toBe("13812345678");
      // The sales user's unmasked view was audited.
      const views = await server.handle.db
        .selectFrom("audit_log")
        .select(["actor_id"])
        .where("action", "=", "customer.view_personal")
        .execute();
      expect(views.map((row) => Number(row.actor_id))).toContain(server.company.salesA.userId);
    });

    it("reassigns owners for roles with the permission, within their write scope, all or none", async () => {
      const post = (who: SignedIn, payload: object, headers: Record<string, string> = who.headers) =>
        server.app.inject({ method: "POST", url: "/api/v1/customers/reassign", headers, payload });
      const before = await owners();
      // Sales and analysts may not reassign.
      expect(
        (await post(server.company.salesA, { codes: ["CA1"], owner: server.company.salesSub.username }))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(server.company.analyst, { codes: ["CA1"], owner: server.company.salesSub.username }))
          .statusCode,
      ).toBe(403);
      // The manager: B's customer is not found, and nothing moves.
      const refused = await post(server.company.manager, {
        codes: ["CA1", "CB1"],
        owner: server.company.salesSub.username,
      });
      expect(refused.statusCode).toBe(404);
      // Nor can he hand a customer to someone outside his tree.
      expect(
        (await post(server.company.manager, { codes: ["CA1"], owner: server.company.salesB.username }))
          .statusCode,
      ).toBe(400);
      // Without the CSRF token, refused.
      const { "x-csrf-token": _, ...noCsrf } = server.company.manager.headers;
      expect(
        (
          await post(
            server.company.manager,
            { codes: ["CA1"], owner: server.company.salesSub.username },
            noCsrf,
          )
        ).statusCode,
      ).toBe(403);
      const bad = await post(server.company.manager, { codes: [], owner: server.company.salesSub.username });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain("codes");
      expect(await owners()).toEqual(before);

      const done = await post(server.company.manager, {
        codes: ["CA2"],
        owner: server.company.salesSub.username,
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({
        reassigned: [
          { code: "CA2", before: server.company.salesA.username, after: server.company.salesSub.username },
        ],
        unchanged: 0,
      });
      expect(await codesOf(server.company.salesA)).toEqual({ codes: ["CA1"], total: 1 });

      const one = await server.app.inject({
        method: "PUT",
        url: "/api/v1/customers/CA2/owner",
        headers: server.company.admin.headers,
        payload: { owner: server.company.salesA.username },
      });
      expect(one.statusCode).toBe(200);
      const { "x-csrf-token": __, ...adminNoCsrf } = server.company.admin.headers;
      const noToken = await server.app.inject({
        method: "PUT",
        url: "/api/v1/customers/CA2/owner",
        headers: adminNoCsrf,
        payload: { owner: server.company.salesB.username },
      });
      expect(noToken.statusCode).toBe(403);
      expect(await owners()).toEqual(before);
      const audited = await server.handle.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "customer.reassign")
        .execute();
      expect(audited).toHaveLength(2);
    });

    it("lets a read-only share be read, not reassigned; a read-write share be reassigned", async () => {
      const ctx = { handle: server.handle, actor: LOCAL_OPERATOR };
      const cb1 = server.company.ids.get("CB1")!;
      const share = await shareCustomer(ctx, {
        customerId: cb1,
        userId: server.company.manager.userId,
        access: "read",
      });
      const reassign = () =>
        server.app.inject({
          method: "POST",
          url: "/api/v1/customers/reassign",
          headers: server.company.manager.headers,
          payload: { codes: ["CB1"], owner: server.company.salesSub.username },
        });
      expect((await get(server.company.manager, "/api/v1/customers/CB1")).statusCode).toBe(200);
      expect((await codesOf(server.company.manager)).codes).toContain("CB1");
      expect((await reassign()).statusCode).toBe(404);
      expect((await owners()).CB1).toBe(server.company.salesB.username);
      await unshareCustomer(ctx, { customerId: cb1, shareId: share.id });
      await shareCustomer(ctx, { customerId: cb1, userId: server.company.manager.userId, access: "write" });
      expect((await reassign()).statusCode).toBe(200);
      expect((await owners()).CB1).toBe(server.company.salesSub.username);
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      for (const path of ["/api/v1/customers/", "/api/v1/customers/{code}", "/api/v1/customers/reassign"]) {
        expect(Object.keys(doc.paths), path).toContain(path);
      }
      expect(doc.components.schemas).toHaveProperty("Customer360");
      // Every reference resolves to a named component.
      const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
      for (const ref of new Set(refs)) {
        const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
        expect(doc.components.schemas, ref).toHaveProperty(name);
      }
    });
  });
}
