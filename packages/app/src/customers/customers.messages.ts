import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.customers.what.customer": { "zh-CN": "客户", en: "customer" },
} satisfies Catalog;

if (!hasMessage("app.customers.what.customer")) registerCatalog(catalog);
