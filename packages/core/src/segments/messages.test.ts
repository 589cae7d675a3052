import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import {
  ABC_CLASSES,
  BEHAVIOUR_STATUSES,
  CHURN_REASONS,
  CREDIT_GRADES,
  LIFECYCLE_STAGES,
  NPS_CATEGORIES,
  RFM_SEGMENTS,
  RFM8_CLASSES,
  type SegmentCodeKind,
  VALUE_TIERS,
  WARNING_LEVELS,
} from "./codes.ts";
import { SegmentError } from "./errors.ts";
import { label } from "./messages.ts";

const families: Record<SegmentCodeKind, readonly string[]> = {
  rfm: RFM_SEGMENTS,
  rfm8: RFM8_CLASSES,
  abc: ABC_CLASSES,
  valueTier: VALUE_TIERS,
  behaviour: BEHAVIOUR_STATUSES,
  lifecycle: LIFECYCLE_STAGES,
  credit: CREDIT_GRADES,
  nps: NPS_CATEGORIES,
  warning: WARNING_LEVELS,
  reason: CHURN_REASONS,
};

describe("label", () => {
  it("renders codes in the locale asked for", () => {
    expect(label("rfm", "champions", "zh-CN")).toBe("冠军客户");
    expect(label("rfm8", "important_retain", "zh-CN")).toBe("重要挽留客户");
    expect(label("warning", "critical", "zh-CN")).toBe("严重预警");
    expect(label("rfm", "cant_lose", "en")).toBe("Can't lose them");
    expect(label("valueTier", "high", "en")).toBe("High value");
  });

  it("has a distinct label for every code of every family in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      for (const [kind, codes] of Object.entries(families)) {
        const labels = codes.map((code) => label(kind as SegmentCodeKind, code as never, locale));
        expect(new Set(labels).size).toBe(codes.length);
        for (const text of labels) expect(text.length).toBeGreaterThan(0);
      }
    }
  });

  it("localizes error messages", () => {
    const error = new SegmentError("SEGMENTS_MISSING_COLUMN", { column: "pAlive" });
    expect(errorText(error, "zh-CN")).toBe("缺少输入列 pAlive。");
    expect(errorText(error, "en")).toBe("The input column pAlive is missing.");
  });
});
