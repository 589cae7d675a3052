/**
 * Recommendations for given customers from a loaded model, with the names people know: what
 * `custra customer show` prints and what care tasks carry.
 */
import type { RecommendationModel } from "./load-model.ts";

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
  const { recommender, products, categories } = model;
  return customerIds.map((id) => {
    const customer = model.customers.positionOf(id);
    if (customer < 0) return [];
    return recommender.recommend(customer, k).map(({ product, score, reason }) => ({
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
    }));
  });
}
