/** `custra settings` on each engine: show, set, reset, bad values and the company language. */
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cliLocale, useCliLocale } from "../locale.ts";
import { main } from "../main.ts";
import { captureOutput, custra, json } from "../testing/run-cli.ts";

const locale = cliLocale();
afterEach(() => {
  useCliLocale(locale);
  vi.unstubAllEnvs();
});

for (const engine of ENGINES) {
  describe(`custra settings on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("shows the defaults, changes settings and shows them again, in both languages", async () => {
      const shown = await custra(["settings", ...at]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/Currency\s+currency\s+CNY \(default\)/);
      expect(shown.stdout).toMatch(/Time zone\s+timeZone\s+Asia\/Shanghai \(default\)/);
      expect(shown.stdout).toContain("money reads: CN¥1,234,567.89");

      const set = await custra([
        "settings",
        "set",
        "currency=usd",
        "timezone=Europe/Berlin",
        "fiscal_year_start=4",
        ...at,
      ]);
      expect(set.code, set.stderr).toBe(0);
      expect(set.stderr).toContain("saved: currency, timezone, fiscal_year_start");
      expect(set.stdout).toMatch(/Currency\s+currency\s+USD\n/);
      expect(set.stdout).toContain("money reads: $1,234,567.89");

      expect(await json(["settings", "show", ...at])).toEqual({
        settings: {
          currency: "USD",
          locale: "zh-CN",
          timeZone: "Europe/Berlin",
          fiscalYearStart: "04-01",
          businessModel: "b2b",
          companyName: "",
        },
        defaults: ["locale", "businessModel", "companyName"],
      });
      const zh = await custra(["settings", "show", ...at], "zh-CN");
      expect(zh.stdout).toMatch(/货币\s+currency\s+USD/);
      expect(zh.stdout).toMatch(/业务模式\s+businessModel\s+b2b \(企业客户（B2B）\) （默认）/);
      expect(zh.stdout).toContain("金额示例：US$1,234,567.89");

      const reset = await json(["settings", "reset", "currency", ...at]);
      expect(reset.settings.currency).toBe("CNY");
      expect(reset.defaults).toEqual(["currency", "locale", "businessModel", "companyName"]);
    });

    it("exits 1 naming the setting and its values when a value is bad, and changes nothing", async () => {
      const before = await json(["settings", ...at]);
      const bad = await custra(["settings", "set", "business_model=b2g", "locale=en", ...at]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("the setting businessModel cannot be b2g: it takes b2b, b2c or mixed");
      const zone = await custra(["settings", "set", "timezone=Asia/Peking", ...at], "zh-CN");
      expect(zone.code).toBe(1);
      expect(zone.stderr).toContain("设置 timeZone 的值 Asia/Peking 无效，应为IANA 时区名");
      const unknown = await custra(["settings", "set", "colour=red", ...at]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("there is no setting colour; the settings are: currency, locale");
      expect(await json(["settings", ...at])).toEqual(before);
      // Not of the form name=value at all: a usage error.
      const usage = await custra(["settings", "set", "currency", ...at]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("currency is not of the form name=value");
    });

    it("shows money in the company's currency in the analysis report and customer show", async () => {
      for (const args of [
        ["demo", "--customers", "40", "--seed", "4", "--as-of", "2026-06-30"],
        ["settings", "set", "currency=EUR"],
      ]) {
        const step = await custra([...args, ...at]);
        expect(step.code, step.stderr).toBe(0);
      }
      try {
        const report = await custra(["analyze", ...at]);
        expect(report.code, report.stderr).toBe(0);
        expect(report.stdout).toMatch(/revenue to date €[\d,]+\.\d\d, margin -?€[\d,]+\.\d\d/);
        const zh = await custra(["customer", "show", "C0000001", ...at], "zh-CN");
        expect(zh.code, zh.stderr).toBe(0);
        expect(zh.stdout).toMatch(/历史收入\s+€[\d,]+\.\d\d/);
        expect(zh.stdout).not.toMatch(/¥/);
      } finally {
        await custra(["settings", "reset", "currency", ...at]);
      }
    });

    it("prints in the company's language when neither --lang nor CUSTRA_LANG is given", async () => {
      expect((await custra(["settings", "set", "locale=en", ...at], "zh-CN")).code).toBe(0);
      vi.stubEnv("CUSTRA_LANG", "");
      vi.stubEnv("LANG", "zh_CN.UTF-8");
      const run = await captureOutput(() => main(["node", "custra", "settings", ...at]));
      process.exitCode = undefined;
      expect(run.result).toBe(0);
      expect(run.stdout).toMatch(/Currency\s+currency/);
      // --lang still wins.
      expect((await custra(["settings", ...at], "zh-CN")).stdout).toMatch(/货币\s+currency/);
      await custra(["settings", "reset", "locale", ...at]);
    });
  });
}
