/**
 * `custra analyze`: the per-customer summary in SQL → the transaction and spend models → the
 * classification rules → one analysis run with every customer's scores, written in bulk.
 */
import {
  abcAnalysis,
  atRiskFlags,
  BgNbd,
  type BgNbdParams,
  behaviourStatus,
  bgNbd,
  type ChurnFactorSummary,
  type CohortTable,
  type CompressedSummaries,
  type Concentration,
  churnReasons,
  churnRisk,
  compressSummaries,
  creditGrades,
  csi,
  EmpiricalRate,
  type FitResult,
  fitEmpiricalRate,
  type GammaGammaParams,
  gammaGamma,
  historicalMeanSpend,
  isLowSatisfaction,
  isModelError,
  lifecycleStages,
  loyaltyIndex,
  MINIMUM_REPEAT_BUYERS,
  type ModelError,
  npsByGroup,
  npsCategories,
  npsSummary,
  ParetoNbd,
  type ParetoNbdParams,
  paretoNbd,
  predictCustomerValue,
  rfm8Classes,
  rfmScores,
  rfmSegments,
  type TransactionModel,
  valueTiers,
  warningLevels,
} from "@custra/core";
import type { DbHandle } from "@custra/db";
import { stageClock } from "../stage-clock.ts";
import {
  cohortRetentionAsOf,
  type MonthlyChurn,
  monthLabel,
  monthlyChurn,
  monthOf,
  monthOfDay,
} from "./cohorts.ts";
import { AnalyzeError } from "./errors.ts";
import {
  type CustomerSummary,
  customerSummary,
  DAYS_PER_UNIT,
  lastOrderDate,
  type TimeUnit,
} from "./summary.ts";
import "./messages.ts";
import type { AnalysisWarning } from "./warnings.ts";
import { writeRun } from "./write-run.ts";

export { AnalyzeError, type AnalyzeErrorCode, isAnalyzeError } from "./errors.ts";
export { type AnalysisWarning, warningAsText, warningText } from "./warnings.ts";

export type TransactionModelName = "bgnbd" | "pareto-nbd";

export interface AnalyzeOptions {
  /** Last day of data the analysis sees; by default the date of the last order. */
  asOf?: string;
  /** The models' time unit (default week, the literature's). */
  timeUnit?: TimeUnit;
  /** Prediction horizon in time units (default one year: 52 weeks or 365 days). */
  horizon?: number;
  model?: TransactionModelName;
  /** Annual discount rate of predicted value (default 0.1). */
  discountRate?: number;
  /** Cost of serving a customer: per interaction in the last 12 months, and per year on open receivables. */
  costPerInteraction?: number;
  receivablesCostRate?: number;
  /** The user (users.id) who started the run, kept with it; none when custra starts it itself. */
  startedBy?: number | null;
  onStage?: (stage: AnalyzeStage) => void;
}

export const ANALYZE_STAGES = ["summary", "fit", "predict", "classify", "write"] as const;
export type AnalyzeStage = (typeof ANALYZE_STAGES)[number];

export interface FitReport<P> {
  params: P;
  standardErrors: P;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  customers: number;
}

/** A fit of the analysis: the fit report and whether the data identifies the model. */
export interface ModelFitReport<P> extends FitReport<P> {
  /** KKT1 (gradient ~0) and KKT2 (Hessian positive definite) at the optimum. */
  kkt1: boolean;
  kkt2: boolean;
  /** False when the data cannot identify the model; its predictions are then not used. */
  identifiable: boolean;
  /** Why not, each a warning code with params (`model.notIdentifiable`, `model.tooFewRepeatBuyers`). */
  problems: AnalysisWarning[];
}

/** What the predictions came from: the fitted models, or the fallbacks when they are not identified. */
export type TransactionPredictor = TransactionModelName | "empirical";
export type SpendPredictor = "gamma-gamma" | "historical-mean";

export interface GroupShare {
  code: string;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  clv: number;
  clvShare: number;
}

export interface AnalysisReport {
  runId: number;
  asOf: string;
  timeUnit: TimeUnit;
  horizon: number;
  model: TransactionModelName;
  discountRate: number;
  customers: number;
  buyers: number;
  models: {
    bgnbd?: ModelFitReport<BgNbdParams>;
    paretoNbd?: ModelFitReport<ParetoNbdParams>;
    gammaGamma?: ModelFitReport<GammaGammaParams>;
  };
  /**
   * The predictors used: the chosen transaction model and Gamma-Gamma where the data identifies
   * them, else the empirical repeat rate and the historical mean spend (core models/empirical.ts).
   */
  predictor: { transactions: TransactionPredictor; spend: SpendPredictor };
  /** What the reader must know: fits the data cannot identify, the fallbacks used instead … */
  warnings: AnalysisWarning[];
  structure: {
    /** Revenue net of returns (see the returns rule in summary.ts). */
    revenue: number;
    /** Returned and cancelled amounts netted out of revenue, as a positive number. */
    returns: number;
    margin: number;
    predictedClv: number;
    gini: number;
    top20Share: number;
    hhi: number;
    abc: GroupShare[];
    valueTier: GroupShare[];
    rfmSegment: GroupShare[];
    rfmClass: GroupShare[];
    lifecycle: GroupShare[];
    behaviour: GroupShare[];
    credit: GroupShare[];
    churnWarning: GroupShare[];
    nps: { score: number; promoters: number; passives: number; detractors: number; answers: number };
    /** Customer satisfaction index 0–100 from each customer's latest survey (mean item score 1–5). */
    csi: number;
    /**
     * Customers behind the CSI (a satisfaction score in their latest survey); of them, those whose
     * score is low (1–2, a churn factor with a follow-up like a detractor), and those who gave a
     * score but no NPS answer (nps_category csat_only, not counted in the NPS).
     */
    satisfaction: { answers: number; low: number; csatOnly: number };
    /** NPS and CSI per value tier: does satisfaction follow value? */
    satisfactionByValueTier: {
      code: string;
      nps: number;
      npsAnswers: number;
      csi: number;
      csiAnswers: number;
    }[];
    /** Lorenz curve of revenue (customers from smallest to largest), at most 101 points. */
    lorenz: { population: number[]; revenue: number[] };
    churnReasons: { reason: string; atRiskShare: number; othersShare: number; lift: number }[];
    /** Monthly churn: customers at the start of each month, those who churned in it (no purchase for 3 months after their last), the rate. */
    churnRates: MonthlyChurn[];
    /** Monthly cohorts: customers by month of first purchase and the share of each who bought again k months later. */
    cohorts: { months: string[]; sizes: number[]; retention: number[][] };
  };
  timings: Record<AnalyzeStage, number>;
}

/** Everything computed per customer, column by column, before it is written. */
export interface CustomerScores {
  summary: CustomerSummary;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  profitability: Float64Array;
  r: ArrayLike<number>;
  f: ArrayLike<number>;
  m: ArrayLike<number>;
  rfmSegment: readonly string[];
  rfmClass: readonly string[];
  abcClass: readonly string[];
  valueTier: readonly string[];
  behaviour: readonly string[];
  lifecycle: readonly string[];
  creditGrade: readonly string[];
  creditScore: ArrayLike<number>;
  churnRisk: Float64Array;
  churnWarning: readonly string[];
  churnReasons: readonly (readonly string[])[];
  npsCategory: readonly string[];
  loyalty: Float64Array;
}

const UNITS_PER_YEAR: Readonly<Record<TimeUnit, number>> = { day: 365, week: 52 };

export async function analyze(handle: DbHandle, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const timeUnit = options.timeUnit ?? "week";
  const horizon = options.horizon ?? UNITS_PER_YEAR[timeUnit];
  const modelName = options.model ?? "bgnbd";
  const discountRate = options.discountRate ?? 0.1;
  const { timings, start, done } = stageClock(options.onStage);

  start("summary");
  const asOf = options.asOf ?? (await lastOrderDate(handle));
  if (!asOf) throw new AnalyzeError("ANALYZE_NO_ORDERS");
  const summary = await customerSummary(handle, { asOf, timeUnit });
  done("summary");

  start("fit");
  const buyers = indicesWhere(summary.count, (i) => !Number.isNaN(summary.x[i]!));
  const x = pick(summary.x, buyers);
  const monetary = pick(summary.monetary, buyers);
  // Customers sharing (x, t_x, T) are one row, for the fit and the predictions alike.
  const rows = compressSummaries(x, pick(summary.tx, buyers), pick(summary.T, buyers));
  const warnings: AnalysisWarning[] = [];
  const models: AnalysisReport["models"] = {};
  const fitted = fitTransactionModel(modelName, rows, models, warnings);
  const transaction = fitted ?? {
    model: EmpiricalRate as TransactionModel<unknown>,
    params: rows.customers > 0 ? fitEmpiricalRate(rows) : undefined,
  };
  if (!fitted)
    warnings.push({ code: "analyze.transactionFallback", params: { model: MODEL_LABELS[modelName] } });
  const spendFit = fitSpendModel(x, monetary, models, warnings);
  if (!spendFit) warnings.push({ code: "analyze.spendFallback", params: { model: "Gamma-Gamma" } });
  const predictor: AnalysisReport["predictor"] = {
    transactions: fitted ? modelName : "empirical",
    spend: spendFit ? "gamma-gamma" : "historical-mean",
  };
  done("fit");

  start("predict");
  const n = summary.count;
  const pAlive = new Float64Array(n).fill(Number.NaN);
  const expectedPurchases = new Float64Array(n).fill(Number.NaN);
  const expectedSpend = new Float64Array(n).fill(Number.NaN);
  const clv = new Float64Array(n).fill(Number.NaN);
  const spend = spendFit
    ? gammaGamma.expectedAverageSpendAll(spendFit, x, monetary)
    : historicalMeanSpend(
        pick(summary.revenue, buyers),
        x.map((repeats) => repeats + 1),
      );
  scatter(expectedSpend, buyers, spend);
  if (transaction.params !== undefined) {
    const predicted = predictCustomerValue(transaction.model, transaction.params, rows, {
      horizon,
      annualDiscountRate: discountRate,
      unitsPerYear: UNITS_PER_YEAR[timeUnit],
    });
    scatter(pAlive, buyers, predicted.probabilityAlive);
    scatter(expectedPurchases, buyers, predicted.expectedPurchases);
    const margins = marginRates(summary);
    for (let k = 0; k < buyers.length; k++) {
      clv[buyers[k]!] = predicted.discountedPurchases[k]! * spend[k]! * margins[buyers[k]!]!;
    }
  }
  const profitability = profitabilityOf(summary, options);
  done("predict");

  start("classify");
  const { scores, concentration, churnFactors } = classify(summary, {
    pAlive,
    expectedPurchases,
    expectedSpend,
    clv,
    profitability,
  });
  const structure = {
    ...describeStructure(scores, concentration, churnFactors),
    churnRates: monthlyChurnOf(summary),
    cohorts: cohortsOf(await cohortRetentionAsOf(handle.db, asOf)),
  };
  done("classify");

  start("write");
  const report: Omit<AnalysisReport, "runId" | "timings"> = {
    asOf,
    timeUnit,
    horizon,
    model: modelName,
    discountRate,
    customers: n,
    buyers: buyers.length,
    models,
    predictor,
    warnings,
    structure,
  };
  // The run row keeps how long each stage before the write took (the write's own time is known
  // only once the row is in): what a list of runs shows as the run's timings.
  const runId = await writeRun(
    handle,
    { ...report, timings: { ...timings } },
    scores,
    options.startedBy ?? null,
  );
  done("write");
  // Every stage is done by now.
  return { runId, ...report, timings: timings as Record<AnalyzeStage, number> };
}

const MODEL_LABELS: Readonly<Record<TransactionModelName, string>> = {
  bgnbd: "BG/NBD",
  "pareto-nbd": "Pareto/NBD",
};

/**
 * The chosen transaction model fitted and reported, or undefined when it cannot be fitted or the
 * data does not identify it (the caller then falls back to the empirical repeat rate).
 */
function fitTransactionModel(
  modelName: TransactionModelName,
  rows: CompressedSummaries,
  models: AnalysisReport["models"],
  warnings: AnalysisWarning[],
): { model: TransactionModel<unknown>; params: unknown } | undefined {
  try {
    if (modelName === "bgnbd") {
      const fit = bgNbd.fit(rows);
      models.bgnbd = modelFitReport(fit);
      warnings.push(...models.bgnbd.problems);
      return fit.identifiable ? { model: BgNbd as TransactionModel<unknown>, params: fit.params } : undefined;
    }
    const fit = paretoNbd.fit(rows);
    models.paretoNbd = modelFitReport(fit);
    warnings.push(...models.paretoNbd.problems);
    return fit.identifiable
      ? { model: ParetoNbd as TransactionModel<unknown>, params: fit.params }
      : undefined;
  } catch (error) {
    if (!isModelError(error)) throw error;
    warnings.push(fitFailure(error));
    return undefined;
  }
}

/** Gamma-Gamma's parameters where the data identifies them, else undefined (historical mean spend). */
function fitSpendModel(
  x: Float64Array,
  monetary: Float64Array,
  models: AnalysisReport["models"],
  warnings: AnalysisWarning[],
): GammaGammaParams | undefined {
  try {
    const fit = gammaGamma.fit({ x, spend: monetary }, { excludeNonPositiveSpend: true });
    models.gammaGamma = modelFitReport(fit);
    warnings.push(...models.gammaGamma.problems);
    return fit.identifiable ? fit.params : undefined;
  } catch (error) {
    if (!isModelError(error)) throw error;
    warnings.push(fitFailure(error));
    return undefined;
  }
}

/**
 * A fit that could not even start, as a warning: fewer than two repeat buyers is the same
 * `model.tooFewRepeatBuyers` as a fit below the minimum; any other model error keeps its own key.
 */
function fitFailure(error: ModelError): AnalysisWarning {
  const model = String(error.params.model);
  if (error.code === "MODEL_TOO_FEW_REPEAT_BUYERS" && model in MINIMUM_REPEAT_BUYERS) {
    return {
      code: "model.tooFewRepeatBuyers",
      params: {
        model,
        repeatBuyers: Number(error.params.count),
        minimum: MINIMUM_REPEAT_BUYERS[model as keyof typeof MINIMUM_REPEAT_BUYERS],
      },
    };
  }
  return { code: error.messageKey, params: { ...error.params } };
}

/** A fit as the reports show it: estimates, convergence, and whether the data identifies the model. */
export function modelFitReport<P>(fit: FitResult<P>): ModelFitReport<P> {
  return {
    params: fit.params,
    standardErrors: fit.standardErrors,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    customers: fit.customers,
    kkt1: fit.secondOrder.kkt1,
    kkt2: fit.secondOrder.kkt2,
    identifiable: fit.identifiable,
    problems: fit.problems.map((problem) => ({ code: problem.code, params: { ...problem.params } })),
  };
}

function indicesWhere(n: number, keep: (i: number) => boolean): Uint32Array {
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (keep(i)) out[k++] = i;
  return out.slice(0, k);
}

function pick(column: Float64Array, indices: Uint32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = column[indices[k]!]!;
  return out;
}

function scatter(target: Float64Array, indices: Uint32Array, values: ArrayLike<number>): void {
  for (let k = 0; k < indices.length; k++) target[indices[k]!] = values[k]!;
}

/**
 * The share of revenue each customer keeps as margin, to turn predicted revenue into predicted
 * value: the customer's own margin rate where the data has margins, else the company's, else 1
 * (data without costs, such as CDNOW: CLV is then in revenue).
 */
function marginRates(summary: CustomerSummary): Float64Array {
  let revenue = 0;
  let margin = 0;
  for (let i = 0; i < summary.count; i++) {
    revenue += summary.revenue[i]!;
    margin += summary.margin[i]!;
  }
  const company = margin !== 0 && revenue > 0 ? clamp01(margin / revenue) : 1;
  const rates = new Float64Array(summary.count);
  for (let i = 0; i < summary.count; i++) {
    const own =
      summary.revenue[i]! > 0 && summary.margin[i]! !== 0
        ? summary.margin[i]! / summary.revenue[i]!
        : company;
    rates[i] = clamp01(own);
  }
  return rates;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/**
 * Margin to date minus the cost of serving the customer: interactions of the last 12 months at a
 * unit cost, and a year's cost of capital on open receivables. Defaults: 0 and 6 % a year.
 */
function profitabilityOf(summary: CustomerSummary, options: AnalyzeOptions): Float64Array {
  const perInteraction = options.costPerInteraction ?? 0;
  const receivablesRate = options.receivablesCostRate ?? 0.06;
  const out = new Float64Array(summary.count);
  for (let i = 0; i < summary.count; i++) {
    out[i] =
      summary.margin[i]! -
      perInteraction * summary.interactions12m[i]! -
      receivablesRate * summary.openReceivables[i]!;
  }
  return out;
}

function classify(
  summary: CustomerSummary,
  predicted: Pick<CustomerScores, "pAlive" | "expectedPurchases" | "expectedSpend" | "clv" | "profitability">,
): { scores: CustomerScores; concentration: Concentration; churnFactors: readonly ChurnFactorSummary[] } {
  const n = summary.count;
  const unit = DAYS_PER_UNIT[summary.timeUnit];
  const meanInterPurchaseDays = new Float64Array(n);
  const orderValueRecent = new Float64Array(n);
  const orderValuePrior = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = summary.x[i]!;
    meanInterPurchaseDays[i] = x > 0 ? (summary.tx[i]! * unit) / x : Number.NaN;
    orderValueRecent[i] =
      summary.orders12m[i]! > 0 ? summary.revenue12m[i]! / summary.orders12m[i]! : Number.NaN;
    orderValuePrior[i] =
      summary.ordersPrev12m[i]! > 0 ? summary.revenuePrev12m[i]! / summary.ordersPrev12m[i]! : Number.NaN;
  }
  const hasClv = predicted.clv.some((v) => !Number.isNaN(v));
  const pAlive = hasClv || predicted.pAlive.some((v) => !Number.isNaN(v)) ? predicted.pAlive : undefined;

  const rfmInput = { recencyDays: summary.recencyDays, frequency: summary.orders, monetary: summary.revenue };
  const rfm = rfmScores(rfmInput);
  const abc = abcAnalysis({ revenue: summary.revenue, ids: summary.customerId });
  const credit = creditGrades({
    invoiceCount: summary.invoices,
    onTimeShare: summary.onTimeShare,
    maxDaysPastDue: summary.maxDaysPastDue,
    overdueAmount: summary.overdueAmount,
    creditLimit: summary.creditLimit,
  });
  const behaviour = behaviourStatus({
    frequency: summary.orders,
    recencyDays: summary.recencyDays,
    meanInterPurchaseDays,
    pAlive,
  });
  const risk = churnRisk({
    frequency: summary.orders,
    recencyDays: summary.recencyDays,
    meanInterPurchaseDays,
    pAlive,
  });
  const warning = warningLevels(risk);
  const reasons = churnReasons(
    {
      complaints: summary.complaints12m,
      latestNps: summary.lastNps,
      latestSatisfaction: summary.lastSatisfaction,
      maxDaysPastDue: summary.maxDaysPastDue,
      orderValueRecent,
      orderValuePrior,
      categoriesLost: summary.lostCategories,
    },
    atRiskFlags(warning, behaviour),
  );
  const scores: CustomerScores = {
    summary,
    ...predicted,
    r: rfm.r,
    f: rfm.f,
    m: rfm.m,
    rfmSegment: rfmSegments(rfm),
    rfmClass: rfm8Classes(rfmInput),
    abcClass: abc.classes,
    // Without a fitted model, value tiers rank revenue to date (an error before: the basis was left at CLV).
    valueTier: hasClv
      ? valueTiers({ predictedClv: predicted.clv })
      : valueTiers({ historicalValue: summary.revenue }, { basis: "historicalValue" }),
    behaviour,
    lifecycle: lifecycleStages({
      frequency: summary.orders,
      recencyDays: summary.recencyDays,
      tenureDays: summary.tenureDays,
      revenueLast12m: summary.revenue12m,
      revenuePrev12m: summary.revenuePrev12m,
      pAlive,
    }),
    creditGrade: credit.grades,
    creditScore: credit.scores,
    churnRisk: risk,
    churnWarning: warning,
    churnReasons: reasons.reasons,
    npsCategory: npsCategories(summary.lastNps, summary.lastSatisfaction),
    loyalty: loyaltyIndex({
      frequency: summary.orders,
      tenureDays: summary.tenureDays,
      latestNps: summary.lastNps,
      pAlive,
    }),
  };
  return { scores, concentration: abc.concentration, churnFactors: reasons.factors };
}

/** CSI of customers' latest survey scores (each already the mean over that survey's items). */
function customerSatisfaction(scores: ArrayLike<number>) {
  return csi({ item: new Float64Array(scores.length), score: scores }, { itemCount: 1 });
}

function satisfactionCounts(scores: CustomerScores): AnalysisReport["structure"]["satisfaction"] {
  const { lastSatisfaction } = scores.summary;
  let answers = 0;
  let low = 0;
  let csatOnly = 0;
  for (let i = 0; i < lastSatisfaction.length; i++) {
    const score = lastSatisfaction[i]!;
    if (score >= 1 && score <= 5) answers++;
    if (isLowSatisfaction(score)) low++;
    if (scores.npsCategory[i] === "csat_only") csatOnly++;
  }
  return { answers, low, csatOnly };
}

function satisfactionByGroup(
  codes: readonly string[],
  summary: CustomerSummary,
): AnalysisReport["structure"]["satisfactionByValueTier"] {
  const nps = npsByGroup(summary.lastNps, codes);
  return [...new Set(codes)].sort().map((code) => {
    const members = codes.flatMap((c, i) => (c === code ? [i] : []));
    const satisfaction = customerSatisfaction(members.map((i) => summary.lastSatisfaction[i]!));
    return {
      code,
      nps: nps.get(code)?.nps ?? Number.NaN,
      npsAnswers: nps.get(code)?.responses ?? 0,
      csi: satisfaction.overall,
      csiAnswers: satisfaction.items[0]?.responses ?? 0,
    };
  });
}

/** Churn per month over the last two years of the data (the rule is the core's churnRates). */
function monthlyChurnOf(summary: CustomerSummary): AnalysisReport["structure"]["churnRates"] {
  const period = (day: number) => (Number.isNaN(day) ? Number.NaN : monthOfDay(day));
  return monthlyChurn(
    summary.firstPurchaseDay.map(period),
    summary.lastPurchaseDay.map(period),
    monthOf(summary.asOf),
  );
}

function cohortsOf(table: CohortTable): AnalysisReport["structure"]["cohorts"] {
  return { months: table.cohorts.map(monthLabel), sizes: table.sizes, retention: table.retention };
}

function groupShares(codes: readonly string[], scores: CustomerScores): GroupShare[] {
  const groups = new Map<string, { customers: number; revenue: number; clv: number }>();
  let revenue = 0;
  let clv = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    let group = groups.get(code);
    if (!group) {
      group = { customers: 0, revenue: 0, clv: 0 };
      groups.set(code, group);
    }
    const value = Number.isNaN(scores.clv[i]!) ? 0 : scores.clv[i]!;
    group.customers++;
    group.revenue += scores.summary.revenue[i]!;
    group.clv += value;
    revenue += scores.summary.revenue[i]!;
    clv += value;
  }
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  return [...groups]
    .map(([code, group]) => ({
      code,
      customers: group.customers,
      customerShare: share(group.customers, codes.length),
      revenue: group.revenue,
      revenueShare: share(group.revenue, revenue),
      clv: group.clv,
      clvShare: share(group.clv, clv),
    }))
    .sort((a, b) => b.revenue - a.revenue || a.code.localeCompare(b.code));
}

function describeStructure(
  scores: CustomerScores,
  concentration: Concentration,
  churnFactors: readonly ChurnFactorSummary[],
): Omit<AnalysisReport["structure"], "churnRates" | "cohorts"> {
  const { summary } = scores;
  const nps = npsSummary(summary.lastNps);
  let revenue = 0;
  let returns = 0;
  let margin = 0;
  let predictedClv = 0;
  for (let i = 0; i < summary.count; i++) {
    revenue += summary.revenue[i]!;
    returns += summary.returns[i]!;
    margin += summary.margin[i]!;
    if (!Number.isNaN(scores.clv[i]!)) predictedClv += scores.clv[i]!;
  }
  return {
    revenue,
    returns,
    margin,
    predictedClv,
    gini: concentration.gini,
    top20Share: concentration.topShare,
    hhi: concentration.hhi,
    abc: groupShares(scores.abcClass, scores),
    valueTier: groupShares(scores.valueTier, scores),
    rfmSegment: groupShares(scores.rfmSegment, scores),
    rfmClass: groupShares(scores.rfmClass, scores),
    lifecycle: groupShares(scores.lifecycle, scores),
    behaviour: groupShares(scores.behaviour, scores),
    credit: groupShares(scores.creditGrade, scores),
    churnWarning: groupShares(scores.churnWarning, scores),
    nps: {
      score: nps.nps,
      promoters: nps.promoters,
      passives: nps.passives,
      detractors: nps.detractors,
      answers: nps.responses,
    },
    csi: customerSatisfaction(summary.lastSatisfaction).overall,
    satisfaction: satisfactionCounts(scores),
    satisfactionByValueTier: satisfactionByGroup(scores.valueTier, summary),
    lorenz: concentration.lorenz,
    churnReasons: churnFactors.map((factor) => ({
      reason: factor.reason,
      atRiskShare: factor.atRiskShare,
      othersShare: factor.retainedShare,
      lift: factor.lift,
    })),
  };
}
