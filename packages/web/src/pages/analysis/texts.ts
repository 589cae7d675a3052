/**
 * 分析's texts join the catalogue as `analysis.*`, both languages, when its chunk loads, not in
 * i18n.ts: the first page's JavaScript carries none.
 */
import { analysisEn } from "../../i18n/analysis.en.ts";
import { analysisZhCN } from "../../i18n/analysis.zh-CN.ts";
import { i18n } from "../../i18n/i18n.ts";

export const ANALYSIS_TEXTS = { "zh-CN": analysisZhCN, en: analysisEn } as const;

export function addAnalysisTexts(): void {
  for (const [language, texts] of Object.entries(ANALYSIS_TEXTS))
    i18n.addResourceBundle(language, "translation", { analysis: texts }, true, false);
}
