import { type DbHandle, verifyAuditChain } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READER } from "../testing/customers.fixture.ts";
import type { Actor } from "./actor.ts";
import { auditPersonalView } from "./personal-views.ts";

for (const engine of ENGINES) {
  describe(`audited personal views on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("writes every view of many at once, each chained to the one before, before answering", async () => {
      const viewer: Actor = { ...READER, userId: 7, username: "viewer" };
      const ctx = { handle, actor: viewer };
      const views = Array.from({ length: 25 }, (_, k) =>
        auditPersonalView(ctx, "detail", [k + 1], "customer.show"),
      );
      expect(await Promise.all(views)).toEqual(views.map(() => true));
      const rows = await handle.db
        .selectFrom("audit_log")
        .select(["id", "entity_id", "actor_name"])
        .where("action", "=", "customer.view_personal")
        .orderBy("id")
        .execute();
      expect(rows.map((row) => Number(row.entity_id)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 25 }, (_, k) => k + 1),
      );
      expect(new Set(rows.map((row) => Number(row.id))).size).toBe(25);
      expect(rows.every((row) => row.actor_name === "viewer")).toBe(true);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it("records nothing for a reader who is not shown the fields", async () => {
      const masked: Actor = { ...READER, personalFields: { list: "mask", detail: "mask" } };
      expect(await auditPersonalView({ handle, actor: masked }, "detail", [1], "customer.show")).toBe(false);
    });
  });
}
