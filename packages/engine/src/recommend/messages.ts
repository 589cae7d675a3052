import { type Catalog, hasMessage, registerCatalog } from "@custra/core";

// "recommend.load." so as not to collide with the core recommender's "recommend." keys.
const catalog = {
  "recommend.load.unknownRun": {
    "zh-CN": "找不到分析 #{run}（最近一次是 #{latest}）；不指定分析即按最近一次的价值分层分组",
    en: "there is no analysis #{run} (the latest is #{latest}); leave the run out to group customers by the latest one's value tiers",
  },
  "recommend.load.noRuns": {
    "zh-CN": "找不到分析 #{run}：还没有任何分析结果",
    en: "there is no analysis #{run}: there is no analysis at all yet",
  },
} satisfies Catalog;

export type RecommendationMessageKey = keyof typeof catalog;

export function registerRecommendationMessages(): void {
  if (!hasMessage("recommend.load.noRuns")) registerCatalog(catalog);
}
