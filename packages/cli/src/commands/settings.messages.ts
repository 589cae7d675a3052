import { type Catalog, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "cli.settings.description": {
    "zh-CN": "公司设置：货币、语言、时区、财年起始日、业务模式、公司名称（保存在数据库中）",
    en: "company settings: currency, language, time zone, fiscal year start, business model, company name (stored in the database)",
  },
  "cli.settings.show.description": { "zh-CN": "显示当前设置（默认）", en: "show the settings (the default)" },
  "cli.settings.set.description": {
    "zh-CN": "修改设置，每项写成 名称=值；有一项无效则全部不改",
    en: "change settings, each as name=value; nothing changes when one is invalid",
  },
  "cli.settings.set.assignments": {
    "zh-CN": "名称=值，名称为 currency、locale、timezone、fiscal_year_start、business_model",
    en: "name=value, the names being currency, locale, timezone, fiscal_year_start, business_model",
  },
  "cli.settings.reset.description": {
    "zh-CN": "把设置恢复为默认值",
    en: "put settings back to their defaults",
  },
  "cli.settings.reset.keys": { "zh-CN": "要恢复默认的设置名称", en: "the settings to reset" },
  "cli.settings.badAssignment": {
    "zh-CN": "{value} 不是 名称=值 的形式（例如 currency=USD）",
    en: "{value} is not of the form name=value (such as currency=USD)",
  },
  "cli.settings.col.setting": { "zh-CN": "设置", en: "setting" },
  "cli.settings.col.key": { "zh-CN": "名称", en: "name" },
  "cli.settings.col.value": { "zh-CN": "值", en: "value" },
  "cli.settings.default": { "zh-CN": "（默认）", en: "(default)" },
  "cli.settings.moneyExample": { "zh-CN": "金额示例：{example}", en: "money reads: {example}" },
  "cli.settings.updated": { "zh-CN": "已保存设置：{keys}", en: "saved: {keys}" },
  "cli.settings.wasReset": { "zh-CN": "已恢复默认：{keys}", en: "back to the default: {keys}" },
} satisfies Catalog;

registerCatalog(catalog);
