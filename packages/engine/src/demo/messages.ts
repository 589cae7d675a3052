import { type Catalog, registerCatalog } from "@custra/core";

const catalog = {
  "demo.error.customers": {
    "zh-CN": "客户数量必须是 1 到 {max} 之间的整数，得到：{value}",
    en: "the number of customers must be a whole number from 1 to {max}, got: {value}",
  },
  "demo.error.seed": {
    "zh-CN": "随机种子必须是非负整数，得到：{value}",
    en: "the seed must be a non-negative whole number, got: {value}",
  },
  "demo.error.asOf": {
    "zh-CN": "截止日期必须是 YYYY-MM-DD 格式的有效日期，得到：{value}",
    en: "the as-of date must be a valid date YYYY-MM-DD, got: {value}",
  },
  // The CLI's hint adds how to choose another database (cli/src/commands/demo.ts).
  "demo.error.notEmpty": {
    "zh-CN": "数据库 {db} 中已有 {count} 个客户；示例数据只写入空数据库。",
    en: "database {db} already has {count} customers; demo data goes only into an empty database.",
  },
  "demo.error.outDir": {
    "zh-CN": "需要指定输出目录",
    en: "an output directory is required",
  },
} satisfies Catalog;

registerCatalog(catalog);

export type DemoMessageKey = keyof typeof catalog;
