import { ENTITIES, ENTITY_NAMES } from "@custra/core";
import { describe, expect, it } from "vitest";
import { importsEn } from "./imports.en.ts";
import { importsZhCN } from "./imports.zh-CN.ts";

describe("the import page's field labels", () => {
  it("name every field of every entity custra imports, and no other, in both languages", () => {
    for (const entity of ENTITY_NAMES) {
      const fields = ENTITIES[entity].fields.map((field) => field.name).sort();
      expect(Object.keys(importsZhCN.fields[entity]).sort(), entity).toEqual(fields);
      expect(Object.keys(importsEn.fields[entity]).sort(), entity).toEqual(fields);
    }
  });
});
