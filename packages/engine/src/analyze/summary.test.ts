import { mkdtemp, rm, writeFile } from "node:fs/promises";
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

    it("nets returns and cancellations against revenue, never as purchases (the returns rule)", async () => {
      const handle = await openTestDb(engine);
      try {
        const file = join(work, `returns-${engine}.csv`);
        // R1 buys 100, 60 and 40 on three days and returns 40 by a credit note: net 160 of sales 200.
        // R2 buys 50, then an order of 80 is returned and one of 30 cancelled (by status): net 50.
        // R3 only has a credit note of 25 (for a purchase before the data): no purchase, revenue 0.
        // R4 buys 10 and has a credit note of 90 on the same day: revenue and monetary floored at 0.
        await writeFile(
          file,
          [
            "order_id,customer_code,order_date,amount,status",
            "a1,R1,2026-01-05,100,completed",
            "a2,R1,2026-02-05,60,",
            "a3,R1,2026-03-05,40,completed",
            "a4,R1,2026-03-20,-40,completed",
            "b1,R2,2026-01-10,50,completed",
            "b2,R2,2026-02-10,80,returned",
            "b3,R2,2026-03-10,30,cancelled",
            "c1,R3,2026-02-01,-25,",
            "d1,R4,2026-01-15,10,completed",
            "d2,R4,2026-02-15,20,completed",
            "d3,R4,2026-02-15,-90,completed",
            "",
          ].join("\n"),
        );
        await importFile(handle, { entity: "orders", file, createCustomers: true });
        expect(await lastOrderDate(handle)).toBe("2026-03-20");
        const summary = await customerSummary(handle, { asOf: "2026-03-31", timeUnit: "day" });
        const at = (code: string) => summary.code.indexOf(code);
        const r1 = at("R1");
        expect([summary.orders[r1], summary.x[r1], summary.lastPurchaseDay[r1]]).toEqual([
          3,
          2,
          Date.UTC(2026, 2, 5) / 86_400_000,
        ]);
        expect(summary.returns[r1]).toBeCloseTo(40, 6);
        expect(summary.revenue[r1]).toBeCloseTo(160, 6);
        // Repeat days 60 and 40, kept 160 / 200 of sales: (60 + 40) / 2 × 0.8.
        expect(summary.monetary[r1]).toBeCloseTo(40, 6);
        const r2 = at("R2");
        expect([summary.orders[r2], summary.x[r2]]).toEqual([1, 0]);
        expect(summary.returns[r2]).toBeCloseTo(110, 6);
        expect(summary.revenue[r2]).toBeCloseTo(50, 6);
        expect(summary.recencyDays[r2]).toBe(80); // the last purchase is the 50 on 2026-01-10
        const r3 = at("R3");
        expect([summary.orders[r3], summary.x[r3], summary.revenue[r3]]).toEqual([0, Number.NaN, 0]);
        expect(summary.returns[r3]).toBeCloseTo(25, 6);
        const r4 = at("R4");
        expect([summary.orders[r4], summary.x[r4], summary.revenue[r4], summary.monetary[r4]]).toEqual([
          2, 1, 0, 0,
        ]);
        for (let i = 0; i < summary.count; i++) {
          expect(summary.monetary[i]).toBeGreaterThanOrEqual(0);
          expect(summary.revenue[i]).toBeGreaterThanOrEqual(0);
          expect(summary.revenue12m[i]).toBeCloseTo(summary.revenue[i]!, 6);
        }
      } finally {
        await handle.close();
      }
    });

    it("holds only the customers who existed at the as-of date", async () => {
      const handle = await openTestDb(engine);
      try {
        const customers = join(work, `existence-customers-${engine}.csv`);
        const orders = join(work, `existence-orders-${engine}.csv`);
        // E1 registered and bought before; E2 registered after the as-of date; E3 registered
        // before but first buys after (a prospect then); E4 has no registration date and first
        // buys after; E5 has neither a registration date nor orders; E6 registered after but
        // ordered before (the order proves it existed).
        await writeFile(
          customers,
          [
            "code,name,registered_on",
            "E1,One,2025-01-01",
            "E2,Two,2026-05-01",
            "E3,Three,2025-06-01",
            "E4,Four,",
            "E5,Five,",
            "E6,Six,2026-06-01",
            "",
          ].join("\n"),
        );
        await writeFile(
          orders,
          [
            "order_id,customer_code,order_date,amount",
            "o1,E1,2026-02-01,10",
            "o2,E2,2026-05-02,20",
            "o3,E3,2026-05-03,30",
            "o4,E4,2026-05-04,40",
            "o6,E6,2026-03-01,60",
            "",
          ].join("\n"),
        );
        await importFile(handle, { entity: "customers", file: customers });
        await importFile(handle, { entity: "orders", file: orders });
        const summary = await customerSummary(handle, { asOf: "2026-04-30", timeUnit: "day" });
        expect(summary.code).toEqual(["E1", "E3", "E5", "E6"]);
        expect(summary.orders[1]).toBe(0); // E3's order is after the as-of date
        const later = await customerSummary(handle, { asOf: "2026-06-30", timeUnit: "day" });
        expect(later.code).toEqual(["E1", "E2", "E3", "E4", "E5", "E6"]);
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
