/**
 * The backtest on real data, on each engine: CDNOW_sample fitted to 1997-09-30 and checked on the
 * 39 weeks to 1998-06-30, the validation of Fader, Hardie & Lee (2005); and an analysis run as of
 * 1997-09-30 checked against the orders after it. The holdout actuals are recounted here from the
 * raw file, independently of the SQL.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bgNbd } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.ts";
import { importFile } from "../import/pipeline.ts";
import { CDNOW_SAMPLE } from "../testing/cdnow.ts";
import { type BacktestCustomers, BacktestError, type BacktestReport, backtest } from "./backtest.ts";
import { holdoutPurchases } from "./holdout.ts";
import { checkAnalysisRun } from "./run-check.ts";

const CALIBRATION_END = "1997-09-30";
const HOLDOUT_END = "1998-06-30";

/** Per customer, from the raw log: purchase days (same-day purchases are one) before and in the holdout. */
interface RawCounts {
  calibrationDays: number;
  holdoutDays: number;
  /** Weeks from the first purchase to the last calibration purchase (t_x) and to the calibration end (T). */
  tx: number;
  T: number;
}

const weeksBetween = (from: string, to: string) =>
  (Date.parse(to.replace(/(\d{4})(\d{2})(\d{2})/, "$1-$2-$3")) -
    Date.parse(from.replace(/(\d{4})(\d{2})(\d{2})/, "$1-$2-$3"))) /
  (7 * 86_400_000);

let work: string;
let cdnowCsv: string;
const raw = new Map<string, RawCounts>();
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-backtest-"));
  const lines = ["customer_code,order_date,amount"];
  const days = new Map<string, Set<string>>();
  for (const line of (await readFile(CDNOW_SAMPLE, "utf8")).split("\n")) {
    const [code, , date, , value] = line.trim().split(/\s+/);
    if (!code || !date || !value) continue;
    lines.push(`${code},${date},${value}`);
    let set = days.get(code);
    if (!set) {
      set = new Set();
      days.set(code, set);
    }
    set.add(date);
  }
  for (const [code, set] of days) {
    const dates = [...set].sort();
    const calibration = dates.filter((date) => date <= "19970930");
    raw.set(code, {
      calibrationDays: calibration.length,
      holdoutDays: dates.filter((date) => date > "19970930" && date <= "19980630").length,
      tx: weeksBetween(calibration[0]!, calibration.at(-1)!),
      T: weeksBetween(calibration[0]!, "19970930"),
    });
  }
  cdnowCsv = join(work, "cdnow.csv");
  await writeFile(cdnowCsv, `${lines.join("\n")}\n`);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** `value` to three significant digits, as the papers publish it. */
function expectSignificant(value: number | undefined, published: number): void {
  expect(value).toBeDefined();
  expect(Number(value!.toPrecision(3))).toBe(Number(published.toPrecision(3)));
}

function rawTotal(pick: (counts: RawCounts) => number): number {
  let total = 0;
  for (const counts of raw.values()) total += pick(counts);
  return total;
}

for (const engine of ENGINES) {
  describe(`backtest on ${engine}`, () => {
    let handle: DbHandle;
    let report: BacktestReport;
    let customers: BacktestCustomers;
    const at = (code: string) => {
      const i = customers.code.indexOf(code);
      expect(i, code).toBeGreaterThanOrEqual(0);
      return { x: customers.x[i], actual: customers.actual[i], predicted: customers.predicted[i] };
    };
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importFile(handle, { entity: "orders", file: cdnowCsv, createCustomers: true });
      report = await backtest(handle, {
        calibrationEnd: CALIBRATION_END,
        holdoutEnd: HOLDOUT_END,
        timeUnit: "week",
        perCustomer: true,
      });
      customers = report.customers!;
    });
    afterAll(async () => {
      await handle.close();
    });

    it("fits the published BG/NBD on the calibration period", () => {
      expect(report.holdoutLength).toBe(39);
      expect(report.cohort).toEqual({
        customers: 2357,
        repeatBuyers: 946,
        calibrationRepeatPurchases: rawTotal((c) => c.calibrationDays - 1),
      });
      const bg = report.models.bgnbd!;
      expectSignificant(bg.params.r, 0.243);
      expectSignificant(bg.params.alpha, 4.414);
      expectSignificant(bg.params.a, 0.793);
      expectSignificant(bg.params.b, 2.426);
      expect(bg.logLikelihood).toBeCloseTo(-9582.4, 1);
      expect(report.warnings).toEqual([]);
    });

    it("counts every customer's holdout purchase days as the raw log has them", async () => {
      // By hand from the file: 00004 bought on 1997-12-12; 03656 twice on 1998-05-15 (one purchase);
      // 05749 twice on 1997-12-05; 00021 nothing after January 1997.
      expect(at("00004")).toMatchObject({ x: 2, actual: 1 });
      expect(at("03656").actual).toBe(3);
      expect(at("05749").actual).toBe(6);
      expect(at("00021").actual).toBe(0);
      expect(customers.code).toHaveLength(raw.size);
      for (let i = 0; i < customers.code.length; i++) {
        const counts = raw.get(customers.code[i]!)!;
        expect(customers.actual[i], customers.code[i]).toBe(counts.holdoutDays);
        expect(customers.x[i], customers.code[i]).toBe(counts.calibrationDays - 1);
      }
      const total = rawTotal((c) => c.holdoutDays);
      expect(total).toBe(1882);
      expect(report.totals.actual).toBe(total);

      // The SQL lists only the customers who bought in the holdout, each once.
      const held = await holdoutPurchases(handle.db, {
        calibrationEnd: CALIBRATION_END,
        holdoutEnd: HOLDOUT_END,
      });
      expect(held.customerId).toHaveLength([...raw.values()].filter((c) => c.holdoutDays > 0).length);
      expect(held.purchases.every((n) => n > 0)).toBe(true);
      expect(new Set(held.customerId).size).toBe(held.customerId.length);
    });

    it("predicts each customer with the conditional expectation over the 39 holdout weeks", () => {
      // FHL 2005: 00004 (x = 2, t_x = 30.43, T = 38.86) is expected to make 1.226 purchases in 39 weeks.
      expect(at("00004").predicted).toBeCloseTo(1.226, 3);
      // Recomputed customer by customer from the raw file with the fitted parameters, without SQL or
      // the compressed batch path.
      const params = report.models.bgnbd!.params;
      let total = 0;
      let absolute = 0;
      let squared = 0;
      for (const [code, counts] of raw) {
        const x = counts.calibrationDays - 1;
        const predicted = bgNbd.expectedPurchases(params, 39, x, counts.tx, counts.T);
        expect(at(code).predicted, code).toBeCloseTo(predicted, 9);
        total += predicted;
        absolute += Math.abs(predicted - counts.holdoutDays);
        squared += (predicted - counts.holdoutDays) ** 2;
      }
      expect(report.totals.predicted).toBeCloseTo(total, 6);
      expect(report.errors.mae).toBeCloseTo(absolute / 2357, 9);
      expect(report.errors.rmse).toBeCloseTo(Math.sqrt(squared / 2357), 9);
      // Measured: 1,653.4 predicted for 1,882 actual (0.879): the BG/NBD under-forecasts the
      // holdout a little, as in FHL 2005 Figure 1.
      expect(report.totals.ratio).toBeGreaterThan(0.85);
      expect(report.totals.ratio).toBeLessThan(1.15);
      expect(report.totals.ratio).toBeCloseTo(report.totals.predicted / report.totals.actual, 12);
      expect(Number.isFinite(report.errors.mae)).toBe(true);
      expect(report.errors.rmse).toBeGreaterThanOrEqual(report.errors.mae);
      expect(report.correlation).toBeGreaterThan(0.5);
      expect(report.correlation).toBeLessThanOrEqual(1);
    });

    it("tabulates holdout purchases by calibration frequency (FHL 2005 Figure 2)", () => {
      const table = report.byFrequency;
      expect(table.map((row) => row.x)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
      expect(table.reduce((sum, row) => sum + row.customers, 0)).toBe(2357);
      const noRepeat = [...raw.values()].filter((c) => c.calibrationDays === 1);
      expect(table[0]!.customers).toBe(noRepeat.length);
      expect(table[0]!.meanActual).toBeCloseTo(
        noRepeat.reduce((sum, c) => sum + c.holdoutDays, 0) / noRepeat.length,
        12,
      );
      const actual = table.reduce((sum, row) => sum + row.customers * row.meanActual, 0);
      const predicted = table.reduce((sum, row) => sum + row.customers * row.meanPredicted, 0);
      expect(actual).toBeCloseTo(1882, 6);
      expect(predicted).toBeCloseTo(report.totals.predicted, 6);
      // Buying more in the calibration period means buying more in the holdout, actually and predicted.
      for (let k = 1; k < table.length; k++) {
        expect(table[k]!.meanPredicted).toBeGreaterThan(table[k - 1]!.meanPredicted);
      }
      expect(table[7]!.meanActual).toBeGreaterThan(table[0]!.meanActual * 10);
    });

    it("tracks the cohort's cumulative repeat purchases week by week (FHL 2005 Figure 1)", () => {
      const points = report.tracking;
      // Weeks end on 1997-01-07 … 1998-06-30: 78 weeks as in the paper, the 39th on the calibration end.
      expect(points).toHaveLength(78);
      expect(points[0]).toMatchObject({ period: -38, date: "1997-01-07", holdout: false });
      const end = points.find((point) => point.period === 0)!;
      expect(end).toMatchObject({ date: CALIBRATION_END, holdout: false, actual: 2457 });
      expect(points.at(-1)).toMatchObject({
        period: 39,
        date: HOLDOUT_END,
        holdout: true,
        actual: 2457 + 1882,
      });
      expect(points.filter((point) => point.holdout)).toHaveLength(39);
      for (let k = 1; k < points.length; k++) {
        expect(points[k]!.actual).toBeGreaterThanOrEqual(points[k - 1]!.actual);
        expect(points[k]!.expected).toBeGreaterThan(points[k - 1]!.expected);
      }
      // The unconditional curve uses only first-purchase dates, yet ends within 2 % at the calibration
      // end and 5 % at week 78 (measured: 2,494 for 2,457 and 4,161 for 4,339).
      expect(Math.abs(end.expected / end.actual - 1)).toBeLessThan(0.02);
      expect(Math.abs(points.at(-1)!.expected / points.at(-1)!.actual - 1)).toBeLessThan(0.05);
    });

    it("gives the same predictions in days, with one tracking point per day", async () => {
      const daily = await backtest(handle, {
        calibrationEnd: CALIBRATION_END,
        holdoutEnd: HOLDOUT_END,
        timeUnit: "day",
      });
      expect(daily.holdoutLength).toBe(273);
      expect(daily.totals.actual).toBe(1882);
      // The BG/NBD is invariant to the time unit (α scales by 7), so the forecasts agree.
      expect(daily.models.bgnbd!.params.alpha / report.models.bgnbd!.params.alpha).toBeCloseTo(7, 3);
      expect(daily.totals.predicted).toBeCloseTo(report.totals.predicted, 1);
      expect(daily.tracking.filter((point) => point.holdout)).toHaveLength(273);
      expect(daily.tracking.at(-1)!.actual).toBe(2457 + 1882);
      expect(daily.customers).toBeUndefined();
    });

    it("runs the Pareto/NBD with its published parameters, and warns when the holdout outruns the data", async () => {
      const pareto = await backtest(handle, {
        calibrationEnd: CALIBRATION_END,
        holdoutEnd: "1998-12-31",
        model: "pareto-nbd",
      });
      const params = pareto.models.paretoNbd!.params;
      expectSignificant(params.r, 0.553);
      expectSignificant(params.alpha, 10.578);
      expectSignificant(params.s, 0.606);
      expectSignificant(params.beta, 11.669);
      expect(pareto.models.bgnbd).toBeUndefined();
      expect(pareto.totals.actual).toBe(1882);
      expect(pareto.totals.predicted).toBeGreaterThan(report.totals.predicted);
      expect(pareto.warnings).toHaveLength(1);
      expect(pareto.warnings[0]).toMatchObject({
        code: "backtest.holdoutBeyondData",
        params: { lastOrder: "1998-06-30", holdoutEnd: "1998-12-31" },
      });
    });

    it("checks an analysis run as of the calibration end with its stored fit against the orders after it", async () => {
      const run = await analyze(handle, { asOf: CALIBRATION_END, timeUnit: "week" });
      const check = await checkAnalysisRun(handle, run.runId);
      expect(check).toMatchObject({
        runId: run.runId,
        calibrationEnd: CALIBRATION_END,
        timeUnit: "week",
        predictor: "bgnbd",
        lastOrder: HOLDOUT_END,
      });
      const holdout = check!.holdout!;
      // The last order is the holdout's end: the paper's 39 weeks.
      expect(holdout).toMatchObject({ holdoutEnd: HOLDOUT_END, holdoutLength: 39, warnings: [] });
      expect(holdout.cohort).toEqual(report.cohort);
      expect(holdout.totals.actual).toBe(1882);
      // Each customer's conditional expectation with the parameters the run stored, recomputed from
      // the raw file: the check predicts with the run's fit and the histories it scored.
      const params = run.models.bgnbd!.params;
      let predicted = 0;
      for (const counts of raw.values())
        predicted += bgNbd.expectedPurchases(params, 39, counts.calibrationDays - 1, counts.tx, counts.T);
      expect(holdout.totals.predicted).toBeCloseTo(predicted, 6);
      // The run's fit is the backtest's (the same data to the same end): the same table and curve.
      expect(holdout.byFrequency.map((row) => row.customers)).toEqual(
        report.byFrequency.map((row) => row.customers),
      );
      holdout.byFrequency.forEach((row, k) => {
        expect(row.meanActual, row.x).toBe(report.byFrequency[k]!.meanActual);
        expect(row.meanPredicted, row.x).toBeCloseTo(report.byFrequency[k]!.meanPredicted, 3);
      });
      expect(holdout.tracking.map((point) => [point.period, point.date, point.actual])).toEqual(
        report.tracking.map((point) => [point.period, point.date, point.actual]),
      );
      holdout.tracking.forEach((point, k) => {
        expect(point.expected, point.date).toBeCloseTo(report.tracking[k]!.expected, 0);
      });

      // A run as of the last order has nothing after it to be checked against.
      const latest = await analyze(handle, { timeUnit: "week" });
      expect(await checkAnalysisRun(handle, latest.runId)).toMatchObject({
        calibrationEnd: HOLDOUT_END,
        lastOrder: HOLDOUT_END,
        holdout: null,
      });
      expect(await checkAnalysisRun(handle, latest.runId + 1)).toBeUndefined();
    });

    it("refuses dates it cannot backtest, saying why", async () => {
      const attempt = (calibrationEnd: string, holdoutEnd: string) =>
        backtest(handle, { calibrationEnd, holdoutEnd }).then(
          () => undefined,
          (error: unknown) => error,
        );
      const same = await attempt(CALIBRATION_END, CALIBRATION_END);
      expect(same).toBeInstanceOf(BacktestError);
      expect(same).toMatchObject({ name: "BacktestError", code: "BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION" });
      expect((same as Error).message).toContain(CALIBRATION_END);
      expect(await attempt("1998-01-01", "1997-12-31")).toMatchObject({
        code: "BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION",
      });
      expect(await attempt("1996-12-31", HOLDOUT_END)).toMatchObject({
        code: "BACKTEST_NO_CALIBRATION_PURCHASES",
      });
      // On the first day nobody has bought twice yet, so the dropout process cannot be fitted.
      expect(await attempt("1997-01-01", HOLDOUT_END)).toMatchObject({
        code: "BACKTEST_TOO_FEW_REPEAT_BUYERS",
        params: { count: 0 },
      });
      expect(await attempt("1997-02-30", HOLDOUT_END)).toMatchObject({
        code: "BACKTEST_INVALID_DATE",
        params: { name: "calibrationEnd" },
      });
    });
  });
}
