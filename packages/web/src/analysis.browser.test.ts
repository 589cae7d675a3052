/**
 * 分析 / Analysis runs in a real browser (headless Debian chromium through playwright-core) against
 * the real server on a free port, over the demo company, on both engines: the runs and their fits
 * as the API lists them, a run started from the page and followed to its end, the prediction check
 * of a run with a holdout (its chart drawn, its table the API's), a sales user without the run
 * button, and the page in English. Each test saves a screenshot to
 * packages/web/test-results/<engine>-analysis-<name>.png.
 */
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalysisRun, AnalysisRunPage, ModelFit, RunBacktest } from "./pages/analysis/analysis.types.ts";
import { PARAMETER_SYMBOLS } from "./pages/analysis/model-fit.tsx";
import {
  CJK,
  type DemoUser,
  openWorkbench,
  screenshot,
  signedInAt,
  type Workbench,
} from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
const POLL = { timeout: 15_000 };

/** A number as the page writes it in Chinese (format.ts decimal). */
const zh = (value: number | null, digits: number) =>
  value === null ? "—" : new Intl.NumberFormat("zh-CN", { maximumFractionDigits: digits }).format(value);

/** The models' parameters in the order the literature writes them: BG/NBD, then Gamma-Gamma. */
const PARAMETER_ORDER = ["r", "alpha", "a", "b", "p", "q", "v"];

const ordered = (fit: ModelFit) =>
  Object.entries(fit.params).sort(([a], [b]) => PARAMETER_ORDER.indexOf(a) - PARAMETER_ORDER.indexOf(b));

/** A fit card's parameter rows as the page should show them: symbol, estimate, standard error. */
const fitRows = (fit: ModelFit) =>
  ordered(fit).map(([name, value]) =>
    [PARAMETER_SYMBOLS[name] ?? name, zh(value, 4), zh(fit.standardErrors[name] ?? null, 4)].join("\t"),
  );

/** A fit as the history writes it: its estimates on one line, the log-likelihood below. */
const fitSummary = (fit: ModelFit) =>
  `${ordered(fit)
    .map(([name, value]) => `${PARAMETER_SYMBOLS[name]} ${zh(value, 2)}`)
    .join(" · ")}\n对数似然 ${zh(fit.logLikelihood, 1)}`;

for (const engine of ENGINES) {
  describe(`分析 (analysis) on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    const shot = async (page: Page, name: string) => {
      await screenshot(page, `${engine}-analysis-${name}`);
    };
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const openAnalysis = async (user: DemoUser) => {
      const signed = await signedInAt(bench, user, "/analysis");
      await signed.page.getByTestId("analysis-page").waitFor();
      await signed.page.getByTestId("run-history").locator(ROWS).first().waitFor();
      return signed;
    };
    const rowKeys = (page: Page, table: string) =>
      page
        .getByTestId(table)
        .locator(ROWS)
        .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.rowKey));
    const cells = (page: Page, testId: string) => page.getByTestId(testId).locator(ROWS).allInnerTexts();

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("lists the runs with their fitted parameters; the demo's run has no holdout and says how to get one", async () => {
      const { context, page } = await openAnalysis(bench.users.admin);
      await expect(page.getByTestId("breadcrumbs").innerText()).resolves.toBe("分析");
      const listed = await getJson<AnalysisRunPage>(context.request, "/analysis-runs?limit=20");
      expect(listed.runs.length).toBeGreaterThan(0);
      await expect
        .poll(() => rowKeys(page, "run-history"), POLL)
        .toEqual(listed.runs.map((r) => String(r.run.id)));
      await expect(page.getByTestId("history-total").innerText()).resolves.toBe(`共 ${listed.total} 次运行`);

      // The newest run, chosen: the demo's daily pipeline fitted the BG/NBD and Gamma-Gamma.
      const latest = listed.runs[0]!;
      const { bgnbd, gammaGamma } = latest.models;
      expect(bgnbd?.identifiable && gammaGamma?.identifiable).toBe(true);
      const row = await page.getByTestId("run-history").locator(ROWS).first().innerText();
      expect(row).toContain(`#${latest.run.id}`);
      expect(row).toContain(latest.run.asOf);
      expect(row).toContain("系统（命令行或计划任务）");
      expect(row).toContain(zh(latest.run.customers, 0));
      const summaries = await page
        .getByTestId("run-history")
        .locator(ROWS)
        .first()
        .getByTestId("fit-summary")
        .allInnerTexts();
      expect(summaries).toEqual([fitSummary(bgnbd!), fitSummary(gammaGamma!)]);
      // Its fits in full: every estimate with its standard error, and the log-likelihood.
      expect(await cells(page, "fit-bgnbd")).toEqual(fitRows(bgnbd!));
      expect(await cells(page, "fit-gammaGamma")).toEqual(fitRows(gammaGamma!));
      expect(fitRows(bgnbd!).map((line) => line.split("\t")[0])).toEqual(["r", "α", "a", "b"]);
      expect(fitRows(gammaGamma!).map((line) => line.split("\t")[0])).toEqual(["p", "q", "γ"]);
      await expect(page.getByTestId("fit-bgnbd").getByTestId("fit-log-likelihood").innerText()).resolves.toBe(
        zh(bgnbd!.logLikelihood, 1),
      );

      // The demo is analysed as of its last order: nothing after it to check against, said plainly.
      const check = await getJson<RunBacktest>(context.request, `/analysis-runs/${latest.run.id}/backtest`);
      expect(check).toMatchObject({
        calibrationEnd: latest.run.asOf,
        lastOrder: latest.run.asOf,
        holdout: null,
      });
      const noHoldout = await page.getByTestId("no-holdout").innerText();
      expect(noHoldout).toContain("这次运行还没有可检验的数据");
      expect(noHoldout).toContain(`截止日是 ${latest.run.asOf}`);
      expect(noHoldout).toContain("参数 asOf");
      expect(await page.getByTestId("tracking-chart").count()).toBe(0);
      await shot(page, "history");
      await context.close();
    });

    it("runs an analysis with a holdout from the page: progress, the new run at the top, its check drawn and tabulated as the API's", async () => {
      const { context, page } = await openAnalysis(bench.users.admin);
      const before = await getJson<AnalysisRunPage>(context.request, "/analysis-runs?limit=1");
      await page.getByTestId("run-with-holdout").click();
      const asOf = await page.getByTestId("run-as-of").inputValue();
      expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(asOf < before.runs[0]!.run.asOf).toBe(true);
      await page.getByTestId("run-start").click();
      await page.getByTestId("run-progress").waitFor();
      await page.getByTestId("run-succeeded").waitFor(POLL);
      await expect(page.getByTestId("run-progress").getAttribute("class")).resolves.toContain(
        "ant-progress-status-success",
      );

      const after = await getJson<AnalysisRunPage>(context.request, "/analysis-runs?limit=20");
      expect(after.total).toBe(before.total + 1);
      const created: AnalysisRun = after.runs[0]!;
      expect(created.run).toMatchObject({
        asOf,
        timeUnit: "week",
        horizon: 52,
        model: "bgnbd",
        discountRate: 0.1,
      });
      // The history read again: the new run on top, chosen, named for who started it.
      await expect
        .poll(() => rowKeys(page, "run-history"), POLL)
        .toEqual(after.runs.map((r) => String(r.run.id)));
      await expect(page.getByTestId("history-total").innerText()).resolves.toBe(`共 ${after.total} 次运行`);
      const admin = await bench.handle.db
        .selectFrom("users")
        .select(["username", "display_name"])
        .where("email", "=", bench.users.admin.email)
        .executeTakeFirstOrThrow();
      expect(created.startedBy).toEqual({ username: admin.username, name: admin.display_name });
      const top = await page.getByTestId("run-history").locator(ROWS).first().innerText();
      expect(top).toContain(admin.display_name ?? admin.username);
      await expect(page.getByTestId("model-fits").innerText()).resolves.toContain(
        `第 ${created.run.id} 次运行`,
      );

      // Its check: the orders after its as-of date against what its fit predicted.
      const check = await getJson<RunBacktest>(context.request, `/analysis-runs/${created.run.id}/backtest`);
      const holdout = check.holdout!;
      expect(holdout).not.toBeNull();
      expect(holdout.tracking.length).toBeGreaterThan(26);
      const chart = page.getByTestId("tracking-chart").locator("svg");
      await chart.waitFor(POLL);
      await expect.poll(() => chart.locator("path").count(), POLL).toBeGreaterThan(2);
      await expect
        .poll(() => cells(page, "frequency-table"), POLL)
        .toEqual(
          holdout.byFrequency.map((line) =>
            [
              line.x,
              zh(line.customers, 0),
              zh(line.meanActual, 2),
              zh(line.meanPredicted, 2),
              zh(
                line.meanActual === null || line.meanPredicted === null
                  ? null
                  : line.meanPredicted - line.meanActual,
                2,
              ),
            ].join("\t"),
          ),
        );
      const statistic = (key: string) =>
        page.getByTestId(`backtest-${key}`).locator(".ant-statistic-content-value").innerText();
      expect(await statistic("cohort")).toBe(zh(holdout.cohort.customers, 0));
      expect(await statistic("actual")).toBe(zh(holdout.totals.actual, 0));
      expect(await statistic("predicted")).toBe(zh(holdout.totals.predicted, 1));
      await expect(page.getByTestId("backtest-period").innerText()).resolves.toContain(
        `检验期 ${asOf} 至 ${holdout.holdoutEnd}`,
      );
      await shot(page, "run-with-holdout");

      // Per week instead of cumulative: the same chart, drawn again.
      await page.getByTestId("tracking-view").getByText("每周").click();
      await expect.poll(() => chart.locator("path").count(), POLL).toBeGreaterThan(2);
      await context.close();
    });

    it("shows a sales user the runs without the run button, the counts or the check", async () => {
      const { context, page } = await openAnalysis(bench.users.sales);
      const listed = await getJson<AnalysisRunPage>(context.request, "/analysis-runs?limit=20");
      await expect
        .poll(() => rowKeys(page, "run-history"), POLL)
        .toEqual(listed.runs.map((r) => String(r.run.id)));
      expect(await page.getByTestId("run-now").count()).toBe(0);
      expect(await page.getByTestId("run-start").count()).toBe(0);
      // Sums over every customer are not theirs to see: the API leaves them out, the page says so.
      expect(listed.runs.every((r) => r.run.customers === null)).toBe(true);
      expect(await page.getByTestId("run-customers").count()).toBe(0);
      expect(await page.getByTestId("fit-log-likelihood").count()).toBe(0);
      await page.getByTestId("backtest-limited").waitFor();
      expect(await page.getByTestId("backtest").count()).toBe(0);
      // The estimates themselves are the company's model, not anyone's customers: shown.
      expect(await cells(page, "fit-bgnbd")).toEqual(fitRows(listed.runs[0]!.models.bgnbd!));
      await shot(page, "sales");
      await context.close();
    });

    it("reads in English with no Chinese left, the fits and the check included", async () => {
      const { context, page } = await openAnalysis(bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Analysis");
      await expect.poll(() => page.getByTestId("history-total").innerText(), POLL).toMatch(/^\d+ runs$/);
      await page.getByTestId("frequency-table").locator(ROWS).first().waitFor(POLL);
      // Who started a run is a user's name (data); everything else on the page is custra's words.
      const words = await page.getByTestId("analysis-page").evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const cell of copy.querySelectorAll("td.col-startedBy")) cell.remove();
        document.body.append(copy);
        const text = copy.innerText;
        copy.remove();
        return text;
      });
      expect(words).toContain("Prediction check");
      expect(words).toContain("Run history");
      expect(words.match(CJK)?.[0] ?? null, words).toBeNull();
      const menu = await page.getByTestId("side-menu").innerText();
      expect(menu.match(CJK)?.[0] ?? null, menu).toBeNull();
      await shot(page, "english");
      await context.close();
    });
  });
}
