import { ENGINES } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OPERATOR } from "../access/actor.ts";
import type { AppContext } from "../context.ts";
import { outcomeOf } from "../errors/error-outcomes.ts";
import { type DemoCompany, failure, limitedActor, openDemoCompany } from "../testing/demo-company.fixture.ts";
import {
  explainGrade,
  gradeHistory,
  gradeMigration,
  listPins,
  migrationRequest,
  pinGrade,
  pinRequest,
  runGrading,
  unpinGrade,
} from "./grading.service.ts";

describe("grading inputs", () => {
  it("needs from and to together, and a reason for a pin (usage errors on the command line)", () => {
    expect(() => migrationRequest({ from: 1 })).toThrow(
      expect.objectContaining({ code: "GRADE_NEED_BOTH_RUNS" }),
    );
    expect(migrationRequest({ from: 1, to: 2 })).toEqual({ from: 1, to: 2 });
    expect(() => pinRequest({ code: "C1", grade: "A", reason: "  " })).toThrow(
      expect.objectContaining({ code: "GRADE_PIN_NEEDS_REASON" }),
    );
    expect(pinRequest({ code: "C1", grade: "A", reason: " 战略伙伴 " }).reason).toBe("战略伙伴");
    expect(outcomeOf("GRADE_NEED_BOTH_RUNS").exit).toBe(2);
    expect(() => migrationRequest({ form: 1 })).toThrow(
      expect.objectContaining({ code: "APP_INVALID_INPUT" }),
    );
  });
});

for (const engine of ENGINES) {
  describe(`grading use cases on ${engine}`, () => {
    let company: DemoCompany;
    let mine: AppContext;
    let mineCode: string;
    let otherCode: string;
    beforeAll(async () => {
      company = await openDemoCompany(engine);
      mine = { handle: company.handle, actor: limitedActor(company.owners[0], ["read", "analyze"]) };
      mineCode = await company.customerOf(company.owners[0]);
      otherCode = await company.customerOf(company.owners[1]);
    }, 120_000);
    afterAll(async () => {
      await company?.close();
    });

    it("grades with a scheme only with the analyze permission", async () => {
      const reader = { handle: company.handle, actor: limitedActor(company.owners[0], ["read"]) };
      expect(await failure(runGrading(reader, { scheme: "value" }))).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "analyze" },
      });
      const preview = await runGrading(company.local, { scheme: "value", preview: true });
      expect(preview.gradeRunId).toBeUndefined();
      expect(preview.customers).toBe(
        company.pipeline.grading.find((r) => r.scheme.name === "value")!.customers,
      );
      expect(await failure(runGrading(company.local, { scheme: "nope" }))).toMatchObject({
        code: "GRADE_UNKNOWN_SCHEME",
      });
      expect(await failure(runGrading(company.local, { scheme: 3 }))).toMatchObject({
        code: "APP_INVALID_INPUT",
      });
    });

    it("explains and lists the grades of a customer in scope, and does not find another owner's", async () => {
      const explained = await explainGrade(mine, { code: mineCode });
      expect(explained.grades.map((grade) => grade.scheme).sort()).toEqual([
        "credit",
        "key_account",
        "value",
      ]);
      const history = await gradeHistory(mine, { code: mineCode, scheme: "value" });
      expect(history.history.length).toBeGreaterThanOrEqual(1);
      // Started one at a time: a second refusal made before the first is awaited would go unhandled.
      for (const call of [
        () => explainGrade(mine, { code: otherCode }),
        () => gradeHistory(mine, { code: otherCode }),
      ]) {
        expect(await failure(call())).toMatchObject({ code: "APP_NOT_FOUND", params: { key: otherCode } });
      }
      // The operator sees the other owner's customer.
      expect((await explainGrade(company.local, { code: otherCode })).grades.length).toBe(3);
      expect(await failure(explainGrade(mine, { code: mineCode, scheme: "nope" }))).toMatchObject({
        code: "GRADE_UNKNOWN_SCHEME",
      });
    });

    it("counts only the customers in scope in a migration", async () => {
      await runGrading(company.local, { scheme: "credit" });
      const all = await gradeMigration(company.local, { scheme: "credit" });
      const limited = await gradeMigration(mine, { scheme: "credit" });
      const total = (report: typeof all) =>
        Object.values(report.counts).reduce(
          (sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0),
          0,
        );
      const { count } = await company.handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("g.grade_run_id", "=", all.to.id)
        .where("c.owner", "=", company.owners[0])
        .executeTakeFirstOrThrow();
      expect(total(limited)).toBe(Number(count));
      expect(total(limited)).toBeGreaterThan(0);
      expect(total(limited)).toBeLessThan(total(all));
      expect(limited.drops.every((drop) => drop.code !== otherCode)).toBe(true);
    });

    it("pins with editSchemes, as the signed-in user, and hides other owners' pins", async () => {
      expect(await failure(pinGrade(mine, { code: mineCode, grade: "A", reason: "r" }))).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "editSchemes" },
      });
      const editor = {
        handle: company.handle,
        actor: limitedActor(company.owners[0], ["read", "editSchemes"]),
      };
      const pin = await pinGrade(editor, {
        code: mineCode,
        grade: "A",
        reason: "战略伙伴",
        author: "someone else",
      });
      expect(pin).toMatchObject({
        customerCode: mineCode,
        scheme: "value",
        grade: "A",
        author: company.owners[0],
      });
      expect(await failure(pinGrade(editor, { code: otherCode, grade: "A", reason: "r" }))).toMatchObject({
        code: "APP_NOT_FOUND",
      });
      await pinGrade(company.local, { code: otherCode, grade: "B", reason: "r", author: "operator" });
      expect((await listPins(company.local)).map((p) => p.customerCode).sort()).toEqual(
        [mineCode, otherCode].sort(),
      );
      expect((await listPins(mine)).map((p) => p.customerCode)).toEqual([mineCode]);
      expect(await failure(unpinGrade(editor, { code: otherCode }))).toMatchObject({ code: "APP_NOT_FOUND" });
      expect(await unpinGrade(editor, { code: mineCode })).toEqual({
        code: mineCode,
        scheme: "value",
        removed: true,
      });
      expect(await failure(unpinGrade(editor, { code: mineCode }))).toMatchObject({ code: "GRADE_NO_PIN" });
      expect(LOCAL_OPERATOR.username).toBeNull();
    });
  });
}
