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
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
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
 * A new browser window (its own cookies and storage) signed in as `user`, showing the customer
 * list with its rows.
 */
export async function signedIn(
  workbench: Workbench,
  user: DemoUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const signed = await signedInAt(workbench, user, "/customers");
  await signed.page
    .getByTestId("customers-table")
    .locator(".ant-table-tbody tr[data-row-key]")
    .first()
    .waitFor();
  return signed;
}

/** As `signedIn`, on the page signing in lands on: the home page, 工作台. */
export async function signedInHome(
  workbench: Workbench,
  user: DemoUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const signed = await signedInAt(workbench, user, "/");
  await signed.page.getByTestId("my-day").waitFor();
  return signed;
}

/**
 * A new browser window signed in as `user`, loading `path`. It signs in through the API, as the
 * sign-in page does, to spare each test a page: the sign-in page itself is tested in
 * workbench.browser.test.ts.
 */
export async function signedInAt(
  workbench: Workbench,
  user: DemoUser,
  path: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await workbench.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    // No transitions (the app follows the system's wish for less motion): a click never lands on
    // a menu still sliding in, and charts are drawn whole at once.
    reducedMotion: "reduce",
  });
  // The context's request shares its cookies: the session cookie set here is the page's.
  const response = await context.request.post(`${workbench.url}/api/v1/auth/login`, {
    data: { email: user.email, password: DEMO_PASSWORD },
  });
  if (!response.ok())
    throw new Error(`${user.email} could not sign in: ${response.status()} ${await response.text()}`);
  const page = await context.newPage();
  await page.goto(`${workbench.url}${path}`);
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

/**
 * Chooses the item showing `text` of the dropdown menu `trigger` opens, until `shows` (what the
 * item opens) is visible. As with chooseOption, a click while the menu still slides in can land on
 * nothing on a loaded machine: the menu is opened again if it closed, and the item clicked again.
 */
export async function chooseMenuItem(
  page: Page,
  trigger: Locator,
  text: string,
  shows: Locator,
): Promise<void> {
  const item = page.locator(".ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item", {
    hasText: text,
  });
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await trigger.click();
    await item.click();
    try {
      await shows.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
