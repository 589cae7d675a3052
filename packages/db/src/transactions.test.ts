import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

for (const engine of ENGINES) {
  describe(`transactions on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });
    beforeEach(async () => {
      await handle.db.deleteFrom("users").execute();
    });

    const usernames = async () =>
      (await handle.db.selectFrom("users").select("username").orderBy("username").execute()).map(
        (r) => r.username,
      );

    it("commits", async () => {
      await handle.db.transaction().execute(async (trx) => {
        await trx.insertInto("users").values({ username: "a" }).execute();
        await trx.insertInto("users").values({ username: "b" }).execute();
      });
      expect(await usernames()).toEqual(["a", "b"]);
    });

    it("rolls everything back when the work throws", async () => {
      const failing = handle.db.transaction().execute(async (trx) => {
        await trx.insertInto("users").values({ username: "a" }).execute();
        await trx.updateTable("users").set({ team: "x" }).execute();
        throw new Error("boom");
      });
      await expect(failing).rejects.toThrow("boom");
      expect(await usernames()).toEqual([]);
    });

    it("rolls back when a statement fails, and the database stays usable", async () => {
      await handle.db.insertInto("users").values({ username: "kept" }).execute();
      const failing = handle.db.transaction().execute(async (trx) => {
        await trx.insertInto("users").values({ username: "new" }).execute();
        await trx.insertInto("users").values({ username: "kept" }).execute();
      });
      await expect(failing).rejects.toThrow();
      expect(await usernames()).toEqual(["kept"]);
    });

    it("runs concurrent queries and transactions without mixing them up", async () => {
      const work = Array.from({ length: 20 }, (_, i) =>
        i % 4 === 0
          ? handle.db.transaction().execute(async (trx) => {
              await trx
                .insertInto("users")
                .values({ username: `t${i}` })
                .execute();
              return (
                await trx.selectFrom("users").select("username").where("username", "=", `t${i}`).execute()
              ).length;
            })
          : handle.db
              .insertInto("users")
              .values({ username: `q${i}` })
              .execute()
              .then(() => 1),
      );
      expect(await Promise.all(work)).toEqual(Array(20).fill(1));
      expect(await usernames()).toHaveLength(20);
    });
  });
}
