import { CustraError, type TextParams } from "@custra/core/errors";
import { registerServerMessages } from "./server.messages.ts";

registerServerMessages();

/**
 * What the HTTP edge itself refuses, before any use case runs: a bad setting at start-up, a
 * request the server cannot take. Kept beside the app's codes so the one outcome map covers them.
 */
export type ServerErrorCode =
  /** A setting of `custra serve` (flag or environment) is not valid: `setting`, `value`, `problem`. */
  | "SERVER_INVALID_SETTING"
  | "SERVER_ROUTE_NOT_FOUND"
  | "SERVER_METHOD_NOT_ALLOWED"
  | "SERVER_INVALID_JSON"
  | "SERVER_BODY_TOO_LARGE"
  | "SERVER_UNSUPPORTED_MEDIA_TYPE"
  | "SERVER_TOO_MANY_REQUESTS"
  /** A state-changing request signed in by cookie came without its session's CSRF token. */
  | "SERVER_CSRF_REJECTED"
  /** The database does not answer: readiness fails, requests get 503. */
  | "SERVER_NOT_READY"
  /** The server is stopping: a request that came or still waited for the database then (`seconds`: Retry-After). */
  | "SERVER_SHUTTING_DOWN"
  /** Anything unexpected: logged with the request id, shown without details. */
  | "SERVER_INTERNAL";

const MESSAGE_KEYS: Record<ServerErrorCode, string> = {
  SERVER_INVALID_SETTING: "server.error.invalid_setting",
  SERVER_ROUTE_NOT_FOUND: "server.error.route_not_found",
  SERVER_METHOD_NOT_ALLOWED: "server.error.method_not_allowed",
  SERVER_INVALID_JSON: "server.error.invalid_json",
  SERVER_BODY_TOO_LARGE: "server.error.body_too_large",
  SERVER_UNSUPPORTED_MEDIA_TYPE: "server.error.unsupported_media_type",
  SERVER_TOO_MANY_REQUESTS: "server.error.too_many_requests",
  SERVER_CSRF_REJECTED: "server.error.csrf_rejected",
  SERVER_NOT_READY: "server.error.not_ready",
  SERVER_SHUTTING_DOWN: "server.error.shutting_down",
  SERVER_INTERNAL: "server.error.internal",
};

export class ServerError extends CustraError<ServerErrorCode> {
  override readonly name = "ServerError";

  constructor(code: ServerErrorCode, params: TextParams = {}, options?: { cause?: unknown }) {
    super(code, MESSAGE_KEYS[code], params, options);
  }
}
