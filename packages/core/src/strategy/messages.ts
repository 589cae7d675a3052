import { type Catalog, hasMessage, type Locale, type Message, registerCatalog, t } from "../i18n/i18n.ts";
import {
  type AgingBucket,
  type ContactChannel,
  type OwnerRule,
  type ReasonCode,
  type ReviewPeriod,
  SERVICE_LEVELS,
  type ServiceLevel,
  type StrategyCodeKind,
  type StrategyCodes,
  type TaskKind,
  type TaskPriority,
} from "./codes.ts";

const SERVICE_LEVEL_LIST = SERVICE_LEVELS.join(" | ");

// Typed per family so that adding a code without its label fails to compile.
const kind: Record<TaskKind, Message> = {
  care: { "zh-CN": "客户关怀", en: "Customer care" },
  cadence: { "zh-CN": "定期联系", en: "Regular contact" },
  win_back: { "zh-CN": "流失挽回", en: "Win-back" },
  collection: { "zh-CN": "回款催收", en: "Payment collection" },
  detractor_follow_up: { "zh-CN": "贬损者回访", en: "Detractor follow-up" },
  complaint_escalation: { "zh-CN": "投诉升级", en: "Complaint escalation" },
  key_account_review: { "zh-CN": "大客户回顾", en: "Key-account review" },
  campaign: { "zh-CN": "客群营销活动", en: "Segment campaign" },
};

const channel: Record<ContactChannel, Message> = {
  visit: { "zh-CN": "拜访", en: "Visit" },
  call: { "zh-CN": "电话", en: "Call" },
  wechat: { "zh-CN": "微信", en: "WeChat" },
  email: { "zh-CN": "邮件", en: "Email" },
};

const ownerRule: Record<OwnerRule, Message> = {
  keep: { "zh-CN": "归属负责人", en: "Customer's owner" },
  named_manager: { "zh-CN": "专属客户经理", en: "Named account manager" },
  pool: { "zh-CN": "团队公共池", en: "Team pool" },
};

const serviceLevel: Record<ServiceLevel, Message> = {
  exclusive: { "zh-CN": "专属服务", en: "Dedicated service" },
  priority: { "zh-CN": "优先服务", en: "Priority service" },
  standard: { "zh-CN": "标准服务", en: "Standard service" },
  basic: { "zh-CN": "基础服务", en: "Basic service" },
};

const priority: Record<TaskPriority, Message> = {
  urgent: { "zh-CN": "紧急", en: "Urgent" },
  high: { "zh-CN": "高", en: "High" },
  normal: { "zh-CN": "普通", en: "Normal" },
  low: { "zh-CN": "低", en: "Low" },
};

const agingBucket: Record<AgingBucket, Message> = {
  "1-30": { "zh-CN": "1–30 天", en: "1–30 days" },
  "31-60": { "zh-CN": "31–60 天", en: "31–60 days" },
  "61-90": { "zh-CN": "61–90 天", en: "61–90 days" },
  "90+": { "zh-CN": "90 天以上", en: "over 90 days" },
};

const reviewPeriod: Record<ReviewPeriod, Message> = {
  month: { "zh-CN": "每月", en: "Monthly" },
  quarter: { "zh-CN": "每季度", en: "Quarterly" },
  half_year: { "zh-CN": "每半年", en: "Half-yearly" },
  year: { "zh-CN": "每年", en: "Yearly" },
};

const families: { readonly [K in StrategyCodeKind]: Record<StrategyCodes[K], Message> } = {
  kind,
  channel,
  ownerRule,
  serviceLevel,
  priority,
  agingBucket,
  reviewPeriod,
};

/**
 * Task reasons, filled by `reasonText` from the reason's params (dates as written, money in the
 * company's currency, shares as percentages, codes as their labels).
 */
const reasons: Record<ReasonCode, Message> = {
  care_birthday: { "zh-CN": "生日 {date}", en: "Birthday {date}" },
  care_lunar_birthday: { "zh-CN": "生日（农历）{date}", en: "Birthday (lunar) {date}" },
  care_festival: { "zh-CN": "{festival} {date}", en: "{festival} {date}" },
  cadence_due: {
    "zh-CN": "{channel}周期 {everyDays} 天，上次联系 {last}，已过 {days} 天",
    en: "{channel} every {everyDays} days; last contact {last}, {days} days ago",
  },
  cadence_never: {
    "zh-CN": "{channel}周期 {everyDays} 天，尚无联系记录",
    en: "{channel} every {everyDays} days; never contacted",
  },
  win_back_risk: { "zh-CN": "{level}：流失风险 {risk}{reasons}", en: "{level}: churn risk {risk}{reasons}" },
  win_back_p_alive: { "zh-CN": "存活概率降至 {pAlive}", en: "Probability alive down to {pAlive}" },
  win_back_drop: { "zh-CN": "等级从 {from} 降至 {to}", en: "Grade dropped from {from} to {to}" },
  collection_overdue: {
    "zh-CN": "回款逾期 {bucket}，{amount}（发票 {invoice}，到期日 {dueOn}）",
    en: "Payment overdue {bucket}, {amount} (invoice {invoice}, due {dueOn})",
  },
  detractor: {
    "zh-CN": "NPS 评分 {nps}（{answeredOn}），48 小时内回访",
    en: "NPS score {nps} ({answeredOn}); follow up within 48 hours",
  },
  low_satisfaction: {
    "zh-CN": "满意度评分 {satisfaction}/5（{answeredOn}），48 小时内回访",
    en: "Satisfaction score {satisfaction}/5 ({answeredOn}); follow up within 48 hours",
  },
  complaint_overdue: {
    "zh-CN": "投诉超过处理时限（{dueHours} 小时）仍未解决，发生于 {occurredOn}",
    en: "Complaint still open past its {dueHours}-hour deadline, raised {occurredOn}",
  },
  key_account_review: { "zh-CN": "大客户定期回顾（{period}）", en: "Key-account review ({period})" },
  campaign_segment: {
    "zh-CN": "客群「{segment}」营销活动（{channel}，{period}）：{customers} 位个人客户，名单见任务详情",
    en: "Campaign for {segment} ({channel}, {period}): {customers} individual customers, listed with the task",
  },
};

/** Pieces `reasonText` puts into reasons. */
const reasonParts = {
  "strategy.part.budget": { "zh-CN": "，关怀预算 {budget}", en: ", care budget {budget}" },
  "strategy.part.reasons": { "zh-CN": "；原因：{reasons}", en: "; reasons: {reasons}" },
  "strategy.part.list_separator": { "zh-CN": "、", en: ", " },
  "strategy.part.unknown": { "zh-CN": "未知", en: "unknown" },
  "strategy.part.churn_watch": { "zh-CN": "流失关注", en: "Churn watch" },
  "strategy.part.churn_warning": { "zh-CN": "流失预警", en: "Churn warning" },
  "strategy.part.churn_critical": { "zh-CN": "严重流失预警", en: "Critical churn warning" },
} satisfies Catalog;

const errors = {
  "strategy.invalid_playbook": {
    "zh-CN": "策略手册有误：{issues}",
    en: "The playbook is not valid: {issues}",
  },
  "strategy.invalid_input": {
    "zh-CN": "{path} 的值 {value} 无效：{expected}。",
    en: "{path} has the invalid value {value}: {expected}.",
  },
  "strategy.length_mismatch": {
    "zh-CN": "输入列 {column} 有 {actual} 个值，应与客户数一致（{expected} 个）。",
    en: "The input column {column} has {actual} values; {expected} (one per customer) were expected.",
  },
  "strategy.invalid_option": {
    "zh-CN": "选项 {option} 的值 {value} 无效：{expected}。",
    en: "The option {option} has the invalid value {value}: {expected}.",
  },
} satisfies Catalog;

/** What an input value or option should have been, to fill `strategy.invalid_input` and `invalid_option`. */
const expected = {
  "strategy.expected.date": {
    "zh-CN": "应为 YYYY-MM-DD 格式的日期",
    en: "expected a date written YYYY-MM-DD",
  },
  "strategy.expected.day_number": {
    "zh-CN": "应为日序号（自 1970-01-01 起的整数天数）",
    en: "expected a day number (whole days since 1970-01-01)",
  },
  "strategy.expected.timestamp": {
    "zh-CN": "应为 ISO 8601 时间（如 2026-03-01T08:00:00Z）",
    en: "expected an ISO 8601 time (e.g. 2026-03-01T08:00:00Z)",
  },
  "strategy.expected.amount": { "zh-CN": "应为金额", en: "expected an amount of money" },
  "strategy.expected.nps": { "zh-CN": "应为 0–10 的评分", en: "expected a score from 0 to 10" },
  "strategy.expected.satisfaction": {
    "zh-CN": "应为 1–5 的满意度评分",
    en: "expected a satisfaction score from 1 to 5",
  },
  "strategy.expected.hours": { "zh-CN": "应为大于 0 的小时数", en: "expected a number of hours > 0" },
  "strategy.expected.id": { "zh-CN": "应为非空的编号", en: "expected a non-empty id" },
  "strategy.expected.one_of": { "zh-CN": "应为以下之一：{values}", en: "expected one of {values}" },
  "strategy.expected.range": {
    "zh-CN": "应在 {min} 至 {max} 之间",
    en: "expected a value from {min} to {max}",
  },
  "strategy.expected.playbook": {
    "zh-CN": "应为 parsePlaybook 返回的策略手册",
    en: "expected a playbook returned by parsePlaybook",
  },
} satisfies Catalog;

/** Problems of a playbook document, one per kind of mistake, shown as "path: problem". */
const problems = {
  "strategy.problem.service_level": {
    "zh-CN": `应为 ${SERVICE_LEVEL_LIST} 之一，或自己的中英文写法 {"zh-CN": "…", "en": "…"}`,
    en: `must be one of ${SERVICE_LEVEL_LIST}, or your own wording as {"zh-CN": "…", "en": "…"}`,
  },
  "strategy.problem.name_format": {
    "zh-CN": "应由小写字母、数字和下划线组成，以字母开头（如 value_2026）",
    en: "must be lower-case letters, digits and underscores, starting with a letter (e.g. value_2026)",
  },
  "strategy.problem.duplicate_festival": {
    "zh-CN": "节日 {festival} 重复",
    en: "the festival {festival} is listed twice",
  },
  "strategy.problem.unknown_code": {
    "zh-CN": "{basis} 没有代码 {code}；可用的代码：{codes}",
    en: "{basis} has no code {code}; its codes are {codes}",
  },
  "strategy.problem.regions_required": {
    "zh-CN": '按区域分配（by: region）时应列出区域及负责的团队，如 {"广东": "华南"}',
    en: 'assigning by region (by: region) needs the regions and the team serving each, e.g. {"广东": "华南"}',
  },
} satisfies Catalog;

const names = {
  "strategy.path.root": { "zh-CN": "策略手册", en: "playbook" },
} satisfies Catalog;

function labelKey(family: StrategyCodeKind, code: string): string {
  return `strategy.${family}.${code}`;
}

export function reasonKey(code: ReasonCode): string {
  return `strategy.reason.${code}`;
}

function buildCatalog(): Catalog {
  const catalog: Record<string, Message> = {
    ...errors,
    ...expected,
    ...problems,
    ...names,
    ...reasonParts,
  };
  for (const [family, labels] of Object.entries(families)) {
    for (const [code, message] of Object.entries(labels))
      catalog[labelKey(family as StrategyCodeKind, code)] = message;
  }
  for (const [code, message] of Object.entries(reasons)) catalog[reasonKey(code as ReasonCode)] = message;
  return catalog;
}

/** Registers the catalog once, whichever module of the folder is loaded first. */
export function registerStrategyMessages(): void {
  if (!hasMessage("strategy.invalid_playbook")) registerCatalog(buildCatalog());
}

registerStrategyMessages();

export type StrategyMessageKey = keyof typeof errors;
export type StrategyProblemKey = keyof typeof problems;
export type StrategyPartKey = keyof typeof reasonParts;
export type StrategyExpectedKey = keyof typeof expected;

export function isProblemKey(key: string): key is StrategyProblemKey {
  return key in problems;
}

/**
 * The name people see for a code, in `locale`: `strategyLabel("kind", "win_back", locale)` is
 * "流失挽回" in zh-CN and "Win-back" in en.
 */
export function strategyLabel<K extends StrategyCodeKind>(
  family: K,
  code: StrategyCodes[K],
  locale: Locale,
): string {
  return t(labelKey(family, code), {}, locale);
}
