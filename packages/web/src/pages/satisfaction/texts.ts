/**
 * 满意度's texts join the catalogue (as `satisfaction.*`, both languages) when this page's chunk
 * loads, not in i18n.ts: the first page's JavaScript then carries none of them.
 */
import { i18n } from "../../i18n/i18n.ts";
import { satisfactionEn } from "../../i18n/satisfaction.en.ts";
import { satisfactionZhCN } from "../../i18n/satisfaction.zh-CN.ts";

export const SATISFACTION_TEXTS = { "zh-CN": satisfactionZhCN, en: satisfactionEn } as const;

export function addSatisfactionTexts(): void {
  for (const [language, texts] of Object.entries(SATISFACTION_TEXTS))
    i18n.addResourceBundle(language, "translation", { satisfaction: texts }, true, false);
}
