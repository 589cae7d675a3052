import { type Catalog, hasMessage, type Locale, type Message, registerCatalog, t } from "../i18n/i18n.ts";
import type { OccasionCode } from "./codes.ts";

// Typed so that adding an occasion without its label fails to compile.
const occasions: Record<OccasionCode, Message> = {
  birthday: { "zh-CN": "生日", en: "Birthday" },
  lunar_birthday: { "zh-CN": "生日（农历）", en: "Birthday (lunar)" },
  new_year: { "zh-CN": "元旦", en: "New Year's Day" },
  spring_festival: { "zh-CN": "春节", en: "Spring Festival" },
  lantern: { "zh-CN": "元宵节", en: "Lantern Festival" },
  dragon_boat: { "zh-CN": "端午节", en: "Dragon Boat Festival" },
  mid_autumn: { "zh-CN": "中秋节", en: "Mid-Autumn Festival" },
  national_day: { "zh-CN": "国庆节", en: "National Day" },
};

const errors = {
  "calendar.invalid_date": {
    "zh-CN": "{value} 不是有效的日期，应写作 YYYY-MM-DD（如 2026-02-17）。",
    en: "{value} is not a valid date; write it as YYYY-MM-DD (e.g. 2026-02-17).",
  },
  "calendar.out_of_range": {
    "zh-CN": "{value} 超出农历换算支持的范围（{min} 至 {max}）。",
    en: "{value} is outside the range the lunar calendar is converted for ({min} to {max}).",
  },
  "calendar.invalid_lunar_date": {
    "zh-CN": "农历 {year} 年没有{leap}{month}月{day}日。",
    en: "The lunar year {year} has no day {day} of {leap}month {month}.",
  },
  "calendar.unknown_festival": {
    "zh-CN": "未知的节日代码 {code}；可用的代码：{codes}。",
    en: "Unknown festival code {code}; the codes are {codes}.",
  },
  "calendar.leap": { "zh-CN": "闰", en: "leap " },
} satisfies Catalog;

function occasionKey(code: OccasionCode): string {
  return `calendar.occasion.${code}`;
}

function buildCatalog(): Catalog {
  const catalog: Record<string, Message> = { ...errors };
  for (const [code, message] of Object.entries(occasions))
    catalog[occasionKey(code as OccasionCode)] = message;
  return catalog;
}

/** Registers the catalog once, whichever module of the folder is loaded first. */
export function registerCalendarMessages(): void {
  if (!hasMessage("calendar.invalid_date")) registerCatalog(buildCatalog());
}

registerCalendarMessages();

export type CalendarMessageKey = keyof typeof errors;

/**
 * The name people see for an occasion, in `locale`: `occasionLabel("mid_autumn", "zh-CN")` is
 * "中秋节". Callers without a locale get the process's until every caller passes the reader's.
 */
export function occasionLabel(code: OccasionCode, locale: Locale): string {
  return t(occasionKey(code), {}, locale);
}
