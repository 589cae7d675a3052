import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.imports.what.profile": { "zh-CN": "导入配置", en: "import profile" },
  "app.imports.one_profile": {
    "zh-CN": "profile、profileName 和 profileFile 只能给出一个",
    en: "give at most one of profile, profileName and profileFile",
  },
} satisfies Catalog;

if (!hasMessage("app.imports.what.profile")) registerCatalog(catalog);
