import { type Catalog, hasMessage, type Locale, type Message, registerCatalog, t } from "../i18n/i18n.ts";
import type {
  AbcClass,
  BehaviourStatus,
  ChurnReason,
  CreditGrade,
  LifecycleStage,
  NpsCategory,
  Rfm8Class,
  RfmSegment,
  SegmentCodeKind,
  SegmentCodes,
  ValueTier,
  WarningLevel,
} from "./codes.ts";

// Typed per family so that adding a code without its label fails to compile.
const rfm: Record<RfmSegment, Message> = {
  champions: { "zh-CN": "冠军客户", en: "Champions" },
  loyal: { "zh-CN": "忠诚客户", en: "Loyal customers" },
  potential_loyalist: { "zh-CN": "潜在忠诚客户", en: "Potential loyalists" },
  new_customers: { "zh-CN": "新客户", en: "New customers" },
  promising: { "zh-CN": "有潜力客户", en: "Promising" },
  need_attention: { "zh-CN": "需要关注客户", en: "Need attention" },
  about_to_sleep: { "zh-CN": "即将沉睡客户", en: "About to sleep" },
  at_risk: { "zh-CN": "有流失风险客户", en: "At risk" },
  cant_lose: { "zh-CN": "不能失去的客户", en: "Can't lose them" },
  hibernating: { "zh-CN": "沉睡客户", en: "Hibernating" },
  lost: { "zh-CN": "已流失客户", en: "Lost" },
  no_purchase: { "zh-CN": "未购买客户", en: "No purchase yet" },
};

const rfm8: Record<Rfm8Class, Message> = {
  important_value: { "zh-CN": "重要价值客户", en: "Important value" },
  important_develop: { "zh-CN": "重要发展客户", en: "Important to develop" },
  important_maintain: { "zh-CN": "重要保持客户", en: "Important to keep" },
  important_retain: { "zh-CN": "重要挽留客户", en: "Important to win back" },
  general_value: { "zh-CN": "一般价值客户", en: "General value" },
  general_develop: { "zh-CN": "一般发展客户", en: "General to develop" },
  general_maintain: { "zh-CN": "一般保持客户", en: "General to keep" },
  general_retain: { "zh-CN": "一般挽留客户", en: "General to win back" },
  no_purchase: { "zh-CN": "未购买客户", en: "No purchase yet" },
};

const abc: Record<AbcClass, Message> = {
  A: { "zh-CN": "A 类客户", en: "Class A" },
  B: { "zh-CN": "B 类客户", en: "Class B" },
  C: { "zh-CN": "C 类客户", en: "Class C" },
};

const valueTier: Record<ValueTier, Message> = {
  high: { "zh-CN": "高价值", en: "High value" },
  mid: { "zh-CN": "中价值", en: "Mid value" },
  low: { "zh-CN": "低价值", en: "Low value" },
};

const behaviour: Record<BehaviourStatus, Message> = {
  active: { "zh-CN": "活跃客户", en: "Active" },
  potential: { "zh-CN": "潜在客户", en: "Potential" },
  churned: { "zh-CN": "流失客户", en: "Churned" },
};

const lifecycle: Record<LifecycleStage, Message> = {
  prospect: { "zh-CN": "未成交", en: "Prospect" },
  new: { "zh-CN": "新客期", en: "New" },
  growing: { "zh-CN": "成长期", en: "Growing" },
  mature: { "zh-CN": "成熟期", en: "Mature" },
  declining: { "zh-CN": "衰退期", en: "Declining" },
  lost: { "zh-CN": "流失期", en: "Lost" },
};

const credit: Record<CreditGrade, Message> = {
  good: { "zh-CN": "信用良好", en: "Good credit" },
  fair: { "zh-CN": "信用一般", en: "Fair credit" },
  poor: { "zh-CN": "信用较差", en: "Poor credit" },
  unrated: { "zh-CN": "未评级", en: "Not rated" },
};

const nps: Record<NpsCategory, Message> = {
  promoter: { "zh-CN": "推荐者", en: "Promoter" },
  passive: { "zh-CN": "被动者", en: "Passive" },
  detractor: { "zh-CN": "贬损者", en: "Detractor" },
  csat_only: { "zh-CN": "仅满意度评分", en: "Satisfaction score only" },
  unanswered: { "zh-CN": "未作答", en: "No answer" },
};

const warning: Record<WarningLevel, Message> = {
  none: { "zh-CN": "无预警", en: "No warning" },
  watch: { "zh-CN": "关注", en: "Watch" },
  warning: { "zh-CN": "预警", en: "Warning" },
  critical: { "zh-CN": "严重预警", en: "Critical" },
};

const reason: Record<ChurnReason, Message> = {
  complaints: { "zh-CN": "有投诉记录", en: "Has complained" },
  detractor: { "zh-CN": "最近一次 NPS 评分为贬损者", en: "Latest NPS answer is a detractor" },
  payment_trouble: { "zh-CN": "付款严重逾期", en: "Pays invoices late" },
  falling_order_value: { "zh-CN": "客单价明显下降", en: "Order value is falling" },
  lost_categories: { "zh-CN": "不再购买以前买过的品类", en: "Stopped buying categories" },
  low_satisfaction: {
    "zh-CN": "最近一次满意度评分低（1–2 分）",
    en: "Latest satisfaction score is low (1–2)",
  },
};

const families: { readonly [K in SegmentCodeKind]: Record<SegmentCodes[K], Message> } = {
  rfm,
  rfm8,
  abc,
  valueTier,
  behaviour,
  lifecycle,
  credit,
  nps,
  warning,
  reason,
};

const errors = {
  "segments.length_mismatch": {
    "zh-CN": "输入列 {column} 有 {actual} 个值，应与客户数一致（{expected} 个）。",
    en: "The input column {column} has {actual} values; {expected} (one per customer) were expected.",
  },
  "segments.invalid_option": {
    "zh-CN": "选项 {option} 的值 {value} 无效：{expected}。",
    en: "The option {option} has the invalid value {value}: {expected}.",
  },
  "segments.missing_column": {
    "zh-CN": "缺少输入列 {column}。",
    en: "The input column {column} is missing.",
  },
} satisfies Catalog;

function labelKey(kind: SegmentCodeKind, code: string): string {
  return `segments.${kind}.${code}`;
}

function buildCatalog(): Catalog {
  const catalog: Record<string, Message> = { ...errors };
  for (const [kind, family] of Object.entries(families)) {
    for (const [code, message] of Object.entries(family))
      catalog[labelKey(kind as SegmentCodeKind, code)] = message;
  }
  return catalog;
}

/** Registers the catalog once, whichever module of the folder is loaded first. */
export function registerSegmentMessages(): void {
  if (!hasMessage("segments.length_mismatch")) registerCatalog(buildCatalog());
}

registerSegmentMessages();

export type SegmentMessageKey = keyof typeof errors;

/**
 * The name people see for a code, in `locale`: `label("rfm", "champions", "zh-CN")` is "冠军客户",
 * in en "Champions". The family is part of the call because the same code means different things
 * in different families (a lifecycle stage "lost" is not an RFM "lost"). Callers without a locale
 * get the process's until every caller passes the reader's.
 */
export function label<K extends SegmentCodeKind>(kind: K, code: SegmentCodes[K], locale: Locale): string {
  return t(labelKey(kind, code), {}, locale);
}
