import { type Catalog, hasMessage, type Locale, type Message, registerCatalog, t } from "../i18n/i18n.ts";
import type { RecommendationReasonCode } from "./codes.ts";

// Typed by code so that adding a reason without its texts fails to compile.
const labels: Record<RecommendationReasonCode, Message> = {
  bought_together: { "zh-CN": "常一起购买", en: "Often bought together" },
  peers_buy_category: { "zh-CN": "同类客户常购品类", en: "Category peers buy" },
};

const sentences: Record<RecommendationReasonCode, Message> = {
  bought_together: {
    "zh-CN": "与『{anchor}』常一起购买（提升度 {lift}）",
    en: "Often bought with “{anchor}” (lift {lift})",
  },
  peers_buy_category: {
    "zh-CN": "同级同行业客户中 {share}% 购买『{category}』",
    en: "{share}% of customers of the same grade and industry buy “{category}”",
  },
};

const errors = {
  "recommend.length_mismatch": {
    "zh-CN": "输入列 {column} 有 {actual} 个值，应与 {per} 一致，为 {expected} 个。",
    en: "The input column {column} has {actual} values; {expected} were expected, as many as {per}.",
  },
  "recommend.invalid_offsets": {
    "zh-CN":
      "offsets[{index}] 的值 {value} 无效：offsets 应从 0 开始、不递减，最后一个值等于购买记录数 {total}。",
    en: "offsets[{index}] has the invalid value {value}: offsets must start at 0, never decrease and end at the number of purchase entries, {total}.",
  },
  "recommend.invalid_product": {
    "zh-CN":
      "序号为 {customer} 的客户的购买记录 productIdx[{entry}] 指向不存在的商品 {product}（商品序号应为 0 … {last}）。",
    en: "The purchase entry productIdx[{entry}] of customer index {customer} names the product {product}, which does not exist (products are 0 … {last}).",
  },
  "recommend.duplicate_product": {
    "zh-CN":
      "序号为 {customer} 的客户的商品 {product} 出现了两次（productIdx[{entry}]）；每位客户每个商品只应有一条记录。",
    en: "Customer index {customer} has the product {product} twice (productIdx[{entry}]); each customer has one entry per product.",
  },
  "recommend.invalid_index": {
    "zh-CN": "{column}[{index}] 的值 {value} 无效：应为 0 … {last} 的整数序号，没有时用 NaN 或负数。",
    en: "{column}[{index}] has the invalid value {value}: an index 0 … {last} was expected, or NaN or a negative number for none.",
  },
  "recommend.invalid_orders": {
    "zh-CN": "序号为 {customer} 的客户的购买记录 orders[{entry}] 的值 {value} 无效：应为至少 1 的订单数。",
    en: "The purchase entry orders[{entry}] of customer index {customer} has the invalid value {value}: a count of at least 1 order was expected.",
  },
  "recommend.invalid_option": {
    "zh-CN": "选项 {option} 的值 {value} 无效：{expected}。",
    en: "The option {option} has the invalid value {value}: {expected}.",
  },
  "recommend.too_many_peer_cells": {
    "zh-CN":
      "同类客户分组过细：{groups} 个分组 × {products} 个商品超过上限 {limit}。请用更粗的分组（如等级 × 行业），或提高 minPeers。",
    en: "The peer groups are too fine: {groups} groups × {products} products exceed the limit of {limit}. Use coarser groups (such as grade × industry) or raise minPeers.",
  },
} satisfies Catalog;

function buildCatalog(): Catalog {
  const catalog: Record<string, Message> = { ...errors };
  for (const [code, message] of Object.entries(labels)) catalog[`recommend.reason.${code}`] = message;
  for (const [code, message] of Object.entries(sentences)) catalog[`recommend.because.${code}`] = message;
  return catalog;
}

/** Registers the catalog once, whichever module of the folder is loaded first. */
export function registerRecommendMessages(): void {
  if (!hasMessage("recommend.length_mismatch")) registerCatalog(buildCatalog());
}

registerRecommendMessages();

export type RecommendMessageKey = keyof typeof errors;

/** The short name of a reason code, for filters and column headers: "常一起购买" / "Often bought together". */
export function recommendationReasonLabel(code: RecommendationReasonCode, locale: Locale): string {
  return t(`recommend.reason.${code}`, {}, locale);
}

/** A reason with the names people know, as the engine hands it out with each recommendation. */
export type NamedRecommendationReason =
  | {
      readonly code: "bought_together";
      /** `anchor`: the name of the product it is bought with; `lift`: P(recommended | anchor) / P(recommended). */
      readonly params: { readonly anchor: string; readonly lift: number };
    }
  | {
      readonly code: "peers_buy_category";
      /** `share`: the share (0..1) of the customer's peers who buy in `category`. */
      readonly params: { readonly category: string; readonly share: number };
    };

/**
 * The reason as a sentence: "与『打印机』常一起购买（提升度 3.2）",
 * "同级同行业客户中 46% 购买『办公耗材』". Lift is shown to one decimal, the share in whole percent
 * (at least 1 % for any share above 0, so a real share never reads as "0 %").
 */
export function recommendationReasonText(reason: NamedRecommendationReason, locale: Locale): string {
  if (reason.code === "bought_together") {
    const { anchor, lift } = reason.params;
    return t("recommend.because.bought_together", { anchor, lift: lift.toFixed(1) }, locale);
  }
  const { category, share } = reason.params;
  const percent = share > 0 ? Math.max(1, Math.round(share * 100)) : 0;
  return t("recommend.because.peers_buy_category", { category, share: percent }, locale);
}
