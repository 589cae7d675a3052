import { CustraError } from "../errors/custra-error.ts";
import { type Text, text } from "../errors/text.ts";
import { allowedValuesText, registerSettingsMessages, type SettingsMessageKey } from "./messages.ts";

registerSettingsMessages();

export type SettingsErrorCode = "SETTINGS_UNKNOWN_KEY" | "SETTINGS_INVALID_VALUE" | "SETTINGS_STORED_INVALID";

const MESSAGE_KEYS: Record<SettingsErrorCode, SettingsMessageKey> = {
  SETTINGS_UNKNOWN_KEY: "settings.unknown_key",
  SETTINGS_INVALID_VALUE: "settings.invalid_value",
  SETTINGS_STORED_INVALID: "settings.stored_invalid",
};

/** One problem of a change of settings: `key` is the setting (as given, when unknown), `value` what was given. */
export interface SettingsIssue {
  readonly code: SettingsErrorCode;
  readonly params: Readonly<Record<string, string>>;
}

/** The text of one issue, with the values the setting takes. */
export function issueText(issue: SettingsIssue): Text {
  return text(MESSAGE_KEYS[issue.code], {
    ...issue.params,
    allowed: allowedValuesText(issue.params.key ?? ""),
  });
}

/**
 * Settings that cannot be taken; `code` is that of the first issue, `issues` has them all with
 * their codes and values, and the message (`params.issues`) says each.
 */
export class SettingsError extends CustraError<SettingsErrorCode> {
  override readonly name = "SettingsError";

  constructor(readonly issues: readonly SettingsIssue[]) {
    super(issues[0]!.code, "settings.issues", { issues: issues.map(issueText) });
  }
}

export function isSettingsError(error: unknown, code?: SettingsErrorCode): error is SettingsError {
  return error instanceof SettingsError && (code === undefined || error.code === code);
}
