import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradeMigration, gradeMigrationFromCells, type MigrationCell } from "./migration.ts";
import type { GradingScheme } from "./scheme.ts";

const label = (text: string) => ({ "zh-CN": text, en: text });
function schemeOf(codes: string[]): GradingScheme {
  return {
    name: "test",
    version: 1,
    title: label("test"),
    grades: codes.map((code) => ({ code, label: label(code) })),
    dimensions: [{ field: "clv", weight: 1, normalize: { method: "rank" } }],
    assign: { method: "shares", shares: Object.fromEntries(codes.slice(0, -1).map((code) => [code, 0.1])) },
  };
}
const ABCD = schemeOf(["A", "B", "C", "D"]);

//  id  from  to   revenue
//   1   A    C    100      down, drop
//   2   B    A    200      up
//   3   C    B     50      up
//   4   D    D      5      same
//   5   A    A    300      same
//   6   B    D    NaN      down, drop (revenue unknown → 0)
//   7   —    B     70      new
//   9   C    —             gone
const from = { customerIds: [1, 2, 3, 4, 5, 6, 9], grades: ["A", "B", "C", "D", "A", "B", "C"] };
const to = {
  customerIds: [1, 2, 3, 4, 5, 6, 7],
  grades: ["C", "A", "B", "D", "A", "D", "B"],
  revenue: [100, 200, 50, 5, 300, Number.NaN, 70],
};

/** A run of up to 50 of the customers 0…60 with random grades of ABCD (and revenue, if asked). */
const run = (withRevenue: boolean) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 50 }).chain((ids) =>
    fc.record({
      customerIds: fc.constant(ids),
      grades: fc.array(fc.constantFrom("A", "B", "C", "D"), { minLength: ids.length, maxLength: ids.length }),
      revenue: withRevenue
        ? fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: ids.length, maxLength: ids.length })
        : fc.constant<number[]>([]),
    }),
  );

describe("gradeMigration", () => {
  it("builds the matrix, the moves and the warning list", () => {
    const migration = gradeMigration(ABCD, from, to);
    expect(migration.grades).toEqual(["A", "B", "C", "D"]);
    expect(migration.counts).toEqual({
      A: { A: 1, B: 0, C: 1, D: 0 },
      B: { A: 1, B: 0, C: 0, D: 1 },
      C: { A: 0, B: 1, C: 0, D: 0 },
      D: { A: 0, B: 0, C: 0, D: 1 },
    });
    expect(migration.revenue.A).toEqual({ A: 300, B: 0, C: 100, D: 0 });
    expect(migration.revenue.B).toEqual({ A: 200, B: 0, C: 0, D: 0 });
    expect(migration.up).toEqual({ customers: 2, revenue: 250 });
    expect(migration.same).toEqual({ customers: 2, revenue: 305 });
    expect(migration.down).toEqual({ customers: 2, revenue: 100 });
    expect(migration.newCustomers).toEqual({
      customers: 1,
      revenue: 70,
      byGrade: { A: 0, B: 1, C: 0, D: 0 },
    });
    expect(migration.goneCustomers).toEqual({ customers: 1, byGrade: { A: 0, B: 0, C: 1, D: 0 } });
    // Four grades: A and B are the top grades by default; most revenue first.
    expect(migration.topGrades).toEqual(["A", "B"]);
    expect(migration.drops).toEqual([
      { customerId: 1, from: "A", to: "C", revenue: 100 },
      { customerId: 6, from: "B", to: "D", revenue: 0 },
    ]);
    expect(JSON.parse(JSON.stringify(migration))).toEqual(migration);
  });

  it("watches the first grade only with fewer than four grades, or as many as asked", () => {
    expect(gradeMigration(ABCD, from, to, { topGrades: 1 }).drops.map((drop) => drop.customerId)).toEqual([
      1,
    ]);
    const three = schemeOf(["good", "fair", "risky"]);
    const migration = gradeMigration(
      three,
      { customerIds: [1, 2], grades: ["good", "fair"] },
      { customerIds: [1, 2], grades: ["fair", "risky"], revenue: [1, 1] },
    );
    expect(migration.topGrades).toEqual(["good"]);
    expect(migration.drops).toEqual([{ customerId: 1, from: "good", to: "fair", revenue: 1 }]);
    expect(() => gradeMigration(three, from, to, { topGrades: 3 })).toThrow(
      expect.objectContaining({ code: "GRADING_INVALID_OPTION" }),
    );
  });

  it("refuses duplicate customers and unknown grades", () => {
    expect(() => gradeMigration(ABCD, { customerIds: [1, 1], grades: ["A", "B"] }, to)).toThrow(
      expect.objectContaining({ code: "GRADING_DUPLICATE_CUSTOMER" }),
    );
    expect(() =>
      gradeMigration(ABCD, from, { customerIds: [7, 7], grades: ["A", "B"], revenue: [1, 1] }),
    ).toThrow(expect.objectContaining({ code: "GRADING_DUPLICATE_CUSTOMER" }));
    expect(() => gradeMigration(ABCD, from, { ...to, grades: [...to.grades.slice(0, 6), "Z"] })).toThrow(
      expect.objectContaining({
        code: "GRADING_UNKNOWN_GRADE",
        params: expect.objectContaining({ where: "to.grades[6]" }),
      }),
    );
  });

  it("counts every customer of both runs once", () => {
    fc.assert(
      fc.property(run(false), run(true), (before, after) => {
        const migration = gradeMigration(ABCD, before, after);
        const both = after.customerIds.filter((id) => before.customerIds.includes(id)).length;
        const cells = Object.values(migration.counts).flatMap((row) => Object.values(row));
        expect(cells.reduce((a, b) => a + b, 0)).toBe(both);
        expect(migration.up.customers + migration.same.customers + migration.down.customers).toBe(both);
        expect(migration.newCustomers.customers).toBe(after.customerIds.length - both);
        expect(migration.goneCustomers.customers).toBe(before.customerIds.length - both);
        const revenue = Object.values(migration.revenue).flatMap((row) => Object.values(row));
        const total = after.revenue.reduce((a, b) => a + b, 0);
        expect(revenue.reduce((a, b) => a + b, 0) + migration.newCustomers.revenue).toBe(total);
        for (const drop of migration.drops) {
          expect(["A", "B"]).toContain(drop.from);
          expect(drop.to > drop.from).toBe(true);
        }
      }),
    );
  });
});

describe("gradeMigrationFromCells", () => {
  /** The customers of two runs grouped by their two grades, as the database groups them. */
  function cellsOf(before: typeof from, after: typeof to): MigrationCell[] {
    const earlier = new Map(before.customerIds.map((id, i) => [id, before.grades[i]!]));
    const cells = new Map<
      string,
      { from: string | null; to: string | null; customers: number; revenue: number }
    >();
    const add = (fromGrade: string | null, toGrade: string | null, revenue: number) => {
      const key = `${fromGrade}>${toGrade}`;
      const cell = cells.get(key) ?? { from: fromGrade, to: toGrade, customers: 0, revenue: 0 };
      cell.customers++;
      cell.revenue += Number.isNaN(revenue) ? 0 : revenue;
      cells.set(key, cell);
    };
    for (let j = 0; j < after.customerIds.length; j++)
      add(earlier.get(after.customerIds[j]!) ?? null, after.grades[j]!, after.revenue[j]!);
    for (let i = 0; i < before.customerIds.length; i++)
      if (!after.customerIds.includes(before.customerIds[i]!)) add(before.grades[i]!, null, 0);
    return [...cells.values()];
  }

  it("gives gradeMigration's figures from the grouped customers, the drops counted", () => {
    const check = (before: typeof from, after: typeof to) => {
      const { drops, ...whole } = gradeMigration(ABCD, before, after);
      expect(gradeMigrationFromCells(ABCD, cellsOf(before, after))).toEqual({
        ...whole,
        dropCount: drops.length,
      });
    };
    check(from, to);
    fc.assert(fc.property(run(false), run(true), check));
  });

  it("refuses a grade the scheme does not have", () => {
    expect(() => gradeMigrationFromCells(ABCD, [{ from: "A", to: "E", customers: 1, revenue: 0 }])).toThrow(
      expect.objectContaining({ code: "GRADING_UNKNOWN_GRADE" }),
    );
  });
});
