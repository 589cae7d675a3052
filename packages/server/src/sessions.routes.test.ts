import { ENGINES } from "@custra/db/testing";
import { describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, TEST_PASSWORD } from "./testing/sign-in.ts";

let logins = 0;

for (const engine of ENGINES) {
  describe(`ending one session over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine);
    const { get } = server;

    const remove = (who: SignedIn, url: string, headers: object = who.headers) =>
      server.app.inject({ method: "DELETE", url, headers: { ...headers } });
    const idsOf = async (userId: number) =>
      ((await get(server.company.admin, `/api/v1/sessions?userId=${userId}`)).json() as { id: string }[]).map(
        (s) => s.id,
      );
    /** Another session of an existing user, signed in through the login route, with its listed id. */
    const signInAgain = async (who: SignedIn, email: string): Promise<SignedIn & { id: string }> => {
      const before = new Set(await idsOf(who.userId));
      logins++;
      const response = await server.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password: TEST_PASSWORD },
        remoteAddress: `10.77.${logins >> 8}.${logins & 255}`,
      });
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      const added = (await idsOf(who.userId)).filter((id) => !before.has(id));
      expect(added).toHaveLength(1);
      return {
        userId: who.userId,
        username: who.username,
        headers: { cookie, "x-csrf-token": (response.json() as { csrfToken: string }).csrfToken },
        id: added[0]!,
      };
    };
    const sessionsOf = async (who: SignedIn) =>
      ((await get(who, "/api/v1/sessions")).json() as { id: string }[]).map((s) => s.id);
    const audits = async (action: string) =>
      server.handle.db
        .selectFrom("audit_log")
        .select(["actor_id", "entity_id", "details"])
        .where("action", "=", action)
        .orderBy("id")
        .execute();

    it("ends one of my own sessions; the others stay; audited", async () => {
      const second = await signInAgain(server.company.salesA, "sales.a@example.com");
      const before = await sessionsOf(server.company.salesA);
      expect(before).toHaveLength(2);
      expect(before).toContain(second.id);
      const ended = await remove(server.company.salesA, `/api/v1/sessions/${second.id}`);
      expect(ended.statusCode).toBe(204);
      expect((await get(second, "/api/v1/sessions")).statusCode).toBe(401);
      expect(await sessionsOf(server.company.salesA)).toHaveLength(1);
      expect((await get(server.company.salesA, "/api/v1/sessions")).statusCode).toBe(200);
      expect(await audits("session.revoke")).toEqual([
        {
          actor_id: server.company.salesA.userId,
          entity_id: String(server.company.salesA.userId),
          details: JSON.stringify({ session: second.id }),
        },
      ]);
      // Ended already: not found.
      expect((await remove(server.company.salesA, `/api/v1/sessions/${second.id}`)).statusCode).toBe(404);
    });

    for (const role of ["manager", "salesB", "analyst"] as const)
      it(`does not let ${role} end another user's session: 404, the session lives on`, async () => {
        const target = await signInAgain(server.company.salesA, "sales.a@example.com");
        const response = await remove(server.company[role], `/api/v1/sessions/${target.id}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe("APP_NOT_FOUND");
        expect((await get(target, "/api/v1/sessions")).statusCode).toBe(200);
        // Nor list them.
        expect(
          (await get(server.company[role], `/api/v1/sessions?userId=${server.company.salesA.userId}`))
            .statusCode,
        ).toBe(403);
      });

    it("lets an admin list and end any user's session, audited as the admin's", async () => {
      const target = await signInAgain(server.company.salesB, "sales.b@example.com");
      const listed = await get(
        server.company.admin,
        `/api/v1/sessions?userId=${server.company.salesB.userId}`,
      );
      expect(listed.statusCode).toBe(200);
      expect(listed.json().map((s: { id: string }) => s.id)).toContain(target.id);
      expect((await remove(server.company.admin, `/api/v1/sessions/${target.id}`)).statusCode).toBe(204);
      expect((await get(target, "/api/v1/sessions")).statusCode).toBe(401);
      expect((await get(server.company.salesB, "/api/v1/sessions")).statusCode).toBe(200);
      const last = (await audits("session.revoke")).at(-1);
      expect(last).toMatchObject({
        actor_id: server.company.admin.userId,
        entity_id: String(server.company.salesB.userId),
      });
    });

    it("refuses a malformed id (400), an unknown one (404) and a missing CSRF token (403)", async () => {
      expect((await remove(server.company.salesA, "/api/v1/sessions/not-a-session")).statusCode).toBe(400);
      expect((await remove(server.company.salesA, `/api/v1/sessions/${"0".repeat(16)}`)).statusCode).toBe(
        404,
      );
      const target = await signInAgain(server.company.salesA, "sales.a@example.com");
      const { "x-csrf-token": _, ...noCsrf } = server.company.salesA.headers;
      expect((await remove(server.company.salesA, `/api/v1/sessions/${target.id}`, noCsrf)).statusCode).toBe(
        403,
      );
      expect((await get(target, "/api/v1/sessions")).statusCode).toBe(200);
    });
  });
}
