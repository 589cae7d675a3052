import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestLocation, type TestLocation } from "../../testing/engines.ts";
import { createPool, overloadAware } from "./index.ts";

describe("a PostgreSQL pool with every connection taken", () => {
  let where: TestLocation;
  beforeAll(async () => {
    where = await createTestLocation("postgres");
  });
  afterAll(async () => {
    await where?.drop();
  });

  it("says so as DB_OVERLOADED, naming the connections and the wait, and serves once one is free", async () => {
    const pool = createPool(where.location, 1, 200);
    const pooled = overloadAware(pool);
    try {
      const held = await pooled.connect();
      await expect(pooled.connect()).rejects.toMatchObject({
        code: "DB_OVERLOADED",
        params: { connections: 1, seconds: 0.2 },
      });
      held.release();
      const next = await pooled.connect();
      expect((await next.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      next.release();
    } finally {
      await pool.end();
    }
  });
});
