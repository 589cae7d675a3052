/**
 * 分级方案 / grading schemes in a real browser (headless Debian chromium through playwright-core)
 * against the real server over the demo company (analysed and graded once), on both engines: a
 * changed weight previewed as the API previews it, a refused weight named beside its field, the
 * draft applied and the customer list's grades following, the new version's diff, the migration
 * matrix between the two grade runs, a reader without editSchemes, and the English texts. Each
 * step saves a screenshot to packages/web/test-results/<engine>-grading-<name>.png.
 */
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CJK,
  chooseOption,
  openWorkbench,
  screenshot,
  signedInHome,
  type Workbench,
} from "./testing/workbench.fixture.ts";

const POLL = { timeout: 20_000 };
const ROWS = ".ant-table-tbody tr[data-row-key]";

interface Scheme {
  version: number;
  definition: { dimensions: { field: string; weight: number }[]; grades: { code: string }[] };
}
interface Preview {
  distribution: { grade: string; customers: number }[];
  changes: {
    changed: number;
    up: number;
    down: number;
    added: number;
    customers: { code: string; from: string | null; to: string }[];
  };
}

for (const engine of ENGINES) {
  describe(`grading schemes on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-grading-${name}`);
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    /** A POST as the page makes it: with the session's CSRF token. */
    const post = async (request: APIRequestContext, path: string, body: unknown) => {
      const { csrfToken } = await getJson<{ csrfToken: string }>(request, "/auth/session");
      return request.post(`${bench.url}/api/v1${path}`, {
        data: body,
        headers: { "x-csrf-token": csrfToken },
      });
    };
    const preview = async (request: APIRequestContext, document: unknown): Promise<Preview> => {
      const response = await post(request, "/schemes/preview", { document, changeLimit: 200 });
      expect(response.status()).toBe(200);
      return (await response.json()) as Preview;
    };
    /** The page's input of a number field: the test id is on antd's wrapper or on the input. */
    const numberInput = (page: Page, id: string): Locator =>
      page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();
    const numbersIn = async (locator: Locator) =>
      ((await locator.innerText()).replace(/,/g, "").match(/\d+/g) ?? []).map(Number);
    const previewSettled = async (page: Page) => {
      await expect.poll(() => page.getByTestId("preview").getAttribute("data-pending"), POLL).toBe("false");
    };
    const openGrading = async (page: Page) => {
      await page.getByTestId("side-menu").locator('a[href="/grading"]').click();
      await page.waitForURL(/\/grading$/);
      await page.getByTestId("scheme-editor").waitFor();
    };

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("previews a changed weight as the API does, names a refused one beside its field, applies it: the list's grades, the new version's diff and the migration follow", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      const request = context.request;
      await page.getByTestId("side-menu").getByText("分级").click();
      await page.waitForURL(/\/grading$/);
      await page.getByTestId("scheme-editor").waitFor();
      await expect(page.getByTestId("scheme-picker").innerText()).resolves.toContain("客户价值分级");
      await expect(page.getByTestId("breadcrumbs").innerText()).resolves.toContain("分级");
      const stored = await getJson<Scheme>(request, "/schemes/value");
      expect(stored.version).toBe(1);
      await expect(page.getByTestId("scheme-version").innerText()).resolves.toContain("v1");

      // The version in use, previewed against the grades it gave: nobody moves.
      const unchanged = await preview(request, stored.definition);
      expect(unchanged.changes).toMatchObject({ changed: 0, added: 0 });
      await expect.poll(() => numbersIn(page.getByTestId("preview-summary")), POLL).toEqual([0, 0, 0, 0]);
      await shot(page, "opened");
      // One grade run so far: nothing to migrate between yet, and the page says so.
      await page.getByTestId("grading-tabs").getByText("等级迁移").click();
      await expect
        .poll(() => page.getByTestId("grading-tabs").innerText(), POLL)
        .toContain("需要至少两个分级批次");
      await page.getByTestId("grading-tabs").getByText("方案定义").click();

      // Predicted value (the first dimension) down from 0.45 to 0.05: past value and margin lead.
      const first = stored.definition.dimensions[0]!;
      expect(first).toMatchObject({ field: "clv", weight: 0.45 });
      await numberInput(page, "weight-0").fill("0.05");
      await page.getByTestId("dirty").waitFor();
      const draft = {
        ...stored.definition,
        dimensions: stored.definition.dimensions.map((d, k) => (k === 0 ? { ...d, weight: 0.05 } : d)),
      };
      const expected = await preview(request, draft);
      expect(expected.changes.changed).toBeGreaterThan(0);
      const { changes } = expected;
      await expect
        .poll(() => numbersIn(page.getByTestId("preview-summary")), POLL)
        .toEqual([changes.changed, changes.up, changes.down, changes.added]);
      await previewSettled(page);
      for (const { grade, customers } of expected.distribution) {
        expect((await numbersIn(page.getByTestId(`after-${grade}`)))[0], grade).toBe(customers);
      }
      const shownCodes = await page
        .getByTestId("preview-changes")
        .locator(ROWS)
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-row-key")));
      expect(shownCodes).toEqual(changes.customers.slice(0, 10).map((c) => c.code));
      const firstMove = await page
        .getByTestId("preview-changes")
        .locator(ROWS)
        .first()
        .getByTestId("move")
        .innerText();
      expect(firstMove.replace(/\s/g, "")).toBe(`${changes.customers[0]!.from}${changes.customers[0]!.to}`);
      await shot(page, "preview");

      // A weight of 0 is refused: the server's problem beside the field and in the list on top.
      const secondWeight = stored.definition.dimensions[1]!.weight;
      await numberInput(page, "weight-1").fill("0");
      const refused = await post(request, "/schemes/preview", {
        document: {
          ...draft,
          dimensions: draft.dimensions.map((d, k) => (k === 1 ? { ...d, weight: 0 } : d)),
        },
      });
      expect(refused.status()).toBe(400);
      const [issue] = (await refused.json()).issues as { path: string; problem: string }[];
      expect(issue!.path).toBe("dimensions[1].weight");
      await expect
        .poll(() => page.getByTestId(`issue-${issue!.path}`).innerText(), POLL)
        .toBe(issue!.problem);
      await expect(page.getByTestId("scheme-issues").innerText()).resolves.toContain(issue!.path);
      expect(await page.getByTestId("apply").isDisabled()).toBe(true);
      expect(await page.getByTestId("save-version").isDisabled()).toBe(true);
      await shot(page, "invalid");
      await numberInput(page, "weight-1").fill(String(secondWeight));
      await expect.poll(() => page.getByTestId("scheme-issues").count(), POLL).toBe(0);
      await previewSettled(page);

      // Before applying, the list shows the moved customer's old grade.
      const moved = changes.customers.find((c) => c.from !== null)!;
      const listed = async () =>
        (
          await getJson<{ items: { code: string; grade: string }[] }>(
            request,
            `/customers?search=${encodeURIComponent(moved.code)}`,
          )
        ).items.find((item) => item.code === moved.code)?.grade;
      expect(await listed()).toBe(moved.from);

      await page.getByTestId("apply").click();
      await page.getByTestId("apply-confirm").click();
      await page.getByTestId("applied").waitFor({ timeout: 60_000 });
      await shot(page, "applied");
      const saved = await getJson<Scheme>(request, "/schemes/value");
      expect(saved.version).toBe(2);
      expect(saved.definition.dimensions[0]!.weight).toBe(0.05);
      await expect.poll(() => page.getByTestId("scheme-version").innerText(), POLL).toContain("v2");
      expect(await listed()).toBe(moved.to);

      // The customer list shows the new grades: the moved customer's, and as many A as previewed.
      await page.goto(`${bench.url}/customers?search=${encodeURIComponent(moved.code)}`);
      const row = page.getByTestId("customers-table").locator(`${ROWS}[data-row-key]`).first();
      await row.waitFor();
      await expect.poll(() => row.locator("td.col-grade").innerText(), POLL).toBe(moved.to);
      await shot(page, "customer-moved");
      const top = expected.distribution[0]!;
      await page.goto(`${bench.url}/customers?grade=${top.grade}`);
      await page.getByTestId("customers-table").locator(ROWS).first().waitFor();
      const inGrade = await getJson<{ total: number }>(request, `/customers?grade=${top.grade}&limit=1`);
      expect(inGrade.total).toBe(top.customers);
      await expect
        .poll(async () => (await numbersIn(page.getByTestId("customers-total")))[0], POLL)
        .toBe(top.customers);
      const grades = await page.locator(`${ROWS} td.col-grade`).allInnerTexts();
      expect(new Set(grades)).toEqual(new Set([top.grade]));
      await shot(page, "customers-after");

      // The history: v2 in use, and its diff from v1 names the weight, old → new.
      await page.getByTestId("side-menu").locator('a[href="/grading"]').click();
      await page.getByTestId("scheme-editor").waitFor();
      await page.getByTestId("grading-tabs").getByText("版本历史").click();
      await expect.poll(() => page.getByTestId("versions").locator(ROWS).count(), POLL).toBe(2);
      await expect(page.getByTestId("versions").locator(ROWS).first().innerText()).resolves.toMatch(
        /v2\s*使用中/,
      );
      const diff = page.getByTestId("diff").locator(ROWS);
      await expect.poll(() => diff.count(), POLL).toBe(1);
      const v1 = await getJson<Scheme>(request, "/schemes/value?version=1");
      const line = await diff.first().innerText();
      expect(line).toContain("dimensions[0].weight");
      expect(line).toContain("权重");
      expect(line).toContain(String(v1.definition.dimensions[0]!.weight));
      expect(line).toContain(String(saved.definition.dimensions[0]!.weight));
      await shot(page, "history");

      // The migration between the pipeline's grade run and the one just made: the API's counts.
      await page.getByTestId("grading-tabs").getByText("等级迁移").click();
      await page.getByTestId("migration-matrix").waitFor();
      const runs = await getJson<{ runs: { id: number }[] }>(request, "/grade-runs?scheme=value&limit=2");
      const migration = await getJson<{ grades: string[]; counts: Record<string, Record<string, number>> }>(
        request,
        `/grades/migration?scheme=value&from=${runs.runs[1]!.id}&to=${runs.runs[0]!.id}&dropLimit=0`,
      );
      let moves = 0;
      for (const from of migration.grades) {
        for (const to of migration.grades) {
          const count = migration.counts[from]![to]!;
          if (from !== to) moves += count;
          expect(Number(await page.getByTestId(`cell-${from}-${to}`).innerText()), `${from}→${to}`).toBe(
            count,
          );
        }
      }
      expect(moves).toBe(changes.changed);
      await shot(page, "migration");
      await context.close();
    });

    it("shows a reader without editSchemes the scheme read only, and the analyst (whose role edits schemes) the editor", async () => {
      for (const user of [bench.users.sales, bench.users.analyst]) {
        const { context, page } = await signedInHome(bench, user);
        if (user === bench.users.sales) {
          // A scheme that fails to load says so with the server's words, and loads on a retry.
          await page.route("**/api/v1/schemes/value", (route) =>
            route.fulfill({
              status: 500,
              contentType: "application/problem+json",
              body: JSON.stringify({ code: "SERVER_INTERNAL", detail: "服务器内部错误", params: {} }),
            }),
          );
          await page.getByTestId("side-menu").locator('a[href="/grading"]').click();
          await expect
            .poll(() => page.getByTestId("load-failed").innerText(), POLL)
            .toContain("服务器内部错误");
          await shot(page, "load-failed");
          await page.unroute("**/api/v1/schemes/value");
          await page.getByTestId("load-failed").getByRole("button").click();
          await page.getByTestId("scheme-editor").waitFor();
        }
        const { user: me } = await getJson<{ user: { permissions: string[]; allCustomers: boolean } }>(
          context.request,
          "/auth/session",
        );
        if (user !== bench.users.sales) await openGrading(page);
        const edits = me.permissions.includes("editSchemes");
        const applies = edits && me.permissions.includes("analyze") && me.allCustomers;
        expect(await page.getByTestId("save-version").count(), user.role).toBe(edits ? 1 : 0);
        expect(await page.getByTestId("apply").count(), user.role).toBe(applies ? 1 : 0);
        expect(await numberInput(page, "weight-0").count(), user.role).toBe(edits ? 1 : 0);
        expect(await page.getByTestId("read-only").count(), user.role).toBe(edits ? 0 : 1);
        if (!edits) {
          // The grades now instead of a preview, counted within the reader's customers.
          const [run] = (
            await getJson<{ runs: { grades: { grade: string; customers: number }[] }[] }>(
              context.request,
              "/grade-runs?scheme=value&limit=1",
            )
          ).runs;
          const table = page.getByTestId("current-grades");
          await table.locator(ROWS).first().waitFor();
          for (const { grade, customers } of run!.grades) {
            const cells = await numbersIn(table.locator(`${ROWS}[data-row-key="${grade}"] td`).nth(1));
            expect(cells[0], grade).toBe(customers);
          }
          await shot(page, `reader-${user.role}`);
          // Another scheme from the picker, by its title: its score bands are spelled out.
          await page.getByTestId("scheme-picker").click();
          await chooseOption(page, "信用分级");
          await page.waitForURL(/\/grading\?scheme=credit$/);
          await expect.poll(() => page.getByTestId("dimensions").innerText(), POLL).toContain("最长逾期天数");
          await expect(page.getByTestId("dimensions").innerText()).resolves.toContain("分档");
          await shot(page, `reader-${user.role}-credit`);
          await page.getByTestId("grading-tabs").getByText("版本历史").click();
          await page.getByTestId("versions").locator(ROWS).first().waitFor();
          expect(await page.locator('[data-testid^="open-"]').count()).toBe(0);
        } else {
          await shot(page, `reader-${user.role}`);
        }
        await context.close();
      }
    });

    it("has no Chinese left in English: the editor, the preview, the history and the migration", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      await openGrading(page);
      await page.getByTestId("language-switch").click();
      await expect
        .poll(() => page.getByTestId("grading-tabs").innerText(), POLL)
        .toContain("Version history");
      await numberInput(page, "weight-2").fill("0.5");
      await previewSettled(page);
      await page.getByTestId("preview-changes").waitFor();
      /**
       * The menu's, the breadcrumbs' and the page's words; customers' names are data, not texts of
       * the workbench (and the header names the user and offers 中文).
       */
      const words = () =>
        page.evaluate(() =>
          ['[data-testid="side-menu"]', '[data-testid="breadcrumbs"]', '[data-testid="grading"]']
            .map((selector) => {
              const copy = document.querySelector(selector)!.cloneNode(true) as HTMLElement;
              for (const name of copy.querySelectorAll(".customer-name")) name.remove();
              return copy.innerText;
            })
            .join("\n"),
        );
      const definition = await words();
      expect(definition).toContain("Live preview");
      expect(definition).toContain("Predicted lifetime value (CLV)");
      expect(definition.match(CJK)?.[0] ?? null, definition).toBeNull();
      await shot(page, "english");
      for (const [tab, marker] of [
        ["Version history", "Compare with previous"],
        ["Grade migration", "From grade"],
      ] as const) {
        await page.getByTestId("grading-tabs").getByText(tab).click();
        await expect.poll(() => words(), POLL).toContain(marker);
        const text = await words();
        expect(text.match(CJK)?.[0] ?? null, text).toBeNull();
        await shot(page, `english-${tab.split(" ")[1]!.toLowerCase()}`);
      }
      await context.close();
    });
  });
}
