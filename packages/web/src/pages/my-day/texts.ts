/**
 * 工作台's texts join the catalogue (as `myDay.*`, both languages) when this page's chunk loads,
 * not in i18n.ts: the first page's JavaScript then carries none of them.
 */
import { i18n } from "../../i18n/i18n.ts";
import { myDayEn } from "../../i18n/my-day.en.ts";
import { myDayZhCN } from "../../i18n/my-day.zh-CN.ts";

export const MY_DAY_TEXTS = { "zh-CN": myDayZhCN, en: myDayEn } as const;

export function addMyDayTexts(): void {
  for (const [language, texts] of Object.entries(MY_DAY_TEXTS))
    i18n.addResourceBundle(language, "translation", { myDay: texts }, true, false);
}
