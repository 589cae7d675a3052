import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "server.error.invalid_setting": {
    "zh-CN": "服务设置 {setting} 的值“{value}”无效：{problem}",
    en: "The server setting {setting} has an invalid value “{value}”: {problem}",
  },
  "server.error.route_not_found": {
    "zh-CN": "没有这个接口：{method} {path}",
    en: "There is no endpoint {method} {path}",
  },
  "server.error.method_not_allowed": {
    "zh-CN": "接口 {path} 不支持 {method}",
    en: "The endpoint {path} does not take {method}",
  },
  "server.error.invalid_json": {
    "zh-CN": "请求体不是有效的 JSON：{reason}",
    en: "The request body is not valid JSON: {reason}",
  },
  "server.error.body_too_large": {
    "zh-CN": "请求体超过了 {limit} 字节的上限",
    en: "The request body is larger than the limit of {limit} bytes",
  },
  "server.error.unsupported_media_type": {
    "zh-CN": "不支持的内容类型：{type}",
    en: "Unsupported content type: {type}",
  },
  "server.error.too_many_requests": {
    "zh-CN": "请求过于频繁，请在 {seconds} 秒后重试",
    en: "Too many requests; try again in {seconds} s",
  },
  "server.error.csrf_rejected": {
    "zh-CN": "请求缺少有效的 CSRF 令牌（x-csrf-token），已拒绝。请刷新页面后重试。",
    en: "The request lacks a valid CSRF token (x-csrf-token) and was refused. Reload the page and try again.",
  },
  "server.error.not_ready": {
    "zh-CN": "数据库暂时无法访问：{reason}",
    en: "The database cannot be reached right now: {reason}",
  },
  "server.error.shutting_down": {
    "zh-CN": "服务器正在停止，未处理此请求。请在 {seconds} 秒后重试。",
    en: "The server is shutting down and did not handle this request. Try again in {seconds} s.",
  },
  "server.error.internal": {
    "zh-CN": "服务器内部错误（请求编号 {requestId}）。管理员可在日志中按此编号查找原因。",
    en: "Internal server error (request {requestId}). An admin can find the cause in the log under this id.",
  },
  "server.import.no_file": {
    "zh-CN": "缺少要导入的文件（表单字段 file）",
    en: "No file to import (the form field file)",
  },
  "server.import.bad_options": {
    "zh-CN": "表单字段 options 应为导入选项的 JSON 对象",
    en: "The form field options must be a JSON object of import options",
  },
  "server.problem.port": {
    "zh-CN": "应为 0 到 65535 之间的整数",
    en: "must be a whole number from 0 to 65535",
  },
  "server.problem.host": { "zh-CN": "应为主机名或 IP 地址", en: "must be a host name or an IP address" },
  "server.problem.secret": {
    "zh-CN": "至少需要 {min} 个字符",
    en: "must be at least {min} characters long",
  },
  "server.problem.timeZone": {
    "zh-CN": "不是已知的时区（例如 Asia/Shanghai）",
    en: "is not a known time zone (e.g. Asia/Shanghai)",
  },
  "server.problem.schedule": {
    "zh-CN": "应为 cron 表达式（例如 0 6 * * * 表示每天 6:00），或 off 表示不定时运行",
    en: "must be a cron expression (e.g. 0 6 * * * for 6:00 every day), or off for no schedule",
  },
  "server.problem.url": {
    "zh-CN": "应为 http:// 或 https:// 开头的地址",
    en: "must be an http:// or https:// address",
  },
  "server.problem.size": {
    "zh-CN": "应为正整数（字节数，可带 k、m 或 g 后缀）",
    en: "must be a positive whole number of bytes (k, m or g suffix allowed)",
  },
  "server.problem.seconds": {
    "zh-CN": "应为正整数（秒数）",
    en: "must be a positive whole number of seconds",
  },
  "server.problem.level": {
    "zh-CN": "应为以下之一：{values}",
    en: "must be one of {values}",
  },
  "server.web.missing": {
    "zh-CN":
      "custra 的网页工作台尚未构建（{root} 中没有 index.html）。请运行 npm run build -w packages/web，或用 npm start 启动（会自动构建）。接口仍在 /api/v1 提供。",
    en: "custra's web workbench is not built ({root} has no index.html). Run npm run build -w packages/web, or start with npm start (which builds it). The API is still served at /api/v1.",
  },
  "server.status.400": { "zh-CN": "请求有误", en: "Bad Request" },
  "server.status.401": { "zh-CN": "未登录", en: "Unauthorized" },
  "server.status.403": { "zh-CN": "无权操作", en: "Forbidden" },
  "server.status.404": { "zh-CN": "未找到", en: "Not Found" },
  "server.status.405": { "zh-CN": "方法不允许", en: "Method Not Allowed" },
  "server.status.409": { "zh-CN": "冲突", en: "Conflict" },
  "server.status.413": { "zh-CN": "内容过大", en: "Content Too Large" },
  "server.status.415": { "zh-CN": "不支持的内容类型", en: "Unsupported Media Type" },
  "server.status.422": { "zh-CN": "无法处理的内容", en: "Unprocessable Content" },
  "server.status.423": { "zh-CN": "资源被占用", en: "Locked" },
  "server.status.429": { "zh-CN": "请求过多", en: "Too Many Requests" },
  "server.status.500": { "zh-CN": "服务器内部错误", en: "Internal Server Error" },
  "server.status.503": { "zh-CN": "服务暂不可用", en: "Service Unavailable" },
} satisfies Catalog;

export function registerServerMessages(): void {
  if (!hasMessage("server.error.invalid_setting")) registerCatalog(catalog);
}
