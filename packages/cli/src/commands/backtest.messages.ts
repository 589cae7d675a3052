import { type Catalog, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "cli.backtest.description": {
    "zh-CN": "回测交易模型：用校准期数据拟合，预测检验期每位客户的购买次数，并与实际对比，看预测有多可信",
    en: "backtest the transaction model: fit it up to the calibration end, predict each customer's purchases in the holdout and compare them with what happened, to see how far to trust the numbers",
  },
  "cli.backtest.calibrationEnd": {
    "zh-CN": "校准期结束日（含）：模型只看到这一天及之前的订单",
    en: "last day of the calibration period: the model sees orders up to this day",
  },
  "cli.backtest.holdoutEnd": {
    "zh-CN": "检验期结束日（含）：检验期为校准期结束日之后到这一天",
    en: "last day of the holdout period, which starts the day after the calibration end",
  },
  "cli.backtest.timeUnit": { "zh-CN": "模型时间单位", en: "time unit of the model" },
  "cli.backtest.model": { "zh-CN": "交易模型", en: "transaction model" },
  "cli.backtest.stage.summary": { "zh-CN": "汇总校准期", en: "calibration summary" },
  "cli.backtest.stage.fit": { "zh-CN": "拟合", en: "fit" },
  "cli.backtest.stage.holdout": { "zh-CN": "统计检验期购买", en: "holdout purchases" },
  "cli.backtest.stage.predict": { "zh-CN": "预测与对比", en: "predict and compare" },
  "cli.backtest.unit.week": { "zh-CN": "周", en: "weeks" },
  "cli.backtest.unit.day": { "zh-CN": "天", en: "days" },
  "cli.backtest.period.week": { "zh-CN": "周", en: "week" },
  "cli.backtest.period.day": { "zh-CN": "天", en: "day" },
  "cli.backtest.header": {
    "zh-CN":
      "回测：用 {calibrationEnd} 及之前首次购买的 {customers} 位客户（{repeatBuyers} 位有重复购买）拟合，检验 {calibrationEnd} 之后到 {holdoutEnd} 的 {length} {unit}",
    en: "Backtest: fitted on the {customers} customers who first bought by {calibrationEnd} ({repeatBuyers} bought again), checked on the {length} {unit} to {holdoutEnd}",
  },
  "cli.backtest.bgnbd": {
    "zh-CN": "BG/NBD：r {r}，alpha {alpha}，a {a}，b {b}，对数似然 {ll}（{state}）",
    en: "BG/NBD: r {r}, alpha {alpha}, a {a}, b {b}, log-likelihood {ll} ({state})",
  },
  "cli.backtest.paretoNbd": {
    "zh-CN": "Pareto/NBD：r {r}，alpha {alpha}，s {s}，beta {beta}，对数似然 {ll}（{state}）",
    en: "Pareto/NBD: r {r}, alpha {alpha}, s {s}, beta {beta}, log-likelihood {ll} ({state})",
  },
  "cli.backtest.converged": { "zh-CN": "已收敛", en: "converged" },
  "cli.backtest.notConverged": { "zh-CN": "未收敛", en: "not converged" },
  "cli.backtest.totals": {
    "zh-CN": "检验期重复购买：实际 {actual} 次，预测 {predicted} 次（预测/实际 {ratio}）",
    en: "Repeat purchases in the holdout: actual {actual}, predicted {predicted} (predicted / actual {ratio})",
  },
  "cli.backtest.errors": {
    "zh-CN": "每位客户：平均绝对误差 {mae} 次，均方根误差 {rmse} 次，实际与预测的相关系数 {correlation}",
    en: "Per customer: mean absolute error {mae}, root mean squared error {rmse}, correlation of actual and predicted {correlation}",
  },
  "cli.backtest.byFrequency": {
    "zh-CN": "按校准期重复购买次数：检验期平均购买次数（Fader、Hardie 与 Lee 2005 图 2）",
    en: "By repeat purchases in the calibration period: mean purchases in the holdout (Fader, Hardie & Lee 2005, Figure 2)",
  },
  "cli.backtest.col.x": { "zh-CN": "校准期重复购买", en: "calibration repeats" },
  "cli.backtest.col.customers": { "zh-CN": "客户数", en: "customers" },
  "cli.backtest.col.meanActual": { "zh-CN": "实际均值", en: "mean actual" },
  "cli.backtest.col.meanPredicted": { "zh-CN": "预测均值", en: "mean predicted" },
  "cli.backtest.tracking": {
    "zh-CN": "累计重复购买：实际与模型期望（从各客户首次购买算起；Fader、Hardie 与 Lee 2005 图 1）",
    en: "Cumulative repeat purchases, actual and expected by the model from each customer's first purchase (Fader, Hardie & Lee 2005, Figure 1)",
  },
  "cli.backtest.col.date": { "zh-CN": "截至", en: "to" },
  "cli.backtest.col.actual": { "zh-CN": "实际", en: "actual" },
  "cli.backtest.col.expected": { "zh-CN": "期望", en: "expected" },
  "cli.backtest.col.difference": { "zh-CN": "偏差", en: "difference" },
  "cli.backtest.timings": { "zh-CN": "耗时：{list}", en: "time: {list}" },
} satisfies Catalog;

registerCatalog(catalog);
