/**
 * The overview's figures on each engine, on a small company whose every figure is worked out by
 * hand: one-time buyers, a net return, a customer who never bought, a returned and a pending
 * order, a customer who stopped long ago and one whose last purchase is too recent to say; and
 * the same for a reader who sees only one owner's customers.
 */
import type { CustomerScope, DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAnalysisRun, insertCustomers } from "./grade.fixture.ts";
import { retention, revenueConcentration, runKpis, valueDistribution } from "./overview.ts";

const AS_OF = "2024-06-30";
const ANA_ONLY: CustomerScope = {
  kind: "limited",
  owners: ["ana"],
  userId: 1,
  departmentId: null,
  today: AS_OF,
};

for (const engine of ENGINES) {
  describe(`structure overview on ${engine}`, () => {
    let handle: DbHandle;
    let runId: number;
    let double: string;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      double = handle.sqlTypes.double;
      const ids = await insertCustomers(handle, [
        { code: "A", owner: "ana" },
        { code: "B", owner: "ana" },
        { code: "C", owner: "bob" },
        { code: "D", owner: "bob" },
        { code: "E", owner: "bob" },
      ]);
      const order = (code: string, n: number, date: string, status = "completed", amount = 100) => ({
        customer_id: ids.get(code)!,
        external_id: `${code}-${n}`,
        order_date: date,
        amount,
        status,
      });
      await handle.db
        .insertInto("orders")
        .values([
          order("A", 1, "2023-07-10"),
          order("A", 2, "2023-08-05"),
          order("A", 3, "2024-06-01"),
          order("A", 4, "2024-06-01"), // a second order the same day: one purchase day
          order("B", 1, "2022-01-15"),
          order("C", 1, "2023-06-20"),
          order("D", 1, "2024-01-03"),
          order("D", 2, "2024-03-10"),
          order("D", 3, "2024-05-05", "pending"),
          order("E", 1, "2023-07-01"),
          order("E", 2, "2023-07-20", "returned"),
          order("E", 3, "2024-07-15"), // after the as-of day
        ])
        .execute();
      runId = await insertAnalysisRun(handle, ids, AS_OF, [
        {
          code: "A",
          orders: 3,
          revenue: 600,
          margin: 120,
          clv: 1000,
          behaviour_status: "active",
          last_nps: 10,
          last_satisfaction: 5,
          overdue_amount: 0,
        },
        {
          code: "B",
          orders: 1,
          revenue: 300,
          margin: 30,
          clv: 100,
          behaviour_status: "potential",
          last_nps: 9,
          last_satisfaction: 3,
          overdue_amount: 50,
        },
        { code: "C", orders: 1, revenue: 100, margin: 10, clv: 0, behaviour_status: "churned", last_nps: 3 },
        { code: "D", orders: 0, revenue: 0, behaviour_status: "potential" },
        { code: "E", orders: 1, revenue: -20, margin: -5, clv: 10, behaviour_status: "churned" },
      ]);
    });
    afterAll(() => handle?.close());

    it("sums the run's key figures over the customers in scope", async () => {
      const all = await runKpis(handle.read, double, { id: runId, asOf: AS_OF });
      expect(all).toMatchObject({
        customers: 5,
        buyers: 4,
        activeShare: 0.25,
        churnRate: 0.5,
        revenue: 980,
        margin: 155,
        predictedValue: 1110,
        npsAnswers: 3,
        csi: 75,
        csiAnswers: 2,
        overdueReceivables: 50,
      });
      expect(all.nps).toBeCloseTo(((2 - 1) / 3) * 100, 10);
      expect(await runKpis(handle.read, double, { id: runId, asOf: AS_OF }, ANA_ONLY)).toMatchObject({
        customers: 2,
        buyers: 2,
        activeShare: 0.5,
        churnRate: 0,
        revenue: 900,
        predictedValue: 1100,
        nps: 100,
        overdueReceivables: 50,
      });
    });

    it("draws the Lorenz curve, the Gini coefficient and the top 20 %'s share of revenue", async () => {
      // Buyers from the smallest: E (a net return: 0), C 100, B 300, A 600.
      const all = await revenueConcentration(handle.read, double, runId);
      expect(all.buyers).toBe(4);
      expect(all.lorenz).toEqual([
        { customerShare: 0, revenueShare: 0 },
        { customerShare: 0.25, revenueShare: 0 },
        { customerShare: 0.5, revenueShare: 0.1 },
        { customerShare: 0.75, revenueShare: 0.4 },
        { customerShare: 1, revenueShare: 1 },
      ]);
      // 2·(1·0 + 2·100 + 3·300 + 4·600) / (4·1000) − 5/4
      expect(all.gini).toBeCloseTo(0.5, 12);
      expect(all.top20Share).toBeCloseTo(0.6, 12);
      const ana = await revenueConcentration(handle.read, double, runId, ANA_ONLY);
      expect(ana.buyers).toBe(2);
      expect(ana.gini).toBeCloseTo((2 * (300 + 2 * 600)) / (2 * 900) - 3 / 2, 12);
      expect(ana.top20Share).toBeCloseTo(600 / 900, 12);
    });

    it("bins the predicted value up to its 99th percentile, the rest in one last bin", async () => {
      // Values 0, 10, 100, 1000: the 99th percentile (by position) is 100, bins 5 wide.
      const spread = await valueDistribution(handle.read, double, runId);
      expect(spread.customers).toBe(4);
      expect(spread.bins).toHaveLength(21);
      expect(spread.bins[0]).toEqual({ from: 0, to: 5, customers: 1 });
      expect(spread.bins[2]).toEqual({ from: 10, to: 15, customers: 1 });
      expect(spread.bins[20]).toEqual({ from: 100, to: 1000, customers: 2 });
      expect(spread.bins.reduce((sum, bin) => sum + bin.customers, 0)).toBe(4);
      expect((await valueDistribution(handle.read, double, runId, ANA_ONLY)).customers).toBe(2);
    });

    it("follows each month's new buyers and counts the customers who stopped, by the analysis's rules", async () => {
      // A run written without a report: computed from the purchases, as for a limited reader.
      const all = await retention(handle.read, { id: runId, asOf: AS_OF });
      expect(all.cohorts.map((cohort) => cohort.month)).toEqual([
        "2023-07",
        "2023-08",
        "2023-09",
        "2023-10",
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
        "2024-03",
        "2024-04",
        "2024-05",
        "2024-06",
      ]);
      // 2023-07: A and E (E's return is no purchase); A comes back in August and in June.
      expect(all.cohorts[0]).toEqual({
        month: "2023-07",
        customers: 2,
        retained: [1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5],
      });
      expect(all.cohorts[1]).toEqual({ month: "2023-08", customers: 0, retained: new Array(11).fill(null) });
      // 2024-01: D, again in March; its pending May order is no purchase.
      expect(all.cohorts[6]).toEqual({ month: "2024-01", customers: 1, retained: [1, 0, 1, 0, 0, 0] });
      expect(all.cohorts.reduce((sum, cohort) => sum + cohort.customers, 0)).toBe(3);

      // Stopped (no purchase for more than 3 months), counted in the month after the last
      // purchase: B in 2022-02, C in 2023-07, E in 2023-08; A bought in June, D in March (3 months
      // before the as-of month: not yet).
      expect(all.churn.map(({ month, customers, churned }) => [month, customers, churned])).toEqual([
        ["2023-07", 1, 1],
        ["2023-08", 2, 1],
        ["2023-09", 1, 0],
        ["2023-10", 1, 0],
        ["2023-11", 1, 0],
        ["2023-12", 1, 0],
        ["2024-01", 1, 0],
        ["2024-02", 2, 0],
        ["2024-03", 2, 0],
        ["2024-04", 2, 0],
        ["2024-05", 2, 0],
        ["2024-06", 2, 0],
      ]);
      expect(all.churn.map((row) => row.rate).slice(0, 3)).toEqual([1, 0.5, 0]);
      expect(all.churn.map((row) => row.complete)).toEqual([...new Array(9).fill(true), false, false, false]);

      const ana = await retention(handle.read, { id: runId, asOf: AS_OF }, ANA_ONLY);
      expect(ana.cohorts[0]).toEqual({
        month: "2023-07",
        customers: 1,
        retained: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      });
      expect(ana.churn[0]).toEqual({
        month: "2023-07",
        customers: 0,
        churned: 0,
        rate: null,
        complete: true,
      });
      expect(ana.churn.slice(1).every(({ customers, churned }) => customers === 1 && churned === 0)).toBe(
        true,
      );
    });
  });
}
