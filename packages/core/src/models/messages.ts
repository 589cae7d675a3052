import { type Catalog, hasMessage, type Message, registerCatalog } from "../i18n/i18n.ts";
import type { FitProblemCode, NotIdentifiableReason } from "./identifiability.ts";

/** Messages a user meets when customer data cannot support a model fit or a prediction. */
export const modelMessages: Catalog = {
  "models.empty_input": {
    "zh-CN": "没有客户数据，无法拟合 {model} 模型。",
    en: "There are no customers to fit the {model} model to.",
  },
  "models.length_mismatch": {
    "zh-CN": "输入列的长度不一致：{name} 有 {actual} 个值，应为 {expected} 个。",
    en: "The input columns differ in length: {name} has {actual} values; {expected} were expected.",
  },
  "models.invalid_value": {
    "zh-CN": "第 {index} 个客户的 {name} = {value} 无效：必须是有限的非负数。",
    en: "Customer #{index} has an invalid {name} = {value}: it must be a finite, non-negative number.",
  },
  "models.frequency_not_integer": {
    "zh-CN": "第 {index} 个客户的购买频次 x = {value} 不是整数（x 是首次购买之后的重复购买次数）。",
    en: "Customer #{index} has frequency x = {value}, which is not a whole number (x counts the repeat purchases after the first).",
  },
  "models.recency_after_age": {
    "zh-CN":
      "第 {index} 个客户的最近购买时间 t_x = {tx} 大于客户年龄 T = {T}：最后一次购买不能晚于观察期结束。",
    en: "Customer #{index} has recency t_x = {tx} greater than age T = {T}: the last purchase cannot fall after the end of the observation period.",
  },
  "models.recency_without_repeat": {
    "zh-CN": "第 {index} 个客户没有重复购买（x = 0），但最近购买时间 t_x = {tx} 不为 0。",
    en: "Customer #{index} has no repeat purchases (x = 0) but a recency t_x = {tx} other than 0.",
  },
  "models.too_few_repeat_buyers": {
    "zh-CN":
      "只有 {count} 个客户有重复购买，至少需要 {required} 个才能拟合 {model} 模型。请扩大观察期或纳入更多客户。",
    en: "Only {count} customers made a repeat purchase; the {model} model needs at least {required}. Use a longer observation period or more customers.",
  },
  "models.non_positive_spend": {
    "zh-CN": "第 {index} 个客户的平均重复购买金额为 {value}；消费金额模型要求金额大于 0。",
    en: "Customer #{index} has an average repeat purchase value of {value}; the spend model needs values greater than 0.",
  },
  "models.invalid_params": {
    "zh-CN": "{model} 模型参数 {name} = {value} 无效：必须是有限的正数。",
    en: "The {model} model parameter {name} = {value} is invalid: it must be a finite, positive number.",
  },
  "models.invalid_option": {
    "zh-CN": "选项 {name} = {value} 无效：{reason}",
    en: "The option {name} = {value} is invalid: {reason}",
  },
};

/**
 * Why a fit is not trusted (identifiability.ts), keyed by the problem codes. A `model.notIdentifiable`
 * problem names its reason; the reason's own text is `model.notIdentifiable.<reason>`, given to the
 * main text as {reasonText}. Typed per code and reason so that a new one without its text fails to compile.
 */
const fitProblemMessages: Record<FitProblemCode, Message> = {
  "model.notIdentifiable": {
    "zh-CN": "这份数据无法识别 {model} 模型：{reasonText}。",
    en: "The data cannot identify the {model} model: {reasonText}.",
  },
  "model.tooFewRepeatBuyers": {
    "zh-CN": "{model} 模型只有 {repeatBuyers} 个可用的重复购买客户，至少需要 {minimum} 个才能可靠估计。",
    en: "The {model} model needs at least {minimum} customers with usable repeat purchases to be estimated reliably; the data has {repeatBuyers}.",
  },
};

const notIdentifiableReasons: Record<NotIdentifiableReason, Message> = {
  notConverged: {
    "zh-CN": "优化器在 {iterations} 次迭代后仍未收敛",
    en: "the optimizer did not converge in {iterations} iterations",
  },
  gradientNotZero: {
    "zh-CN": "最优点的梯度不为零（KKT1 不满足，最大分量 {maxGradient}）",
    en: "the gradient at the optimum is not zero (KKT1 fails, largest component {maxGradient})",
  },
  hessianNotPositiveDefinite: {
    "zh-CN":
      "最优点的 Hessian 矩阵不是正定的（KKT2 不满足，最小特征值 {smallestEigenvalue}，与最大特征值之比 {eigenvalueRatio}），似然在某个方向上是平的",
    en: "the Hessian at the optimum is not positive definite (KKT2 fails, smallest eigenvalue {smallestEigenvalue}, {eigenvalueRatio} of the largest): the likelihood is flat in some direction",
  },
  standardErrorsMissing: {
    "zh-CN": "参数 {names} 的标准误无法计算（NaN 或无穷大）",
    en: "the standard errors of {names} cannot be computed (NaN or infinite)",
  },
  parameterAtBoundary: {
    "zh-CN": "参数 {name} = {value} 跑到了边界（{bound}），模型退化成了更简单的特例",
    en: "parameter {name} = {value} ran to a boundary ({bound}): the model has degenerated to a simpler special case",
  },
};

function fitProblemCatalog(): Catalog {
  const catalog: Record<string, Message> = { ...fitProblemMessages };
  for (const [reason, message] of Object.entries(notIdentifiableReasons)) {
    catalog[`model.notIdentifiable.${reason}`] = message;
  }
  return catalog;
}

/** Registers the catalog once, whichever model module is loaded first. */
export function registerModelMessages(): void {
  if (!hasMessage("models.empty_input")) {
    registerCatalog(modelMessages);
    registerCatalog(fitProblemCatalog());
  }
}
