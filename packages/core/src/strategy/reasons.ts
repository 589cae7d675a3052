/**
 * Task reasons for people. A task stores its reason as a code with params (numbers and codes, not
 * text), so it reads in the language of whoever opens it: `reasonText` fills the reason's message
 * with the params put into words — dates as written, money in the company's currency for the
 * reader's language (formatMoney), shares as percentages, codes as their labels. The currency is passed in (a company setting the caller reads), as core does no I/O.
 */
import { hasMessage, type Locale, t } from "../i18n/i18n.ts";
import "../calendar/messages.ts";
import "../segments/messages.ts";
import { formatMoney } from "../settings/money.ts";
import { reasonKey, type StrategyPartKey } from "./messages.ts";
import type { TaskReason } from "./types.ts";

export interface ReasonTextOptions {
  /** The reader's language. */
  readonly locale: Locale;
  /**
   * The label of a grade code for win-back reasons ("等级从 A 降至 B"); grade labels belong to the
   * grading scheme, so without it the codes are shown as they are.
   */
  readonly gradeLabel?: (code: string) => string;
  /** ISO 4217 code of the amounts (the company's currency setting); default CNY. */
  readonly currency?: string;
}

function part(key: StrategyPartKey, locale: Locale, params: Record<string, string> = {}): string {
  return t(key, params, locale);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The label under `key` if there is one, else the code itself (a code this version does not know). */
function labelOr(key: string, code: string, locale: Locale): string {
  return hasMessage(key) ? t(key, {}, locale) : code;
}

/**
 * The reason in words: `{ code: "collection_overdue", params: { bucket: "31-60", amount: 12300,
 * invoice: "INV-1", dueOn: "2026-01-31" } }` reads "回款逾期 31–60 天，US$12,300（发票 INV-1，到期日
 * 2026-01-31）" in zh-CN for a company whose currency is USD.
 */
export function reasonText(reason: TaskReason, options: ReasonTextOptions): string {
  const { locale } = options;
  const { params } = reason;
  const grade = options.gradeLabel ?? ((code: string) => code);
  const money = (amount: number) => formatMoney(amount, { currency: options.currency, locale });
  const words: Record<string, string | number> = { ...params };
  if (typeof params.festival === "string") {
    words.festival = labelOr(`calendar.occasion.${params.festival}`, params.festival, locale);
  }
  if (typeof params.channel === "string") {
    words.channel = labelOr(`strategy.channel.${params.channel}`, params.channel, locale);
  }
  if (typeof params.bucket === "string") {
    words.bucket = labelOr(`strategy.agingBucket.${params.bucket}`, params.bucket, locale);
  }
  if (typeof params.amount === "number") words.amount = money(params.amount);
  if (typeof params.pAlive === "number") words.pAlive = percent(params.pAlive);
  if (reason.code === "win_back_risk") {
    const level = String(params.level);
    words.level = labelOr(`strategy.part.churn_${level}`, level, locale);
    words.risk =
      typeof params.risk === "number" ? percent(params.risk) : part("strategy.part.unknown", locale);
    const codes =
      typeof params.reasons === "string" && params.reasons !== "" ? params.reasons.split(",") : [];
    words.reasons =
      codes.length === 0
        ? ""
        : part("strategy.part.reasons", locale, {
            reasons: codes
              .map((code) => labelOr(`segments.reason.${code}`, code, locale))
              .join(part("strategy.part.list_separator", locale)),
          });
  }
  if (reason.code === "campaign_segment") {
    const segment = String(params.segment);
    words.segment =
      params.basis === "rfm_segment"
        ? labelOr(`segments.rfm.${segment}`, segment, locale)
        : params.basis === "lifecycle_stage"
          ? labelOr(`segments.lifecycle.${segment}`, segment, locale)
          : grade(segment);
  }
  if (reason.code === "win_back_drop") {
    words.from = grade(String(params.from));
    words.to = grade(String(params.to));
  }
  let text = t(reasonKey(reason.code), words, locale);
  if (typeof params.budget === "number") {
    text += part("strategy.part.budget", locale, { budget: money(params.budget) });
  }
  return text;
}
