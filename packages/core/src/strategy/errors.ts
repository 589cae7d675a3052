import { parseDay } from "../calendar/dates.ts";
import { t } from "../i18n/i18n.ts";
import { registerStrategyMessages, type StrategyExpectedKey, type StrategyMessageKey } from "./messages.ts";

registerStrategyMessages();

export type StrategyErrorCode =
  | "STRATEGY_INVALID_PLAYBOOK"
  | "STRATEGY_INVALID_INPUT"
  | "STRATEGY_LENGTH_MISMATCH"
  | "STRATEGY_INVALID_OPTION";

const MESSAGE_KEYS: Record<StrategyErrorCode, StrategyMessageKey> = {
  STRATEGY_INVALID_PLAYBOOK: "strategy.invalid_playbook",
  STRATEGY_INVALID_INPUT: "strategy.invalid_input",
  STRATEGY_LENGTH_MISMATCH: "strategy.length_mismatch",
  STRATEGY_INVALID_OPTION: "strategy.invalid_option",
};

/** One problem of a playbook document: where (`rules.A.contact.everyDays`) and what, localized. */
export interface PlaybookIssue {
  readonly path: string;
  readonly problem: string;
}

/** A playbook, input row or option the strategies cannot work with; `message` is localized. */
export class StrategyError extends Error {
  override readonly name = "StrategyError";
  readonly code: StrategyErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** Every problem found in a playbook document (STRATEGY_INVALID_PLAYBOOK only), for editors to point at. */
  readonly issues: readonly PlaybookIssue[];

  constructor(
    code: StrategyErrorCode,
    params: Readonly<Record<string, string | number>> = {},
    issues: readonly PlaybookIssue[] = [],
  ) {
    super(t(MESSAGE_KEYS[code], params));
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

export function isStrategyError(error: unknown, code?: StrategyErrorCode): error is StrategyError {
  return error instanceof StrategyError && (code === undefined || error.code === code);
}

type ExpectedParams = Readonly<Record<string, string | number>>;

/** An input value that cannot be used, named by its place (`overdueInvoices[3].dueOn`). */
export function invalidInput(
  path: string,
  value: unknown,
  expected: StrategyExpectedKey,
  params: ExpectedParams = {},
): StrategyError {
  return new StrategyError("STRATEGY_INVALID_INPUT", {
    path,
    value: String(value),
    expected: t(expected, params),
  });
}

export function invalidOption(
  option: string,
  value: unknown,
  expected: StrategyExpectedKey,
  params: ExpectedParams = {},
): StrategyError {
  return new StrategyError("STRATEGY_INVALID_OPTION", {
    option,
    value: String(value),
    expected: t(expected, params),
  });
}

export function checkLength(column: string, actual: number, expected: number): void {
  if (actual !== expected) throw new StrategyError("STRATEGY_LENGTH_MISMATCH", { column, actual, expected });
}

/** The day number of a "YYYY-MM-DD" input value; throws STRATEGY_INVALID_INPUT naming `path` otherwise. */
export function checkedDay(path: string, value: unknown): number {
  const day = typeof value === "string" ? parseDay(value) : Number.NaN;
  if (Number.isNaN(day)) throw invalidInput(path, value, "strategy.expected.date");
  return day;
}
