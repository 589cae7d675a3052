/**
 * Why a product is recommended. The codes are stored with care tasks and sent over the API, so
 * they never change with the language; `recommendationReasonLabel` and
 * `recommendationReasonText` render them for people.
 */

export const RECOMMENDATION_REASONS = [
  /** Customers who bought one of this customer's products (the anchor) buy it far more often than others. */
  "bought_together",
  /** Most of the customer's peers (same grade and industry) buy in a category this customer never bought. */
  "peers_buy_category",
] as const;
export type RecommendationReasonCode = (typeof RECOMMENDATION_REASONS)[number];
