import { describe, expect, it } from "vitest";
import { myDayEn } from "./my-day.en.ts";
import { myDayZhCN } from "./my-day.zh-CN.ts";

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

describe("the my day page's texts", () => {
  it("have the same keys and placeholders in both languages, none empty, no Chinese in English", () => {
    expect(keyPaths(myDayEn).sort()).toEqual(keyPaths(myDayZhCN).sort());
    for (const path of keyPaths(myDayZhCN)) {
      expect(valueAt(myDayZhCN, path), path).not.toBe("");
      expect(placeholders(valueAt(myDayEn, path)), path).toEqual(placeholders(valueAt(myDayZhCN, path)));
      expect(valueAt(myDayEn, path), path).not.toMatch(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/);
    }
  });
});
