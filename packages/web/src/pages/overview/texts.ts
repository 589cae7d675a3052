/**
 * The overview's texts join the catalogue (as `overview.*`, both languages) when this page's chunk
 * loads, not in i18n.ts: the first page's JavaScript then carries none of them.
 */
import { i18n } from "../../i18n/i18n.ts";
import { overviewEn } from "../../i18n/overview.en.ts";
import { overviewZhCN } from "../../i18n/overview.zh-CN.ts";

export const OVERVIEW_TEXTS = { "zh-CN": overviewZhCN, en: overviewEn } as const;

export function addOverviewTexts(): void {
  for (const [language, texts] of Object.entries(OVERVIEW_TEXTS))
    i18n.addResourceBundle(language, "translation", { overview: texts }, true, false);
}
