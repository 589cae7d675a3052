import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServe } from "./testing/serve-process.ts";

const BIN = path.join(import.meta.dirname, "..", "..", "cli", "bin", "custra.js");

/** `custra serve` as a real process on a free port; resolves once it listens. */
function serve(args: string[]) {
  return spawnServe(args, { CUSTRA_LOG_LEVEL: "warn" });
}

for (const engine of ENGINES) {
  describe(`custra serve on ${engine}`, () => {
    let place: TestLocation;
    beforeAll(async () => {
      place = await createTestLocation(engine);
    });
    afterAll(async () => {
      await place?.drop();
    });

    it("serves on a real port and stops cleanly on SIGTERM", async () => {
      const { child, url } = await serve(["--db", place.location]);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(await ready.json()).toEqual({ status: "ok" });
      const missing = await fetch(`${url}/api/none`, { headers: { "accept-language": "zh-CN" } });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { title: string }).title).toBe("未找到");
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    }, 120_000);
  });
}

describe("custra serve with a bad setting", () => {
  it("does not start, and names the setting", async () => {
    const child = spawn(process.execPath, [BIN, "--lang", "en", "serve", "--port", "99999"], {
      env: { ...process.env, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr).toContain("The server setting port has an invalid value “99999”");
  }, 60_000);
});
