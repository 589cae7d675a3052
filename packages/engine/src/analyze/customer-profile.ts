import {
  ALL_CUSTOMERS,
  type CustomerScope,
  type CustomerScoresTable,
  type CustomersTable,
  type DbHandle,
  findAnalysisRun,
  visibleCustomer,
} from "@custra/db";
import type { Selectable } from "kysely";

export interface CustomerProfile {
  customer: Omit<Selectable<CustomersTable>, "created_at" | "updated_at">;
  /** The latest analysis run and this customer's scores in it; absent before the first run. */
  run?: { id: number; asOf: string; timeUnit: string; horizon: number; model: string };
  scores?: CustomerScoreView;
}

/** A customer's scores in one run, as the CLI's JSON and the API show them. */
export interface CustomerScoreView {
  pAlive: number | null;
  /** Over the run's horizon. */
  expectedPurchases: number | null;
  expectedSpend: number | null;
  clv: number | null;
  profitability: number | null;
  x: number | null;
  tx: number | null;
  T: number | null;
  monetary: number | null;
  orders: number;
  revenue: number;
  revenue12m: number;
  margin: number;
  recencyDays: number | null;
  rfm: { r: number | null; f: number | null; m: number | null; segment: string | null; class: string | null };
  abcClass: string | null;
  valueTier: string | null;
  behaviourStatus: string | null;
  lifecycleStage: string | null;
  creditGrade: string | null;
  creditScore: number | null;
  churnRisk: number | null;
  churnWarning: string | null;
  churnReasons: string[];
  npsCategory: string | null;
  loyalty: number | null;
}

/** A customer_scores row as the readers see it. */
export function customerScoreView(row: Selectable<CustomerScoresTable>): CustomerScoreView {
  return {
    pAlive: row.p_alive,
    expectedPurchases: row.expected_purchases,
    expectedSpend: row.expected_spend,
    clv: row.clv,
    profitability: row.profitability,
    x: row.x,
    tx: row.t_x,
    T: row.age,
    monetary: row.monetary,
    orders: row.orders,
    revenue: row.revenue,
    revenue12m: row.revenue_12m,
    margin: row.margin,
    recencyDays: row.recency_days,
    rfm: { r: row.r_score, f: row.f_score, m: row.m_score, segment: row.rfm_segment, class: row.rfm_class },
    abcClass: row.abc_class,
    valueTier: row.value_tier,
    behaviourStatus: row.behaviour_status,
    lifecycleStage: row.lifecycle_stage,
    creditGrade: row.credit_grade,
    creditScore: row.credit_score,
    churnRisk: row.churn_risk,
    churnWarning: row.churn_warning,
    churnReasons: row.churn_reasons ?? [],
    npsCategory: row.nps_category,
    loyalty: row.loyalty,
  };
}

/**
 * A customer by code with its scores from the latest analysis run (or `runId`'s); undefined when
 * there is no such customer or it is outside `scope` (the two are never told apart).
 */
export async function customerProfile(
  handle: DbHandle,
  code: string,
  options: { scope?: CustomerScope; runId?: number } = {},
): Promise<CustomerProfile | undefined> {
  const customer = await handle.db
    .selectFrom("customers")
    .select([
      "id",
      "code",
      "name",
      "type",
      "industry",
      "province",
      "city",
      "country",
      "gender",
      "address",
      "phone",
      "email",
      "birthday",
      "birthday_lunar",
      "registered_on",
      "owner",
      "needs_type",
      "tags",
      "attributes",
      "credit_limit",
    ])
    .where("code", "=", code)
    .where(
      visibleCustomer(options.scope ?? ALL_CUSTOMERS, "customers.id", "read", {
        ownerColumn: "customers.owner",
      }),
    )
    .executeTakeFirst();
  if (!customer) return undefined;
  const run = await findAnalysisRun(handle.db, options.runId);
  if (!run) return { customer };
  const scores = await handle.db
    .selectFrom("customer_scores")
    .selectAll()
    .where("run_id", "=", run.id)
    .where("customer_id", "=", customer.id)
    .executeTakeFirst();
  return {
    customer,
    run: { id: run.id, asOf: run.asOf, timeUnit: run.timeUnit, horizon: run.horizon, model: run.model },
    scores: scores ? customerScoreView(scores) : undefined,
  };
}
