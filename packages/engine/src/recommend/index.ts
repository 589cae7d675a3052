/** Next-best product recommendations from the database: load the model once, then ask for customers. */
export { RecommendationError, type RecommendationErrorCode } from "./errors.ts";
export { IdIndex } from "./id-index.ts";
export {
  gradeAndIndustry,
  type LoadRecommendationOptions,
  loadRecommendationModel,
  type PeerCustomer,
  type ProductList,
  type RecommendationModel,
} from "./load-model.ts";
export {
  type ProductRecommendation,
  type ProductRecommendationReason,
  recommendFor,
  recommendForCustomer,
} from "./recommend-for.ts";
