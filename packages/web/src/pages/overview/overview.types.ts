/**
 * What the structure overview reads from the API, written out from packages/server's response
 * schemas (structure.schemas.ts, grades.schemas.ts, grade-runs.routes.ts, analysis-runs.schemas.ts).
 * Kept beside the page rather than in api/types.ts: only this page reads them.
 */

export interface RunKpis {
  readonly analysisRunId: number;
  readonly asOf: string;
  readonly customers: number;
  readonly buyers: number;
  readonly activeShare: number | null;
  readonly churnRate: number | null;
  readonly revenue: number;
  readonly margin: number;
  readonly predictedValue: number;
  readonly nps: number | null;
  readonly npsAnswers: number;
  readonly csi: number | null;
  readonly csiAnswers: number;
  readonly overdueReceivables: number;
}

export interface StructureOverview {
  readonly current: RunKpis;
  readonly previous: RunKpis | null;
  readonly concentration: {
    readonly buyers: number;
    readonly lorenz: readonly { readonly customerShare: number; readonly revenueShare: number }[];
    readonly gini: number | null;
    readonly top20Share: number | null;
  };
  readonly value: {
    readonly customers: number;
    readonly bins: readonly { readonly from: number; readonly to: number; readonly customers: number }[];
  };
}

export interface Retention {
  readonly asOf: string;
  readonly cohorts: readonly {
    readonly month: string;
    readonly customers: number;
    readonly retained: readonly (number | null)[];
  }[];
  readonly churn: readonly {
    readonly month: string;
    readonly customers: number;
    readonly churned: number;
    readonly rate: number | null;
    readonly complete: boolean;
  }[];
}

export interface StructureCell {
  readonly keys: readonly (string | null)[];
  readonly customers: number;
  readonly customerShare: number;
  readonly revenue: number;
  readonly revenueShare: number;
  readonly clv: number;
  readonly clvShare: number;
}

export interface StructureReport {
  readonly by: readonly string[];
  readonly analysisRunId: number;
  readonly gradeRunId?: number;
  readonly scheme?: string;
  readonly totals: { readonly customers: number; readonly revenue: number; readonly clv: number };
  readonly cells: readonly StructureCell[];
}

export interface GradeMigration {
  readonly scheme: string;
  readonly from: { readonly id: number; readonly asOf: string };
  readonly to: { readonly id: number; readonly asOf: string };
  readonly grades: readonly string[];
  /** counts[from][to]: customers graded `from` in the first run and `to` in the second. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly newCustomers: { readonly customers: number; readonly byGrade: Readonly<Record<string, number>> };
  readonly goneCustomers: { readonly customers: number; readonly byGrade: Readonly<Record<string, number>> };
}

export interface AnalysisRunPage {
  readonly runs: readonly { readonly run: { readonly id: number; readonly asOf: string } }[];
}
