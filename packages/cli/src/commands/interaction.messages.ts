import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

/** Texts of `custra interaction`. */
const catalog = {
  "cli.interaction.description": {
    "zh-CN": "客户互动记录（拜访、电话、投诉……）：记录一次互动",
    en: "interactions with customers (visits, calls, complaints…): log one",
  },
  "cli.interaction.log.description": {
    "zh-CN": "为客户记录一次互动；写入审计日志",
    en: "log an interaction with a customer; recorded in the audit log",
  },
  "cli.interaction.log.customer": { "zh-CN": "客户编号", en: "the customer's code" },
  "cli.interaction.log.kind": { "zh-CN": "互动类型", en: "the kind of interaction" },
  "cli.interaction.log.summary": {
    "zh-CN": "内容摘要（最多 2000 字）",
    en: "what happened (at most 2000 characters)",
  },
  "cli.interaction.log.at": {
    "zh-CN": "发生时间，ISO 8601 并带时区，如 2026-01-10T09:30:00+08:00（默认现在）",
    en: "when it happened, ISO 8601 with an offset, e.g. 2026-01-10T09:30:00+08:00 (default: now)",
  },
  "cli.interaction.log.logged": {
    "zh-CN": "已记录互动 #{id}：客户 {customer}，{kind}，{at}",
    en: "logged interaction #{id}: customer {customer}, {kind}, {at}",
  },
} satisfies Catalog;

if (!hasMessage("cli.interaction.description")) registerCatalog(catalog);
