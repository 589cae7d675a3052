/**
 * The three schemes that ship with custra. They are plain data, the same as a scheme read from
 * a YAML file, so a company can start from one, change a weight or a share and save it as its own
 * version. Field names are the engine's (GRADING_FIELDS).
 */
import { CREDIT_RULES } from "../segments/credit.ts";
import type { GradingScheme } from "./scheme.ts";

/**
 * 客户价值分级 — value grading, A/B/C/D, the customer pyramid of classic CRM practice: a few key
 * customers who get the best people and service, then major, regular and small customers.
 *
 * - Shares 10 % / 20 % / 30 % / 40 %: grades by target shares rather than score thresholds, so
 *   that the size of the A group matches the service capacity reserved for it however the
 *   business grows or shrinks. Customer value is concentrated (on the demo company the top fifth
 *   by predicted value holds 86 % of it), so the top tenth is where a named manager pays: there
 *   A holds about half of all predicted value, even after poor payers are capped at C.
 * - Future value leads (predicted CLV 45 %): grades decide where effort goes next, and a customer
 *   who bought a lot but has stopped is worth less than the record says. Past value (revenue
 *   20 %) keeps the grade grounded when the model knows little about a customer; margin (15 %)
 *   keeps low-margin volume buyers from the top; purchase frequency (10 %) and recency (10 %,
 *   fewer days is better) measure whether the relationship is alive: the F and R of RFM.
 * - Every dimension is normalised by rank: money is heavy-tailed, and min-max would squeeze all
 *   but the largest customers to nearly zero. Customers without a value (never bought) score 0.
 * - Poor credit caps a customer at C: top service to a customer who does not pay is a loss.
 *   Poor is the analysis's payment rule (CREDIT_RULES): an invoice more than 60 days late or more
 *   than half the credit limit overdue, after a 7-day grace period. One invoice paid a few days
 *   late, a cash sale, or a customer who pays a few weeks late is not poor and keeps its grade.
 * - An open complaint raises a flag, whatever the grade, for a follow-up task.
 */
export const VALUE_SCHEME: GradingScheme = {
  name: "value",
  version: 1,
  title: { "zh-CN": "客户价值分级", en: "Customer value grading" },
  description: {
    "zh-CN":
      "按预测终身价值、历史价值、毛利、购买频次和最近购买时间加权评分，按客户金字塔比例分为 A（前 10 %）、B（其后 20 %）、C（其后 30 %）、D（其余）四级。信用较差的客户最高为 C 级；有未结投诉的客户加标记。",
    en: "Weighted score of predicted lifetime value, historical value, margin, purchase frequency and recency; graded by the customer pyramid: A the top 10 %, B the next 20 %, C the next 30 %, D the rest. Customers with poor credit are at most C; open complaints are flagged.",
  },
  grades: [
    { code: "A", label: { "zh-CN": "A 级 · 重要客户", en: "A · Key customers" } },
    { code: "B", label: { "zh-CN": "B 级 · 主要客户", en: "B · Major customers" } },
    { code: "C", label: { "zh-CN": "C 级 · 普通客户", en: "C · Regular customers" } },
    { code: "D", label: { "zh-CN": "D 级 · 小客户", en: "D · Small customers" } },
  ],
  dimensions: [
    { field: "clv", weight: 0.45, normalize: { method: "rank" } },
    { field: "revenue", weight: 0.2, normalize: { method: "rank" } },
    { field: "margin", weight: 0.15, normalize: { method: "rank" } },
    { field: "orders", weight: 0.1, normalize: { method: "rank" } },
    { field: "recency_days", weight: 0.1, normalize: { method: "rank" }, direction: "lower_is_better" },
  ],
  assign: { method: "shares", shares: { A: 0.1, B: 0.2, C: 0.3 } },
  overrides: [
    {
      when: { field: "credit_grade", in: ["poor"] },
      atMost: "C",
      reason: { "zh-CN": "信用较差，最高为 C 级", en: "Poor credit: at most C" },
    },
    {
      when: { field: "open_complaints", gt: 0 },
      flag: "open_complaint",
      reason: { "zh-CN": "有未结投诉", en: "Has an open complaint" },
    },
  ],
};

/**
 * B2B 大客户分级 — key-account tiering: strategic / core / potential / ordinary (战略客户 /
 * 核心客户 / 潜力客户 / 普通客户), the tiers of key-account management, where strategic accounts
 * get an account plan, a team and executive contact.
 *
 * - Score thresholds rather than shares: a strategic account must be strong on every count, not
 *   just in the top few percent of one, and the number of strategic accounts follows from how
 *   many deserve it, not from a quota. The value dimensions are ranked, so the thresholds read
 *   as percentiles: about the top tenth on value with good credit and fair loyalty (88) is
 *   strategic, the top quarter (75) core, the better half (60) potential. On a synthetic B2B
 *   base that gives about 3–4 % strategic, 13 % core and 20 % potential accounts.
 * - Value this year (revenue of the last 12 months 25 %), margin (20 %) and predicted lifetime
 *   value (20 %) measure what the account is worth; growth potential (predicted − recent value,
 *   10 %) rewards accounts whose best years lie ahead; loyalty (10 %, already 0–100, so fixed
 *   bounds keep its meaning between runs) and credit (15 %) measure how safe the relationship is.
 * - Key-account management is for organisations: individual customers are at most ordinary.
 * - Poor credit caps an account at core: no strategic commitments to a customer who pays late.
 * - A growing account (revenue up by more than a fifth on the year before) is at least potential,
 *   so development effort reaches it before it is large.
 * - Churn warnings and open complaints are flagged for the account review.
 */
export const KEY_ACCOUNT_SCHEME: GradingScheme = {
  name: "key_account",
  version: 1,
  title: { "zh-CN": "B2B 大客户分级", en: "B2B key-account tiers" },
  description: {
    "zh-CN":
      "按近 12 个月销售额、毛利、预测终身价值、增长潜力、忠诚度和信用加权评分：88 分及以上为战略客户，75 分及以上为核心客户，60 分及以上为潜力客户，其余为普通客户。个人客户最高为普通客户；信用较差的客户最高为核心客户；销售额增长中的客户至少为潜力客户。",
    en: "Weighted score of revenue in the last 12 months, margin, predicted lifetime value, growth potential, loyalty and credit: strategic from 88, core from 75, potential from 60, ordinary below. Individual customers are at most ordinary; poor credit caps at core; growing accounts are at least potential.",
  },
  grades: [
    { code: "strategic", label: { "zh-CN": "战略客户", en: "Strategic" } },
    { code: "core", label: { "zh-CN": "核心客户", en: "Core" } },
    { code: "potential", label: { "zh-CN": "潜力客户", en: "Potential" } },
    { code: "ordinary", label: { "zh-CN": "普通客户", en: "Ordinary" } },
  ],
  dimensions: [
    { field: "revenue_12m", weight: 0.25, normalize: { method: "rank" } },
    { field: "margin", weight: 0.2, normalize: { method: "rank" } },
    { field: "clv", weight: 0.2, normalize: { method: "rank" } },
    { field: "growth_potential", weight: 0.1, normalize: { method: "rank" } },
    { field: "loyalty", weight: 0.1, normalize: { method: "minmax", min: 0, max: 100 } },
    {
      field: "credit_grade",
      weight: 0.15,
      normalize: { method: "map", scores: { good: 100, fair: 60, unrated: 50, poor: 0 } },
    },
  ],
  assign: { method: "thresholds", min: { strategic: 88, core: 75, potential: 60 } },
  overrides: [
    {
      when: { field: "customer_type", in: ["individual"] },
      atMost: "ordinary",
      reason: { "zh-CN": "个人客户不纳入大客户管理", en: "Individuals are not key accounts" },
    },
    {
      when: { field: "credit_grade", in: ["poor"] },
      atMost: "core",
      reason: { "zh-CN": "信用较差，最高为核心客户", en: "Poor credit: at most core" },
    },
    {
      when: { field: "lifecycle_stage", in: ["growing"] },
      atLeast: "potential",
      reason: { "zh-CN": "销售额增长中，至少为潜力客户", en: "Growing revenue: at least potential" },
    },
    {
      when: { field: "churn_warning", in: ["warning", "critical"] },
      flag: "churn_warning",
      reason: { "zh-CN": "有流失预警", en: "Churn warning" },
    },
    {
      when: { field: "open_complaints", gt: 0 },
      flag: "open_complaint",
      reason: { "zh-CN": "有未结投诉", en: "Has an open complaint" },
    },
  ],
};

/**
 * 信用分级 — credit grading: good / fair / risky (优质 / 一般 / 高风险), the classic credit
 * scorecard with knock-out rules, for credit limits, payment terms and collection. Its numbers
 * are the payment rules of the analysis (CREDIT_RULES in segments/credit.ts), written out here as
 * data so that a company can change them in its own version of the scheme.
 *
 * - Grace period: 7 days. An invoice paid (or still open) at most a week after its due date is
 *   on time: the analysis counts it so in the on-time share and leaves it out of the overdue
 *   amount, and the days-past-due bands below score 0–7 days like 0. A payment made on the due
 *   day arrives a day or two later, and many companies pay in a weekly run. A cash sale (due on
 *   the day of issue and paid that day) is 0 days late.
 * - The credit score (40 %, already 0–100: fixed bounds) sums up payment history; the three
 *   payment facts add the steps credit managers work with, as fixed bands so that a grade
 *   means the same in every run and for every company size:
 *   - longest days past due of any invoice, paid late or still open (25 %), in the receivables
 *     ageing buckets after the grace period: up to 7 days 100, 8–30 days 70, 31–60 days 40,
 *     61–90 days 15, beyond 90 days 0;
 *   - overdue amount ÷ credit limit (20 %): under 10 % 100, under 30 % 60, under 50 % 30, else 0;
 *   - share of invoices paid on time (15 %): 95 % and more 100, 85 % 70, 70 % 40, below 0.
 *   Unknown facts (no credit limit) score 50: neither reward nor punish what we do not know.
 * - Good from a score of 80; below it fair. Only the knock-outs make a customer risky: a score is
 *   a blend, and a customer who pays every invoice three weeks late scores low (about 45) but is a
 *   slow payer, for reminders and tighter terms, not a risk. A fixed scorecard, not a share,
 *   because credit risk is absolute: if every customer pays well, every customer may be good.
 * - Knock-outs, as in every scorecard: customers without an invoice due yet cannot be judged and
 *   are fair (standard terms until there is a history); an invoice more than 60 days late (past
 *   the 31–60-day bucket, paid since or not), or more than half the credit limit overdue, is
 *   risky: these are the analysis's "poor", so the value scheme's "poor credit → at most C" and
 *   this scheme's "risky" are the same customers; an invoice more than 30 days late keeps a
 *   customer from good, however well the rest looks.
 * - Any overdue amount (past the grace period) raises a flag for a collection task.
 */
export const CREDIT_SCHEME: GradingScheme = {
  name: "credit",
  version: 1,
  title: { "zh-CN": "信用分级", en: "Credit grading" },
  description: {
    "zh-CN":
      "按信用分、最长逾期天数（账龄区间）、逾期比例和按时付款比例加权评分：80 分及以上为优质，其余为一般。到期后 7 天内付款视为按时（宽限期）。有发票逾期超过 60 天或逾期金额超过信用额度一半的客户为高风险；尚无到期发票的客户为一般；有发票逾期超过 30 天的客户最高为一般；有逾期金额的客户加催收标记。",
    en: "Weighted score of the credit score, longest days past due (ageing buckets), overdue ratio and on-time share: good from 80, fair below. Paying within 7 days of the due date counts as on time (grace period). An invoice more than 60 days late or more than half the credit limit overdue makes a customer high risk; customers without an invoice due yet are fair; an invoice more than 30 days late caps at fair; overdue amounts are flagged for collection.",
  },
  grades: [
    { code: "good", label: { "zh-CN": "优质", en: "Good" } },
    { code: "fair", label: { "zh-CN": "一般", en: "Fair" } },
    { code: "risky", label: { "zh-CN": "高风险", en: "High risk" } },
  ],
  dimensions: [
    { field: "credit_score", weight: 0.4, normalize: { method: "minmax", min: 0, max: 100 }, missing: 50 },
    {
      field: "max_days_past_due",
      weight: 0.25,
      normalize: {
        method: "bands",
        bands: [
          { min: 0, score: 100 },
          { min: CREDIT_RULES.graceDays + 1, score: 70 },
          { min: CREDIT_RULES.fairMaxDaysPastDue + 1, score: 40 },
          { min: CREDIT_RULES.poorMaxDaysPastDue + 1, score: 15 },
          { min: 91, score: 0 },
        ],
      },
      missing: 50,
    },
    {
      field: "overdue_ratio",
      weight: 0.2,
      normalize: {
        method: "bands",
        bands: [
          { min: 0, score: 100 },
          { min: CREDIT_RULES.goodOverdueRatio, score: 60 },
          { min: 0.3, score: 30 },
          { min: CREDIT_RULES.poorOverdueRatio, score: 0 },
        ],
      },
      missing: 50,
    },
    {
      field: "on_time_share",
      weight: 0.15,
      normalize: {
        method: "bands",
        bands: [
          { min: 0, score: 0 },
          { min: 0.7, score: 40 },
          { min: 0.85, score: 70 },
          { min: CREDIT_RULES.goodOnTime, score: 100 },
        ],
      },
      missing: 50,
    },
  ],
  assign: { method: "thresholds", min: { good: 80, fair: 0 } },
  overrides: [
    {
      when: { field: "credit_grade", in: ["unrated"] },
      set: "fair",
      reason: { "zh-CN": "尚无到期发票，按一般信用对待", en: "No invoice due yet: treated as fair" },
    },
    {
      when: { field: "max_days_past_due", gt: CREDIT_RULES.poorMaxDaysPastDue },
      set: "risky",
      reason: { "zh-CN": "有发票逾期超过 60 天", en: "An invoice was more than 60 days late" },
    },
    {
      when: { field: "overdue_ratio", gt: CREDIT_RULES.poorOverdueRatio },
      set: "risky",
      reason: {
        "zh-CN": "逾期金额超过信用额度的一半",
        en: "More than half the credit limit is overdue",
      },
    },
    {
      when: { field: "max_days_past_due", gt: CREDIT_RULES.fairMaxDaysPastDue },
      atMost: "fair",
      reason: { "zh-CN": "有发票逾期超过 30 天", en: "An invoice was more than 30 days late" },
    },
    {
      when: { field: "overdue_amount", gt: 0 },
      flag: "overdue",
      reason: { "zh-CN": "有逾期未付金额，需要催收", en: "Overdue amount to collect" },
    },
  ],
};

/** The ready-made schemes by name. */
export const BUILTIN_SCHEMES: Readonly<Record<string, GradingScheme>> = {
  value: VALUE_SCHEME,
  key_account: KEY_ACCOUNT_SCHEME,
  credit: CREDIT_SCHEME,
};
