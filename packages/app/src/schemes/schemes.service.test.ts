import { type GradingScheme, renderText, VALUE_SCHEME } from "@custra/core";
import { ALL_CUSTOMERS } from "@custra/db";
import { ENGINES } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../context.ts";
import { type DemoCompany, failure, limitedActor, openDemoCompany } from "../testing/demo-company.fixture.ts";
import {
  activateDefinition,
  createDefinitionVersion,
  listDefinitions,
  previewScheme,
  readDefinition,
  validateDefinition,
} from "./schemes.service.ts";

for (const engine of ENGINES) {
  describe(`scheme and playbook use cases on ${engine}`, () => {
    let company: DemoCompany;
    let reader: AppContext;
    let editor: AppContext;
    beforeAll(async () => {
      company = await openDemoCompany(engine);
      reader = { handle: company.handle, actor: limitedActor(company.owners[0], ["read"]) };
      editor = { handle: company.handle, actor: limitedActor(company.owners[0], ["read", "editSchemes"]) };
    }, 120_000);
    afterAll(async () => {
      await company?.close();
    });

    it("lists and reads the ready-made ones, stored when the database was opened", async () => {
      expect((await listDefinitions(reader, { kind: "scheme" })).map((d) => d.name)).toEqual([
        "credit",
        "key_account",
        "value",
      ]);
      expect((await listDefinitions(reader, { kind: "playbook" })).length).toBe(3);
      const value = await readDefinition(reader, { kind: "scheme", name: "value" });
      expect(value).toMatchObject({ name: "value", version: 1, source: "builtin" });
      expect(value.versions.map((v) => v.version)).toEqual([1]);
      expect(await failure(readDefinition(reader, { kind: "scheme", name: "nope" }))).toMatchObject({
        code: "GRADE_UNKNOWN_SCHEME",
      });
      expect(await failure(listDefinitions(reader, { kind: "grades" }))).toMatchObject({
        code: "APP_INVALID_INPUT",
      });
    });

    it("validates a document with every problem as Text, storing nothing", async () => {
      const broken = { ...VALUE_SCHEME, dimensions: [{ ...VALUE_SCHEME.dimensions[0]!, weight: 0 }] };
      const result = await validateDefinition(reader, { kind: "scheme", document: broken });
      expect(result.valid).toBe(false);
      if (result.valid) return;
      expect(result.issues.map((issue) => [issue.path, renderText(issue.problem, "en")])).toEqual([
        ["dimensions[0].weight", "must be > 0"],
      ]);
      expect(renderText(result.message, "zh-CN")).toBe("评级方案无效：dimensions[0].weight：必须大于 0");
      expect(await validateDefinition(reader, { kind: "playbook", document: { name: "x" } })).toMatchObject({
        valid: false,
      });
      expect((await listDefinitions(reader, { kind: "scheme" })).length).toBe(3);
    });

    it("adds a version with editSchemes, and puts an earlier one back in use", async () => {
      const heavier = {
        ...VALUE_SCHEME,
        dimensions: VALUE_SCHEME.dimensions.map((d, k) => (k === 0 ? { ...d, weight: d.weight + 1 } : d)),
      };
      expect(
        await failure(createDefinitionVersion(reader, { kind: "scheme", document: heavier })),
      ).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "editSchemes" },
      });
      expect(await createDefinitionVersion(editor, { kind: "scheme", document: heavier })).toEqual({
        kind: "scheme",
        name: "value",
        version: 2,
        added: true,
      });
      expect((await createDefinitionVersion(editor, { kind: "scheme", document: heavier })).added).toBe(
        false,
      );
      expect(
        await failure(createDefinitionVersion(editor, { kind: "scheme", document: { name: "Bad Name" } })),
      ).toMatchObject({ code: "GRADING_INVALID_SCHEME" });

      expect(
        await failure(activateDefinition(reader, { kind: "scheme", name: "value", version: 1 })),
      ).toMatchObject({
        code: "APP_FORBIDDEN",
      });
      const back = await activateDefinition(editor, { kind: "scheme", name: "value", version: 1 });
      expect(back).toEqual({ kind: "scheme", name: "value", version: 3, added: true });
      const latest = await readDefinition(reader, { kind: "scheme", name: "value" });
      expect((latest.definition as GradingScheme).dimensions).toEqual(VALUE_SCHEME.dimensions);
      expect(latest.versions.map((v) => v.version)).toEqual([1, 2, 3]);
      expect((await activateDefinition(editor, { kind: "scheme", name: "value", version: 3 })).added).toBe(
        false,
      );
    });

    it("previews a scheme document on the data with analyze, saving nothing", async () => {
      const runs = async () =>
        Number(
          (
            await company.handle.db
              .selectFrom("grade_runs")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await runs();
      expect(await failure(previewScheme(reader, { document: VALUE_SCHEME }))).toMatchObject({
        code: "APP_FORBIDDEN",
      });
      const draft = { ...VALUE_SCHEME, name: "draft" };
      // A preview counts every customer: a reader of some of them may not run one.
      const limited = { handle: company.handle, actor: limitedActor(company.owners[0], ["analyze"]) };
      expect(await failure(previewScheme(limited, { document: draft }))).toMatchObject({
        code: "APP_FORBIDDEN",
      });
      const analyst = {
        handle: company.handle,
        actor: { ...limitedActor(company.owners[0], ["analyze"]), scope: ALL_CUSTOMERS },
      };
      const preview = await previewScheme(analyst, { document: draft });
      expect(preview.scheme.name).toBe("draft");
      expect(preview.gradeRunId).toBeUndefined();
      expect(preview.distribution.reduce((sum, row) => sum + row.customers, 0)).toBe(preview.customers);
      expect(preview.changes).toMatchObject({ against: null, added: preview.customers, changed: 0 });
      // The scheme in use, on the run it last graded, moves nobody from the grades it gave.
      const latestValueRun = await company.handle.db
        .selectFrom("grade_runs")
        .select("id")
        .where("scheme_name", "=", "value")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      const same = await previewScheme(analyst, { document: VALUE_SCHEME });
      expect(same.changes.against?.id).toBe(Number(latestValueRun.id));
      expect(same.changes).toMatchObject({ changed: 0, added: 0, removed: 0, customers: [] });
      expect(same.changes.before.map((row) => row.customers)).toEqual(
        same.distribution.map((row) => row.customers),
      );
      expect(await runs()).toBe(before);
    });
  });
}
