/**
 * 设置's organisation pages in a real browser (headless Debian chromium through playwright-core)
 * against the real server on a free port, over the demo company, on both engines: an admin adds a
 * user with a department and a role (a taken email refused beside its field first), who then signs
 * in and has that role's menu; adds, renames and moves a department in the tree, and is told why a
 * department with members cannot go, as GET /departments agrees; changes the sales role's field
 * rights and permissions, after which a sales rep's phone numbers come masked and the rep's menu
 * grows, and is refused (beside the permissions) taking manageUsers from the admin role; shares
 * another owner's customer with a sales rep, who then opens it, and ends the share, after which the
 * rep cannot; a sales rep has none of these pages; and in English no Chinese is left on them but the
 * company's own data. The tests run in order on one demo copy. Screenshots:
 * test-results/<engine>-org-<name>.png.
 */
import { DEMO_PASSWORD } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Customer360 } from "./pages/customer-360/customer-360.types.ts";
import type { CompanySharePage, Department, OrgUser, Role } from "./pages/org/org.types.ts";
import {
  CJK,
  type DemoUser,
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
/** The user the first test adds (no Chinese: the English page lists them). */
const NEW_USER: DemoUser = { email: "wang.fang@example.com", username: "wang.fang", role: "manager" };

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const engine of ENGINES) {
  describe(`设置's organisation pages on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    /** Until no transition (a menu's colour, a table's veil, a dropdown opening) is half done. */
    const settled = (page: Page) =>
      page.waitForFunction(
        () =>
          document
            .getAnimations()
            .every(
              (animation) =>
                animation.playState !== "running" || animation.effect?.getTiming().iterations === Infinity,
            ),
        undefined,
        POLL,
      );
    const shot = async (page: Page, name: string) => {
      await settled(page);
      await screenshot(page, `${engine}-org-${name}`);
    };
    const getJson = async <T>(api: APIRequestContext, path: string): Promise<T> => {
      const response = await api.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const csrf = async (api: APIRequestContext) =>
      (await getJson<{ csrfToken: string }>(api, "/auth/session")).csrfToken;
    /** What the server answers a write in Chinese, to compare with what the page shows. */
    const refusalOf = async (api: APIRequestContext, method: string, path: string, data?: object) => {
      const response = await api.fetch(`${bench.url}/api/v1${path}`, {
        method,
        headers: { "x-csrf-token": await csrf(api), "accept-language": "zh-CN" },
        ...(data ? { data } : {}),
      });
      expect(response.status(), path).toBeGreaterThanOrEqual(400);
      return (await response.json()) as { code: string; detail: string };
    };
    /** Opens the menu's 设置 group, and waits until it has finished opening (for the picture). */
    const openSettings = async (page: Page) => {
      await page.getByTestId("side-menu").getByText("设置", { exact: true }).click();
      await page.locator(".ant-menu-submenu-open").waitFor();
      await expect.poll(() => page.locator(".ant-motion-collapse").count(), POLL).toBe(0);
    };
    const menuEntries = async (page: Page) =>
      (await page.getByTestId("side-menu").innerText())
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    /** Picks, once the open dropdown has settled, its first entry `entry` selects. */
    const pick = async (page: Page, entry: string, text: RegExp) => {
      // Not one still closing from the field before.
      const dropdown = page.locator('.ant-select-dropdown:visible:not([class*="-leave"])');
      await dropdown.waitFor();
      await settled(page);
      await dropdown.locator(entry, { hasText: text }).first().click();
    };
    /** Picks the node titled `title` in the open tree-select dropdown. */
    const pickInTree = (page: Page, title: string) =>
      pick(page, ".ant-select-tree-title", new RegExp(`^${escaped(title)}$`));
    /** Picks the option whose text starts with `label` (or matches it) in the open select dropdown. */
    const pickOption = (page: Page, label: string | RegExp) =>
      pick(
        page,
        ".ant-select-item-option",
        typeof label === "string" ? new RegExp(`^${escaped(label)}`) : label,
      );
    const fieldText = (page: Page, field: string) =>
      page.locator(`.ant-form-item:has(#${field})`).innerText();
    const errorOf = (page: Page, field: string) =>
      page.locator(`.ant-form-item:has(#${field}) .ant-form-item-explain-error`).innerText();

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("adds a user with a department and a role (a taken email refused beside it); they sign in and have that role's menu", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      await openFromMenu(page, "设置", "用户", "/settings/users");
      const table = page.getByTestId("users-table");
      const all = await getJson<OrgUser[]>(context.request, "/users");
      await expect.poll(() => table.locator(ROWS).count(), POLL).toBe(Math.min(50, all.length));
      // The role filter is the server's: its rows are GET /users?role=sales.
      await page.getByTestId("users-filter-role").click();
      await pickOption(page, /^销售$/);
      const sales = await getJson<OrgUser[]>(context.request, "/users?role=sales");
      await expect
        .poll(
          async () =>
            (await table.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.dataset.rowKey))).sort(),
          POLL,
        )
        .toEqual(
          sales
            .slice(0, 50)
            .map((user) => String(user.id))
            .sort(),
        );
      await shot(page, "users-sales");

      const departments = await getJson<Department[]>(context.request, "/departments");
      const team = departments.find((department) => department.parentId !== null)!;
      await page.getByTestId("user-create").click();
      await page.locator("#user_email").fill(bench.users.sales.email);
      await page.locator("#user_name").fill("Wang Fang");
      await page.locator("#user_username").fill(NEW_USER.username);
      await page.locator("#user_role").click();
      await pickOption(page, "销售经理");
      await page.locator("#user_department").click();
      await pickInTree(page, team.name);
      await expect.poll(() => fieldText(page, "user_department"), POLL).toContain(team.name);
      await page.locator("#user_password").fill(DEMO_PASSWORD);
      await page.getByTestId("user-submit").click();
      const taken = await refusalOf(context.request, "POST", "/users", {
        email: bench.users.sales.email,
        name: "Wang Fang",
        role: "manager",
        password: DEMO_PASSWORD,
      });
      expect(taken.code).toBe("ACCESS_USER_EXISTS");
      await expect.poll(() => errorOf(page, "user_email"), POLL).toBe(taken.detail);
      await shot(page, "user-refused");

      await page.locator("#user_email").fill(NEW_USER.email);
      await page.getByTestId("user-submit").click();
      const added = async () =>
        (await getJson<OrgUser[]>(context.request, "/users")).find((user) => user.email === NEW_USER.email);
      await expect.poll(added, POLL).toMatchObject({
        username: NEW_USER.username,
        name: "Wang Fang",
        role: "manager",
        departmentId: team.id,
        active: true,
        canSignIn: true,
      });
      const user = (await added())!;
      await page.getByTestId("user-submit").waitFor({ state: "hidden" });
      // Found by the server's search, whatever page of the list they would be on.
      await page.getByTestId("users-clear").click();
      await page.getByTestId("users-search").locator("input").fill("wang.fang");
      await page.keyboard.press("Enter");
      await expect.poll(() => table.locator(ROWS).count(), POLL).toBe(1);
      const row = table.locator(`tr[data-row-key="${user.id}"]`);
      await expect
        .poll(() => row.innerText(), POLL)
        .toMatch(/wang\.fang[\s\S]*Wang Fang[\s\S]*销售经理[\s\S]*在职/);
      await expect(row.innerText()).resolves.toContain(team.name);
      await context.close();

      // Signing in afresh: the manager's menu (analyze and export give 运行计划 and API 令牌, nothing else of 设置).
      const newcomer = await signedInHome(bench, NEW_USER);
      const session = await getJson<{ user: OrgUser & { permissions: string[] } }>(
        newcomer.context.request,
        "/auth/session",
      );
      expect(session.user).toMatchObject({ id: user.id, role: "manager", departmentId: team.id });
      expect(await menuEntries(newcomer.page)).toEqual([
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
      await openSettings(newcomer.page);
      await expect
        .poll(async () => {
          const entries = await menuEntries(newcomer.page);
          return entries.slice(entries.indexOf("设置") + 1);
        }, POLL)
        .toEqual(["运行计划", "API 令牌"]);
      await shot(newcomer.page, "new-user-menu");
      await newcomer.context.close();
    });

    it("adds, renames and moves a department in the tree as GET /departments agrees, and says why one with members cannot go", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/settings/departments");
      const departments = await getJson<Department[]>(context.request, "/departments");
      for (const department of departments)
        await expect(page.getByTestId(`department-${department.id}`).innerText()).resolves.toBe(
          `${department.name}${department.members} 人`,
        );
      const root = departments.find((department) => department.parentId === null)!;
      const team = departments.find(
        (department) => department.parentId === root.id && department.members > 0,
      )!;

      await page.getByTestId(`department-${root.id}`).click();
      await page.locator("#subDepartment_name").fill("Field Lab");
      await page.getByTestId("department-add").click();
      const lab = async () =>
        (await getJson<Department[]>(context.request, "/departments")).find((d) => d.name.endsWith("Lab"));
      await expect.poll(lab, POLL).toMatchObject({ name: "Field Lab", parentId: root.id, members: 0 });
      const { id } = (await lab())!;
      await page.getByTestId(`department-${id}`).click();
      await expect.poll(() => page.locator("#department_name").inputValue(), POLL).toBe("Field Lab");
      await page.locator("#department_name").fill("Research Lab");
      await page.locator("#department_parentId").click();
      await pickInTree(page, team.name);
      await expect.poll(() => fieldText(page, "department_parentId"), POLL).toContain(team.name);
      await page.getByTestId("department-save").click();
      await expect.poll(lab, POLL).toEqual({ id, name: "Research Lab", parentId: team.id, members: 0 });
      await expect
        .poll(() => page.getByTestId(`department-${id}`).innerText(), POLL)
        .toBe("Research Lab0 人");
      await shot(page, "departments-moved");

      // A department with members stays, and the page says why in the server's words.
      await page.getByTestId(`department-${team.id}`).click();
      await page.getByTestId("department-delete").click();
      await page.getByTestId("department-delete-confirm").click();
      const refused = await refusalOf(context.request, "DELETE", `/departments/${team.id}`);
      expect(refused.code).toBe("ACCESS_DEPARTMENT_IN_USE");
      await expect
        .poll(() => page.getByTestId("department-delete-failed").innerText(), POLL)
        .toContain(refused.detail);
      expect((await getJson<Department[]>(context.request, "/departments")).map((d) => d.id)).toContain(
        team.id,
      );
      // Its members, those of its sub-departments included, as GET /users filters them.
      const members = await getJson<OrgUser[]>(context.request, `/users?departmentId=${team.id}`);
      await expect
        .poll(() => page.getByTestId("department-members-table").locator(ROWS).count(), POLL)
        .toBe(Math.min(10, members.length));
      await shot(page, "departments-in-use");
      await context.close();
    });

    it("changes the sales role's field rights and permissions: a rep's phones come masked and the menu grows; the admin role keeps manageUsers", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/settings/roles");
      const roles = await getJson<Role[]>(context.request, "/roles");
      const table = page.getByTestId("roles-table");
      await expect.poll(() => table.locator(ROWS).count(), POLL).toBe(roles.length);
      const salesRow = table.locator('tr[data-row-key="sales"]');
      await expect(salesRow.getByTestId("role-detail-fields").innerText()).resolves.toBe("显示");
      await shot(page, "roles");

      await salesRow.getByTestId("role-edit").click();
      await page.getByTestId("role-detail").getByText("脱敏", { exact: true }).click();
      await page.getByTestId("permission-export").click();
      await expect(page.getByTestId("role-form").innerText()).resolves.toContain("138****5678");
      await shot(page, "role-form");
      await page.getByTestId("role-submit").click();
      const salesRole = async () =>
        (await getJson<Role[]>(context.request, "/roles")).find((r) => r.code === "sales");
      await expect.poll(salesRole, POLL).toMatchObject({
        permissions: ["read", "create", "edit", "export"],
        personalFields: { list: "mask", detail: "mask" },
      });
      await expect.poll(() => salesRow.getByTestId("role-detail-fields").innerText(), POLL).toBe("脱敏");

      // Taking manageUsers from the admin role would leave no one to manage users: refused beside it.
      await table.locator('tr[data-row-key="admin"]').getByTestId("role-edit").click();
      await page.getByTestId("permission-manageUsers").click();
      await page.getByTestId("role-submit").click();
      const admin = roles.find((role) => role.code === "admin")!;
      const refused = await refusalOf(context.request, "PATCH", "/roles/admin", {
        permissions: admin.permissions.filter((permission) => permission !== "manageUsers"),
      });
      expect(refused.code).toBe("ACCESS_LAST_ADMINISTRATOR");
      await expect.poll(() => errorOf(page, "role_permissions"), POLL).toBe(refused.detail);
      expect((await getJson<Role[]>(context.request, "/roles")).find((r) => r.code === "admin")).toEqual(
        admin,
      );
      await shot(page, "role-refused");
      await context.close();

      // The rep, signed in afresh: their own customer's phone masked in its details, as the server masks it.
      const rep = await signedInHome(bench, bench.users.sales);
      const own = await bench.handle.db
        .selectFrom("customers")
        .select(["code", "phone"])
        .where("owner", "=", bench.users.sales.username)
        .where("phone", "is not", null)
        .orderBy("code")
        .executeTakeFirstOrThrow();
      const masked = `${own.phone!.slice(0, 3)}****${own.phone!.slice(-4)}`;
      const view = await getJson<Customer360>(rep.context.request, `/customers/${own.code}`);
      expect(view.customer.phone).toBe(masked);
      await rep.page.goto(`${bench.url}/customers/${own.code}`);
      await expect.poll(() => rep.page.getByTestId("customer-phone").innerText(), POLL).toBe(masked);
      // export: 设置 now offers the rep API 令牌, and nothing of the organisation.
      await openSettings(rep.page);
      await expect
        .poll(async () => (await menuEntries(rep.page)).slice(-2), POLL)
        .toEqual(["设置", "API 令牌"]);
      await shot(rep.page, "sales-masked");
      await rep.context.close();
    });

    it("shares another owner's customer with a sales rep, who then opens it, and ends the share, after which the rep cannot", async () => {
      const { context, page } = await signedInAt(bench, bench.users.admin, "/settings/shares");
      const before = await getJson<CompanySharePage>(context.request, "/customer-shares");
      await expect
        .poll(() => page.getByTestId("shares-total").innerText(), POLL)
        .toBe(`共 ${before.total} 条`);
      const other = await bench.handle.db
        .selectFrom("customers")
        .select(["code", "name"])
        .where("owner", "<>", bench.users.sales.username)
        .orderBy("code")
        .executeTakeFirstOrThrow();
      const reps = await getJson<OrgUser[]>(context.request, "/users");
      const rep = reps.find((user) => user.email === bench.users.sales.email)!;

      await page.getByTestId("share-create").click();
      await page.locator("#share_customer").click();
      await page.keyboard.type(other.code);
      await pickOption(page, `${other.code} · `);
      await page.locator("#share_userId").click();
      await page.keyboard.type(rep.username);
      await pickOption(page, `${rep.name ?? rep.username} (${rep.username})`);
      await page.getByTestId("share-submit").click();
      const shares = () => getJson<CompanySharePage>(context.request, "/customer-shares");
      await expect.poll(async () => (await shares()).total, POLL).toBe(before.total + 1);
      const [made] = (await shares()).items;
      expect(made).toMatchObject({
        customerCode: other.code,
        userId: rep.id,
        access: "read",
        until: null,
        expired: false,
        createdBy: bench.users.admin.username,
      });
      const row = page.getByTestId("shares-table").locator(`tr[data-row-key="${made!.id}"]`);
      await expect
        .poll(() => row.innerText(), POLL)
        .toMatch(new RegExp(`${other.code}[\\s\\S]*只读[\\s\\S]*长期有效[\\s\\S]*有效`));
      await expect(page.getByTestId("shares-total").innerText()).resolves.toBe(`共 ${before.total + 1} 条`);
      await shot(page, "shares");

      const sales = await signedInHome(bench, bench.users.sales);
      await sales.page.goto(`${bench.url}/customers/${other.code}`);
      await expect
        .poll(() => sales.page.getByTestId("customer-name").innerText(), POLL)
        .toContain(other.name ?? other.code);
      await shot(sales.page, "shared-customer");

      await row.getByTestId("share-remove").click();
      await page.getByTestId("share-remove-confirm").click();
      await expect.poll(async () => (await shares()).total, POLL).toBe(before.total);
      await expect.poll(() => row.count(), POLL).toBe(0);
      await sales.page.reload();
      await sales.page.getByTestId("customer-not-found").waitFor();
      await sales.context.close();
      await context.close();
    });

    it("gives a sales rep none of these pages: not in the menu, and 无权访问 by URL", async () => {
      const { context, page } = await signedInHome(bench, bench.users.sales);
      // The role may export since the test before: of 设置, API 令牌 only.
      await openSettings(page);
      expect((await menuEntries(page)).slice(-2)).toEqual(["设置", "API 令牌"]);
      for (const path of ["users", "departments", "roles", "shares"]) {
        await page.goto(`${bench.url}/settings/${path}`);
        await expect.poll(() => page.getByTestId("forbidden").innerText(), POLL).toContain("无权访问");
      }
      await shot(page, "sales-forbidden");
      await context.close();
    });

    it("in English leaves no Chinese on the four pages but the company's own names", async () => {
      const { context, page } = await signedInHome(bench, bench.users.admin);
      const departments = await getJson<Department[]>(context.request, "/departments");
      // A share to a department, so that the sharing page has a row to read.
      const customer = await bench.handle.db
        .selectFrom("customers")
        .select(["code", "name"])
        .orderBy("code")
        .executeTakeFirstOrThrow();
      const shared = await context.request.post(`${bench.url}/api/v1/customers/${customer.code}/shares`, {
        headers: { "x-csrf-token": await csrf(context.request) },
        data: { departmentId: departments[0]!.id, access: "write", until: "2099-12-31" },
      });
      expect(shared.status()).toBe(201);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Settings");
      const users = await getJson<OrgUser[]>(context.request, "/users");
      // The company's own data may be Chinese: its names are taken out before the scan, longest first.
      const data = [
        ...users.flatMap((user) => [user.name, user.username, user.email]),
        ...departments.map((department) => department.name),
        customer.name,
        customer.code,
      ]
        .filter((value): value is string => Boolean(value))
        .sort((a, b) => b.length - a.length);
      const content = page.locator(".ant-layout-content");
      /** Scans the page once `ready` (what its data shows in) is there. */
      const scan = async (ready: string, name: string) => {
        await content.locator(ready).first().waitFor();
        // Read again in English after the switch: the picture shows the page, not its loading veil.
        await expect.poll(() => content.locator(".ant-spin-spinning").count(), POLL).toBe(0);
        let texts = [await page.getByTestId("side-menu").innerText(), await content.innerText()].join("\n");
        for (const value of data) texts = texts.split(value).join("");
        expect(texts.match(CJK)?.[0] ?? null, `${name}: ${texts}`).toBeNull();
        await shot(page, `english-${name}`);
      };
      await openFromMenu(page, "Settings", "Users", "/settings/users");
      await scan(`[data-testid=users-table] ${ROWS}`, "users");
      await openFromMenu(page, "Settings", "Departments", "/settings/departments");
      await page.getByTestId(`department-${departments[0]!.id}`).click();
      await scan(`[data-testid=department-members-table] ${ROWS}`, "departments");
      await openFromMenu(page, "Settings", "Roles", "/settings/roles");
      await scan(`[data-testid=roles-table] ${ROWS}`, "roles");
      await openFromMenu(page, "Settings", "Customer sharing", "/settings/shares");
      await scan(`[data-testid=shares-table] ${ROWS}`, "shares");
      await context.close();
    });
  });
}
