/**
 * Recommendations for given customers from a loaded model, with the names people know: what
 * `custra customer show` prints and what care tasks carry.
 */
import type { Recommendation } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";
import { purchasesQuery, type RecommendationModel } from "./load-model.ts";

export type ProductRecommendationReason =
  | {
      readonly code: "bought_together";
      /** `anchor`/`anchorSku`: the customer's product it is bought with; `lift`: P(it | anchor) / P(it). */
      readonly params: { readonly anchor: string; readonly anchorSku: string; readonly lift: number };
    }
  | {
      readonly code: "peers_buy_category";
      /** `share`: the share (0..1) of the customer's peers who buy in `category`. */
      readonly params: { readonly category: string; readonly share: number };
    };

/**
 * One recommended product. `reason` renders with `recommendationReasonText` from the core
 * ("与『打印机』常一起购买（提升度 3.2）"); its code is stable for storage and filters.
 */
export interface ProductRecommendation {
  readonly productId: number;
  readonly sku: string;
  readonly name: string;
  readonly category: string | null;
  /** 0..1, best first; see the core `Recommender.recommend` for the formula. */
  readonly score: number;
  readonly reason: ProductRecommendationReason;
}

/**
 * The top `k` (default 3) products for each customer id, in the order of `customerIds`. A
 * customer the model does not know (added after it was loaded) gets an empty list, as does one
 * for whom nothing scores above 0.
 */
export function recommendFor(
  model: RecommendationModel,
  customerIds: readonly number[],
  k = 3,
): ProductRecommendation[][] {
  return customerIds.map((id) => {
    const customer = model.customers.positionOf(id);
    if (customer < 0) return [];
    return model.recommender.recommend(customer, k).map((r) => named(model, r));
  });
}

/**
 * The top `k` products for one customer, from a model kept for many requests: as `recommendFor`
 * when the model knows the customer, else from the customer's own purchases up to the model's
 * as-of date and its peer group (a customer outside the sample the model learnt from, or added
 * since it was loaded). A few point reads instead of a model per request.
 */
export async function recommendForCustomer(
  handle: DbHandle,
  model: RecommendationModel,
  customerId: number,
  k = 3,
): Promise<ProductRecommendation[]> {
  if (model.customers.positionOf(customerId) >= 0) return recommendFor(model, [customerId], k)[0]!;
  const double = sql.raw(handle.sqlTypes.double);
  const only = (column: string) => sql`${sql.ref(column)} = ${customerId}`;
  const { rows } = await purchasesQuery(double, model.asOf, only).execute(handle.db);
  const basket = rows.flatMap((row) => {
    const product = model.productIds.positionOf(Number(row.product_id));
    return product < 0 ? [] : [{ product, orders: Number(row.orders) }];
  });
  // The grade the model keyed peers by: its given grades, else the value tier of its run (none
  // without a run: the join then finds no row).
  const profile = await handle.db
    .selectFrom("customers as c")
    .leftJoin("customer_scores as s", (join) =>
      join.onRef("s.customer_id", "=", "c.id").on("s.run_id", "=", model.runId ?? -1),
    )
    .select(["c.industry", "c.type", "s.value_tier"])
    .where("c.id", "=", customerId)
    .executeTakeFirst();
  if (!profile) return [];
  const grade = model.grades ? (model.grades.get(customerId) ?? null) : profile.value_tier;
  const key = model.peerKey({ industry: profile.industry, type: profile.type, grade });
  const group = key === null || key === undefined ? -1 : model.peerGroups.indexOf(key);
  return model.recommender.recommendBasket(basket, group, k).map((r) => named(model, r));
}

/** A recommendation of the core model, with the names and SKUs of its products and category. */
function named(
  model: RecommendationModel,
  { product, score, reason }: Recommendation,
): ProductRecommendation {
  const { products, categories } = model;
  return {
    productId: products.id[product]!,
    sku: products.sku[product]!,
    name: products.name[product]!,
    category: products.category[product] ?? null,
    score,
    reason:
      reason.code === "bought_together"
        ? {
            code: reason.code,
            params: {
              anchor: products.name[reason.anchor]!,
              anchorSku: products.sku[reason.anchor]!,
              lift: reason.lift,
            },
          }
        : { code: reason.code, params: { category: categories[reason.category]!, share: reason.share } },
  };
}
