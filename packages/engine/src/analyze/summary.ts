/**
 * The per-customer summary every model and rule starts from, computed in SQL by the engine (one
 * pass per source table, grouped by customer) as of a date, and returned as columns.
 *
 * Conventions of the customer-base literature (shared/data/cdnow/README.md): purchases on the same
 * calendar day are one purchase; x = purchase days after the first; t_x = first → last purchase;
 * T = first purchase → as-of date; monetary = mean value of the repeat purchase days. Only orders
 * dated on or before the as-of date count.
 *
 * Who is in the summary: the customers who existed at the as-of date, i.e. registered on or before
 * it, or with an order (of any status) on or before it. A customer registered later, or with no
 * registration date and a first order after the as-of date, did not exist yet: that run neither
 * analyses nor grades them (and a grade migration reports them as new in the run where they
 * appear). Customers without any order and without a registration date stay in, as prospects.
 *
 * Returns rule (the same SQL on both engines):
 * - A purchase is an order with no status or "completed" and an amount ≥ 0. Only purchases make
 *   the frequency (orders, x), first/last purchase, recency and the repeat days of monetary.
 * - A return is an order with status "returned" or "cancelled", or any order with a negative
 *   amount (a credit note or cancellation invoice, as exports such as the UK retailer's write
 *   them). Its amount counts as a positive return amount (`returns`).
 * - Sales are the purchases plus the returned/cancelled orders' own positive amounts (they were
 *   sold, then taken back); revenue = sales − returns, floored at 0 per customer and per window
 *   (last 12 months, the 12 before), because a return can refer to a purchase the window does not
 *   hold (bought before the data starts, or in the previous window). So an order marked returned
 *   nets to 0, and a credit note reduces the customer's purchases.
 * - Monetary is the mean repeat-day purchase value times the share of sales the customer kept
 *   (revenue / sales, in [0, 1]): a customer who returns half of what they buy is worth half per
 *   purchase, and monetary is never negative. Without returns the share is exactly 1 (CDNOW's
 *   published values are unchanged).
 * - Margin is the margin the rows carry for purchases and credit notes; a returned or cancelled
 *   order's margin was never earned. Other statuses (e.g. pending) count for nothing.
 */
import { CREDIT_RULES } from "@custra/core";
import {
  type DbHandle,
  invoiceBalances,
  isPurchase,
  isReturn,
  isReturnStatus,
  isSaleStatus,
  lastOrderDate as lastOrderDateIn,
} from "@custra/db";
import { type RawBuilder, sql } from "kysely";

// Which orders are purchases is the orders repository's rule; re-exported for the engine's other queries.
export { isPurchase };

export type TimeUnit = "day" | "week";

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** One entry per customer, in customer id order; purchase fields are null/0 for customers who never bought. */
export interface CustomerSummary {
  asOf: string;
  timeUnit: TimeUnit;
  count: number;
  customerId: Float64Array;
  code: string[];
  /** Days since 1970-01-01 (see dayToIso); NaN for customers without purchases. */
  firstPurchaseDay: Float64Array;
  lastPurchaseDay: Float64Array;
  /** Model inputs in the time unit; NaN for customers without purchases. */
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean value of the repeat purchase days, net of the customer's returns (0 when x = 0; see the returns rule). */
  monetary: Float64Array;
  /** Purchases (orders that are not returns); revenue is sales net of returns, ≥ 0. */
  orders: Float64Array;
  revenue: Float64Array;
  /** Amount returned or cancelled by the as-of date, as a positive number. */
  returns: Float64Array;
  margin: Float64Array;
  revenue12m: Float64Array;
  revenuePrev12m: Float64Array;
  orders12m: Float64Array;
  ordersPrev12m: Float64Array;
  /** Days since the last purchase (NaN without purchases); tenure in days since the first. */
  recencyDays: Float64Array;
  tenureDays: Float64Array;
  categories: Float64Array;
  /** Categories bought before the last 12 months and not within them. */
  lostCategories: Float64Array;
  creditLimit: Float64Array;
  invoices: Float64Array;
  /**
   * Share of the invoices due by the as-of date that were paid in full by their due date or
   * within the grace period after it (CREDIT_RULES.graceDays), NaN without any.
   */
  onTimeShare: Float64Array;
  /** The longest delay in days of an invoice due by the as-of date, paid late or still open. */
  maxDaysPastDue: Float64Array;
  /** Open amount of the invoices more than the grace period past due. */
  overdueAmount: Float64Array;
  openReceivables: Float64Array;
  /** Latest NPS answer (0–10) and mean satisfaction (1–5) of the latest survey; NaN when none. */
  lastNps: Float64Array;
  lastSatisfaction: Float64Array;
  complaints12m: Float64Array;
  openComplaints: Float64Array;
  interactions12m: Float64Array;
}

/** The summary query's result, one array per column; numbers as Float64Array with NaN for NULL. */
type SummaryColumns = {
  customer_id: Float64Array;
  code: string[];
  credit_limit: Float64Array;
  first_purchase: Float64Array;
  last_purchase: Float64Array;
  purchase_days: Float64Array;
  repeat_value: Float64Array;
  orders: Float64Array;
  sales: Float64Array;
  returns: Float64Array;
  revenue: Float64Array;
  margin: Float64Array;
  revenue_12m: Float64Array;
  revenue_prev_12m: Float64Array;
  orders_12m: Float64Array;
  orders_prev_12m: Float64Array;
  recency_days: Float64Array;
  tenure_days: Float64Array;
  categories: Float64Array;
  lost_categories: Float64Array;
  invoices: Float64Array;
  due_invoices: Float64Array;
  on_time: Float64Array;
  max_days_past_due: Float64Array;
  overdue_amount: Float64Array;
  open_receivables: Float64Array;
  last_nps: Float64Array;
  last_satisfaction: Float64Array;
  complaints_12m: Float64Array;
  open_complaints: Float64Array;
  interactions_12m: Float64Array;
};

export function shiftDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** A day number (days since 1970-01-01, as the summary returns dates) as YYYY-MM-DD. */
export function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The date of the last purchase or return, the default as-of date of an analysis; undefined
 * without orders (the orders repository's, on the handle).
 */
export async function lastOrderDate(handle: DbHandle): Promise<string | undefined> {
  return lastOrderDateIn(handle.db);
}

export async function customerSummary(
  handle: DbHandle,
  options: { asOf: string; timeUnit: TimeUnit; graceDays?: number },
): Promise<CustomerSummary> {
  const { asOf, timeUnit } = options;
  // Days past due that still count as paid on time (see CREDIT_RULES); an integer in the SQL.
  const grace = Math.max(0, Math.floor(options.graceDays ?? CREDIT_RULES.graceDays));
  const yearAgo = shiftDays(asOf, -365);
  const twoYearsAgo = shiftDays(asOf, -730);
  const endOfDay = `${shiftDays(asOf, 1)}T00:00:00Z`;
  const yearAgoInstant = `${shiftDays(asOf, -364)}T00:00:00Z`;
  const asOfDate = sql`CAST(${asOf} AS DATE)`;
  const yearAgoDate = sql`CAST(${yearAgo} AS DATE)`;
  const twoYearsAgoDate = sql`CAST(${twoYearsAgo} AS DATE)`;
  const purchaseBy = (table: string) =>
    sql`(${sql.ref(`${table}.order_date`)} <= ${asOfDate} AND ${isPurchase(table)})`;
  const returnBy = sql`(orders.order_date <= ${asOfDate} AND ${isReturn("orders")})`;
  // Sales: the purchases and the returned/cancelled orders' own amounts (they were sold, then taken back).
  const saleBy = sql`(orders.order_date <= ${asOfDate} AND orders.amount > 0 AND (${isSaleStatus("orders")} OR ${isReturnStatus("orders")}))`;
  const recent = sql`orders.order_date > ${yearAgoDate}`;
  const previous = sql`orders.order_date > ${twoYearsAgoDate} AND orders.order_date <= ${yearAgoDate}`;
  /** Sales − returns of the rows where `when` holds, floored at 0 (the returns rule). */
  const netRevenue = (when: RawBuilder<unknown>) => sql`GREATEST(
      SUM(CASE WHEN ${saleBy} AND ${when} THEN orders.amount ELSE 0 END)
      - SUM(CASE WHEN ${returnBy} AND ${when} THEN ABS(orders.amount) ELSE 0 END), 0)`;
  const ts = handle.sqlTypes.timestamp;
  const endInstant = sql`CAST(${endOfDay} AS ${sql.raw(ts)})`;
  const yearAgoTs = sql`CAST(${yearAgoInstant} AS ${sql.raw(ts)})`;

  // Numbers come back as DOUBLE and dates as day numbers, column by column, the same on both
  // engines (a million dates as text cost ~0.4 s more to fetch than as numbers).
  // Counts and amounts are 0 for customers without such rows; NULL stays only where it means
  // "unknown" (no purchase yet, no credit limit, no survey answer), which also spares the reader
  // a validity check per value.
  const double = sql.raw(handle.sqlTypes.double);
  const query = sql`
    -- Straight from the orders, grouped by customer only: grouping by (customer, day) first made
    -- millions of groups of one order each and took 2.5x as long on DuckDB. All of a customer's
    -- orders are read, later ones too, because the first order of any date tells whether the
    -- customer existed at the as-of date.
    WITH per_customer AS (
      SELECT customer_id,
             MIN(order_date) AS first_order,
             MIN(CASE WHEN ${purchaseBy("orders")} THEN order_date END) AS first_purchase,
             MAX(CASE WHEN ${purchaseBy("orders")} THEN order_date END) AS last_purchase,
             COUNT(DISTINCT CASE WHEN ${purchaseBy("orders")} THEN order_date END) AS purchase_days,
             SUM(CASE WHEN ${purchaseBy("orders")} THEN 1 ELSE 0 END) AS orders,
             SUM(CASE WHEN ${purchaseBy("orders")} THEN amount ELSE 0 END) AS purchased,
             SUM(CASE WHEN ${saleBy} THEN amount ELSE 0 END) AS sales,
             SUM(CASE WHEN ${returnBy} THEN ABS(amount) ELSE 0 END) AS returns,
             ${netRevenue(sql`TRUE`)} AS revenue,
             SUM(CASE WHEN orders.order_date <= ${asOfDate} AND ${isSaleStatus("orders")} THEN COALESCE(margin, 0) ELSE 0 END)
               AS margin,
             ${netRevenue(recent)} AS revenue_12m,
             ${netRevenue(previous)} AS revenue_prev_12m,
             SUM(CASE WHEN ${purchaseBy("orders")} AND ${recent} THEN 1 ELSE 0 END) AS orders_12m,
             SUM(CASE WHEN ${purchaseBy("orders")} AND ${previous} THEN 1 ELSE 0 END) AS orders_prev_12m
      FROM orders
      GROUP BY customer_id
    ),
    -- The first day's value, by a join on (customer, first day); the repeat days' value is then
    -- exact in DECIMAL.
    first_day AS (
      SELECT o.customer_id, SUM(o.amount) AS value
      FROM orders o
      JOIN per_customer c ON c.customer_id = o.customer_id AND o.order_date = c.first_purchase
      WHERE ${purchaseBy("o")}
      GROUP BY o.customer_id
    ),
    category_use AS (
      SELECT l.customer_id, p.category,
             MAX(CASE WHEN o.order_date > ${yearAgoDate} THEN 1 ELSE 0 END) AS recent
      FROM order_lines l
      JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
      JOIN products p ON p.id = l.product_id
      WHERE ${purchaseBy("o")} AND p.category IS NOT NULL
      GROUP BY l.customer_id, p.category
    ),
    categories AS (
      SELECT customer_id, COUNT(*) AS categories, SUM(1 - recent) AS lost_categories
      FROM category_use GROUP BY customer_id
    ),
    -- What each invoice is paid and when it is due: the invoices repository's rule (invoiceBalances).
    -- Invoices of zero or less (credit notes) are not owed.
    invoice_due AS (
      SELECT b.customer_id, b.due, b.amount - b.paid AS open_amount, b.last_paid
      FROM ${invoiceBalances(asOf)} b
      WHERE b.issued_on <= ${asOfDate} AND b.amount > 0
    ),
    -- Days late: from the due date to the last payment of an invoice paid in full by the as-of
    -- date, or to the as-of date for one still open; 0 when paid (or still open) by the due date.
    invoice_state AS (
      SELECT customer_id, due, open_amount,
             CASE WHEN open_amount <= 0 THEN GREATEST(last_paid - due, 0)
                  ELSE GREATEST(${asOfDate} - due, 0) END AS days_late
      FROM invoice_due
    ),
    -- On time = at most the grace period late; the longest delay counts paid and open invoices
    -- alike; overdue = still open and past the grace period (CREDIT_RULES in core).
    receivables AS (
      SELECT customer_id,
             COUNT(*) AS invoices,
             SUM(CASE WHEN due <= ${asOfDate} THEN 1 ELSE 0 END) AS due_invoices,
             SUM(CASE WHEN due <= ${asOfDate} AND days_late <= ${sql.lit(grace)} THEN 1 ELSE 0 END) AS on_time,
             MAX(CASE WHEN due <= ${asOfDate} THEN days_late ELSE 0 END) AS max_days_past_due,
             SUM(CASE WHEN open_amount > 0 AND days_late > ${sql.lit(grace)} THEN open_amount ELSE 0 END) AS overdue_amount,
             SUM(CASE WHEN open_amount > 0 THEN open_amount ELSE 0 END) AS open_receivables
      FROM invoice_state GROUP BY customer_id
    ),
    surveys AS (
      SELECT customer_id, answered_on, nps, satisfaction,
             MAX(answered_on) OVER (PARTITION BY customer_id) AS last_on
      FROM survey_answers WHERE answered_on <= ${asOfDate}
    ),
    latest_survey AS (
      SELECT customer_id, AVG(nps) AS last_nps, AVG(satisfaction) AS last_satisfaction
      FROM surveys WHERE answered_on = last_on GROUP BY customer_id
    ),
    contact AS (
      SELECT customer_id,
             SUM(CASE WHEN kind = 'complaint' AND occurred_at >= ${yearAgoTs} THEN 1 ELSE 0 END) AS complaints_12m,
             SUM(CASE WHEN kind = 'complaint' AND (resolved_at IS NULL OR resolved_at >= ${endInstant}) THEN 1 ELSE 0 END)
               AS open_complaints,
             SUM(CASE WHEN occurred_at >= ${yearAgoTs} THEN 1 ELSE 0 END) AS interactions_12m
      FROM interactions WHERE occurred_at < ${endInstant}
      GROUP BY customer_id
    )
    SELECT c.code,
           CAST(p.first_purchase - DATE '1970-01-01' AS ${double}) AS first_purchase,
           CAST(p.last_purchase - DATE '1970-01-01' AS ${double}) AS last_purchase,
           CAST(c.id AS ${double}) AS customer_id,
           CAST(c.credit_limit AS ${double}) AS credit_limit,
           CAST(COALESCE(p.purchase_days, 0) AS ${double}) AS purchase_days,
           CAST(COALESCE(p.purchased - d.value, 0) AS ${double}) AS repeat_value,
           CAST(COALESCE(p.orders, 0) AS ${double}) AS orders,
           CAST(COALESCE(p.sales, 0) AS ${double}) AS sales,
           CAST(COALESCE(p.returns, 0) AS ${double}) AS returns,
           CAST(COALESCE(p.revenue, 0) AS ${double}) AS revenue,
           CAST(COALESCE(p.margin, 0) AS ${double}) AS margin,
           CAST(COALESCE(p.revenue_12m, 0) AS ${double}) AS revenue_12m,
           CAST(COALESCE(p.revenue_prev_12m, 0) AS ${double}) AS revenue_prev_12m,
           CAST(COALESCE(p.orders_12m, 0) AS ${double}) AS orders_12m,
           CAST(COALESCE(p.orders_prev_12m, 0) AS ${double}) AS orders_prev_12m,
           CAST(${asOfDate} - p.last_purchase AS ${double}) AS recency_days,
           CAST(${asOfDate} - p.first_purchase AS ${double}) AS tenure_days,
           CAST(COALESCE(k.categories, 0) AS ${double}) AS categories,
           CAST(COALESCE(k.lost_categories, 0) AS ${double}) AS lost_categories,
           CAST(COALESCE(r.invoices, 0) AS ${double}) AS invoices,
           CAST(COALESCE(r.due_invoices, 0) AS ${double}) AS due_invoices,
           CAST(COALESCE(r.on_time, 0) AS ${double}) AS on_time,
           CAST(COALESCE(r.max_days_past_due, 0) AS ${double}) AS max_days_past_due,
           CAST(COALESCE(r.overdue_amount, 0) AS ${double}) AS overdue_amount,
           CAST(COALESCE(r.open_receivables, 0) AS ${double}) AS open_receivables,
           CAST(s.last_nps AS ${double}) AS last_nps,
           CAST(s.last_satisfaction AS ${double}) AS last_satisfaction,
           CAST(COALESCE(i.complaints_12m, 0) AS ${double}) AS complaints_12m,
           CAST(COALESCE(i.open_complaints, 0) AS ${double}) AS open_complaints,
           CAST(COALESCE(i.interactions_12m, 0) AS ${double}) AS interactions_12m
    FROM customers c
    LEFT JOIN per_customer p ON p.customer_id = c.id
    LEFT JOIN first_day d ON d.customer_id = c.id
    LEFT JOIN categories k ON k.customer_id = c.id
    LEFT JOIN receivables r ON r.customer_id = c.id
    LEFT JOIN latest_survey s ON s.customer_id = c.id
    LEFT JOIN contact i ON i.customer_id = c.id
    -- Who existed at the as-of date (see the header): registered by then, or ordering by then, or
    -- with neither a registration date nor any order.
    WHERE c.registered_on <= ${asOfDate} OR p.first_order <= ${asOfDate}
       OR (c.registered_on IS NULL AND p.customer_id IS NULL)
    ORDER BY c.id`.compile(handle.db);

  return toSummary((await handle.selectColumns(query)) as unknown as SummaryColumns, asOf, timeUnit);
}

function toSummary(c: SummaryColumns, asOf: string, timeUnit: TimeUnit): CustomerSummary {
  const n = c.code.length;
  const unit = DAYS_PER_UNIT[timeUnit];
  /** A numeric column (NaN for NULL) with NULL as `missing`. */
  const numbers = (values: Float64Array, missing = 0) => {
    if (Number.isNaN(missing)) return values;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(values[i]!) ? missing : values[i]!;
    return out;
  };
  const purchaseDays = numbers(c.purchase_days);
  const tenure = numbers(c.tenure_days, Number.NaN);
  const recency = numbers(c.recency_days, Number.NaN);
  const revenue = numbers(c.revenue);
  const sales = numbers(c.sales);
  const repeatValue = numbers(c.repeat_value);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  const onTimeShare = new Float64Array(n);
  const dueInvoices = numbers(c.due_invoices);
  const onTime = numbers(c.on_time);
  for (let i = 0; i < n; i++) {
    const bought = purchaseDays[i]! > 0;
    x[i] = bought ? purchaseDays[i]! - 1 : Number.NaN;
    tx[i] = bought ? (tenure[i]! - recency[i]!) / unit : Number.NaN;
    T[i] = bought ? tenure[i]! / unit : Number.NaN;
    // The share of sales kept (returns rule): exactly 1 without returns, as revenue = sales then.
    const kept = sales[i]! > 0 ? revenue[i]! / sales[i]! : 1;
    monetary[i] = x[i]! > 0 ? (repeatValue[i]! / x[i]!) * kept : 0;
    onTimeShare[i] = dueInvoices[i]! > 0 ? onTime[i]! / dueInvoices[i]! : Number.NaN;
  }
  return {
    asOf,
    timeUnit,
    count: n,
    customerId: numbers(c.customer_id),
    code: c.code as string[],
    firstPurchaseDay: c.first_purchase,
    lastPurchaseDay: c.last_purchase,
    x,
    tx,
    T,
    monetary,
    orders: numbers(c.orders),
    revenue,
    returns: numbers(c.returns),
    margin: numbers(c.margin),
    revenue12m: numbers(c.revenue_12m),
    revenuePrev12m: numbers(c.revenue_prev_12m),
    orders12m: numbers(c.orders_12m),
    ordersPrev12m: numbers(c.orders_prev_12m),
    recencyDays: recency,
    tenureDays: tenure,
    categories: numbers(c.categories),
    lostCategories: numbers(c.lost_categories),
    creditLimit: numbers(c.credit_limit, Number.NaN),
    invoices: numbers(c.invoices),
    onTimeShare,
    maxDaysPastDue: numbers(c.max_days_past_due),
    overdueAmount: numbers(c.overdue_amount),
    openReceivables: numbers(c.open_receivables),
    lastNps: numbers(c.last_nps, Number.NaN),
    lastSatisfaction: numbers(c.last_satisfaction, Number.NaN),
    complaints12m: numbers(c.complaints_12m),
    openComplaints: numbers(c.open_complaints),
    interactions12m: numbers(c.interactions_12m),
  };
}
