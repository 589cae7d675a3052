import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, queryAudit, verifyAuditChain } from "./audit.repository.ts";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";
import { tamperWithAuditLog } from "./testing/tamper.ts";

const entry = (n: number) => ({
  actorId: 1,
  actorName: "u1",
  action: "test.append",
  entity: "thing",
  entityId: n,
  details: { n, 名称: "张三" },
});

for (const engine of ENGINES) {
  describe(`audit chain on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("chains concurrent appends without a gap or a shared predecessor", async () => {
      await Promise.all(Array.from({ length: 20 }, (_, n) => appendAudit(handle.db, entry(n))));
      const rows = await handle.db
        .selectFrom("audit_log")
        .select(["id", "prev_hash", "hash"])
        .orderBy("id")
        .execute();
      expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(20);
      expect(await verifyAuditChain(handle.db, 7)).toEqual({ ok: true, entries: 20 });
    });

    it("leaves no trace of an entry whose transaction rolled back", async () => {
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await appendAudit(trx, entry(99));
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, entries: 20 });
      expect(await appendAudit(handle.db, entry(21))).toBe(21);
    });

    it("reads entries back as written, newest first, with filters", async () => {
      const [newest] = await queryAudit(handle.db, { limit: 1 });
      expect(newest).toMatchObject({
        id: 21,
        action: "test.append",
        entityId: "21",
        details: { n: 21, 名称: "张三" },
      });
      expect((await queryAudit(handle.db, { entityId: "3" })).map((e) => e.entityId)).toEqual(["3"]);
      expect((await queryAudit(handle.db, { before: 3 })).map((e) => e.id)).toEqual([2, 1]);
      const inFuture = new Date(Date.now() + 60_000);
      expect(await queryAudit(handle.db, { from: inFuture })).toEqual([]);
    });

    // DuckDB has no triggers (EngineDialect.appendOnlySql): there the chain is the only guard.
    it(
      engine === "postgres"
        ? "refuses to change or remove an entry (a trigger)"
        : "lets an entry be changed, and the chain tells (no triggers on DuckDB)",
      async () => {
        if (engine === "postgres") {
          const attempts = [
            sql`UPDATE audit_log SET actor_name = 'x' WHERE id = 1`,
            sql`DELETE FROM audit_log WHERE id = 1`,
            sql`TRUNCATE audit_log`,
          ];
          for (const attempt of attempts)
            await expect(attempt.execute(handle.db)).rejects.toThrow(/append-only/);
        } else {
          const rollback = new Error("rollback");
          await expect(
            handle.db.transaction().execute(async (trx) => {
              await sql`UPDATE audit_log SET actor_name = 'x' WHERE id = 1`.execute(trx);
              expect(await verifyAuditChain(trx)).toMatchObject({
                ok: false,
                problem: { kind: "edited", id: 1 },
              });
              throw rollback;
            }),
          ).rejects.toBe(rollback);
        }
        expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, entries: 21 });
      },
    );

    it("finds the newest entries removed, and an entry replaced with a recomputed hash", async () => {
      await tamperWithAuditLog(handle, "DELETE FROM audit_log WHERE id = 21");
      expect(await verifyAuditChain(handle.db)).toEqual({
        ok: false,
        entries: 20,
        problem: { kind: "truncated", id: 21 },
      });
      // A hash replaced no longer matches its entry's content (and entry 6 names the old one).
      await tamperWithAuditLog(handle, `UPDATE audit_log SET hash = '${"f".repeat(64)}' WHERE id = 5`);
      expect(await verifyAuditChain(handle.db)).toMatchObject({
        ok: false,
        problem: { kind: "edited", id: 5 },
      });
    });
  });
}
