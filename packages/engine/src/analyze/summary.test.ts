import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoCsv } from "../demo/index.ts";
import { importDirectory } from "../import/directory.ts";
import { importFile } from "../import/pipeline.ts";
import { CDNOW_SAMPLE, writeCdnowCsv } from "../testing/cdnow.ts";
import { type CustomerSummary, customerSummary, lastOrderDate } from "./summary.ts";

let work: string;
let cdnowCsv: string;
let demoDir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-summary-"));
  cdnowCsv = await writeCdnowCsv(CDNOW_SAMPLE, join(work, "cdnow.csv"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: 300, seed: 11, asOf: "2026-06-30", outDir: demoDir });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function row(summary: CustomerSummary, code: string) {
  const i = summary.code.indexOf(code);
  expect(i).toBeGreaterThanOrEqual(0);
  return {
    x: summary.x[i],
    tx: summary.tx[i],
    T: summary.T[i],
    monetary: summary.monetary[i],
    revenue: summary.revenue[i],
  };
}

async function demoSummary(engine: (typeof ENGINES)[number]): Promise<CustomerSummary> {
  const handle = await openTestDb(engine);
  try {
    await importDirectory(handle, demoDir);
    return await customerSummary(handle, { asOf: "2026-06-30", timeUnit: "day" });
  } finally {
    await handle.close();
  }
}

for (const engine of ENGINES) {
  describe(`customer summary on ${engine}`, () => {
    it("follows the literature's conventions on CDNOW (same-day purchases merged, weeks, repeat-day mean)", async () => {
      const handle: DbHandle = await openTestDb(engine);
      try {
        await importFile(handle, { entity: "orders", file: cdnowCsv, createCustomers: true });
        expect(await lastOrderDate(handle)).toBe("1998-06-30");
        const summary = await customerSummary(handle, { asOf: "1997-09-30", timeUnit: "week" });
        expect(summary.count).toBe(2357);
        const c4 = row(summary, "00004");
        expect(c4.x).toBe(2);
        expect(c4.tx).toBeCloseTo(30.43, 2);
        expect(c4.T).toBeCloseTo(38.86, 2);
        // 00004 bought 29.33 (first), 29.73 and 14.96 by 1997-09-30: the mean of the repeat days.
        expect(c4.monetary).toBeCloseTo((29.73 + 14.96) / 2, 6);
        expect(c4.revenue).toBeCloseTo(29.33 + 29.73 + 14.96, 6);
        let repeaters = 0;
        for (let i = 0; i < summary.count; i++) if (summary.x[i]! > 0) repeaters++;
        expect(repeaters).toBe(946);
      } finally {
        await handle.close();
      }
    });

    it("summarises the demo company", async () => {
      const summary = await demoSummary(engine);
      expect(summary.count).toBe(300);
      expect(summary.invoices.some((n) => n > 0)).toBe(true);
      expect(summary.lastNps.some((v) => !Number.isNaN(v))).toBe(true);
      for (let i = 0; i < summary.count; i++) {
        if (Number.isNaN(summary.x[i]!)) continue;
        expect(summary.tx[i]).toBeLessThanOrEqual(summary.T[i]!);
        expect(summary.revenue12m[i]).toBeLessThanOrEqual(summary.revenue[i]! + 1e-6);
      }
    });
  });
}

describe("customer summary across engines", () => {
  it("is the same on DuckDB and PostgreSQL", async () => {
    const duck = await demoSummary("duckdb");
    const pg = await demoSummary("postgres");
    for (const [key, value] of Object.entries(duck)) {
      const other = (pg as unknown as Record<string, unknown>)[key];
      if (value instanceof Float64Array) {
        const b = other as Float64Array;
        for (let i = 0; i < value.length; i++) {
          if (Number.isNaN(value[i]!)) expect(b[i], `${key}[${i}]`).toBeNaN();
          else expect(b[i], `${key}[${i}]`).toBeCloseTo(value[i]!, 6);
        }
      } else expect(other, key).toEqual(value);
    }
  });
});
