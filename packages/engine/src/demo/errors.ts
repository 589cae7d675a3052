import "./messages.ts";
import { type Params, t } from "@custra/core";
import type { DemoMessageKey } from "./messages.ts";

/** Options the demo generator cannot work with; the message is for the user, in their language. */
export class DemoOptionsError extends Error {
  override readonly name = "DemoOptionsError";
  readonly code: DemoMessageKey;

  constructor(code: DemoMessageKey, params: Params = {}) {
    super(t(code, params));
    this.code = code;
  }
}
