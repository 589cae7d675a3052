/**
 * Test fixtures for grading and task generation: customers and analysis runs written straight
 * into the tables with chosen values, so that every score, grade and task of a test can be
 * worked out by hand.
 */
import type { CustomerScoresTable, CustomersTable, Database, DbHandle } from "@custra/db";
import type { Insertable } from "kysely";

export type CustomerRow = Omit<Insertable<CustomersTable>, "code"> & { code: string };

/** Inserts customers and returns their ids by code. */
export async function insertCustomers(
  handle: DbHandle,
  customers: readonly CustomerRow[],
): Promise<Map<string, number>> {
  await handle.db
    .insertInto("customers")
    .values(customers.map((customer) => ({ name: `客户 ${customer.code}`, ...customer })))
    .execute();
  const rows = await handle.db
    .selectFrom("customers")
    .select(["id", "code"])
    .where(
      "code",
      "in",
      customers.map((customer) => customer.code),
    )
    .execute();
  return new Map(rows.map((row) => [row.code, Number(row.id)]));
}

/** A customer's scores in a run; the NOT NULL columns default to 0, everything else to NULL. */
export type ScoreRow = { code: string } & Partial<
  Omit<Insertable<CustomerScoresTable>, "run_id" | "customer_id" | "churn_reasons">
> & { churn_reasons?: string[] };

/** An analysis run as of `asOf` with one customer_scores row per entry; returns the run id. */
export async function insertAnalysisRun(
  handle: DbHandle,
  ids: ReadonlyMap<string, number>,
  asOf: string,
  scores: readonly ScoreRow[],
): Promise<number> {
  const run = await handle.db
    .insertInto("analysis_runs")
    .values({
      as_of: asOf,
      time_unit: "week",
      horizon: 52,
      model: "bgnbd",
      discount_rate: 0.1,
      customers: scores.length,
      report: "{}",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const runId = Number(run.id);
  if (scores.length > 0) {
    await handle.db
      .insertInto("customer_scores")
      .values(
        scores.map(({ code, churn_reasons, ...values }) => {
          const customerId = ids.get(code);
          if (customerId === undefined) throw new Error(`fixture: no customer ${code}`);
          return {
            orders: 0,
            revenue: 0,
            revenue_12m: 0,
            margin: 0,
            ...values,
            ...(churn_reasons ? { churn_reasons: JSON.stringify(churn_reasons) } : {}),
            run_id: runId,
            customer_id: customerId,
          };
        }),
      )
      .execute();
  }
  return runId;
}

/** Rows in a table. */
export async function countRows(handle: DbHandle, table: keyof Database): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A JSON column as either engine returns it (parsed, or as text). */
export function parsed<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
