/**
 * The system pages' texts (公司设置, 运行计划, API 令牌, 审计日志) join the catalogue as `system.*`, both
 * languages, when one of their chunks loads, not in i18n.ts: the first page's JavaScript carries none.
 */
import { i18n } from "../../i18n/i18n.ts";
import { systemEn } from "../../i18n/system.en.ts";
import { systemZhCN } from "../../i18n/system.zh-CN.ts";

export const SYSTEM_TEXTS = { "zh-CN": systemZhCN, en: systemEn } as const;

export function addSystemTexts(): void {
  for (const [language, texts] of Object.entries(SYSTEM_TEXTS))
    i18n.addResourceBundle(language, "translation", { system: texts }, true, false);
}
