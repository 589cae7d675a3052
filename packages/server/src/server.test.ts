import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { injectableServer } from "./testing/test-server.ts";

for (const engine of ENGINES) {
  describe(`the HTTP server on ${engine}`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    let logLines: () => string[];
    beforeAll(async () => {
      handle = await openTestDb(engine);
      ({ app, logLines } = await injectableServer(handle, { CUSTRA_BODY_LIMIT: "64k" }));
      // A route of the test's own, to drive the error handling that every real route shares.
      app
        .withTypeProvider<ZodTypeProvider>()
        .post(
          "/test/echo",
          { schema: { body: z.strictObject({ name: z.string().min(1), count: z.number().int() }) } },
          async (request) => request.body,
        );
      app.get("/test/crash", async () => {
        throw new Error("secret internal detail");
      });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    it("is healthy and ready while its database answers", async () => {
      expect((await app.inject("/healthz")).json()).toEqual({ status: "ok" });
      const ready = await app.inject("/readyz");
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: "ok" });
    });

    it("answers an unknown route with a problem document in the reader's language", async () => {
      const zh = await app.inject("/api/nothing-here");
      expect(zh.statusCode).toBe(404);
      expect(zh.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(zh.json()).toMatchObject({
        type: "urn:custra:error:SERVER_ROUTE_NOT_FOUND",
        title: "未找到",
        status: 404,
        code: "SERVER_ROUTE_NOT_FOUND",
        detail: "没有这个接口：GET /api/nothing-here",
      });
      const en = await app.inject({
        url: "/api/nothing-here",
        headers: { "accept-language": "de;q=0.9, en-GB;q=0.8" },
      });
      expect(en.json()).toMatchObject({
        title: "Not Found",
        detail: "There is no endpoint GET /api/nothing-here",
      });
    });

    it("names every field that fails the schema, unknown ones included", async () => {
      const response = await app.inject({
        method: "POST",
        url: "/test/echo",
        headers: { "accept-language": "en" },
        payload: { name: "", count: 1.5, extra: "<script>alert(1)</script>" },
      });
      expect(response.statusCode).toBe(400);
      const problem = response.json();
      expect(problem.code).toBe("APP_INVALID_INPUT");
      expect(problem.detail).toContain("body.name: must not be empty");
      expect(problem.detail).toContain("body.count: must be a whole number");
      expect(problem.detail).toContain("body.extra: is not a known setting");
    });

    it("takes a valid body and returns it as JSON, markup and SQL left as text", async () => {
      const name = `Robert'); DROP TABLE customers;-- <img src=x onerror=alert(1)>`;
      const response = await app.inject({ method: "POST", url: "/test/echo", payload: { name, count: 2 } });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      expect(response.json()).toEqual({ name, count: 2 });
    });

    it("refuses malformed JSON, a body over the limit and an unknown content type with 4xx problems", async () => {
      const broken = await app.inject({
        method: "POST",
        url: "/test/echo",
        headers: { "content-type": "application/json" },
        payload: '{"name": "a", ',
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().code).toBe("SERVER_INVALID_JSON");

      const huge = await app.inject({
        method: "POST",
        url: "/test/echo",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ name: "x".repeat(10 * 1024 * 1024), count: 1 }),
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ code: "SERVER_BODY_TOO_LARGE", params: { limit: 64 * 1024 } });

      const xml = await app.inject({
        method: "POST",
        url: "/test/echo",
        headers: { "content-type": "application/xml" },
        payload: "<a/>",
      });
      expect(xml.statusCode).toBe(415);
      expect(xml.json().code).toBe("SERVER_UNSUPPORTED_MEDIA_TYPE");
    });

    it("answers an unexpected failure with 500 and the request id, keeping its details in the log", async () => {
      const response = await app.inject({ url: "/test/crash", headers: { "x-request-id": "req-crash-1" } });
      expect(response.statusCode).toBe(500);
      expect(response.headers["x-request-id"]).toBe("req-crash-1");
      const problem = response.json();
      expect(problem).toMatchObject({ code: "SERVER_INTERNAL", requestId: "req-crash-1" });
      expect(JSON.stringify(problem)).not.toContain("secret internal detail");
      const logged = logLines().filter((line) => line.includes("req-crash-1"));
      expect(logged.some((line) => line.includes("secret internal detail"))).toBe(true);
      // Still serving.
      expect((await app.inject("/healthz")).statusCode).toBe(200);
    });

    it("answers every route under /api/v1, known or not, with 401 before sign-in", async () => {
      const unknown = await app.inject("/api/v1/nothing-here");
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().code).toBe("ACCESS_NOT_SIGNED_IN");
    });

    it("keeps query strings, cookies and authorization out of the log", async () => {
      await app.inject({
        url: "/api/v1/customers?search=13812345678",
        headers: { cookie: "custra_session=abc-secret-cookie", authorization: "Bearer tok-secret" },
      });
      const log = logLines().join("\n");
      expect(log).toContain("/api/v1/customers");
      expect(log).not.toContain("13812345678");
      expect(log).not.toContain("abc-secret-cookie");
      expect(log).not.toContain("tok-secret");
    });

    it("publishes an OpenAPI 3 document of its routes and the docs page", async () => {
      const doc = (await app.inject("/api/docs/json")).json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz"]));
      const entry = await app.inject("/api/docs");
      expect([200, 302]).toContain(entry.statusCode);
      const page = await app.inject(entry.statusCode === 302 ? String(entry.headers.location) : "/api/docs");
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
    });

    it("is not ready once its database is gone, and says why", async () => {
      const other = await openTestDb(engine);
      const { app: lonely } = await injectableServer(other);
      await lonely.ready();
      await other.close();
      const response = await lonely.inject("/readyz");
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe("SERVER_NOT_READY");
      await lonely.close();
    });
  });
}
