import { renderText } from "@custra/core/errors";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors/app-error.ts";
import { outcomeOf } from "./errors/error-outcomes.ts";
import { parseInput } from "./input.ts";

const schema = z.strictObject({ asOf: z.iso.date(), top: z.number().int().min(1) });

describe("parseInput", () => {
  it("returns the parsed input", () => {
    expect(parseInput(schema, { asOf: "2024-01-31", top: 3 })).toEqual({ asOf: "2024-01-31", top: 3 });
  });

  it("reports every problem with its field, as text for the reader", () => {
    let caught: unknown;
    try {
      parseInput(schema, { top: 0, color: "red" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe("APP_INVALID_INPUT");
    expect(outcomeOf(error.code)).toEqual({ exit: 1, status: 400 });
    const en = renderText(error.text, "en");
    expect(en).toContain("asOf: is required");
    expect(en).toContain("top: must be ≥ 1");
    expect(en).toContain("color: is not a known setting");
    expect(renderText(error.text, "zh-CN")).toContain("asOf：缺少此项");
  });

  it("refuses a NUL character in any text, naming the field, as PostgreSQL would mid-write", () => {
    const tagged = z.strictObject({ name: z.string(), tags: z.array(z.string()) });
    expect(parseInput(tagged, { name: "a\\0b", tags: [] }).name).toBe("a\\0b");
    let caught: unknown;
    try {
      parseInput(tagged, { name: "a\u0000b", tags: ["ok", "x\u0000"] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const en = renderText((caught as AppError).text, "en");
    expect(en).toContain("name: must not contain a NUL character");
    expect(en).toContain("tags[1]: must not contain a NUL character");
    expect(en).not.toContain("tags[0]");
  });

  it("maps codes it does not know to an internal error", () => {
    expect(outcomeOf("NOT_A_CODE")).toEqual({ exit: 1, status: 500 });
  });
});
