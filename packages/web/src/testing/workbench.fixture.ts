/**
 * The browser tests' world: the demo company on a fresh database of one engine, analysed and
 * graded like `npm start` leaves it, served by the real HTTP server on a free port with the built
 * web app, and a headless Debian chromium driven by playwright-core (DESIGN.md §11). The demo is
 * built once per test run and engine; each test file gets its own copy of it.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  createDemoCompany,
  DEMO_PASSWORD,
  LOCAL_OPERATOR,
  openDemoSignIn,
  runDailyPipeline,
} from "@custra/app";
import type { DbHandle, Engine } from "@custra/db";
import { oncePerRun, openTestDb, sharedTemplate } from "@custra/db/testing";
import { buildServer, loadServerConfig } from "@custra/server";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { ensureWebBuilt, WEB_DIR, WEB_DIST } from "../../../../scripts/web-build.ts";
import { launchChromium } from "./chromium.ts";

export const SCREENSHOTS = path.join(WEB_DIR, "test-results");
/** Small enough to load and analyse in seconds, large enough for several pages and every segment. */
const DEMO_CUSTOMERS = 300;

export interface DemoUser {
  readonly email: string;
  readonly username: string;
  readonly role: string;
}

export interface Workbench {
  readonly url: string;
  readonly handle: DbHandle;
  readonly browser: Browser;
  /** The first demo user of each role. */
  readonly users: Readonly<Record<"admin" | "manager" | "sales" | "analyst", DemoUser>>;
  close(): Promise<void>;
}

/** The demo company as `npm start` leaves it: created, its users able to sign in, analysed and graded. */
async function buildDemo(handle: DbHandle): Promise<void> {
  const operator = { handle, actor: LOCAL_OPERATOR };
  await createDemoCompany(operator, { customers: DEMO_CUSTOMERS, seed: 7 });
  await openDemoSignIn(operator);
  await runDailyPipeline(operator, {});
}

export async function openWorkbench(engine: Engine): Promise<Workbench> {
  // One build for the run: two workers building at once would empty each other's dist.
  await oncePerRun("web_build", async () => {
    await ensureWebBuilt();
  });
  const template = await sharedTemplate(engine, "web_demo", buildDemo);
  const handle = await openTestDb(engine, { template });
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    const config = loadServerConfig(
      { db: handle.location, port: "0", host: "127.0.0.1" },
      { CUSTRA_LOG_LEVEL: "warn", CUSTRA_PIPELINE_SCHEDULE: "off", CUSTRA_WEB_ROOT: WEB_DIST },
    );
    app = await buildServer({ config, handle, log: false });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
    const users = await demoUsers(handle);
    const opened = { app, browser };
    return {
      url,
      handle,
      browser,
      users,
      async close() {
        await opened.browser.close().catch(() => {});
        await opened.app.close();
        await handle.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await app?.close().catch(() => {});
    await handle.close();
    throw error;
  }
}

async function demoUsers(handle: DbHandle): Promise<Workbench["users"]> {
  const rows = await handle.db
    .selectFrom("users")
    .select(["email", "username", "role"])
    .where("password_hash", "is not", null)
    .orderBy("id")
    .execute();
  const first = (role: string): DemoUser => {
    const row = rows.find((candidate) => candidate.role === role && candidate.email);
    if (!row?.email || !row.role) throw new Error(`the demo has no ${role} who can sign in`);
    return { email: row.email, username: row.username, role: row.role };
  };
  return {
    admin: first("admin"),
    manager: first("manager"),
    sales: first("sales"),
    analyst: first("analyst"),
  };
}

/**
 * A new browser window (its own cookies and storage) signed in as `user` through the sign-in page,
 * showing the customer list (opened from the menu after the home page, 工作台).
 */
export async function signedIn(
  workbench: Workbench,
  user: DemoUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await signedInHome(workbench, user);
  await page.getByTestId("side-menu").locator('a[href="/customers"]').click();
  await page.waitForURL(/\/customers/);
  // The list's own rows: 工作台's tables stay on screen until the list's chunk has loaded.
  await page.getByTestId("customers-table").locator(".ant-table-tbody tr[data-row-key]").first().waitFor();
  return { context, page };
}

/** As `signedIn`, left where signing in lands: the home page, 工作台. */
export async function signedInHome(
  workbench: Workbench,
  user: DemoUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await workbench.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
  });
  const page = await context.newPage();
  await page.goto(workbench.url);
  await page.waitForURL(/\/sign-in/);
  await page.getByTestId("email").fill(user.email);
  await page.getByTestId("password").fill(DEMO_PASSWORD);
  await page.getByTestId("sign-in").click();
  await page.waitForURL(`${workbench.url}/`);
  await page.getByTestId("my-day").waitFor();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Han characters, kana and CJK punctuation: what must not be left in the English shell. */
export const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Opens a page of a menu group (设置's pages) from the side menu, as a user would: the group
 * opened unless its entry shows, the entry clicked once the group has stopped unfolding, until
 * the address is `path` and the breadcrumbs name the group and the entry. On a loaded machine a
 * click while antd's menu still unfolds can land on nothing, so the click is tried again.
 */
export async function openFromMenu(page: Page, group: string, entry: string, path: string): Promise<void> {
  const menu = page.getByTestId("side-menu");
  const target = menu.getByText(entry, { exact: true });
  if (!(await target.isVisible())) await menu.getByText(group, { exact: true }).click();
  const address = new RegExp(`${path}$`);
  for (let attempt = 1; ; attempt++) {
    await page.waitForFunction(() => document.querySelectorAll(".ant-motion-collapse").length === 0);
    await target.click();
    try {
      await page.waitForURL(address, { timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  // The page's chunk loads after the address changes; the old page stays until it has.
  const crumbs = async () => (await page.getByTestId("breadcrumbs").innerText()).split(/\s*\/\s*/);
  await expect.poll(crumbs, { timeout: 30_000 }).toEqual([group, entry]);
}

/** The options of the select dropdown now open. */
export const OPEN_OPTIONS = ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option";

/**
 * Chooses the option showing `text` in the open dropdown of a single select. A click while the
 * dropdown still slides in, or as a server search redraws its options, can land on nothing on a
 * loaded machine: it clicks until the dropdown closes on the choice.
 */
export async function chooseOption(page: Page, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.locator(OPEN_OPTIONS, { hasText: text }).first().click();
    try {
      await page.locator(OPEN_OPTIONS).first().waitFor({ state: "hidden", timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
