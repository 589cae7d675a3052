import { type Params, t } from "@custra/core";
import "./messages.ts";

/** A recommendation model that cannot be loaded, for a reason the user can fix (an analysis run that does not exist). */
export class RecommendationError extends Error {
  override readonly name = "RecommendationError";
  constructor(
    readonly code: string,
    params: Params = {},
    options?: ErrorOptions,
  ) {
    super(t(code, params), options);
  }
}
