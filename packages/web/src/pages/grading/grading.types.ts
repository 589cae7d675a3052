/**
 * What the grading page reads from the API (packages/server's schemes, grade-runs, grades and jobs
 * routes). The scheme itself is core's GradingScheme, imported as a type only: the browser bundle
 * gets none of core's code.
 */
import type { GradingScheme } from "@custra/core";

export type { Dimension, GradingScheme, Normalization, OverrideRule } from "@custra/core";

/** GET /schemes/{name}: a version of the scheme and the list of its versions. */
export interface StoredScheme {
  readonly name: string;
  readonly version: number;
  readonly definition: GradingScheme;
  readonly source: string;
  readonly createdAt: string;
  readonly versions: readonly {
    readonly version: number;
    readonly createdAt: string;
    readonly source: string;
  }[];
}

/** POST /schemes/preview. */
export interface SchemePreview {
  readonly analysisRunId: number;
  readonly asOf: string;
  readonly customers: number;
  readonly pinned: number;
  readonly overridden: number;
  readonly distribution: readonly {
    readonly grade: string;
    readonly customers: number;
    readonly customerShare: number;
  }[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  readonly changes: {
    readonly against: { readonly id: number; readonly asOf: string; readonly schemeVersion: number } | null;
    readonly before: readonly {
      readonly grade: string;
      readonly customers: number;
      readonly customerShare: number;
    }[];
    readonly changed: number;
    readonly up: number;
    readonly down: number;
    readonly added: number;
    readonly removed: number;
    readonly customers: readonly GradeChange[];
  };
}

export interface GradeChange {
  readonly code: string;
  readonly name: string | null;
  /** Null for a customer the compared grade run did not grade. */
  readonly from: string | null;
  readonly to: string;
  readonly revenue: number;
}

/** A problem of an invalid scheme (the `issues` of a 400 problem document). */
export interface SchemeIssue {
  readonly path: string;
  readonly problem: string;
}

/** POST /schemes. */
export interface SavedVersion {
  readonly name: string;
  readonly version: number;
  readonly added: boolean;
}

/** GET /grade-runs. */
export interface GradeRun {
  readonly id: number;
  readonly scheme: string;
  readonly schemeVersion: number;
  readonly asOf: string;
  readonly createdAt: string;
  readonly grades: readonly { readonly grade: string; readonly customers: number }[];
  readonly customersInScope: number;
}

export interface GradeRunPage {
  readonly runs: readonly GradeRun[];
  readonly total: number;
}

/** GET /grades/migration. */
export interface GradeMigration {
  readonly from: { readonly id: number; readonly asOf: string; readonly schemeVersion: number };
  readonly to: { readonly id: number; readonly asOf: string; readonly schemeVersion: number };
  readonly grades: readonly string[];
  /** counts[from][to]: customers graded `from` in the first run and `to` in the second. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly up: { readonly customers: number };
  readonly same: { readonly customers: number };
  readonly down: { readonly customers: number };
  readonly newCustomers: { readonly customers: number; readonly byGrade: Readonly<Record<string, number>> };
  readonly goneCustomers: { readonly customers: number; readonly byGrade: Readonly<Record<string, number>> };
}

/** GET /jobs/{id}: a grading started from the page. */
export interface Job {
  readonly id: number;
  readonly status: "queued" | "running" | "succeeded" | "failed";
  readonly progress: { readonly stage: string } | null;
  readonly result: { readonly gradeRunId?: number; readonly customers: number } | null;
  readonly error: { readonly code: string } | null;
}
