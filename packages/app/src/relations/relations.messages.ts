import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.relations.what.contact": { "zh-CN": "联系人", en: "contact" },
  "app.relations.what.interaction": { "zh-CN": "互动记录", en: "interaction" },
} satisfies Catalog;

if (!hasMessage("app.relations.what.contact")) registerCatalog(catalog);
