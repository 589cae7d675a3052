/**
 * What the analysis page reads from the API (packages/server analysis-runs.schemas.ts and
 * jobs.schemas.ts; the OpenAPI document at /api/docs is the reference).
 */

export type TimeUnit = "day" | "week";
export type TransactionModel = "bgnbd" | "pareto-nbd";
/** What predicted the purchases: the model, or the empirical repeat rate when the data did not identify it. */
export type TransactionPredictor = TransactionModel | "empirical";

/** Something the reader of a run must know, with its text in the reader's language. */
export interface AnalysisWarning {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: string;
}

export interface ModelFit {
  readonly identifiable: boolean;
  readonly converged: boolean;
  readonly iterations: number;
  /** BG/NBD r, alpha, a, b; Pareto/NBD r, alpha, s, beta; Gamma-Gamma p, q, v (γ). */
  readonly params: Readonly<Record<string, number | null>>;
  readonly standardErrors: Readonly<Record<string, number | null>>;
  /** Null unless the reader sees every customer. */
  readonly logLikelihood: number | null;
}

/** A run in GET /analysis-runs. */
export interface AnalysisRun {
  readonly run: {
    readonly id: number;
    readonly asOf: string;
    readonly timeUnit: TimeUnit;
    readonly horizon: number;
    readonly model: TransactionModel;
    readonly discountRate: number;
    /** Null unless the reader sees every customer. */
    readonly customers: number | null;
    readonly status: "completed";
    readonly createdAt: string;
  };
  /** Null when custra started it (the command line, the schedule). */
  readonly startedBy: { readonly username: string; readonly name: string | null } | null;
  readonly predictor: { readonly transactions: TransactionPredictor; readonly spend: string } | null;
  readonly models: Readonly<Partial<Record<"bgnbd" | "paretoNbd" | "gammaGamma", ModelFit>>>;
  readonly warnings: readonly AnalysisWarning[];
}

export interface AnalysisRunPage {
  readonly runs: readonly AnalysisRun[];
  readonly total: number;
  readonly nextCursor: number | null;
}

/** What POST /analysis-runs takes; every field optional. */
export interface RunAnalysisInput {
  readonly asOf?: string;
  readonly timeUnit?: TimeUnit;
  readonly horizon?: number;
  readonly model?: TransactionModel;
  readonly discountRate?: number;
}

/** An analysis job as GET /jobs/{id} answers it. */
export interface AnalysisJob {
  readonly id: number;
  readonly status: "queued" | "running" | "succeeded" | "failed";
  readonly progress: { readonly stage: string } | null;
  /** The analysis report once succeeded (its run's id is what the page needs). */
  readonly result: { readonly runId: number } | null;
  /** Why it failed, `detail` in the reader's language. */
  readonly error: { readonly code: string; readonly detail?: string } | null;
}

export interface FrequencyRow {
  /** Calibration repeat purchases: "0" … "6", "7+". */
  readonly x: string;
  readonly customers: number;
  readonly meanActual: number | null;
  readonly meanPredicted: number | null;
}

export interface TrackingPoint {
  readonly period: number;
  readonly date: string;
  readonly holdout: boolean;
  readonly actual: number;
  readonly expected: number;
}

/** GET /analysis-runs/{id}/backtest. */
export interface RunBacktest {
  readonly runId: number;
  readonly calibrationEnd: string;
  readonly timeUnit: TimeUnit;
  readonly predictor: TransactionPredictor;
  readonly lastOrder: string | null;
  /** Null when no order is dated after the run's as-of date. */
  readonly holdout: {
    readonly holdoutEnd: string;
    readonly holdoutLength: number;
    readonly cohort: {
      readonly customers: number;
      readonly repeatBuyers: number;
      readonly calibrationRepeatPurchases: number;
    };
    readonly totals: { readonly actual: number; readonly predicted: number; readonly ratio: number | null };
    readonly errors: { readonly mae: number; readonly rmse: number };
    readonly correlation: number | null;
    readonly byFrequency: readonly FrequencyRow[];
    readonly tracking: readonly TrackingPoint[];
    readonly warnings: readonly AnalysisWarning[];
  } | null;
}
