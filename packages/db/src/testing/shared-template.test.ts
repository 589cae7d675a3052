import { describe, expect, it } from "vitest";
import type { DbHandle } from "../open.ts";
import { ENGINES, openTestDb } from "./engines.ts";
import { sharedTemplate } from "./shared-template.ts";

const skus = async (handle: DbHandle) =>
  (await handle.db.selectFrom("products").select("sku").orderBy("sku").execute()).map((row) => row.sku);

for (const engine of ENGINES) {
  describe(`a shared test database on ${engine}`, () => {
    it("is built once, and each copy starts with its rows and keeps its own changes", async () => {
      let builds = 0;
      const build = async (handle: DbHandle) => {
        builds += 1;
        await handle.db
          .insertInto("products")
          .values([
            { sku: "A", name: "a" },
            { sku: "B", name: "b" },
          ])
          .execute();
      };
      const key = `template_test_${engine}`;
      const [template, again] = await Promise.all([
        sharedTemplate(engine, key, build),
        sharedTemplate(engine, key, build),
      ]);
      expect(again).toBe(template);
      expect(builds).toBe(1);

      const first = await openTestDb(engine, { template });
      const second = await openTestDb(engine, { template });
      try {
        expect(await skus(first)).toEqual(["A", "B"]);
        await first.db.deleteFrom("products").where("sku", "=", "A").execute();
        await first.db.insertInto("products").values({ sku: "C", name: "c" }).execute();
        expect(await skus(first)).toEqual(["B", "C"]);
        expect(await skus(second)).toEqual(["A", "B"]);
      } finally {
        await first.close();
        await second.close();
      }
    });

    it("rejects with the reason of a build that failed", async () => {
      const key = `template_failing_${engine}`;
      const failing = async () => {
        throw new Error("no demo today");
      };
      await expect(sharedTemplate(engine, key, failing)).rejects.toThrow("no demo today");
    });
  });
}
