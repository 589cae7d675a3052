/**
 * The spread of a customer's expected purchases (the 360 view's "80 % between 0 and 3"): the
 * predictor the analysis run used, with the parameters it kept in its report, gives the whole
 * distribution of the customer's purchases over the run's horizon (core purchase-interval.ts).
 */
import {
  BgNbd,
  type BgNbdParams,
  EmpiricalRate,
  ParetoNbd,
  type ParetoNbdParams,
  type PurchaseInterval,
  purchaseInterval,
} from "@custra/core";
import { analysisRunReport, type DbHandle } from "@custra/db";
import type { CustomerScoreView } from "@custra/engine";

/** What the interval needs of a run's report: its transaction predictor and the fits. */
export interface ForecastReport {
  readonly predictor?: { readonly transactions?: string };
  readonly models?: {
    readonly bgnbd?: { readonly params: BgNbdParams };
    readonly paretoNbd?: { readonly params: ParetoNbdParams };
  };
}

/** The share of the distribution the interval holds: its 10th to its 90th percentile. */
export const INTERVAL_LEVEL = 0.8;

/**
 * The central interval of the customer's purchases over `horizon`, or null where the run predicts
 * none for them (no purchase yet, or a predictor whose parameters the report lacks).
 *
 * The empirical repeat rate keeps no parameters in the report; a customer's own prediction gives
 * its posterior exactly instead: E = (x + 1) · t / (T + 1/λ̄), so T + 1/λ̄ = (x + 1) · t / E.
 */
export function purchaseIntervalFor(
  report: ForecastReport,
  scores: Pick<CustomerScoreView, "x" | "tx" | "T" | "expectedPurchases">,
  horizon: number,
): PurchaseInterval | null {
  const { x, tx, T, expectedPurchases } = scores;
  if (x === null || tx === null || T === null || expectedPurchases === null) return null;
  const history = { t: horizon, x, tx, T };
  const predictor = report.predictor?.transactions;
  const bgnbd = report.models?.bgnbd?.params;
  const paretoNbd = report.models?.paretoNbd?.params;
  let interval: PurchaseInterval | undefined;
  if (predictor === "bgnbd" && bgnbd) interval = purchaseInterval(BgNbd, bgnbd, history, INTERVAL_LEVEL);
  else if (predictor === "pareto-nbd" && paretoNbd)
    interval = purchaseInterval(ParetoNbd, paretoNbd, history, INTERVAL_LEVEL);
  else if (predictor === "empirical") {
    const rate = expectedPurchases > 0 ? 1 / (((x + 1) * horizon) / expectedPurchases - T) : 0;
    if (!(rate >= 0) || !Number.isFinite(rate)) return null;
    interval = purchaseInterval(EmpiricalRate, { rate }, history, INTERVAL_LEVEL);
  }
  return interval ?? null;
}

// A run's report never changes once written: read each run's once per process and database.
const reports = new WeakMap<object, Map<number, Promise<ForecastReport>>>();

/** The forecast part of run `runId`'s report, read once. */
export function forecastReport(handle: DbHandle, runId: number): Promise<ForecastReport> {
  let byRun = reports.get(handle.read);
  if (!byRun) {
    byRun = new Map();
    reports.set(handle.read, byRun);
  }
  let report = byRun.get(runId);
  if (!report) {
    report = analysisRunReport(handle.read, runId).then((full) => ({
      predictor: full?.predictor as ForecastReport["predictor"],
      models: full?.models as ForecastReport["models"],
    }));
    // A failed read is not kept: the next view tries again.
    report.catch(() => byRun.delete(runId));
    byRun.set(runId, report);
  }
  return report;
}
