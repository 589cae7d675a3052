/**
 * 导入's texts join the catalogue (as `imports.*`, both languages) when this page's chunk loads,
 * not in i18n.ts: the first page's JavaScript then carries none of them.
 */
import { i18n } from "../../i18n/i18n.ts";
import { importsEn } from "../../i18n/imports.en.ts";
import { importsZhCN } from "../../i18n/imports.zh-CN.ts";

export const IMPORTS_TEXTS = { "zh-CN": importsZhCN, en: importsEn } as const;

export function addImportsTexts(): void {
  for (const [language, texts] of Object.entries(IMPORTS_TEXTS))
    i18n.addResourceBundle(language, "translation", { imports: texts }, true, false);
}
