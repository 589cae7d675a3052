/**
 * Ready-made playbooks for the three ready-made grading schemes. They follow the usual practice
 * of 客户分级管理 in Chinese B2B and B2C sales, and are meant to be copied and adjusted, not
 * obeyed: the numbers are sensible starting points.
 *
 * - `value` (grades A/B/C/D by customer value): attention follows value. A customers — the few
 *   who bring most of the revenue — get a named account manager, a visit every month, a
 *   quarterly account review, a greeting or gift on their birthday and every festival, and
 *   every safety net (win-back, collection, detractor follow-up). B customers get a call each
 *   quarter and care on the occasions that matter most (birthday, 春节, 中秋). C customers are
 *   reached at low cost: the company's mass WeChat and marketing campaigns, not a task per
 *   customer (a third of the base would bury the team), and a 春节 greeting. D customers go to the team pool
 *   with nothing but collection: spending on them costs more than it returns.
 * - `key_account` (strategic / core / potential / ordinary accounts, 大客户管理): reviews every
 *   quarter for strategic accounts and every half year for core ones; visits monthly and every
 *   two months; the largest care budgets. Potential accounts (潜力客户: room to grow, not yet
 *   big) are developed by their own account manager with a call every six weeks. Ordinary
 *   accounts are not key accounts: the value playbook serves them, this one only collects and
 *   follows up their complaints and detractor answers.
 * - `credit` (good / fair / risky payers, 信用分级管理): only collection. The riskier the payer,
 *   the earlier and the more urgent the reminder: good payers get 15 days' grace (a statement
 *   usually settles it), fair payers a reminder the first day overdue, risky payers the same at
 *   high priority. Terms follow the grade (normal terms; shorter terms; cash before delivery).
 *   Run it beside `value`: tasks of both are merged by their occasion keys.
 *
 * Complaint escalation is on in every rule (the default): an unresolved complaint past its
 * deadline is a service failure whatever the customer is worth.
 *
 * Individuals (B2C shoppers, customer type `individual`) are not visited every month nor given
 * account reviews: in `value`, the individuals of A, B and C are reached by one WeChat campaign
 * per segment (monthly for A, quarterly for B and C), a task carrying the list of its customers;
 * they keep the tasks their own events call for (birthday, win-back, collection, follow-ups).
 * Key accounts are organisations (the key_account scheme grades individuals ordinary at most).
 *
 * Customers without an owner are dealt out in turn (round robin) to the sales users, in every
 * playbook, instead of piling up in the team pool; a company that splits its teams by region
 * writes `assignUnowned: { by: "region", regions: { 广东: "华南", … } }` in its own copy.
 */
import { FESTIVALS } from "../calendar/codes.ts";
import { type Playbook, parsePlaybook } from "./playbook.ts";

export const VALUE_PLAYBOOK: Playbook = parsePlaybook({
  name: "value",
  version: 1,
  title: { "zh-CN": "价值分级策略", en: "Value-grade playbook" },
  assignUnowned: { by: "round_robin" },
  basis: { kind: "grade", scheme: "value" },
  rules: {
    A: {
      serviceLevel: "exclusive",
      priority: "high",
      contact: { channel: "visit", everyDays: 30 },
      ownerRule: "named_manager",
      careBudget: 2000,
      care: { birthday: true, festivals: [...FESTIVALS], daysAhead: 7 },
      winBack: true,
      collection: true,
      detractorFollowUp: true,
      keyAccountReview: { every: "quarter" },
      campaign: { channel: "wechat", every: "month" },
    },
    B: {
      serviceLevel: "priority",
      contact: { channel: "call", everyDays: 90 },
      ownerRule: "keep",
      careBudget: 600,
      care: { birthday: true, festivals: ["spring_festival", "mid_autumn"], daysAhead: 7 },
      winBack: true,
      collection: true,
      detractorFollowUp: true,
      campaign: { channel: "wechat", every: "quarter" },
    },
    C: {
      serviceLevel: "standard",
      contact: null,
      ownerRule: "keep",
      care: { birthday: false, festivals: ["spring_festival"], daysAhead: 3 },
      collection: true,
      detractorFollowUp: true,
      campaign: { channel: "wechat", every: "quarter" },
    },
    D: {
      serviceLevel: "basic",
      priority: "low",
      contact: null,
      ownerRule: "pool",
      collection: true,
    },
  },
});

export const KEY_ACCOUNT_PLAYBOOK: Playbook = parsePlaybook({
  name: "key_account",
  version: 1,
  title: { "zh-CN": "大客户分级策略", en: "Key-account playbook" },
  assignUnowned: { by: "round_robin" },
  basis: { kind: "grade", scheme: "key_account" },
  rules: {
    strategic: {
      serviceLevel: "exclusive",
      priority: "high",
      contact: { channel: "visit", everyDays: 30 },
      ownerRule: "named_manager",
      careBudget: 5000,
      care: { birthday: true, festivals: [...FESTIVALS], daysAhead: 10 },
      winBack: true,
      collection: true,
      detractorFollowUp: true,
      keyAccountReview: { every: "quarter" },
    },
    core: {
      serviceLevel: "priority",
      contact: { channel: "visit", everyDays: 60 },
      ownerRule: "named_manager",
      careBudget: 2000,
      care: { birthday: true, festivals: ["spring_festival", "dragon_boat", "mid_autumn"], daysAhead: 7 },
      winBack: true,
      collection: true,
      detractorFollowUp: true,
      keyAccountReview: { every: "half_year" },
    },
    potential: {
      serviceLevel: "priority",
      contact: { channel: "call", everyDays: 45 },
      ownerRule: "named_manager",
      careBudget: 1000,
      care: { birthday: true, festivals: ["spring_festival", "mid_autumn"], daysAhead: 7 },
      winBack: true,
      collection: true,
      detractorFollowUp: true,
    },
    ordinary: {
      serviceLevel: "standard",
      contact: null,
      ownerRule: "keep",
      collection: true,
      detractorFollowUp: true,
    },
  },
});

export const CREDIT_PLAYBOOK: Playbook = parsePlaybook({
  name: "credit",
  version: 1,
  title: { "zh-CN": "信用分级策略", en: "Credit-grade playbook" },
  assignUnowned: { by: "round_robin" },
  basis: { kind: "grade", scheme: "credit" },
  rules: {
    good: {
      serviceLevel: { "zh-CN": "正常账期", en: "Normal payment terms" },
      collection: true,
      collectionGraceDays: 15,
    },
    fair: {
      serviceLevel: { "zh-CN": "缩短账期", en: "Shorter payment terms" },
      collection: true,
    },
    risky: {
      serviceLevel: { "zh-CN": "款到发货", en: "Cash before delivery" },
      priority: "high",
      collection: true,
    },
  },
});

/** The ready-made playbooks by name. */
export const BUILTIN_PLAYBOOKS: Readonly<Record<string, Playbook>> = {
  value: VALUE_PLAYBOOK,
  key_account: KEY_ACCOUNT_PLAYBOOK,
  credit: CREDIT_PLAYBOOK,
};
