/**
 * Inputs of the classification and scoring rules.
 *
 * Every input is columnar: one array per attribute, index i is the same customer in every array
 * passed to one call. The engine fills them from its per-customer SQL summary; Float64Array,
 * Int32Array and plain number arrays are all accepted. `NaN` marks an unknown value (no answer,
 * no model output, fewer than two purchases for a rhythm); each rule documents what it does with
 * it. Day counts are whole or fractional days, money is in the company's currency.
 */

/** One attribute for every customer; `NaN` means unknown. */
export type Column = ArrayLike<number>;

/** The three RFM facts of each customer. A customer with `frequency` 0 (or unknown recency) has not bought. */
export interface RfmInput {
  /** Days from the last purchase to the as-of date. */
  readonly recencyDays: Column;
  /** Number of orders (or distinct purchase days) in the analysis window. */
  readonly frequency: Column;
  /** Revenue in the analysis window (total or mean per order: the same choice for everyone). */
  readonly monetary: Column;
}

/** Revenue per customer for concentration and Pareto analysis. */
export interface RevenueInput {
  /** Revenue in the period; negative values (refunds above purchases) count as 0. */
  readonly revenue: Column;
  /** Stable customer ids that break ties between equal revenues; by default the array index. */
  readonly ids?: Column;
}

/** What a customer is worth, for value tiers. */
export interface ValueInput {
  /** Predicted customer lifetime value (BG/NBD + Gamma-Gamma, discounted). */
  readonly predictedClv?: Column;
  /** Historical value: revenue or margin to date. */
  readonly historicalValue?: Column;
}

/** Purchase behaviour, for the active / potential / churned status. */
export interface ActivityInput {
  /** Number of orders (or purchase days) to date; 0 for customers who never bought. */
  readonly frequency: Column;
  /** Days since the last purchase; `NaN` for customers who never bought. */
  readonly recencyDays: Column;
  /** Mean days between consecutive purchases; `NaN` with fewer than two purchases. */
  readonly meanInterPurchaseDays?: Column;
  /** Probability the customer is still alive (BG/NBD); `NaN` when not modelled. */
  readonly pAlive?: Column;
}

/** Tenure and revenue trend, for lifecycle stages. */
export interface LifecycleInput {
  readonly frequency: Column;
  readonly recencyDays: Column;
  /** Days from the first purchase to the as-of date; `NaN` for customers who never bought. */
  readonly tenureDays: Column;
  /** Revenue in the 12 months before the as-of date. */
  readonly revenueLast12m: Column;
  /** Revenue in the 12 months before those. */
  readonly revenuePrev12m: Column;
  readonly pAlive?: Column;
}

/** Invoice and payment behaviour, for credit grades. */
export interface InvoiceInput {
  /** Invoices due in the observation window; customers with none are not rated. */
  readonly invoiceCount: Column;
  /** Share (0..1) of those invoices paid by their due date or within the grace period after it (CREDIT_RULES). */
  readonly onTimeShare: Column;
  /** The longest delay past a due date, in days, of an invoice paid late or still open (0 when always on time). */
  readonly maxDaysPastDue: Column;
  /** Amount more than the grace period past due at the as-of date. */
  readonly overdueAmount: Column;
  /** Credit limit granted; 0 or `NaN` when the customer has none. */
  readonly creditLimit?: Column;
  /** Amount invoiced in the window; the yardstick for overdue amounts when there is no credit limit. */
  readonly invoicedAmount?: Column;
}

/** Facts behind the loyalty index. */
export interface LoyaltyInput {
  readonly frequency: Column;
  /** Days since the first purchase. */
  readonly tenureDays: Column;
  /** The latest NPS answer (0..10); `NaN` if the customer never answered. */
  readonly latestNps?: Column;
  readonly pAlive?: Column;
}

/** Facts behind the churn risk. */
export interface ChurnRiskInput {
  readonly frequency: Column;
  readonly recencyDays: Column;
  readonly meanInterPurchaseDays?: Column;
  readonly pAlive?: Column;
}

/**
 * First and last purchase period of each customer, for churn rates. Periods are consecutive
 * integers (e.g. months as `year * 12 + month`); `NaN` for customers who never bought.
 */
export interface ChurnPeriodInput {
  readonly firstPeriod: Column;
  readonly lastPeriod: Column;
  /** The period the analysis is run in (the last one with data). */
  readonly asOfPeriod: number;
}

/**
 * Purchase activity for a cohort retention table: the cohort (first purchase period) of each
 * customer and the periods each customer bought in, as (customer, period) pairs in any order;
 * duplicates are allowed.
 */
export interface CohortInput {
  /** First purchase period of each customer; `NaN` for customers who never bought. */
  readonly cohort: Column;
  /** Customer index (into `cohort`) of each activity pair. */
  readonly activityCustomer: Column;
  /** Period of each activity pair. */
  readonly activityPeriod: Column;
  /** The last period with data; later periods are not shown. */
  readonly asOfPeriod: number;
}

/**
 * Signals that may explain churn. Every column is optional: a factor whose column is missing
 * is left out of the analysis.
 */
export interface ChurnFactorInput {
  /** Complaints in the observation window. */
  readonly complaints?: Column;
  /** The latest NPS answer (0..10), `NaN` if none. */
  readonly latestNps?: Column;
  /** The latest satisfaction score (1..5, the mean over the survey's items), `NaN` if none. */
  readonly latestSatisfaction?: Column;
  /** The longest delay past an invoice due date, in days. */
  readonly maxDaysPastDue?: Column;
  /** Mean order value in the recent window (e.g. last 6 months), `NaN` without orders there. */
  readonly orderValueRecent?: Column;
  /** Mean order value in the window before it. */
  readonly orderValuePrior?: Column;
  /** Product categories bought in the prior window but not in the recent one. */
  readonly categoriesLost?: Column;
}

/** Satisfaction survey answers in long form: one entry per (response, item). */
export interface SatisfactionAnswers {
  /** Item index, 0..itemCount-1. */
  readonly item: Column;
  /** Answer on the 1..5 scale; `NaN` for "not answered". */
  readonly score: Column;
}
