import path from "node:path";
import { describe, expect, it } from "vitest";
import { maskPassword, resolveLocation } from "./location.ts";

describe("resolveLocation", () => {
  it("takes --db first, then DATABASE_URL, then ./data/custra.duckdb", () => {
    const env = { DATABASE_URL: "postgres://u@h/db" };
    expect(resolveLocation("x.duckdb", env)).toEqual({
      engine: "duckdb",
      location: path.resolve("x.duckdb"),
      display: path.resolve("x.duckdb"),
    });
    expect(resolveLocation(undefined, env).location).toBe("postgres://u@h/db");
    expect(resolveLocation("", env).engine).toBe("postgres");
    expect(resolveLocation(undefined, {})).toEqual({
      engine: "duckdb",
      location: path.resolve("data/custra.duckdb"),
      display: path.resolve("data/custra.duckdb"),
    });
  });

  it("recognizes both PostgreSQL URL schemes, in any case", () => {
    for (const url of ["postgres://h/db", "postgresql://h/db", "POSTGRES://h/db"]) {
      expect(resolveLocation(url, {}).engine).toBe("postgres");
    }
    expect(resolveLocation("/var/lib/postgres/custra.duckdb", {}).engine).toBe("duckdb");
    expect(resolveLocation(":memory:", {}).location).toBe(":memory:");
  });

  it("never shows a password", () => {
    const { location, display } = resolveLocation(
      "postgres://custra:s3cr%40t@db.example.com:6432/custra",
      {},
    );
    expect(location).toContain("s3cr%40t");
    expect(display).toBe("postgres://custra:***@db.example.com:6432/custra");
    expect(maskPassword("postgresql://u@h/db?password=abc&sslmode=require")).toBe(
      "postgresql://u@h/db?password=***&sslmode=require",
    );
    expect(maskPassword("postgres://u:p@h/db")).not.toContain(":p@");
  });
});
