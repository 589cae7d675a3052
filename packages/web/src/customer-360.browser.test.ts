/**
 * 客户画像 in a real browser (headless Debian chromium through playwright-core) against the real
 * server over the demo company, on both engines: the numbers the page shows against the API's,
 * why a grade is what it is, logging an interaction, pinning and unpinning a grade, what an
 * analyst and a salesperson see and may do, and the English page. Each test saves a screenshot to
 * packages/web/test-results/<engine>-customer-360-<name>.png.
 */
import { ENGINES } from "@custra/db/testing";
import type { APIRequestContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Customer360, GradeExplanation } from "./pages/customer-360/customer-360.types.ts";
import { CJK, openWorkbench, screenshot, signedIn, type Workbench } from "./testing/workbench.fixture.ts";

const ROWS = ".ant-table-tbody tr[data-row-key]";
const OPEN_OPTIONS = ".ant-select-dropdown:visible .ant-select-item-option";
const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
const POLL = { timeout: 15_000 };

/** A number as the page writes it (¥12,345 · 72.7% · 1.23), read back. */
const shownNumber = (text: string) => Number(text.replace(/[^\d.-]/g, ""));
/** A shown number is the API's, rounded as shown (to within half its last place). */
const near = (shown: number, api: number, halfPlace: number) =>
  expect(Math.abs(shown - api), `${shown} shown for ${api}`).toBeLessThanOrEqual(halfPlace + 1e-9);

for (const engine of ENGINES) {
  describe(`the customer 360 page on ${engine}`, { timeout: 180_000 }, () => {
    let bench: Workbench;
    const shot = (page: Page, name: string) => screenshot(page, `${engine}-customer-360-${name}`);
    const getJson = async <T>(request: APIRequestContext, path: string): Promise<T> => {
      const response = await request.get(`${bench.url}/api/v1${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    /** Opens the customer of the list's first row (as a user would) and waits for its page. */
    const openFirstCustomer = async (page: Page) => {
      await page.locator(`${ROWS} td.col-code a`).first().waitFor();
      const link = page.locator(`${ROWS} td.col-code a`).first();
      const code = await link.innerText();
      await link.click();
      await page.waitForURL(new RegExp(`/customers/${code}$`));
      await page.getByTestId("customer-grades").waitFor();
      return code;
    };
    /** The list by revenue, best first: its first customer has orders, contacts and grades to show. */
    const openBiggestCustomer = async (page: Page) => {
      await page.goto(`${bench.url}/customers?sort=revenue&order=desc`);
      return openFirstCustomer(page);
    };
    /**
     * Chooses `option` in the searchable select `testId` as a keyboard user does (types it, takes
     * the match) and waits until the select shows it. A click on the option instead would race the
     * dialog's zoom-in: the dropdown opens where the select was a moment before.
     */
    const pick = async (page: Page, testId: string, option: string) => {
      await page.getByTestId(testId).click();
      await page.keyboard.type(option);
      await page.locator(OPEN_OPTIONS, { hasText: option }).first().waitFor();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByTestId(testId).innerText(), POLL).toContain(option);
    };
    const figure = async (page: Page, testId: string) =>
      page.getByTestId(testId).locator(".ant-statistic-content").innerText();

    beforeAll(async () => {
      bench = await openWorkbench(engine);
    }, 300_000);
    afterAll(async () => {
      await bench?.close();
    });

    it("shows the grades, scores, orders and contacts the API gives, and why the grade adds up", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      const code = await openBiggestCustomer(page);
      const view = await getJson<Customer360>(context.request, `/customers/${code}`);
      await expect(page.getByTestId("customer-name").innerText()).resolves.toBe(view.customer.name);
      expect(view.orders.length).toBeGreaterThan(0);
      expect(view.contacts.length).toBeGreaterThan(0);
      expect(view.grades.length).toBeGreaterThan(0);
      for (const grade of view.grades) {
        // A pin in force is the grade now; otherwise the graded one.
        const label = grade.currentPin?.inForce ? grade.currentPin.gradeLabel : grade.gradeLabel;
        await expect(page.getByTestId(`grade-shown-${grade.scheme}`).innerText()).resolves.toBe(label);
        if (grade.score !== null)
          near(
            shownNumber(await page.getByTestId(`grade-score-${grade.scheme}`).innerText()),
            grade.score,
            0.005,
          );
      }
      const scores = view.scores!;
      expect(shownNumber(await figure(page, "score-orders"))).toBe(scores.orders);
      expect(shownNumber(await figure(page, "score-revenue"))).toBe(Math.round(scores.revenue));
      if (scores.clv !== null)
        expect(shownNumber(await figure(page, "score-clv"))).toBe(Math.round(scores.clv));
      near(shownNumber(await figure(page, "score-expectedPurchases")), scores.expectedPurchases!, 0.005);
      if (scores.pAlive !== null)
        near(shownNumber(await figure(page, "score-pAlive")) / 100, scores.pAlive, 0.0005);
      await expect(figure(page, "score-rfm")).resolves.toBe(
        `${scores.rfm.r} · ${scores.rfm.f} · ${scores.rfm.m}`,
      );
      const interval = view.purchaseInterval!;
      await expect(page.getByTestId("score-interval").innerText()).resolves.toContain(
        `${interval.low}–${interval.high}`,
      );
      // The purchase timeline is drawn, with its legend in the reader's language.
      await expect
        .poll(() => page.getByTestId("purchase-chart").locator("svg text").allTextContents(), POLL)
        .toContain("购买金额");
      // Contacts: the decision maker first; phones as the API sends them.
      const contacts = page.getByTestId("customer-contacts").locator(ROWS);
      expect(await contacts.count()).toBe(view.contacts.length);
      if (view.contacts.some((contact) => contact.role === "decision_maker"))
        await expect(contacts.first().innerText()).resolves.toContain("决策者");
      await page.getByRole("tab", { name: "订单" }).click();
      const orders = page.getByTestId("customer-orders").locator(ROWS);
      await expect.poll(() => orders.count(), POLL).toBe(view.orders.length);
      await expect(orders.first().innerText()).resolves.toContain(view.orders[0]!.externalId);
      await shot(page, "overview");

      // 为什么是 B？ The components add up to the score, and the score lies in its grade's band.
      const value = view.grades.find((grade) => grade.scheme === "value") ?? view.grades[0]!;
      await page.getByTestId(`why-${value.scheme}`).click();
      const drawer = page.getByTestId("grade-explanation");
      await drawer.getByTestId("explanation-components").waitFor();
      const explained = (
        await getJson<{ grades: GradeExplanation[] }>(
          context.request,
          `/grades/customers/${code}/explanation?scheme=${value.scheme}`,
        )
      ).grades[0]!;
      const parts = (await drawer.getByTestId("component-contribution").allInnerTexts()).map(shownNumber);
      expect(parts.length).toBe(
        explained.components.filter((c) => c.normalized !== null && !c.uninformative).length,
      );
      const total = shownNumber(await drawer.getByTestId("components-total").innerText());
      const score = shownNumber(await drawer.getByTestId("explanation-score").innerText());
      expect(score).toBeCloseTo(explained.score!, 2);
      expect(total).toBeCloseTo(score, 2);
      // Each part is rounded to 2 places: their sum is within half a cent per part of the score.
      expect(Math.abs(parts.reduce((sum, part) => sum + part, 0) - score)).toBeLessThanOrEqual(
        0.005 * parts.length + 1e-9,
      );
      const here = drawer.getByTestId("explanation-bands").locator(".ant-list-item", { hasText: "本客户" });
      await expect(here.innerText()).resolves.toContain(
        explained.bands.find((band) => band.grade === explained.scoreGrade)!.label,
      );
      await expect
        .poll(() => drawer.getByTestId("grade-history").locator(ROWS).count(), POLL)
        .toBeGreaterThan(0);
      await shot(page, "why");
      await drawer.getByTestId("grade-history").scrollIntoViewIfNeeded();
      await shot(page, "why-rules");
      await context.close();
    });

    it("lets a salesperson log an interaction on their customer, not pin; another owner's customer is not found", async () => {
      const sales = bench.users.sales;
      const { context, page } = await signedIn(bench, sales);
      const code = await openFirstCustomer(page);
      const before = await getJson<Customer360>(context.request, `/customers/${code}`);
      expect(before.actions).toEqual({ logInteraction: true, pinGrade: false });
      expect(await page.getByTestId("customer-grades").locator('[data-testid^="pin-"]').count()).toBe(0);

      const summary = `Call about the spring order ${engine} ${Date.now()}`;
      await page.getByTestId("log-interaction").click();
      await page.getByTestId("interaction-summary").fill(summary);
      await pick(page, "interaction-kind", "电话");
      await page.getByTestId("interaction-ok").click();
      await page.getByRole("tab", { name: "互动记录" }).click();
      const logged = page.getByTestId("customer-interactions").locator(ROWS, { hasText: summary });
      await logged.waitFor();
      await expect(logged.innerText()).resolves.toContain("电话");
      const listed = await getJson<{ items: { kind: string; summary: string; owner: string }[] }>(
        context.request,
        `/interactions?customerCode=${encodeURIComponent(code)}`,
      );
      expect(listed.items.find((item) => item.summary === summary)).toMatchObject({
        kind: "call",
        owner: sales.username,
      });
      await shot(page, "interaction-logged");

      const other = await bench.handle.db
        .selectFrom("customers")
        .select("code")
        .where((eb) => eb.or([eb("owner", "<>", sales.username), eb("owner", "is", null)]))
        .orderBy("code")
        .executeTakeFirstOrThrow();
      await page.goto(`${bench.url}/customers/${other.code}`);
      await page.getByTestId("customer-not-found").waitFor();
      await expect(page.getByTestId("customer-not-found").innerText()).resolves.toContain("未找到该客户");
      expect((await context.request.get(`${bench.url}/api/v1/customers/${other.code}`)).status()).toBe(404);
      await shot(page, "not-found");
      await context.close();
    });

    it("pins a grade with a reason and a last day: the grade shown changes, and back when unpinned", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      // A customer of the list's first page without a pin on the value scheme (the demo pins some).
      const listed = await getJson<{ items: { code: string }[] }>(context.request, "/customers?limit=20");
      let code = "";
      let graded: Customer360["grades"][number] | undefined;
      for (const { code: candidate } of listed.items.slice(1)) {
        const candidateView = await getJson<Customer360>(context.request, `/customers/${candidate}`);
        graded = candidateView.grades.find((grade) => grade.scheme === "value" && grade.currentPin === null);
        if (graded) {
          code = candidate;
          break;
        }
      }
      expect(graded).toBeDefined();
      await page.locator(`${ROWS} td.col-code a`, { hasText: code }).click();
      await page.getByTestId("grade-shown-value").waitFor();
      const scheme = await getJson<{
        definition: { grades: { code: string; label: Record<string, string> }[] };
      }>(context.request, "/schemes/value");
      const target = scheme.definition.grades.find((grade) => grade.code !== graded!.grade)!;
      const shown = page.getByTestId("grade-shown-value");
      await expect(shown.getAttribute("data-grade")).resolves.toBe(graded!.grade);

      await page.getByTestId("pin-value").click();
      await page.getByTestId("pin-reason").fill("Framework contract signed for 2026");
      await pick(page, "pin-grade", target.label["zh-CN"]!);
      await page.locator("#pin_until").click();
      await page.locator("#pin_until").fill("2099-12-31");
      await page.locator("#pin_until").press("Enter");
      await page.getByTestId("pin-ok").click();
      await expect.poll(() => shown.getAttribute("data-grade"), POLL).toBe(target.code);
      await expect(shown.innerText()).resolves.toBe(target.label["zh-CN"]);
      await expect(page.getByTestId("grade-pin-value").innerText()).resolves.toContain("2099-12-31");
      await expect(page.getByTestId("header-grade-value").innerText()).resolves.toContain(
        target.label["zh-CN"]!,
      );
      const pinned = await getJson<Customer360>(context.request, `/customers/${code}`);
      expect(pinned.grades.find((grade) => grade.scheme === "value")!.currentPin).toMatchObject({
        grade: target.code,
        reason: "Framework contract signed for 2026",
        until: "2099-12-31",
        inForce: true,
      });
      await shot(page, "pinned");

      await page.getByTestId("unpin-value").click();
      await page.getByTestId("unpin-ok-value").click();
      await expect.poll(() => shown.getAttribute("data-grade"), POLL).toBe(graded!.grade);
      expect(await page.getByTestId("grade-pin-value").count()).toBe(0);
      const unpinned = await getJson<Customer360>(context.request, `/customers/${code}`);
      expect(unpinned.grades.find((grade) => grade.scheme === "value")!.currentPin).toBeNull();
      await context.close();
    });

    it("shows an analyst masked phone numbers and only the buttons the server allows", async () => {
      const { context, page } = await signedIn(bench, bench.users.analyst);
      // A customer with a phone and contacts: the analyst's detail rights mask both.
      const candidates = await bench.handle.db
        .selectFrom("customers as c")
        .innerJoin("contacts as k", "k.customer_id", "c.id")
        .select(["c.code", "c.phone"])
        .where("c.phone", "is not", null)
        .where("k.phone", "is not", null)
        .orderBy("c.code")
        .execute();
      // A mobile number (landlines are masked their own way).
      const row = candidates.find((candidate) => /^1\d{10}$/.test(candidate.phone ?? ""))!;
      expect(row).toBeDefined();
      await page.goto(`${bench.url}/customers/${row.code}`);
      await page.getByTestId("customer-grades").waitFor();
      const view = await getJson<Customer360>(context.request, `/customers/${row.code}`);
      const phone = await page.getByTestId("customer-phone").innerText();
      expect(phone).toBe(view.customer.phone);
      expect(phone).toMatch(MASKED_PHONE);
      const contactPhones = (await page.getByTestId("contact-phone").allInnerTexts()).filter(
        (text) => text !== "—",
      );
      expect(contactPhones.length).toBeGreaterThan(0);
      for (const shown of contactPhones) expect(shown).toMatch(MASKED_PHONE);
      // Nothing unmasked reached the page: not even hidden in its HTML.
      expect(await page.content()).not.toContain(row.phone!);
      // Analysts edit the grading (pins are part of it) but log no interactions.
      expect(view.actions).toEqual({ logInteraction: false, pinGrade: true });
      expect(await page.getByTestId("log-interaction").count()).toBe(0);
      expect(await page.getByTestId("pin-value").count()).toBe(1);
      await shot(page, "analyst");
      await context.close();
    });

    it("has no Chinese left in English, customer data aside", async () => {
      const { context, page } = await signedIn(bench, bench.users.admin);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => page.getByTestId("side-menu").innerText(), POLL).toContain("Customers");
      await openBiggestCustomer(page);
      await expect.poll(() => page.getByTestId("customer-scores").innerText(), POLL).toContain("P(alive)");
      /**
       * The words of `part`: customer data (names, addresses, notes, products: class user-data) is
       * the customer's, not the workbench's, and may be Chinese.
       */
      const check = async (part: Locator) => {
        const text = await part.evaluate((element) => {
          const copy = element.cloneNode(true) as HTMLElement;
          for (const data of copy.querySelectorAll(".user-data")) data.remove();
          return copy.textContent ?? "";
        });
        expect(text.match(CJK)?.[0] ?? null, text).toBeNull();
      };
      await check(page.getByTestId("customer-360"));
      await check(page.getByTestId("breadcrumbs"));
      for (const tab of ["Invoices and aging", "Payments", "Interactions", "Surveys", "Orders"]) {
        await page.getByRole("tab", { name: tab }).click();
        await check(page.getByTestId("customer-360"));
      }
      await shot(page, "english");
      await page.getByTestId("why-value").click();
      await page.getByTestId("explanation-components").waitFor();
      await check(page.locator(".ant-drawer").filter({ has: page.getByTestId("grade-explanation") }));
      await shot(page, "english-why");
      await page.keyboard.press("Escape");
      // The forms too: logging an interaction and pinning a grade (the admin may both).
      const modalWith = (testId: string) =>
        page.locator(".ant-modal").filter({ has: page.getByTestId(testId) });
      await page.getByTestId("log-interaction").click();
      await page.getByTestId("interaction-summary").waitFor();
      await check(modalWith("interaction-summary"));
      await modalWith("interaction-summary").getByRole("button", { name: "Cancel" }).click();
      await page.getByTestId("pin-value").click();
      await page.getByTestId("pin-reason").waitFor();
      await check(modalWith("pin-reason"));
      await shot(page, "english-pin");
      await context.close();
    });
  });
}
