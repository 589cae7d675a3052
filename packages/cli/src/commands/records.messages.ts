import { type Catalog, registerCatalog } from "@custra/core/i18n";

/** Texts of the orders, receivables and payments `custra customer show` prints. */
const catalog = {
  "cli.records.orders.none": { "zh-CN": "暂无订单", en: "No orders" },
  "cli.records.orders.latest": { "zh-CN": "最近 {count} 笔订单：", en: "Latest {count} orders:" },
  "cli.records.receivables.none": {
    "zh-CN": "截至 {asOf} 没有未结发票",
    en: "No open invoices as of {asOf}",
  },
  "cli.records.receivables.title": {
    "zh-CN": "截至 {asOf} 的应收账龄（{count} 张未结发票，未结 {open}，逾期 {overdue}）：",
    en: "Receivables aging as of {asOf} ({count} open invoices, {open} open, {overdue} overdue):",
  },
  "cli.records.payments.none": { "zh-CN": "暂无付款", en: "No payments" },
  "cli.records.payments.latest": { "zh-CN": "最近 {count} 笔付款：", en: "Latest {count} payments:" },
  "cli.records.col.date": { "zh-CN": "日期", en: "date" },
  "cli.records.col.number": { "zh-CN": "单号", en: "number" },
  "cli.records.col.amount": { "zh-CN": "金额", en: "amount" },
  "cli.records.col.status": { "zh-CN": "状态", en: "status" },
  "cli.records.col.lines": { "zh-CN": "明细行", en: "lines" },
  "cli.records.col.invoice": { "zh-CN": "发票", en: "invoice" },
  "cli.records.bucket.current": { "zh-CN": "未到期", en: "not yet due" },
  "cli.records.bucket.1-30": { "zh-CN": "逾期 1–30 天", en: "1–30 days" },
  "cli.records.bucket.31-60": { "zh-CN": "逾期 31–60 天", en: "31–60 days" },
  "cli.records.bucket.61-90": { "zh-CN": "逾期 61–90 天", en: "61–90 days" },
  "cli.records.bucket.over90": { "zh-CN": "逾期 90 天以上", en: "over 90 days" },
} satisfies Catalog;

registerCatalog(catalog);
