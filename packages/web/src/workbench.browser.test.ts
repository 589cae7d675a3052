/**
 * The workbench in a real browser (headless Debian chromium through playwright-core) against the
 * real server on a free port, over the demo company, on both engines. Each test saves a
 * screenshot to packages/web/test-results/<engine>-<name>.png.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DEMO_PASSWORD } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "../../../scripts/web-build.ts";
import { CJK, openWorkbench, screenshot, signedIn, type Workbench } from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
/** How long a page may take to show what the server answered, on a loaded 2-core CI machine. */
const POLL = { timeout: 15_000 };

for (const engine of ENGINES) {
  describe(`the web workbench on ${engine}`, { timeout: 120_000 }, () => {
    let bench: Workbench;
    /** The admin's window, signed in by the first test and used by the next ones. */
    let admin: { context: BrowserContext; page: Page };
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-${name}`);
    const countCustomers = async (owner?: string) => {
      let query = bench.handle.db.selectFrom("customers").select((eb) => eb.fn.countAll<number>().as("n"));
      if (owner !== undefined) query = query.where("owner", "=", owner);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };
    const totalShown = async (page: Page) => {
      const text = (await page.getByTestId("customers-total").innerText()).replace(/[\s,]/g, "");
      return Number(/(\d+)/.exec(text)?.[1]);
    };

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await admin?.context.close();
      await bench?.close();
    });

    it("signs in in Chinese and lists the customers with their total, in under 1 MB of gzipped JavaScript", async () => {
      const context = await bench.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const scripts = new Set<string>();
      page.on("request", (request) => {
        if (request.resourceType() === "script") scripts.add(new URL(request.url()).pathname);
      });
      await page.goto(bench.url);
      await page.waitForURL(/\/sign-in/);
      await expect(page.getByTestId("sign-in").innerText()).resolves.toMatch(/登\s*录/);
      await shot(page, "sign-in");
      const signInScripts = [...scripts];
      await page.getByTestId("email").fill(bench.users.admin.email);
      await page.getByTestId("password").fill(DEMO_PASSWORD);
      await page.getByTestId("sign-in").click();
      // Signing in lands on the home page, 工作台; the list is one menu click away.
      await page.waitForURL(`${bench.url}/`);
      await page.getByTestId("my-day").waitFor();
      await page.getByTestId("side-menu").locator('a[href="/customers"]').click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId("customers-table").locator(ROWS).first().waitFor();
      admin = { context, page };

      const all = await countCustomers();
      expect(await totalShown(page)).toBe(all);
      await expect(page.getByTestId("customers-total").innerText()).resolves.toMatch(/^共 .+ 位客户$/);
      expect(await page.locator(ROWS).count()).toBe(Math.min(20, all));
      const menu = await page.getByTestId("side-menu").innerText();
      expect(menu).toContain("客户");
      expect(menu).toContain("设置");
      // The pages in the menu's order.
      const entries = menu.split("\n").map((line) => line.trim());
      expect(entries.filter((line) => line !== "")).toEqual([
        "工作台",
        "客户结构",
        "客户",
        "分级",
        "任务",
        "满意度",
        "导入",
        "分析",
        "设置",
      ]);
      await shot(page, "customers");

      // The first pages (sign-in, 工作台, then the list): every script they loaded, gzipped.
      const gzipped = async (files: Iterable<string>) => {
        let bytes = 0;
        for (const file of files) bytes += gzipSync(await readFile(path.join(WEB_DIST, file))).length;
        return bytes;
      };
      const atSignIn = await gzipped(signInScripts);
      const withList = await gzipped(scripts);
      const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
      console.info(
        `first page JavaScript, gzipped: sign-in ${kib(atSignIn)} (${signInScripts.length} files), ` +
          `with the customer list ${kib(withList)} (${scripts.size} files)`,
      );
      expect(signInScripts.length).toBeGreaterThan(0);
      expect(withList).toBeLessThan(1024 * 1024);
      // React's production build: its development build (which a build run with NODE_ENV=test
      // made) creates an Error with a stack for every element, several times slower.
      for (const file of scripts) {
        const code = await readFile(path.join(WEB_DIST, file), "utf8");
        expect(code, file).not.toContain("react-stack-top-frame");
      }
    });

    it("filters on the server: the filter goes into the URL and changes the rows and the total", async () => {
      const { page } = admin;
      const before = await totalShown(page);
      await page.getByTestId("filter-valueTier").click();
      await page.locator(".ant-select-item-option", { hasText: "高价值" }).click();
      await page.keyboard.press("Escape");
      await page.waitForURL(/valueTier=high/);
      const expected = await admin.context.request
        .get(`${bench.url}/api/v1/customers?valueTier=high&limit=1`)
        .then((response) => response.json() as Promise<{ total: number }>);
      await expect.poll(() => totalShown(page), POLL).toBe(expected.total);
      expect(expected.total).toBeGreaterThan(0);
      expect(expected.total).toBeLessThan(before);
      // Every row is high value (the value tier column).
      const tiers = await page.locator(`${ROWS} td.col-valueTier`).allInnerTexts();
      expect(tiers.length).toBe(Math.min(20, expected.total));
      expect(new Set(tiers)).toEqual(new Set(["高价值"]));

      // The URL alone opens the same list: a link to it shows the same total.
      const link = page.url();
      const other = await admin.context.newPage();
      await other.goto(link);
      await other.locator(ROWS).first().waitFor();
      expect(await totalShown(other)).toBe(expected.total);
      await other.close();
      await shot(page, "customers-filtered");
    });

    it("opens a customer's 360 view from the list and shows its grade and scores", async () => {
      const { page } = admin;
      const link = page.locator(`${ROWS} td.col-code a`).first();
      const code = await link.innerText();
      await link.click();
      await page.waitForURL(new RegExp(`/customers/${code}$`));
      await page.getByTestId("customer-grades").waitFor();
      const view = await admin.context.request.get(`${bench.url}/api/v1/customers/${code}`).then(
        (response) =>
          response.json() as Promise<{
            customer: { name: string };
            grades: { gradeLabel: string }[];
            orders: unknown[];
            invoices: unknown[];
          }>,
      );
      expect(view.grades.length).toBeGreaterThan(0);
      const grades = await page.getByTestId("customer-grades").innerText();
      for (const grade of view.grades) expect(grades).toContain(grade.gradeLabel);
      await expect(page.getByTestId("customer-name").innerText()).resolves.toBe(view.customer.name);
      await expect(page.getByTestId("customer-scores").innerText()).resolves.toContain("存活概率");
      await expect(page.getByTestId("breadcrumbs").innerText()).resolves.toContain(code);
      await shot(page, "customer-360");
      // The tabs show the 360 payload's records: its orders, and its open invoices with their aging.
      await page.getByRole("tab", { name: "订单" }).click();
      const orders = page.getByRole("tabpanel").locator(ROWS);
      await expect.poll(() => orders.count(), POLL).toBe(view.orders.length);
      await page.getByRole("tab", { name: "发票与账龄" }).click();
      const invoices = page.getByRole("tabpanel");
      await expect.poll(() => invoices.locator(ROWS).count(), POLL).toBe(view.invoices.length);
      await expect(invoices.innerText()).resolves.toContain("未收合计");
      await shot(page, "customer-360-invoices");
    });

    it("shows admins the users of the company under 设置 / 用户", async () => {
      const { page } = admin;
      await page.getByTestId("side-menu").getByText("设置").click();
      await page.getByTestId("side-menu").getByText("用户").click();
      await page.waitForURL(/\/settings\/users$/);
      const rows = page.getByTestId("users-table").locator(ROWS);
      await rows.first().waitFor();
      const users = await bench.handle.db.selectFrom("users").select("email").execute();
      expect(await rows.count()).toBe(Math.min(50, users.length));
      const shown = await page.getByTestId("users-table").innerText();
      for (const { email } of users) if (email) expect(shown).toContain(email);
      await shot(page, "users");
    });

    it("shows a sales rep only their own customers; another owner's customer by URL is 'not found'", async () => {
      const sales = bench.users.sales;
      const { context, page } = await signedIn(bench, sales);
      expect(await totalShown(page)).toBe(await countCustomers(sales.username));
      expect(await page.getByTestId("side-menu").innerText()).not.toContain("设置");
      const others = await bench.handle.db
        .selectFrom("customers")
        .select("code")
        .where((eb) => eb.or([eb("owner", "<>", sales.username), eb("owner", "is", null)]))
        .orderBy("code")
        .executeTakeFirstOrThrow();
      await page.goto(`${bench.url}/customers/${others.code}`);
      await page.getByTestId("customer-not-found").waitFor();
      await expect(page.getByTestId("customer-not-found").innerText()).resolves.toContain("未找到该客户");
      await shot(page, "sales-not-found");

      // A page the role may not open says so; an address the app does not know is a 404 page.
      await page.goto(`${bench.url}/settings/users`);
      await page.getByTestId("forbidden").waitFor();
      await expect(page.getByTestId("forbidden").innerText()).resolves.toContain("无权访问");
      await shot(page, "sales-forbidden");
      await page.goto(`${bench.url}/no-such-page`);
      await page.getByTestId("not-found").waitFor();
      await expect(page.getByTestId("not-found").innerText()).resolves.toContain("页面不存在");
      await shot(page, "not-found");
      await context.close();
    });

    it("shows an analyst masked phone numbers, in the list and in the 360 view", async () => {
      const { context, page } = await signedIn(bench, bench.users.analyst);
      const phones = (await page.locator(`${ROWS} td.col-phone`).allInnerTexts()).filter(
        (text) => text !== "—",
      );
      expect(phones.length).toBeGreaterThan(0);
      for (const phone of phones) expect(phone).toMatch(MASKED_PHONE);
      await shot(page, "analyst-masked");
      await page.locator(`${ROWS} td.col-code a`).first().click();
      await page.getByTestId("customer-phone").waitFor();
      const detail = await page.getByTestId("customer-phone").innerText();
      if (detail !== "—") expect(detail).toMatch(MASKED_PHONE);
      await context.close();
    });

    it("switches to English in one click: no Chinese left in the shell and the list, remembered on reload", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Customers");
      await expect
        .poll(() => page.getByTestId("customers-total").innerText(), POLL)
        .toMatch(/^\d[\d,]* customers$/);
      await page.locator(ROWS).first().waitFor();
      const shell = async () => {
        // The language switch names the other language in that language (中文) on purpose; the
        // user menu's button is the user's name (data), its menu is scanned open below.
        const parts = [
          page.getByTestId("side-menu"),
          page.getByTestId("breadcrumbs"),
          page.getByTestId("customer-filters"),
          page.locator(".ant-table-thead"),
          page.getByTestId("customers-total"),
          page.locator("button:not([data-testid=language-switch]):not([data-testid=user-menu])"),
          // The columns whose values are custra's codes (grade … churn warning), not customer data.
          ...["grade", "valueTier", "lifecycle", "rfmSegment", "abcClass", "churnWarning"].map((column) =>
            page.locator(`${ROWS} td.col-${column}`),
          ),
        ];
        const texts = await Promise.all(parts.map((part) => part.allInnerTexts()));
        return texts.flat().join("\n");
      };
      const english = await shell();
      expect(english).toContain("Value tier");
      await expect(page.getByTestId("language-switch").innerText()).resolves.toBe("中文");
      expect(english.match(CJK)?.[0] ?? null, english).toBeNull();
      await page.getByTestId("user-menu").click();
      const userMenu = page.locator(".ant-dropdown-menu");
      await userMenu.waitFor();
      await expect(userMenu.innerText()).resolves.toMatch(/Role: Admin\s+Sign out/);
      await shot(page, "english-customers");
      await page.keyboard.press("Escape");

      await page.reload();
      await page.locator(ROWS).first().waitFor();
      await expect(page.getByTestId("side-menu").innerText()).resolves.toContain("Customers");
      const reloaded = await shell();
      expect(reloaded.match(CJK)?.[0] ?? null, reloaded).toBeNull();

      // The API answers in English too: the grade labels of the 360 view are rendered by the server.
      await page.locator(`${ROWS} td.col-code a`).first().click();
      await page.getByTestId("customer-grades").waitFor();
      const grades = await page.getByTestId("customer-grades").innerText();
      expect(grades.match(CJK)?.[0] ?? null, grades).toBeNull();
      await shot(page, "english-customer-360");
      await context.close();
    });

    it("shows the server's reason for a refused sign-in, in the chosen language", async () => {
      const context = await bench.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const refused = async (language: string) => {
        const answer = await fetch(`${bench.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", "accept-language": language },
          body: JSON.stringify({ email: "nobody@example.com", password: "not-the-password" }),
        });
        return ((await answer.json()) as { detail: string }).detail;
      };
      await page.goto(`${bench.url}/sign-in`);
      await page.getByTestId("email").fill("nobody@example.com");
      await page.getByTestId("password").fill("not-the-password");
      await page.getByTestId("sign-in").click();
      await page.getByTestId("sign-in-error").waitFor();
      await expect(page.getByTestId("sign-in-error").innerText()).resolves.toBe(await refused("zh-CN"));
      await shot(page, "sign-in-refused");
      await page.getByTestId("language-switch").click();
      await page.getByTestId("sign-in").click();
      await expect.poll(() => page.getByTestId("sign-in-error").innerText(), POLL).toBe(await refused("en"));
      await context.close();
    });

    it("sends a user whose session ended back to sign in, and after signing in to where they were", async () => {
      const { context, page } = await signedIn(bench, bench.users.manager);
      const link = page.locator(`${ROWS} td.col-code a`).first();
      const code = await link.innerText();
      await context.clearCookies();
      await link.click();
      await page.waitForURL(/\/sign-in\?next=/);
      await page.getByTestId("email").fill(bench.users.manager.email);
      await page.getByTestId("password").fill(DEMO_PASSWORD);
      await page.getByTestId("sign-in").click();
      await page.waitForURL(new RegExp(`/customers/${code}$`));
      await page.getByTestId("customer-360").waitFor();
      await shot(page, "session-ended");

      await page.getByTestId("user-menu").click();
      await page.getByTestId("sign-out").click();
      await page.waitForURL(/\/sign-in$/);
      const after = await context.request.get(`${bench.url}/api/v1/auth/session`);
      expect(after.status()).toBe(401);
      await context.close();
    });
  });
}
