import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

describe("the data version on duckdb", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb("duckdb");
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** Whether `work` moved the version. */
  const moves = async (work: () => Promise<unknown>) => {
    const before = handle.dataVersion()!;
    await work().catch(() => {});
    return handle.dataVersion()! !== before;
  };

  it("moves with each write of data, through the builder, raw SQL and bulk loads", async () => {
    expect(await moves(() => handle.db.insertInto("users").values({ username: "a" }).execute())).toBe(true);
    expect(await moves(() => handle.db.updateTable("users").set({ display_name: "A" }).execute())).toBe(true);
    expect(await moves(() => sql`UPDATE users SET display_name = 'B'`.execute(handle.db))).toBe(true);
    expect(await moves(() => handle.bulkLoad("users", ["username"], [["b"]]))).toBe(true);
    expect(await moves(() => handle.db.deleteFrom("users").where("username", "=", "b").execute())).toBe(true);
  });

  it("stays for reads, on the writer and on the read connections", async () => {
    expect(await moves(() => handle.db.selectFrom("users").selectAll().execute())).toBe(false);
    expect(await moves(() => sql`SELECT count(*) FROM users`.execute(handle.db))).toBe(false);
    expect(await moves(() => handle.read.selectFrom("users").selectAll().execute())).toBe(false);
    expect(await moves(() => handle.selectColumns(sql`SELECT username FROM users`.compile(handle.db)))).toBe(
      false,
    );
  });

  it("stays for the audit log and a sign-in's last-seen time, and moves when a session ends", async () => {
    expect(
      await moves(() =>
        handle.db
          .insertInto("audit_log")
          .values({ action: "test", entity: "user", hash: "h", prev_hash: "p" } as never)
          .execute(),
      ),
    ).toBe(false);
    expect(
      await moves(() => handle.db.updateTable("sessions").set({ last_seen_at: new Date() }).execute()),
    ).toBe(false);
    expect(
      await moves(() => handle.db.updateTable("api_tokens").set({ last_used_at: new Date() }).execute()),
    ).toBe(false);
    // A signed-in actor is cached: ending a session must retire it.
    expect(
      await moves(() =>
        handle.db.updateTable("sessions").set({ last_seen_at: new Date(), revoked_at: new Date() }).execute(),
      ),
    ).toBe(true);
  });

  it("moves when a transaction that wrote commits, not before and not on a rollback", async () => {
    const before = handle.dataVersion();
    let during: number | undefined;
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto("users").values({ username: "c" }).execute();
      during = handle.dataVersion();
    });
    // A read cached during the transaction saw the data before it: it must not outlive the commit.
    expect(during).toBe(before);
    expect(handle.dataVersion()).not.toBe(before);

    const beforeRollback = handle.dataVersion();
    await handle.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("users").values({ username: "d" }).execute();
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(handle.dataVersion()).toBe(beforeRollback);
    expect(
      await moves(() =>
        handle.db.transaction().execute((trx) => trx.selectFrom("users").selectAll().execute()),
      ),
    ).toBe(false);
  });
});

for (const engine of ENGINES.filter((e) => e === "postgres")) {
  it(`has no data version on ${engine}, where other processes write unseen`, async () => {
    const handle = await openTestDb(engine);
    try {
      expect(handle.dataVersion()).toBeUndefined();
    } finally {
      await handle.close();
    }
  });
}
