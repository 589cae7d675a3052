import { type Catalog, registerCatalog } from "@custra/core/i18n";
import { registerHints } from "../hints.ts";

const catalog = {
  "cli.export.description": {
    "zh-CN":
      "把客户评分（scores）、模型输入汇总（summary）、客户分级（grades）或任务（tasks）导出为 CSV 或 XLSX，供 Excel、BI 或其他分析工具使用",
    en: "export customer scores (scores), the model input summary (summary), customer grades (grades) or tasks (tasks) as CSV or XLSX, for Excel, BI and other analysis tools",
  },
  "cli.export.kind": {
    "zh-CN":
      "导出内容：scores = 一次分析的全部客户评分；summary = lifetimes / PyMC-Marketing 格式的模型输入；grades = 每个方案最近一次分级（等级、评分、规则原因、标记、固定）；tasks = 任务（筛选条件同 tasks list）",
    en: "what to export: scores = every customer's scores of an analysis; summary = model input in the lifetimes / PyMC-Marketing layout; grades = each scheme's latest grades (grade, score, rule reasons, flags, pins); tasks = tasks (filtered as tasks list filters them)",
  },
  "cli.export.format": {
    "zh-CN": "文件格式（默认按 --out 的扩展名）",
    en: "file format (default: from the extension of --out)",
  },
  "cli.export.out": { "zh-CN": "输出文件", en: "output file" },
  "cli.export.run": {
    "zh-CN": "导出哪一次分析（scores）或哪一批分级（grades）；默认最近一次",
    en: "which analysis (scores) or grade run (grades) to export; default: the latest",
  },
  "cli.export.scheme": {
    "zh-CN": "只导出这个分级方案（grades；默认全部方案）",
    en: "only this grading scheme (grades; default: every scheme)",
  },
  "cli.export.owner": { "zh-CN": "负责人（tasks）", en: "owner (tasks)" },
  "cli.export.due": {
    "zh-CN": "到期日不晚于 YYYY-MM-DD（tasks）",
    en: "due on or before YYYY-MM-DD (tasks)",
  },
  "cli.export.taskKind": { "zh-CN": "任务类型（tasks）", en: "task kind (tasks)" },
  "cli.export.status": {
    "zh-CN": "任务状态（tasks；默认 open）",
    en: "task status (tasks; default: open)",
  },
  "cli.export.customer": { "zh-CN": "客户编号（tasks）", en: "customer code (tasks)" },
  "cli.export.asOf": {
    "zh-CN": "汇总截止日期 YYYY-MM-DD（summary；默认最后一笔订单的日期）",
    en: "last day of data, YYYY-MM-DD (summary; default: the date of the last order)",
  },
  "cli.export.timeUnit": {
    "zh-CN": "recency 和 T 的时间单位（summary；默认 week）",
    en: "time unit of recency and T (summary; default: week)",
  },
  "cli.export.needFormat": {
    "zh-CN": "无法从 {out} 判断文件格式，请加 --format csv 或 --format xlsx",
    en: "cannot tell the file format from {out}; add --format csv or --format xlsx",
  },
  "cli.export.onlyFor": {
    "zh-CN": "{option} 只适用于 custra export {kind}",
    en: "{option} applies only to custra export {kind}",
  },
  "cli.export.writing": { "zh-CN": "导出 {file}", en: "exporting {file}" },
  "cli.export.done.scores": {
    "zh-CN": "已导出 {rows} 个客户的评分（分析 #{run}，截止 {asOf}）到 {out}",
    en: "exported the scores of {rows} customers (analysis #{run} as of {asOf}) to {out}",
  },
  "cli.export.done.summary": {
    "zh-CN": "已导出 {rows} 个有购买客户的模型输入（截止 {asOf}，单位：{unit}）到 {out}",
    en: "exported the model input of {rows} customers with purchases (as of {asOf}, in {unit}) to {out}",
  },
  "cli.export.done.grades": {
    "zh-CN": "已导出 {rows} 条客户分级（{runs}）到 {out}",
    en: "exported {rows} customer grades ({runs}) to {out}",
  },
  "cli.export.gradeRun": {
    "zh-CN": "{scheme} 分级 #{runId}，截止 {asOf}",
    en: "{scheme} grade run #{runId} as of {asOf}",
  },
  "cli.export.done.tasks": { "zh-CN": "已导出 {rows} 个任务到 {out}", en: "exported {rows} tasks to {out}" },
  "cli.export.hint.analyze": { "zh-CN": "请先运行 custra analyze", en: "run custra analyze first" },
  "cli.export.hint.run": {
    "zh-CN": "不加 --run 即导出最近一次，或运行 custra analyze 新建分析",
    en: "leave out --run to export the latest, or run custra analyze for a new one",
  },
  "cli.export.hint.orders": {
    "zh-CN": "请先导入订单（custra import orders …）或生成示例数据（custra demo）。",
    en: "Import orders first (custra import orders …) or create the demo company (custra demo).",
  },
  "cli.export.hint.grade": { "zh-CN": "请先运行 custra grade", en: "run custra grade first" },
  "cli.export.unit.week": { "zh-CN": "周", en: "weeks" },
  "cli.export.unit.day": { "zh-CN": "天", en: "days" },
} satisfies Catalog;

registerCatalog(catalog);

registerHints({
  EXPORT_NO_ANALYSIS: "cli.export.hint.analyze",
  EXPORT_RUN_NOT_FOUND: "cli.export.hint.run",
  EXPORT_NO_ORDERS: "cli.export.hint.orders",
  EXPORT_NO_GRADES: "cli.export.hint.grade",
});
