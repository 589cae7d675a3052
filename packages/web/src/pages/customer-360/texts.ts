/**
 * 客户画像's texts join the catalogue as `customer360.*`, both languages, when the page's chunk
 * loads, as the other pages' do (pages/system/texts.ts): the first page's JavaScript carries none.
 */
import { customer360En } from "../../i18n/customer-360.en.ts";
import { customer360ZhCN } from "../../i18n/customer-360.zh-CN.ts";
import { i18n } from "../../i18n/i18n.ts";

export const CUSTOMER_360_TEXTS = { "zh-CN": customer360ZhCN, en: customer360En } as const;

export function addCustomer360Texts(): void {
  for (const [language, texts] of Object.entries(CUSTOMER_360_TEXTS))
    i18n.addResourceBundle(language, "translation", { customer360: texts }, true, false);
}
