/**
 * The `custra` command as users run it: a real process, real files, a real database on each engine.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOAD_ORDER } from "@custra/core";
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { CDNOW_MASTER, CDNOW_SAMPLE, writeCdnowCsv } from "@custra/engine/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "custra.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function custra(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, CUSTRA_LANG: "en", DATABASE_URL: "", ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function tableCounts(location: string): Promise<Record<string, number>> {
  const run = await custra(["db", "info", "--json", "--db", location]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).tables;
}

/** Aggregates over every kind of column, to compare two databases' contents. */
async function fingerprint(location: string) {
  const handle = await openDb(location);
  try {
    const one = async (query: string) => (await sql.raw(query).execute(handle.db)).rows[0];
    return {
      customers: await one(
        `SELECT COUNT(tags) AS tagged, COUNT(attributes) AS attributed, SUM(credit_limit) AS credit,
                MIN(birthday) AS birthday, SUM(CASE WHEN birthday_lunar THEN 1 ELSE 0 END) AS lunar,
                MAX(code) AS code, MIN(name) AS name FROM customers`,
      ),
      tags: await one(`SELECT tags FROM customers WHERE tags IS NOT NULL ORDER BY code LIMIT 1`),
      orders: await one(
        `SELECT SUM(amount) AS amount, SUM(margin) AS margin, MAX(order_date) AS last, COUNT(DISTINCT channel) AS channels FROM orders`,
      ),
      lines: await one(
        `SELECT SUM(quantity) AS quantity, COUNT(DISTINCT product_id) AS products FROM order_lines`,
      ),
      interactions: await one(
        `SELECT MAX(occurred_at) AS last, COUNT(resolved_at) AS resolved, MAX(summary) AS summary FROM interactions`,
      ),
      surveys: await one(`SELECT SUM(nps) AS nps, SUM(satisfaction) AS satisfaction FROM survey_answers`),
    };
  } finally {
    await handle.close();
  }
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-cli-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("custra usage", () => {
  it("explains every command with an example", async () => {
    const run = await custra(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["demo", "import", "db"]) expect(run.stdout).toContain(command);
    const importHelp = await custra(["import", "--help"]);
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toContain("$ custra import");
    expect(importHelp.stdout).toContain("--skip-invalid");
  });

  it("speaks Chinese by default", async () => {
    const run = await custra(["--help"], { CUSTRA_LANG: "", LANG: "C.UTF-8", LC_ALL: "" });
    expect(run.stdout).toContain("客户结构管理");
  });

  it("exits 2 on usage errors", async () => {
    expect((await custra(["no-such-command"])).code).toBe(2);
    expect((await custra(["import", "planets", "x.csv"])).code).toBe(2);
    expect((await custra(["demo", "--customers", "many"])).code).toBe(2);
  });
});

for (const engine of ENGINES) {
  describe(`custra on ${engine}`, () => {
    let db: TestLocation;
    beforeAll(async () => {
      db = await createTestLocation(engine);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("rejects a file with bad rows, names each one, and writes nothing; --skip-invalid writes the good rows", async () => {
      const customers = join(work, `${engine}-customers.csv`);
      await writeFile(customers, "客户编号,客户名称\nC001,杭州一号\nC002,上海二号\n");
      const loaded = await custra(["import", "customers", customers, "--db", db.location]);
      expect(loaded.code, loaded.stderr).toBe(0);

      const orders = join(work, `${engine}-orders.csv`);
      await writeFile(
        orders,
        [
          "订单号,客户编号,下单日期,金额",
          "O1,C001,2024-01-05,100.00",
          "O2,C001,2024-13-45,80",
          'O3,C002,2024/2/1,"1,200.50"',
          "O4,C002,20240301,abc",
          "O5,C001,2024年3月5日,¥300",
          "O6,C002,2024-03-06,12",
          "O7,C001,2024-03-07,13",
          "O8,C999,2024-03-08,14",
          "O9,C002,2024-03-09,15",
        ].join("\n"),
      );
      const before = (await tableCounts(db.location)).orders ?? 0;
      const rejected = await custra(["import", "orders", orders, "--db", db.location]);
      expect(rejected.code).toBe(1);
      const lines = rejected.stderr.split("\n");
      expect(lines.some((line) => line.startsWith(`${engine}-orders.csv:3: 下单日期:`))).toBe(true);
      expect(lines.some((line) => line.startsWith(`${engine}-orders.csv:5: 金额:`))).toBe(true);
      expect(
        lines.some((line) => line.startsWith(`${engine}-orders.csv:9: 客户编号:`) && line.includes("C999")),
      ).toBe(true);
      expect(lines.filter((line) => /^[\w-]+\.csv:\d+:/.test(line))).toHaveLength(3);
      expect((await tableCounts(db.location)).orders).toBe(before);

      const skipped = await custra([
        "import",
        "orders",
        orders,
        "--db",
        db.location,
        "--skip-invalid",
        "--json",
      ]);
      expect(skipped.code, skipped.stderr).toBe(0);
      const result = JSON.parse(skipped.stdout);
      expect(result).toMatchObject({ written: true, rowsRead: 9, inserted: 6, rejected: 3 });
      expect((await tableCounts(db.location)).orders).toBe(before + 6);
    });

    it("re-importing changes nothing and a changed row updates its record", async () => {
      const file = join(work, `${engine}-products.csv`);
      await writeFile(file, "sku,name,category,unit_cost\nP01,Tea,drinks,1.50\nP02,Cup,kitchen,3\n");
      const first = JSON.parse(
        (await custra(["import", "products", file, "--db", db.location, "--json"])).stdout,
      );
      expect(first).toMatchObject({ inserted: 2, updated: 0 });
      const again = JSON.parse(
        (await custra(["import", "products", file, "--db", db.location, "--json"])).stdout,
      );
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
      await writeFile(file, "sku,name,category,unit_cost\nP01,Tea,drinks,1.75\nP02,Cup,kitchen,3\n");
      const changed = JSON.parse(
        (await custra(["import", "products", file, "--db", db.location, "--json"])).stdout,
      );
      expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    });

    it("loads the CDNOW log as a plain transaction log, keeping leading zeros", async () => {
      const file = await writeCdnowCsv(CDNOW_MASTER, join(work, `${engine}-cdnow.csv`));
      const target = await createTestLocation(engine);
      try {
        const run = await custra([
          "import",
          "orders",
          file,
          "--create-customers",
          "--db",
          target.location,
          "--json",
        ]);
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({
          inserted: 69_659,
          createdCustomers: 23_570,
          rejected: 0,
        });
        const counts = await tableCounts(target.location);
        expect(counts.orders).toBe(69_659);
        expect(counts.customers).toBe(23_570);
        const again = JSON.parse(
          (await custra(["import", "orders", file, "--create-customers", "--db", target.location, "--json"]))
            .stdout,
        );
        expect(again).toMatchObject({ inserted: 0, updated: 0, createdCustomers: 0, unchanged: 69_659 });

        const handle = await openDb(target.location);
        try {
          const first = await handle.db
            .selectFrom("customers")
            .innerJoin("orders", "orders.customer_id", "customers.id")
            .select(["customers.code", "orders.order_date", "orders.amount"])
            .where("customers.code", "=", "00001")
            .execute();
          expect(first).toEqual([{ code: "00001", order_date: "1997-01-01", amount: 11.77 }]);
        } finally {
          await handle.close();
        }
      } finally {
        await target.drop();
      }
    });

    it("analyze prints one JSON report, and customer show the customer's scores from it", async () => {
      const file = await writeCdnowCsv(CDNOW_SAMPLE, join(work, `${engine}-cdnow-sample.csv`));
      const target = await createTestLocation(engine);
      try {
        expect(
          (await custra(["import", "orders", file, "--create-customers", "--db", target.location])).code,
        ).toBe(0);
        const args = [
          "--as-of",
          "1997-09-30",
          "--time-unit",
          "week",
          "--horizon",
          "39",
          "--db",
          target.location,
        ];
        const run = await custra(["analyze", ...args, "--json"]);
        expect(run.code, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report).toMatchObject({ asOf: "1997-09-30", customers: 2357 });
        expect(Number.isInteger(report.runId)).toBe(true);
        expect(report.models.bgnbd.params.r).toBeCloseTo(0.243, 3);
        expect(report.models.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
        expect(report.models.gammaGamma.params.p).toBeCloseTo(6.25, 2);
        expect(report.models.bgnbd.identifiable).toBe(true);
        expect(report.predictor).toEqual({ transactions: "bgnbd", spend: "gamma-gamma" });
        expect(report.warnings).toEqual([]);
        expect(Object.keys(report.timings)).toEqual(["summary", "fit", "predict", "classify", "write"]);

        const readable = await custra(["analyze", ...args]);
        expect(readable.code).toBe(0);
        expect(readable.stdout).toContain("BG/NBD: r 0.2426");
        expect(readable.stdout).toContain(
          "predictions: purchases from BG/NBD, spend per purchase from Gamma-Gamma",
        );

        const shown = await custra(["customer", "show", "00004", "--json", "--db", target.location]);
        expect(shown.code, shown.stderr).toBe(0);
        const profile = JSON.parse(shown.stdout);
        expect(profile.customer.code).toBe("00004");
        expect(profile.run.id).toBe(report.runId + 1);
        expect(profile.scores.expectedPurchases).toBeCloseTo(1.226, 3);
        expect(profile.scores.pAlive).toBeCloseTo(0.727, 3);
        expect((await custra(["customer", "show", "99999", "--db", target.location])).code).toBe(1);

        const backtest = await custra([
          "backtest",
          "--calibration-end",
          "1997-09-30",
          "--holdout-end",
          "1998-06-30",
          "--json",
          "--db",
          target.location,
        ]);
        expect(backtest.code, backtest.stderr).toBe(0);
        const result = JSON.parse(backtest.stdout);
        expect(result.totals.actual).toBe(1882);
        expect(result.models.bgnbd.params.r).toBeCloseTo(0.243, 3);
        expect(
          result.byFrequency.reduce((sum: number, row: { customers: number }) => sum + row.customers, 0),
        ).toBe(2357);
      } finally {
        await target.drop();
      }
    });

    it("demo --out files import into an empty database with the same counts as demo straight into it", async () => {
      const direct = await createTestLocation(engine);
      const viaFiles = await createTestLocation(engine);
      const out = join(work, `${engine}-demo`);
      try {
        const args = ["--customers", "300", "--seed", "7", "--as-of", "2026-06-30"];
        const demo = await custra(["demo", ...args, "--db", direct.location, "--json"]);
        expect(demo.code, demo.stderr).toBe(0);
        expect((await custra(["demo", ...args, "--out", out])).code).toBe(0);
        for (const entity of LOAD_ORDER) {
          const run = await custra(["import", entity, join(out, `${entity}.csv`), "--db", viaFiles.location]);
          expect(run.code, `${entity}: ${run.stderr}`).toBe(0);
        }
        const a = await tableCounts(direct.location);
        const b = await tableCounts(viaFiles.location);
        expect(b).toEqual(a);
        // The direct path loads the files with the engine's CSV reader; the values must be the same.
        expect(await fingerprint(viaFiles.location)).toEqual(await fingerprint(direct.location));
        expect(a.customers).toBe(300);
        expect(a.orders).toBeGreaterThan(300);

        const again = await custra(["demo", ...args, "--db", direct.location]);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain("already has 300 customers");
      } finally {
        await direct.drop();
        await viaFiles.drop();
      }
      // Sixteen real processes one after another: a bound against hanging, not a speed target.
    }, 180_000);
  });
}
