import { type Catalog, registerCatalog } from "@custra/core";

const catalog = {
  "import.run.missingColumns": {
    "zh-CN": "{file}：缺少必填列 {fields}",
    en: "{file}: required columns missing: {fields}",
  },
  "import.run.headerProblems": {
    "zh-CN": "{file}：表头有误：{problems}",
    en: "{file}: header problems: {problems}",
  },
  "import.run.ignoredColumns": {
    "zh-CN": "{file}：以下列不属于 {entity}，已忽略：{columns}",
    en: "{file}: columns not part of {entity} were ignored: {columns}",
  },
  "import.run.columnCount": {
    "zh-CN": "此行有 {found} 列，表头有 {expected} 列",
    en: "row has {found} cells, the header has {expected}",
  },
  "import.run.duplicateKey": {
    "zh-CN": "{key} 在本文件中重复（首次出现于第 {first} 行）",
    en: "{key} appears more than once in this file (first on line {first})",
  },
  "import.run.unknownReference": {
    "zh-CN": "找不到{entity}：{value}",
    en: "unknown {entity}: {value}",
  },
  "import.run.stageFailed": {
    "zh-CN":
      "{file}：数据未能写入数据库，未导入任何数据；请确认数据库正在运行且有足够的磁盘空间，然后重新导入",
    en: "{file}: the rows could not be written to the database, so nothing was imported; check that the database is running and has free disk space, then import again",
  },
  "import.run.notAllowed": {
    "zh-CN": "{value} 不可使用，此行未导入",
    en: "{value} may not be used; the row is left out",
  },
  "import.run.rowsRejected": {
    "zh-CN": "{file}：{count} 行有错误，未写入任何数据（首个：{first}）",
    en: "{file}: {count} rows have errors; nothing was written (the first: {first})",
  },
  "import.run.problem": { "zh-CN": "第 {line} 行 {column}：{reason}", en: "line {line}, {column}: {reason}" },
  "import.run.rejected": {
    "zh-CN": "{file}：{count} 行有错误，未写入任何数据（加 --skip-invalid 可只导入正确的行）",
    en: "{file}: {count} rows have errors; nothing was written (add --skip-invalid to import the good rows)",
  },
  "import.run.moreProblems": { "zh-CN": "…… 另有 {count} 处错误", en: "… and {count} more problems" },
  "import.run.summary": {
    "zh-CN":
      "{file}：读取 {read} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}，用时 {seconds} 秒",
    en: "{file}: read {read} rows, inserted {inserted}, updated {updated}, unchanged {unchanged}, rejected {rejected}, {seconds} s",
  },
  "import.run.dryRunSummary": {
    "zh-CN": "{file}：试运行，读取 {read} 行，有效 {valid}，拒绝 {rejected}，未写入数据库",
    en: "{file}: dry run, read {read} rows, valid {valid}, rejected {rejected}; nothing written",
  },
  "import.run.createdCustomers": {
    "zh-CN": "新建客户 {count} 个",
    en: "created {count} customers",
  },
  "import.run.customerOrOrder": {
    "zh-CN": "缺少客户编号：请填写客户编号或{order}",
    en: "no customer: give the customer code or the {order}",
  },
  "import.run.ambiguousDates": {
    "zh-CN":
      "{file}：列“{column}”的日期（如 {value}）可能是 日/月/年 也可能是 月/日/年，无法判断；请指定日期格式（dateFormat），例如 dd/mm/yyyy 或 mm/dd/yyyy（含时间：dd/mm/yyyy HH:mm）",
    en: '{file}: the dates of column "{column}" (such as {value}) can be day/month/year or month/day/year; give the date format (dateFormat), e.g. dd/mm/yyyy or mm/dd/yyyy (with the time: dd/mm/yyyy HH:mm)',
  },
  "import.run.badDateFormat": {
    "zh-CN":
      "日期格式“{format}”无效：应由 dd、mm、yyyy 各一次及分隔符组成，可加空格和时间 HH:mm 或 HH:mm:ss，例如 dd/mm/yyyy、mm/dd/yyyy HH:mm",
    en: 'not a date format: "{format}"; write dd, mm and yyyy once each with separators, optionally a space and HH:mm or HH:mm:ss, e.g. dd/mm/yyyy, mm/dd/yyyy HH:mm',
  },
  "import.run.unknownOptionField": {
    "zh-CN": "{entity} 没有字段“{field}”；可用字段：{fields}",
    en: '{entity} has no field "{field}"; its fields are: {fields}',
  },
  "import.run.badValueTarget": {
    "zh-CN": "值映射 {field}：{from}={to}：目标值无效：{problem}",
    en: "value map {field}: {from}={to}: the target is not valid: {problem}",
  },
  "import.run.badDefault": {
    "zh-CN": "默认值 {field}={value} 无效：{problem}",
    en: "default {field}={value} is not valid: {problem}",
  },
  "import.profile.unreadable": {
    "zh-CN": "无法读取导入配置 {file}：{problem}",
    en: "cannot read the import profile {file}: {problem}",
  },
  "import.profile.unwritable": {
    "zh-CN": "无法保存导入配置 {file}：{problem}",
    en: "cannot save the import profile {file}: {problem}",
  },
  "import.profile.syntax": {
    "zh-CN": "导入配置 {file} 第 {line} 行第 {column} 列不是有效的 YAML：{problem}",
    en: "the import profile {file}, line {line}, column {column} is not valid YAML: {problem}",
  },
  "import.profile.otherEntity": {
    "zh-CN": "此配置用于 {profile}，不能用于导入 {entity}",
    en: "the profile is for {profile}, not for {entity}",
  },
  "import.run.linesOrdersOnly": {
    "zh-CN": "只有 orders（订单）可以按明细行导入，{entity} 不行",
    en: "only orders can be imported from a file of order lines, not {entity}",
  },
  "import.run.lineAmountMissing": {
    "zh-CN": "没有行金额，也没有数量和单价，无法计算金额",
    en: "no line amount, and no quantity and unit price to compute it from",
  },
  "import.run.lineAmountTooLarge": {
    "zh-CN": "数量 × 单价 超出金额范围",
    en: "quantity × unit price is beyond the range of an amount",
  },
  "import.run.orderDisagrees": {
    "zh-CN": "订单 {order} 的各行不一致：此行为“{value}”，第 {first} 行为“{firstValue}”；整张订单未导入",
    en: 'the lines of order {order} disagree: "{value}" here, "{firstValue}" on line {first}; the whole order is left out',
  },
  "import.run.orderIncomplete": {
    "zh-CN": "订单 {order} 有 {bad} 行有错误，整张订单未导入（不会只写入部分明细）",
    en: "{bad} lines of order {order} have errors; the whole order is left out (never written short)",
  },
  "import.entity.users": { "zh-CN": "用户", en: "user" },
  "import.entity.customers": { "zh-CN": "客户", en: "customer" },
  "import.entity.contacts": { "zh-CN": "联系人", en: "contact" },
  "import.entity.products": { "zh-CN": "产品", en: "product" },
  "import.entity.orders": { "zh-CN": "订单", en: "order" },
  "import.entity.order-lines": { "zh-CN": "订单明细", en: "order line" },
  "import.entity.invoices": { "zh-CN": "发票", en: "invoice" },
  "import.entity.payments": { "zh-CN": "付款", en: "payment" },
  "import.entity.interactions": { "zh-CN": "互动记录", en: "interaction" },
  "import.entity.surveys": { "zh-CN": "问卷答复", en: "survey answer" },
} satisfies Catalog;

registerCatalog(catalog);
