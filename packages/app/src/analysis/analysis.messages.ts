import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.analysis.what.run": { "zh-CN": "分析批次", en: "analysis run" },
} satisfies Catalog;

if (!hasMessage("app.analysis.what.run")) registerCatalog(catalog);
