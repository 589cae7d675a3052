/**
 * A synthetic customer base with every grading field, for the tests of the ready-made schemes
 * and for the benchmark. The derived fields come from custra's own rules (credit grades, loyalty,
 * lifecycle, churn risk), so they hang together as they do in a real run: a customer who stopped
 * buying has a low P(alive), a lower CLV and a churn warning.
 */

import { createRandom } from "../models/simulate.ts";
import { churnRisk, warningLevels } from "../segments/churn.ts";
import { creditGrades } from "../segments/credit.ts";
import { loyaltyIndex } from "../segments/satisfaction.ts";
import { lifecycleStages } from "../segments/tiers.ts";

export function syntheticCustomers(n: number, seed = 1) {
  // Seeded: a seed gives the same customers on every machine.
  const random = createRandom(seed);
  const column = () => new Float64Array(n);
  const ids = new Float64Array(n);
  const orders = column();
  const revenue = column();
  const revenue12m = column();
  const revenuePrev12m = column();
  const margin = column();
  const recency = column();
  const tenure = column();
  const ipt = column();
  const pAlive = column();
  const clv = column();
  const nps = column();
  const invoices = column();
  const onTime = column();
  const dpd = column();
  const overdue = column();
  const limit = column();
  const complaints = column();
  const customerType = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    ids[i] = 1000 + i;
    const enterprise = random() < 0.3;
    customerType[i] = enterprise ? "enterprise" : "individual";
    const buyer = random() < 0.9;
    const f = buyer ? 1 + Math.floor(-Math.log(1 - random()) * (enterprise ? 6 : 3)) : 0;
    const spend = (enterprise ? 2000 : 200) * Math.exp(random() * 2);
    orders[i] = f;
    revenue[i] = Math.round(f * spend * 100) / 100;
    tenure[i] = buyer ? 30 + Math.floor(random() * 1400) : Number.NaN;
    recency[i] = buyer ? Math.floor(random() * random() * tenure[i]!) : Number.NaN;
    ipt[i] = f > 1 ? (tenure[i]! - recency[i]!) / (f - 1) : Number.NaN;
    pAlive[i] = buyer ? Math.max(0.01, 1 - recency[i]! / (tenure[i]! + 60)) : Number.NaN;
    const recentShare = buyer ? Math.min(1, 365 / tenure[i]!) * pAlive[i]! : 0;
    revenue12m[i] = revenue[i]! * recentShare;
    revenuePrev12m[i] = revenue[i]! * Math.min(1 - recentShare, recentShare * (0.5 + random()));
    margin[i] = revenue[i]! * (0.1 + 0.3 * random());
    clv[i] = buyer ? revenue12m[i]! * pAlive[i]! * (1 + 2 * random()) : 0;
    nps[i] = random() < 0.3 ? Math.floor(random() * 11) : Number.NaN;
    invoices[i] = enterprise ? f : 0;
    const payer = random();
    onTime[i] = enterprise && f > 0 ? Math.min(1, 0.55 + 0.5 * payer) : Number.NaN;
    dpd[i] = enterprise && f > 0 ? Math.floor((1 - payer) ** 2 * 150 * random()) : 0;
    limit[i] = enterprise ? 5000 * Math.ceil(spend / 2000) : Number.NaN;
    overdue[i] = enterprise && dpd[i]! > 0 ? limit[i]! * (1 - payer) * random() : 0;
    complaints[i] = random() < 0.05 ? 1 : 0;
  }
  const credit = creditGrades({
    invoiceCount: invoices,
    onTimeShare: onTime,
    maxDaysPastDue: dpd,
    overdueAmount: overdue,
    creditLimit: limit,
  });
  const loyalty = loyaltyIndex({ frequency: orders, tenureDays: tenure, latestNps: nps, pAlive });
  const risk = churnRisk({ frequency: orders, recencyDays: recency, meanInterPurchaseDays: ipt, pAlive });
  const lifecycle = lifecycleStages({
    frequency: orders,
    recencyDays: recency,
    tenureDays: tenure,
    revenueLast12m: revenue12m,
    revenuePrev12m,
    pAlive,
  });
  return {
    customerIds: ids,
    numeric: {
      clv,
      revenue,
      revenue_12m: revenue12m,
      margin,
      orders,
      recency_days: recency,
      p_alive: pAlive,
      churn_risk: risk,
      credit_score: credit.scores,
      loyalty,
      nps,
      growth_potential: clv.map((value, i) => value - revenue12m[i]!),
      max_days_past_due: dpd,
      overdue_amount: overdue,
      overdue_ratio: credit.overdueRatios,
      on_time_share: onTime,
      open_complaints: complaints,
    },
    categorical: {
      credit_grade: credit.grades,
      lifecycle_stage: lifecycle,
      churn_warning: warningLevels(risk),
      customer_type: customerType,
    },
  };
}
