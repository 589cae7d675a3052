/**
 * 客户列表 in a real browser (headless Debian chromium through playwright-core) against the real
 * server over the demo company, on both engines: the further filters in the URL, the column
 * chooser remembered across a reload, saved views, bulk reassigning (and who may not), the CSV
 * export as a downloaded file, and the English texts. Each test saves a screenshot to
 * packages/web/test-results/<engine>-customers-list-<name>.png.
 */
import { readFile } from "node:fs/promises";
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CJK,
  chooseMenuItem,
  chooseOption,
  OPEN_OPTIONS,
  openWorkbench,
  screenshot,
  signedIn,
  signedInAt,
  type Workbench,
} from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
/** The options of the one select dropdown open now (closed ones stay in the page, hidden). */
const POLL = { timeout: 15_000 };

interface ListPage {
  total: number;
  items: { code: string; owner: string | null }[];
}

for (const engine of ENGINES) {
  describe(`the customer list on ${engine}`, { timeout: 120_000 }, () => {
    let bench: Workbench;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-customers-list-${name}`);
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const totalShown = async (page: Page) => {
      const text = (await page.getByTestId("customers-total").innerText()).replace(/[\s,]/g, "");
      return Number(/(\d+)/.exec(text)?.[1]);
    };
    /** The largest industry or province among the customers (a filter that selects many, not all). */
    const topValue = async (request: APIRequestContext, by: "industry" | "province") => {
      const report = await getJson<{ cells: { keys: (string | null)[]; customers: number }[] }>(
        request,
        `/structure?by=${by}`,
      );
      const cells = report.cells.filter((cell) => cell.keys[0]).sort((a, b) => b.customers - a.customers);
      return cells[0]!.keys[0]!;
    };

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("filters by industry: the URL says so and the total is the API's for that industry", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      const before = await totalShown(page);
      const industry = await topValue(context.request, "industry");
      await page.getByTestId("more-filters").click();
      await page.getByTestId("filter-industry").click();
      await page.locator(OPEN_OPTIONS, { hasText: industry }).first().click();
      await page.keyboard.press("Escape");
      await page.waitForURL((url) => url.searchParams.get("industry") === industry);
      const expected = await getJson<ListPage>(
        context.request,
        `/customers?industry=${encodeURIComponent(industry)}&limit=1`,
      );
      expect(expected.total).toBeGreaterThan(0);
      expect(expected.total).toBeLessThan(before);
      await expect.poll(() => totalShown(page), POLL).toBe(expected.total);
      const industries = await page.locator(`${ROWS} td.col-industry`).allInnerTexts();
      expect(new Set(industries)).toEqual(new Set([industry]));

      // A link to the list (as the overview's industry bars give) opens the same filter.
      const other = await context.newPage();
      await other.goto(`${bench.url}/customers?industry=${encodeURIComponent(industry)}`);
      await other.locator(ROWS).first().waitFor();
      await expect.poll(() => totalShown(other), POLL).toBe(expected.total);
      await expect(other.getByTestId("filter-industry").innerText()).resolves.toContain(industry);
      await other.close();
      await shot(page, "industry");
      await context.close();
    });

    it("filters by the owner's department from its tree: the total is the API's, the owners its members'", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      const all = await totalShown(page);
      const departments = await getJson<{ id: number; name: string; parentId: number | null }[]>(
        context.request,
        "/departments",
      );
      // A department whose people own some customers, not all: a filter that shows it filters.
      let chosen: { id: number; name: string; total: number } | undefined;
      for (const department of departments) {
        const { total } = await getJson<ListPage>(
          context.request,
          `/customers?department=${department.id}&limit=1`,
        );
        if (total > 0 && total < all) {
          chosen = { ...department, total };
          break;
        }
      }
      expect(chosen).toBeDefined();
      const users = await getJson<{ username: string; departmentId: number | null }[]>(
        context.request,
        "/users",
      );
      const below = (id: number): number[] => [
        id,
        ...departments.filter((d) => d.parentId === id).flatMap((d) => below(d.id)),
      ];
      const members = new Set(
        users.filter((user) => below(chosen!.id).includes(user.departmentId ?? -1)).map((u) => u.username),
      );

      await page.getByTestId("more-filters").click();
      await page.getByTestId("filter-department").click();
      await page.locator(".ant-select-tree-title", { hasText: chosen!.name }).first().click();
      await page.keyboard.press("Escape");
      await page.waitForURL((url) => url.searchParams.get("department") === String(chosen!.id));
      await expect.poll(() => totalShown(page), POLL).toBe(chosen!.total);
      const owners = await page.locator(`${ROWS} td.col-owner`).allInnerTexts();
      expect(owners.length).toBeGreaterThan(0);
      for (const owner of owners) expect(members, owner).toContain(owner);
      await shot(page, "department");
      await context.close();
    });

    it("opens from an overview industry bar: that industry's customers, as many as the bar counts", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/overview");
      const bars = page.getByTestId("chart-industry").locator('path[fill="#1677ff"]');
      await expect.poll(() => bars.count(), POLL).toBeGreaterThan(1);
      const boxes = await Promise.all((await bars.all()).map((bar) => bar.boundingBox()));
      // The widest bars first: the widest may be "not given" (customers without an industry), which
      // opens nothing; the next one does.
      const order = boxes.map((box, i) => ({ i, width: box?.width ?? 0 })).sort((a, b) => b.width - a.width);
      for (const { i } of order.slice(0, 3)) {
        await bars.nth(i).click();
        await page.waitForTimeout(500);
        if (new URL(page.url()).pathname === "/customers") break;
      }
      await page.waitForURL(/\/customers\?industry=/);
      const industry = new URL(page.url()).searchParams.get("industry")!;
      const report = await getJson<{ cells: { keys: (string | null)[]; customers: number }[] }>(
        context.request,
        "/structure?by=industry",
      );
      const counted = report.cells.find((cell) => cell.keys[0] === industry)?.customers;
      expect(counted).toBeGreaterThan(0);
      await page.locator(ROWS).first().waitFor();
      await expect.poll(() => totalShown(page), POLL).toBe(counted);
      await shot(page, "from-overview");
      await context.close();
    });

    it("hides a column the user chose to hide, still after a reload; the code column cannot be hidden", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      await expect(page.locator("th.col-phone").count()).resolves.toBeGreaterThan(0);
      await page.getByTestId("columns-button").click();
      await page.getByTestId("column-chooser").waitFor();
      await expect(page.getByTestId("column-code").isDisabled()).resolves.toBe(true);
      await page.getByTestId("column-phone").click();
      await expect.poll(() => page.locator("th.col-phone").count(), POLL).toBe(0);
      await shot(page, "columns");
      await page.keyboard.press("Escape");
      await page.reload();
      await page.locator(ROWS).first().waitFor();
      await expect(page.locator("th.col-phone").count()).resolves.toBe(0);
      await expect(page.locator("th.col-name").count()).resolves.toBeGreaterThan(0);
      await expect(page.locator("th.col-code").count()).resolves.toBeGreaterThan(0);
      await context.close();
    });

    it("saves a view, and opening it brings its filters, sort and columns back; a taken name is refused in the server's words", async () => {
      const { context, page } = await signedIn(bench, bench.users.manager);
      const region = await topValue(context.request, "province");
      const query = `region=${encodeURIComponent(region)}&valueTier=high&sort=revenue&order=desc`;
      await page.goto(`${bench.url}/customers?${query}`);
      await page.locator(ROWS).first().waitFor();
      const expected = await getJson<ListPage>(context.request, `/customers?${query}&limit=1`);
      await expect.poll(() => totalShown(page), POLL).toBe(expected.total);
      // The view keeps the columns shown too: the phone column hidden.
      await page.getByTestId("columns-button").click();
      await page.getByTestId("column-phone").click();
      await page.keyboard.press("Escape");

      const saveAs = async (name: string) => {
        await chooseMenuItem(
          page,
          page.getByTestId("views-menu"),
          "保存为新视图",
          page.getByTestId("view-name"),
        );
        await page.getByTestId("view-name").fill(name);
        await page.getByTestId("view-name-ok").click();
      };
      await saveAs("广东高价值");
      await expect.poll(() => page.getByTestId("saved-views").innerText(), POLL).toContain("广东高价值");

      // Another list, all columns back; then the view.
      await page.getByTestId("reset-filters").click();
      await page.waitForURL((url) => !url.searchParams.has("region"));
      await page.getByTestId("columns-button").click();
      await page.getByTestId("column-chooser").getByText("全部显示").click();
      await page.keyboard.press("Escape");
      await expect.poll(() => page.locator("th.col-phone").count(), POLL).toBeGreaterThan(0);
      await page.getByTestId("saved-views").click();
      await page.locator(OPEN_OPTIONS, { hasText: "广东高价值" }).click();
      await page.waitForURL((url) => url.searchParams.get("region") === region);
      const url = new URL(page.url());
      expect(url.searchParams.get("valueTier")).toBe("high");
      expect(url.searchParams.get("sort")).toBe("revenue");
      expect(url.searchParams.get("order")).toBe("desc");
      await expect.poll(() => totalShown(page), POLL).toBe(expected.total);
      await expect.poll(() => page.locator("th.col-phone").count(), POLL).toBe(0);

      // The same name again: the API's 409, its detail under the name.
      await saveAs("广东高价值");
      const error = page.getByRole("dialog").locator(".ant-form-item-explain-error");
      await expect.poll(() => error.innerText(), POLL).toContain("广东高价值");
      await shot(page, "view-name-taken");
      await page.getByRole("dialog").locator(".ant-modal-close").click();
      await page.getByTestId("view-name").waitFor({ state: "hidden" });

      // Rename, then delete it.
      await chooseMenuItem(page, page.getByTestId("views-menu"), "重命名", page.getByTestId("view-name"));
      await page.getByTestId("view-name").fill("华南大客户");
      await page.getByTestId("view-name-ok").click();
      await expect.poll(() => page.getByTestId("saved-views").innerText(), POLL).toContain("华南大客户");
      const views = await getJson<{ name: string }[]>(context.request, "/saved-views?page=customers");
      expect(views.map((view) => view.name)).toEqual(["华南大客户"]);
      await shot(page, "view-opened");
      await chooseMenuItem(page, page.getByTestId("views-menu"), "删除", page.getByTestId("view-delete-ok"));
      await page.getByTestId("view-delete-ok").click();
      await expect
        .poll(() => getJson<unknown[]>(context.request, "/saved-views?page=customers"), POLL)
        .toEqual([]);
      await context.close();
    });

    it("reassigns two selected customers as the admin: the API then shows the new owner", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/customers?sort=name");
      const target = bench.users.sales.username;
      // Two customers the target does not own yet, so both really change.
      await page.locator(ROWS).first().waitFor();
      const listed = await getJson<ListPage>(context.request, "/customers?sort=name&limit=20");
      const codes = listed.items
        .filter((item) => item.owner !== target)
        .slice(0, 2)
        .map((item) => item.code);
      expect(codes).toHaveLength(2);
      for (const code of codes)
        await page.locator(`${ROWS}[data-row-key="${code}"] .ant-checkbox-input`).check();
      await expect(page.getByTestId("selected-count").innerText()).resolves.toContain("2");
      await page.getByTestId("reassign-button").click();
      await page.getByTestId("reassign-owner").locator("input").fill(target);
      await chooseOption(page, target);
      await shot(page, "reassign-dialog");
      await page.getByTestId("reassign-ok").click();
      await expect.poll(() => page.locator(".ant-message").innerText(), POLL).toContain("已转移 2 位客户");
      for (const code of codes) {
        const customer = await getJson<{ customer: { owner: string } }>(
          context.request,
          `/customers/${code}`,
        );
        expect(customer.customer.owner).toBe(target);
      }
      // The list shows the new owner (it was read again).
      await expect
        .poll(() => page.locator(`${ROWS}[data-row-key="${codes[0]}"] td.col-owner`).innerText(), POLL)
        .toBe(target);
      await expect(page.locator("[data-testid=selected-count]").count()).resolves.toBe(0);
      await shot(page, "reassigned");
      await context.close();
    });

    it("shows a sales user no reassigning and no export (their role has neither)", async () => {
      const { context, page } = await signedIn(bench, bench.users.sales);
      await page.getByTestId("customers-toolbar").waitFor();
      await expect(page.getByTestId("reassign-button").count()).resolves.toBe(0);
      await expect(page.getByTestId("export-button").count()).resolves.toBe(0);
      await expect(page.locator(`${ROWS} .ant-checkbox`).count()).resolves.toBe(0);
      await shot(page, "sales");
      await context.close();
    });

    it("exports the filtered list as the manager: a CSV file with a BOM, Chinese headers and the list's rows", async () => {
      const { context, page } = await signedIn(bench, bench.users.manager);
      const industry = await topValue(context.request, "industry");
      const query = `industry=${encodeURIComponent(industry)}&sort=code&order=desc`;
      await page.goto(`${bench.url}/customers?${query}`);
      await page.locator(ROWS).first().waitFor();
      const expected = await getJson<ListPage>(context.request, `/customers?${query}&limit=500`);
      await page.getByTestId("export-button").click();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("export-csv").click(),
      ]);
      expect(download.suggestedFilename()).toBe("custra-customers.csv");
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
      expect(header).toMatch(/^客户编号,客户名称,电话,行业,/);
      expect(rows.map((row) => row.split(",")[0])).toEqual(expected.items.map((item) => item.code));
      expect(rows.length).toBe(expected.total);

      const [xlsx] = await Promise.all([
        page.waitForEvent("download"),
        page
          .getByTestId("export-button")
          .click()
          .then(() => page.getByTestId("export-xlsx").click()),
      ]);
      const book = await readFile((await xlsx.path())!);
      expect(book.subarray(0, 2).toString("latin1")).toBe("PK");
      await shot(page, "export");
      await context.close();
    });

    it("leaves no Chinese in the labels in English", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect
        .poll(() => page.getByTestId("customers-total").innerText(), POLL)
        .toMatch(/^\d[\d,]* customers$/);
      await page.getByTestId("more-filters").click();
      await page.getByTestId("filter-registered").first().waitFor();
      await page.locator(`${ROWS} .ant-checkbox-input`).first().check();
      await page.getByTestId("columns-button").click();
      await page.getByTestId("column-chooser").waitFor();
      const labels = async () => {
        const parts = [
          page.getByTestId("customer-filters").locator(".ant-select-placeholder, input, button"),
          page.getByTestId("customers-toolbar"),
          page.locator(".ant-table-thead"),
          page.getByTestId("column-chooser"),
          page.locator(".ant-popover-title"),
        ];
        const texts = await Promise.all(parts.map((part) => part.allInnerTexts()));
        const placeholders = await page
          .getByTestId("customer-filters")
          .locator("input")
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).placeholder));
        return [...texts.flat(), ...placeholders].join("\n");
      };
      const english = await labels();
      expect(english).toContain("Industry");
      expect(english).toContain("Reassign owner");
      expect(english.match(CJK)?.[0] ?? null, english).toBeNull();
      await shot(page, "english");
      await page.keyboard.press("Escape");
      await page.getByTestId("views-menu").click();
      const menu = await page.locator(".ant-dropdown-menu").innerText();
      expect(menu).toContain("Save as new view");
      expect(menu.match(CJK)?.[0] ?? null, menu).toBeNull();
      await page.keyboard.press("Escape");
      await page.getByTestId("reassign-button").click();
      const dialog = await page.getByRole("dialog").innerText();
      expect(dialog).toContain("New owner");
      expect(dialog.match(CJK)?.[0] ?? null, dialog).toBeNull();
      await shot(page, "english-reassign");
      await context.close();
    });
  });
}
