import { describe, expect, it } from "vitest";
import { overviewEn } from "./overview.en.ts";
import { overviewZhCN } from "./overview.zh-CN.ts";

function keyPaths(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keyPaths(value as object, `${prefix}${key}.`),
  );
}
function valueAt(messages: object, path: string): string {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe("the structure overview's texts", () => {
  it("have the same keys and placeholders in both languages, none empty, no Chinese in English", () => {
    expect(keyPaths(overviewEn).sort()).toEqual(keyPaths(overviewZhCN).sort());
    for (const path of keyPaths(overviewZhCN)) {
      expect(valueAt(overviewZhCN, path), path).not.toBe("");
      expect(placeholders(valueAt(overviewEn, path)), path).toEqual(
        placeholders(valueAt(overviewZhCN, path)),
      );
      expect(valueAt(overviewEn, path), path).not.toMatch(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/);
    }
  });
});
