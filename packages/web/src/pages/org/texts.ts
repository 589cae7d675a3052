/**
 * The organisation pages' texts (用户, 部门, 角色, 客户共享) join the catalogue as `org.*`, both
 * languages, when one of their chunks loads, not in i18n.ts: the first page's JavaScript carries none.
 */
import { i18n } from "../../i18n/i18n.ts";
import { orgEn } from "../../i18n/org.en.ts";
import { orgZhCN } from "../../i18n/org.zh-CN.ts";

const ORG_TEXTS = { "zh-CN": orgZhCN, en: orgEn } as const;

export function addOrgTexts(): void {
  for (const [language, texts] of Object.entries(ORG_TEXTS))
    i18n.addResourceBundle(language, "translation", { org: texts }, true, false);
}
