import { type Catalog, registerCatalog } from "@custra/core/i18n";
import { registerHints } from "../hints.ts";

/** Texts of `custra grade`, `custra scheme`, `custra playbook` and `custra structure`. */
const grade = {
  "cli.grade.description": {
    "zh-CN":
      "按分级方案给每位客户评分定级（默认方案 value、最近一次分析），保存为一个分级批次；子命令管理手工指定、迁移和解释",
    en: "grade every customer with a grading scheme (default: value, on the latest analysis) and keep the result as a grade run; subcommands manage pins, migration and explanations",
  },
  "cli.grade.run.description": {
    "zh-CN": "按分级方案给每位客户评分定级并保存为分级批次（custra grade 的默认子命令）",
    en: "grade every customer with a scheme and keep the result as a grade run (the default of custra grade)",
  },
  "cli.grade.scheme": { "zh-CN": "分级方案名称（默认 value）", en: "grading scheme name (default: value)" },
  "cli.grade.run": {
    "zh-CN": "对哪一次分析分级（默认最近一次）",
    en: "which analysis run to grade (default: the latest)",
  },
  "cli.grade.preview": {
    "zh-CN": "只预览各等级的分布，不保存",
    en: "only preview the distribution over the grades; save nothing",
  },
  "cli.grade.previewNotSaved": {
    "zh-CN": "这是预览：没有保存任何分级结果",
    en: "this is a preview: no grades were saved",
  },
  "cli.grade.stage.load": { "zh-CN": "读取评分与方案", en: "loading scores and scheme" },
  "cli.grade.stage.grade": { "zh-CN": "评分定级", en: "grading" },
  "cli.grade.stage.write": { "zh-CN": "保存分级结果", en: "saving grades" },
  "cli.grade.header": {
    "zh-CN":
      "{title}（{scheme} 第 {version} 版）：分析 #{analysis}（截止 {asOf}）的 {customers} 个客户，已保存为分级批次 #{gradeRun}",
    en: "{title} ({scheme} v{version}): {customers} customers of analysis #{analysis} (as of {asOf}), saved as grade run #{gradeRun}",
  },
  "cli.grade.headerPreview": {
    "zh-CN":
      "{title}（{scheme} 第 {version} 版）预览：分析 #{analysis}（截止 {asOf}）的 {customers} 个客户，未保存",
    en: "{title} ({scheme} v{version}) preview: {customers} customers of analysis #{analysis} (as of {asOf}), not saved",
  },
  "cli.grade.adjusted": {
    "zh-CN": "规则调整了 {overridden} 个客户的等级，手工指定 {pinned} 个",
    en: "grades changed by rules: {overridden}; pinned by hand: {pinned}",
  },
  "cli.grade.timings": { "zh-CN": "耗时：{list}", en: "time: {list}" },
  "cli.grade.warning": { "zh-CN": "注意：{text}", en: "warning: {text}" },
  "cli.grade.listSeparator": { "zh-CN": "、", en: ", " },
  "cli.grade.code": { "zh-CN": "客户编号", en: "customer code" },

  "cli.grade.col.grade": { "zh-CN": "等级", en: "grade" },
  "cli.grade.col.customers": { "zh-CN": "客户数", en: "customers" },
  "cli.grade.col.customerShare": { "zh-CN": "客户占比", en: "customer share" },
  "cli.grade.col.revenueShare": { "zh-CN": "收入占比", en: "revenue share" },
  "cli.grade.col.clvShare": { "zh-CN": "预测价值占比", en: "CLV share" },
  "cli.grade.col.meanClv": { "zh-CN": "平均预测价值", en: "mean CLV" },
  "cli.grade.col.customer": { "zh-CN": "客户", en: "customer" },
  "cli.grade.col.name": { "zh-CN": "名称", en: "name" },
  "cli.grade.col.scheme": { "zh-CN": "方案", en: "scheme" },
  "cli.grade.col.reason": { "zh-CN": "原因", en: "reason" },
  "cli.grade.col.author": { "zh-CN": "指定人", en: "by" },
  "cli.grade.col.until": { "zh-CN": "有效至", en: "until" },
  "cli.grade.col.pinnedOn": { "zh-CN": "指定日期", en: "pinned on" },
  "cli.grade.col.move": { "zh-CN": "等级变化", en: "from → to" },
  "cli.grade.col.revenue": { "zh-CN": "收入", en: "revenue" },
  "cli.grade.col.field": { "zh-CN": "维度", en: "dimension" },
  "cli.grade.col.value": { "zh-CN": "数值", en: "value" },
  "cli.grade.col.dimensionScore": { "zh-CN": "维度得分", en: "dimension score" },
  "cli.grade.col.weight": { "zh-CN": "权重", en: "weight" },
  "cli.grade.col.contribution": { "zh-CN": "贡献", en: "contribution" },
  "cli.grade.col.rule": { "zh-CN": "规则", en: "rule" },
  "cli.grade.col.effect": { "zh-CN": "作用", en: "effect" },
  "cli.grade.col.applied": { "zh-CN": "是否生效", en: "applied" },
  "cli.grade.col.score": { "zh-CN": "评分", en: "score" },
  "cli.grade.col.asOf": { "zh-CN": "截止", en: "as of" },
  "cli.grade.col.run": { "zh-CN": "分级批次", en: "grade run" },

  "cli.grade.pin.description": {
    "zh-CN": "手工指定客户的等级：在到期或取消前，该方案的分级都以它为准（下次 custra grade 起生效）",
    en: "pin a customer's grade by hand: it beats the score under that scheme until it expires or is removed (from the next custra grade on)",
  },
  "cli.grade.pin.grade": { "zh-CN": "指定的等级代码（如 A）", en: "the grade code to pin (such as A)" },
  "cli.grade.pin.reason": {
    "zh-CN": "原因（必填，会显示在解释中）",
    en: "why (required; shown in explanations)",
  },
  "cli.grade.pin.until": {
    "zh-CN": "最后有效日 YYYY-MM-DD（默认长期有效，直到取消）",
    en: "last day it holds, YYYY-MM-DD (default: until removed)",
  },
  "cli.grade.pin.author": {
    "zh-CN": "指定人（默认 CUSTRA_USER，否则系统用户名）",
    en: "who pins it (default: CUSTRA_USER, else the system user name)",
  },
  "cli.grade.pin.done": {
    "zh-CN": "已将客户 {code} 在方案 {scheme} 下指定为 {grade}，长期有效；下次运行 custra grade 时生效",
    en: "customer {code} is pinned to {grade} under scheme {scheme} until removed; it applies from the next custra grade",
  },
  "cli.grade.pin.doneUntil": {
    "zh-CN": "已将客户 {code} 在方案 {scheme} 下指定为 {grade}，有效至 {until}；下次运行 custra grade 时生效",
    en: "customer {code} is pinned to {grade} under scheme {scheme} until {until}; it applies from the next custra grade",
  },
  "cli.grade.unpin.description": {
    "zh-CN": "取消客户在某方案下的手工指定",
    en: "remove a customer's pin under a scheme",
  },
  "cli.grade.unpin.done": {
    "zh-CN": "已取消客户 {code} 在方案 {scheme} 下的手工指定；下次运行 custra grade 时按评分定级",
    en: "removed the pin of customer {code} under scheme {scheme}; the next custra grade grades it by score",
  },
  "cli.grade.pins.description": {
    "zh-CN": "列出手工指定的等级（含已过期、未取消的）",
    en: "list pinned grades (expired ones not yet removed included)",
  },
  "cli.grade.pins.scheme": { "zh-CN": "只看这个方案（默认全部）", en: "only this scheme (default: all)" },
  "cli.grade.pins.none": { "zh-CN": "没有手工指定的等级", en: "no pinned grades" },
  "cli.grade.pins.forever": { "zh-CN": "长期", en: "until removed" },
  "cli.grade.pins.expired": { "zh-CN": "{until}（已过期）", en: "{until} (expired)" },

  "cli.grade.migration.description": {
    "zh-CN":
      "比较同一方案的两次分级：等级迁移矩阵（人数与收入）、升降级合计、新增与流失，以及从重点等级下滑的客户",
    en: "compare two grade runs of a scheme: the migration matrix (customers and revenue), moves up and down, new and gone customers, and the customers who fell from the top grades",
  },
  "cli.grade.migration.from": {
    "zh-CN": "较早的分级批次（与 --to 一起使用；默认该方案的倒数第二次）",
    en: "the earlier grade run (with --to; default: the scheme's second latest)",
  },
  "cli.grade.migration.to": {
    "zh-CN": "较晚的分级批次（与 --from 一起使用；默认该方案的最近一次）",
    en: "the later grade run (with --from; default: the scheme's latest)",
  },
  "cli.grade.migration.limit": {
    "zh-CN": "最多列出多少个下滑客户（按收入从高到低，默认 20）",
    en: "how many fallen customers to list, most revenue first (default 20)",
  },
  "cli.grade.migration.header": {
    "zh-CN": "{title}（{scheme}）等级迁移：分级批次 #{from}（截止 {fromAsOf}）→ #{to}（截止 {toAsOf}）",
    en: "{title} ({scheme}) migration: grade run #{from} (as of {fromAsOf}) → #{to} (as of {toAsOf})",
  },
  "cli.grade.migration.counts": {
    "zh-CN": "客户数（行：原等级，列：新等级）",
    en: "Customers (rows: earlier grade, columns: later grade)",
  },
  "cli.grade.migration.revenue": {
    "zh-CN": "收入（按新批次的分析，行：原等级，列：新等级）",
    en: "Revenue (from the later run's analysis; rows: earlier grade, columns: later grade)",
  },
  "cli.grade.migration.corner": { "zh-CN": "原 \\ 新", en: "from \\ to" },
  "cli.grade.migration.total": { "zh-CN": "合计", en: "total" },
  "cli.grade.migration.moves": {
    "zh-CN": "升级 {up} 个客户（收入 {upRevenue}），不变 {same} 个，降级 {down} 个（收入 {downRevenue}）",
    en: "moved up: {up} (revenue {upRevenue}); same grade: {same}; moved down: {down} (revenue {downRevenue})",
  },
  "cli.grade.migration.newGone": {
    "zh-CN": "新增 {new} 个客户（收入 {newRevenue}），不再出现 {gone} 个",
    en: "new: {new} (revenue {newRevenue}); gone: {gone}",
  },
  "cli.grade.migration.newExplained": {
    "zh-CN": "新增客户在 {fromAsOf} 时尚不存在（之后注册或首次下单），不计入升降级；按新等级：{byGrade}",
    en: "new customers did not exist yet on {fromAsOf} (registered or first ordering later) and are not counted as moves; by their grade: {byGrade}",
  },
  "cli.grade.migration.goneExplained": {
    "zh-CN": "不再出现的客户不在后一次分级中，按原等级：{byGrade}",
    en: "gone customers are not in the later grading; by their earlier grade: {byGrade}",
  },
  "cli.grade.migration.noDrops": {
    "zh-CN": "没有客户从重点等级（{top}）下滑",
    en: "no customer fell from the top grades ({top})",
  },
  "cli.grade.migration.drops": {
    "zh-CN": "从重点等级（{top}）下滑的客户：{count} 个",
    en: "customers who fell from the top grades ({top}): {count}",
  },
  "cli.grade.migration.dropsSome": {
    "zh-CN": "从重点等级（{top}）下滑的客户：{count} 个，按收入列出前 {shown} 个（--limit 可调整）",
    en: "customers who fell from the top grades ({top}): {count}; the {shown} with the most revenue (see --limit)",
  },

  "cli.grade.explain.description": {
    "zh-CN": "解释客户为什么是这个等级：各维度得分、权重与贡献，命中的规则、标记和手工指定",
    en: "explain why a customer has its grade: each dimension's score, weight and contribution, the rules that matched, flags and pins",
  },
  "cli.grade.explain.scheme": {
    "zh-CN": "只解释这个方案（默认所有已分级的方案）",
    en: "only this scheme (default: every scheme that graded the customer)",
  },
  "cli.grade.history.description": {
    "zh-CN": "客户在历次分级中的等级（按方案，从早到晚）",
    en: "a customer's grade in every grade run (by scheme, oldest first)",
  },
  "cli.grade.history.header": { "zh-CN": "客户 {code} 的分级历史", en: "grade history of customer {code}" },
  "cli.grade.history.pinned": { "zh-CN": "（手工指定）", en: "(pinned)" },
  "cli.grade.explain.header": {
    "zh-CN": "客户 {code} · {title}（{scheme} 第 {version} 版），分级批次 #{gradeRun}，截止 {asOf}",
    en: "Customer {code} · {title} ({scheme} v{version}), grade run #{gradeRun} as of {asOf}",
  },
  "cli.grade.explain.grade": {
    "zh-CN": "等级：{grade}（评分 {score}）",
    en: "Grade: {grade} (score {score})",
  },
  "cli.grade.explain.gradeChanged": {
    "zh-CN": "等级：{grade}（评分 {score}，按评分应为 {scoreGrade}）",
    en: "Grade: {grade} (score {score}, which alone gives {scoreGrade})",
  },
  "cli.grade.explain.score": {
    "zh-CN": "各维度贡献合计即评分：{score}",
    en: "the contributions add up to the score: {score}",
  },
  "cli.grade.explain.skipped": { "zh-CN": "不计入", en: "left out" },
  "cli.grade.explain.uninformative": {
    "zh-CN": "{score}（无区分度，不计入）",
    en: "{score} (tells no one apart: left out)",
  },
  "cli.grade.explain.rules": { "zh-CN": "命中的规则：", en: "Rules that matched:" },
  "cli.grade.explain.applied": { "zh-CN": "生效", en: "yes" },
  "cli.grade.explain.notApplied": {
    "zh-CN": "未生效（被其他规则或手工指定取代）",
    en: "no (another rule or a pin decided)",
  },
  "cli.grade.explain.flags": { "zh-CN": "标记：{flags}", en: "Flags: {flags}" },
  "cli.grade.explain.pin": {
    "zh-CN": "手工指定：{grade}，原因：{reason}（{author} 指定，长期有效）",
    en: "Pinned to {grade}: {reason} (by {author}, until removed)",
  },
  "cli.grade.explain.pinUntil": {
    "zh-CN": "手工指定：{grade}，原因：{reason}（{author} 指定，有效至 {until}）",
    en: "Pinned to {grade}: {reason} (by {author}, until {until})",
  },
  "cli.grade.explain.pinGone": {
    "zh-CN": "分级时有手工指定，之后已取消或到期",
    en: "A pin decided this grade; it has since been removed or expired",
  },
  "cli.grade.effect.set": { "zh-CN": "定为 {grade}", en: "set to {grade}" },
  "cli.grade.effect.atLeast": { "zh-CN": "至少 {grade}", en: "at least {grade}" },
  "cli.grade.effect.atMost": { "zh-CN": "最高 {grade}", en: "at most {grade}" },
  "cli.grade.effect.flag": { "zh-CN": "标记 {flag}", en: "flag {flag}" },

  "cli.grade.customer.grades": { "zh-CN": "分级：", en: "Grades:" },
  "cli.grade.customer.notGraded": {
    "zh-CN": "尚未分级（运行 custra grade）",
    en: "not graded yet (run custra grade)",
  },
  "cli.grade.customer.pinned": { "zh-CN": "（手工指定）", en: "(pinned)" },
} satisfies Catalog;

const scheme = {
  "cli.scheme.scheme.description": {
    "zh-CN": "管理分级方案：列出、查看（YAML）、从 YAML 或 JSON 文件导入新版本，查看可用字段",
    en: "manage grading schemes: list, show (as YAML), import a new version from a YAML or JSON file, list the fields they can use",
  },
  "cli.scheme.scheme.list": {
    "zh-CN": "列出分级方案（各自的最新版本）",
    en: "list grading schemes (latest versions)",
  },
  "cli.scheme.scheme.show": {
    "zh-CN": "以 YAML 显示分级方案，可修改后再导入",
    en: "show a grading scheme as YAML, to edit and import again",
  },
  "cli.scheme.scheme.import": {
    "zh-CN": "从 YAML 或 JSON 文件导入分级方案；内容有变化时保存为新版本，相同则不变",
    en: "import a grading scheme from a YAML or JSON file; a changed one is saved as the next version, an unchanged one changes nothing",
  },
  "cli.scheme.scheme.name": { "zh-CN": "方案名称", en: "scheme name" },
  "cli.scheme.scheme.added": {
    "zh-CN": "已保存分级方案 {name} 第 {version} 版；用 custra grade --scheme {name} 分级",
    en: "saved grading scheme {name} version {version}; grade with custra grade --scheme {name}",
  },
  "cli.scheme.scheme.unchanged": {
    "zh-CN": "分级方案 {name} 与第 {version} 版相同，没有新增版本",
    en: "grading scheme {name} is the same as version {version}; no version added",
  },
  "cli.scheme.playbook.description": {
    "zh-CN": "管理策略手册（每个等级的服务标准、联系频率、负责人规则与任务）：列出、查看（YAML）、导入新版本",
    en: "manage playbooks (service level, contact cadence, owner rule and tasks per grade): list, show (as YAML), import a new version",
  },
  "cli.scheme.playbook.list": {
    "zh-CN": "列出策略手册（各自的最新版本）",
    en: "list playbooks (latest versions)",
  },
  "cli.scheme.playbook.show": {
    "zh-CN": "以 YAML 显示策略手册，可修改后再导入",
    en: "show a playbook as YAML, to edit and import again",
  },
  "cli.scheme.playbook.import": {
    "zh-CN": "从 YAML 或 JSON 文件导入策略手册；内容有变化时保存为新版本，相同则不变",
    en: "import a playbook from a YAML or JSON file; a changed one is saved as the next version, an unchanged one changes nothing",
  },
  "cli.scheme.playbook.name": { "zh-CN": "策略手册名称", en: "playbook name" },
  "cli.scheme.playbook.added": {
    "zh-CN": "已保存策略手册 {name} 第 {version} 版；下次 custra tasks generate 起使用",
    en: "saved playbook {name} version {version}; custra tasks generate uses it from now on",
  },
  "cli.scheme.playbook.unchanged": {
    "zh-CN": "策略手册 {name} 与第 {version} 版相同，没有新增版本",
    en: "playbook {name} is the same as version {version}; no version added",
  },
  "cli.scheme.version": { "zh-CN": "显示哪一版（默认最新）", en: "which version (default: the latest)" },
  "cli.scheme.file": { "zh-CN": "YAML 或 JSON 文件", en: "YAML or JSON file" },
  "cli.scheme.col.name": { "zh-CN": "名称", en: "name" },
  "cli.scheme.col.version": { "zh-CN": "版本", en: "version" },
  "cli.scheme.col.title": { "zh-CN": "标题", en: "title" },
  "cli.scheme.col.grades": { "zh-CN": "等级", en: "grades" },
  "cli.scheme.col.basis": { "zh-CN": "依据", en: "keyed by" },
  "cli.scheme.col.created": { "zh-CN": "保存日期", en: "saved on" },
  "cli.scheme.basis.grade": { "zh-CN": "方案 {scheme} 的等级", en: "grades of scheme {scheme}" },
  "cli.scheme.basis.rfm_segment": { "zh-CN": "RFM 细分", en: "RFM segments" },
  "cli.scheme.basis.lifecycle_stage": { "zh-CN": "生命周期阶段", en: "lifecycle stages" },
  "cli.scheme.fields.description": {
    "zh-CN": "列出分级方案可以使用的字段（维度和规则条件）",
    en: "list the fields a grading scheme can use (dimensions and rule conditions)",
  },
  "cli.scheme.fields.col.field": { "zh-CN": "字段", en: "field" },
  "cli.scheme.fields.col.kind": { "zh-CN": "类型", en: "kind" },
  "cli.scheme.fields.col.label": { "zh-CN": "含义", en: "meaning" },
  "cli.scheme.fields.col.values": { "zh-CN": "取值", en: "values" },
  "cli.scheme.fields.kind.numeric": { "zh-CN": "数值", en: "numeric" },
  "cli.scheme.fields.kind.categorical": { "zh-CN": "分类", en: "categorical" },
} satisfies Catalog;

const structure = {
  "cli.structure.description": {
    "zh-CN": "客户结构分析：按一个或多个维度（如等级 × 行业）交叉统计客户数、收入与预测价值及其占比",
    en: "customer structure: customers, revenue and predicted value with their shares, cross-tabulated by one or more dimensions (such as grade × industry)",
  },
  "cli.structure.by": {
    "zh-CN": "按哪些维度，逗号分隔（默认 grade）；可选：{known}",
    en: "dimensions, comma-separated (default: grade); choose from: {known}",
  },
  "cli.structure.scheme": {
    "zh-CN": "grade 维度取哪个方案的最近一次分级（默认 value）",
    en: "the scheme whose latest grades the grade dimension means (default: value)",
  },
  "cli.structure.run": {
    "zh-CN": "用哪一次分析（默认最近一次）",
    en: "which analysis run (default: the latest)",
  },
  "cli.structure.badDimension": {
    "zh-CN": "不能按 {name} 统计；可选：{known}",
    en: "cannot break down by {name}; choose from: {known}",
  },
  "cli.structure.noDimension": {
    "zh-CN": "--by 至少需要一个维度；可选：{known}",
    en: "--by needs at least one dimension; choose from: {known}",
  },
  "cli.structure.header": {
    "zh-CN": "客户结构：按 {by}（分析 #{run}）",
    en: "Customer structure by {by} (analysis #{run})",
  },
  "cli.structure.headerGraded": {
    "zh-CN": "客户结构：按 {by}（分析 #{run}，方案 {scheme} 分级批次 #{gradeRun}）",
    en: "Customer structure by {by} (analysis #{run}, scheme {scheme} grade run #{gradeRun})",
  },
  "cli.structure.none": { "zh-CN": "（未填）", en: "(none)" },
  "cli.structure.total": { "zh-CN": "合计", en: "total" },
  "cli.structure.col.customers": { "zh-CN": "客户数", en: "customers" },
  "cli.structure.col.customerShare": { "zh-CN": "客户占比", en: "customer share" },
  "cli.structure.col.revenue": { "zh-CN": "收入", en: "revenue" },
  "cli.structure.col.revenueShare": { "zh-CN": "收入占比", en: "revenue share" },
  "cli.structure.col.clvShare": { "zh-CN": "预测价值占比", en: "CLV share" },
  "cli.structure.dimension.grade": { "zh-CN": "等级", en: "grade" },
  "cli.structure.dimension.industry": { "zh-CN": "行业", en: "industry" },
  "cli.structure.dimension.province": { "zh-CN": "省份", en: "province" },
  "cli.structure.dimension.city": { "zh-CN": "城市", en: "city" },
  "cli.structure.dimension.owner": { "zh-CN": "负责人", en: "owner" },
  "cli.structure.dimension.customer_type": { "zh-CN": "客户类型", en: "customer type" },
  "cli.structure.dimension.needs_type": { "zh-CN": "需求类型", en: "needs" },
  "cli.structure.dimension.value_tier": { "zh-CN": "价值分层", en: "value tier" },
  "cli.structure.dimension.lifecycle_stage": { "zh-CN": "生命周期", en: "lifecycle stage" },
  "cli.structure.dimension.abc_class": { "zh-CN": "ABC 分类", en: "ABC class" },
  "cli.structure.dimension.rfm_segment": { "zh-CN": "RFM 细分", en: "RFM segment" },
  "cli.structure.dimension.rfm_class": { "zh-CN": "RFM 八类", en: "RFM class" },
  "cli.structure.dimension.behaviour_status": { "zh-CN": "购买行为", en: "purchase behaviour" },
  "cli.structure.dimension.credit_grade": { "zh-CN": "信用等级", en: "credit grade" },
  "cli.structure.dimension.churn_warning": { "zh-CN": "流失预警", en: "churn warning" },
  "cli.structure.needs.functional": { "zh-CN": "功能型需求", en: "functional" },
  "cli.structure.needs.emotional": { "zh-CN": "情感型需求", en: "emotional" },
  "cli.structure.needs.value": { "zh-CN": "价值型需求", en: "value" },
} satisfies Catalog;

/** What the CLI adds to the engine's grading errors: the command that fixes them. */
const hints = {
  "cli.hint.grade.analyze": { "zh-CN": "请先运行 custra analyze", en: "run custra analyze first" },
  "cli.hint.grade.grade": {
    "zh-CN": "请先运行 custra grade --scheme {scheme}",
    en: "run custra grade --scheme {scheme} first",
  },
  "cli.hint.grade.gradeAny": { "zh-CN": "请先运行 custra grade", en: "run custra grade first" },
  "cli.hint.grade.fromTo": {
    "zh-CN": "也可以用 --from 和 --to 指定两次分级批次",
    en: "or name the two grade runs with --from and --to",
  },
  "cli.hint.grade.bothRuns": { "zh-CN": "--from 和 --to 需要同时指定", en: "--from and --to go together" },
  "cli.hint.grade.reason": { "zh-CN": "--reason 不能为空", en: "--reason must not be empty" },
} satisfies Catalog;

registerCatalog({ ...grade, ...scheme, ...structure, ...hints });
registerHints({
  GRADE_NO_ANALYSIS: "cli.hint.grade.analyze",
  RECOMMENDATION_NO_RUNS: "cli.hint.grade.analyze",
  GRADE_NO_GRADE_RUN: "cli.hint.grade.grade",
  GRADE_NOT_GRADED: "cli.hint.grade.gradeAny",
  GRADE_NOT_GRADED_BY: "cli.hint.grade.grade",
  GRADE_NEED_TWO_RUNS: "cli.hint.grade.fromTo",
  GRADE_NEED_BOTH_RUNS: "cli.hint.grade.bothRuns",
  GRADE_PIN_NEEDS_REASON: "cli.hint.grade.reason",
});
