import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.records.what.product": { "zh-CN": "产品", en: "product" },
  "app.records.what.order": { "zh-CN": "订单", en: "order" },
  "app.records.product_exists": {
    "zh-CN": "已有 SKU 为 {sku} 的产品",
    en: "there is a product with SKU {sku} already",
  },
} satisfies Catalog;

if (!hasMessage("app.records.what.product")) registerCatalog(catalog);

/** What an APP_NOT_FOUND of the records names. */
export const RECORD_WHAT = {
  product: { key: "app.records.what.product" },
  order: { key: "app.records.what.order" },
} as const;
