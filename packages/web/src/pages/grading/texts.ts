/**
 * 分级方案's texts join the catalogue (as `grading.*`, both languages) when this page's chunk
 * loads, not in i18n.ts: the first page's JavaScript then carries none of them.
 */

import { gradingEn } from "../../i18n/grading.en.ts";
import { gradingZhCN } from "../../i18n/grading.zh-CN.ts";
import { i18n } from "../../i18n/i18n.ts";

export const GRADING_TEXTS = { "zh-CN": gradingZhCN, en: gradingEn } as const;

export function addGradingTexts(): void {
  for (const [language, texts] of Object.entries(GRADING_TEXTS))
    i18n.addResourceBundle(language, "translation", { grading: texts }, true, false);
}
