import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import {
  AGING_BUCKETS,
  CONTACT_CHANNELS,
  OWNER_RULES,
  REVIEW_PERIODS,
  SERVICE_LEVELS,
  type StrategyCodeKind,
  TASK_KINDS,
  TASK_PRIORITIES,
} from "./codes.ts";
import { StrategyError } from "./errors.ts";
import { strategyLabel } from "./messages.ts";

const families: Record<StrategyCodeKind, readonly string[]> = {
  kind: TASK_KINDS,
  channel: CONTACT_CHANNELS,
  ownerRule: OWNER_RULES,
  serviceLevel: SERVICE_LEVELS,
  priority: TASK_PRIORITIES,
  agingBucket: AGING_BUCKETS,
  reviewPeriod: REVIEW_PERIODS,
};

describe("strategyLabel", () => {
  it("renders codes in the locale asked for", () => {
    expect(strategyLabel("kind", "win_back", "zh-CN")).toBe("流失挽回");
    expect(strategyLabel("agingBucket", "90+", "zh-CN")).toBe("90 天以上");
    expect(strategyLabel("kind", "win_back", "en")).toBe("Win-back");
  });

  it("has a distinct label for every code of every family in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      for (const [family, codes] of Object.entries(families)) {
        const labels = codes.map((code) => strategyLabel(family as StrategyCodeKind, code as never, locale));
        expect(new Set(labels).size).toBe(codes.length);
      }
    }
  });

  it("localizes errors", () => {
    const error = new StrategyError("STRATEGY_LENGTH_MISMATCH", {
      column: "customers.owner",
      actual: 2,
      expected: 3,
    });
    expect(errorText(error, "zh-CN")).toBe("输入列 customers.owner 有 2 个值，应与客户数一致（3 个）。");
    expect(error.message).toBe(
      "The input column customers.owner has 2 values; 3 (one per customer) were expected.",
    );
  });
});
