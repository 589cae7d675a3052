import { type Catalog, registerCatalog } from "@custra/core/i18n";
import { registerHints } from "./hints.ts";

const catalog = {
  "cli.description": {
    "zh-CN": "custra —— 客户结构管理：导入客户与交易数据，分类、分级、估值，并把分级变成行动。",
    en: "custra — customer structure management: import customer and transaction data, classify, grade and value customers, and turn grades into work.",
  },
  "cli.option.db": {
    "zh-CN":
      "数据库：DuckDB 文件路径或 postgres://… 连接串（默认取 DATABASE_URL，否则 ./data/custra.duckdb）",
    en: "database: a DuckDB file path or a postgres://… URL (default: DATABASE_URL, else ./data/custra.duckdb)",
  },
  "cli.option.lang": { "zh-CN": "界面语言：zh-CN 或 en", en: "language: zh-CN or en" },
  "cli.option.json": {
    "zh-CN": "以 JSON 输出（标准输出只有一个 JSON 文档）",
    en: "print one JSON document on stdout",
  },
  "cli.help.examples": { "zh-CN": "示例：", en: "Examples:" },
  "cli.help.option": { "zh-CN": "显示帮助", en: "show help" },
  "cli.help.command": { "zh-CN": "显示某个命令的帮助", en: "show help for a command" },
  "cli.error.usage": {
    "zh-CN": "用法错误：{message}（加 --help 查看用法）",
    en: "usage error: {message} (add --help for usage)",
  },
  "cli.error.prefix": { "zh-CN": "错误：", en: "error: " },
  "cli.error.unexpected": {
    "zh-CN": "内部错误：{message}（请附上此信息报告问题）",
    en: "internal error: {message} (please report this with the message)",
  },
  "cli.error.badNumber": {
    "zh-CN": "{option} 需要一个正整数，得到：{value}",
    en: "{option} needs a positive whole number, got: {value}",
  },
  "cli.error.badDate": {
    "zh-CN": "{option} 需要日期 YYYY-MM-DD，得到：{value}",
    en: "{option} needs a date YYYY-MM-DD, got: {value}",
  },
  "cli.error.badEntity": {
    "zh-CN": "未知的数据类型：{value}，可选：{choices}",
    en: "unknown entity: {value}; choose one of: {choices}",
  },

  "cli.demo.description": {
    "zh-CN": "生成一家确定性的示例公司（客户、订单、发票、互动、问卷……），写入数据库或导出为 CSV",
    en: "generate a deterministic demo company (customers, orders, invoices, interactions, surveys…) into the database or as CSV files",
  },
  "cli.demo.customers": { "zh-CN": "客户数量", en: "number of customers" },
  "cli.demo.seed": { "zh-CN": "随机种子（相同种子生成相同数据）", en: "random seed (same seed, same data)" },
  "cli.demo.asOf": {
    "zh-CN": "数据截止日期 YYYY-MM-DD（默认今天）",
    en: "last day of the data, YYYY-MM-DD (default today)",
  },
  "cli.demo.out": {
    "zh-CN": "输出目录：每类数据一个 CSV（<entity>.csv），不写数据库",
    en: "output directory: one CSV per entity (<entity>.csv) instead of the database",
  },

  "cli.demo.generating": { "zh-CN": "生成示例数据", en: "generating demo data" },
  "cli.demo.done": {
    "zh-CN": "已生成示例公司：{customers} 个客户，{orders} 笔订单，用时 {seconds} 秒",
    en: "demo company generated: {customers} customers, {orders} orders in {seconds} s",
  },
  "cli.demo.next": {
    "zh-CN": "已写入 {db}；查看概况：custra db info",
    en: "written to {db}; for an overview: custra db info",
  },
  "cli.demo.file": { "zh-CN": "文件", en: "file" },
  "cli.demo.written": { "zh-CN": "CSV 文件已写入 {dir}", en: "CSV files written to {dir}" },

  "cli.import.description": {
    "zh-CN": "从 CSV（UTF-8 或 GBK）或 XLSX 导入一类数据；整个文件要么全部写入，要么不写",
    en: "import one entity from CSV (UTF-8 or GBK) or XLSX; a file is written whole or not at all",
  },
  "cli.import.entity": { "zh-CN": "数据类型：{choices}", en: "entity: {choices}" },
  "cli.import.file": { "zh-CN": "CSV 或 XLSX 文件", en: "CSV or XLSX file" },
  "cli.import.sheet": { "zh-CN": "XLSX 工作表名（默认第一个）", en: "XLSX sheet name (default: the first)" },
  "cli.import.map": {
    "zh-CN": "列映射 列名=字段，可重复",
    en: "column mapping column=field, repeatable",
  },
  "cli.import.skipInvalid": {
    "zh-CN": "跳过错误行，只写入正确的行（错误行仍会列出）",
    en: "write the good rows and skip the bad ones (still listed)",
  },
  "cli.import.dryRun": { "zh-CN": "只校验，不写入", en: "validate only, write nothing" },
  "cli.import.createCustomers": {
    "zh-CN": "为未知的客户编号自动新建客户（适用于纯交易流水）",
    en: "create bare customers for unknown customer codes (for a plain transaction log)",
  },
  "cli.import.reading": { "zh-CN": "读取 {file}", en: "reading {file}" },
  "cli.import.checking": { "zh-CN": "检查 {file}", en: "checking {file}" },
  "cli.import.writing": { "zh-CN": "写入 {file}", en: "writing {file}" },

  "cli.analyze.description": {
    "zh-CN": "分析客户结构：RFM、ABC、价值分层、生命周期、信用、流失风险，BG/NBD + Gamma-Gamma 预测客户价值",
    en: "analyse the customer structure: RFM, ABC, value tiers, lifecycle, credit, churn risk, and predicted value with BG/NBD + Gamma-Gamma",
  },
  "cli.analyze.asOf": {
    "zh-CN": "分析截止日期 YYYY-MM-DD（默认最后一笔订单的日期）",
    en: "last day of data the analysis sees, YYYY-MM-DD (default: the date of the last order)",
  },
  "cli.analyze.timeUnit": { "zh-CN": "模型时间单位", en: "time unit of the models" },
  "cli.analyze.horizon": {
    "zh-CN": "预测期长度，以时间单位计（默认一年：52 周或 365 天）",
    en: "prediction horizon in time units (default one year: 52 weeks or 365 days)",
  },
  "cli.analyze.model": { "zh-CN": "交易模型", en: "transaction model" },
  "cli.analyze.discountRate": {
    "zh-CN": "年折现率，0 到 1（默认 0.1）",
    en: "annual discount rate, 0 to 1 (default 0.1)",
  },
  "cli.analyze.badRate": {
    "zh-CN": "折现率应在 0 到 1 之间，得到：{value}",
    en: "the rate must be 0 to 1, got: {value}",
  },
  "cli.analyze.stage.summary": { "zh-CN": "汇总", en: "summary" },
  "cli.analyze.stage.fit": { "zh-CN": "拟合", en: "fit" },
  "cli.analyze.stage.predict": { "zh-CN": "预测", en: "predict" },
  "cli.analyze.stage.classify": { "zh-CN": "分类", en: "classify" },
  "cli.analyze.stage.write": { "zh-CN": "写入", en: "write" },
  "cli.analyze.unit.week": { "zh-CN": "周", en: "weeks" },
  "cli.analyze.unit.day": { "zh-CN": "天", en: "days" },
  "cli.analyze.header": {
    "zh-CN": "分析 #{run}，截止 {asOf}：{customers} 个客户，其中 {buyers} 个有购买",
    en: "analysis #{run} as of {asOf}: {customers} customers, {buyers} of them with purchases",
  },
  "cli.analyze.bgnbd": {
    "zh-CN": "BG/NBD：r {r}，α {alpha}，a {a}，b {b}；对数似然 {ll}（{state}）",
    en: "BG/NBD: r {r}, alpha {alpha}, a {a}, b {b}; log-likelihood {ll} ({state})",
  },
  "cli.analyze.paretoNbd": {
    "zh-CN": "Pareto/NBD：r {r}，α {alpha}，s {s}，β {beta}；对数似然 {ll}（{state}）",
    en: "Pareto/NBD: r {r}, alpha {alpha}, s {s}, beta {beta}; log-likelihood {ll} ({state})",
  },
  "cli.analyze.gammaGamma": {
    "zh-CN": "Gamma-Gamma：p {p}，q {q}，v {v}（{customers} 个复购客户，{state}）",
    en: "Gamma-Gamma: p {p}, q {q}, v {v} ({customers} repeat customers, {state})",
  },
  "cli.analyze.converged": { "zh-CN": "已收敛", en: "converged" },
  "cli.analyze.notConverged": { "zh-CN": "未收敛", en: "not converged" },
  "cli.analyze.notIdentifiable": {
    "zh-CN": "数据无法识别，未采用",
    en: "not identified by the data, not used",
  },
  "cli.analyze.predictor": {
    "zh-CN": "预测方法：购买次数用{transactions}，每次消费金额用{spend}",
    en: "predictions: purchases from {transactions}, spend per purchase from {spend}",
  },
  "cli.analyze.predictor.bgnbd": { "zh-CN": " BG/NBD 模型", en: "BG/NBD" },
  "cli.analyze.predictor.pareto-nbd": { "zh-CN": " Pareto/NBD 模型", en: "Pareto/NBD" },
  "cli.analyze.predictor.empirical": {
    "zh-CN": "经验重复购买率（回退方法）",
    en: "empirical repeat rate (fallback)",
  },
  "cli.analyze.predictor.gamma-gamma": { "zh-CN": " Gamma-Gamma 模型", en: "Gamma-Gamma" },
  "cli.analyze.predictor.historical-mean": {
    "zh-CN": "历史平均消费（回退方法）",
    en: "historical mean spend (fallback)",
  },
  "cli.analyze.value": {
    "zh-CN": "历史收入 {revenue}，毛利 {margin}；未来 {horizon} {unit}预测价值 {clv}",
    en: "revenue to date {revenue}, margin {margin}; predicted value over the next {horizon} {unit}: {clv}",
  },
  "cli.analyze.returns": {
    "zh-CN": "退货及取消 {returns}（已从收入中扣除，不计入购买次数和客单价）",
    en: "returns and cancellations {returns} (netted out of revenue, not counted as purchases or spend)",
  },
  "cli.analyze.concentration": {
    "zh-CN": "收入集中度：基尼系数 {gini}，前 20% 客户贡献 {top}，HHI {hhi}",
    en: "revenue concentration: Gini {gini}, top 20 % of customers bring {top}, HHI {hhi}",
  },
  "cli.analyze.satisfaction": {
    "zh-CN": "推荐意愿：NPS {nps}（{answers} 位客户作答）",
    en: "recommendation: NPS {nps} ({answers} customers answered)",
  },
  "cli.analyze.csi": {
    "zh-CN":
      "满意度：CSI {csi}（{answers} 位客户有满意度评分，其中 {low} 位评 1–2 分（低分，已纳入流失原因并生成回访），{csatOnly} 位只评了满意度、未答 NPS）",
    en: "satisfaction: CSI {csi} ({answers} customers gave a satisfaction score; {low} of them 1–2 (low: a churn reason, followed up), {csatOnly} gave no NPS answer)",
  },
  "cli.analyze.by.valueTier": { "zh-CN": "按价值分层", en: "By value tier" },
  "cli.analyze.by.abc": { "zh-CN": "按 ABC 分类", en: "By ABC class" },
  "cli.analyze.by.rfm": { "zh-CN": "按 RFM 细分", en: "By RFM segment" },
  "cli.analyze.by.lifecycle": { "zh-CN": "按生命周期", en: "By lifecycle stage" },
  "cli.analyze.by.warning": { "zh-CN": "按流失预警", en: "By churn warning" },
  "cli.analyze.col.group": { "zh-CN": "类别", en: "group" },
  "cli.analyze.col.customers": { "zh-CN": "客户数", en: "customers" },
  "cli.analyze.col.customerShare": { "zh-CN": "客户占比", en: "of customers" },
  "cli.analyze.col.revenueShare": { "zh-CN": "收入占比", en: "of revenue" },
  "cli.analyze.col.clvShare": { "zh-CN": "预测价值占比", en: "of predicted value" },
  "cli.analyze.timings": { "zh-CN": "耗时：{list}", en: "time: {list}" },

  "cli.customer.description": { "zh-CN": "查看客户", en: "look at customers" },
  "cli.customer.show.description": {
    "zh-CN": "显示一个客户的资料和最近一次分析的评分",
    en: "show a customer with its scores from the latest analysis",
  },
  "cli.customer.code": { "zh-CN": "客户编号", en: "customer code" },
  "cli.customer.col.field": { "zh-CN": "项目", en: "field" },
  "cli.customer.col.value": { "zh-CN": "值", en: "value" },
  "cli.customer.field.code": { "zh-CN": "客户编号", en: "code" },
  "cli.customer.field.name": { "zh-CN": "名称", en: "name" },
  "cli.customer.field.type": { "zh-CN": "类型", en: "type" },
  "cli.customer.type.individual": { "zh-CN": "个人", en: "individual" },
  "cli.customer.type.enterprise": { "zh-CN": "企业", en: "enterprise" },
  "cli.customer.field.industry": { "zh-CN": "行业", en: "industry" },
  "cli.customer.field.region": { "zh-CN": "地区", en: "region" },
  "cli.customer.field.owner": { "zh-CN": "负责人", en: "owner" },
  "cli.customer.field.orders": { "zh-CN": "订单数", en: "orders" },
  "cli.customer.field.revenue": { "zh-CN": "历史收入", en: "revenue to date" },
  "cli.customer.field.pAlive": { "zh-CN": "存活概率", en: "P(alive)" },
  "cli.customer.field.expected": {
    "zh-CN": "未来 {horizon} {unit}预计购买次数",
    en: "expected purchases, next {horizon} {unit}",
  },
  "cli.customer.field.clv": {
    "zh-CN": "未来 {horizon} {unit}预测价值",
    en: "predicted value, next {horizon} {unit}",
  },
  "cli.customer.field.rfm": { "zh-CN": "RFM（R-F-M 细分 / 八类）", en: "RFM (R-F-M segment / 8 classes)" },
  "cli.customer.field.abc": { "zh-CN": "ABC 分类", en: "ABC class" },
  "cli.customer.field.valueTier": { "zh-CN": "价值分层", en: "value tier" },
  "cli.customer.field.behaviour": { "zh-CN": "行为状态", en: "behaviour" },
  "cli.customer.field.lifecycle": { "zh-CN": "生命周期", en: "lifecycle stage" },
  "cli.customer.field.credit": { "zh-CN": "信用等级", en: "credit grade" },
  "cli.customer.field.churn": { "zh-CN": "流失风险", en: "churn risk" },
  "cli.customer.field.nps": { "zh-CN": "NPS 类别", en: "NPS category" },
  "cli.customer.field.loyalty": { "zh-CN": "忠诚度指数", en: "loyalty index" },
  "cli.customer.fromRun": {
    "zh-CN": "评分来自分析 #{run}（截止 {asOf}）",
    en: "scores from analysis #{run} (as of {asOf})",
  },

  "cli.db.description": { "zh-CN": "数据库维护与信息", en: "database maintenance and information" },
  "cli.db.migrate.description": {
    "zh-CN": "执行数据库迁移（打开数据库时也会自动执行）",
    en: "run the database migrations (they also run whenever the database is opened)",
  },
  "cli.db.migrate.applied": { "zh-CN": "已执行迁移：{names}", en: "migrations applied: {names}" },
  "cli.db.migrate.upToDate": {
    "zh-CN": "数据库已是最新版本（{version}）",
    en: "database is up to date ({version})",
  },
  "cli.db.info.description": {
    "zh-CN": "显示数据库引擎、位置和各表行数",
    en: "show the database engine, location and row counts per table",
  },
  "cli.db.info.engine": { "zh-CN": "引擎", en: "engine" },
  "cli.db.info.location": { "zh-CN": "位置", en: "location" },
  "cli.db.info.table": { "zh-CN": "表", en: "table" },
  "cli.db.info.rows": { "zh-CN": "行数", en: "rows" },
  "cli.hint.db.otherFile": {
    "zh-CN": "也可以用 --db 指定另一个文件。",
    en: "Or use another file with --db.",
  },
  "cli.hint.db.address": {
    "zh-CN": "地址来自 --db，否则来自 DATABASE_URL。",
    en: "The address comes from --db, else from DATABASE_URL.",
  },
} satisfies Catalog;

registerCatalog(catalog);

registerHints({
  DB_LOCKED: "cli.hint.db.otherFile",
  DB_UNREACHABLE: "cli.hint.db.address",
  DB_AUTH_FAILED: "cli.hint.db.address",
  DB_NOT_FOUND: "cli.hint.db.address",
});
