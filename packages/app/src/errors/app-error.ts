import { CustraError, type TextParams } from "@custra/core/errors";
import { registerAppMessages } from "./app.messages.ts";

registerAppMessages();

export type AppErrorCode =
  /** The input of a use case failed its schema; `issues` lists each problem as Text. */
  | "APP_INVALID_INPUT"
  /** The thing asked for does not exist, or the actor may not see it (never told apart). */
  | "APP_NOT_FOUND"
  /** The actor's role does not allow the action. */
  | "APP_FORBIDDEN"
  /** The change conflicts with the current state (a stale version, a duplicate). */
  | "APP_CONFLICT";

const MESSAGE_KEYS: Record<AppErrorCode, string> = {
  APP_INVALID_INPUT: "app.error.invalid_input",
  APP_NOT_FOUND: "app.error.not_found",
  APP_FORBIDDEN: "app.error.forbidden",
  APP_CONFLICT: "app.error.conflict",
};

/** A use case's refusal: bad input, nothing there, not allowed, or in conflict. */
export class AppError extends CustraError<AppErrorCode> {
  override readonly name = "AppError";

  constructor(code: AppErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}
