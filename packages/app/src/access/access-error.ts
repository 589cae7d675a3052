import { CustraError, type TextParams } from "@custra/core/errors";
import { registerAccessMessages } from "./access.messages.ts";

registerAccessMessages();

export type AccessErrorCode =
  /** Sign-in failed: unknown email, wrong password, or no password set (never told apart). */
  | "ACCESS_BAD_CREDENTIALS"
  /** Too many failed sign-ins: the account is locked until `until`. */
  | "ACCESS_LOCKED"
  /** The password was right but the account is deactivated. */
  | "ACCESS_ACCOUNT_DISABLED"
  /** No session or token, or one revoked or expired, or its user gone or deactivated. */
  | "ACCESS_NOT_SIGNED_IN"
  /** A new password fails the policy (`min`, `max` characters). */
  | "ACCESS_WEAK_PASSWORD"
  /** Another user has this email or username. */
  | "ACCESS_USER_EXISTS"
  /** A role code is taken. */
  | "ACCESS_ROLE_EXISTS"
  /** Named role, department or user does not exist (`what`, `key`). */
  | "ACCESS_UNKNOWN_REFERENCE"
  /** A department under itself, or a user managed by themselves through the reporting lines. */
  | "ACCESS_CYCLE"
  /** A department that still has users or sub-departments cannot be deleted. */
  | "ACCESS_DEPARTMENT_IN_USE"
  /**
   * The change would leave no active user who can sign in and manage users (a role losing
   * manageUsers, the last such user deactivated or given another role): no one could undo it.
   */
  | "ACCESS_LAST_ADMINISTRATOR"
  /** A ready-made role's names are custra's own (translated with it); only its rights change. */
  | "ACCESS_BUILTIN_ROLE_NAMES";

const MESSAGE_KEYS: Record<AccessErrorCode, string> = {
  ACCESS_BAD_CREDENTIALS: "access.error.bad_credentials",
  ACCESS_LOCKED: "access.error.locked",
  ACCESS_ACCOUNT_DISABLED: "access.error.account_disabled",
  ACCESS_NOT_SIGNED_IN: "access.error.not_signed_in",
  ACCESS_WEAK_PASSWORD: "access.error.weak_password",
  ACCESS_USER_EXISTS: "access.error.user_exists",
  ACCESS_ROLE_EXISTS: "access.error.role_exists",
  ACCESS_UNKNOWN_REFERENCE: "access.error.unknown_reference",
  ACCESS_CYCLE: "access.error.cycle",
  ACCESS_DEPARTMENT_IN_USE: "access.error.department_in_use",
  ACCESS_LAST_ADMINISTRATOR: "access.error.last_administrator",
  ACCESS_BUILTIN_ROLE_NAMES: "access.error.builtin_role_names",
};

/** Sign-in, sessions, users, roles and departments refused. */
export class AccessError extends CustraError<AccessErrorCode> {
  override readonly name = "AccessError";

  constructor(code: AccessErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

export function isAccessError(error: unknown, code?: AccessErrorCode): error is AccessError {
  return error instanceof AccessError && (code === undefined || error.code === code);
}
