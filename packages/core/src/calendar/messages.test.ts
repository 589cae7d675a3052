import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import { OCCASIONS } from "./codes.ts";
import { CalendarError } from "./errors.ts";
import { occasionLabel } from "./messages.ts";

describe("calendar messages", () => {
  it("labels every occasion distinctly in both languages", () => {
    expect(occasionLabel("mid_autumn", "zh-CN")).toBe("中秋节");
    expect(occasionLabel("lunar_birthday", "zh-CN")).toBe("生日（农历）");
    for (const locale of ["zh-CN", "en"] as const) {
      const labels = OCCASIONS.map((code) => occasionLabel(code, locale));
      expect(new Set(labels).size).toBe(OCCASIONS.length);
    }
    expect(occasionLabel("spring_festival", "en")).toBe("Spring Festival");
  });

  it("localizes errors", () => {
    const error = new CalendarError("CALENDAR_INVALID_DATE", { value: "2026-02-30" });
    expect(errorText(error, "zh-CN")).toBe("2026-02-30 不是有效的日期，应写作 YYYY-MM-DD（如 2026-02-17）。");
    expect(errorText(error, "en")).toContain("2026-02-30 is not a valid date");
  });
});
