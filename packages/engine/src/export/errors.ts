import { type Params, t } from "@custra/core";
import "./messages.ts";

/** An export that cannot be made, for a reason the user can fix (no analysis yet, a path that cannot be written). */
export class ExportError extends Error {
  override readonly name = "ExportError";
  constructor(
    readonly code: string,
    params: Params = {},
    options?: ErrorOptions,
  ) {
    super(t(code, params), options);
  }
}
