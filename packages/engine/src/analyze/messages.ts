import { type Catalog, registerCatalog } from "@custra/core";

const catalog = {
  // What the CLI adds to these (the commands that fix them) is its hints: cli/src/commands/analyze.messages.ts.
  "analyze.error.noOrders": {
    "zh-CN": "数据库中还没有已完成的订单，无法分析。",
    en: "there are no completed orders to analyse yet.",
  },
  "analyze.error.noRun": { "zh-CN": "还没有分析结果", en: "there is no analysis yet" },
  // The fallback predictors (core models/empirical.ts), used when the data cannot identify a model.
  "analyze.transactionFallback": {
    "zh-CN":
      "购买次数改用经验重复购买率预测（全体客户的重复购买率与客户自身历史加权），不使用 {model} 模型；P(alive) 不作估计（留空），流失风险按距上次购买的时间判断。",
    en: "Purchases are predicted from the empirical repeat rate (the population's repeat rate weighed with each customer's own history) instead of the {model} model; P(alive) is not estimated (left empty) and churn risk follows the time since the last purchase.",
  },
  "analyze.spendFallback": {
    "zh-CN": "每次消费金额改用客户的历史平均值预测（没有可用历史的客户用全体平均值），不使用 {model} 模型。",
    en: "Spend per purchase is predicted from each customer's historical mean (the population's mean where a customer has none) instead of the {model} model.",
  },
} satisfies Catalog;

registerCatalog(catalog);
