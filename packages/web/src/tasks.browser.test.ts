/**
 * 策略与任务 / Playbooks and tasks in a real browser (headless Debian chromium through
 * playwright-core) against the real server on a free port, over the demo company, on both
 * engines: a playbook's cadence edited into a new version, the task board against GET
 * /tasks/board, a task completed on the board, the churn warnings and the care calendar against
 * the API, and the page in English. Each test saves a screenshot to
 * packages/web/test-results/<engine>-tasks-<name>.png.
 */
import { careCalendar, companyToday, LOCAL_OPERATOR } from "@custra/app";
import { addDays, careKey } from "@custra/core";
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerPage } from "./api/types.ts";
import { myDayZhCN } from "./i18n/my-day.zh-CN.ts";
import { tasksZhCN } from "./i18n/tasks.zh-CN.ts";
import { zhCN } from "./i18n/zh-CN.ts";
import type { CareCalendar, PlaybookWithVersions, Task, TaskBoardPage } from "./pages/tasks/tasks.types.ts";
import { CJK, openWorkbench, screenshot, signedInAt, type Workbench } from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
/** How long a page may take to show what the server answered, on a loaded 2-core CI machine. */
const POLL = { timeout: 15_000 };
/** The board's and the warnings' page size (task-board.tsx, churn-warnings.tsx). */
const PAGE = 20;

for (const engine of ENGINES) {
  describe(`策略与任务 (playbooks and tasks) on ${engine}`, { timeout: 120_000 }, () => {
    let bench: Workbench;
    const shot = async (page: Page, name: string) => {
      await screenshot(page, `${engine}-tasks-${name}`);
    };
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    /** Signed in and on 策略与任务, on `tab`. */
    const openTasks = async (user: Workbench["users"]["admin"], tab?: string) => {
      const signed = await signedInAt(bench, user, "/tasks");
      await signed.page.getByTestId("task-board").waitFor();
      if (tab) {
        await signed.page.getByTestId(`tab-${tab}`).click();
        await signed.page.waitForURL(new RegExp(`tab=${tab}`));
      }
      return signed;
    };
    const rowKeys = (page: Page, table: string) =>
      page
        .getByTestId(table)
        .locator(ROWS)
        .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.rowKey));
    const totalShown = async (page: Page, testId: string) =>
      Number((await page.getByTestId(`${testId}-total`).innerText()).replace(/[^\d]/g, ""));
    const pick = async (page: Page, select: string, option: string) => {
      await page.getByTestId(select).click();
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option })
        .first()
        .click();
    };

    beforeAll(async () => {
      bench = await openWorkbench(engine);
      // A care task for the first solar birthday of this month the manager sees (the demo's
      // birthdays this month may all be beyond their rules' days ahead): the calendar shows it.
      const ctx = { handle: bench.handle, actor: LOCAL_OPERATOR };
      const month = (await companyToday(bench.handle)).slice(0, 7);
      const [year, monthOfYear] = month.split("-").map(Number) as [number, number];
      const to = new Date(Date.UTC(year, monthOfYear, 0)).toISOString().slice(0, 10);
      const calendar = await careCalendar(ctx, { from: `${month}-01`, to });
      const birthday = calendar.birthdays.find(
        (entry) => entry.occasion === "birthday" && entry.owner === bench.users.sales.username,
      );
      if (!birthday) throw new Error("the demo has no solar birthday this month");
      const customer = await bench.handle.db
        .selectFrom("customers")
        .select("id")
        .where("code", "=", birthday.customerCode)
        .executeTakeFirstOrThrow();
      await bench.handle.db
        .insertInto("tasks")
        .values({
          customer_id: customer.id,
          kind: "care",
          occasion_key: careKey("birthday", Number(birthday.on.slice(0, 4))),
          owner: birthday.owner,
          due_on: addDays(birthday.on, -7),
          priority: 2,
          reason: JSON.stringify({ code: "care_birthday", params: { date: birthday.on } }),
          status: "open",
        })
        .execute();
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("edits a grade's contact cadence: saved as the next version, in the history and the API", async () => {
      const { context, page } = await openTasks(bench.users.admin, "playbooks");
      const before = await getJson<PlaybookWithVersions>(context.request, "/playbooks/value");
      const grade = Object.keys(before.definition.rules).find(
        (code) => before.definition.rules[code]!.contact,
      );
      expect(grade).toBeDefined();
      const contact = before.definition.rules[grade!]!.contact!;
      await pick(page, "playbook-select", "价值分级策略");
      const row = page.getByTestId("rules-table").locator(`${ROWS}[data-row-key="${grade}"]`);
      await expect
        .poll(() => row.getByTestId("rule-cadence").innerText(), POLL)
        .toBe(`${channelZh(contact.channel)} · 每 ${contact.everyDays} 天`);
      await expect(page.getByTestId("playbook-version").innerText()).resolves.toBe(`版本 ${before.version}`);

      const everyDays = contact.everyDays + 15;
      await row.getByTestId("rule-edit").click();
      const days = page.getByTestId("rule-form").locator("input#everyDays");
      await days.fill(String(everyDays));
      await shot(page, "playbook-edit");
      await page.getByTestId("rule-save").click();
      await page.getByTestId("rule-form").waitFor({ state: "hidden", ...POLL });
      await expect
        .poll(() => row.getByTestId("rule-cadence").innerText(), POLL)
        .toBe(`${channelZh(contact.channel)} · 每 ${everyDays} 天`);

      const after = await getJson<PlaybookWithVersions>(context.request, "/playbooks/value");
      expect(after.version).toBe(before.version + 1);
      expect(after.definition.rules[grade!]!.contact).toEqual({ ...contact, everyDays });
      // Nothing else of the rule changed.
      expect({ ...after.definition.rules[grade!], contact: null }).toEqual({
        ...before.definition.rules[grade!],
        contact: null,
      });
      await expect(page.getByTestId("playbook-version").innerText()).resolves.toBe(`版本 ${after.version}`);
      const history = page.getByTestId("history-table");
      await expect
        .poll(() => rowKeys(page, "history-table"), POLL)
        .toEqual(after.versions.map((version) => String(version.version)).reverse());
      await expect(
        history.locator(`${ROWS}[data-row-key="${after.version}"]`).innerText(),
      ).resolves.toContain("使用中");
      await shot(page, "playbook-saved");

      // The version before is there to look at, read only.
      await history.locator(`${ROWS}[data-row-key="${before.version}"]`).getByText("查看").click();
      await page.getByTestId("viewing-earlier").waitFor();
      await expect
        .poll(() => row.getByTestId("rule-cadence").innerText(), POLL)
        .toBe(`${channelZh(contact.channel)} · 每 ${contact.everyDays} 天`);
      expect(await page.getByTestId("rule-edit").count()).toBe(0);
      await context.close();
    });

    it("shows the board's rows and total as GET /tasks/board answers them for a filter", async () => {
      const { context, page } = await openTasks(bench.users.manager);
      const all = await getJson<TaskBoardPage>(context.request, `/tasks/board?limit=${PAGE}`);
      expect(all.total).toBeGreaterThan(0);
      await expect
        .poll(() => rowKeys(page, "board-table"), POLL)
        .toEqual(all.items.map((task) => String(task.id)));
      expect(await totalShown(page, "board")).toBe(all.total);
      // The next page is the server's next page, by its cursor; the total stays.
      expect(all.nextCursor).not.toBeNull();
      const second = await getJson<TaskBoardPage>(
        context.request,
        `/tasks/board?limit=${PAGE}&cursor=${encodeURIComponent(all.nextCursor!)}`,
      );
      await page.getByTestId("board-next").click();
      await expect
        .poll(() => rowKeys(page, "board-table"), POLL)
        .toEqual(second.items.map((task) => String(task.id)));
      expect(await totalShown(page, "board")).toBe(second.total);
      await page.getByTestId("board-previous").click();
      await expect
        .poll(() => rowKeys(page, "board-table"), POLL)
        .toEqual(all.items.map((task) => String(task.id)));

      // The most common kind on the first page, then every status of it.
      const counts = new Map<string, number>();
      for (const task of all.items) counts.set(task.kind, (counts.get(task.kind) ?? 0) + 1);
      const kind = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      await pick(page, "filter-kind", zhCN.taskKind[kind as keyof typeof zhCN.taskKind]);
      await page.waitForURL(new RegExp(`kind=${kind}`));
      const ofKind = await getJson<TaskBoardPage>(context.request, `/tasks/board?kind=${kind}&limit=${PAGE}`);
      expect(ofKind.total).toBeLessThan(all.total);
      await expect
        .poll(() => rowKeys(page, "board-table"), POLL)
        .toEqual(ofKind.items.map((task) => String(task.id)));
      await expect.poll(() => totalShown(page, "board"), POLL).toBe(ofKind.total);
      const kinds = await page.getByTestId("board-table").locator(`${ROWS} td:nth-child(2)`).allInnerTexts();
      expect(new Set(kinds)).toEqual(new Set([zhCN.taskKind[kind as keyof typeof zhCN.taskKind]]));
      await pick(page, "filter-status", "全部");
      const everyStatus = await getJson<TaskBoardPage>(
        context.request,
        `/tasks/board?kind=${kind}&status=all&limit=${PAGE}`,
      );
      await expect.poll(() => totalShown(page, "board"), POLL).toBe(everyStatus.total);
      await expect
        .poll(() => rowKeys(page, "board-table"), POLL)
        .toEqual(everyStatus.items.map((task) => String(task.id)));
      await shot(page, "board-filtered");
      await context.close();
    });

    it("completes a task on the board: it leaves the open list, the API has it done", async () => {
      const { context, page } = await openTasks(bench.users.sales);
      const before = await getJson<TaskBoardPage>(context.request, `/tasks/board?limit=${PAGE}`);
      const table = page.getByTestId("board-table");
      await expect
        .poll(() => rowKeys(page, "board-table"), POLL)
        .toEqual(before.items.map((task) => String(task.id)));
      const id = before.items[0]!.id;
      await table.locator(`${ROWS}[data-row-key="${id}"]`).getByTestId("task-complete").click();
      await table.locator(`${ROWS}[data-row-key="${id}"]`).waitFor({ state: "detached", ...POLL });
      const done = await getJson<{ task: Task }>(context.request, `/tasks/${id}`);
      expect(done.task.status).toBe("done");
      const after = await getJson<TaskBoardPage>(context.request, `/tasks/board?limit=${PAGE}`);
      expect(after.total).toBe(before.total - 1);
      expect(after.items.map((task) => task.id)).not.toContain(id);
      await expect.poll(() => totalShown(page, "board"), POLL).toBe(after.total);
      // A sales rep may not reassign: no such button; completing and rescheduling are theirs.
      expect(await table.getByTestId("task-reassign").count()).toBe(0);
      expect(await table.getByTestId("task-reschedule").count()).toBeGreaterThan(0);
      // The done task is on the board of done tasks.
      await pick(page, "filter-status", "已完成");
      await table.locator(`${ROWS}[data-row-key="${id}"]`).waitFor(POLL);
      await expect(table.locator(`${ROWS}[data-row-key="${id}"]`).innerText()).resolves.toContain("已完成");
      await shot(page, "completed");
      await context.close();
    });

    it("lists the churn warnings with their reasons, and the month's care occasions, as the API does", async () => {
      const { context, page } = await openTasks(bench.users.manager, "warnings");
      const warned = await getJson<CustomerPage & { items: { churnReasons: string[] }[] }>(
        context.request,
        `/customers?churnWarning=warning&churnWarning=critical&sort=churnRisk&order=desc&limit=${PAGE}`,
      );
      expect(warned.total).toBeGreaterThan(0);
      await expect.poll(() => rowKeys(page, "warnings-table"), POLL).toEqual(warned.items.map((c) => c.code));
      expect(await totalShown(page, "warnings")).toBe(warned.total);
      const reasons = await page.getByTestId("warnings-table").getByTestId("warning-reasons").allInnerTexts();
      for (const [k, customer] of warned.items.entries())
        for (const reason of customer.churnReasons)
          expect(reasons[k], customer.code).toContain(
            myDayZhCN.churnReason[reason as keyof typeof myDayZhCN.churnReason],
          );
      expect(warned.items.some((customer) => customer.churnReasons.length > 0)).toBe(true);
      await shot(page, "warnings");

      await page.getByTestId("tab-care").click();
      await page.getByTestId("care-birthdays").waitFor();
      const month = await page.getByTestId("care-month").inputValue();
      const [year, monthOfYear] = month.split("-").map(Number) as [number, number];
      const from = `${month}-01`;
      const to = new Date(Date.UTC(year, monthOfYear, 0)).toISOString().slice(0, 10);
      const calendar = await getJson<CareCalendar>(
        context.request,
        `/tasks/care-calendar?from=${from}&to=${to}`,
      );
      const shown = page.getByTestId("care-birthdays").locator(ROWS);
      await expect.poll(() => shown.count(), POLL).toBe(Math.min(PAGE, calendar.birthdays.length));
      for (const [k, birthday] of calendar.birthdays.slice(0, PAGE).entries()) {
        const text = await shown.nth(k).innerText();
        expect(text).toContain(birthday.on);
        expect(text).toContain(birthday.customerCode);
        expect(text).toContain(myDayZhCN.care.occasion[birthday.occasion]);
        if (birthday.lunar) expect(text).toContain("农历");
        expect(text).toContain(
          birthday.task === null
            ? "尚未生成"
            : birthday.task.status === "done"
              ? "已完成"
              : birthday.task.dueOn,
        );
      }
      expect(calendar.birthdays.some((birthday) => birthday.task?.status === "open")).toBe(true);
      expect(await page.getByTestId("care-festival").count()).toBe(calendar.festivals.length);
      await shot(page, "care");
      await context.close();
    });

    it("switches 策略与任务 to English: no Chinese left in its labels, on every tab", async () => {
      const { context, page } = await openTasks(bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Tasks");
      const labels = async () => {
        const root = page.getByTestId("tasks-page");
        const parts = [
          page.getByTestId("side-menu"),
          page.getByTestId("breadcrumbs"),
          root.locator("h3"),
          root.locator(".ant-tabs-tab"),
          root.locator(".ant-card-head"),
          root.locator(".ant-table-thead"),
          root.locator(".ant-tag"),
          root.locator("button"),
          root.locator(".ant-select-selection-item, .ant-select-selection-placeholder, .ant-select-content"),
          root.locator(".ant-alert-message, .ant-alert-title, .ant-alert-description"),
          root.locator("[data-testid=rule-cadence]"),
          root.locator("[data-testid=board-total], [data-testid=warnings-total]"),
          // The board's code columns: kind, due (its tag), priority, status.
          ...[2, 3, 4, 6].map((n) => root.getByTestId("board-table").locator(`${ROWS} td:nth-child(${n})`)),
          root.getByTestId("care-birthdays").locator(`${ROWS} td:nth-child(2), ${ROWS} td:nth-child(5)`),
        ];
        const texts = await Promise.all(parts.map((part) => part.allInnerTexts()));
        return texts.flat().join("\n");
      };
      await page.getByTestId("board-table").locator(ROWS).first().waitFor(POLL);
      await expect.poll(labels, POLL).toContain("Due");
      for (const tab of ["board", "playbooks", "warnings", "care"]) {
        await page.getByTestId(`tab-${tab}`).click();
        const ready = {
          board: "board-table",
          playbooks: "rules-table",
          warnings: "warnings-table",
          care: "care-birthdays",
        }[tab]!;
        await page.getByTestId(ready).locator(ROWS).first().waitFor(POLL);
        const english = await labels();
        expect(english.match(CJK)?.[0] ?? null, `${tab}: ${english}`).toBeNull();
        if (tab === "playbooks") expect(english).toContain("Service level");
        if (tab === "care") expect(english).toContain("Care task");
        await shot(page, `english-${tab}`);
      }
      await context.close();
    });
  });
}

/** The channel as the rules table names it in Chinese. */
function channelZh(channel: string): string {
  return tasksZhCN.channel[channel as keyof typeof tasksZhCN.channel];
}
