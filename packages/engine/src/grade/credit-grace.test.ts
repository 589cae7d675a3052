/**
 * Credit that a grace period can survive (issue 9, A9), from invoices and payments to grades, on
 * each engine: the analysis's summary (SQL) and credit grades, written as an analysis run, then
 * graded with the `credit` and `value` schemes. (The run is written from the summary rather than
 * by a whole analysis so that no model fit on seven customers comes into it.)
 * Each customer has one awkward payment history, as of 2026-06-30:
 *
 * | code | invoices | days late | on time | credit | credit scheme |
 * |---|---|---|---|---|---|
 * | G1 | one, paid a day after its due date | 1 | 1/1 (grace) | good | good |
 * | G2 | a cash sale: due on issue, paid on issue; one due before its issue, paid on issue | 0 | 2/2 | good | good |
 * | G3 | four, each paid 20 days late | 20 | 0/4 | fair | fair |
 * | G4 | one open, due 2026-03-01 | 121 | 0/1 | poor | risky, flagged |
 * | G5 | one paid 78 days late | 78 | 0/1 | poor | risky |
 * | G6 | none | – | – | unrated | fair |
 * | G7 | one open, due 3 days ago (within grace); a credit note | 3 | 1/1 | good | good, not flagged |
 */

import { creditGrades } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSummary } from "../analyze/summary.ts";
import { insertAnalysisRun, insertCustomers } from "./grade.fixture.ts";
import { gradeRun } from "./grade-run.ts";

const AS_OF = "2026-06-30";
const CODES = ["G1", "G2", "G3", "G4", "G5", "G6", "G7"];
/** One order each; revenue decides the value grades: G1 the biggest, then G4, G5, … */
const REVENUE: Record<string, number> = {
  G1: 10000,
  G4: 9000,
  G5: 8000,
  G2: 7000,
  G3: 6000,
  G7: 5000,
  G6: 4000,
};

async function loadCompany(handle: DbHandle): Promise<Map<string, number>> {
  const ids = await insertCustomers(
    handle,
    CODES.map((code) => ({ code })),
  );
  const owned = (code: string, externalId: string) => ({
    customer_id: ids.get(code)!,
    external_id: externalId,
  });
  await handle.db
    .insertInto("orders")
    .values(
      CODES.map((code) => ({
        ...owned(code, `O-${code}`),
        order_date: "2026-01-15",
        amount: REVENUE[code]!,
        status: "completed",
      })),
    )
    .execute();
  const invoice = (code: string, id: string, issued: string, due: string, amount = 1000) => ({
    ...owned(code, id),
    issued_on: issued,
    due_on: due,
    amount,
  });
  await handle.db
    .insertInto("invoices")
    .values([
      invoice("G1", "I-G1", "2026-04-01", "2026-05-01"),
      invoice("G2", "I-G2a", "2026-05-10", "2026-05-10"),
      // Exported with a due date before the day of issue: due on issue, paid that day.
      invoice("G2", "I-G2b", "2026-05-20", "2026-05-19"),
      invoice("G3", "I-G3a", "2026-01-01", "2026-01-31"),
      invoice("G3", "I-G3b", "2026-02-01", "2026-02-28"),
      invoice("G3", "I-G3c", "2026-03-01", "2026-03-31"),
      invoice("G3", "I-G3d", "2026-04-01", "2026-04-30"),
      invoice("G4", "I-G4", "2026-02-01", "2026-03-01"),
      invoice("G5", "I-G5", "2025-12-01", "2026-01-01"),
      invoice("G7", "I-G7", "2026-05-27", "2026-06-27"),
      // A credit note is not owed: never late, never overdue.
      invoice("G7", "I-G7c", "2026-01-05", "2026-01-05", -200),
    ])
    .execute();
  const payment = (code: string, id: string, invoiceId: string, paidOn: string, amount = 1000) => ({
    ...owned(code, id),
    invoice_external_id: invoiceId,
    paid_on: paidOn,
    amount,
  });
  await handle.db
    .insertInto("payments")
    .values([
      payment("G1", "P-G1", "I-G1", "2026-05-02"),
      payment("G2", "P-G2a", "I-G2a", "2026-05-10"),
      payment("G2", "P-G2b", "I-G2b", "2026-05-20"),
      payment("G3", "P-G3a", "I-G3a", "2026-02-20"),
      payment("G3", "P-G3b", "I-G3b", "2026-03-20"),
      payment("G3", "P-G3c", "I-G3c", "2026-04-20"),
      payment("G3", "P-G3d", "I-G3d", "2026-05-20"),
      // G4 paid 300 of 1 000: 700 is open.
      payment("G4", "P-G4", "I-G4", "2026-03-10", 300),
      // G6 names G4's invoice: a payment pays only its own customer's invoices, so G4's 700 stays
      // open and G6, with no invoice of its own, stays unrated.
      payment("G6", "P-G6", "I-G4", "2026-03-15", 700),
      payment("G5", "P-G5", "I-G5", "2026-03-20"),
    ])
    .execute();
  return ids;
}

for (const engine of ENGINES) {
  describe(`credit with a grace period on ${engine}`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;
    let analysisRunId: number;
    let facts: Record<string, { onTime: number | null; daysLate: number; overdue: number; credit: string }>;
    /** A grade run's grade and flags by customer code. */
    const gradesOf = async (gradeRunId: number) => {
      const rows = await handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select(["c.code", "g.grade", "g.score_grade", "g.flags"])
        .where("g.grade_run_id", "=", gradeRunId)
        .execute();
      const flags = (value: unknown) =>
        value === null ? [] : ((typeof value === "string" ? JSON.parse(value) : value) as string[]);
      return Object.fromEntries(
        rows.map((row) => [
          row.code,
          { grade: row.grade, scoreGrade: row.score_grade, flags: flags(row.flags) },
        ]),
      );
    };

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await loadCompany(handle);
      const summary = await customerSummary(handle, { asOf: AS_OF, timeUnit: "week" });
      const credit = creditGrades({
        invoiceCount: summary.invoices,
        onTimeShare: summary.onTimeShare,
        maxDaysPastDue: summary.maxDaysPastDue,
        overdueAmount: summary.overdueAmount,
        creditLimit: summary.creditLimit,
      });
      facts = {};
      const scores = summary.code.map((code, i) => {
        const onTime = summary.onTimeShare[i]!;
        facts[code] = {
          onTime: Number.isNaN(onTime) ? null : onTime,
          daysLate: summary.maxDaysPastDue[i]!,
          overdue: summary.overdueAmount[i]!,
          credit: credit.grades[i]!,
        };
        return {
          code,
          revenue: summary.revenue[i]!,
          orders: summary.orders[i]!,
          recency_days: summary.recencyDays[i]!,
          on_time_share: Number.isNaN(onTime) ? null : onTime,
          max_days_past_due: summary.maxDaysPastDue[i]!,
          overdue_amount: summary.overdueAmount[i]!,
          credit_grade: credit.grades[i]!,
          credit_score: Number.isNaN(credit.scores[i]!) ? null : credit.scores[i]!,
        };
      });
      analysisRunId = await insertAnalysisRun(handle, ids, AS_OF, scores);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("counts payments within the grace period and cash sales as on time, and rates late payers fair or poor", async () => {
      const byCode = facts;
      expect(byCode).toEqual({
        G1: { onTime: 1, daysLate: 1, overdue: 0, credit: "good" },
        G2: { onTime: 1, daysLate: 0, overdue: 0, credit: "good" },
        G3: { onTime: 0, daysLate: 20, overdue: 0, credit: "fair" },
        G4: { onTime: 0, daysLate: 121, overdue: 700, credit: "poor" },
        G5: { onTime: 0, daysLate: 78, overdue: 0, credit: "poor" },
        G6: { onTime: null, daysLate: 0, overdue: 0, credit: "unrated" },
        G7: { onTime: 1, daysLate: 3, overdue: 0, credit: "good" },
      });
    });

    it("grades with the credit scheme: good, fair and risky all reached", async () => {
      const report = await gradeRun(handle, { scheme: "credit", analysisRunId });
      const grades = await gradesOf(report.gradeRunId!);
      expect(Object.fromEntries(CODES.map((code) => [code, grades[code]!.grade]))).toEqual({
        G1: "good",
        G2: "good",
        G3: "fair",
        G4: "risky",
        G5: "risky",
        G6: "fair",
        G7: "good",
      });
      // Collection only for what is past the grace period.
      expect(CODES.filter((code) => grades[code]!.flags.includes("overdue"))).toEqual(["G4"]);
    });

    it("caps only the poor payers' value grade: one invoice a day late keeps G1 at A", async () => {
      const report = await gradeRun(handle, { scheme: "value", analysisRunId });
      const grades = await gradesOf(report.gradeRunId!);
      expect(grades.G1).toMatchObject({ grade: "A", scoreGrade: "A" });
      // G4 and G5 come next by value and are capped at C for poor credit.
      expect(grades.G4!.scoreGrade).toBe("B");
      expect(grades.G4!.grade).toBe("C");
      for (const code of ["G1", "G2", "G3", "G6", "G7"])
        expect(grades[code]!.grade).toBe(grades[code]!.scoreGrade);
      expect(ids.size).toBe(CODES.length);
    });
  });
}
