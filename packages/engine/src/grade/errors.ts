import { type Params, t } from "@custra/core";
import "./messages.ts";

/** Grading or task work that cannot be done, for a reason the user can fix (no analysis yet, an unknown scheme). */
export class GradeError extends Error {
  override readonly name = "GradeError";
  constructor(
    readonly code: string,
    params: Params = {},
    options?: ErrorOptions,
  ) {
    super(t(code, params), options);
  }
}
