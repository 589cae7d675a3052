import "./messages.ts";
import { CustraError, type TextParams } from "@custra/core";
import type { DemoMessageKey } from "./messages.ts";

export type DemoOptionsErrorCode =
  | "DEMO_INVALID_CUSTOMERS"
  | "DEMO_INVALID_SEED"
  | "DEMO_INVALID_AS_OF"
  | "DEMO_NO_OUT_DIR"
  /** The demo company goes only into an empty database. */
  | "DEMO_NOT_EMPTY";

const MESSAGE_KEYS: Record<DemoOptionsErrorCode, DemoMessageKey> = {
  DEMO_INVALID_CUSTOMERS: "demo.error.customers",
  DEMO_INVALID_SEED: "demo.error.seed",
  DEMO_INVALID_AS_OF: "demo.error.asOf",
  DEMO_NO_OUT_DIR: "demo.error.outDir",
  DEMO_NOT_EMPTY: "demo.error.notEmpty",
};

/** Options the demo generator cannot work with, or a database it must not write into. */
export class DemoOptionsError extends CustraError<DemoOptionsErrorCode> {
  override readonly name = "DemoOptionsError";

  constructor(code: DemoOptionsErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}
