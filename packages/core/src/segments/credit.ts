/**
 * Credit grades from how customers pay: good / fair / poor for the collection and credit-limit
 * decisions, and a 0..100 score to rank customers within and across grades.
 */

import type { CreditGrade } from "./codes.ts";
import { checkRange, customerCount } from "./errors.ts";
import { positiveOrZero } from "./ranking.ts";
import type { InvoiceInput } from "./types.ts";

/**
 * The payment rules, in one place: the analysis grades credit with them, and the ready-made
 * `credit` grading scheme (grading/builtin.ts) writes the same numbers into its bands and rules,
 * so that "poor" here and "risky" there are the same customers. A company that changes its
 * credit scheme changes the grades it gives; these defaults are what the analysis reports.
 *
 * - graceDays 7: an invoice paid (or still open) at most a week after its due date counts as paid
 *   on time. A payment made on the due day reaches the account a day or two later, and many
 *   companies pay their suppliers in a weekly payment run: a few days late is how paying works,
 *   not a credit risk, and credit practice reminds before it judges.
 * - poorMaxDaysPastDue 60: an invoice more than 60 days late, paid since or still open, is a
 *   credit risk however well the rest was paid: past the 31–60-day ageing bucket, receivables are
 *   doubtful.
 * - poorOverdueRatio 0.5: more than half the credit limit overdue (past the grace period).
 * - good: at least 95 % of the invoices on time (goodOnTime), none more than 15 days late
 *   (goodMaxDaysPastDue) and at most 10 % of the limit overdue (goodOverdueRatio).
 * - fairMaxDaysPastDue 30 (the credit scheme's cap): an invoice more than a month late keeps a
 *   customer from "good" there.
 *
 * Lateness alone, within two months and with little overdue, makes a customer fair, not poor: a
 * customer who pays every invoice two or three weeks late is a slow payer, for reminders and
 * tighter terms, not a risk whose value grade must be capped.
 */
export const CREDIT_RULES = {
  graceDays: 7,
  goodOnTime: 0.95,
  goodMaxDaysPastDue: 15,
  goodOverdueRatio: 0.1,
  fairMaxDaysPastDue: 30,
  poorMaxDaysPastDue: 60,
  poorOverdueRatio: 0.5,
} as const;

export interface CreditOptions {
  /** Invoices needed before a customer is rated. Default 1. */
  readonly minInvoices?: number;
  /** Days past due that still count as on time; delays within it score as none. Default 7. */
  readonly graceDays?: number;
  /** Good needs at least this on-time share. Default 0.95. */
  readonly goodOnTime?: number;
  /** Good allows at most this many days past due on any invoice. Default 15. */
  readonly goodMaxDaysPastDue?: number;
  /** Good allows at most this overdue ratio. Default 0.1. */
  readonly goodOverdueRatio?: number;
  /** Poor when any invoice was more than this many days past due. Default 60. */
  readonly poorMaxDaysPastDue?: number;
  /** Poor above this overdue ratio. Default 0.5. */
  readonly poorOverdueRatio?: number;
  /** Days past due at which the delay part of the score reaches 0. Default 90. */
  readonly scoreDaysPastDueFloor?: number;
  /** Weights of on-time share, delay and overdue ratio in the score. Default 0.5 / 0.3 / 0.2. */
  readonly weights?: { readonly onTime: number; readonly delay: number; readonly overdue: number };
}

export interface CreditResult {
  readonly grades: CreditGrade[];
  /** 0..100, higher is better; `NaN` for unrated customers. */
  readonly scores: Float64Array;
  /** Overdue amount ÷ credit limit (or ÷ invoiced amount without a limit); `NaN` when neither is known. */
  readonly overdueRatios: Float64Array;
}

/**
 * Grades payment behaviour with CREDIT_RULES. The input's on-time share already counts invoices
 * paid within the grace period as on time (the engine's summary does); the longest delay counts
 * paid and open invoices alike. The overdue ratio is the amount past due divided by the credit
 * limit, or by the amount invoiced in the window when the customer has no limit (0 when nothing
 * is overdue; unknown otherwise, and then it does not count).
 *
 * - unrated: fewer than `minInvoices` (1) invoices, or an unknown on-time share.
 * - poor: an invoice more than 60 days past due, or an overdue ratio above 50 %.
 * - good: at least 95 % on time, no invoice more than 15 days past due, and an overdue ratio of
 *   at most 10 %.
 * - fair: everything between, which is where customers who pay late but within two months are.
 *
 * Score = 100 × (0.5·on-time share + 0.3·(1 − min(delay / 90, 1)) + 0.2·(1 − min(overdue ratio,
 * 1))), where a delay within the grace period is 0; an unknown overdue ratio leaves its weight
 * out. The grade follows the rules above, not the score, so a single very late invoice makes a
 * customer poor however well they otherwise pay; the score then ranks customers inside a grade.
 */
export function creditGrades(input: InvoiceInput, options: CreditOptions = {}): CreditResult {
  const n = customerCount({ ...input });
  const minInvoices = options.minInvoices ?? 1;
  const grace = options.graceDays ?? CREDIT_RULES.graceDays;
  const goodOnTime = options.goodOnTime ?? CREDIT_RULES.goodOnTime;
  const goodDpd = options.goodMaxDaysPastDue ?? CREDIT_RULES.goodMaxDaysPastDue;
  const goodRatio = options.goodOverdueRatio ?? CREDIT_RULES.goodOverdueRatio;
  const poorDpd = options.poorMaxDaysPastDue ?? CREDIT_RULES.poorMaxDaysPastDue;
  const poorRatio = options.poorOverdueRatio ?? CREDIT_RULES.poorOverdueRatio;
  const dpdFloor = options.scoreDaysPastDueFloor ?? 90;
  const weights = options.weights ?? { onTime: 0.5, delay: 0.3, overdue: 0.2 };
  checkRange("minInvoices", minInvoices, 0, Infinity);
  checkRange("graceDays", grace, 0, goodDpd);
  checkRange("goodOnTime", goodOnTime, 0, 1);
  checkRange("goodMaxDaysPastDue", goodDpd, 0, poorDpd);
  checkRange("goodOverdueRatio", goodRatio, 0, poorRatio);
  checkRange("scoreDaysPastDueFloor", dpdFloor, Number.MIN_VALUE, Infinity);
  for (const [name, w] of Object.entries(weights)) checkRange(`weights.${name}`, w, 0, Infinity);
  const { invoiceCount, onTimeShare, maxDaysPastDue, overdueAmount, creditLimit, invoicedAmount } = input;
  const grades = new Array<CreditGrade>(n);
  const scores = new Float64Array(n);
  const ratios = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const overdue = positiveOrZero(overdueAmount[i]!);
    const limit = creditLimit?.[i] ?? Number.NaN;
    const invoiced = invoicedAmount?.[i] ?? Number.NaN;
    const base = limit > 0 ? limit : invoiced > 0 ? invoiced : Number.NaN;
    const ratio = overdue === 0 ? 0 : overdue / base;
    ratios[i] = ratio;
    if (!(invoiceCount[i]! >= minInvoices) || invoiceCount[i]! === 0 || Number.isNaN(onTimeShare[i]!)) {
      grades[i] = "unrated";
      scores[i] = Number.NaN;
      continue;
    }
    const onTime = Math.min(1, Math.max(0, onTimeShare[i]!));
    const dpd = positiveOrZero(maxDaysPastDue[i]!);
    if (dpd > poorDpd || ratio > poorRatio) grades[i] = "poor";
    else if (onTime >= goodOnTime && dpd <= goodDpd && !(ratio > goodRatio)) grades[i] = "good";
    else grades[i] = "fair";
    const known = !Number.isNaN(ratio);
    const weightSum = weights.onTime + weights.delay + (known ? weights.overdue : 0);
    const points =
      weights.onTime * onTime +
      weights.delay * (1 - Math.min((dpd > grace ? dpd : 0) / dpdFloor, 1)) +
      (known ? weights.overdue * (1 - Math.min(ratio, 1)) : 0);
    scores[i] = weightSum > 0 ? (100 * points) / weightSum : Number.NaN;
  }
  return { grades, scores, overdueRatios: ratios };
}
