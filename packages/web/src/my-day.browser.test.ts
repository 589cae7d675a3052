/**
 * 工作台 / My day in a real browser (headless Debian chromium through playwright-core) against the
 * real server on a free port, over the demo company, on both engines: where signing in lands, its
 * counts against GET /api/v1/tasks/my-day, a task completed in place, the team table of a manager,
 * and the page in English. Each test saves a screenshot to
 * packages/web/test-results/<engine>-my-day-<name>.png.
 */
import { LOCAL_OPERATOR, myDay } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myDayZhCN } from "./i18n/my-day.zh-CN.ts";
import { zhCN } from "./i18n/zh-CN.ts";
import type { MyDay, Task, TaskList } from "./pages/my-day/my-day.types.ts";
import {
  CJK,
  chooseOption,
  openWorkbench,
  screenshot,
  signedInHome,
  type Workbench,
} from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
/** How long a page may take to show what the server answered, on a loaded 2-core CI machine. */
const POLL = { timeout: 15_000 };
/** The task table's page size (task-table.tsx). */
const PAGE = 20;

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The number a card or cell shows, thousands separators and all. */
async function shownNumber(locator: Locator): Promise<number> {
  const text = await locator.locator(".ant-statistic-content-value").innerText();
  return Number(text.replace(/[\s,]/g, ""));
}

for (const engine of ENGINES) {
  describe(`工作台 (my day) on ${engine}`, { timeout: 120_000 }, () => {
    let bench: Workbench;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-my-day-${name}`);
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    /** The reader's open tasks of the week (due on or before Sunday), as the table lists them. */
    const openTasks = async (request: APIRequestContext, weekEnd: string, kind?: string) =>
      (
        await getJson<TaskList>(
          request,
          `/tasks/mine?due=${weekEnd}&limit=500${kind === undefined ? "" : `&kind=${kind}`}`,
        )
      ).tasks;

    beforeAll(async () => {
      bench = await openWorkbench(engine);
      // Care coming up for the sales rep whatever the day: the demo's birthdays fall on few days.
      const { today } = await myDay({ handle: bench.handle, actor: LOCAL_OPERATOR }, {});
      const customer = await bench.handle.db
        .selectFrom("customers")
        .select("id")
        .where("owner", "=", bench.users.sales.username)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await bench.handle.db
        .insertInto("tasks")
        .values({
          customer_id: customer.id,
          kind: "care",
          occasion_key: "browser-test-mid-autumn",
          owner: bench.users.sales.username,
          due_on: addDays(today, 5),
          priority: 3,
          reason: JSON.stringify({
            code: "care_festival",
            params: { date: addDays(today, 6), festival: "mid_autumn" },
          }),
          status: "open",
        })
        .execute();
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("lands a sales rep on 工作台 after sign-in, with the API's counts, warnings, care and tasks", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      const day = await getJson<MyDay>(context.request, "/tasks/my-day");
      const mine = day.mine!;
      expect(mine.owner).toBe(bench.users.sales.username);
      expect(day.team).toBeNull();
      const menu = page.getByTestId("side-menu");
      await expect(menu.locator(".ant-menu-item-selected").innerText()).resolves.toBe("工作台");
      await expect(page.getByTestId("breadcrumbs").innerText()).resolves.toBe("工作台");
      await expect(page.getByTestId("my-day-today").innerText()).resolves.toContain(day.today);

      expect(await shownNumber(page.getByTestId("count-overdue"))).toBe(mine.tasks.overdue);
      expect(await shownNumber(page.getByTestId("count-dueToday"))).toBe(mine.tasks.dueToday);
      expect(await shownNumber(page.getByTestId("count-dueThisWeek"))).toBe(mine.tasks.dueThisWeek);
      expect(await shownNumber(page.getByTestId("count-newWarnings"))).toBe(mine.newChurnWarnings);
      for (const { days, customers } of mine.uncontacted)
        expect(await shownNumber(page.getByTestId(`uncontacted-${days}`)), `${days} days`).toBe(customers);
      // One row per kind, its counts the API's.
      const kindRows = page.getByTestId("by-kind").locator(ROWS);
      expect(await kindRows.count()).toBe(mine.byKind.length);
      for (const [k, kind] of mine.byKind.entries()) {
        const cells = await kindRows.nth(k).locator("td").allInnerTexts();
        expect(cells).toEqual([
          zhCN.taskKind[kind.kind as keyof typeof zhCN.taskKind],
          String(kind.overdue),
          String(kind.dueToday),
          String(kind.dueThisWeek),
        ]);
      }

      // The table lists the open tasks the counts count: the same, one page of them at a time.
      const tasks = await openTasks(context.request, day.weekEnd);
      const counted = mine.tasks.overdue + mine.tasks.dueToday + mine.tasks.dueThisWeek;
      expect(tasks.length).toBe(counted);
      expect(counted).toBeGreaterThan(0);
      const table = page.getByTestId("my-tasks");
      await expect.poll(() => table.locator(ROWS).count(), POLL).toBe(Math.min(PAGE, counted));
      const shownIds = (
        await table.locator(ROWS).evaluateAll((rows) => rows.map((row) => row.dataset.rowKey))
      )
        .map(Number)
        .sort((a, b) => a - b);
      const ids = new Set(tasks.map((task) => task.id));
      for (const id of shownIds) expect(ids.has(id), `task ${id}`).toBe(true);
      // The overdue ones first, each tagged so.
      const firstDue = tasks.map((task) => task.dueOn.slice(0, 10)).sort()[0]!;
      await expect(table.locator(`${ROWS} td:nth-child(3)`).first().innerText()).resolves.toContain(firstDue);
      if (mine.tasks.overdue > 0)
        await expect(table.locator(`${ROWS} td:nth-child(3)`).first().innerText()).resolves.toContain("逾期");

      // New churn warnings: each customer a link to their 360 view, its reasons in Chinese words.
      const warned = day.churnWarnings.customers;
      expect(warned.length).toBeGreaterThan(0);
      const items = page.getByTestId("churn-warnings").locator(ROWS);
      expect(await items.count()).toBe(warned.length);
      const first = items.first();
      await expect(first.locator("a").getAttribute("href")).resolves.toBe(`/customers/${warned[0]!.code}`);
      const reasons = await first.getByTestId("warning-reasons").innerText();
      for (const reason of warned[0]!.reasons)
        expect(reasons).toContain(myDayZhCN.churnReason[reason as keyof typeof myDayZhCN.churnReason]);
      expect(await page.getByTestId("care-item").count()).toBe(day.care.length);
      await shot(page, "sales");

      // The kind filter asks the server for that kind only.
      const kind = mine.byKind[0]!.kind;
      await page.getByTestId("by-kind").locator(`${ROWS} td:first-child a`).first().click();
      await page.waitForURL(new RegExp(`\\?kind=${kind}$`));
      const ofKind = await openTasks(context.request, day.weekEnd, kind);
      await expect.poll(() => table.locator(ROWS).count(), POLL).toBe(Math.min(PAGE, ofKind.length));
      const kinds = await table.locator(`${ROWS} td:nth-child(2)`).allInnerTexts();
      expect(new Set(kinds).size).toBe(1);
      await context.close();
    });

    it("completes a task in place: the row leaves, the counts drop, the API has it done", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      const before = await getJson<MyDay>(context.request, "/tasks/my-day");
      const table = page.getByTestId("my-tasks");
      const row = table.locator(ROWS).first();
      await row.waitFor();
      const id = Number(await row.getAttribute("data-row-key"));
      const task = (await openTasks(context.request, before.weekEnd)).find(
        (candidate) => candidate.id === id,
      )!;
      expect(task.status).toBe("open");
      await row.getByTestId("task-complete").click();
      await table.locator(`${ROWS}[data-row-key="${id}"]`).waitFor({ state: "detached", ...POLL });

      const after = await openTasks(context.request, before.weekEnd);
      expect(after.map((open) => open.id)).not.toContain(id);
      const done = await getJson<{ task: Task }>(context.request, `/tasks/${id}`);
      expect(done.task.status).toBe("done");
      // The card the task was counted in now counts one fewer, as the API does.
      const card =
        task.dueOn.slice(0, 10) < before.today
          ? "overdue"
          : task.dueOn.slice(0, 10) === before.today
            ? "dueToday"
            : "dueThisWeek";
      const expected = before.mine!.tasks[card] - 1;
      await expect.poll(() => shownNumber(page.getByTestId(`count-${card}`)), POLL).toBe(expected);
      const now = await getJson<MyDay>(context.request, "/tasks/my-day");
      expect(now.mine!.tasks[card]).toBe(expected);
      // A sales rep may not reassign: no such button; completing and rescheduling are theirs.
      expect(await table.getByTestId("task-reassign").count()).toBe(0);
      expect(await table.getByTestId("task-reschedule").count()).toBeGreaterThan(0);
      await shot(page, "completed");
      await context.close();
    });

    it("shows a manager the team table, a row per owner of the API", async () => {
      const { context, page } = await signedInHome(bench, bench.users.manager);
      const day = await getJson<MyDay>(context.request, "/tasks/my-day");
      expect(day.team).not.toBeNull();
      const team = day.team!;
      expect(team.length).toBeGreaterThan(0);
      const rows = page.getByTestId("team-table").locator(ROWS);
      await expect.poll(() => rows.count(), POLL).toBe(Math.min(PAGE, team.length));
      const keys = await rows.evaluateAll((list) => list.map((row) => row.dataset.rowKey));
      expect(new Set(keys)).toEqual(new Set(team.slice(0, PAGE).map((owner) => owner.owner)));
      for (const owner of team.slice(0, PAGE)) {
        const cells = await page
          .getByTestId("team-table")
          .locator(`${ROWS}[data-row-key="${owner.owner}"] td`)
          .allInnerTexts();
        const thirty = owner.uncontacted.find((entry) => entry.days === 30)!.customers;
        expect(cells.slice(1).map((cell) => Number(cell.replace(/,/g, "")))).toEqual([
          owner.tasks.overdue,
          owner.tasks.dueToday,
          owner.tasks.dueThisWeek,
          thirty,
          owner.newChurnWarnings,
        ]);
        expect(cells[0]).toContain(owner.name ?? owner.owner);
      }
      await shot(page, "manager");
      await context.close();
    });

    it("lists the care coming up (birthdays, festivals) with its day and customer", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      const day = await getJson<MyDay>(context.request, "/tasks/my-day");
      expect(day.care.map((task) => task.reason.params.festival)).toContain("mid_autumn");
      const items = page.getByTestId("care-item");
      expect(await items.count()).toBe(day.care.length);
      for (const [k, task] of day.care.entries()) {
        const text = await items.nth(k).innerText();
        expect(text).toContain(task.customerCode);
        expect(text).toContain(String(task.reason.params.date ?? task.dueOn.slice(0, 10)));
        expect(text).toContain(`准备截止 ${task.dueOn.slice(0, 10)}`);
        const occasion =
          task.reason.code === "care_festival"
            ? String(task.reason.params.festival)
            : task.reason.code === "care_lunar_birthday"
              ? "lunar_birthday"
              : "birthday";
        expect(text).toContain(myDayZhCN.care.occasion[occasion as keyof typeof myDayZhCN.care.occasion]);
        await expect(items.nth(k).locator("a").getAttribute("href")).resolves.toBe(
          `/customers/${task.customerCode}`,
        );
      }
      await shot(page, "care");
      await context.close();
    });

    it("switches 工作台 to English: no Chinese left in its labels", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Customers");
      await page.getByTestId("my-tasks").locator(ROWS).first().waitFor();
      const labels = async () => {
        const parts = [
          page.getByTestId("side-menu"),
          page.getByTestId("breadcrumbs"),
          page.getByTestId("my-day-today"),
          page.locator("[data-testid=my-day] h3"),
          page.locator("[data-testid=my-day] .ant-card-head"),
          page.locator("[data-testid=my-day] .ant-statistic-title"),
          page.locator("[data-testid=my-day] .ant-table-thead"),
          page.locator("[data-testid=my-day] .ant-tag"),
          page.locator("[data-testid=my-day] button"),
          page.getByTestId("by-kind").locator(`${ROWS} td:first-child`),
          // The task table's code columns: kind, due (its tag), priority, actions.
          ...[2, 3, 4, 5].map((n) => page.getByTestId("my-tasks").locator(`${ROWS} td:nth-child(${n})`)),
          page.getByTestId("warning-reasons"),
          page.getByTestId("care-item").locator(".ant-tag"),
          page.getByTestId("care-prepare"),
          page.getByTestId("task-kind-filter"),
        ];
        const texts = await Promise.all(parts.map((part) => part.allInnerTexts()));
        return texts.flat().join("\n");
      };
      await expect.poll(labels, POLL).toContain("Overdue");
      const english = await labels();
      await expect(page.locator("[data-testid=my-day] h3").innerText()).resolves.toBe("Workbench");
      expect(english).toContain("Churn risk");
      expect(english.match(CJK)?.[0] ?? null, english).toBeNull();
      await shot(page, "english");
      await context.close();
    });

    it("shows the admin, who owns no customers and no tasks, the team only: every owner, sortable", async () => {
      const admin = await signedInHome(bench, bench.users.admin);
      const day = await getJson<MyDay>(admin.context.request, "/tasks/my-day");
      expect(day.mine!.tasks).toEqual({ overdue: 0, dueToday: 0, dueThisWeek: 0 });
      await admin.page.getByTestId("team-only").waitFor();
      expect(await admin.page.getByTestId("my-tasks").count()).toBe(0);
      await expect
        .poll(() => admin.page.getByTestId("team-table").locator(ROWS).count(), POLL)
        .toBe(Math.min(PAGE, day.team!.length));
      // Sorted by overdue, most first; clicks on another column sort by it, most first, then fewest.
      const table = admin.page.getByTestId("team-table");
      const rows = table.locator(ROWS);
      const column = async (n: number) =>
        (await rows.locator(`td:nth-child(${n})`).allInnerTexts()).map((cell) =>
          Number(cell.replace(/,/g, "")),
        );
      const header = (name: string) => table.locator("th", { hasText: name });
      const overdue = await column(2);
      expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
      await expect(header("已逾期").getAttribute("aria-sort")).resolves.toBe("descending");
      const thirty = day
        .team!.slice(0, PAGE)
        .map((owner) => owner.uncontacted.find((e) => e.days === 30)!.customers);
      await header("30 天未联系").click();
      await expect.poll(() => column(5), POLL).toEqual([...thirty].sort((a, b) => b - a));
      await header("30 天未联系").click();
      await expect.poll(() => column(5), POLL).toEqual([...thirty].sort((a, b) => a - b));
      await expect(header("30 天未联系").getAttribute("aria-sort")).resolves.toBe("ascending");
      // Only one column is sorted at a time.
      await expect(header("已逾期").getAttribute("aria-sort")).resolves.toBeNull();
      await shot(admin.page, "admin-team-only");
      await admin.context.close();
    });

    it("reschedules a task with the date picker; a refused action shows the server's detail", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      const day = await getJson<MyDay>(context.request, "/tasks/my-day");
      const table = page.getByTestId("my-tasks");
      const rows = table.locator(ROWS);
      await rows.first().waitFor();
      // Moved past Sunday, the task leaves the week's list and keeps its new day.
      const id = Number(await rows.first().getAttribute("data-row-key"));
      const later = addDays(day.weekEnd, 7);
      await rows.first().getByTestId("task-reschedule").click();
      const form = page.getByTestId("reschedule-form");
      await form.locator("input").fill(later);
      await form.locator("input").press("Enter");
      await form.getByTestId("reschedule-save").click();
      await table.locator(`${ROWS}[data-row-key="${id}"]`).waitFor({ state: "detached", ...POLL });
      const moved = await getJson<{ task: Task }>(context.request, `/tasks/${id}`);
      expect(moved.task.dueOn.slice(0, 10)).toBe(later);
      expect(moved.task.status).toBe("open");

      // Done elsewhere meanwhile (another window), the next task cannot be moved: the page says why.
      const next = Number(await rows.first().getAttribute("data-row-key"));
      const session = await getJson<{ csrfToken: string }>(context.request, "/auth/session");
      const done = await context.request.post(`${bench.url}/api/v1/tasks/${next}/complete`, {
        headers: { "x-csrf-token": session.csrfToken },
      });
      expect(done.status()).toBe(200);
      const refused = await context.request.post(`${bench.url}/api/v1/tasks/${next}/reschedule`, {
        headers: { "x-csrf-token": session.csrfToken, "accept-language": "zh-CN" },
        data: { dueOn: later },
      });
      expect(refused.status()).toBe(409);
      const { detail } = (await refused.json()) as { detail: string };
      await rows.first().getByTestId("task-reschedule").click();
      await form.locator("input").fill(later);
      await form.locator("input").press("Enter");
      await form.getByTestId("reschedule-save").click();
      await page.getByTestId("task-action-error").waitFor(POLL);
      await expect(page.getByTestId("task-action-error").innerText()).resolves.toContain(detail);
      // The list is read again: the task done elsewhere is no longer in it.
      await table.locator(`${ROWS}[data-row-key="${next}"]`).waitFor({ state: "detached", ...POLL });
      await shot(page, "refused");
      await context.close();
    });

    it("reassigns a task in place to a user picked from the list of users", async () => {
      // The admin may reassign and list users; give them one of the sales rep's open tasks first.
      const sales = bench.users.sales;
      const task = await bench.handle.db
        .selectFrom("tasks")
        .select("id")
        .where("owner", "=", sales.username)
        .where("status", "=", "open")
        .orderBy("due_on")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const id = Number(task.id);
      await bench.handle.db
        .updateTable("tasks")
        .set({ owner: bench.users.admin.username })
        .where("id", "=", id)
        .execute();
      const { context, page } = await signedInHome(bench, bench.users.admin);
      const row = page.getByTestId("my-tasks").locator(`${ROWS}[data-row-key="${id}"]`);
      await row.waitFor(POLL);
      await row.getByTestId("task-reassign").click();
      const form = page.getByTestId("reassign-form");
      await form.getByTestId("reassign-owner").click();
      const salesName = (
        await bench.handle.db
          .selectFrom("users")
          .select("display_name")
          .where("username", "=", sales.username)
          .executeTakeFirstOrThrow()
      ).display_name!;
      await chooseOption(page, salesName);
      await form.getByTestId("reassign-save").click();
      await row.waitFor({ state: "detached", ...POLL });
      const given = await getJson<{ task: Task }>(context.request, `/tasks/${id}`);
      expect(given.task.owner).toBe(sales.username);
      await shot(page, "reassigned");
      await context.close();
    });
  });
}
