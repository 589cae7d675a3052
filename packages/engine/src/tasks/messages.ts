import { type Catalog, registerCatalog } from "@custra/core";

/** Texts of task generation and campaigns that the engine produces (errors, sheet names). */
const catalog = {
  "tasks.unknownCampaign": {
    "zh-CN": "找不到营销活动 {id}",
    en: "there is no campaign {id}",
  },
  "tasks.sheet.campaign": { "zh-CN": "营销名单", en: "Campaign list" },
} satisfies Catalog;

registerCatalog(catalog);
