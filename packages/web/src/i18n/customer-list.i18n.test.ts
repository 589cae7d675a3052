import { describe, expect, it } from "vitest";
import { customerListEn } from "./customer-list.en.ts";
import { customerListZhCN } from "./customer-list.zh-CN.ts";

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

describe("the customer list's texts", () => {
  it("have the same keys and placeholders in both languages, none empty, no Chinese in English", () => {
    expect(keyPaths(customerListEn).sort()).toEqual(keyPaths(customerListZhCN).sort());
    for (const path of keyPaths(customerListZhCN)) {
      expect(valueAt(customerListZhCN, path), path).not.toBe("");
      expect(placeholders(valueAt(customerListEn, path)), path).toEqual(
        placeholders(valueAt(customerListZhCN, path)),
      );
      expect(valueAt(customerListEn, path), path).not.toMatch(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/);
    }
  });
});
