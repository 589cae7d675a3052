import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf, loadCompany, READER } from "../testing/customers.fixture.ts";
import { databaseInfo, migrateDatabase } from "./database.service.ts";

for (const engine of ENGINES) {
  describe(`the database on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await loadCompany(handle);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("tells an administrator what it holds; a reader may not count every customer", async () => {
      await expect(databaseInfo(contextOf(handle, READER))).rejects.toMatchObject({ code: "APP_FORBIDDEN" });
      await expect(migrateDatabase(contextOf(handle, READER))).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
      const info = await databaseInfo(contextOf(handle));
      expect(info).toMatchObject({ engine, location: handle.display });
      expect(info.tables).toMatchObject({ customers: 4, orders: 11 });
      const migrated = await migrateDatabase(contextOf(handle));
      expect(migrated.applied).toEqual([]);
      expect(migrated.engine).toBe(engine);
    });
  });
}
