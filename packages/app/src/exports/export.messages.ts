import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.export.noTarget": {
    "zh-CN": "out：缺少此项（导出到文件时需要文件路径）",
    en: "out: is required (the file to export to)",
  },
  "app.export.sheet.customers": { "zh-CN": "客户列表", en: "Customers" },
  "app.export.col.phone": { "zh-CN": "电话", en: "Phone" },
  "app.export.col.tags": { "zh-CN": "标签", en: "Tags" },
  "app.export.col.lastPurchase": { "zh-CN": "最近购买日期", en: "Last purchase" },
} satisfies Catalog;

if (!hasMessage("app.export.noTarget")) registerCatalog(catalog);
