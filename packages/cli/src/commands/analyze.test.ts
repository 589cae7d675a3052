/**
 * `custra analyze` on data the models cannot identify: the warnings reach the reader translated,
 * and `--json` keeps their codes and params and the predictor used.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliLocale, useCliLocale } from "../locale.ts";
import { custra, json } from "../testing/run-cli.ts";

let work: string;
let ordersCsv: string;
const locale = cliLocale();
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-cli-analyze-"));
  // 600 one-time buyers over 2025 and a single repeat buyer: no model can be fitted at all.
  const lines = ["customer_code,order_date,amount"];
  for (let i = 0; i < 600; i++) {
    const day = new Date(Date.UTC(2025, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    lines.push(`C${String(i).padStart(4, "0")},${day},${30 + (i % 20)}.00`);
  }
  lines.push("R1,2025-02-01,100.00", "R1,2025-06-01,140.00");
  ordersCsv = join(work, "orders.csv");
  await writeFile(ordersCsv, `${lines.join("\n")}\n`);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  useCliLocale(locale);
});

for (const engine of ENGINES) {
  describe(`custra analyze and customer show before there is anything to analyse, on ${engine}`, () => {
    let db: TestLocation;
    beforeAll(async () => {
      db = await createTestLocation(engine);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("says what is missing, and adds the command that fixes it as a hint", async () => {
      const en = await custra(["analyze", "--db", db.location]);
      expect(en.code).toBe(1);
      expect(en.stderr).toContain("there are no completed orders to analyse yet.");
      expect(en.stderr).toContain(
        "\nImport orders first (custra import orders …) or create the demo company (custra demo).",
      );
      const zh = await custra(["analyze", "--db", db.location], "zh-CN");
      expect(zh.stderr).toContain(
        "数据库中还没有已完成的订单，无法分析。\n请先导入订单（custra import orders …）",
      );
      const missing = await custra(["customer", "show", "C404", "--db", db.location]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("No customer C404");
    });
  });

  describe(`custra analyze without enough repeat buyers, on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
      const imported = await custra(["import", "orders", ordersCsv, "--create-customers", ...at]);
      expect(imported.code, imported.stderr).toBe(0);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("prints which predictor it used and why, in English and Chinese", async () => {
      const en = await custra(["analyze", "--as-of", "2025-12-31", ...at]);
      expect(en.code, en.stderr).toBe(0);
      expect(en.stdout).toContain(
        "predictions: purchases from empirical repeat rate (fallback), spend per purchase from historical mean spend (fallback)",
      );
      expect(en.stderr).toContain(
        "The BG/NBD model needs at least 40 customers with usable repeat purchases to be estimated reliably; the data has 1.",
      );
      expect(en.stderr).toContain("Purchases are predicted from the empirical repeat rate");
      expect(en.stderr).toContain("Spend per purchase is predicted from each customer's historical mean");
      expect(en.stderr).not.toMatch(/[{}]/);

      const zh = await custra(["analyze", "--as-of", "2025-12-31", ...at], "zh-CN");
      expect(zh.code, zh.stderr).toBe(0);
      expect(zh.stdout).toContain("经验重复购买率（回退方法）");
      expect(zh.stderr).toContain("BG/NBD 模型只有 1 个可用的重复购买客户，至少需要 40 个");
      expect(zh.stderr).toContain("P(alive) 不作估计");
    });

    it("--json has the warnings' codes and params and the predictor", async () => {
      const report = await json(["analyze", "--as-of", "2025-12-31", ...at]);
      expect(report.predictor).toEqual({ transactions: "empirical", spend: "historical-mean" });
      expect(report.models.bgnbd).toBeUndefined();
      expect(report.warnings).toEqual([
        { code: "model.tooFewRepeatBuyers", params: { model: "BG/NBD", repeatBuyers: 1, minimum: 40 } },
        { code: "analyze.transactionFallback", params: { model: "BG/NBD" } },
        { code: "model.tooFewRepeatBuyers", params: { model: "Gamma-Gamma", repeatBuyers: 1, minimum: 30 } },
        { code: "analyze.spendFallback", params: { model: "Gamma-Gamma" } },
      ]);
    });
  });
}
