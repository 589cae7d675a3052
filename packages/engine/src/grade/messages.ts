import { type Catalog, hasMessage, registerCatalog } from "@custra/core";

/**
 * The engine's grading and task messages. They name fields and states, never commands: what the
 * CLI adds ("run custra analyze") is its hint for the code.
 */
const catalog = {
  "grade.unknown_scheme": {
    "zh-CN": "找不到分级方案：{name}（已有：{known}）",
    en: "no grading scheme named {name} (there are: {known})",
  },
  "grade.unknown_playbook": {
    "zh-CN": "找不到策略手册：{name}（已有：{known}）",
    en: "no playbook named {name} (there are: {known})",
  },
  "grade.noAnalysis": { "zh-CN": "还没有分析结果", en: "there is no analysis yet" },
  "grade.unknownAnalysisRun": { "zh-CN": "找不到分析批次 {run}", en: "there is no analysis run {run}" },
  "grade.unknownGradeRun": { "zh-CN": "找不到分级批次 {run}", en: "there is no grade run {run}" },
  "grade.noGradeRun": {
    "zh-CN": "方案 {scheme} 还没有分级结果",
    en: "scheme {scheme} has not graded anyone yet",
  },
  "grade.differentSchemes": {
    "zh-CN": "分级批次 {from}（{fromScheme}）与 {to}（{toScheme}）属于不同方案，无法比较",
    en: "grade runs {from} ({fromScheme}) and {to} ({toScheme}) belong to different schemes and cannot be compared",
  },
  "grade.needTwoRuns": {
    "zh-CN": "方案 {scheme} 只有 {runs} 次分级，比较迁移至少需要两次",
    en: "scheme {scheme} has {runs} grade run(s); a migration needs two",
  },
  "grade.needBothRuns": {
    "zh-CN": "比较两次分级需要同时给出 from 和 to",
    en: "comparing two grade runs needs both from and to",
  },
  "grade.unknownCustomer": { "zh-CN": "找不到客户：{code}", en: "no customer with code {code}" },
  "grade.notGraded": { "zh-CN": "客户 {code} 还没有分级结果", en: "customer {code} has not been graded yet" },
  "grade.notGradedBy": {
    "zh-CN": "客户 {code} 还没有方案 {scheme} 的分级结果",
    en: "customer {code} has not been graded under scheme {scheme} yet",
  },
  "grade.unknownGrade": {
    "zh-CN": "方案 {scheme} 没有等级 {grade}（可选：{grades}）",
    en: "scheme {scheme} has no grade {grade} (choose from: {grades})",
  },
  "grade.badDate": {
    "zh-CN": "{name} 不是有效日期：{value}（格式 YYYY-MM-DD）",
    en: "{name} is not a valid date: {value} (use YYYY-MM-DD)",
  },
  "grade.noPin": {
    "zh-CN": "客户 {code} 在方案 {scheme} 下没有生效的手工指定",
    en: "customer {code} has no pin in force under scheme {scheme}",
  },
  "grade.pinNeedsReason": {
    "zh-CN": "手工指定等级必须写明理由（reason 不能为空）",
    en: "a pinned grade needs a reason (reason must not be empty)",
  },
  "grade.unknownDimension": {
    "zh-CN": "不能按 {name} 交叉统计（可选：{known}）",
    en: "cannot cross-tabulate by {name} (choose from: {known})",
  },
  "grade.unknownField": {
    "zh-CN": "分级方案用到了未知字段：{fields}（可用：{known}）",
    en: "the grading scheme uses unknown fields: {fields} (available: {known})",
  },
  "grade.file.missing": { "zh-CN": "找不到文件：{file}", en: "no such file: {file}" },
  "grade.file.unreadable": {
    "zh-CN": "无法读取文件 {file}：{problem}",
    en: "cannot read the file {file}: {problem}",
  },
  "grade.file.syntax": {
    "zh-CN": "{file} 第 {line} 行第 {column} 列不是有效的 YAML 或 JSON：{problem}",
    en: "{file}, line {line}, column {column} is not valid YAML or JSON: {problem}",
  },
  "tasks.unknown": { "zh-CN": "找不到任务 {id}", en: "there is no task {id}" },
  "tasks.unknownCampaign": { "zh-CN": "找不到营销活动 {id}", en: "there is no campaign {id}" },
  "tasks.done": {
    "zh-CN": "任务 {id} 已完成，不能再修改",
    en: "task {id} is done and can no longer be changed",
  },
  "tasks.sheet.campaign": { "zh-CN": "营销名单", en: "Campaign list" },
} satisfies Catalog;

export type GradeMessageKey = keyof typeof catalog;

export function registerGradeMessages(): void {
  if (!hasMessage("grade.unknown_scheme")) registerCatalog(catalog);
}

registerGradeMessages();
