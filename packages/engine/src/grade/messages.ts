import { type Catalog, registerCatalog } from "@custra/core";

const catalog = {
  "grade.unknown_scheme": {
    "zh-CN": "找不到分级方案：{name}（已有：{known}）",
    en: "no grading scheme named {name} (there are: {known})",
  },
  "grade.unknown_playbook": {
    "zh-CN": "找不到策略手册：{name}（已有：{known}）",
    en: "no playbook named {name} (there are: {known})",
  },
  "grade.noAnalysis": {
    "zh-CN": "还没有分析结果，请先运行 custra analyze",
    en: "there is no analysis yet; run custra analyze first",
  },
  "grade.unknownAnalysisRun": { "zh-CN": "找不到分析批次 {run}", en: "there is no analysis run {run}" },
  "grade.unknownGradeRun": { "zh-CN": "找不到分级批次 {run}", en: "there is no grade run {run}" },
  "grade.noGradeRun": {
    "zh-CN": "方案 {scheme} 还没有分级结果，请先运行 custra grade --scheme {scheme}",
    en: "scheme {scheme} has not graded anyone yet; run custra grade --scheme {scheme} first",
  },
  "grade.differentSchemes": {
    "zh-CN": "分级批次 {from}（{fromScheme}）与 {to}（{toScheme}）属于不同方案，无法比较",
    en: "grade runs {from} ({fromScheme}) and {to} ({toScheme}) belong to different schemes and cannot be compared",
  },
  "grade.unknownCustomer": { "zh-CN": "找不到客户：{code}", en: "no customer with code {code}" },
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
  "grade.needTwoRuns": {
    "zh-CN": "方案 {scheme} 只有 {runs} 次分级，比较迁移至少需要两次（或用 --from 和 --to 指定批次）",
    en: "scheme {scheme} has {runs} grade run(s); a migration needs two (or name them with --from and --to)",
  },
  "grade.unknownDimension": {
    "zh-CN": "不能按 {name} 交叉统计（可选：{known}）",
    en: "cannot cross-tabulate by {name} (choose from: {known})",
  },
  "grade.unknownField": {
    "zh-CN": "分级方案用到了未知字段：{fields}（可用：{known}）",
    en: "the grading scheme uses unknown fields: {fields} (available: {known})",
  },
  "tasks.unknown": { "zh-CN": "找不到任务 {id}", en: "there is no task {id}" },
} satisfies Catalog;

registerCatalog(catalog);
