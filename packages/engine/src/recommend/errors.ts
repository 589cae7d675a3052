import { CustraError, type TextParams } from "@custra/core";
import { type RecommendationMessageKey, registerRecommendationMessages } from "./messages.ts";

registerRecommendationMessages();

export type RecommendationErrorCode =
  /** The analysis run named does not exist; `latest` is the latest one. */
  | "RECOMMENDATION_UNKNOWN_RUN"
  /** An analysis run was named, but nothing has been analysed yet. */
  | "RECOMMENDATION_NO_RUNS";

const MESSAGE_KEYS: Record<RecommendationErrorCode, RecommendationMessageKey> = {
  RECOMMENDATION_UNKNOWN_RUN: "recommend.load.unknownRun",
  RECOMMENDATION_NO_RUNS: "recommend.load.noRuns",
};

/** A recommendation model that cannot be loaded, for a reason the user can fix (an analysis run that does not exist). */
export class RecommendationError extends CustraError<RecommendationErrorCode> {
  override readonly name = "RecommendationError";

  constructor(code: RecommendationErrorCode, params: TextParams = {}, options?: { cause?: unknown }) {
    super(code, MESSAGE_KEYS[code], params, options);
  }
}
