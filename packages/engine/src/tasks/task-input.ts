/**
 * What task generation needs from the database, as of a day: every customer's owner, type,
 * region, birthday, last contact and last purchase with the latest analysis run's churn scores;
 * the invoices overdue; recent detractor and low-satisfaction answers; complaints still open; the
 * sales users who take customers without an owner.
 */
import {
  type Assignee,
  LOW_SATISFACTION_MAX,
  type OpenComplaint,
  type OverdueInvoice,
  type SurveyAnswer,
  type TaskCustomers,
  WARNING_LEVELS,
} from "@custra/core";
import { type DbHandle, invoiceBalances } from "@custra/db";
import { sql } from "kysely";
import { isPurchase, shiftDays } from "../analyze/summary.ts";

/** Detractor and low-satisfaction answers older than this are history, not a follow-up to make now. */
export const DETRACTOR_LOOKBACK_DAYS = 30;

/** Customer types as the customers table holds them; anything else is unknown. */
const CUSTOMER_TYPES = ["individual", "enterprise"] as const;

/** The churn warning levels whose customers get win-backs, and so the only ones whose reasons are wanted. */
const WARNED_LEVELS = ["warning", "critical"] as const;

/**
 * `column`'s position in `values` as a DOUBLE, NULL when it is none of them: repeating text (a
 * warning level, a grade) fetched as a number, since a million strings cost about half a second.
 */
export function positionIn(handle: DbHandle, column: string, values: readonly string[]) {
  return sql`CAST(CASE ${sql.raw(column)} ${sql.join(
    values.map((value, k) => sql`WHEN ${value} THEN ${sql.lit(k)}`),
    sql` `,
  )} END AS ${sql.raw(handle.sqlTypes.double)})`;
}

export interface TaskCustomerColumns extends TaskCustomers {
  readonly ids: Float64Array;
}

/**
 * Every customer, in id order, with the scores of `analysisRunId` where the customer was scored
 * (customers added since have none: no win-back for them yet).
 */
export async function loadTaskCustomers(
  handle: DbHandle,
  asOf: string,
  analysisRunId: number | undefined,
): Promise<TaskCustomerColumns> {
  const double = sql.raw(handle.sqlTypes.double);
  const ts = sql.raw(handle.sqlTypes.timestamp);
  const endOfDay = sql`CAST(${`${shiftDays(asOf, 1)}T00:00:00Z`} AS ${ts})`;
  const epoch = sql`DATE '1970-01-01'`;
  // Text that repeats (owners, warning levels) travels as its number in a list, and booleans as
  // 0/1: a million strings cost about half a second to fetch.
  const owners = (
    await handle.db
      .selectFrom("customers")
      .select("owner")
      .distinct()
      .where("owner", "is not", null)
      .execute()
  ).map((row) => row.owner!);
  // Regions are few (provinces): they travel as positions in their list too.
  const regions = (
    await handle.db
      .selectFrom("customers")
      .select("province")
      .distinct()
      .where("province", "is not", null)
      .execute()
  ).map((row) => row.province!);
  // Churn reasons are lists of a few codes, and a run has a handful of distinct lists (16 on the
  // million-customer demo): they travel the same way, each list's JSON parsed once.
  const reasonTexts = (
    await handle.db
      .selectFrom("customer_scores")
      .select(sql<string>`CAST(churn_reasons AS TEXT)`.as("reasons"))
      .distinct()
      .where("run_id", "=", analysisRunId ?? -1)
      .where("churn_warning", "in", WARNED_LEVELS)
      .where("churn_reasons", "is not", null)
      .execute()
  ).map((row) => row.reasons);
  // Owners are many (200 on the demo): a CASE that long costs a quarter of a second on a million
  // rows, a join with the list next to nothing.
  const ownerList =
    owners.length === 0
      ? sql``
      : sql`LEFT JOIN (VALUES ${sql.join(owners.map((owner, k) => sql`(${owner}, ${sql.lit(k)})`))})
              AS owner_list (name, k) ON owner_list.name = c.owner`;
  const ownerIndex = owners.length === 0 ? sql`NULL` : sql`owner_list.k`;
  const reasonIndex =
    reasonTexts.length === 0
      ? sql`NULL`
      : positionIn(handle, `CAST(s.churn_reasons AS ${handle.sqlTypes.text})`, reasonTexts);
  const query = sql`
    WITH contact AS (
      SELECT customer_id, MAX(occurred_at) AS last_at FROM interactions
      WHERE occurred_at < ${endOfDay} GROUP BY customer_id
    ),
    bought AS (
      SELECT customer_id, MAX(order_date) AS last_on FROM orders
      WHERE order_date <= CAST(${asOf} AS DATE) AND ${isPurchase("orders")}
      GROUP BY customer_id
    )
    SELECT CAST(c.id AS ${double}) AS id, CAST(${ownerIndex} AS ${double}) AS owner,
           ${positionIn(handle, "c.type", CUSTOMER_TYPES)} AS customer_type,
           ${regions.length === 0 ? sql`CAST(NULL AS ${double})` : positionIn(handle, "c.province", regions)} AS region,
           CAST(c.birthday - ${epoch} AS ${double}) AS birthday,
           CAST(CASE WHEN c.birthday_lunar THEN 1 ELSE 0 END AS ${double}) AS birthday_lunar,
           CAST(CAST(i.last_at AS DATE) - ${epoch} AS ${double}) AS last_interaction,
           CAST(b.last_on - ${epoch} AS ${double}) AS last_purchase,
           s.p_alive, s.churn_risk, ${positionIn(handle, "s.churn_warning", WARNING_LEVELS)} AS churn_warning,
           -- Reasons are only shown on win-backs: only those of customers warned are wanted.
           CAST(CASE WHEN s.churn_warning IN (${sql.join(WARNED_LEVELS)}) THEN ${reasonIndex} END AS ${double})
             AS churn_reasons
    FROM customers c
    LEFT JOIN contact i ON i.customer_id = c.id
    LEFT JOIN bought b ON b.customer_id = c.id
    LEFT JOIN customer_scores s ON s.customer_id = c.id AND s.run_id = ${analysisRunId ?? -1}
    ${ownerList}
    ORDER BY c.id`.compile(handle.db);
  const c = (await handle.selectColumns(query)) as unknown as {
    id: Float64Array;
    owner: Float64Array;
    customer_type: Float64Array;
    region: Float64Array;
    birthday: Float64Array;
    birthday_lunar: Float64Array;
    last_interaction: Float64Array;
    last_purchase: Float64Array;
    p_alive: Float64Array;
    churn_risk: Float64Array;
    churn_warning: Float64Array;
    churn_reasons: Float64Array;
  };
  return {
    ids: c.id,
    owner: fromList(c.owner, owners),
    customerType: fromList(c.customer_type, CUSTOMER_TYPES),
    region: fromList(c.region, regions),
    birthDay: c.birthday,
    birthdayLunar: fromList(c.birthday_lunar, [false, true]),
    lastInteractionDay: c.last_interaction,
    lastPurchaseDay: c.last_purchase,
    pAlive: c.p_alive,
    churnRisk: c.churn_risk,
    churnWarning: fromList(c.churn_warning, WARNING_LEVELS),
    churnReasons: fromList(
      c.churn_reasons,
      reasonTexts.map((text) => JSON.parse(text) as string[]),
    ),
  };
}

/** Positions in `values` back to the values; NaN is null. */
function fromList<T>(positions: Float64Array, values: readonly T[]): (T | null)[] {
  const out = new Array<T | null>(positions.length);
  for (let i = 0; i < positions.length; i++) {
    const k = positions[i]!;
    out[i] = Number.isNaN(k) ? null : values[k]!;
  }
  return out;
}

/** Invoices issued by `asOf`, due before it and not paid in full by then (invoiceBalances' rule). */
export async function loadOverdueInvoices(handle: DbHandle, asOf: string): Promise<OverdueInvoice[]> {
  const asOfDate = sql`CAST(${asOf} AS DATE)`;
  const { rows } = await sql<{
    customer_id: number;
    external_id: string;
    due_on: string;
    open_amount: number;
  }>`
    SELECT b.customer_id, b.external_id, CAST(b.due_on AS TEXT) AS due_on,
           CAST(b.amount - b.paid AS ${sql.raw(handle.sqlTypes.double)}) AS open_amount
    FROM ${invoiceBalances(asOf)} b
    WHERE b.issued_on <= ${asOfDate} AND b.due < ${asOfDate} AND b.amount > b.paid`.execute(handle.db);
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    invoiceId: row.external_id,
    dueOn: row.due_on,
    openAmount: Number(row.open_amount),
  }));
}

/**
 * Surveys of the last DETRACTOR_LOOKBACK_DAYS days up to `asOf` that call for a follow-up: an
 * NPS answer of 0–6 (a detractor) or a satisfaction score of 1–2 (LOW_SATISFACTION_MAX), for
 * surveys that ask no NPS. A survey is a customer's answers of one day (one row per item, or one
 * row), scored by their means as the analysis scores it, and named by its first answer's id, so
 * that a survey of five items is followed up once.
 */
export async function loadDetractorAnswers(handle: DbHandle, asOf: string): Promise<SurveyAnswer[]> {
  const double = sql.raw(handle.sqlTypes.double);
  const { rows } = await sql<{
    customer_id: number;
    external_id: string;
    answered_on: string;
    nps: number | null;
    satisfaction: number | null;
  }>`
    SELECT customer_id, MIN(external_id) AS external_id, CAST(answered_on AS TEXT) AS answered_on,
           CAST(AVG(nps) AS ${double}) AS nps, CAST(AVG(satisfaction) AS ${double}) AS satisfaction
    FROM survey_answers
    WHERE answered_on <= CAST(${asOf} AS DATE)
      AND answered_on > CAST(${shiftDays(asOf, -DETRACTOR_LOOKBACK_DAYS)} AS DATE)
    GROUP BY customer_id, answered_on
    HAVING AVG(nps) <= 6 OR AVG(satisfaction) <= ${LOW_SATISFACTION_MAX}
    ORDER BY customer_id, answered_on`.execute(handle.db);
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    answerId: row.external_id,
    answeredOn: row.answered_on,
    nps: row.nps === null ? Number.NaN : Number(row.nps),
    satisfaction: row.satisfaction === null ? Number.NaN : Number(row.satisfaction),
  }));
}

/**
 * The people who take the tasks of customers without an owner (a playbook's assignUnowned): the
 * users whose role is sales, by user name, so that the round robin deals in a stable order.
 */
export async function loadAssignees(handle: DbHandle): Promise<Assignee[]> {
  const rows = await handle.db
    .selectFrom("users")
    .select(["username", "team"])
    .where("role", "=", "sales")
    .orderBy("username")
    .execute();
  return rows.map((row) => ({ name: row.username, team: row.team }));
}

/** Complaints raised by the end of `asOf` and not resolved by then. */
export async function loadOpenComplaints(handle: DbHandle, asOf: string): Promise<OpenComplaint[]> {
  const endOfDay = new Date(`${shiftDays(asOf, 1)}T00:00:00Z`);
  const rows = await handle.db
    .selectFrom("interactions")
    .select(["customer_id", "external_id", "occurred_at"])
    .where("kind", "=", "complaint")
    .where("occurred_at", "<", endOfDay)
    .where((eb) => eb.or([eb("resolved_at", "is", null), eb("resolved_at", ">=", endOfDay)]))
    .execute();
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    interactionId: row.external_id,
    occurredAt: row.occurred_at,
  }));
}
