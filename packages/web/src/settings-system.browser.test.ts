/**
 * 设置's system pages in a real browser (headless Debian chromium through playwright-core) against the
 * real server on a free port, over the demo company, on both engines: an admin names the company and
 * changes its currency (a bad fiscal year refused beside its field first), and the header and the
 * customer list's money follow, as GET /settings says; an API token made on the page works as a
 * Bearer token until it is revoked there; the audit log lists those changes as GET /audit does and
 * the chain verifies; a sales rep has none of these pages; and in English the schedule (off here) runs
 * the pipeline by hand to its end, with no Chinese left on the four pages. The tests run in order:
 * the audit log reads what the first two did. Screenshots: test-results/<engine>-system-<name>.png.
 */
import { ENGINES } from "@custra/db/testing";
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompanySettings, CustomerPage } from "./api/types.ts";
import { systemZhCN } from "./i18n/system.zh-CN.ts";
import type {
  ApiToken,
  AuditChainReport,
  AuditEntry,
  PipelineSchedule,
} from "./pages/system/system.types.ts";
import {
  CJK,
  openFromMenu,
  openWorkbench,
  screenshot,
  signedInAt,
  signedInHome,
  type Workbench,
} from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
/** How long a page may take to show what the server answered, on a loaded 2-core CI machine. */
const POLL = { timeout: 15_000 };
const COMPANY = "上海云帆示例贸易有限公司";
/** A token name without Chinese: the English page lists it, and it is the user's data, not custra's text. */
const TOKEN_NAME = "bi-nightly-export";
const PAGES = ["company", "schedule", "tokens", "audit"] as const;

for (const engine of ENGINES) {
  describe(`设置's system pages on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    /** The token the second test makes and revokes, for the audit log's test. */
    let tokenId = 0;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-system-${name}`);
    const getJson = async <T>(api: APIRequestContext, path: string): Promise<T> => {
      const response = await api.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const csrf = async (api: APIRequestContext) =>
      (await getJson<{ csrfToken: string }>(api, "/auth/session")).csrfToken;

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("lets an admin name the company and change its currency: the header and the customers' money follow, as GET /settings says", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      await openFromMenu(page, "设置", "公司设置", "/settings/company");
      const before = await getJson<CompanySettings>(context.request, "/settings");
      expect(before.settings).toMatchObject({ currency: "CNY", companyName: "" });
      // What the form shows is what the server has, with its defaults marked.
      const field = (key: string) => page.locator(`.ant-form-item:has(#company_${key})`);
      await expect(field("currency").innerText()).resolves.toContain("CNY · 人民币");
      await expect(page.locator("#company_fiscalYearStart").inputValue()).resolves.toBe(
        before.settings.fiscalYearStart,
      );
      for (const key of before.defaults) await page.getByTestId(`default-${key}`).waitFor();

      await page.locator("#company_companyName").fill(COMPANY);
      await page.locator("#company_currency").click();
      await page.locator("#company_currency").fill("EUR");
      await page.keyboard.press("Enter");
      await expect(field("currency").innerText()).resolves.toContain("EUR · 欧元");
      await page.locator("#company_fiscalYearStart").fill("02-30");
      await page.getByTestId("company-save").click();
      // Refused whole: the server's words beside the field, and nothing changed.
      const refused = await context.request.patch(`${bench.url}/api/v1/settings`, {
        headers: { "x-csrf-token": await csrf(context.request), "accept-language": "zh-CN" },
        data: { changes: { fiscalYearStart: "02-30" } },
      });
      expect(refused.status()).toBe(400);
      const [issue] = (await refused.json()).issues as { path: string; problem: string }[];
      expect(issue!.path).toBe("fiscalYearStart");
      await expect
        .poll(() => field("fiscalYearStart").locator(".ant-form-item-explain-error").innerText(), POLL)
        .toBe(issue!.problem);
      expect((await getJson<CompanySettings>(context.request, "/settings")).settings).toEqual(
        before.settings,
      );
      await shot(page, "company-refused");

      await page.locator("#company_fiscalYearStart").fill("04-01");
      await page.getByTestId("company-save").click();
      await expect
        .poll(async () => (await getJson<CompanySettings>(context.request, "/settings")).settings, POLL)
        .toEqual({ ...before.settings, companyName: COMPANY, currency: "EUR", fiscalYearStart: "04-01" });
      await expect.poll(() => page.getByTestId("company-name").innerText(), POLL).toBe(COMPANY);
      await expect(page.getByTestId("default-currency").count()).resolves.toBe(0);
      await shot(page, "company-saved");

      // The customer list shows each amount in euros: the API's revenue, rounded, behind a €.
      await page.getByTestId("side-menu").locator('a[href="/customers"]').click();
      await page.waitForURL(/\/customers/);
      const table = page.getByTestId("customers-table");
      await table.locator(ROWS).first().waitFor();
      const { items } = await getJson<CustomerPage>(context.request, "/customers?limit=20");
      const priced = items.filter((item) => item.revenue !== null);
      expect(priced.length).toBeGreaterThan(0);
      for (const item of priced) {
        const cell = await table.locator(`tr[data-row-key="${item.code}"] td.col-revenue`).innerText();
        expect(cell, item.code).toContain("€");
        expect(Number(cell.replace(/[^\d-]/g, "")), item.code).toBe(Math.round(item.revenue!));
      }
      await shot(page, "customers-in-euros");
      await context.close();
    });

    it("makes an API token shown once that works as a Bearer token until it is revoked on the page", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/settings/tokens");
      await page.getByTestId("token-create").click();
      await page.locator("#token_name").fill(TOKEN_NAME);
      await page.locator("#token_expiresOn").click();
      await page.locator("#token_expiresOn").fill("2099-12-31");
      await page.keyboard.press("Enter");
      await page.getByTestId("token-submit").click();
      const secret = await page.getByTestId("secret-value").innerText();
      expect(secret).toMatch(/^custra_/);
      // The form's dialog gone and the token's fully open: the picture shows the one, not both in motion.
      await page.getByTestId("token-submit").waitFor({ state: "hidden" });
      await expect
        .poll(() => page.locator(".ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave").count())
        .toBe(0);
      await shot(page, "token-shown-once");

      const listed = await getJson<ApiToken[]>(context.request, "/tokens");
      const made = listed.find((token) => token.name === TOKEN_NAME)!;
      expect(made).toMatchObject({ revokedAt: null, expiresAt: expect.stringMatching(/^2099-12-31T/) });
      tokenId = made.id;
      // The list never carries the token, only that it exists.
      expect(JSON.stringify(listed)).not.toContain(secret);

      // A script with the token and no cookie acts as the admin.
      const script = await request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
      try {
        const session = await getJson<{ user: { email: string } }>(script, "/auth/session");
        expect(session.user.email).toBe(bench.users.admin.email);
        expect(await getJson(script, "/settings")).toEqual(await getJson(context.request, "/settings"));

        await page.getByTestId("secret-done").click();
        const row = page.getByTestId("tokens-table").locator(`tr[data-row-key="${made.id}"]`);
        await expect(row.innerText()).resolves.toMatch(
          /bi-nightly-export[\s\S]*管理员[\s\S]*2099-12-31[\s\S]*有效/,
        );
        await expect(page.getByTestId("tokens").innerText()).resolves.not.toContain(secret);
        await row.getByTestId("token-revoke").click();
        await page.getByTestId("revoke-confirm").click();
        await expect.poll(() => row.getByTestId("token-status").innerText(), POLL).toBe("已撤销");
        const revoked = (await getJson<ApiToken[]>(context.request, "/tokens")).find((t) => t.id === made.id);
        expect(revoked?.revokedAt).toEqual(expect.any(String));
        const refused = await script.get(`${bench.url}/api/v1/settings`);
        expect(refused.status()).toBe(401);
        await shot(page, "token-revoked");
      } finally {
        await script.dispose();
      }
      await context.close();
    });

    it("lists those changes in the audit log as GET /audit does, opens one, filters, and verifies the chain", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/settings/audit");
      const table = page.getByTestId("audit-table");
      const newest = await getJson<AuditEntry[]>(context.request, "/audit?limit=50");
      await expect.poll(() => table.locator(ROWS).count(), POLL).toBe(newest.length);
      const ids = await table.locator(`${ROWS} td:nth-child(2)`).allInnerTexts();
      expect(ids.map(Number)).toEqual(newest.map((entry) => entry.id));

      // The two tests before: the settings change and the token made and revoked, by the admin.
      const admin = (entry: AuditEntry) => entry.actorName === bench.users.admin.username;
      const changed = newest.find((entry) => entry.action === "settings.update" && admin(entry))!;
      expect(changed.changes).toMatchObject({ currency: { before: "CNY", after: "EUR" } });
      for (const action of ["token.create", "token.revoke"])
        expect(
          newest.some(
            (entry) => entry.action === action && entry.entityId === String(tokenId) && admin(entry),
          ),
          action,
        ).toBe(true);
      const row = table.locator(`tr[data-row-key="${changed.id}"]`);
      await expect(row.innerText()).resolves.toContain(systemZhCN.audit.actions.settings.update);
      await row.locator(".ant-table-row-expand-icon").click();
      const changes = page.getByTestId(`audit-entry-${changed.id}`).getByTestId("entry-changes");
      await expect(changes.locator(`${ROWS}[data-row-key="currency"]`).innerText()).resolves.toMatch(
        /货币\s+CNY\s+EUR/,
      );
      await expect(changes.locator(`${ROWS}[data-row-key="companyName"]`).innerText()).resolves.toMatch(
        new RegExp(`公司名称\\s+（空）\\s+${COMPANY}`),
      );
      await shot(page, "audit-entry");

      // Only the token's creations, as the API filters them.
      await page.getByTestId("filter-action").click();
      await page.keyboard.type(systemZhCN.audit.actions.token.create);
      await page.keyboard.press("Enter");
      const created = await getJson<AuditEntry[]>(context.request, "/audit?action=token.create&limit=51");
      await expect
        .poll(async () => (await table.locator(`${ROWS} td:nth-child(2)`).allInnerTexts()).map(Number), POLL)
        .toEqual(created.map((entry) => entry.id));

      await page.getByTestId("audit-verify").click();
      const report = await getJson<AuditChainReport>(context.request, "/audit/verify");
      expect(report.ok).toBe(true);
      await expect
        .poll(() => page.getByTestId("verify-result").innerText(), POLL)
        .toBe(`哈希链完整：${report.entries} 条记录均未被删改。`);
      await shot(page, "audit-verified");
      await context.close();
    });

    it("gives a sales rep none of these pages: no 设置 in the menu, and 无权访问 by URL", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      await expect(page.getByTestId("side-menu").innerText()).resolves.not.toContain("设置");
      for (const name of PAGES) {
        await page.goto(`${bench.url}/settings/${name}`);
        await page.getByTestId("forbidden").waitFor();
        await expect(page.getByTestId("forbidden").innerText()).resolves.toContain("无权访问");
      }
      await shot(page, "sales-forbidden");
      await context.close();
    });

    it("in English: runs the pipeline from the schedule (off here) to its end, and no Chinese is left on the pages", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Settings");
      await openFromMenu(page, "Settings", "Schedule", "/settings/schedule");
      const schedule = await getJson<PipelineSchedule>(context.request, "/jobs/schedule");
      expect(schedule).toMatchObject({ pattern: null, nextRuns: [], lastJob: null });
      await expect(page.getByTestId("schedule-off").innerText()).resolves.toContain(
        "The pipeline does not run on its own",
      );

      await page.getByTestId("run-now").click();
      const lastJob = page.getByTestId("last-job");
      await expect
        .poll(() => lastJob.getByTestId("job-status").innerText(), { timeout: 90_000 })
        .toBe("Succeeded");
      const { lastJob: job } = await getJson<PipelineSchedule>(context.request, "/jobs/schedule");
      expect(job).toMatchObject({ status: "succeeded", trigger: "manual" });
      await lastJob.getByTestId(`job-${job!.id}`).waitFor();
      await expect(lastJob.getByTestId("job-result").innerText()).resolves.toContain(
        `${job!.result!.analysis.customers} customers`,
      );
      await page.mouse.move(0, 0);
      await page.locator(".ant-tooltip").waitFor({ state: "hidden" });
      await shot(page, "english-schedule");

      // custra's texts only: the header's company name is the company's own (Chinese) name.
      const content = page.locator(".ant-layout-content");
      /** Opens a page from the menu and scans it once `ready` (what its data shows in) is there. */
      const english = async (path: string, ready: string) => {
        await page.getByTestId("side-menu").locator(`a[href="/settings/${path}"]`).click();
        await page.waitForURL(new RegExp(`/settings/${path}$`));
        await content.locator(ready).first().waitFor();
        const texts = [await page.getByTestId("side-menu").innerText(), await content.innerText()].join("\n");
        expect(texts.match(CJK)?.[0] ?? null, `${path}: ${texts}`).toBeNull();
      };
      await english("company", "[data-testid=company-settings]");
      await expect(content.innerText()).resolves.toContain("EUR · Euro");
      await english("tokens", `[data-testid=tokens-table] ${ROWS}`);
      await english("schedule", `[data-testid=job-${job!.id}]`);
      await english("audit", `[data-testid=audit-table] ${ROWS}`);
      await shot(page, "english-audit");
      await context.close();
    });
  });
}
