import { type Catalog, registerCatalog } from "@custra/core/i18n";
import { registerHints } from "../hints.ts";

const catalog = {
  "cli.hint.demoNotEmpty": {
    "zh-CN": "请用 --db 指定新文件，或用 --out 导出 CSV。",
    en: "Use --db with a new file, or --out for CSV files.",
  },
} satisfies Catalog;

registerCatalog(catalog);
registerHints({ DEMO_NOT_EMPTY: "cli.hint.demoNotEmpty" });
