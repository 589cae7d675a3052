import { t } from "../i18n/i18n.ts";
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
 * Customer data (or parameters) that a model cannot work with. `message` is localized and says
 * what is wrong and where; `params` keeps the values for callers that format their own output.
 */
export class ModelError extends Error {
  override readonly name = "ModelError";
  readonly code: ModelErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** The catalog key of the message, for callers that render it later in the reader's language. */
  readonly messageKey: string;

  constructor(code: ModelErrorCode, params: Readonly<Record<string, string | number>> = {}) {
    super(t(MESSAGE_KEYS[code], params));
    this.code = code;
    this.params = params;
    this.messageKey = MESSAGE_KEYS[code];
  }
}

export function isModelError(error: unknown, code?: ModelErrorCode): error is ModelError {
  return error instanceof ModelError && (code === undefined || error.code === code);
}
