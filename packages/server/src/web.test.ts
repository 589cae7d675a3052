import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectableServer } from "./testing/test-server.ts";

/** A stand-in build (the real one is the browser tests' business): an index page and one asset. */
async function fakeBuild(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "custra-web-"));
  await mkdir(path.join(root, "assets"));
  await writeFile(
    path.join(root, "index.html"),
    '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  await writeFile(path.join(root, "assets", "app-1a2b.js"), "console.log('custra')");
  return root;
}

for (const engine of ENGINES) {
  describe(`the web app served by custra serve on ${engine}`, () => {
    let handle: DbHandle | undefined;
    let built: FastifyInstance | undefined;
    let missing: FastifyInstance | undefined;
    let root = "";
    let empty = "";
    beforeAll(async () => {
      handle = await openTestDb(engine);
      root = await fakeBuild();
      empty = await mkdtemp(path.join(tmpdir(), "custra-web-empty-"));
      ({ app: built } = await injectableServer(handle, { CUSTRA_WEB_ROOT: root }));
      ({ app: missing } = await injectableServer(handle, { CUSTRA_WEB_ROOT: empty }));
    });
    afterAll(async () => {
      await built?.close();
      await missing?.close();
      await handle?.close();
      await rm(root, { recursive: true, force: true });
      await rm(empty, { recursive: true, force: true });
    });

    it("serves index.html at / and for every app path, uncached, and assets as long-lived files", async () => {
      for (const url of ["/", "/customers?grade=A&cursor=abc", "/customers/C0001", "/settings/users"]) {
        const page = await built!.inject(url);
        expect(page.statusCode, url).toBe(200);
        expect(page.headers["content-type"], url).toMatch(/^text\/html/);
        expect(page.headers["cache-control"], url).toBe("no-cache");
        expect(page.body, url).toContain("/assets/app-1a2b.js");
      }
      const asset = await built!.inject("/assets/app-1a2b.js");
      expect(asset.statusCode).toBe(200);
      expect(asset.headers["content-type"]).toMatch(/javascript/);
      expect(asset.headers["cache-control"]).toContain("immutable");
    });

    it("lets the built app's own scripts run over plain http (no upgrade to https)", async () => {
      const csp = String((await built!.inject("/")).headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("upgrade-insecure-requests");
    });

    it("keeps problem documents for unknown API paths and missing assets", async () => {
      for (const url of ["/api/nothing-here", "/assets/gone-9f8e.js"]) {
        const answer = await built!.inject({ url, headers: { "accept-language": "en" } });
        expect(answer.statusCode, url).toBe(404);
        expect(answer.headers["content-type"], url).toMatch(/^application\/problem\+json/);
        expect(answer.json().code, url).toBe("SERVER_ROUTE_NOT_FOUND");
      }
      const signedOut = await built!.inject("/api/v1/customers/nothing-here");
      expect(signedOut.statusCode).toBe(401);
      expect(signedOut.json().code).toBe("ACCESS_NOT_SIGNED_IN");
    });

    it("says how to build the app when there is no build, in the reader's language, and keeps serving the API", async () => {
      const zh = await missing!.inject("/");
      expect(zh.statusCode).toBe(503);
      expect(zh.headers["content-type"]).toMatch(/^text\/plain/);
      expect(zh.body).toContain("npm run build -w packages/web");
      expect(zh.body).toContain("尚未构建");
      const en = await missing!.inject({ url: "/customers", headers: { "accept-language": "en" } });
      expect(en.body).toContain("is not built");
      expect((await missing!.inject("/healthz")).json()).toEqual({ status: "ok" });
      expect((await missing!.inject("/api/nothing-here")).statusCode).toBe(404);
    });
  });
}
