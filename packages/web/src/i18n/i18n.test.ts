import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { zhCN } from "./zh-CN.ts";

/** Every key path of a nested message object, e.g. "customers.filters.grade". */
function keyPaths(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keyPaths(value as object, `${prefix}${key}.`),
  );
}

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

function valueAt(messages: object, path: string): string {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();
}
