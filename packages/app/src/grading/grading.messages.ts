import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.grading.what.run": { "zh-CN": "分级批次", en: "grade run" },
} satisfies Catalog;

if (!hasMessage("app.grading.what.run")) registerCatalog(catalog);
