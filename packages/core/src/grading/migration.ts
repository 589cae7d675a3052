/**
 * How customers moved between the grades of two runs of a scheme: the migration matrix (counts
 * and revenue), moves up and down, customers who came and went, and the warning list of
 * customers who fell from the top grades, the ones an account manager must call first.
 */
import { checkLength, GradingError, invalidOption } from "./errors.ts";
import { gradeIndices, knownOrZero } from "./grade-codes.ts";
import type { GradingScheme } from "./scheme.ts";

/** The grades of one run, customer by customer. */
export interface GradeRun {
  readonly customerIds: ArrayLike<number>;
  readonly grades: readonly string[];
}

/** The later run, with each customer's revenue (the money that moved). */
export interface GradeRunWithRevenue extends GradeRun {
  readonly revenue: ArrayLike<number>;
}

export interface MigrationOptions {
  /**
   * How many of the best grades count as top grades for `drops`. Default 1, or 2 when the scheme
   * has four grades or more (A and B of A/B/C/D).
   */
  readonly topGrades?: number;
}

export interface MoveTotals {
  readonly customers: number;
  /** Revenue of those customers in the later run. */
  readonly revenue: number;
}

/** A customer who was in a top grade and is lower now. */
export interface GradeDrop {
  readonly customerId: number;
  readonly from: string;
  readonly to: string;
  readonly revenue: number;
}

export interface GradeMigration {
  /** The scheme's grades, best first: the order of the matrix rows and columns. */
  readonly grades: readonly string[];
  /** counts[fromGrade][toGrade]: customers in both runs. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** revenue[fromGrade][toGrade]: their revenue in the later run. */
  readonly revenue: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly up: MoveTotals;
  readonly same: MoveTotals;
  readonly down: MoveTotals;
  /** Customers only in the later run, with their grades. */
  readonly newCustomers: MoveTotals & { readonly byGrade: Readonly<Record<string, number>> };
  /** Customers only in the earlier run, by the grade they had. */
  readonly goneCustomers: { readonly customers: number; readonly byGrade: Readonly<Record<string, number>> };
  readonly topGrades: readonly string[];
  /** Customers who fell from a top grade, most revenue first (then by id). */
  readonly drops: readonly GradeDrop[];
}

/**
 * Compares two runs of `scheme` (the grades of both must be the scheme's). Up and down follow
 * the grades' priority: from C to B is up. Unknown revenue counts as 0.
 */
export function gradeMigration(
  scheme: GradingScheme,
  from: GradeRun,
  to: GradeRunWithRevenue,
  options: MigrationOptions = {},
): GradeMigration {
  const codes = scheme.grades.map((grade) => grade.code);
  const g = codes.length;
  const top = topGradeCount(g, options);
  checkLength("from.grades", from.grades.length, from.customerIds.length);
  checkLength("to.grades", to.grades.length, to.customerIds.length);
  checkLength("to.revenue", to.revenue.length, to.customerIds.length);
  const fromGrades = gradeIndices(scheme, from.grades, "from.grades");
  const toGrades = gradeIndices(scheme, to.grades, "to.grades");

  const fromIndex = new Map<number, number>();
  for (let i = 0; i < from.customerIds.length; i++) {
    const id = from.customerIds[i]!;
    if (fromIndex.has(id)) {
      throw new GradingError("GRADING_DUPLICATE_CUSTOMER", { customerId: id, where: "from.customerIds" });
    }
    fromIndex.set(id, i);
  }

  const counts = new Float64Array(g * g);
  const revenue = new Float64Array(g * g);
  const newByGrade = new Float64Array(g);
  let newRevenue = 0;
  const seen = new Uint8Array(from.customerIds.length);
  const newIds = new Set<number>();
  const drops: GradeDrop[] = [];
  for (let j = 0; j < to.customerIds.length; j++) {
    const id = to.customerIds[j]!;
    const money = knownOrZero(to.revenue[j]!);
    const after = toGrades[j]!;
    const i = fromIndex.get(id);
    if (i === undefined) {
      if (newIds.has(id)) {
        throw new GradingError("GRADING_DUPLICATE_CUSTOMER", { customerId: id, where: "to.customerIds" });
      }
      newIds.add(id);
      newByGrade[after]!++;
      newRevenue += money;
      continue;
    }
    if (seen[i]) {
      throw new GradingError("GRADING_DUPLICATE_CUSTOMER", { customerId: id, where: "to.customerIds" });
    }
    seen[i] = 1;
    const before = fromGrades[i]!;
    counts[before * g + after]!++;
    revenue[before * g + after]! += money;
    if (before < top && after > before) {
      drops.push({ customerId: id, from: codes[before]!, to: codes[after]!, revenue: money });
    }
  }
  const goneByGrade = new Float64Array(g);
  for (let i = 0; i < seen.length; i++) if (!seen[i]) goneByGrade[fromGrades[i]!]!++;
  drops.sort((a, b) => b.revenue - a.revenue || a.customerId - b.customerId);
  return {
    ...summarize(codes, top, {
      counts,
      revenue,
      newCustomers: newIds.size,
      newByGrade,
      newRevenue,
      goneByGrade,
    }),
    drops,
  };
}

/**
 * Customers counted by the grades they had in the two runs (`from` null: only in the later run;
 * `to` null: only in the earlier one), with their revenue in the later run: what a database
 * groups without handing over every customer.
 */
export interface MigrationCell {
  readonly from: string | null;
  readonly to: string | null;
  readonly customers: number;
  readonly revenue: number;
}

/**
 * The migration of `gradeMigration` from grouped cells, without the drops themselves: their
 * number instead (`dropCount`), the customers to be read apart, most revenue first.
 */
export function gradeMigrationFromCells(
  scheme: GradingScheme,
  cells: readonly MigrationCell[],
  options: MigrationOptions = {},
): Omit<GradeMigration, "drops"> & { readonly dropCount: number } {
  const codes = scheme.grades.map((grade) => grade.code);
  const g = codes.length;
  const top = topGradeCount(g, options);
  const known = (grade: string | null, where: string) =>
    grade === null ? -1 : gradeIndices(scheme, [grade], where)[0]!;
  const counts = new Float64Array(g * g);
  const revenue = new Float64Array(g * g);
  const newByGrade = new Float64Array(g);
  const goneByGrade = new Float64Array(g);
  let newCustomers = 0;
  let newRevenue = 0;
  let dropCount = 0;
  for (const cell of cells) {
    const before = known(cell.from, "from.grades");
    const after = known(cell.to, "to.grades");
    const money = knownOrZero(cell.revenue);
    if (before < 0 && after >= 0) {
      newByGrade[after]! += cell.customers;
      newCustomers += cell.customers;
      newRevenue += money;
    } else if (after < 0 && before >= 0) {
      goneByGrade[before]! += cell.customers;
    } else if (before >= 0) {
      counts[before * g + after]! += cell.customers;
      revenue[before * g + after]! += money;
      if (before < top && after > before) dropCount += cell.customers;
    }
  }
  return {
    ...summarize(codes, top, { counts, revenue, newCustomers, newByGrade, newRevenue, goneByGrade }),
    dropCount,
  };
}

/** How many of the best grades are top grades (MigrationOptions.topGrades), checked. */
export function topGradeCount(grades: number, options: MigrationOptions = {}): number {
  const top = options.topGrades ?? (grades >= 4 ? 2 : 1);
  if (!(Number.isInteger(top) && top >= 1 && top < grades))
    throw invalidOption("topGrades", top, `1 … ${grades - 1}`);
  return top;
}

interface Tallies {
  readonly counts: Float64Array;
  readonly revenue: Float64Array;
  readonly newCustomers: number;
  readonly newByGrade: Float64Array;
  readonly newRevenue: number;
  readonly goneByGrade: Float64Array;
}

function summarize(codes: readonly string[], top: number, tallies: Tallies) {
  const g = codes.length;
  const { counts, revenue, newByGrade, goneByGrade } = tallies;
  return {
    grades: codes,
    counts: matrix(codes, counts),
    revenue: matrix(codes, revenue),
    up: moves(counts, revenue, g, (before, after) => after < before),
    same: moves(counts, revenue, g, (before, after) => after === before),
    down: moves(counts, revenue, g, (before, after) => after > before),
    newCustomers: {
      customers: tallies.newCustomers,
      revenue: tallies.newRevenue,
      byGrade: byGrade(codes, newByGrade),
    },
    goneCustomers: {
      customers: goneByGrade.reduce((a, b) => a + b, 0),
      byGrade: byGrade(codes, goneByGrade),
    },
    topGrades: codes.slice(0, top),
  };
}

function matrix(codes: readonly string[], cells: Float64Array): Record<string, Record<string, number>> {
  const g = codes.length;
  return Object.fromEntries(
    codes.map((before, k) => [
      before,
      Object.fromEntries(codes.map((after, m) => [after, cells[k * g + m]!])),
    ]),
  );
}

function byGrade(codes: readonly string[], values: Float64Array): Record<string, number> {
  return Object.fromEntries(codes.map((code, k) => [code, values[k]!]));
}

function moves(
  counts: Float64Array,
  revenue: Float64Array,
  g: number,
  include: (before: number, after: number) => boolean,
): MoveTotals {
  let customers = 0;
  let money = 0;
  for (let before = 0; before < g; before++) {
    for (let after = 0; after < g; after++) {
      if (!include(before, after)) continue;
      customers += counts[before * g + after]!;
      money += revenue[before * g + after]!;
    }
  }
  return { customers, revenue: money };
}
