import { VALUE_SCHEME } from "@custra/core";
import { describe, expect, it } from "vitest";
import { definitionDiff, pathText } from "./definition-diff.ts";

describe("the difference between two scheme versions", () => {
  it("names each changed leaf with its path, old and new value, and leaves the version number out", () => {
    const next = {
      ...VALUE_SCHEME,
      version: 2,
      dimensions: VALUE_SCHEME.dimensions.map((d, k) => (k === 1 ? { ...d, weight: 0.3 } : d)),
      assign: { method: "shares", shares: { A: 0.15, B: 0.2, C: 0.3 } },
    };
    const changes = definitionDiff(VALUE_SCHEME, next);
    expect(changes.map((c) => [pathText(c.path), c.before, c.after])).toEqual([
      ["dimensions[1].weight", 0.2, 0.3],
      ["assign.shares.A", 0.1, 0.15],
    ]);
    expect(definitionDiff(VALUE_SCHEME, { ...VALUE_SCHEME, version: 5 })).toEqual([]);
  });

  it("reports what was added or removed, in lists and in objects", () => {
    const fewer = { ...VALUE_SCHEME, overrides: VALUE_SCHEME.overrides!.slice(0, 1) };
    const changes = definitionDiff(VALUE_SCHEME, fewer);
    expect(changes).toEqual([
      { path: ["overrides", 1], before: VALUE_SCHEME.overrides![1], after: undefined },
    ]);
    const skip = definitionDiff(
      { dimensions: [{ field: "nps", weight: 1 }] },
      { dimensions: [{ field: "nps", weight: 1, missing: "skip" }] },
    );
    expect(skip).toEqual([{ path: ["dimensions", 0, "missing"], before: undefined, after: "skip" }]);
  });
});
