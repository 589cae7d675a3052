import { renderText, type Text, text } from "../errors/text.ts";
import { type Catalog, hasMessage, type Locale, type Message, registerCatalog, t } from "../i18n/i18n.ts";
import type { GradingWarning } from "./evaluate.ts";
import type { GradingField } from "./fields.ts";
import type { UninformativeReason } from "./normalize.ts";

// Typed so that adding a field without its label fails to compile.
const fields: Record<GradingField, Message> = {
  clv: { "zh-CN": "预测客户终身价值（CLV）", en: "Predicted lifetime value (CLV)" },
  revenue: { "zh-CN": "历史价值（累计销售额）", en: "Historical value (revenue to date)" },
  revenue_12m: { "zh-CN": "近 12 个月销售额", en: "Revenue, last 12 months" },
  margin: { "zh-CN": "毛利", en: "Gross margin" },
  profitability: { "zh-CN": "盈利能力", en: "Profitability" },
  orders: { "zh-CN": "订单数（购买频次）", en: "Orders (purchase frequency)" },
  recency_days: { "zh-CN": "最近一次购买距今天数", en: "Days since the last purchase" },
  p_alive: { "zh-CN": "存活概率", en: "Probability alive" },
  expected_purchases: { "zh-CN": "预期购买次数", en: "Expected purchases" },
  churn_risk: { "zh-CN": "流失风险", en: "Churn risk" },
  credit_score: { "zh-CN": "信用分", en: "Credit score" },
  loyalty: { "zh-CN": "忠诚度指数", en: "Loyalty index" },
  nps: { "zh-CN": "最近一次 NPS 评分（0–10）", en: "Latest NPS answer (0–10)" },
  satisfaction: { "zh-CN": "最近一次满意度评分（1–5）", en: "Latest satisfaction score (1–5)" },
  growth_potential: {
    "zh-CN": "增长潜力（预测价值 − 近 12 个月销售额）",
    en: "Growth potential (CLV − revenue of the last 12 months)",
  },
  max_days_past_due: { "zh-CN": "最长逾期天数", en: "Longest days past due" },
  overdue_amount: { "zh-CN": "逾期金额", en: "Overdue amount" },
  overdue_ratio: { "zh-CN": "逾期比例（逾期金额 ÷ 信用额度）", en: "Overdue ratio (overdue ÷ credit limit)" },
  on_time_share: { "zh-CN": "按时付款比例", en: "On-time payment share" },
  open_complaints: { "zh-CN": "未结投诉数", en: "Open complaints" },
  r_score: { "zh-CN": "R 分（最近购买）", en: "R score (recency)" },
  f_score: { "zh-CN": "F 分（购买频次）", en: "F score (frequency)" },
  m_score: { "zh-CN": "M 分（消费金额）", en: "M score (monetary)" },
  rfm_segment: { "zh-CN": "RFM 客户分群", en: "RFM segment" },
  rfm_class: { "zh-CN": "RFM 八类客户", en: "RFM eight classes" },
  abc_class: { "zh-CN": "ABC 分类", en: "ABC class" },
  value_tier: { "zh-CN": "价值层级", en: "Value tier" },
  behaviour_status: { "zh-CN": "购买行为状态", en: "Purchase behaviour" },
  lifecycle_stage: { "zh-CN": "生命周期阶段", en: "Lifecycle stage" },
  credit_grade: { "zh-CN": "信用等级", en: "Credit grade" },
  churn_warning: { "zh-CN": "流失预警", en: "Churn warning" },
  nps_category: { "zh-CN": "NPS 类别", en: "NPS category" },
  industry: { "zh-CN": "行业", en: "Industry" },
  province: { "zh-CN": "省份", en: "Province" },
  city: { "zh-CN": "城市", en: "City" },
  customer_type: { "zh-CN": "客户类型", en: "Customer type" },
  needs_type: { "zh-CN": "需求类型", en: "Needs type" },
  owner: { "zh-CN": "负责人", en: "Owner" },
};

const errors = {
  "grading.invalid_scheme": {
    "zh-CN": "评级方案无效：{issues}",
    en: "The grading scheme is invalid: {issues}",
  },
  "grading.unknown_field": {
    "zh-CN": "{where} 使用了字段 {field}，但输入数据中没有该字段。可用的字段：{available}。",
    en: "{where} uses the field {field}, which the input does not have. Available fields: {available}.",
  },
  "grading.field_kind": {
    "zh-CN": "{where} 需要{expected}字段，但输入中的 {field} 是{actual}字段。",
    en: "{where} needs a {expected} field, but {field} in the input is {actual}.",
  },
  "grading.length_mismatch": {
    "zh-CN": "输入列 {column} 有 {actual} 个值，应与客户数一致（{expected} 个）。",
    en: "The input column {column} has {actual} values; {expected} (one per customer) were expected.",
  },
  "grading.unknown_grade": {
    "zh-CN": "{where} 的等级 {grade} 不在方案 {scheme} 中；方案的等级为：{grades}。",
    en: "{where} names the grade {grade}, which the scheme {scheme} does not have; its grades are {grades}.",
  },
  "grading.invalid_option": {
    "zh-CN": "选项 {option} 的值 {value} 无效：{expected}。",
    en: "The option {option} has the invalid value {value}: {expected}.",
  },
  "grading.duplicate_customer": {
    "zh-CN": "{where} 中客户 {customerId} 出现了不止一次。",
    en: "The customer {customerId} appears more than once in {where}.",
  },
  "grading.duplicate_pin": {
    "zh-CN": "客户 {customerId} 有不止一个有效的手动指定等级（pins[{first}] 与 pins[{second}]）。",
    en: "The customer {customerId} has more than one active pin (pins[{first}] and pins[{second}]).",
  },
} satisfies Catalog;

// What is wrong with one place in a scheme; the path comes before it: "dimensions[2].weight: must be > 0".
const problems = {
  "grading.problem.code_format": {
    "zh-CN": "只能由小写字母、数字和下划线组成，并以字母开头",
    en: "must be lowercase letters, digits and underscores, starting with a letter",
  },
  "grading.problem.grade_code_format": {
    "zh-CN": "不能为空，也不能以空格开头或结尾",
    en: "must not be empty or start or end with a space",
  },
  "grading.problem.missing_policy": {
    "zh-CN": '必须是 0–100 的分数，或 "skip"（不计入该维度）',
    en: 'must be a score from 0 to 100, or "skip" (leave the dimension out)',
  },
  "grading.problem.duplicate_grade": {
    "zh-CN": "等级代码 {grade} 重复",
    en: "the grade code {grade} is used twice",
  },
  "grading.problem.duplicate_field": {
    "zh-CN": "字段 {field} 已在 dimensions[{first}] 中使用",
    en: "the field {field} is already used by dimensions[{first}]",
  },
  "grading.problem.unknown_grade": {
    "zh-CN": "等级 {grade} 不存在（方案的等级为：{grades}）",
    en: "the grade {grade} does not exist (the grades are {grades})",
  },
  "grading.problem.missing_share": {
    "zh-CN": "缺少等级 {grade} 的占比（只有最后一个等级可以省略，它获得其余客户）",
    en: "the share of grade {grade} is missing (only the last grade may be left out: it takes the rest)",
  },
  "grading.problem.shares_over_one": {
    "zh-CN": "各等级占比之和为 {sum}，不能超过 1",
    en: "the shares add up to {sum}, more than 1",
  },
  "grading.problem.shares_not_one": {
    "zh-CN": "写出所有等级的占比时，占比之和必须为 1（现为 {sum}）",
    en: "when every grade has a share, the shares must add up to 1 (they add up to {sum})",
  },
  "grading.problem.missing_threshold": {
    "zh-CN": "缺少等级 {grade} 的最低分（只有最后一个等级没有最低分，它获得其余客户）",
    en: "the minimum score of grade {grade} is missing (only the last grade has none: it takes the rest)",
  },
  "grading.problem.last_threshold": {
    "zh-CN": "最后一个等级 {grade} 获得其余所有客户，不能设置最低分",
    en: "the last grade {grade} takes every remaining customer and cannot have a minimum score",
  },
  "grading.problem.threshold_order": {
    "zh-CN": "必须低于上一等级 {previous} 的最低分 {limit}",
    en: "must be below the minimum score {limit} of the grade above, {previous}",
  },
  "grading.problem.band_order": {
    "zh-CN": "各档的起点必须严格递增，应大于上一档的 {limit}",
    en: "band minimums must be strictly ascending: must be > {limit}, the band before",
  },
  "grading.problem.minmax_range": {
    "zh-CN": "max 必须大于 min（{limit}）",
    en: "max must be greater than min ({limit})",
  },
  "grading.problem.direction_fixed_scores": {
    "zh-CN": "{method} 方法的分数已经写明，不能再指定方向；请直接调整各档分数",
    en: "the {method} method spells out its scores, so it takes no direction; set the scores instead",
  },
  "grading.problem.needs_numeric": {
    "zh-CN": "{field} 是分类字段，不能用 {method}；分类字段请用 map",
    en: "{field} is categorical and cannot use {method}; use map for categorical fields",
  },
  "grading.problem.needs_categorical": {
    "zh-CN": "{field} 是数值字段，不能用 map；数值字段请用 bands、rank 或 minmax",
    en: "{field} is numeric and cannot use map; use bands, rank or minmax for numeric fields",
  },
  "grading.problem.unknown_code": {
    "zh-CN": "{field} 没有取值 {code}（可用的取值：{codes}）",
    en: "{field} has no value {code} (its values are {codes})",
  },
  "grading.problem.one_effect": {
    "zh-CN": "每条规则必须恰好有一个效果：set、atLeast、atMost 或 flag",
    en: "each rule needs exactly one effect: set, atLeast, atMost or flag",
  },
  "grading.problem.one_test": {
    "zh-CN": "条件必须是 in（分类字段）或 lt/lte/gt/gte/eq 比较（数值字段）中的一种",
    en: "a condition needs either in (categorical fields) or lt/lte/gt/gte/eq comparisons (numeric fields)",
  },
  "grading.problem.in_on_numeric": {
    "zh-CN": "{field} 是数值字段，请用 lt/lte/gt/gte/eq 比较",
    en: "{field} is numeric: compare it with lt/lte/gt/gte/eq",
  },
  "grading.problem.compare_on_categorical": {
    "zh-CN": "{field} 是分类字段，请用 in 列出取值",
    en: "{field} is categorical: list its values with in",
  },
} satisfies Catalog;

// Typed per reason, so that a new reason without its text fails to compile.
const uninformativeReasons: Record<UninformativeReason, Message> = {
  no_values: { "zh-CN": "没有任何客户有该值", en: "no customer has a value" },
  constant: {
    "zh-CN": "所有客户的值都相同（相差不到百万分之一）",
    en: "every customer has the same value (to one part in a million)",
  },
};

const warnings = {
  "grading.warning.uninformative_dimension": {
    "zh-CN":
      "方案 {scheme} 的维度“{label}”（{dimension}）无法区分客户：{reason}。本次评分未计入该维度，其权重按比例分给其他维度。",
    en: "Scheme {scheme}: the dimension {label} ({dimension}) tells no customer apart: {reason}. It was left out of this grading; its weight went to the other dimensions in proportion.",
  },
} satisfies Catalog;

const names = {
  "grading.kind.numeric": { "zh-CN": "数值", en: "numeric" },
  "grading.kind.categorical": { "zh-CN": "分类", en: "categorical" },
  "grading.path.root": { "zh-CN": "方案", en: "scheme" },
} satisfies Catalog;

function fieldKey(field: string): string {
  return `grading.field.${field}`;
}

function buildCatalog(): Catalog {
  const catalog: Record<string, Message> = { ...errors, ...problems, ...warnings, ...names };
  for (const [field, message] of Object.entries(fields)) catalog[fieldKey(field)] = message;
  for (const [reason, message] of Object.entries(uninformativeReasons)) {
    catalog[`grading.uninformative.${reason}`] = message;
  }
  return catalog;
}

/** Registers the catalog once, whichever module of the folder is loaded first. */
export function registerGradingMessages(): void {
  if (!hasMessage("grading.invalid_scheme")) registerCatalog(buildCatalog());
}

registerGradingMessages();

export type GradingMessageKey = keyof typeof errors;
export type GradingProblemKey = keyof typeof problems;

/** A problem key, for custom zod messages that are translated when the error is built. */
export function isProblemKey(key: string): key is GradingProblemKey {
  return key in problems;
}

/** The name of a field kind, to fill a message. */
export function kindName(kind: "numeric" | "categorical"): Text {
  return text(`grading.kind.${kind}`);
}

/**
 * The name people see for a field in `locale`: `fieldLabel("recency_days", "zh-CN")` is
 * "最近一次购买距今天数" in zh-CN. A field of the installation's own has no label and shows as
 * its name.
 */
export function fieldLabel(field: string, locale: Locale): string {
  const key = fieldKey(field);
  return hasMessage(key) ? t(key, {}, locale) : field;
}

const WARNING_KEYS: Record<GradingWarning["code"], keyof typeof warnings> = {
  GRADING_UNINFORMATIVE_DIMENSION: "grading.warning.uninformative_dimension",
};

/** A grading warning as Text, with the field's and the reason's names, for the reader's language. */
export function gradingWarningAsText(warning: GradingWarning): Text {
  const { params } = warning;
  const key = fieldKey(params.dimension);
  return text(WARNING_KEYS[warning.code], {
    ...params,
    label: hasMessage(key) ? text(key) : params.dimension,
    reason: text(`grading.uninformative.${params.reason}`),
  });
}

/** A grading warning as a sentence in `locale`. */
export function gradingWarningText(warning: GradingWarning, locale: Locale): string {
  return renderText(gradingWarningAsText(warning), locale);
}
