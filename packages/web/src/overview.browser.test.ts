/**
 * 客户结构 / the structure overview in a real browser (headless Debian chromium through
 * playwright-core) against the real server on a free port, over the demo company analysed and
 * graded twice (so there is a run before and a grade migration), on both engines. Each test saves
 * a screenshot to packages/web/test-results/<engine>-overview-<name>.png.
 */
import { LOCAL_OPERATOR, runDailyPipeline } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OVERVIEW_CHARTS } from "./testing/overview-charts.ts";
import {
  CJK,
  chooseOption,
  openWorkbench,
  screenshot,
  signedIn,
  signedInAt,
  type Workbench,
} from "./testing/workbench.fixture.ts";

/** Every chart of the page, by its test id (chart-<name>). */

/** The pyramid's grade bars are drawn in this colour (options.ts BLUE), its spacers transparent. */
const PYRAMID_BAR = 'path[fill="#1677ff"]';

interface Cell {
  keys: (string | null)[];
  customers: number;
}

for (const engine of ENGINES) {
  describe(`the structure overview on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-overview-${name}`);
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const kpiCustomers = async (page: Page) => {
      const text = await page
        .getByTestId("kpi-customers")
        .locator(".ant-statistic-content-value")
        .innerText();
      return Number(text.replace(/[\s,]/g, ""));
    };
    const totalShown = async (page: Page) => {
      const text = (await page.getByTestId("customers-total").innerText()).replace(/[\s,]/g, "");
      return Number(/(\d+)/.exec(text)?.[1]);
    };
    /** Waits for every chart to be drawn: an svg with shapes in it. */
    const chartsDrawn = async (page: Page) => {
      for (const name of OVERVIEW_CHARTS) {
        const svg = page.getByTestId(`chart-${name}`).locator("svg");
        await svg.waitFor();
        await expect.poll(() => svg.locator("path, rect").count()).toBeGreaterThan(0);
      }
    };

    beforeAll(async () => {
      bench = await openWorkbench(engine);
      // A second analysis and grading: the overview then has a run before, and grades can migrate.
      await runDailyPipeline({ handle: bench.handle, actor: LOCAL_OPERATOR }, {});
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("opens 客户结构 from the menu: every chart drawn, the key figures the API's, a grade bar opens that grade's customers", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      await page.getByTestId("side-menu").getByText("客户结构").click();
      await page.waitForURL(/\/overview$/);
      await page.getByTestId("kpis").waitFor();
      await chartsDrawn(page);

      const overview = await getJson<{ current: { customers: number }; previous: unknown }>(
        context.request,
        "/structure/overview",
      );
      expect(overview.current.customers).toBeGreaterThan(0);
      expect(await kpiCustomers(page)).toBe(overview.current.customers);
      // The run before exists (beforeAll analysed twice): each figure says how it changed.
      expect(overview.previous).not.toBeNull();
      await expect(page.getByTestId("kpi-delta-customers").innerText()).resolves.toMatch(/较上次/);
      await expect(page.getByTestId("kpi-revenue").innerText()).resolves.toMatch(/¥\d{1,3}(,\d{3})+/);
      // The scheme picker names the scheme by its title, not its code.
      await expect(page.getByTestId("scheme-select").innerText()).resolves.toContain("客户价值分级");
      await expect(page.getByTestId("breadcrumbs").innerText()).resolves.toContain("客户结构");
      await shot(page, "admin");

      // The widest bar of the pyramid (a grade with many customers: easy to hit).
      const bars = page.getByTestId("chart-grade-pyramid").locator(PYRAMID_BAR);
      const boxes = await Promise.all((await bars.all()).map((bar) => bar.boundingBox()));
      expect(boxes.length).toBeGreaterThan(1);
      const widest = boxes.reduce(
        (best, box, i) => ((box?.width ?? 0) > (boxes[best]?.width ?? 0) ? i : best),
        0,
      );
      await bars.nth(widest).click();
      await page.waitForURL(/\/customers\?grade=/);
      const grade = new URL(page.url()).searchParams.get("grade")!;
      const byGrade = await getJson<{ cells: Cell[] }>(context.request, "/structure?by=grade");
      const expected = byGrade.cells.find((cell) => cell.keys[0] === grade)?.customers;
      expect(expected).toBeGreaterThan(0);
      await page.locator(".ant-table-tbody tr[data-row-key]").first().waitFor();
      await expect.poll(() => totalShown(page)).toBe(expected);
      await shot(page, "grade-list");
      await context.close();
    });

    it("shows an older run chosen in the run selector, its elements no longer links (the list shows the latest run)", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/overview");
      const runs = await getJson<{ runs: { run: { id: number } }[] }>(
        context.request,
        "/analysis-runs?limit=10",
      );
      expect(runs.runs.length).toBe(2);
      const older = runs.runs[1]!.run.id;
      await page.getByTestId("kpis").waitFor();
      await page.getByTestId("run-select").click();
      await chooseOption(page, `第 ${older} 次`);
      await page.waitForURL(new RegExp(`/overview\\?runId=${older}$`));
      const overview = await getJson<{
        current: { customers: number; analysisRunId: number };
        previous: unknown;
      }>(context.request, `/structure/overview?runId=${older}`);
      expect(overview.current.analysisRunId).toBe(older);
      expect(overview.previous).toBeNull();
      await expect.poll(() => page.getByTestId("kpi-customers").innerText()).toContain("首次分析，暂无对比");
      expect(await kpiCustomers(page)).toBe(overview.current.customers);
      await chartsDrawn(page);
      await expect(page.getByTestId("overview-hint").innerText()).resolves.toContain("不能打开客户列表");
      await page.getByTestId("chart-grade-pyramid").locator(PYRAMID_BAR).last().click();
      await page.waitForTimeout(500);
      expect(new URL(page.url()).pathname).toBe("/overview");
      await shot(page, "older-run");
      await context.close();
    });

    it("shows a sales rep the figures of their own customers only", async () => {
      const { context, page } = await signedInAt(bench, bench.users.sales, "/overview");
      const own = await getJson<{ total: number }>(context.request, "/customers?limit=1");
      const all = await bench.handle.db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(own.total).toBeGreaterThan(0);
      expect(own.total).toBeLessThan(Number(all.n));
      await page.getByTestId("kpis").waitFor();
      await chartsDrawn(page);
      expect(await kpiCustomers(page)).toBe(own.total);
      await shot(page, "sales");
      await context.close();
    });

    it("speaks English after the switch: no Chinese left in the page's labels and the charts' texts", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText()).toContain("Customer structure");
      await page.getByTestId("side-menu").getByText("Customer structure").click();
      await page.waitForURL(/\/overview$/);
      await page.getByTestId("kpis").waitFor();
      await chartsDrawn(page);
      // The industry and region bars are labelled with the customers' own data (行业, 省份): not
      // custra's texts, so only their card titles are checked.
      const parts = [
        page.getByTestId("side-menu"),
        page.getByTestId("breadcrumbs"),
        page.getByTestId("overview-selectors"),
        page.getByTestId("overview-hint"),
        page.getByTestId("kpis"),
        page.locator(".ant-card-head-title"),
        ...OVERVIEW_CHARTS.filter((name) => name !== "industry" && name !== "region").map((name) =>
          page.getByTestId(`chart-${name}`).locator("svg text"),
        ),
      ];
      const texts = (await Promise.all(parts.map((part) => part.allTextContents()))).flat().join("\n");
      expect(texts).toContain("Grade pyramid");
      expect(texts).toContain("Gini");
      expect(texts.match(CJK)?.[0] ?? null, texts).toBeNull();
      await shot(page, "english");
      await context.close();
    });

    it("says when there is no analysis yet, pointing to 导入 and 分析; a failed load says so and retries", async () => {
      const { context, page } = await signedInAt(bench, bench.users.manager, "/customers");
      const answer = (status: number, code: string) => (route: Route) =>
        route.fulfill({
          status,
          contentType: "application/problem+json",
          body: JSON.stringify({
            type: "about:blank",
            title: code,
            status,
            detail: code,
            code,
            params: {},
            requestId: "t",
          }),
        });
      const overviewUrl = "**/api/v1/structure/overview*";
      // A company that never ran an analysis: the API's answer then (packages/engine GRADE_NO_ANALYSIS).
      await page.route(overviewUrl, answer(409, "GRADE_NO_ANALYSIS"));
      await page.goto(`${bench.url}/overview`);
      const empty = page.getByTestId("overview-empty");
      await empty.waitFor();
      await expect(empty.innerText()).resolves.toMatch(/还没有分析结果[\s\S]*导入[\s\S]*分析/);
      await shot(page, "empty");

      await page.unroute(overviewUrl);
      await page.route(overviewUrl, answer(500, "INTERNAL"));
      await page.reload();
      await page.getByTestId("load-failed").waitFor();
      await expect(page.getByTestId("load-failed").innerText()).resolves.toContain("加载失败");
      await page.unroute(overviewUrl);
      await page.getByTestId("load-failed").getByRole("button").click();
      await page.getByTestId("kpis").waitFor();
      await context.close();
    });
  });
}
