import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.export.noTarget": {
    "zh-CN": "out：缺少此项（导出到文件时需要文件路径）",
    en: "out: is required (the file to export to)",
  },
} satisfies Catalog;

if (!hasMessage("app.export.noTarget")) registerCatalog(catalog);
