import { createRole, LOCAL_OPERATOR } from "@custra/app";
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { AS_OF } from "./testing/company.fixture.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInAs } from "./testing/sign-in.ts";

type Role = "admin" | "manager" | "salesA" | "salesB" | "analyst";
const ROLES: readonly Role[] = ["admin", "manager", "salesA", "salesB", "analyst"];

/** The customers each reader may see (the manager: department A and its sub-department). */
const VISIBLE: Record<Role, string[]> = {
  admin: ["CA1", "CA2", "CB1", "CS1"],
  manager: ["CA1", "CA2", "CS1"],
  salesA: ["CA1", "CA2"],
  salesB: ["CB1"],
  analyst: ["CA1", "CA2", "CB1", "CS1"],
};

/**
 * Open as of AS_OF per customer (company.fixture's records): order 1's invoice half paid, order
 * 2's unpaid; the amounts are 100 × (k + 1) × (n + 1) for the k-th customer's n-th order.
 */
const OPEN: Record<string, number> = { CA1: 100 + 300, CA2: 200 + 600, CS1: 300 + 900, CB1: 400 + 1200 };
/** Payments per customer: orders 0 and 1; CB1 also one that names no invoice. */
const PAYMENTS: Record<string, number> = { CA1: 2, CA2: 2, CS1: 2, CB1: 3 };

for (const engine of ENGINES) {
  describe(`record routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { records: true } });
    /** A sales user whose role reads but may not edit. */
    let viewer: SignedIn;
    beforeAll(async () => {
      await createRole(
        { handle: server.handle, actor: LOCAL_OPERATOR },
        {
          code: "sales_viewer",
          names: { "zh-CN": "销售（只读）", en: "Sales (read only)" },
          permissions: ["read"],
          dataScope: "own",
          personalFields: { list: "mask", detail: "show" },
        },
      );
      viewer = await signedInAs(server.app, server.handle, {
        email: "viewer@example.com",
        role: "sales_viewer",
      });
    });

    const who = (role: Role) => server.company[role];
    const get = (user: SignedIn, url: string) => server.app.inject({ url, headers: user.headers });
    const send = (
      user: SignedIn,
      method: "POST" | "PATCH",
      url: string,
      payload: object,
      headers: Record<string, string> = user.headers,
    ) => server.app.inject({ method, url, headers, payload });
    const ok = async (user: SignedIn, url: string) => {
      const response = await get(user, url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json();
    };
    const customers = (page: { items: { customerCode: string }[] }) =>
      [...new Set(page.items.map((item) => item.customerCode))].sort();
    it("lists orders, invoices and payments of the customers in scope only, and counts only those", async () => {
      for (const role of ROLES) {
        const visible = VISIBLE[role];
        const orders = await ok(who(role), "/api/v1/orders?limit=500");
        expect(customers(orders), role).toEqual(visible);
        expect(orders.total, role).toBe(visible.length * 3);
        const invoices = await ok(who(role), `/api/v1/invoices?asOf=${AS_OF}&limit=500`);
        expect(customers(invoices), role).toEqual(visible);
        expect(invoices.total, role).toBe(visible.length * 3);
        const payments = await ok(who(role), "/api/v1/payments?limit=500");
        expect(customers(payments), role).toEqual(visible);
        expect(payments.total, role).toBe(visible.reduce((n, code) => n + PAYMENTS[code]!, 0));
        const aging = await ok(who(role), `/api/v1/invoices/aging?asOf=${AS_OF}`);
        expect(aging.openAmount, role).toBe(visible.reduce((sum, code) => sum + OPEN[code]!, 0));
      }
    });

    it("answers 404 for another owner's or department's customer in every filter and read", async () => {
      const denied: [Role, string][] = [
        ["salesA", "CB1"],
        ["salesA", "CS1"],
        ["manager", "CB1"],
        ["salesB", "CA1"],
      ];
      for (const [role, code] of denied) {
        for (const url of [
          `/api/v1/orders?customerCode=${code}`,
          `/api/v1/invoices?customerCode=${code}`,
          `/api/v1/invoices/aging?customerCode=${code}`,
          `/api/v1/payments?customerCode=${code}`,
          `/api/v1/orders/${code}-2`,
        ]) {
          const response = await get(who(role), url);
          expect(response.statusCode, `${role} ${url}`).toBe(404);
          expect(response.json().code).toBe("APP_NOT_FOUND");
        }
      }
      // What does not exist answers the same.
      expect((await get(server.company.admin, "/api/v1/orders/NOPE")).statusCode).toBe(404);
      expect((await get(server.company.admin, "/api/v1/orders?customerCode=NOPE")).statusCode).toBe(404);
      for (const role of ["admin", "analyst", "salesB"] as const) {
        const detail = await ok(who(role), "/api/v1/orders/CB1-2");
        expect(detail).toMatchObject({ externalId: "CB1-2", customerCode: "CB1", lineCount: 2 });
        expect(detail.lines.map((line: { productSku: string }) => line.productSku)).toEqual([
          "CUP-1",
          "TEA-1",
        ]);
      }
      expect((await ok(server.company.manager, "/api/v1/orders/CS1-2")).customerCode).toBe("CS1");
      expect((await ok(server.company.salesA, "/api/v1/orders/CA1-2")).lines).toHaveLength(2);
    });

    it("filters: one customer, amounts, dates, status; open and overdue invoices; payment dates", async () => {
      const externalIds = (page: { items: { externalId: string }[] }) =>
        page.items.map((item) => item.externalId).sort();
      const salesA = server.company.salesA;
      expect(externalIds(await ok(salesA, "/api/v1/orders?customerCode=CA2&minAmount=300"))).toEqual([
        "CA2-1",
        "CA2-2",
      ]);
      expect(
        externalIds(await ok(salesA, "/api/v1/orders?maxAmount=200&from=2024-01-01&to=2024-12-31")),
      ).toEqual(["CA1-0", "CA2-0"]);
      expect((await ok(salesA, "/api/v1/orders?status=completed,returned")).total).toBe(6);
      expect((await ok(salesA, "/api/v1/orders?status=returned")).total).toBe(0);
      const byAmount = await ok(salesA, "/api/v1/orders?sort=amount&order=asc");
      expect(byAmount.items.map((o: { amount: number }) => o.amount)).toEqual([100, 200, 200, 300, 400, 600]);

      const overdue = await ok(salesA, `/api/v1/invoices?asOf=${AS_OF}&overdue=true`);
      expect(externalIds(overdue)).toEqual(["INV-CA1-1", "INV-CA1-2", "INV-CA2-1", "INV-CA2-2"]);
      const ca1 = await ok(
        salesA,
        `/api/v1/invoices?asOf=${AS_OF}&customerCode=CA1&open=true&sort=dueOn&order=asc`,
      );
      expect(ca1.items).toMatchObject([
        { externalId: "INV-CA1-1", paidAmount: 100, openAmount: 100, daysOverdue: 325, bucket: "over90" },
        { externalId: "INV-CA1-2", paidAmount: 0, openAmount: 300, daysOverdue: 11, bucket: "1-30" },
      ]);
      expect(externalIds(await ok(salesA, `/api/v1/invoices?asOf=${AS_OF}&open=false`))).toEqual([
        "INV-CA1-0",
        "INV-CA2-0",
      ]);
      expect(externalIds(await ok(salesA, "/api/v1/invoices?dueFrom=2025-12-01&dueTo=2025-12-31"))).toEqual([
        "INV-CA1-2",
        "INV-CA2-2",
      ]);
      // Before order 1's invoice was due, nothing was overdue but order 0's (paid on its due date).
      expect((await ok(salesA, "/api/v1/invoices?asOf=2025-02-01&overdue=true")).total).toBe(0);
      const aging = await ok(salesA, `/api/v1/invoices/aging?customerCode=CA1&asOf=${AS_OF}`);
      expect(aging.buckets).toEqual([
        { bucket: "current", invoices: 0, openAmount: 0 },
        { bucket: "1-30", invoices: 1, openAmount: 300 },
        { bucket: "31-60", invoices: 0, openAmount: 0 },
        { bucket: "61-90", invoices: 0, openAmount: 0 },
        { bucket: "over90", invoices: 1, openAmount: 100 },
      ]);
      expect(aging).toMatchObject({ asOf: AS_OF, openAmount: 400, overdueAmount: 400, openInvoices: 2 });

      const recent = await ok(server.company.salesB, "/api/v1/payments?from=2025-12-01");
      expect(recent.items).toMatchObject([
        { externalId: "PAY-CB1-none", invoiceExternalId: null, invoiceMatched: false },
      ]);
      expect((await ok(server.company.salesB, "/api/v1/payments?customerCode=CB1&to=2024-12-31")).total).toBe(
        1,
      );
    });

    it("pages with a cursor: each page continues the one before without repeats", async () => {
      const urls = [
        "/api/v1/orders?sort=date",
        "/api/v1/orders?sort=amount&order=asc",
        `/api/v1/invoices?asOf=${AS_OF}&sort=amount`,
        "/api/v1/invoices?sort=issuedOn&order=asc",
        "/api/v1/payments?sort=amount",
        "/api/v1/products?sort=unitPrice",
      ];
      for (const role of ["admin", "manager"] as const) {
        for (const url of urls) {
          const all = await ok(who(role), `${url}&limit=500`);
          const seen: number[] = [];
          let cursor: string | null = null;
          do {
            const page = await ok(who(role), `${url}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
            expect(page.total, url).toBe(all.total);
            expect(page.items.length).toBeLessThanOrEqual(2);
            seen.push(...page.items.map((item: { id: number }) => item.id));
            cursor = page.nextCursor;
          } while (cursor);
          expect(seen, url).toEqual(all.items.map((item: { id: number }) => item.id));
          expect(new Set(seen).size).toBe(all.total);
        }
      }
      expect((await get(server.company.admin, "/api/v1/orders?cursor=garbage")).statusCode).toBe(400);
    });

    it("refuses unknown query fields and wrong values with 400", async () => {
      for (const url of [
        "/api/v1/orders?bogus=1",
        "/api/v1/orders?minAmount=lots",
        "/api/v1/orders?sort=customer",
        "/api/v1/invoices?overdue=maybe",
        "/api/v1/invoices?asOf=2025-13-01",
        "/api/v1/invoices?bogus=1",
        "/api/v1/invoices/aging?bogus=1",
        "/api/v1/payments?owner=x",
        "/api/v1/payments?from=yesterday",
        "/api/v1/products?bogus=1",
        "/api/v1/products?limit=0",
        "/api/v1/invoices?sort=daysLate",
      ]) {
        for (const role of ROLES) {
          const response = await get(who(role), url);
          expect(response.statusCode, `${role} ${url}`).toBe(400);
        }
      }
    });

    it("shows every reader the products; writes need manageProducts (admins, managers), are audited, and a refusal changes nothing", async () => {
      for (const role of ROLES) {
        const page = await ok(who(role), "/api/v1/products?category=tea");
        expect(
          page.items.map((p: { sku: string }) => p.sku),
          role,
        ).toEqual(["TEA-1"]);
        expect((await ok(who(role), "/api/v1/products/CUP-1")).name).toBe("Glass cup");
        expect((await get(who(role), "/api/v1/products/NOPE")).statusCode).toBe(404);
      }
      expect((await ok(viewer, "/api/v1/products?search=glass")).total).toBe(1);

      const created = await send(server.company.admin, "POST", "/api/v1/products", {
        sku: "GIFT-1",
        name: "礼盒",
        category: "gift",
        unitPrice: 88,
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ sku: "GIFT-1", unitPrice: 88, unitCost: null });
      expect(
        (await send(server.company.admin, "POST", "/api/v1/products", { sku: "GIFT-1", name: "x" }))
          .statusCode,
      ).toBe(409);
      const byManager = await send(who("manager"), "POST", "/api/v1/products", { sku: "GIFT-M", name: "M" });
      expect(byManager.statusCode, byManager.body).toBe(201);
      const patchedByManager = await send(who("manager"), "PATCH", "/api/v1/products/GIFT-1", {
        unitPrice: 90,
      });
      expect(patchedByManager.statusCode, patchedByManager.body).toBe(200);
      expect(patchedByManager.json().unitPrice).toBe(90);

      const stored = () =>
        server.handle.db
          .selectFrom("products")
          .select(["name", "unit_price"])
          .where("sku", "=", "GIFT-1")
          .executeTakeFirstOrThrow();
      const before = await stored();
      // Sales edit their customers, not the catalogue; analysts and viewers edit nothing.
      for (const user of [viewer, server.company.analyst, server.company.salesA]) {
        const patched = await send(user, "PATCH", "/api/v1/products/GIFT-1", {
          name: "changed",
          unitPrice: 1,
        });
        expect(patched.statusCode).toBe(403);
        expect(patched.json()).toMatchObject({
          code: "APP_FORBIDDEN",
          params: { permission: "manageProducts" },
        });
        expect(patched.json().detail).toContain("管理产品");
        const posted = await send(user, "POST", "/api/v1/products", { sku: "NEW-X", name: "x" });
        expect(posted.statusCode).toBe(403);
      }
      // Without the CSRF token a change is refused too.
      const { "x-csrf-token": _, ...noCsrf } = server.company.admin.headers;
      expect(
        (await send(server.company.admin, "PATCH", "/api/v1/products/GIFT-1", { name: "csrf" }, noCsrf))
          .statusCode,
      ).toBe(403);
      expect(await stored()).toEqual(before);
      expect((await ok(server.company.admin, "/api/v1/products?search=NEW-X")).total).toBe(0);
      expect(
        (await send(server.company.admin, "PATCH", "/api/v1/products/GIFT-1", { sku: "OTHER" })).statusCode,
      ).toBe(400);
      expect(
        (await send(server.company.admin, "PATCH", "/api/v1/products/NOPE", { name: "x" })).statusCode,
      ).toBe(404);

      const audit = await ok(server.company.admin, "/api/v1/audit?entity=product");
      const entries = audit as { action: string; actorName: string; changes: unknown }[];
      expect(entries.map((entry) => entry.action).sort()).toEqual([
        "product.create",
        "product.create",
        "product.update",
      ]);
      expect(entries.find((entry) => entry.action === "product.update")?.changes).toEqual({
        unit_price: { before: 88, after: 90 },
      });
    });

    it("gives the 360 view the customer's orders, open invoices with aging, and payments", async () => {
      const view = await ok(server.company.salesA, "/api/v1/customers/CA1");
      expect(view.orders.map((o: { externalId: string }) => o.externalId)).toEqual([
        "CA1-2",
        "CA1-1",
        "CA1-0",
      ]);
      expect(view.orders[0].lineCount).toBe(2);
      // As of today (long after every due date): order 1's and 2's invoices are open and past 90 days.
      expect(view.invoices.map((i: { externalId: string }) => i.externalId)).toEqual([
        "INV-CA1-1",
        "INV-CA1-2",
      ]);
      expect(view.aging).toMatchObject({ openAmount: 400, openInvoices: 2 });
      expect(view.payments.map((p: { externalId: string }) => p.externalId)).toEqual([
        "PAY-CA1-1",
        "PAY-CA1-0",
      ]);
      expect((await get(server.company.salesA, "/api/v1/customers/CB1")).statusCode).toBe(404);
      const cb1 = await ok(server.company.salesB, "/api/v1/customers/CB1");
      expect(cb1.payments).toHaveLength(3);
    });
  });
}
