import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = path.join(import.meta.dirname, "..", "..", "cli", "bin", "custra.js");

/** `custra serve` as a real process on a free port; resolves with its URL once it listens. */
async function serve(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, "--lang", "en", "serve", "--port", "0", ...args], {
    env: { ...process.env, CUSTRA_LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${stderr}`)), 60_000);
    child.stderr!.on("data", () => {
      const found = /serving at (http:\/\/\S+)/.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
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
      const missing = await fetch(`${url}/none`, { headers: { "accept-language": "zh-CN" } });
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
