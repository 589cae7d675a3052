import { type Catalog, registerCatalog } from "@custra/core";

const catalog = {
  "analyze.noOrders": {
    "zh-CN":
      "数据库中还没有已完成的订单，无法分析。请先导入订单（custra import orders …）或生成示例数据（custra demo）。",
    en: "there are no completed orders to analyse yet. Import orders first (custra import orders …) or create the demo company (custra demo).",
  },
  "analyze.noRun": {
    "zh-CN": "还没有分析结果，请先运行 custra analyze",
    en: "there is no analysis yet; run custra analyze first",
  },
  "analyze.unknownCustomer": { "zh-CN": "找不到客户：{code}", en: "no customer with code {code}" },
} satisfies Catalog;

registerCatalog(catalog);
