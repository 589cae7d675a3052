/** `custra interaction log` on each engine: logged and audited; bad input and unknown customers refused. */
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { custra } from "../testing/run-cli.ts";

for (const engine of ENGINES) {
  describe(`custra interaction on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
      const handle = await openDb(db.location);
      try {
        await handle.db.insertInto("customers").values({ code: "C1", name: "杭州茶叶" }).execute();
      } finally {
        await handle.close();
      }
    });
    afterAll(async () => {
      await db?.drop();
    });

    const stored = async () => {
      const handle = await openDb(db.location);
      try {
        const rows = await handle.db
          .selectFrom("interactions")
          .select(["kind", "summary", "occurred_at"])
          .execute();
        const audited = await handle.db
          .selectFrom("audit_log")
          .select("id")
          .where("action", "=", "interaction.log")
          .execute();
        return { rows, audited: audited.length };
      } finally {
        await handle.close();
      }
    };

    it("logs an interaction at the given instant, audited, and says so in the chosen language", async () => {
      const run = await custra([
        "interaction",
        "log",
        "--customer",
        "C1",
        "--kind",
        "complaint",
        "--summary",
        "发货延迟 <b>'; DROP TABLE x; --",
        "--at",
        "2026-01-10T09:30:00+08:00",
        ...at,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("logged interaction #");
      expect(run.stderr).toContain("customer C1, complaint, 2026-01-10T01:30:00.000Z");
      const zh = await custra(
        ["interaction", "log", "--customer", "C1", "--kind", "visit", "--summary", "拜访", ...at],
        "zh-CN",
      );
      expect(zh.code, zh.stderr).toBe(0);
      expect(zh.stderr).toContain("已记录互动 #");
      const { rows, audited } = await stored();
      expect(rows.map((row) => row.summary).sort()).toEqual(["发货延迟 <b>'; DROP TABLE x; --", "拜访"]);
      expect(audited).toBe(2);
    });

    it("refuses an unknown kind (usage), a bad instant or too long a summary and an unknown customer, writing nothing", async () => {
      const log = (...extra: string[]) =>
        custra([
          "interaction",
          "log",
          "--customer",
          "C1",
          "--kind",
          "visit",
          "--summary",
          "x",
          ...extra,
          ...at,
        ]);
      expect(
        (await custra(["interaction", "log", "--customer", "C1", "--kind", "fax", "--summary", "x", ...at]))
          .code,
      ).toBe(2);
      const badAt = await log("--at", "yesterday");
      expect(badAt.code).toBe(1);
      expect(badAt.stderr).toContain("occurredAt");
      const long = await custra([
        "interaction",
        "log",
        "--customer",
        "C1",
        "--kind",
        "visit",
        "--summary",
        "长".repeat(2001),
        ...at,
      ]);
      expect(long.code).toBe(1);
      const unknown = await custra([
        "interaction",
        "log",
        "--customer",
        "NOPE",
        "--kind",
        "visit",
        "--summary",
        "x",
        ...at,
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("NOPE");
      expect((await stored()).rows).toHaveLength(2);
    });
  });
}
