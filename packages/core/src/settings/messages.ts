import { type Text, text } from "../errors/text.ts";
import { type Catalog, hasMessage, type Locale, type Message, registerCatalog, t } from "../i18n/i18n.ts";
import type { BusinessModel, SettingKey } from "./company.ts";

// Typed per family so that a setting or business model without its words fails to compile.
const names: Record<SettingKey, Message> = {
  currency: { "zh-CN": "货币", en: "Currency" },
  locale: { "zh-CN": "语言", en: "Language" },
  timeZone: { "zh-CN": "时区", en: "Time zone" },
  fiscalYearStart: { "zh-CN": "财年起始日", en: "Fiscal year starts" },
  businessModel: { "zh-CN": "业务模式", en: "Business model" },
  companyName: { "zh-CN": "公司名称", en: "Company name" },
};

const allowed: Record<SettingKey, Message> = {
  currency: {
    "zh-CN": "3 位 ISO 4217 货币代码，如 CNY、USD、EUR、HKD、JPY",
    en: "a 3-letter ISO 4217 currency code such as CNY, USD, EUR, HKD, JPY",
  },
  locale: { "zh-CN": "zh-CN 或 en", en: "zh-CN or en" },
  timeZone: {
    "zh-CN": "IANA 时区名，如 Asia/Shanghai、Asia/Hong_Kong、Europe/Berlin、UTC",
    en: "an IANA time zone such as Asia/Shanghai, Asia/Hong_Kong, Europe/Berlin, UTC",
  },
  fiscalYearStart: {
    "zh-CN": "月份 1–12，或 月-日 MM-DD（如 04-01；2 月最多到 28 日）",
    en: "a month 1–12, or month-day MM-DD (such as 04-01; February up to the 28th)",
  },
  businessModel: { "zh-CN": "b2b、b2c 或 mixed", en: "b2b, b2c or mixed" },
  companyName: {
    "zh-CN": "不超过 100 个字符的名称（不含控制字符），留空表示不设名称",
    en: "a name of up to 100 characters (no control characters), or nothing for none",
  },
};

const businessModels: Record<BusinessModel, Message> = {
  b2b: { "zh-CN": "企业客户（B2B）", en: "business customers (B2B)" },
  b2c: { "zh-CN": "个人消费者（B2C）", en: "consumers (B2C)" },
  mixed: { "zh-CN": "企业与个人兼有", en: "businesses and consumers (mixed)" },
};

const errors = {
  "settings.unknown_key": {
    "zh-CN": "没有名为 {key} 的设置；可用的设置：{keys}",
    en: "there is no setting {key}; the settings are: {keys}",
  },
  "settings.invalid_value": {
    "zh-CN": "设置 {key} 的值 {value} 无效，应为{allowed}",
    en: "the setting {key} cannot be {value}: it takes {allowed}",
  },
  "settings.stored_invalid": {
    "zh-CN": "数据库中设置 {key} 的值 {value} 无效（应为{allowed}），请重新设置 {key}",
    en: "the stored setting {key} has the invalid value {value} (it takes {allowed}); set {key} again",
  },
  // The issues are a list: rendered with the language's list separator (；/ ;).
  "settings.issues": { "zh-CN": "{issues}", en: "{issues}" },
} satisfies Catalog;

export type SettingsMessageKey = keyof typeof errors;

const prefixed = (prefix: string, family: Record<string, Message>): Catalog =>
  Object.fromEntries(Object.entries(family).map(([code, message]) => [`${prefix}.${code}`, message]));

let registered = false;

export function registerSettingsMessages(): void {
  if (registered) return;
  registered = true;
  registerCatalog({
    ...prefixed("settings.name", names),
    ...prefixed("settings.allowed", allowed),
    ...prefixed("settings.businessModel", businessModels),
    ...errors,
  });
}

/** A setting's name in `locale`. */
export function settingName(key: SettingKey, locale: Locale): string {
  return t(`settings.name.${key}`, {}, locale);
}

/** The values a setting takes, in words; empty for a key that is no setting. */
export function allowedValuesText(key: string): Text | string {
  return hasMessage(`settings.allowed.${key}`) ? text(`settings.allowed.${key}`) : "";
}

/** A business model in words, in `locale`. */
export function businessModelLabel(model: BusinessModel, locale: Locale): string {
  return t(`settings.businessModel.${model}`, {}, locale);
}

registerSettingsMessages();
