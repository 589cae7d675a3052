import { CustraError } from "../errors/custra-error.ts";
import type { TextParams } from "../errors/text.ts";
import { type RecommendMessageKey, registerRecommendMessages } from "./messages.ts";

// Every RecommendError message comes from the catalog, so it must be present before the first one is built.
registerRecommendMessages();

export type RecommendErrorCode =
  | "RECOMMEND_LENGTH_MISMATCH"
  | "RECOMMEND_INVALID_OFFSETS"
  | "RECOMMEND_INVALID_PRODUCT"
  | "RECOMMEND_DUPLICATE_PRODUCT"
  | "RECOMMEND_INVALID_INDEX"
  | "RECOMMEND_INVALID_ORDERS"
  | "RECOMMEND_INVALID_OPTION"
  | "RECOMMEND_TOO_MANY_PEER_CELLS";

const MESSAGE_KEYS: Record<RecommendErrorCode, RecommendMessageKey> = {
  RECOMMEND_LENGTH_MISMATCH: "recommend.length_mismatch",
  RECOMMEND_INVALID_OFFSETS: "recommend.invalid_offsets",
  RECOMMEND_INVALID_PRODUCT: "recommend.invalid_product",
  RECOMMEND_DUPLICATE_PRODUCT: "recommend.duplicate_product",
  RECOMMEND_INVALID_INDEX: "recommend.invalid_index",
  RECOMMEND_INVALID_ORDERS: "recommend.invalid_orders",
  RECOMMEND_INVALID_OPTION: "recommend.invalid_option",
  RECOMMEND_TOO_MANY_PEER_CELLS: "recommend.too_many_peer_cells",
};

/** Purchase data or options the recommender cannot work with; rendered in the reader's language. */
export class RecommendError extends CustraError<RecommendErrorCode> {
  override readonly name = "RecommendError";

  constructor(code: RecommendErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

export function isRecommendError(error: unknown, code?: RecommendErrorCode): error is RecommendError {
  return error instanceof RecommendError && (code === undefined || error.code === code);
}

/** Throws unless `value` lies in [min, max]. */
export function checkRange(option: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new RecommendError("RECOMMEND_INVALID_OPTION", { option, value, expected: `${min} … ${max}` });
  }
}
