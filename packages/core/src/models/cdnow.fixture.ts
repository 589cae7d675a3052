/**
 * The CDNOW sample (Fader, Hardie & Lee 2005) as model input, for the tests that assert the
 * published values. Test-only: the models themselves never read files.
 *
 * Conventions that reproduce the papers: purchases on one calendar day are one purchase (values
 * summed); the calibration period ends on 1997-09-30; t_x and T are whole days / 7, with T counted
 * from the first purchase day to 1997-09-30 (customer 00004: first purchase 1997-01-01, T = 272/7 =
 * 38.86 weeks); the spend of a customer is the mean value of the repeat purchase days.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CDNOW_SAMPLE = fileURLToPath(
  new URL("../../../../../shared/data/cdnow/CDNOW_sample.txt", import.meta.url),
);

export interface CdnowSummary {
  readonly ids: string[];
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean value of the repeat purchase days (NaN without repeat purchases). */
  readonly spend: Float64Array;
}

const DAY_MS = 86_400_000;

function dayNumber(yyyymmdd: string): number {
  return (
    Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) /
    DAY_MS
  );
}

export function loadCdnowSample(calibrationEnd = "19970930"): CdnowSummary {
  const end = dayNumber(calibrationEnd);
  const byCustomer = new Map<string, Map<number, number>>();
  for (const line of readFileSync(CDNOW_SAMPLE, "utf8").split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const [id, , date, , value] = fields as [string, string, string, string, string];
    const day = dayNumber(date);
    if (day > end) continue;
    let days = byCustomer.get(id);
    if (!days) {
      days = new Map();
      byCustomer.set(id, days);
    }
    days.set(day, (days.get(day) ?? 0) + Number(value));
  }
  const ids = [...byCustomer.keys()].sort();
  const x = new Float64Array(ids.length);
  const tx = new Float64Array(ids.length);
  const T = new Float64Array(ids.length);
  const spend = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    const days = [...byCustomer.get(id)!.entries()].sort((p, q) => p[0] - q[0]);
    const first = days[0]![0];
    const last = days[days.length - 1]![0];
    x[i] = days.length - 1;
    tx[i] = (last - first) / 7;
    T[i] = (end - first) / 7;
    const repeat = days.slice(1);
    spend[i] = repeat.length > 0 ? repeat.reduce((sum, [, v]) => sum + v, 0) / repeat.length : Number.NaN;
  });
  return { ids, x, tx, T, spend };
}
