import { CustraError } from "../errors/custra-error.ts";
import { registerModelMessages } from "./messages.ts";

// Every ModelError message comes from the catalog, so it must be present before the first one is built.
registerModelMessages();

export type ModelErrorCode =
  | "MODEL_EMPTY_INPUT"
  | "MODEL_LENGTH_MISMATCH"
  | "MODEL_INVALID_VALUE"
  | "MODEL_FREQUENCY_NOT_INTEGER"
  | "MODEL_RECENCY_AFTER_AGE"
  | "MODEL_RECENCY_WITHOUT_REPEAT"
  | "MODEL_TOO_FEW_REPEAT_BUYERS"
  | "MODEL_NON_POSITIVE_SPEND"
  | "MODEL_INVALID_PARAMS"
  | "MODEL_INVALID_OPTION";

const MESSAGE_KEYS: Record<ModelErrorCode, string> = {
  MODEL_EMPTY_INPUT: "models.empty_input",
  MODEL_LENGTH_MISMATCH: "models.length_mismatch",
  MODEL_INVALID_VALUE: "models.invalid_value",
  MODEL_FREQUENCY_NOT_INTEGER: "models.frequency_not_integer",
  MODEL_RECENCY_AFTER_AGE: "models.recency_after_age",
  MODEL_RECENCY_WITHOUT_REPEAT: "models.recency_without_repeat",
  MODEL_TOO_FEW_REPEAT_BUYERS: "models.too_few_repeat_buyers",
  MODEL_NON_POSITIVE_SPEND: "models.non_positive_spend",
  MODEL_INVALID_PARAMS: "models.invalid_params",
  MODEL_INVALID_OPTION: "models.invalid_option",
};

/**
 * Customer data (or parameters) that a model cannot work with: the code says what, `params` where
 * and which values (plain values only, so callers such as the analysis can reuse them as numbers).
 */
export class ModelError extends CustraError<ModelErrorCode> {
  override readonly name = "ModelError";
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor(code: ModelErrorCode, params: Readonly<Record<string, string | number>> = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

export function isModelError(error: unknown, code?: ModelErrorCode): error is ModelError {
  return error instanceof ModelError && (code === undefined || error.code === code);
}
