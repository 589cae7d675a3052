/**
 * `custra grade` tells the user when a dimension of the scheme told no customer apart (issue 9,
 * A2), in both languages and in --json, on each engine. The analysis run is written straight into
 * the tables: twenty one-time buyers whose predicted value is the same for everyone.
 */
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { custra, json } from "../testing/run-cli.ts";

const N = 20;

/** Customers U01 … U20 bought once, for 100 … 2 000; the CLV is 80 for everyone. */
async function writeCompany(location: string): Promise<void> {
  const handle = await openDb(location);
  try {
    const codes = Array.from({ length: N }, (_, i) => `U${String(i + 1).padStart(2, "0")}`);
    await handle.db
      .insertInto("customers")
      .values(codes.map((code) => ({ code, name: `客户 ${code}` })))
      .execute();
    const customers = await handle.db
      .selectFrom("customers")
      .select(["id", "code"])
      .orderBy("code")
      .execute();
    const run = await handle.db
      .insertInto("analysis_runs")
      .values({
        as_of: "2026-06-30",
        time_unit: "week",
        horizon: 52,
        model: "bgnbd",
        discount_rate: 0.1,
        customers: N,
        report: "{}",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("customer_scores")
      .values(
        customers.map((customer, i) => ({
          run_id: Number(run.id),
          customer_id: Number(customer.id),
          revenue: 100 * (i + 1),
          revenue_12m: 100 * (i + 1),
          margin: 30 * (i + 1),
          orders: 1,
          recency_days: 10 * (i + 1),
          clv: 80,
          credit_grade: "good",
        })),
      )
      .execute();
  } finally {
    await handle.close();
  }
}

for (const engine of ENGINES) {
  describe(`custra grade warnings on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
      await writeCompany(db.location);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("prints that CLV and orders told nobody apart, in English and Chinese, and keeps it in --json", async () => {
      const english = await custra(["grade", "--preview", ...at]);
      expect(english.code, english.stderr).toBe(0);
      expect(english.stderr).toContain(
        "warning: Scheme value: the dimension Predicted lifetime value (CLV) (clv) tells no customer apart: every customer has the same value (to one part in a million).",
      );
      expect(english.stderr).toContain(
        "the dimension Orders (purchase frequency) (orders) tells no customer apart",
      );
      const chinese = await custra(["grade", "--preview", ...at], "zh-CN");
      expect(chinese.stderr).toContain(
        "注意：方案 value 的维度“预测客户终身价值（CLV）”（clv）无法区分客户：所有客户的值都相同",
      );

      const report = await json(["grade", ...at]);
      expect(report.warnings).toEqual([
        {
          code: "GRADING_UNINFORMATIVE_DIMENSION",
          params: { scheme: "value", dimension: "clv", reason: "constant" },
        },
        {
          code: "GRADING_UNINFORMATIVE_DIMENSION",
          params: { scheme: "value", dimension: "orders", reason: "constant" },
        },
      ]);
      // The biggest customer leads; the explanation shows CLV left out.
      const explained = await custra(["grade", "explain", "U20", ...at]);
      expect(explained.stdout).toContain("Grade: A · Key customers");
      expect(explained.stdout).toMatch(
        /Predicted lifetime value \(CLV\) +80 +50\.0 \(tells no one apart: left out\) +0\.45 +0\.0\n/,
      );
    });
  });
}
