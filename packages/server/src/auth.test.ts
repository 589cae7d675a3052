import { addUser, LOCAL_OPERATOR } from "@custra/app";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectableServer } from "./testing/test-server.ts";

const PASSWORD = "correct horse battery";

/** The cookies a response sets, as a Cookie header for the next request. */
function cookiesOf(
  response: LightMyRequestResponse,
  jar: Record<string, string> = {},
): Record<string, string> {
  for (const cookie of response.cookies) jar[cookie.name] = cookie.value;
  return jar;
}
const header = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

for (const engine of ENGINES) {
  describe(`signing in to the server on ${engine}`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      const ctx = { handle, actor: LOCAL_OPERATOR };
      await addUser(ctx, { email: "li.na@example.com", name: "李娜", role: "sales", password: PASSWORD });
      await addUser(ctx, { email: "locked@example.com", name: "Lock", role: "sales", password: PASSWORD });
      ({ app } = await injectableServer(handle));
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    // Each sign-in from an address of its own, so that only the rate-limit test meets the limit.
    let client = 0;
    const login = (email: string, password: string, jar: Record<string, string> = {}, from?: string) => {
      client++;
      return app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password },
        headers: { cookie: header(jar) },
        remoteAddress: from ?? `10.0.${client >> 8}.${client & 255}`,
      });
    };

    it("refuses every API route before sign-in, in the reader's language", async () => {
      const response = await app.inject({
        url: "/api/v1/auth/session",
        headers: { "accept-language": "en" },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe("ACCESS_NOT_SIGNED_IN");
      expect((await app.inject("/healthz")).statusCode).toBe(200);
    });

    it("signs in with an HttpOnly, SameSite=Lax session cookie and knows who is signed in", async () => {
      const response = await login("li.na@example.com", PASSWORD);
      expect(response.statusCode).toBe(200);
      const session = response.cookies.find((cookie) => cookie.name === "custra_session")!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(response.json().user).toMatchObject({ email: "li.na@example.com", role: "sales" });
      expect(response.json().csrfToken).toEqual(expect.any(String));
      const me = await app.inject({
        url: "/api/v1/auth/session",
        headers: { cookie: header(cookiesOf(response)) },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.name).toBe("李娜");
    });

    it("refuses a wrong password without saying whether the email exists", async () => {
      const wrong = await login("li.na@example.com", "not the password at all");
      const unknown = await login("nobody@example.com", "not the password at all");
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(wrong.json().detail).toBe(unknown.json().detail);
    });

    it("locks an account after repeated failures, even for the right password", async () => {
      for (let i = 0; i < 5; i++) await login("locked@example.com", "wrong password again");
      const response = await login("locked@example.com", PASSWORD);
      expect(response.statusCode).toBe(423);
      expect(response.json().code).toBe("ACCESS_LOCKED");
    });

    it("gives a new session id at each sign-in and ends the one the client came with", async () => {
      const first = cookiesOf(await login("li.na@example.com", PASSWORD));
      const second = cookiesOf(await login("li.na@example.com", PASSWORD, { ...first }));
      expect(second.custra_session).not.toBe(first.custra_session);
      const old = await app.inject({
        url: "/api/v1/auth/session",
        headers: { cookie: `custra_session=${first.custra_session}` },
      });
      expect(old.statusCode).toBe(401);
      const current = await app.inject({ url: "/api/v1/auth/session", headers: { cookie: header(second) } });
      expect(current.statusCode).toBe(200);
    });

    it("refuses a state-changing request without the session's CSRF token, and takes it with one", async () => {
      const signedIn = await login("li.na@example.com", PASSWORD);
      const jar = cookiesOf(signedIn);
      const csrfToken = signedIn.json().csrfToken as string;
      const without = await app.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie: header(jar) },
      });
      expect(without.statusCode).toBe(403);
      expect(without.json().code).toBe("SERVER_CSRF_REJECTED");
      // Another session's token does not do either.
      const other = await login("li.na@example.com", PASSWORD);
      const foreign = await app.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie: header(jar), "x-csrf-token": other.json().csrfToken },
      });
      expect(foreign.statusCode).toBe(403);
      const out = await app.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie: header(jar), "x-csrf-token": csrfToken },
      });
      expect(out.statusCode).toBe(204);
      // Signed out means signed out: the cookie no longer works.
      const after = await app.inject({ url: "/api/v1/auth/session", headers: { cookie: header(jar) } });
      expect(after.statusCode).toBe(401);
    });

    it("changes a password, ending the other sessions but not this one", async () => {
      await addUser(
        { handle, actor: LOCAL_OPERATOR },
        { email: "wang@example.com", name: "王", role: "sales", password: PASSWORD },
      );
      const elsewhere = cookiesOf(await login("wang@example.com", PASSWORD));
      const here = await login("wang@example.com", PASSWORD);
      const jar = cookiesOf(here);
      const changed = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: { cookie: header(jar), "x-csrf-token": here.json().csrfToken },
        payload: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
      });
      expect(changed.statusCode).toBe(204);
      expect(
        (await app.inject({ url: "/api/v1/auth/session", headers: { cookie: header(jar) } })).statusCode,
      ).toBe(200);
      expect(
        (await app.inject({ url: "/api/v1/auth/session", headers: { cookie: header(elsewhere) } }))
          .statusCode,
      ).toBe(401);
      expect((await login("wang@example.com", PASSWORD)).statusCode).toBe(401);
      expect((await login("wang@example.com", "a brand new passphrase")).statusCode).toBe(200);
    });

    it("limits sign-in attempts per client address", async () => {
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 12; i++)
        last = await login("nobody@example.com", "guessing the password", {}, "192.0.2.7");
      expect(last!.statusCode).toBe(429);
      expect(last!.json().code).toBe("SERVER_TOO_MANY_REQUESTS");
    });
  });
}
