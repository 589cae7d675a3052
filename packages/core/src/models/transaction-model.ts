import type { FitProblem, SecondOrderConditions } from "./identifiability.ts";
import type { CompressedSummaries } from "./summaries.ts";

/**
 * What CLV and batch scoring need from a buy-till-you-die transaction model (BG/NBD, Pareto/NBD):
 * conditional predictions for a customer with history (x, t_x, T), in the data's time unit.
 */
export interface TransactionModel<P> {
  readonly name: string;
  /** E[Y(t) | x, t_x, T]: expected purchases in the next t time units. */
  expectedPurchases(params: P, t: number, x: number, tx: number, T: number): number;
  /** P(Y(t) = n | x, t_x, T): the distribution whose mean is `expectedPurchases`. */
  conditionalProbabilityOfPurchases(
    params: P,
    t: number,
    n: number,
    x: number,
    tx: number,
    T: number,
  ): number;
  /** P(the customer is still active at T | x, t_x, T). */
  probabilityAlive(params: P, x: number, tx: number, T: number): number;
  /** `expectedPurchases` for every row of compressed data, sharing work between rows. */
  expectedPurchasesRows(params: P, t: number, rows: CompressedSummaries): Float64Array;
  /** `probabilityAlive` for every row of compressed data. */
  probabilityAliveRows(params: P, rows: CompressedSummaries): Float64Array;
}

/** The result of a maximum-likelihood fit. */
export interface FitResult<P> {
  readonly params: P;
  /** Asymptotic standard errors from the observed information (delta method from the log scale). */
  readonly standardErrors: P;
  /** The maximized log-likelihood (without the penalty, if one was used). */
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Evaluations of the full data's likelihood (+ gradient), for timing; a warm start's cheaper ones are not counted. */
  readonly evaluations: number;
  readonly customers: number;
  /** Distinct rows the likelihood ran over. */
  readonly rows: number;
  /** KKT1 and KKT2 at the optimum, as CLVTools reports them. */
  readonly secondOrder: SecondOrderConditions;
  /**
   * False when the data cannot identify the model (see identifiability.ts): its predictions then
   * follow noise and should not be used. `problems` says why, one code with params per reason.
   */
  readonly identifiable: boolean;
  readonly problems: readonly FitProblem[];
}

/** Optimizer settings shared by the fits. */
export interface FitOptions<P> {
  /** Starting values; the defaults suit data in weeks or days. */
  readonly initialParams?: Partial<P>;
  /**
   * L2 penalty on the parameters, added to the mean negative log-likelihood as in lifetimes'
   * `penalizer_coef` (default 0: plain maximum likelihood, which the published values need).
   */
  readonly penalizer?: number;
  readonly maxIterations?: number;
  readonly gradientTolerance?: number;
  /**
   * The BG/NBD fit on large data (100k distinct rows or more) first fits a fixed eighth of the
   * rows, then the whole from there (default true): the same optimum for a fraction of the full
   * evaluations. (Gamma-Gamma gains nothing from it: its likelihood near the optimum is flat to
   * rounding, and the line searches from a close start cost more than the iterations saved.)
   */
  readonly warmStart?: boolean;
}
