/**
 * Micro-benchmark: every rule of this folder on synthetic customers (1M by default).
 *
 *   node --import tsx packages/core/src/segments/segments.bench.ts [customers]
 *
 * Prints the time of each rule (best of three runs, after one warm-up) and their sum.
 */

import { createRandom } from "../models/simulate.ts";
import { abcAnalysis } from "./abc.ts";
import { atRiskFlags, churnRates, churnReasons, churnRisk, cohortRetention, warningLevels } from "./churn.ts";
import { creditGrades } from "./credit.ts";
import { rfm8Classes, rfmScores, rfmSegments } from "./rfm.ts";
import { csi, loyaltyIndex, npsByGroup, npsCategories } from "./satisfaction.ts";
import { behaviourStatus, lifecycleStages, valueTiers } from "./tiers.ts";

const n = Number(process.argv[2] ?? 1_000_000);

/** Seeded, so that runs are comparable. */
const random = createRandom(0x9e3779b9);

const frequency = new Float64Array(n);
const recencyDays = new Float64Array(n);
const monetary = new Float64Array(n);
const tenureDays = new Float64Array(n);
const ipt = new Float64Array(n);
const pAlive = new Float64Array(n);
const clv = new Float64Array(n);
const last12 = new Float64Array(n);
const prev12 = new Float64Array(n);
const invoiceCount = new Float64Array(n);
const onTime = new Float64Array(n);
const dpd = new Float64Array(n);
const overdue = new Float64Array(n);
const limit = new Float64Array(n);
const nps = new Float64Array(n);
const complaints = new Float64Array(n);
const firstPeriod = new Float64Array(n);
const lastPeriod = new Float64Array(n);
const region = new Int32Array(n);
for (let i = 0; i < n; i++) {
  const buyer = random() < 0.9;
  const f = buyer ? 1 + Math.floor(-Math.log(1 - random()) * 3) : 0;
  frequency[i] = f;
  tenureDays[i] = buyer ? Math.floor(random() * 1500) : Number.NaN;
  recencyDays[i] = buyer ? Math.floor(random() * (tenureDays[i]! + 1)) : Number.NaN;
  monetary[i] = buyer ? Math.round(f * 50 * Math.exp(random() * 3) * 100) / 100 : 0;
  ipt[i] = f > 1 ? (tenureDays[i]! - recencyDays[i]!) / (f - 1) : Number.NaN;
  pAlive[i] = buyer ? random() : Number.NaN;
  clv[i] = buyer ? monetary[i]! * pAlive[i]! * 1.3 : 0;
  last12[i] = buyer ? monetary[i]! * random() : 0;
  prev12[i] = buyer ? monetary[i]! * random() : 0;
  invoiceCount[i] = buyer ? f : 0;
  onTime[i] = buyer ? 0.5 + random() / 2 : Number.NaN;
  dpd[i] = buyer ? Math.floor(random() * random() * 120) : 0;
  overdue[i] = random() < 0.1 ? random() * 1000 : 0;
  limit[i] = random() < 0.5 ? 5000 : 0;
  nps[i] = random() < 0.3 ? Math.floor(random() * 11) : Number.NaN;
  complaints[i] = random() < 0.05 ? 1 : 0;
  lastPeriod[i] = buyer ? 24_300 - Math.floor(recencyDays[i]! / 30) : Number.NaN;
  firstPeriod[i] = buyer ? 24_300 - Math.floor(tenureDays[i]! / 30) : Number.NaN;
  region[i] = Math.floor(random() * 30);
}
// A month of activity per purchase, spread between the first and last purchase month.
const pairCount = Math.min(3 * n, 5_000_000);
const activityCustomer = new Int32Array(pairCount);
const activityPeriod = new Int32Array(pairCount);
for (let k = 0; k < pairCount; k++) {
  let i = Math.floor(random() * n);
  while (!(frequency[i]! > 0)) i = Math.floor(random() * n);
  activityCustomer[k] = i;
  activityPeriod[k] = firstPeriod[i]! + Math.floor(random() * (lastPeriod[i]! - firstPeriod[i]! + 1));
}
const surveyItems = new Int32Array(n);
const surveyScores = new Float64Array(n);
for (let k = 0; k < n; k++) {
  surveyItems[k] = k % 8;
  surveyScores[k] = 1 + Math.floor(random() * 5);
}

const rfmInput = { recencyDays, frequency, monetary };
const steps: [string, () => unknown][] = [
  ["rfmScores + rfmSegments", () => rfmSegments(rfmScores(rfmInput))],
  ["rfm8Classes (mean)", () => rfm8Classes(rfmInput)],
  ["rfm8Classes (median)", () => rfm8Classes(rfmInput, { center: "median" })],
  ["abcAnalysis + concentration", () => abcAnalysis({ revenue: monetary })],
  ["valueTiers", () => valueTiers({ predictedClv: clv })],
  ["behaviourStatus", () => behaviourStatus({ frequency, recencyDays, meanInterPurchaseDays: ipt, pAlive })],
  [
    "lifecycleStages",
    () =>
      lifecycleStages({
        frequency,
        recencyDays,
        tenureDays,
        revenueLast12m: last12,
        revenuePrev12m: prev12,
        pAlive,
      }),
  ],
  [
    "creditGrades",
    () =>
      creditGrades({
        invoiceCount,
        onTimeShare: onTime,
        maxDaysPastDue: dpd,
        overdueAmount: overdue,
        creditLimit: limit,
      }),
  ],
  ["npsCategories", () => npsCategories(nps)],
  ["npsByGroup (30 regions)", () => npsByGroup(nps, region)],
  ["csi (1M answers)", () => csi({ item: surveyItems, score: surveyScores })],
  ["loyaltyIndex", () => loyaltyIndex({ frequency, tenureDays, latestNps: nps, pAlive })],
  [
    "churnRisk + warningLevels + churnReasons",
    () => {
      const levels = warningLevels(churnRisk({ frequency, recencyDays, meanInterPurchaseDays: ipt, pAlive }));
      return churnReasons({ complaints, latestNps: nps, maxDaysPastDue: dpd }, atRiskFlags(levels));
    },
  ],
  ["churnRates", () => churnRates({ firstPeriod, lastPeriod, asOfPeriod: 24_300 })],
  [
    `cohortRetention (${(pairCount / 1e6).toFixed(1)}M pairs)`,
    () => cohortRetention({ cohort: firstPeriod, activityCustomer, activityPeriod, asOfPeriod: 24_300 }),
  ],
];

// The per-customer codes and scores a classification run writes back; the others are reports.
const PER_CUSTOMER = new Set([
  "rfmScores + rfmSegments",
  "rfm8Classes (mean)",
  "abcAnalysis + concentration",
  "valueTiers",
  "behaviourStatus",
  "lifecycleStages",
  "creditGrades",
  "npsCategories",
  "loyaltyIndex",
  "churnRisk + warningLevels + churnReasons",
]);

console.log(`${n.toLocaleString("en")} customers, Node ${process.version}`);
let total = 0;
let classification = 0;
for (const [name, run] of steps) {
  run();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  total += best;
  if (PER_CUSTOMER.has(name)) classification += best;
  console.log(
    `${(PER_CUSTOMER.has(name) ? "* " : "  ") + name.padEnd(42)} ${best.toFixed(1).padStart(8)} ms`,
  );
}
console.log(
  `${"per-customer classification (marked *)".padEnd(44)} ${classification.toFixed(1).padStart(8)} ms`,
);
console.log(`${"total".padEnd(44)} ${total.toFixed(1).padStart(8)} ms`);
