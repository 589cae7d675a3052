import { t } from "../i18n/i18n.ts";
import { allowedValues, registerSettingsMessages, type SettingsMessageKey } from "./messages.ts";

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
export function issueText(issue: SettingsIssue): string {
  const key = issue.params.key ?? "";
  return t(MESSAGE_KEYS[issue.code], { ...issue.params, allowed: allowedValues(key) });
}

/**
 * Settings that cannot be taken; `code` and `params` are those of the first issue, `issues` has
 * them all, and `message` says each in the current language.
 */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  readonly code: SettingsErrorCode;
  readonly params: Readonly<Record<string, string>>;

  constructor(readonly issues: readonly SettingsIssue[]) {
    super(issues.map(issueText).join(t("settings.issue_separator")));
    this.code = issues[0]!.code;
    this.params = issues[0]!.params;
  }
}

export function isSettingsError(error: unknown, code?: SettingsErrorCode): error is SettingsError {
  return error instanceof SettingsError && (code === undefined || error.code === code);
}
