import { type Catalog, registerCatalog } from "@custra/core";

const catalog = {
  "backtest.badDate": {
    "zh-CN": "{name} 需要日期 YYYY-MM-DD，得到：{value}",
    en: "{name} needs a date YYYY-MM-DD, got: {value}",
  },
  "backtest.holdoutNotAfterCalibration": {
    "zh-CN":
      "检验期结束日 {holdoutEnd} 必须晚于校准期结束日 {calibrationEnd}：模型要用之后的真实购买来检验。",
    en: "the holdout end {holdoutEnd} must be after the calibration end {calibrationEnd}: the model is checked against purchases made after it.",
  },
  "backtest.noCalibrationPurchases": {
    "zh-CN":
      "校准期结束日 {calibrationEnd} 及之前没有已完成的订单，无法拟合模型。请选一个更晚的校准期结束日，或先导入订单。",
    en: "there are no completed orders on or before the calibration end {calibrationEnd}, so there is nothing to fit the model on. Choose a later calibration end or import orders first.",
  },
  "backtest.tooFewRepeatBuyers": {
    "zh-CN":
      "校准期内只有 {count} 位客户有重复购买，无法拟合 {model} 模型（至少需要 {required} 位）。请选一个更晚的校准期结束日。",
    en: "only {count} customers made a repeat purchase in the calibration period, too few to fit the {model} model (at least {required} are needed). Choose a later calibration end.",
  },
  "backtest.holdoutBeyondData": {
    "zh-CN":
      "最后一笔订单在 {lastOrder}，早于检验期结束日 {holdoutEnd}：之后的购买尚未发生或未导入，实际值会偏低。",
    en: "the last order is dated {lastOrder}, before the holdout end {holdoutEnd}: purchases after it are missing, so the actual counts are too low.",
  },
  "backtest.notIdentified": {
    "zh-CN":
      "数据不足以识别 {model} 模型（原因见上），分析时不会使用它；下面的检验结果正说明这样的拟合偏差有多大。",
    en: "the data do not identify the {model} model (see above), so the analysis would not use it; the results below show how far such a fit is off.",
  },
  "backtest.notConverged": {
    "zh-CN": "{model} 模型拟合未收敛（{iterations} 次迭代），参数和预测可能不准确。",
    en: "the {model} fit did not converge ({iterations} iterations); parameters and predictions may be off.",
  },
} satisfies Catalog;

registerCatalog(catalog);
