import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisRunReport, findAnalysisRun } from "./analysis-runs.repository.ts";
import type { DbHandle } from "./open.ts";
import { isPurchase, isReturn, lastOrderDate } from "./orders.repository.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

for (const engine of ENGINES) {
  describe(`orders and analysis runs repositories on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("says once which orders are purchases and which are returns", async () => {
      expect(await lastOrderDate(handle.db)).toBeUndefined();
      const [customer] = await handle.db
        .insertInto("customers")
        .values({ code: "C1" })
        .returning("id")
        .execute();
      const order = (external_id: string, order_date: string, amount: number, status: string | null) => ({
        customer_id: Number(customer!.id),
        external_id,
        order_date,
        amount,
        status,
      });
      await handle.db
        .insertInto("orders")
        .values([
          order("no-status", "2025-01-01", 10, null),
          order("completed", "2025-02-01", 20, "completed"),
          order("credit-note", "2025-03-01", -5, "completed"),
          order("returned", "2025-04-01", 30, "returned"),
          order("cancelled", "2025-05-01", 40, "cancelled"),
          order("pending", "2025-06-01", 50, "pending"),
        ])
        .execute();
      const ids = async (condition: ReturnType<typeof isPurchase>) =>
        (
          await handle.db
            .selectFrom("orders")
            .select("external_id")
            .where(condition)
            .orderBy("order_date")
            .execute()
        ).map((row) => row.external_id);
      expect(await ids(isPurchase("orders"))).toEqual(["no-status", "completed"]);
      expect(await ids(isReturn("orders"))).toEqual(["credit-note", "returned", "cancelled"]);
      // A pending order is neither: the last order that counts is the cancellation.
      expect(await lastOrderDate(handle.db)).toBe("2025-05-01");
      // The condition also works on an aliased table.
      const { rows } = await sql<{ n: number | bigint }>`
        SELECT COUNT(*) AS n FROM orders o WHERE ${isPurchase("o")}`.execute(handle.db);
      expect(Number(rows[0]!.n)).toBe(2);
    });

    it("finds the given analysis run, else the latest, and nothing when there is none", async () => {
      expect(await findAnalysisRun(handle.db)).toBeUndefined();
      const run = (as_of: string) => ({
        as_of,
        time_unit: "week",
        horizon: 52,
        model: "bgnbd",
        discount_rate: 0.1,
        customers: 1,
        report: JSON.stringify({ asOf: as_of, warnings: [] }),
      });
      const [first] = await handle.db
        .insertInto("analysis_runs")
        .values(run("2025-01-31"))
        .returning("id")
        .execute();
      const [second] = await handle.db
        .insertInto("analysis_runs")
        .values(run("2025-02-28"))
        .returning("id")
        .execute();
      expect(await findAnalysisRun(handle.db)).toMatchObject({
        id: Number(second!.id),
        asOf: "2025-02-28",
        horizon: 52,
      });
      const given = await findAnalysisRun(handle.db, Number(first!.id));
      expect(given).toMatchObject({
        id: Number(first!.id),
        asOf: "2025-01-31",
        model: "bgnbd",
        discountRate: 0.1,
      });
      expect(Number.isNaN(Date.parse(given!.createdAt))).toBe(false);
      expect(await findAnalysisRun(handle.db, Number(second!.id) + 10)).toBeUndefined();
      expect(await analysisRunReport(handle.db, Number(first!.id))).toEqual({
        asOf: "2025-01-31",
        warnings: [],
      });
      expect(await analysisRunReport(handle.db, Number(second!.id) + 10)).toBeUndefined();
    });
  });
}
