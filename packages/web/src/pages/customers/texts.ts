/**
 * The customer list's own texts join the catalogue (as `customerList.*`, both languages) when the
 * page's chunk loads, as the overview's do (pages/overview/texts.ts).
 */
import { customerListEn } from "../../i18n/customer-list.en.ts";
import { customerListZhCN } from "../../i18n/customer-list.zh-CN.ts";
import { i18n } from "../../i18n/i18n.ts";

export const CUSTOMER_LIST_TEXTS = { "zh-CN": customerListZhCN, en: customerListEn } as const;

export function addCustomerListTexts(): void {
  for (const [language, texts] of Object.entries(CUSTOMER_LIST_TEXTS))
    i18n.addResourceBundle(language, "translation", { customerList: texts }, true, false);
}
