import { describe, expect, it } from "vitest";
import { stagingTableName } from "./staging-name.ts";

describe("staging table names", () => {
  it("differ even when made in the same millisecond, and stay valid PostgreSQL identifiers", () => {
    const names = Array.from({ length: 5000 }, () => stagingTableName("__custra_task_keys"));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names.slice(0, 50)) {
      expect(name).toMatch(/^[_a-z][_a-z0-9]*$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });
});
