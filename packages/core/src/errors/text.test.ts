import { describe, expect, it } from "vitest";
import { registerCatalog } from "../i18n/i18n.ts";
import { CustraError, errorText } from "./custra-error.ts";
import { renderText, text } from "./text.ts";

registerCatalog({
  "test.text.outer": { "zh-CN": "文件 {file} 有误：{problems}", en: "File {file} is wrong: {problems}" },
  "test.text.inner": { "zh-CN": "第 {line} 行", en: "line {line}" },
});

class TestError extends CustraError<"TEST_FAILED"> {
  override readonly name = "TestError";
  constructor(params: Record<string, string>) {
    super("TEST_FAILED", "test.text.inner", params);
  }
}

describe("Text", () => {
  it("renders nested texts and lists in the language asked for", () => {
    const value = text("test.text.outer", {
      file: "a.csv",
      problems: [text("test.text.inner", { line: 2 }), text("test.text.inner", { line: 9 })],
    });
    expect(renderText(value, "zh-CN")).toBe("文件 a.csv 有误：第 2 行；第 9 行");
    expect(renderText(value, "en")).toBe("File a.csv is wrong: line 2; line 9");
  });

  it("leaves an unknown placeholder visible rather than dropping it", () => {
    expect(renderText(text("test.text.inner"), "en")).toBe("line {line}");
  });
});

describe("CustraError", () => {
  it("keeps its code and params, renders per reader, and logs in English", () => {
    const error = new TestError({ line: "7" });
    expect(error.code).toBe("TEST_FAILED");
    expect(error.message).toBe("line 7");
    expect(errorText(error, "zh-CN")).toBe("第 7 行");
    expect(error.text).toEqual({ key: "test.text.inner", params: { line: "7" } });
  });
});
