import { describe, expect, it } from "vitest";
import { REASON_CODES, type ReasonCode } from "./codes.ts";
import { reasonText } from "./reasons.ts";

const examples: Record<ReasonCode, [Record<string, string | number>, string, string]> = {
  care_birthday: [{ date: "2026-07-04" }, "生日 2026-07-04", "Birthday 2026-07-04"],
  care_lunar_birthday: [{ date: "2026-02-17" }, "生日（农历）2026-02-17", "Birthday (lunar) 2026-02-17"],
  care_festival: [
    { festival: "mid_autumn", date: "2026-09-25", budget: 300 },
    "中秋节 2026-09-25，关怀预算 ¥300",
    "Mid-Autumn Festival 2026-09-25, care budget CN¥300",
  ],
  cadence_due: [
    { channel: "visit", everyDays: 30, last: "2026-08-01", days: 45 },
    "拜访周期 30 天，上次联系 2026-08-01，已过 45 天",
    "Visit every 30 days; last contact 2026-08-01, 45 days ago",
  ],
  cadence_never: [
    { channel: "call", everyDays: 90 },
    "电话周期 90 天，尚无联系记录",
    "Call every 90 days; never contacted",
  ],
  win_back_risk: [
    { level: "critical", risk: 0.853, reasons: "complaints,payment_trouble" },
    "严重流失预警：流失风险 85%；原因：有投诉记录、付款严重逾期",
    "Critical churn warning: churn risk 85%; reasons: Has complained, Pays invoices late",
  ],
  win_back_p_alive: [{ pAlive: 0.12 }, "存活概率降至 12%", "Probability alive down to 12%"],
  win_back_drop: [{ from: "A", to: "B" }, "等级从 A 降至 B", "Grade dropped from A to B"],
  collection_overdue: [
    { invoice: "INV-1", bucket: "31-60", amount: 12300, dueOn: "2026-01-31", days: 40 },
    "回款逾期 31–60 天，¥12,300（发票 INV-1，到期日 2026-01-31）",
    "Payment overdue 31–60 days, CN¥12,300 (invoice INV-1, due 2026-01-31)",
  ],
  detractor: [
    { nps: 4, answeredOn: "2026-03-02" },
    "NPS 评分 4（2026-03-02），48 小时内回访",
    "NPS score 4 (2026-03-02); follow up within 48 hours",
  ],
  low_satisfaction: [
    { satisfaction: 1.5, answeredOn: "2026-03-02" },
    "满意度评分 1.5/5（2026-03-02），48 小时内回访",
    "Satisfaction score 1.5/5 (2026-03-02); follow up within 48 hours",
  ],
  complaint_overdue: [
    { dueHours: 48, occurredOn: "2026-03-01" },
    "投诉超过处理时限（48 小时）仍未解决，发生于 2026-03-01",
    "Complaint still open past its 48-hour deadline, raised 2026-03-01",
  ],
  key_account_review: [{ period: "2026-Q4" }, "大客户定期回顾（2026-Q4）", "Key-account review (2026-Q4)"],
  campaign_segment: [
    { segment: "at_risk", basis: "rfm_segment", channel: "wechat", period: "2026-Q3", customers: 1200 },
    "客群「有流失风险客户」营销活动（微信，2026-Q3）：1200 位个人客户，名单见任务详情",
    "Campaign for At risk (WeChat, 2026-Q3): 1200 individual customers, listed with the task",
  ],
};

describe("reasonText", () => {
  it.each(REASON_CODES)("puts %s into words in both languages", (code) => {
    const [params, zh, en] = examples[code];
    expect(reasonText({ code, params }, { locale: "zh-CN" })).toBe(zh);
    expect(reasonText({ code, params }, { locale: "en" })).toBe(en);
  });

  it("shows a warning without risk or reasons, and grade labels when given", () => {
    expect(reasonText({ code: "win_back_risk", params: { level: "warning" } }, { locale: "zh-CN" })).toBe(
      "流失预警：流失风险 未知",
    );
    expect(
      reasonText(
        { code: "win_back_drop", params: { from: "strategic", to: "core" } },
        {
          locale: "zh-CN",
          gradeLabel: (code) => ({ strategic: "战略客户", core: "核心客户" })[code] ?? code,
        },
      ),
    ).toBe("等级从 战略客户 降至 核心客户");
  });
});

describe("money in reasons", () => {
  const overdue = {
    code: "collection_overdue",
    params: { bucket: "31-60", amount: 12300.5, invoice: "I", dueOn: "2026-01-31" },
  };
  it("shows amounts in the company's currency, formatted for the reader's language", () => {
    const reason = overdue as Parameters<typeof reasonText>[0];
    expect(reasonText(reason, { currency: "USD", locale: "en" })).toBe(
      "Payment overdue 31–60 days, $12,300.50 (invoice I, due 2026-01-31)",
    );
    expect(reasonText(reason, { currency: "USD", locale: "zh-CN" })).toContain("US$12,300.50");
    expect(reasonText(reason, { currency: "EUR", locale: "en" })).toContain("€12,300.50");
    const budget = {
      code: "care_festival",
      params: { festival: "mid_autumn", date: "2026-09-25", budget: 300 },
    };
    expect(reasonText(budget as Parameters<typeof reasonText>[0], { currency: "JPY", locale: "en" })).toBe(
      "Mid-Autumn Festival 2026-09-25, care budget ¥300",
    );
    expect(reasonText(budget as Parameters<typeof reasonText>[0], { currency: "USD", locale: "zh-CN" })).toBe(
      "中秋节 2026-09-25，关怀预算 US$300",
    );
  });
});
