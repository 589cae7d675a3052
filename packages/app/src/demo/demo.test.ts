import type { DbHandle } from "@custra/db";
import { tableCounts } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf } from "../errors/error-outcomes.ts";
import { contextOf, READER } from "../testing/customers.fixture.ts";
import { createDemoCompany } from "./demo.service.ts";

for (const engine of ENGINES) {
  describe(`the demo company on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("is created only by a role that may import, and only into an empty database", async () => {
      await expect(createDemoCompany(contextOf(handle, READER), { customers: 20 })).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "import" },
      });
      await expect(createDemoCompany(contextOf(handle), { customers: 0 })).rejects.toMatchObject({
        code: "APP_INVALID_INPUT",
      });
      expect((await tableCounts(handle)).customers ?? 0).toBe(0);

      const generated: number[] = [];
      const result = await createDemoCompany(
        contextOf(handle),
        { customers: 20, seed: 3, asOf: "2026-06-30" },
        { onGenerate: (done) => generated.push(done) },
      );
      expect(result).toMatchObject({ customers: 20, seed: 3, asOf: "2026-06-30", target: handle.display });
      expect(result.rows.customers).toBe(20);
      expect(generated.at(-1)).toBe(20);
      const counts = await tableCounts(handle);
      expect(counts.customers).toBe(20);
      expect(counts.orders).toBe(result.rows.orders);

      const again = await createDemoCompany(contextOf(handle), { customers: 20 }).catch(
        (error: unknown) => error,
      );
      expect(again).toMatchObject({ code: "DEMO_NOT_EMPTY", params: { count: 20 } });
      expect(outcomeOf((again as { code: string }).code).status).toBe(409);
      expect((await tableCounts(handle)).customers).toBe(20);
    });
  });
}
