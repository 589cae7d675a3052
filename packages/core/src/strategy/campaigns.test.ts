import { describe, expect, it } from "vitest";
import { dayNumber } from "../calendar/dates.ts";
import { assignUnowned } from "./audience.ts";
import { KEY_ACCOUNT_PLAYBOOK, VALUE_PLAYBOOK } from "./builtin.ts";
import { generateCampaigns } from "./campaigns.ts";
import { parsePlaybook } from "./playbook.ts";
import { reasonText } from "./reasons.ts";
import { generateTasks } from "./tasks.ts";
import type { TaskCustomers, TaskInput } from "./types.ts";

interface Shopper {
  id: number;
  grade: string;
  type: string | null;
  owner?: string | null;
  region?: string | null;
}

/** Never contacted, so every cadence is due; no birthday. */
function input(shoppers: readonly Shopper[], extra: Partial<TaskInput> = {}): TaskInput {
  const customers: TaskCustomers = {
    ids: shoppers.map((s) => s.id),
    owner: shoppers.map((s) => (s.owner === undefined ? "wang" : s.owner)),
    lastInteractionDay: shoppers.map(() => Number.NaN),
    lastPurchaseDay: shoppers.map(() => dayNumber("2026-01-05")),
    customerType: shoppers.map((s) => s.type),
    region: shoppers.map((s) => s.region ?? null),
  };
  return {
    customers,
    playbooks: [{ playbook: VALUE_PLAYBOOK, codes: shoppers.map((s) => s.grade) }],
    ...extra,
  };
}

describe("segment campaigns for individuals", () => {
  // Five shoppers in A, three in C, one company in A; 春节 2026 is 02-17, in C's 3-day care window.
  const shoppers: Shopper[] = [
    ...[1, 2, 3, 4, 5].map((id) => ({ id, grade: "A", type: "individual" })),
    ...[6, 7, 8].map((id) => ({ id, grade: "C", type: "individual" })),
    { id: 9, grade: "A", type: "enterprise" },
    { id: 10, grade: "D", type: "individual" },
  ];
  const asOf = "2026-02-14";

  it("reach a segment's individuals with one task carrying their list, not a visit and review each", () => {
    const campaigns = generateCampaigns(input(shoppers), { asOf });
    expect(
      campaigns.map((c) => [c.occasionKey, c.segment, c.dueOn, c.priority, c.owner, c.customerIds]),
    ).toEqual([
      ["campaign:value:A:2026-02", "A", "2026-02-28", "high", null, [1, 2, 3, 4, 5]],
      ["campaign:value:C:2026-Q1", "C", "2026-03-31", "normal", null, [6, 7, 8]],
    ]);
    expect(campaigns[1]!.reason).toEqual({
      code: "campaign_segment",
      params: { segment: "C", basis: "grade", channel: "wechat", period: "2026-Q1", customers: 3 },
    });
    expect(reasonText(campaigns[1]!.reason, { locale: "en" })).toBe(
      "Campaign for C (WeChat, 2026-Q1): 3 individual customers, listed with the task",
    );

    const tasks = generateTasks(input(shoppers), { asOf });
    const ofCustomer = (id: number) => tasks.filter((t) => t.customerId === id).map((t) => t.kind);
    // The company in A is still visited, reviewed and greeted; the shoppers are not.
    expect(ofCustomer(9)).toEqual(["care", "cadence", "key_account_review"]);
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) expect(ofCustomer(id)).toEqual([]);
  });

  it("make the same campaign on every day of the period and a new one in the next", () => {
    const keys = (day: string) => generateCampaigns(input(shoppers), { asOf: day }).map((c) => c.occasionKey);
    expect(keys("2026-02-01")).toEqual(keys("2026-02-28"));
    expect(keys("2026-03-01")).toEqual(["campaign:value:A:2026-03", "campaign:value:C:2026-Q1"]);
    expect(keys("2026-04-01")).toEqual(["campaign:value:A:2026-04", "campaign:value:C:2026-Q2"]);
  });

  it("take customers of unknown type for individuals only when told (a B2C company)", () => {
    const unknown = shoppers.map((s) => ({ ...s, type: null }));
    expect(generateCampaigns(input(unknown), { asOf })).toEqual([]);
    const b2c = generateCampaigns(input(unknown), { asOf, unknownCustomerType: "individual" });
    expect(b2c.map((c) => c.customerIds)).toEqual([
      [1, 2, 3, 4, 5, 9],
      [6, 7, 8],
    ]);
  });

  it("leave grades without a campaign rule, and other playbooks' rules, alone", () => {
    const kinds = { asOf, kinds: ["cadence" as const] };
    expect(generateCampaigns(input(shoppers), kinds)).toEqual([]);
    const keyAccounts = input(shoppers, {
      playbooks: [{ playbook: KEY_ACCOUNT_PLAYBOOK, codes: shoppers.map(() => "strategic") }],
    });
    expect(generateCampaigns(keyAccounts, { asOf })).toEqual([]);
    const rfm = parsePlaybook({
      name: "shop",
      version: 1,
      title: { "zh-CN": "电商", en: "Shop" },
      basis: { kind: "rfm_segment" },
      rules: {
        at_risk: { serviceLevel: "standard", campaign: { channel: "email", every: "year", owner: "mkt" } },
      },
    });
    const [campaign] = generateCampaigns(
      input(shoppers, {
        playbooks: [{ playbook: rfm, codes: shoppers.map((s) => (s.id < 3 ? "at_risk" : "lost")) }],
      }),
      { asOf },
    );
    expect(campaign).toMatchObject({
      occasionKey: "campaign:shop:at_risk:2026",
      owner: "mkt",
      customerIds: [1, 2],
    });
    expect(reasonText(campaign!.reason, { locale: "zh-CN" })).toBe(
      "客群「有流失风险客户」营销活动（邮件，2026）：2 位个人客户，名单见任务详情",
    );
  });
});

describe("customers without an owner", () => {
  const assignees = [
    { name: "li", team: "华南" },
    { name: "zhao", team: "华南" },
    { name: "qian", team: "华东" },
    { name: "sun", team: null },
  ];

  it("are dealt out in turn to the sales users instead of piling up in the pool", () => {
    // Unowned customers all have even ids, owned ones odd: a modulo of the id would use half the team.
    const customers: Shopper[] = Array.from({ length: 16 }, (_, k) => ({
      id: k + 1,
      grade: "B",
      type: "enterprise",
      owner: (k + 1) % 2 === 0 ? null : "wang",
    }));
    const tasks = generateTasks(input(customers, { assignees }), { asOf: "2026-05-10", kinds: ["cadence"] });
    expect(tasks).toHaveLength(16);
    const owners = tasks.filter((t) => t.customerId % 2 === 0).map((t) => t.owner);
    expect(owners).toEqual(["li", "zhao", "qian", "sun", "li", "zhao", "qian", "sun"]);
    expect(tasks.filter((t) => t.assigned).map((t) => t.customerId)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(tasks.filter((t) => t.customerId % 2 === 1).every((t) => t.owner === "wang" && !t.assigned)).toBe(
      true,
    );
    // Nobody to deal them to: the pool, as before.
    const alone = generateTasks(input(customers), { asOf: "2026-05-10", kinds: ["cadence"] });
    expect(alone.filter((t) => t.owner === null)).toHaveLength(8);
  });

  it("keep a pool rule's tasks in the pool, and a customer's tasks with one person", () => {
    const customers: Shopper[] = [
      { id: 1, grade: "D", type: "enterprise", owner: null },
      { id: 2, grade: "A", type: "enterprise", owner: null },
    ];
    const invoice = (customerId: number) => ({
      customerId,
      invoiceId: `I${customerId}`,
      dueOn: "2026-05-01",
      openAmount: 9,
    });
    const tasks = generateTasks(input(customers, { assignees, overdueInvoices: [invoice(1), invoice(2)] }), {
      asOf: "2026-05-10",
      kinds: ["collection", "cadence", "key_account_review"],
    });
    expect(tasks.map((t) => [t.customerId, t.kind, t.owner, t.needsOwner])).toEqual([
      [1, "collection", null, false],
      // Customer 2 is second among the unowned: it goes to the second assignee, with all its tasks.
      [2, "cadence", "zhao", true],
      [2, "key_account_review", "zhao", true],
      [2, "collection", "zhao", true],
    ]);
  });

  it("go by region to the team serving it, round robin within the team", () => {
    const rule = {
      by: "region" as const,
      team: "华东",
      regions: { 广东: "华南", 海南: "华南", 西藏: "西南" },
    };
    const regions = ["广东", "海南", "广东", "上海", null, "西藏", "广东"];
    const customers: TaskCustomers = {
      ids: regions.map((_, k) => k + 1),
      owner: regions.map(() => null),
      lastInteractionDay: regions.map(() => Number.NaN),
      lastPurchaseDay: regions.map(() => Number.NaN),
      region: regions,
    };
    // 西藏's team 西南 has nobody: its customer goes to the playbook's team 华东.
    expect(assignUnowned(rule, customers, assignees)).toEqual([
      "li",
      "zhao",
      "li",
      "qian",
      "qian",
      "qian",
      "zhao",
    ]);
    expect(assignUnowned({ by: "round_robin", team: "华南" }, customers, assignees)).toEqual([
      "li",
      "zhao",
      "li",
      "zhao",
      "li",
      "zhao",
      "li",
    ]);
    expect(assignUnowned(undefined, customers, assignees)).toBeUndefined();
    expect(assignUnowned(rule, customers, [])).toBeUndefined();
  });

  it("by region without regions is a playbook error naming the place", () => {
    expect(() =>
      parsePlaybook({
        name: "p",
        version: 1,
        title: { "zh-CN": "p", en: "p" },
        basis: { kind: "rfm_segment" },
        rules: {},
        assignUnowned: { by: "region" },
      }),
    ).toThrow(/assignUnowned\.regions/);
  });
});
