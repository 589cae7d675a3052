import { describe, expect, it } from "vitest";
import { keyPaths, placeholders, valueAt } from "./catalog-paths.ts";
import { en } from "./en.ts";
import { zhCN } from "./zh-CN.ts";

describe("the workbench's texts", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(zhCN).sort());
  });

  it("have no empty text, and no Chinese in the English texts other than the switch to Chinese", () => {
    for (const messages of [zhCN, en])
      for (const path of keyPaths(messages)) expect(valueAt(messages, path), path).not.toBe("");
    const cjk = keyPaths(en).filter((path) => /[\u3400-\u9fff]/.test(valueAt(en, path)));
    expect(cjk).toEqual(["header.switchTo"]);
  });

  it("use the same placeholders in both languages", () => {
    for (const path of keyPaths(zhCN))
      expect(placeholders(valueAt(en, path)), path).toEqual(placeholders(valueAt(zhCN, path)));
  });
});
