import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "cli.serve.description": {
    "zh-CN": "启动 HTTP 服务（接口与 API 文档），直到按 Ctrl+C 或收到 SIGTERM",
    en: "run the HTTP server (the API and its docs) until Ctrl+C or SIGTERM",
  },
  "cli.serve.option.port": {
    "zh-CN": "监听端口（默认取 CUSTRA_PORT 或 PORT，否则 3000）",
    en: "port to listen on (default: CUSTRA_PORT or PORT, else 3000)",
  },
  "cli.serve.option.host": {
    "zh-CN": "监听地址（默认取 CUSTRA_HOST，否则 127.0.0.1；对外服务用 0.0.0.0）",
    en: "address to listen on (default: CUSTRA_HOST, else 127.0.0.1; 0.0.0.0 to serve other machines)",
  },
  "cli.serve.option.publicUrl": {
    "zh-CN": "用户访问的地址（默认取 CUSTRA_PUBLIC_URL）；https 地址会启用安全 Cookie",
    en: "the address users reach the server at (default: CUSTRA_PUBLIC_URL); an https address makes cookies Secure",
  },
  "cli.serve.option.timeZone": {
    "zh-CN": "定时任务所用的公司时区（默认取 CUSTRA_TIME_ZONE，否则公司设置，再否则 Asia/Shanghai）",
    en: "the company time zone for schedules (default: CUSTRA_TIME_ZONE, else the company settings, else Asia/Shanghai)",
  },
  "cli.serve.listening": {
    "zh-CN": "custra 服务已启动：{url}（API 文档：{url}/api/docs；数据库：{database}）",
    en: "custra is serving at {url} (API docs: {url}/api/docs; database: {database})",
  },
  "cli.start.demo": {
    "zh-CN": "数据库为空：正在生成演示公司（{customers} 位客户）……",
    en: "The database is empty: creating the demo company ({customers} customers)…",
  },
  "cli.start.pipeline": {
    "zh-CN": "首次运行每日流程：分析、分级、生成今日任务……",
    en: "Running the daily pipeline for the first time: analyse, grade, today's tasks…",
  },
  "cli.start.web": {
    "zh-CN": "网页工作台的构建缺失或已过期，正在构建（vite build）……",
    en: "The web workbench's build is missing or stale: building it (vite build)…",
  },
  "cli.start.signIn": {
    "zh-CN": "演示账号（{role}）：{email}，密码 {password}",
    en: "Demo sign-in ({role}): {email}, password {password}",
  },
} satisfies Catalog;

if (!hasMessage("cli.serve.description")) registerCatalog(catalog);
