import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

for (const engine of ENGINES) {
  describe(`reads beside a writer on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });
    beforeEach(async () => {
      await handle.db.deleteFrom("users").execute();
      await handle.db.insertInto("users").values({ username: "committed" }).execute();
    });

    const readUsernames = async () =>
      (await handle.read.selectFrom("users").select("username").orderBy("username").execute()).map(
        (r) => r.username,
      );

    it("answers while a transaction holds the writer, seeing only committed rows", async () => {
      // If reads went through the writer's connection, this read would wait for the transaction
      // it runs inside of, and the test would time out.
      const seenDuring = await handle.db.transaction().execute(async (trx) => {
        await trx.insertInto("users").values({ username: "uncommitted" }).execute();
        return readUsernames();
      });
      expect(seenDuring).toEqual(["committed"]);
      expect(await readUsernames()).toEqual(["committed", "uncommitted"]);
    });

    it("serves more concurrent reads than it has connections, each with the whole answer", async () => {
      await handle.db
        .insertInto("users")
        .values(Array.from({ length: 50 }, (_, i) => ({ username: `u${String(i).padStart(2, "0")}` })))
        .execute();
      const counts = await Promise.all(
        Array.from({ length: 24 }, () =>
          sql<{ n: number }>`SELECT CAST(count(*) AS INTEGER) AS n FROM users`.execute(handle.read),
        ),
      );
      expect(counts.map((result) => Number(result.rows[0]!.n))).toEqual(Array(24).fill(51));
    });

    it("runs a transaction of reads on one connection", async () => {
      const [before, after] = await handle.read.transaction().execute(async (trx) => {
        const first = await trx.selectFrom("users").select("username").execute();
        const second = await trx.selectFrom("users").select("username").execute();
        return [first.length, second.length];
      });
      expect([before, after]).toEqual([1, 1]);
    });
  });
}
