// The public API of the recommender. checkRange stays internal so that
// `export * from "./recommend/index.ts"` in the core index cannot collide with other areas' names.
export * from "./codes.ts";
export { isRecommendError, RecommendError, type RecommendErrorCode } from "./errors.ts";
export {
  type NamedRecommendationReason,
  recommendationReasonLabel,
  recommendationReasonText,
  registerRecommendMessages,
} from "./messages.ts";
export {
  buildRecommender,
  type PurchaseInput,
  type Recommendation,
  type RecommendationReason,
  Recommender,
  type RecommenderOptions,
} from "./recommender.ts";
