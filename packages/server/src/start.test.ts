import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadServerConfig } from "./config.ts";
import { startServer } from "./start.ts";

for (const engine of ENGINES) {
  describe(`the first start of an empty installation on ${engine}`, () => {
    let place: TestLocation;
    beforeAll(async () => {
      place = await createTestLocation(engine);
    });
    afterAll(async () => {
      await place?.drop();
    });

    const start = async () => {
      const printed: string[] = [];
      const config = loadServerConfig(
        { db: place.location, port: "0" },
        { CUSTRA_LOG_LEVEL: "silent", CUSTRA_PIPELINE_SCHEDULE: "off" },
      );
      const server = await startServer(config, { log: false, print: (line) => printed.push(line) });
      return { server, printed };
    };

    it("prints a one-time admin password once, which signs in; later starts print nothing", async () => {
      const first = await start();
      try {
        expect(first.server.initialAdmin).toMatchObject({ email: "admin@localhost" });
        const { password } = first.server.initialAdmin!;
        expect(password.length).toBeGreaterThanOrEqual(16);
        expect(first.printed).toHaveLength(1);
        expect(first.printed[0]).toContain("admin@localhost");
        expect(first.printed[0]).toContain(password);
        const login = await fetch(`${first.server.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "admin@localhost", password }),
        });
        expect(login.status).toBe(200);
        expect(((await login.json()) as { user: { role: string } }).user.role).toBe("admin");
      } finally {
        await first.server.close();
      }
      const second = await start();
      try {
        expect(second.server.initialAdmin).toBeNull();
        expect(second.printed).toEqual([]);
      } finally {
        await second.server.close();
      }
    }, 120_000);
  });
}
