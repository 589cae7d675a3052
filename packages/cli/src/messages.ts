import { type Catalog, registerCatalog } from "@custra/core";

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
  "cli.demo.notEmpty": {
    "zh-CN":
      "数据库 {db} 中已有 {count} 个客户；示例数据只写入空数据库。请用 --db 指定新文件，或用 --out 导出 CSV。",
    en: "database {db} already has {count} customers; demo data goes only into an empty database. Use --db with a new file, or --out for CSV files.",
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
} satisfies Catalog;

registerCatalog(catalog);
