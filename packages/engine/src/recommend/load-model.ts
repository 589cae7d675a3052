/**
 * Loads what the recommender needs from the database and builds it: every customer's products
 * with the number of distinct orders they were on (one SQL, grouped by the database), the
 * products with their categories, and each customer's peer group. Only purchases dated on or
 * before the as-of date count, by the analysis summary's rule (returns and credit notes do not).
 */

import { buildRecommender, type Recommender, type RecommenderOptions } from "@custra/core";
import { type DbHandle, stagingTableName } from "@custra/db";
import { type RawBuilder, sql } from "kysely";
import { isPurchase, lastOrderDate } from "../analyze/summary.ts";
import { RecommendationError } from "./errors.ts";
import { IdIndex } from "./id-index.ts";

/** What a peer key may use of a customer. */
export interface PeerCustomer {
  readonly industry: string | null;
  /** individual / enterprise. */
  readonly type: string | null;
  /** The customer's grade: from `grades` when given, else the value tier of the analysis run; null if unknown. */
  readonly grade: string | null;
}

export interface LoadRecommendationOptions {
  /** Purchases dated on or before this day count. Default: the last completed order's date. */
  readonly asOf?: string;
  /** The analysis run whose value tiers are the default grades. Default: the latest run, if any. */
  readonly runId?: number;
  /**
   * Grades by customer id, e.g. from a grading run; they replace the value tiers (and `runId` is
   * not used). Customers missing from the map have no grade.
   */
  readonly grades?: ReadonlyMap<number, string>;
  /**
   * The peer group of a customer, as a string key: customers with equal keys are peers;
   * null or undefined puts the customer in no group (no category-gap recommendations).
   * Default: grade × industry (see `gradeAndIndustry`).
   */
  readonly peerKey?: (customer: PeerCustomer) => string | null | undefined;
  /** Settings of the model itself (thresholds, what counts as bought regularly). */
  readonly model?: RecommenderOptions;
  /**
   * The customers recommendations are wanted for. On a base of more than SAMPLE_CUSTOMERS, the
   * model then learns from a fixed sample of about that many (every k-th customer by id) plus
   * these: lifts and peer shares estimated on a hundred thousand customers are as good as on a
   * million, and reading a million customers' purchases takes the better part of 20 seconds.
   * Without it, every customer is read.
   */
  readonly focus?: readonly number[];
  /** The sample size of a focused or sampled model (default SAMPLE_CUSTOMERS). */
  readonly sampleSize?: number;
  /**
   * Learn from the fixed sample alone (on a base of more than `sampleSize`), without focus
   * customers: a model kept for many requests, which recommends for customers outside the sample
   * from their own purchases (`recommendForCustomer`).
   */
  readonly sampled?: boolean;
}

/** The sample size above which a focused model learns from a sample (see `focus`). */
export const SAMPLE_CUSTOMERS = 100_000;

/** The default peer key: same grade and same industry; a customer with neither known has no peers. */
export function gradeAndIndustry(customer: PeerCustomer): string | null {
  const { grade, industry } = customer;
  if (grade === null && industry === null) return null;
  return JSON.stringify([grade, industry]);
}

/** The products the model knows, in product id order; the recommender's product index is the position. */
export interface ProductList {
  readonly id: Float64Array;
  readonly sku: string[];
  readonly name: string[];
  readonly category: (string | null)[];
}

export interface RecommendationModel {
  readonly asOf: string;
  /** The run whose value tiers were the grades; null when `grades` was given or there is no run. */
  readonly runId: number | null;
  readonly customers: IdIndex;
  readonly products: ProductList;
  readonly productIds: IdIndex;
  /** Category names by the recommender's category index. */
  readonly categories: string[];
  /** Peer group keys by group index. */
  readonly peerGroups: string[];
  /** How the model keyed peer groups, and the grades it used instead of value tiers (if given). */
  readonly peerKey: (customer: PeerCustomer) => string | null | undefined;
  readonly grades?: ReadonlyMap<number, string>;
  readonly recommender: Recommender;
  /** Milliseconds per step, for logs and the benchmark. */
  readonly timings: { customers: number; products: number; purchases: number; build: number };
}

type CustomerColumns = {
  id: Float64Array;
  industry: (string | null)[];
  type: (string | null)[];
  grade: (string | null)[];
};
type ProductColumns = { id: Float64Array; sku: string[]; name: string[]; category: (string | null)[] };
type PurchaseColumns = { customer_id: Float64Array; product_id: Float64Array; orders: Float64Array };
interface PurchaseRow {
  customer_id: number;
  product_id: number;
  orders: number;
}

/** The run to take value tiers from: the one asked for, else the latest; null when there is none. */
async function findRun(handle: DbHandle, runId: number | undefined): Promise<number | null> {
  const latest = await handle.db
    .selectFrom("analysis_runs")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (runId === undefined) return latest ? Number(latest.id) : null;
  if (!latest) throw new RecommendationError("RECOMMENDATION_NO_RUNS", { run: runId });
  const run = await handle.db
    .selectFrom("analysis_runs")
    .select("id")
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!run) throw new RecommendationError("RECOMMENDATION_UNKNOWN_RUN", { run: runId, latest: latest.id });
  return runId;
}

function since(started: number): number {
  return Math.round(performance.now() - started);
}

export async function loadRecommendationModel(
  handle: DbHandle,
  options: LoadRecommendationOptions = {},
): Promise<RecommendationModel> {
  const asOf = options.asOf ?? (await lastOrderDate(handle)) ?? new Date().toISOString().slice(0, 10);
  const runId = options.grades ? null : await findRun(handle, options.runId);
  const started = performance.now();
  const sample = await sampleOf(
    handle,
    options.focus ?? (options.sampled ? [] : undefined),
    options.sampleSize ?? SAMPLE_CUSTOMERS,
  );
  try {
    return await build(handle, options, asOf, runId, sample.inModel, started);
  } finally {
    await sample.drop();
  }
}

/**
 * Which customers a focused model reads: a SQL condition on a customer id column, and what to
 * clean up afterwards (the focus ids are staged in a table, so that thousands of care visits do
 * not make a statement of thousands of parameters).
 */
async function sampleOf(
  handle: DbHandle,
  focus: readonly number[] | undefined,
  size: number,
): Promise<{ inModel: (column: string) => RawBuilder<unknown>; drop: () => Promise<void> }> {
  const everyone = { inModel: () => sql`1 = 1`, drop: async () => {} };
  if (focus === undefined) return everyone;
  const counted = await handle.db
    .selectFrom("customers")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  const every = Math.ceil(Number(counted?.n ?? 0) / size);
  if (every <= 1) return everyone;
  if (focus.length === 0)
    return { inModel: (column) => sql`${sql.ref(column)} % ${sql.lit(every)} = 0`, drop: async () => {} };
  const stage = stagingTableName("__custra_focus");
  await handle.createStagingTable(stage, ["id"]);
  await handle.bulkLoad(
    stage,
    ["line", "id"],
    focus.map((id, k) => [k + 2, String(id)]),
  );
  return {
    inModel: (column) =>
      sql`(${sql.ref(column)} % ${sql.lit(every)} = 0 OR ${sql.ref(column)} IN (SELECT CAST(id AS BIGINT) FROM ${sql.table(stage)}))`,
    drop: () => handle.dropTable(stage),
  };
}

async function build(
  handle: DbHandle,
  options: LoadRecommendationOptions,
  asOf: string,
  runId: number | null,
  inModel: (column: string) => RawBuilder<unknown>,
  startedAt: number,
): Promise<RecommendationModel> {
  const double = sql.raw(handle.sqlTypes.double);
  let started = startedAt;
  const grade = runId === null ? sql`CAST(NULL AS TEXT)` : sql`s.value_tier`;
  const scores =
    runId === null ? sql`` : sql`LEFT JOIN customer_scores s ON s.run_id = ${runId} AND s.customer_id = c.id`;
  const customers = (await handle.selectColumns(
    sql`SELECT CAST(c.id AS ${double}) AS id, c.industry, c.type, ${grade} AS grade
        FROM customers c ${scores} WHERE ${inModel("c.id")} ORDER BY c.id`.compile(handle.db),
  )) as unknown as CustomerColumns;
  const customerIndex = new IdIndex(customers.id);
  const { group, keys } = peerGroupsOf(customers, options);
  const customersMs = since(started);

  started = performance.now();
  const products = (await handle.selectColumns(
    sql`SELECT CAST(id AS ${double}) AS id, sku, name, category FROM products ORDER BY id`.compile(handle.db),
  )) as unknown as ProductColumns;
  const productIndex = new IdIndex(products.id);
  const { category, names: categories } = categoriesOf(products.category);
  const productsMs = since(started);

  // One row per customer and product: grouped by the database, read column by column. The sample
  // is named on both sides of the join so that both are cut before it (1M customers: 3.3 → 1.3 s).
  started = performance.now();
  const purchases = (await handle.selectColumns(
    purchasesQuery(double, asOf, inModel).compile(handle.db),
  )) as unknown as PurchaseColumns;
  const rows = compressRows(purchases, customerIndex, productIndex);
  const purchasesMs = since(started);

  started = performance.now();
  const recommender = buildRecommender(
    { productCategory: category, ...rows, peerGroup: group },
    options.model ?? {},
  );
  const buildMs = since(started);

  return {
    asOf,
    runId,
    customers: customerIndex,
    products,
    productIds: productIndex,
    categories,
    peerGroups: keys,
    peerKey: options.peerKey ?? gradeAndIndustry,
    ...(options.grades ? { grades: options.grades } : {}),
    recommender,
    timings: { customers: customersMs, products: productsMs, purchases: purchasesMs, build: buildMs },
  };
}

/** Per customer and product, on how many distinct orders it was bought (purchases up to `asOf`). */
export function purchasesQuery(
  double: RawBuilder<unknown>,
  asOf: string,
  inModel: (column: string) => RawBuilder<unknown>,
): RawBuilder<PurchaseRow> {
  return sql<PurchaseRow>`SELECT CAST(l.customer_id AS ${double}) AS customer_id, CAST(l.product_id AS ${double}) AS product_id,
               CAST(COUNT(DISTINCT l.order_id) AS ${double}) AS orders
        FROM order_lines l
        JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
        WHERE o.order_date <= CAST(${asOf} AS DATE) AND ${isPurchase("o")}
          AND ${inModel("l.customer_id")} AND ${inModel("o.customer_id")}
        GROUP BY l.customer_id, l.product_id`;
}

/**
 * Each customer's peer group index, numbering the keys in order of first appearance. The key
 * function runs once per distinct (industry, type, grade), not once per customer.
 */
function peerGroupsOf(
  customers: CustomerColumns,
  options: LoadRecommendationOptions,
): { group: Float64Array; keys: string[] } {
  const peerKey = options.peerKey ?? gradeAndIndustry;
  const n = customers.id.length;
  const group = new Float64Array(n);
  const groupOfProfile = new Map<string, number>();
  const groupOfKey = new Map<string, number>();
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const industry = customers.industry[i] ?? null;
    const type = customers.type[i] ?? null;
    const grade = options.grades
      ? (options.grades.get(customers.id[i]!) ?? null)
      : (customers.grade[i] ?? null);
    const profile = `${industry}\u0000${type}\u0000${grade}`;
    let g = groupOfProfile.get(profile);
    if (g === undefined) {
      const key = peerKey({ industry, type, grade });
      if (key === null || key === undefined) {
        g = Number.NaN;
      } else {
        g = groupOfKey.get(key);
        if (g === undefined) {
          g = keys.length;
          groupOfKey.set(key, g);
          keys.push(key);
        }
      }
      groupOfProfile.set(profile, g);
    }
    group[i] = g;
  }
  return { group, keys };
}

/** Category index per product (NaN without a category), numbering the names in order of first appearance. */
function categoriesOf(productCategory: (string | null)[]): { category: Float64Array; names: string[] } {
  const index = new Map<string, number>();
  const names: string[] = [];
  const category = Float64Array.from(productCategory, (name) => {
    if (name === null || name === "") return Number.NaN;
    let c = index.get(name);
    if (c === undefined) {
      c = names.length;
      index.set(name, c);
      names.push(name);
    }
    return c;
  });
  return { category, names };
}

/**
 * The purchase rows (in whatever order the database grouped them) as compressed rows by
 * customer position: one counting pass, one placing pass. Rows of customers or products that are
 * not in the lists (added after they were read) are left out.
 */
function compressRows(purchases: PurchaseColumns, customers: IdIndex, products: IdIndex) {
  const rows = purchases.customer_id.length;
  const customerOf = new Int32Array(rows);
  const productOf = new Int32Array(rows);
  const offsets = new Uint32Array(customers.size + 1);
  for (let r = 0; r < rows; r++) {
    const i = customers.positionOf(purchases.customer_id[r]!);
    const b = products.positionOf(purchases.product_id[r]!);
    customerOf[r] = i;
    productOf[r] = b;
    if (i >= 0 && b >= 0) offsets[i + 1]!++;
  }
  for (let i = 0; i < customers.size; i++) offsets[i + 1]! += offsets[i]!;
  const total = offsets[customers.size]!;
  const productIdx = new Uint32Array(total);
  const orders = new Float64Array(total);
  const next = offsets.slice(0, customers.size);
  for (let r = 0; r < rows; r++) {
    const i = customerOf[r]!;
    const b = productOf[r]!;
    if (i < 0 || b < 0) continue;
    const at = next[i]!++;
    productIdx[at] = b;
    orders[at] = purchases.orders[r]!;
  }
  return { offsets, productIdx, orders };
}
