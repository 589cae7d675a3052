import { type Catalog, type FieldKind, type Message, registerCatalog } from "@custra/core";
import { registerHints } from "../hints.ts";

// Typed so that a new field kind without its name fails to compile.
const kinds: Record<FieldKind, Message> = {
  code: { "zh-CN": "编号（原样保留）", en: "code (kept as written)" },
  text: { "zh-CN": "文本", en: "text" },
  int: { "zh-CN": "整数", en: "whole number" },
  decimal: { "zh-CN": "金额/数量（2 位小数）", en: "amount or quantity (2 decimals)" },
  date: { "zh-CN": "日期", en: "date" },
  timestamp: { "zh-CN": "日期时间", en: "date and time" },
  bool: { "zh-CN": "是/否", en: "yes/no" },
  enum: { "zh-CN": "取值之一", en: "one of" },
  tags: { "zh-CN": "标签列表", en: "list of tags" },
  json: { "zh-CN": "JSON 对象", en: "JSON object" },
};

const catalog = {
  ...Object.fromEntries(Object.entries(kinds).map(([kind, text]) => [`cli.import.kind.${kind}`, text])),
  "cli.import.profile": {
    "zh-CN": "导入配置文件（YAML）：列映射、值映射、日期格式、默认值",
    en: "import profile (YAML): column map, value maps, date format, defaults",
  },
  "cli.import.values": {
    "zh-CN":
      "值映射 字段:源值=目标值,源值=目标值，可重复（如 status:delivered=completed,canceled=cancelled）",
    en: "value map field:source=target,source=target, repeatable (e.g. status:delivered=completed,canceled=cancelled)",
  },
  "cli.import.dateFormat": {
    "zh-CN": "日期格式：dd/mm/yyyy、mm/dd/yyyy、dd.mm.yyyy，可加时间 HH:mm 或 HH:mm:ss",
    en: "date format: dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy, optionally with HH:mm or HH:mm:ss",
  },
  "cli.import.lines": {
    "zh-CN": "orders：文件每行是一条订单明细（订单号、商品、数量、单价、日期、客户），合并为订单及其明细",
    en: "orders: each row is an order line (order number, product, quantity, unit price, date, customer); makes the orders and their lines",
  },
  "cli.import.createProducts": {
    "zh-CN": "为未知的商品编码自动新建商品（名称取商品名称列，否则取编码）",
    en: "create products for unknown skus (named by the product name column, else by the sku)",
  },
  "cli.import.mapping.title": { "zh-CN": "{file} 的列：", en: "columns of {file}:" },
  "cli.import.mapping.field": {
    "zh-CN": "  {position}. {column} → {field}（{how}）",
    en: "  {position}. {column} → {field} ({how})",
  },
  "cli.import.mapping.attribute": {
    "zh-CN": "  {position}. {column} → 扩展属性 {attribute}",
    en: "  {position}. {column} → attribute {attribute}",
  },
  "cli.import.mapping.ignored": {
    "zh-CN": "  {position}. {column} → 忽略",
    en: "  {position}. {column} → ignored",
  },
  "cli.import.mapping.by.map": { "zh-CN": "指定映射", en: "mapped" },
  "cli.import.mapping.by.name": { "zh-CN": "字段名", en: "field name" },
  "cli.import.mapping.by.alias": { "zh-CN": "表头别名", en: "header alias" },
  "cli.import.mapping.valueMap": { "zh-CN": "，值映射", en: ", value map" },
  "cli.import.mapping.default": {
    "zh-CN": "  默认值：{field} = {value}",
    en: "  default: {field} = {value}",
  },
  "cli.import.mapping.dateFormat": { "zh-CN": "  日期格式：{format}", en: "  date format: {format}" },
  "cli.import.mapping.derivedKey": {
    "zh-CN": "  没有编号列：按行内容生成稳定编号",
    en: "  no id column: a stable id is derived from each row's content",
  },
  "cli.import.mapping.customerFrom": {
    "zh-CN": "  没有客户编号的行取其订单（{field}）的客户",
    en: "  rows without a customer code take the customer of their order ({field})",
  },
  "cli.import.mapping.lines": {
    "zh-CN": "  按订单明细导入：同一订单号的行合并为一张订单，金额 = Σ 数量 × 单价",
    en: "  order lines: rows with one order number make one order, amount = Σ quantity × unit price",
  },
  "cli.import.linesSummary": {
    "zh-CN": "订单明细：新增 {inserted}，更新 {updated}，未变 {unchanged}",
    en: "order lines: inserted {inserted}, updated {updated}, unchanged {unchanged}",
  },
  "cli.import.unknownCustomerHint": {
    "zh-CN": "（如需自动建档，请加 --create-customers）",
    en: " (add --create-customers to create them)",
  },
  "cli.import.hint.map": {
    "zh-CN": "可用 --map 列名=字段 指定哪一列是哪个字段",
    en: "use --map column=field to say which column holds a field",
  },
  "cli.import.hint.dateFormat": {
    "zh-CN":
      "请用 --date-format 指定，例如 --date-format dd/mm/yyyy 或 mm/dd/yyyy（含时间：dd/mm/yyyy HH:mm）",
    en: "say which with --date-format, e.g. --date-format dd/mm/yyyy or mm/dd/yyyy (with the time: dd/mm/yyyy HH:mm)",
  },
  "cli.import.createdProducts": { "zh-CN": "新建商品 {count} 个", en: "created {count} products" },
  "cli.import.fields.description": {
    "zh-CN": "列出可导入的字段：类型、是否必填、可识别的表头和取值",
    en: "list the importable fields: type, required, the headers and values recognised",
  },
  "cli.import.fields.entity": { "zh-CN": "数据类型（默认全部）", en: "entity (default: all)" },
  "cli.import.fields.title": { "zh-CN": "{entity}（编号字段：{key}）", en: "{entity} (key: {key})" },
  "cli.import.fields.linesTitle": {
    "zh-CN": "orders --lines：订单明细文件（每行一条明细）",
    en: "orders --lines: a file of order lines (one row per line)",
  },
  "cli.import.fields.field": { "zh-CN": "字段", en: "field" },
  "cli.import.fields.kind": { "zh-CN": "类型", en: "type" },
  "cli.import.fields.required": { "zh-CN": "必填", en: "required" },
  "cli.import.fields.aliases": { "zh-CN": "可识别的表头", en: "headers recognised" },
  "cli.import.fields.values": { "zh-CN": "取值", en: "values" },
  "cli.import.fields.yes": { "zh-CN": "是", en: "yes" },
  "cli.import.fields.keyDerived": {
    "zh-CN": "可省略（按 {fields} 生成）",
    en: "may be left out (derived from {fields})",
  },
  "cli.import.fields.customerFrom": {
    "zh-CN": "或 {field}",
    en: "or {field}",
  },
  "cli.import.fields.fallback": { "zh-CN": "空时取 {field}", en: "{field} when empty" },
} satisfies Catalog;

registerCatalog(catalog);

registerHints({
  IMPORT_COLUMNS_MISSING: "cli.import.hint.map",
  IMPORT_HEADER_INVALID: "cli.import.hint.map",
  IMPORT_DATES_AMBIGUOUS: "cli.import.hint.dateFormat",
});
