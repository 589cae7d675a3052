import { type Catalog, registerCatalog } from "@custra/core/i18n";
import { registerHints } from "../hints.ts";

// What the command line adds to the analysis errors: the commands that fix them.
const catalog = {
  "cli.hint.importOrders": {
    "zh-CN": "请先导入订单（custra import orders …）或生成示例数据（custra demo）。",
    en: "Import orders first (custra import orders …) or create the demo company (custra demo).",
  },
  "cli.hint.runAnalyze": { "zh-CN": "请先运行 custra analyze", en: "run custra analyze first" },
  "cli.customer.noRun": {
    "zh-CN": "还没有分析结果，请先运行 custra analyze",
    en: "there is no analysis yet; run custra analyze first",
  },
} satisfies Catalog;

registerCatalog(catalog);
registerHints({ ANALYZE_NO_ORDERS: "cli.hint.importOrders", ANALYZE_NO_RUN: "cli.hint.runAnalyze" });
