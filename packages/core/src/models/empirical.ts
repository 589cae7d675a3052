/**
 * The fallback predictors, for data that cannot identify the BG/NBD, Pareto/NBD or Gamma-Gamma
 * (see identifiability.ts): simple, always defined, and honest about what they do not know.
 *
 * Transactions, "empirical repeat rate": the population's observed repeat rate
 *   λ̄ = Σ x / Σ T   (repeat purchases per time unit of customer history, over all buyers),
 * and per customer the posterior mean rate of a Poisson purchase process under an exponential
 * prior with mean λ̄, (x + 1) / (T + 1/λ̄): the NBD conditional expectation (r + x)/(α + T)
 * (Ehrenberg 1959, "The Pattern of Consumer Purchases", Applied Statistics 8(1); Morrison &
 * Schmittlein 1988, "Generalizing the NBD Model for Customer Purchases", Journal of Business &
 * Economic Statistics 6(2)) with its shape r fixed at 1 and its scale α = 1/λ̄ matched to the
 * population's mean rate rather than estimated, so nothing is left for thin data to get wrong. A customer's own history
 * counts in proportion to its length T against 1/λ̄, so two lucky repeat buyers among thousands are
 * not promised a repeat rate nobody else shows, while in a base of regular buyers each customer's
 * own rate dominates. Expected purchases in the next t units are that rate × t. λ̄ already averages
 * over customers who have stopped buying (their T counts, their purchases do not), so there is no
 * separate dropout: the prediction is best for horizons comparable to the data's span.
 *
 * P(alive) is not estimated (NaN): with too few repeat buyers the data says nothing about dropout,
 * and any number would be invented. Churn risk and purchase behaviour then use their recency rules
 * (the customer's time since the last purchase against its own purchase cycle): managers' recency
 * ("hiatus") rules tell active from inactive customers about as well as the Pareto/NBD and BG/NBD
 * (Wübben & von Wangenheim 2008, "Instant Customer Base Analysis: Managerial Heuristics Often 'Get
 * It Right'", Journal of Marketing 72(3)).
 *
 * Spend, "historical mean": a customer's own mean value per purchase (all purchases, the first
 * included), or the population's mean per purchase for a customer without a positive one.
 */
import { ModelError } from "./errors.ts";
import { logNegativeBinomial } from "./special.ts";
import type { CompressedSummaries, NumberColumn } from "./summaries.ts";
import type { TransactionModel } from "./transaction-model.ts";

export interface EmpiricalRateParams {
  /** λ̄: the population's repeat purchases per time unit of customer history. */
  readonly rate: number;
}

const MODEL = "empirical";

/** λ̄ = Σ w·x / Σ w·T over compressed rows; 0 without any history or repeat purchase. */
export function fitEmpiricalRate(rows: CompressedSummaries): EmpiricalRateParams {
  if (rows.customers === 0) throw new ModelError("MODEL_EMPTY_INPUT", { model: MODEL });
  let purchases = 0;
  let exposure = 0;
  for (let i = 0; i < rows.rows; i++) {
    purchases += rows.weight[i]! * rows.x[i]!;
    exposure += rows.weight[i]! * rows.T[i]!;
  }
  return { rate: exposure > 0 ? purchases / exposure : 0 };
}

/** The customer's posterior mean rate (x + 1)/(T + 1/λ̄); 0 when nobody ever bought again. */
export function customerRate(params: EmpiricalRateParams, x: number, T: number): number {
  if (!(params.rate > 0)) return 0;
  return (x + 1) / (T + 1 / params.rate);
}

export function expectedPurchases(params: EmpiricalRateParams, t: number, x: number, _tx: number, T: number) {
  return customerRate(params, x, T) * t;
}

/**
 * P(Y(t) = n | x, T): purchases of a Poisson process over t whose rate has the posterior
 * Gamma(x + 1, T + 1/λ̄) of the module comment, the negative binomial NB(n; x + 1, T + 1/λ̄, t)
 * (its mean is {@link expectedPurchases}). Nobody ever bought again (λ̄ = 0): no purchase, surely.
 */
export function conditionalProbabilityOfPurchases(
  params: EmpiricalRateParams,
  t: number,
  n: number,
  x: number,
  _tx: number,
  T: number,
): number {
  if (!(params.rate > 0)) return n === 0 ? 1 : 0;
  return Math.exp(logNegativeBinomial(x + 1, T + 1 / params.rate, t, n));
}

/** Not estimated: NaN (see the module comment). */
export function probabilityAlive(_params: EmpiricalRateParams, _x: number, _tx: number, _T: number): number {
  return Number.NaN;
}

/** The empirical repeat rate as a {@link TransactionModel}, so that CLV discounts it the same way. */
export const EmpiricalRate: TransactionModel<EmpiricalRateParams> = {
  name: MODEL,
  expectedPurchases,
  conditionalProbabilityOfPurchases,
  probabilityAlive,
  expectedPurchasesRows(params, t, rows) {
    const out = new Float64Array(rows.rows);
    for (let i = 0; i < rows.rows; i++)
      out[i] = expectedPurchases(params, t, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
    return out;
  },
  probabilityAliveRows(_params, rows) {
    return new Float64Array(rows.rows).fill(Number.NaN);
  },
};

/**
 * Expected spend per purchase, "historical mean": revenue / purchases of each customer where that
 * is positive, else the population's Σ revenue / Σ purchases over the customers with a positive
 * one (NaN when there are none). `purchases` counts the first purchase too (x + 1 purchase days).
 */
export function historicalMeanSpend(revenue: NumberColumn, purchases: NumberColumn): Float64Array {
  if (revenue.length !== purchases.length) {
    throw new ModelError("MODEL_LENGTH_MISMATCH", {
      name: "purchases",
      actual: purchases.length,
      expected: revenue.length,
    });
  }
  const own = new Float64Array(revenue.length);
  let totalRevenue = 0;
  let totalPurchases = 0;
  for (let i = 0; i < revenue.length; i++) {
    const mean = purchases[i]! > 0 ? revenue[i]! / purchases[i]! : Number.NaN;
    own[i] = mean > 0 && Number.isFinite(mean) ? mean : Number.NaN;
    if (!Number.isNaN(own[i]!)) {
      totalRevenue += revenue[i]!;
      totalPurchases += purchases[i]!;
    }
  }
  const population = totalPurchases > 0 ? totalRevenue / totalPurchases : Number.NaN;
  for (let i = 0; i < own.length; i++) if (Number.isNaN(own[i]!)) own[i] = population;
  return own;
}
