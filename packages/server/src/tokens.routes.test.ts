import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInAs, signedInPerRole } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`API tokens and sessions over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false });
    const { call } = server;
    const as: Record<string, SignedIn> = {};
    beforeAll(async () => {
      Object.assign(as, await signedInPerRole(server.app, server.handle));
    }, 120_000);

    const bearer = (token: string, method: "GET" | "POST", url: string, payload?: object) =>
      server.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });

    it("creates a token shown once, lists it without the token, and a script acts as its user", async () => {
      const created = await call(as.sales!, "POST", "/api/v1/tokens", { name: "BI export" });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json();
      expect(token).toMatch(/^custra_/);
      const list = await call(as.sales!, "GET", "/api/v1/tokens");
      expect(list.json()).toEqual([expect.objectContaining({ id, name: "BI export", revokedAt: null })]);
      expect(list.body).not.toContain(token);
      // Another user does not see it.
      expect((await call(as.manager!, "GET", "/api/v1/tokens")).json()).toEqual([]);

      // The token is its user, with that user's rights, and needs no CSRF token.
      const me = await bearer(token, "GET", "/api/v1/auth/session");
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ email: "sales@example.com", role: "sales" });
      expect((await bearer(token, "GET", "/api/v1/users")).statusCode).toBe(403);
      const another = await bearer(token, "POST", "/api/v1/tokens", { name: "made by a script" });
      expect(another.statusCode).toBe(201);
      expect(another.json().userId).toBe(as.sales!.userId);

      // Someone else cannot revoke it (not found), its owner can; then it is refused.
      expect((await call(as.manager!, "DELETE", `/api/v1/tokens/${id}`)).statusCode).toBe(404);
      expect((await bearer(token, "GET", "/api/v1/tokens")).statusCode).toBe(200);
      expect((await call(as.sales!, "DELETE", `/api/v1/tokens/${id}`)).statusCode).toBe(204);
      const revoked = await bearer(token, "GET", "/api/v1/tokens");
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json().code).toBe("ACCESS_NOT_SIGNED_IN");
      const after = (await call(as.sales!, "GET", "/api/v1/tokens")).json();
      expect(after.find((t: { id: number }) => t.id === id).revokedAt).toEqual(expect.any(String));
    });

    it("lets only an admin list or make another user's tokens", async () => {
      const forSales = { name: "for sales", userId: as.sales!.userId };
      expect((await call(as.manager!, "POST", "/api/v1/tokens", forSales)).statusCode).toBe(403);
      expect((await call(as.analyst!, "GET", `/api/v1/tokens?userId=${as.sales!.userId}`)).statusCode).toBe(
        403,
      );
      expect((await call(as.admin!, "POST", "/api/v1/tokens", forSales)).statusCode).toBe(201);
      const listed = await call(as.admin!, "GET", `/api/v1/tokens?userId=${as.sales!.userId}`);
      expect(listed.json().map((t: { name: string }) => t.name)).toContain("for sales");

      // Every user's tokens at once, for an admin only: the sales rep's and the admin's own.
      const mine = (await call(as.admin!, "POST", "/api/v1/tokens", { name: "admin's own" })).json();
      const all = await call(as.admin!, "GET", "/api/v1/tokens?all=true");
      expect(all.statusCode).toBe(200);
      const owners = new Map(all.json().map((t: { id: number; userId: number }) => [t.id, t.userId]));
      expect(owners.get(mine.id)).toBe(as.admin!.userId);
      const salesTokens = listed.json().map((t: { id: number }) => t.id);
      for (const id of salesTokens) expect(owners.get(id)).toBe(as.sales!.userId);
      expect((await call(as.admin!, "GET", "/api/v1/tokens")).json()).toEqual([
        expect.objectContaining({ id: mine.id }),
      ]);
      for (const role of ["manager", "sales", "analyst"]) {
        const refused = await call(as[role]!, "GET", "/api/v1/tokens?all=true");
        expect(refused.statusCode, role).toBe(403);
        expect(refused.json()).toMatchObject({
          code: "APP_FORBIDDEN",
          params: { permission: "manageUsers" },
        });
      }
      expect((await call(as.admin!, "GET", "/api/v1/tokens?all=maybe")).statusCode).toBe(400);
    });

    it("refuses a bad name and a token creation without the CSRF token", async () => {
      const bad = await call(as.sales!, "POST", "/api/v1/tokens", { name: "", expiresOn: "tomorrow" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain("body.name");
      expect(bad.json().detail).toContain("body.expiresOn");
      const noCsrf = await server.app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: { cookie: as.analyst!.headers.cookie },
        payload: { name: "sneaky" },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect((await call(as.analyst!, "GET", "/api/v1/tokens")).json()).toEqual([]);
    });

    it("lists one's own sessions and ends them all", async () => {
      const second = await signedInAs(server.app, server.handle, {
        email: "twice@example.com",
        role: "analyst",
      });
      const list = await call(second, "GET", "/api/v1/sessions");
      expect(list.statusCode).toBe(200);
      expect(list.json()).toHaveLength(1);
      expect(list.json()[0]).toEqual(
        expect.objectContaining({ id: expect.any(String), expiresAt: expect.any(String) }),
      );
      const noCsrf = await server.app.inject({
        method: "DELETE",
        url: "/api/v1/sessions",
        headers: { cookie: second.headers.cookie },
      });
      expect(noCsrf.statusCode).toBe(403);
      const ended = await call(second, "DELETE", "/api/v1/sessions");
      expect(ended.statusCode).toBe(200);
      expect(ended.json()).toEqual({ ended: 1 });
      expect((await call(second, "GET", "/api/v1/sessions")).statusCode).toBe(401);
      // Other users' sessions are untouched.
      expect((await call(as.analyst!, "GET", "/api/v1/sessions")).statusCode).toBe(200);
    });

    it("describes the routes in the OpenAPI document", async () => {
      const paths = Object.keys((await server.app.inject("/api/docs/json")).json().paths);
      for (const path of ["/api/v1/tokens/", "/api/v1/tokens/{id}", "/api/v1/sessions/"])
        expect(paths).toContain(path);
    });
  });
}
