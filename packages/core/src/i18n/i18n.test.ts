import { describe, expect, it } from "vitest";
import { hasMessage, parseLocale, registerCatalog, t } from "./i18n.ts";

describe("i18n", () => {
  registerCatalog({ "test.greet": { "zh-CN": "你好，{name}", en: "Hello, {name}" } });

  it("fills placeholders in the chosen locale", () => {
    expect(t("test.greet", { name: "李雷" }, "zh-CN")).toBe("你好，李雷");
    expect(t("test.greet", { name: "Ann" }, "en")).toBe("Hello, Ann");
  });

  it("refuses unknown and duplicate keys", () => {
    expect(() => t("test.nope", {}, "en")).toThrow(/missing/);
    expect(() => registerCatalog({ "test.greet": { "zh-CN": "x", en: "x" } })).toThrow(/twice/);
    expect(hasMessage("test.greet")).toBe(true);
  });

  it("reads locale tags", () => {
    expect(parseLocale("en_US.UTF-8")).toBe("en");
    expect(parseLocale("zh_CN.UTF-8")).toBe("zh-CN");
    expect(parseLocale(undefined)).toBe("zh-CN");
    expect(parseLocale("english")).toBe("zh-CN");
  });
});
