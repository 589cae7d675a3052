import type { Locale } from "../i18n/i18n.ts";
import { renderText, type Text, type TextParams } from "./text.ts";

/**
 * The base of every error custra means for its users: a code (each area has its own union, and one
 * exhaustive map in packages/app gives each code its CLI exit code and HTTP status) and the
 * parameters of its message. The message is rendered at the edge in the reader's language
 * (`errorText`); `message` itself is the English rendering, for logs and stack traces only.
 *
 * An area declares its class with its code union and the catalog key of each code:
 *
 *     export class ModelError extends CustraError<ModelErrorCode> {
 *       override readonly name = "ModelError";
 *       constructor(code: ModelErrorCode, params: TextParams = {}) { super(code, MESSAGE_KEYS[code], params); }
 *     }
 */
export class CustraError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly params: TextParams;
  /** The catalog key of the message. */
  readonly messageKey: string;

  constructor(code: Code, messageKey: string, params: TextParams = {}, options?: { cause?: unknown }) {
    super(englishOrCode(messageKey, params, code), options);
    this.code = code;
    this.params = params;
    this.messageKey = messageKey;
  }

  /** The message as Text, to render in the reader's language. */
  get text(): Text {
    return { key: this.messageKey, params: this.params };
  }
}

/** The error's message in `locale`. */
export function errorText(error: CustraError, locale: Locale): string {
  return renderText(error.text, locale);
}

export function isCustraError(error: unknown): error is CustraError {
  return error instanceof CustraError;
}

function englishOrCode(key: string, params: TextParams, code: string): string {
  try {
    return renderText({ key, params }, "en");
  } catch {
    // A missing catalog entry must not hide the error it describes.
    return code;
  }
}
