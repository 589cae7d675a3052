/**
 * 导入 / Import in a real browser (headless Debian chromium through playwright-core) against the real
 * server on a free port, over the demo company, on both engines: a customers file with errors
 * refused with the problems the API names for the same file and nothing written; the fixed file,
 * GBK-encoded, imported as a job whose progress ends, listed in the history, its customers in the
 * API; a mapping changed by hand and saved as a profile, reused, in English; and the roles that may
 * not import. Each step saves a screenshot to packages/web/test-results/<engine>-imports-<name>.png.
 */
import { ENGINES } from "@custra/db/testing";
import iconv from "iconv-lite";
import type { APIRequestContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importsZhCN } from "./i18n/imports.zh-CN.ts";
import { zhCN } from "./i18n/zh-CN.ts";
import type {
  ImportHistoryPage,
  ImportPreview,
  ImportResult,
  StoredProfile,
} from "./pages/imports/imports.types.ts";
import { CJK, openWorkbench, screenshot, signedInHome, type Workbench } from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
/** How long a page may take to show what the server answered, on a loaded 2-core CI machine. */
const POLL = { timeout: 15_000 };

const HEADER = "客户编号,客户名称,类型,注册日期,城市";
/** A missing code (line 3), an impossible date (line 4) and no date at all (line 5). */
const BAD = `${HEADER}
IMP001,测试云帆,企业,2025-01-05,杭州
,测试海图,企业,2025-02-03,宁波
IMP003,测试织造,个人,2025-02-30,苏州
IMP004,测试丝绸,企业,someday,无锡
`;
const FIXED = `${HEADER}
IMP001,测试云帆,企业,2025-01-05,杭州
IMP002,测试海图,企业,2025-02-03,宁波
IMP003,测试织造,个人,2025-02-28,苏州
IMP004,测试丝绸,企业,2025-03-01,无锡
`;

interface Upload {
  readonly name: string;
  readonly buffer: Buffer;
}

for (const engine of ENGINES) {
  describe(`导入 (imports) on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-imports-${name}`);
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    /** The same upload the page makes, straight to the API. */
    const uploadJson = async <T>(request: APIRequestContext, path: string, file: Upload, options = {}) => {
      const { csrfToken } = await getJson<{ csrfToken: string }>(request, "/auth/session");
      const response = await request.post(`${bench.url}/api/v1${path}`, {
        headers: { "x-csrf-token": csrfToken, "accept-language": "zh-CN" },
        multipart: {
          options: JSON.stringify(options),
          file: { name: file.name, mimeType: "text/csv", buffer: file.buffer },
        },
      });
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const customerStatus = async (request: APIRequestContext, code: string) =>
      (await request.get(`${bench.url}/api/v1/customers/${code}`)).status();
    const choose = async (page: Page, file: Upload) => {
      await page.locator("[data-testid=file-card] input[type=file]").setInputFiles({
        name: file.name,
        mimeType: "text/csv",
        buffer: file.buffer,
      });
      await expect.poll(() => page.getByTestId("preview-file").innerText(), POLL).toContain(file.name);
    };
    /** What each row of the mapping table says: the column, and the field (or none) it is read into. */
    const mappingShown = (page: Page) =>
      page
        .getByTestId("column-mapping")
        .locator(ROWS)
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.querySelector("td")?.textContent ?? "",
            row.querySelector("td:nth-child(2) .ant-select")?.textContent ?? "",
          ]),
        );

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("refuses a customers file with errors as the API does, writing nothing; imports it fixed (GBK) as a job", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      const { request } = context;
      await page.getByTestId("side-menu").locator('a[href="/imports"]').click();
      await page.waitForURL(/\/imports$/);
      await page.getByTestId("imports").waitFor();
      const menu = page.getByTestId("side-menu");
      await expect(menu.locator(".ant-menu-item-selected").innerText()).resolves.toBe("导入");
      await expect(page.getByTestId("breadcrumbs").innerText()).resolves.toBe("导入");
      await expect
        .poll(() => page.getByTestId("import-history").innerText(), POLL)
        .toContain(importsZhCN.history.empty);
      await shot(page, "empty");

      // The file with errors: the mapping the server suggests, its first rows as they will be read.
      const bad = { name: "customers-bad.csv", buffer: Buffer.from(BAD) };
      await choose(page, bad);
      const preview = await uploadJson<ImportPreview>(request, "/imports/customers/preview", bad);
      const fields = importsZhCN.fields.customers;
      await expect
        .poll(() => mappingShown(page), POLL)
        .toEqual(
          preview.mapping.columns.map((use) => [
            use.column,
            use.use === "field"
              ? expect.stringContaining(fields[use.field as keyof typeof fields])
              : importsZhCN.mapping.attribute,
          ]),
        );
      expect(preview.mapping.columns.map((use) => use.field)).toEqual([
        "code",
        "name",
        "type",
        "registered_on",
        "city",
      ]);
      await expect(page.getByTestId("preview-encoding").innerText()).resolves.toBe("UTF-8");
      const previewRows = page.getByTestId("preview-rows").locator(ROWS);
      expect(await previewRows.count()).toBe(preview.rows.length);
      // A type is read as its code; the values the import would refuse are marked, as many as the API says.
      await expect(previewRows.first().innerText()).resolves.toContain(preview.rows[0]!.read.type!);
      expect(preview.rows[0]!.read.type).toBe("enterprise");
      expect(await page.getByTestId("preview-problem").count()).toBe(
        preview.rows.reduce((sum, row) => sum + row.problems.length, 0),
      );
      await shot(page, "mapping");

      // Validated: the problems by line and column, in the server's words, and nothing written.
      await page.getByTestId("validate").click();
      await page.getByTestId("validation-rejected").waitFor(POLL);
      const validated = await uploadJson<ImportResult>(request, "/imports/customers/validate", bad);
      expect(validated.problems.map((problem) => [problem.line, problem.column])).toEqual([
        [3, "客户编号"],
        [4, "注册日期"],
        [5, "注册日期"],
      ]);
      const problemRows = page.getByTestId("validation-problems").locator(ROWS);
      const shown = await problemRows.evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)),
      );
      expect(shown).toEqual(
        validated.problems.map((problem) => [String(problem.line), problem.column, problem.reason.text]),
      );
      await expect(page.getByTestId("validation-rejected").innerText()).resolves.toBe(
        `文件被拒绝：${validated.rejected} 行有错误（共 ${validated.problemCount} 个问题）`,
      );
      await expect(page.getByTestId("nothing-written").innerText()).resolves.toContain("未写入任何数据");
      await expect(page.getByTestId("commit").isDisabled()).resolves.toBe(true);
      for (const code of ["IMP001", "IMP003", "IMP004"])
        expect(await customerStatus(request, code), code).toBe(404);
      await shot(page, "refused");

      // The fixed file, saved from Excel in GBK: read as such, it passes, and is imported.
      const fixed = { name: "customers-fixed.csv", buffer: iconv.encode(FIXED, "gbk") };
      await choose(page, fixed);
      await expect(page.getByTestId("preview-encoding").innerText()).resolves.toBe("GBK / GB18030");
      await expect(page.getByTestId("validation-stale").count()).resolves.toBe(0);
      const fixedPreview = await uploadJson<ImportPreview>(request, "/imports/customers/preview", fixed);
      expect(fixedPreview.encoding).toBe("gb18030");
      await expect(previewRows.first().innerText()).resolves.toContain(fixedPreview.rows[0]!.read.name!);
      await page.getByTestId("validate").click();
      await page.getByTestId("validation-passed").waitFor(POLL);
      await expect(page.getByTestId("validation-passed").innerText()).resolves.toContain("4 行全部可以导入");
      await shot(page, "validated");

      await page.getByTestId("commit").click();
      await page.getByTestId("import-succeeded").waitFor(POLL);
      expect(await page.locator("[data-testid=import-progress].ant-progress-status-success").count()).toBe(1);
      const history = await getJson<ImportHistoryPage>(request, "/imports/history");
      const latest = history.imports[0]!;
      expect(latest).toMatchObject({
        entity: "customers",
        file: "customers-fixed.csv",
        status: "succeeded",
        rows: { read: 4, inserted: 4, updated: 0, rejected: 0 },
      });
      await expect(page.getByTestId("import-summary").innerText()).resolves.toBe(
        "读取 4 行：新增 4，更新 0，未变化 0，跳过 0",
      );
      // The history lists it first: when, who, the file, the kind, the rows, the status.
      const first = page.getByTestId("import-history").locator(`${ROWS}[data-row-key="${latest.id}"]`);
      await first.waitFor(POLL);
      await expect(
        page.getByTestId("import-history").locator(ROWS).first().getAttribute("data-row-key"),
      ).resolves.toBe(String(latest.id));
      const cells = await first.locator("td").allInnerTexts();
      expect(cells.slice(1)).toEqual([
        latest.by!.name ?? latest.by!.username,
        "customers-fixed.csv",
        importsZhCN.entities.customers,
        "新增 4 · 更新 0 · 跳过 0",
        importsZhCN.history.statuses.succeeded,
      ]);
      // The customers are there, as the file has them.
      const customer = await getJson<{ customer: Record<string, unknown> }>(request, "/customers/IMP003");
      expect(customer.customer).toMatchObject({ name: "测试织造", type: "individual", city: "苏州" });
      expect(String(customer.customer.registered_on).slice(0, 10)).toBe("2025-02-28");
      expect(await customerStatus(request, "IMP002")).toBe(200);
      await shot(page, "imported");
      await context.close();
    });

    it("maps columns by hand, saves them as a profile and reads the next file by it, in English", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Import");
      await page.getByTestId("side-menu").locator('a[href="/imports"]').click();
      await page.getByTestId("imports").waitFor();
      const file = {
        name: "crm-export.csv",
        buffer: Buffer.from("Ref,Customer Name,Joined,Notes\nIMP101,Harbour Tea,2025-04-01,vip\n"),
      };
      await choose(page, file);
      // Ref and Joined name no field: kept as attributes until mapped by hand.
      await expect
        .poll(() => mappingShown(page), POLL)
        .toEqual([
          ["Ref", "Keep as attribute"],
          ["Customer Name", expect.stringContaining("Name")],
          ["Joined", "Keep as attribute"],
          ["Notes", "Keep as attribute"],
        ]);
      await page.getByTestId("mapping-missing").waitFor();
      const pick = async (position: number, label: string) => {
        await page.getByTestId(`map-${position}`).click();
        // The list is long and drawn as it scrolls: searched, the field comes to the top.
        await page.keyboard.type(label);
        await page
          .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label })
          .click();
      };
      await pick(1, "Customer code");
      await pick(3, "Registered on");
      await expect
        .poll(() => mappingShown(page), POLL)
        .toEqual([
          ["Ref", expect.stringContaining("Customer code")],
          ["Customer Name", expect.stringContaining("Name")],
          ["Joined", expect.stringContaining("Registered on")],
          ["Notes", "Keep as attribute"],
        ]);
      await expect(page.getByTestId("mapping-missing").count()).resolves.toBe(0);
      await expect(page.getByTestId("preview-rows").locator(ROWS).first().innerText()).resolves.toContain(
        "2025-04-01",
      );

      await page.getByTestId("profile-save").click();
      await page.getByTestId("profile-name").fill("crm-export");
      await page.locator(".ant-modal-footer .ant-btn-primary").click();
      await page.locator(".ant-modal").waitFor({ state: "hidden", ...POLL });
      const saved = await getJson<StoredProfile>(context.request, "/imports/profiles/crm-export");
      expect(saved).toMatchObject({ entity: "customers", version: 1 });
      expect(saved.profile.columns).toEqual({ Ref: "code", Joined: "registered_on" });

      // The next file of the same source, read by the profile: mapped without a click.
      await page.reload();
      await page.getByTestId("imports").waitFor();
      await page.getByTestId("profile-picker").click();
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "crm-export" })
        .click();
      await choose(page, { ...file, name: "crm-export-2.csv" });
      await expect
        .poll(() => mappingShown(page), POLL)
        .toEqual([
          ["Ref", expect.stringContaining("Customer code")],
          ["Customer Name", expect.stringContaining("Name")],
          ["Joined", expect.stringContaining("Registered on")],
          ["Notes", "Keep as attribute"],
        ]);
      await page.getByTestId("validate").click();
      await page.getByTestId("validation-passed").waitFor(POLL);
      await expect(page.getByTestId("validation-passed").innerText()).resolves.toBe(
        "Validated: no errors (rows read: 1)",
      );
      // No Chinese left in the page's own words (the history's user names are people's names).
      const words = await page.evaluate(() => {
        const root = document.querySelector("[data-testid=imports]")!.cloneNode(true) as Element;
        for (const cell of root.querySelectorAll("[data-testid=import-history] tbody td:nth-child(2)"))
          cell.remove();
        const menu = document.querySelector("[data-testid=side-menu]")!.textContent;
        const crumbs = document.querySelector("[data-testid=breadcrumbs]")!.textContent;
        return `${menu}\n${crumbs}\n${root.textContent}`;
      });
      expect(words).toContain("Column mapping");
      expect(words).toContain("Import history");
      expect(words.match(CJK)?.[0] ?? null, words).toBeNull();
      await shot(page, "english");
      await context.close();
    });

    it("shows roles without the import permission no menu entry, and the forbidden page by URL", async () => {
      for (const user of [bench.users.sales, bench.users.analyst]) {
        const { context, page } = await signedInHome(bench, user);
        await expect(page.getByTestId("side-menu").locator('a[href="/imports"]').count()).resolves.toBe(0);
        await expect(page.getByTestId("side-menu").innerText()).resolves.not.toContain(zhCN.menu.imports);
        await page.goto(`${bench.url}/imports`);
        await page.getByTestId("forbidden").waitFor(POLL);
        expect(await page.getByTestId("imports").count()).toBe(0);
        if (user === bench.users.sales) await shot(page, "forbidden");
        await context.close();
      }
    });
  });
}
