import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.customers.what.customer": { "zh-CN": "客户", en: "customer" },
  "app.customers.unknown_owner": {
    "zh-CN": "没有可接手的用户 {owner}",
    en: "there is no user {owner} to take them",
  },
} satisfies Catalog;

if (!hasMessage("app.customers.unknown_owner")) registerCatalog(catalog);
