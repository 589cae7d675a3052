import { parseDay } from "../calendar/dates.ts";
import { CustraError } from "../errors/custra-error.ts";
import { type Text, type TextParams, text } from "../errors/text.ts";
import type { IssueText } from "../i18n/document-issues.ts";
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

/** One problem of a playbook document: where (`rules.A.contact.everyDays`, empty for the document) and what. */
export type PlaybookIssue = IssueText;

/** A playbook, input row or option the strategies cannot work with; rendered in the reader's language. */
export class StrategyError extends CustraError<StrategyErrorCode> {
  override readonly name = "StrategyError";
  /** Every problem found in a playbook document (STRATEGY_INVALID_PLAYBOOK only), for editors to point at. */
  readonly issues: readonly PlaybookIssue[];

  constructor(code: StrategyErrorCode, params: TextParams = {}, issues: readonly PlaybookIssue[] = []) {
    super(code, MESSAGE_KEYS[code], params);
    this.issues = issues;
  }
}

/** A playbook issue as one Text: "path: problem", the document itself named "策略手册" / "playbook". */
export function playbookIssueText(issue: PlaybookIssue): Text {
  return text("document.issue", { path: issue.path || text("strategy.path.root"), problem: issue.problem });
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
    expected: text(expected, params),
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
    expected: text(expected, params),
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
