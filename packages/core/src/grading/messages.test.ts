import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import { GradingError } from "./errors.ts";
import { GRADING_FIELDS } from "./fields.ts";
import { fieldLabel, gradingWarningText } from "./messages.ts";

describe("fieldLabel", () => {
  it("has a distinct label for every field in both languages", () => {
    const fields = [...GRADING_FIELDS.numeric, ...GRADING_FIELDS.categorical];
    for (const locale of ["zh-CN", "en"] as const) {
      const labels = fields.map((field) => fieldLabel(field, locale));
      expect(new Set(labels).size).toBe(fields.length);
      for (const [k, text] of labels.entries()) expect(text).not.toBe(fields[k]);
    }
  });

  it("renders in the locale asked for and shows an installation's own field as its name", () => {
    expect(fieldLabel("recency_days", "zh-CN")).toBe("最近一次购买距今天数");
    expect(fieldLabel("recency_days", "en")).toBe("Days since the last purchase");
    expect(fieldLabel("store_visits", "en")).toBe("store_visits");
  });
});

describe("GradingError", () => {
  it("localizes its message", () => {
    const error = () =>
      new GradingError("GRADING_DUPLICATE_CUSTOMER", { customerId: 7, where: "to.customerIds" });
    expect(errorText(error(), "zh-CN")).toBe("to.customerIds 中客户 7 出现了不止一次。");
    expect(errorText(error(), "en")).toBe("The customer 7 appears more than once in to.customerIds.");
    expect(error().message).toBe("The customer 7 appears more than once in to.customerIds.");
  });
});

describe("gradingWarningText", () => {
  it("names the scheme, the dimension and the reason in both languages", () => {
    const warning = {
      code: "GRADING_UNINFORMATIVE_DIMENSION",
      params: { scheme: "value", dimension: "clv", reason: "constant" },
    } as const;
    expect(gradingWarningText(warning, "zh-CN")).toBe(
      "方案 value 的维度“预测客户终身价值（CLV）”（clv）无法区分客户：所有客户的值都相同（相差不到百万分之一）。本次评分未计入该维度，其权重按比例分给其他维度。",
    );
    expect(gradingWarningText({ ...warning, params: { ...warning.params, reason: "no_values" } }, "en")).toBe(
      "Scheme value: the dimension Predicted lifetime value (CLV) (clv) tells no customer apart: no customer has a value. It was left out of this grading; its weight went to the other dimensions in proportion.",
    );
  });
});
