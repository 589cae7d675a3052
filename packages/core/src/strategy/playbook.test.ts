import { describe, expect, it } from "vitest";
import { FESTIVALS } from "../calendar/codes.ts";
import { errorText } from "../errors/custra-error.ts";
import { renderedIssues } from "../errors/thrown.fixture.ts";
import type { Locale } from "../i18n/i18n.ts";
import { BUILTIN_PLAYBOOKS, CREDIT_PLAYBOOK, KEY_ACCOUNT_PLAYBOOK, VALUE_PLAYBOOK } from "./builtin.ts";
import { isStrategyError, type StrategyError } from "./errors.ts";
import { parsePlaybook, ruleFor } from "./playbook.ts";

/** The issues as a reader in `locale` reads them. */
function issuesOf(error: StrategyError, locale: Locale = "zh-CN") {
  return renderedIssues(error.issues, { key: "strategy.path.root" }, locale);
}

function parseError(input: unknown): StrategyError {
  try {
    parsePlaybook(input);
  } catch (error) {
    if (isStrategyError(error, "STRATEGY_INVALID_PLAYBOOK")) return error;
    throw error;
  }
  throw new Error("the playbook was accepted");
}

const minimal = {
  name: "mine",
  version: 1,
  title: { "zh-CN": "我的策略", en: "Mine" },
  basis: { kind: "grade", scheme: "value" },
  rules: { A: { serviceLevel: "exclusive" } },
};

describe("builtin playbooks", () => {
  it("parse, and read back the same from JSON (as stored in the database)", () => {
    for (const playbook of Object.values(BUILTIN_PLAYBOOKS)) {
      expect(parsePlaybook(JSON.parse(JSON.stringify(playbook)))).toEqual(playbook);
    }
    expect(Object.keys(BUILTIN_PLAYBOOKS)).toEqual(["value", "key_account", "credit"]);
  });

  it("give the value grades the service the issue describes", () => {
    const { A, B, C, D } = VALUE_PLAYBOOK.rules;
    expect(A).toMatchObject({
      contact: { channel: "visit", everyDays: 30 },
      ownerRule: "named_manager",
      care: { birthday: true, festivals: [...FESTIVALS] },
      keyAccountReview: { every: "quarter" },
      winBack: true,
      collection: true,
      detractorFollowUp: true,
    });
    expect(B).toMatchObject({
      contact: { channel: "call", everyDays: 90 },
      care: { birthday: true, festivals: ["spring_festival", "mid_autumn"] },
    });
    expect(C).toMatchObject({
      // Reached by mass campaigns, not a task per customer.
      contact: null,
      care: { birthday: false, festivals: ["spring_festival"] },
    });
    expect(D).toMatchObject({
      contact: null,
      ownerRule: "pool",
      care: { birthday: false, festivals: [] },
      winBack: false,
      collection: true,
      detractorFollowUp: false,
    });
    expect(KEY_ACCOUNT_PLAYBOOK.rules.strategic?.keyAccountReview).toEqual({ every: "quarter" });
    expect(KEY_ACCOUNT_PLAYBOOK.rules.core?.keyAccountReview).toEqual({ every: "half_year" });
    expect(KEY_ACCOUNT_PLAYBOOK.rules.potential).toMatchObject({ contact: { everyDays: 45 }, winBack: true });
    expect(KEY_ACCOUNT_PLAYBOOK.rules.ordinary).toMatchObject({ contact: null, winBack: false });
    expect(CREDIT_PLAYBOOK.rules.good?.collectionGraceDays).toBe(15);
    expect(CREDIT_PLAYBOOK.rules.risky).toMatchObject({ collectionGraceDays: 0, priority: "high" });
  });
});

describe("parsePlaybook", () => {
  it("fills the defaults of a rule", () => {
    expect(parsePlaybook(minimal).rules.A).toEqual({
      serviceLevel: "exclusive",
      priority: "normal",
      contact: null,
      ownerRule: "keep",
      care: { birthday: false, festivals: [], daysAhead: 7 },
      winBack: false,
      collection: false,
      collectionGraceDays: 0,
      detractorFollowUp: false,
      complaintEscalation: true,
    });
  });

  it("names the path of every problem, in Chinese and in English", () => {
    const input = {
      ...minimal,
      rules: {
        A: { serviceLevel: "exclusive", contact: { channel: "visit", everyDays: "30" } },
        B: { serviceLevel: "gold", cadence: 90, care: { festivals: ["mid_autumn", "qixi"] } },
      },
    };
    const error = parseError(input);
    expect(issuesOf(error)).toEqual([
      { path: "rules.A.contact.everyDays", problem: "应为数字" },
      {
        path: "rules.B.serviceLevel",
        problem:
          '应为 exclusive | priority | standard | basic 之一，或自己的中英文写法 {"zh-CN": "…", "en": "…"}',
      },
      {
        path: "rules.B.care.festivals[1]",
        problem:
          "必须是以下之一：new_year | spring_festival | lantern | dragon_boat | mid_autumn | national_day",
      },
      { path: "rules.B.cadence", problem: "未知的设置项（拼写错误？）" },
    ]);
    expect(errorText(error, "zh-CN")).toContain(
      "策略手册有误：rules.A.contact.everyDays：应为数字；rules.B.serviceLevel：",
    );
    expect(errorText(parseError(input), "en")).toContain(
      "rules.A.contact.everyDays: must be a number; rules.B.serviceLevel:",
    );
    const fractional = {
      ...minimal,
      rules: { A: { serviceLevel: "basic", contact: { channel: "call", everyDays: 7.5 } } },
    };
    expect(issuesOf(parseError(fractional), "en")).toEqual([
      { path: "rules.A.contact.everyDays", problem: "must be a whole number" },
    ]);
  });

  it("reports missing parts, ranges, the basis and the name", () => {
    const error = parseError({
      name: "Value 2026",
      version: 0,
      basis: { kind: "segment" },
      rules: { A: { serviceLevel: "basic", care: { daysAhead: 90 }, collectionGraceDays: -1 } },
    });
    expect(issuesOf(error)).toEqual(
      expect.arrayContaining([
        { path: "name", problem: expect.stringContaining("小写字母") },
        { path: "version", problem: "必须大于 0" },
        { path: "title", problem: "缺少此项" },
        { path: "basis.kind", problem: "必须是以下之一：grade | rfm_segment | lifecycle_stage" },
        { path: "rules.A.care.daysAhead", problem: "必须小于或等于 60" },
        { path: "rules.A.collectionGraceDays", problem: "必须大于或等于 0" },
      ]),
    );
    expect(issuesOf(error)).toHaveLength(6);
  });

  it("checks codes of the bases custra defines and festivals listed twice", () => {
    const error = parseError({
      ...minimal,
      basis: { kind: "rfm_segment" },
      rules: {
        champions: { serviceLevel: "exclusive", care: { festivals: ["mid_autumn", "mid_autumn"] } },
        champion: { serviceLevel: "priority" },
      },
    });
    expect(issuesOf(error)).toEqual([
      { path: "rules.champions.care.festivals[1]", problem: "节日 mid_autumn 重复" },
      { path: "rules.champion", problem: expect.stringContaining("rfm_segment 没有代码 champion") },
    ]);
  });

  it("quotes paths whose keys are not names, and names the whole document when it is not an object", () => {
    expect(parseError({ ...minimal, rules: { "key account": { serviceLevel: 1 } } }).issues[0]?.path).toBe(
      'rules["key account"].serviceLevel',
    );
    expect(issuesOf(parseError("value"))).toEqual([{ path: "策略手册", problem: "应为对象（键值对）" }]);
  });
});

describe("ruleFor", () => {
  it("finds the rule of a code, the default for codes not listed, nothing without a code", () => {
    const playbook = parsePlaybook({ ...minimal, default: { serviceLevel: "basic" } });
    expect(ruleFor(playbook, "A")?.serviceLevel).toBe("exclusive");
    expect(ruleFor(playbook, "Z")?.serviceLevel).toBe("basic");
    expect(ruleFor(playbook, null)).toBeUndefined();
    expect(ruleFor(VALUE_PLAYBOOK, "Z")).toBeUndefined();
    expect(ruleFor(VALUE_PLAYBOOK, "toString")).toBeUndefined();
  });
});
