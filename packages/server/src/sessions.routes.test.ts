import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Company, loadCompany } from "./testing/company.fixture.ts";
import { type SignedIn, TEST_PASSWORD } from "./testing/sign-in.ts";
import { injectableServer } from "./testing/test-server.ts";

let logins = 0;

for (const engine of ENGINES) {
  describe(`ending one session over HTTP on ${engine}`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    let company: Company;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      ({ app } = await injectableServer(handle));
      await app.ready();
      company = await loadCompany(app, handle);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    const get = (who: SignedIn, url: string) => app.inject({ url, headers: who.headers });
    const remove = (who: SignedIn, url: string, headers: object = who.headers) =>
      app.inject({ method: "DELETE", url, headers: { ...headers } });
    const idsOf = async (userId: number) =>
      ((await get(company.admin, `/api/v1/sessions?userId=${userId}`)).json() as { id: string }[]).map(
        (s) => s.id,
      );
    /** Another session of an existing user, signed in through the login route, with its listed id. */
    const signInAgain = async (who: SignedIn, email: string): Promise<SignedIn & { id: string }> => {
      const before = new Set(await idsOf(who.userId));
      logins++;
      const response = await app.inject({
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
      handle.db
        .selectFrom("audit_log")
        .select(["actor_id", "entity_id", "details"])
        .where("action", "=", action)
        .orderBy("id")
        .execute();

    it("ends one of my own sessions; the others stay; audited", async () => {
      const second = await signInAgain(company.salesA, "sales.a@example.com");
      const before = await sessionsOf(company.salesA);
      expect(before).toHaveLength(2);
      expect(before).toContain(second.id);
      const ended = await remove(company.salesA, `/api/v1/sessions/${second.id}`);
      expect(ended.statusCode).toBe(204);
      expect((await get(second, "/api/v1/sessions")).statusCode).toBe(401);
      expect(await sessionsOf(company.salesA)).toHaveLength(1);
      expect((await get(company.salesA, "/api/v1/sessions")).statusCode).toBe(200);
      expect(await audits("session.revoke")).toEqual([
        {
          actor_id: company.salesA.userId,
          entity_id: String(company.salesA.userId),
          details: JSON.stringify({ session: second.id }),
        },
      ]);
      // Ended already: not found.
      expect((await remove(company.salesA, `/api/v1/sessions/${second.id}`)).statusCode).toBe(404);
    });

    for (const role of ["manager", "salesB", "analyst"] as const)
      it(`does not let ${role} end another user's session: 404, the session lives on`, async () => {
        const target = await signInAgain(company.salesA, "sales.a@example.com");
        const response = await remove(company[role], `/api/v1/sessions/${target.id}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe("APP_NOT_FOUND");
        expect((await get(target, "/api/v1/sessions")).statusCode).toBe(200);
        // Nor list them.
        expect(
          (await get(company[role], `/api/v1/sessions?userId=${company.salesA.userId}`)).statusCode,
        ).toBe(403);
      });

    it("lets an admin list and end any user's session, audited as the admin's", async () => {
      const target = await signInAgain(company.salesB, "sales.b@example.com");
      const listed = await get(company.admin, `/api/v1/sessions?userId=${company.salesB.userId}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().map((s: { id: string }) => s.id)).toContain(target.id);
      expect((await remove(company.admin, `/api/v1/sessions/${target.id}`)).statusCode).toBe(204);
      expect((await get(target, "/api/v1/sessions")).statusCode).toBe(401);
      expect((await get(company.salesB, "/api/v1/sessions")).statusCode).toBe(200);
      const last = (await audits("session.revoke")).at(-1);
      expect(last).toMatchObject({
        actor_id: company.admin.userId,
        entity_id: String(company.salesB.userId),
      });
    });

    it("refuses a malformed id (400), an unknown one (404) and a missing CSRF token (403)", async () => {
      expect((await remove(company.salesA, "/api/v1/sessions/not-a-session")).statusCode).toBe(400);
      expect((await remove(company.salesA, `/api/v1/sessions/${"0".repeat(16)}`)).statusCode).toBe(404);
      const target = await signInAgain(company.salesA, "sales.a@example.com");
      const { "x-csrf-token": _, ...noCsrf } = company.salesA.headers;
      expect((await remove(company.salesA, `/api/v1/sessions/${target.id}`, noCsrf)).statusCode).toBe(403);
      expect((await get(target, "/api/v1/sessions")).statusCode).toBe(200);
    });
  });
}
