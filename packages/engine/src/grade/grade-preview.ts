/**
 * A scheme's preview beside the grades in use: how a draft would grade the customers of an
 * analysis run, and what that changes against the scheme's latest grade run (the grades the
 * customer list shows), customer by customer, before anyone saves or applies it.
 */
import type { GradingScheme } from "@custra/core";
import { ALL_CUSTOMERS, type DbHandle, latestGradeRuns } from "@custra/db";
import { customersById, type GradeRunRef, gradeRunGrades } from "./grade-migration.ts";
import { type GradeReport, gradeScheme } from "./grade-run.ts";

export interface PreviewOptions {
  /** The draft, graded as it is. */
  definition: GradingScheme;
  /** The analysis run to grade; by default the latest. */
  analysisRunId?: number;
  /** How many of the customers whose grade changes to name (most revenue first); default 100. */
  changeLimit?: number;
}

/** A customer whose grade the draft changes; `from` is null for one the grade run did not grade. */
export interface GradeChange {
  code: string;
  name: string | null;
  from: string | null;
  to: string;
  revenue: number;
}

export interface GradeChanges {
  /** The grade run compared with: the scheme's latest; null when it has none yet. */
  against: GradeRunRef | null;
  /** Customers per grade in that run (its grades in the draft's order, then any the draft drops). */
  before: { grade: string; customers: number; customerShare: number }[];
  /** Customers graded in both whose grade changes, and of them those who go up and down. */
  changed: number;
  up: number;
  down: number;
  /** Customers the draft grades who were not in that run (new since). */
  added: number;
  /** Customers of that run the draft does not grade (not in the analysis run). */
  removed: number;
  /** The first `changeLimit` of the changed and added customers, most revenue first, then by code. */
  customers: GradeChange[];
}

export type SchemePreview = GradeReport & { changes: GradeChanges };

export async function gradePreview(handle: DbHandle, options: PreviewOptions): Promise<SchemePreview> {
  const graded = await gradeScheme(handle, {
    definition: options.definition,
    preview: true,
    ...(options.analysisRunId === undefined ? {} : { analysisRunId: options.analysisRunId }),
  });
  const [latest] = await latestGradeRuns(handle.db, options.definition.name, 1);
  const before = latest ? await gradeRunGrades(handle, latest.id, ALL_CUSTOMERS) : { id: [], grade: [] };
  const against = latest ? { id: latest.id, asOf: latest.asOf, schemeVersion: latest.schemeVersion } : null;

  const { scheme } = graded;
  const { customerIds, grade } = graded.result;
  const previous = new Map<number, string>();
  for (let i = 0; i < before.id.length; i++) previous.set(before.id[i]!, before.grade[i]!);
  const rank = new Map(scheme.grades.map((g, k) => [g.code, k]));

  let changed = 0;
  let up = 0;
  let down = 0;
  let added = 0;
  let inBoth = 0;
  const moved: { id: number; from: string | null; to: string; revenue: number }[] = [];
  for (let i = 0; i < customerIds.length; i++) {
    const id = customerIds[i]!;
    const to = grade[i]!;
    const from = previous.get(id);
    const revenue = Number.isNaN(graded.revenue[i]!) ? 0 : graded.revenue[i]!;
    if (from === undefined) {
      added++;
      moved.push({ id, from: null, to, revenue });
      continue;
    }
    inBoth++;
    if (from === to) continue;
    changed++;
    // A grade the draft no longer has is neither above nor below the new ones.
    const was = rank.get(from);
    const now = rank.get(to)!;
    if (was !== undefined) {
      if (now < was) up++;
      else down++;
    }
    moved.push({ id, from, to, revenue });
  }
  moved.sort((a, b) => b.revenue - a.revenue || a.id - b.id);
  const named = moved.slice(0, options.changeLimit ?? 100);
  const people = await customersById(
    handle,
    named.map((move) => move.id),
  );

  return {
    ...graded.report,
    changes: {
      against,
      before: gradeCounts(scheme, before.grade),
      changed,
      up,
      down,
      added,
      removed: before.id.length - inBoth,
      customers: named.map((move) => ({
        code: people.get(move.id)?.code ?? String(move.id),
        name: people.get(move.id)?.name ?? null,
        from: move.from,
        to: move.to,
        revenue: move.revenue,
      })),
    },
  };
}

/** Customers per grade: the scheme's grades first, best first, then grades only `grades` has. */
function gradeCounts(scheme: GradingScheme, grades: readonly string[]): GradeChanges["before"] {
  const counts = new Map<string, number>(scheme.grades.map((g) => [g.code, 0]));
  for (const g of grades) counts.set(g, (counts.get(g) ?? 0) + 1);
  const total = grades.length;
  return [...counts].map(([g, customers]) => ({
    grade: g,
    customers,
    customerShare: total > 0 ? customers / total : 0,
  }));
}
