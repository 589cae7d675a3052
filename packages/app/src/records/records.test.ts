import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { showCustomer } from "../customers/customer-360.service.ts";
import { AppError } from "../errors/app-error.ts";
import { AS_OF, contextOf, loadCompany, READER, salesActor } from "../testing/customers.fixture.ts";
import { invoiceAging, listInvoices } from "./invoices.service.ts";
import { listOrders, readOrder } from "./orders.service.ts";
import { listPayments } from "./payments.service.ts";
import { createProduct, listProducts, readProduct, updateProduct } from "./products.service.ts";

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * A1's invoices as of AS_OF (2025-12-31), one per aging case; B1 has one of its own, and pays
 * with a payment that names A1's invoice (which must pay nothing).
 */
const INVOICES: [customer: string, id: string, issued: string, due: string, amount: number][] = [
  ["A1", "INV-1", "2025-12-01", "2026-01-15", 1000], // partly paid (400), not yet due: current
  ["A1", "INV-2", "2025-10-01", "2025-12-16", 500], // 15 days late: 1–30
  ["A1", "INV-3", "2025-09-01", "2025-11-01", 300], // partly paid (100), 60 days: 31–60
  ["A1", "INV-4", "2025-08-01", "2025-10-01", 250], // 91 days: more than 90
  ["A1", "INV-5", "2025-09-01", "2025-10-02", 150], // 90 days: 61–90
  ["A1", "INV-6", "2025-06-01", "2025-07-01", 200], // overpaid (250): nothing open
  ["A1", "INV-7", "2025-11-01", "2025-12-01", 100], // paid after AS_OF: 30 days late as of AS_OF
  ["B1", "INV-B1", "2025-11-01", "2025-11-30", 800],
];
const PAYMENTS: [customer: string, id: string, invoice: string | null, paid: string, amount: number][] = [
  ["A1", "PAY-1", "INV-1", "2025-12-10", 400],
  ["A1", "PAY-3", "INV-3", "2025-11-15", 100],
  ["A1", "PAY-6a", "INV-6", "2025-07-01", 200],
  ["A1", "PAY-6b", "INV-6", "2025-07-05", 50],
  ["A1", "PAY-7", "INV-7", "2026-01-05", 100],
  ["A1", "PAY-none", null, "2025-12-20", 50], // no invoice: listed, pays none
  ["B1", "PAY-B1", "INV-2", "2025-12-20", 500], // names A1's invoice: pays nothing
];

async function loadRecords(handle: DbHandle, ids: Map<string, number>): Promise<void> {
  await handle.db
    .insertInto("products")
    .values([
      { sku: "TEA-1", name: "龙井 250g", category: "tea", unit_price: 120 },
      { sku: "TEA-2", name: "碧螺春 250g", category: "tea", unit_price: 90 },
      { sku: "CUP-1", name: "Glass cup", category: "ware", unit_price: null },
    ])
    .execute();
  const products = new Map(
    (await handle.db.selectFrom("products").select(["id", "sku"]).execute()).map((p) => [
      p.sku,
      Number(p.id),
    ]),
  );
  // A credit note: a completed order of a negative amount, listed as it is.
  await handle.db
    .insertInto("orders")
    .values({
      customer_id: ids.get("A1")!,
      external_id: "A1-credit",
      order_date: "2025-12-05",
      amount: -120,
      status: "completed",
      channel: "online",
    })
    .execute();
  const order = await handle.db
    .selectFrom("orders")
    .select("id")
    .where("external_id", "=", "A1-3")
    .executeTakeFirstOrThrow();
  await handle.db
    .insertInto("order_lines")
    .values([
      {
        customer_id: ids.get("A1")!,
        external_id: "A1-3-1",
        order_id: Number(order.id),
        product_id: products.get("TEA-1")!,
        quantity: 5,
        unit_price: 120,
        amount: 600,
      },
      {
        customer_id: ids.get("A1")!,
        external_id: "A1-3-2",
        order_id: Number(order.id),
        product_id: products.get("TEA-2")!,
        quantity: 2,
        unit_price: 300,
        amount: 600,
      },
    ])
    .execute();
  await handle.db
    .insertInto("invoices")
    .values(
      INVOICES.map(([customer, id, issued, due, amount]) => ({
        customer_id: ids.get(customer)!,
        external_id: id,
        issued_on: issued,
        due_on: due,
        amount,
      })),
    )
    .execute();
  await handle.db
    .insertInto("payments")
    .values(
      PAYMENTS.map(([customer, id, invoice, paid, amount]) => ({
        customer_id: ids.get(customer)!,
        external_id: id,
        invoice_external_id: invoice,
        paid_on: paid,
        amount,
      })),
    )
    .execute();
}

for (const engine of ENGINES) {
  describe(`records on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await loadRecords(handle, await loadCompany(handle));
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("ages each invoice as of a date: partial payments, an overpaid invoice, a payment made later", async () => {
      const page = await listInvoices(contextOf(handle), {
        customerCode: "A1",
        asOf: AS_OF,
        sort: "issuedOn",
      });
      const byId = new Map(page.items.map((invoice) => [invoice.externalId, invoice]));
      const aging = (id: string) => {
        const { paidAmount, openAmount, daysOverdue, bucket } = byId.get(id)!;
        return { paidAmount, openAmount, daysOverdue, bucket };
      };
      expect(page.total).toBe(7);
      expect(page.asOf).toBe(AS_OF);
      expect(aging("INV-1")).toEqual({ paidAmount: 400, openAmount: 600, daysOverdue: 0, bucket: "current" });
      // B1's payment names INV-2 but is not A1's: INV-2 stays unpaid.
      expect(aging("INV-2")).toEqual({ paidAmount: 0, openAmount: 500, daysOverdue: 15, bucket: "1-30" });
      expect(aging("INV-3")).toEqual({ paidAmount: 100, openAmount: 200, daysOverdue: 60, bucket: "31-60" });
      expect(aging("INV-4")).toEqual({ paidAmount: 0, openAmount: 250, daysOverdue: 91, bucket: "over90" });
      expect(aging("INV-5")).toEqual({ paidAmount: 0, openAmount: 150, daysOverdue: 90, bucket: "61-90" });
      expect(aging("INV-6")).toEqual({ paidAmount: 250, openAmount: 0, daysOverdue: 0, bucket: null });
      expect(aging("INV-7")).toEqual({ paidAmount: 0, openAmount: 100, daysOverdue: 30, bucket: "1-30" });

      // Five days after its payment INV-7 is paid; INV-1, not yet due then, is still current.
      const later = await listInvoices(contextOf(handle), { customerCode: "A1", asOf: "2026-01-10" });
      const laterById = new Map(later.items.map((invoice) => [invoice.externalId, invoice]));
      expect(laterById.get("INV-7")).toMatchObject({ paidAmount: 100, openAmount: 0, bucket: null });
      expect(laterById.get("INV-1")).toMatchObject({ openAmount: 600, bucket: "current" });
      // Before INV-1 was issued it owed nothing.
      const before = await listInvoices(contextOf(handle), { customerCode: "A1", asOf: "2025-11-30" });
      expect(before.items.find((invoice) => invoice.externalId === "INV-1")).toMatchObject({
        paidAmount: 0,
        openAmount: 0,
        bucket: null,
      });
    });

    it("sums a customer's open invoices per bucket, and filters open and overdue ones", async () => {
      const summary = await invoiceAging(contextOf(handle), { customerCode: "A1", asOf: AS_OF });
      expect(summary.buckets).toEqual([
        { bucket: "current", invoices: 1, openAmount: 600 },
        { bucket: "1-30", invoices: 2, openAmount: 600 },
        { bucket: "31-60", invoices: 1, openAmount: 200 },
        { bucket: "61-90", invoices: 1, openAmount: 150 },
        { bucket: "over90", invoices: 1, openAmount: 250 },
      ]);
      expect(summary).toMatchObject({ openAmount: 1800, overdueAmount: 1200, openInvoices: 6, asOf: AS_OF });
      const ids = async (input: object) =>
        (
          await listInvoices(contextOf(handle), { asOf: AS_OF, sort: "issuedOn", order: "asc", ...input })
        ).items
          .map((invoice) => invoice.externalId)
          .sort();
      expect(await ids({ customerCode: "A1", open: true })).toEqual([
        "INV-1",
        "INV-2",
        "INV-3",
        "INV-4",
        "INV-5",
        "INV-7",
      ]);
      expect(await ids({ customerCode: "A1", open: false })).toEqual(["INV-6"]);
      expect(await ids({ overdue: true })).toEqual(["INV-2", "INV-3", "INV-4", "INV-5", "INV-7", "INV-B1"]);
      expect(await ids({ dueFrom: "2025-12-01", dueTo: "2025-12-31" })).toEqual(["INV-2", "INV-7"]);
      expect(await ids({ issuedFrom: "2025-11-01" })).toEqual(["INV-1", "INV-7", "INV-B1"]);
    });

    it("keeps another owner's invoices, payments and orders out of lists, totals and the aging", async () => {
      const alice = contextOf(handle, salesActor());
      const invoices = await listInvoices(alice, { asOf: AS_OF });
      expect(invoices.total).toBe(7);
      expect(invoices.items.every((invoice) => invoice.customerCode === "A1")).toBe(true);
      expect((await invoiceAging(alice, { asOf: AS_OF })).openAmount).toBe(1800);
      expect((await invoiceAging(contextOf(handle), { asOf: AS_OF })).openAmount).toBe(2600);
      const payments = await listPayments(alice);
      expect(payments.items.map((payment) => payment.externalId)).not.toContain("PAY-B1");
      expect(payments.total).toBe(6);
      const orders = await listOrders(alice, { limit: 500 });
      expect(new Set(orders.items.map((o) => o.customerCode))).toEqual(new Set(["A1", "A2"]));
      expect(orders.total).toBe(6);
      // Each started only when awaited: a refusal must not wait unhandled for its turn.
      for (const work of [
        () => listInvoices(alice, { customerCode: "B1" }),
        () => invoiceAging(alice, { customerCode: "B1" }),
        () => listPayments(alice, { customerCode: "B1" }),
        () => listOrders(alice, { customerCode: "B1" }),
      ]) {
        expect((await failure(work())).code).toBe("APP_NOT_FOUND");
      }
      const b1Order = (await listOrders(contextOf(handle), { customerCode: "B1" })).items[0]!;
      expect((await failure(readOrder(alice, { externalId: b1Order.externalId }))).code).toBe(
        "APP_NOT_FOUND",
      );
      expect((await readOrder(contextOf(handle), { externalId: b1Order.externalId })).customerCode).toBe(
        "B1",
      );
    });

    it("lists a payment with no invoice, and one naming another customer's invoice, as matching none", async () => {
      const all = await listPayments(contextOf(handle), { sort: "paidOn", order: "asc" });
      const byId = new Map(all.items.map((payment) => [payment.externalId, payment]));
      expect(byId.get("PAY-none")).toMatchObject({
        invoiceExternalId: null,
        invoiceMatched: false,
        amount: 50,
      });
      expect(byId.get("PAY-B1")).toMatchObject({ invoiceExternalId: "INV-2", invoiceMatched: false });
      expect(byId.get("PAY-1")).toMatchObject({ invoiceExternalId: "INV-1", invoiceMatched: true });
      const december = await listPayments(contextOf(handle), { from: "2025-12-01", to: "2025-12-31" });
      expect(december.items.map((payment) => payment.externalId).sort()).toEqual([
        "PAY-1",
        "PAY-B1",
        "PAY-none",
      ]);
    });

    it("lists orders as they are, a credit note and a return included, with filters and lines", async () => {
      const a1 = await listOrders(contextOf(handle), { customerCode: "A1", sort: "amount", order: "asc" });
      expect(a1.items.map((o) => o.amount)).toEqual([-120, 500, 700, 900, 1200]);
      const returned = await listOrders(contextOf(handle), { status: ["returned"] });
      expect(returned.items).toMatchObject([{ externalId: "B2-returned", amount: 99, status: "returned" }]);
      const range = await listOrders(contextOf(handle), {
        minAmount: 600,
        maxAmount: 2500,
        from: "2024-06-01",
      });
      expect(range.items.map((o) => o.externalId).sort()).toEqual(["A1-1", "A1-2", "A1-3", "B1-1"]);
      expect((await listOrders(contextOf(handle), { channel: ["online"] })).total).toBe(1);
      const withLines = a1.items.find((o) => o.externalId === "A1-3")!;
      expect(withLines.lineCount).toBe(2);
      const detail = await readOrder(contextOf(handle, salesActor()), { externalId: "A1-3" });
      expect(
        detail.lines.map(({ productSku, productName, amount }) => ({ productSku, productName, amount })),
      ).toEqual([
        { productSku: "TEA-1", productName: "龙井 250g", amount: 600 },
        { productSku: "TEA-2", productName: "碧螺春 250g", amount: 600 },
      ]);
      expect((await failure(readOrder(contextOf(handle), { externalId: "NOPE" }))).code).toBe(
        "APP_NOT_FOUND",
      );
    });

    it("pages with a cursor: each page continues the last without repeats, the total over all", async () => {
      for (const sort of ["date", "amount"] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listOrders(contextOf(handle), { sort, limit: 3, ...(cursor ? { cursor } : {}) });
          expect(page.total).toBe(12);
          seen.push(...page.items.map((o) => o.externalId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const all = await listOrders(contextOf(handle), { sort, limit: 500 });
        expect(seen).toEqual(all.items.map((o) => o.externalId));
        expect(new Set(seen).size).toBe(12);
      }
      expect((await failure(listOrders(contextOf(handle), { cursor: "not-ours" }))).code).toBe(
        "APP_INVALID_INPUT",
      );
      expect(
        (await failure(listOrders(contextOf(handle), { sort: "amount", cursor: "WyIyMDI1IiwxXQ" }))).code,
      ).toBe("APP_INVALID_INPUT");
    });

    it("shows products to every reader; creating and changing one needs manageProducts and is audited", async () => {
      const reader = contextOf(handle, READER);
      const tea = await listProducts(reader, { category: ["tea"], sort: "unitPrice" });
      expect(tea.items.map((p) => p.sku)).toEqual(["TEA-2", "TEA-1"]);
      expect((await listProducts(contextOf(handle, salesActor()), { search: "glass" })).items).toMatchObject([
        { sku: "CUP-1", unitPrice: null },
      ]);
      expect(await readProduct(reader, { sku: "TEA-1" })).toMatchObject({
        name: "龙井 250g",
        unitPrice: 120,
      });
      expect((await failure(readProduct(reader, { sku: "NOPE" }))).code).toBe("APP_NOT_FOUND");

      expect((await failure(createProduct(reader, { sku: "NEW-1", name: "x" }))).code).toBe("APP_FORBIDDEN");
      expect((await failure(updateProduct(reader, { sku: "TEA-1", unitPrice: 1 }))).code).toBe(
        "APP_FORBIDDEN",
      );
      expect((await readProduct(reader, { sku: "TEA-1" })).unitPrice).toBe(120);
      expect((await listProducts(reader, { search: "NEW-1" })).total).toBe(0);

      // Editing customers is not enough: the catalogue is the company's.
      const customerEditor = contextOf(handle, salesActor(["read", "edit"]));
      expect((await failure(createProduct(customerEditor, { sku: "NEW-1", name: "x" }))).code).toBe(
        "APP_FORBIDDEN",
      );
      const editor = contextOf(handle, salesActor(["read", "manageProducts"]));
      const created = await createProduct(editor, {
        sku: "NEW-1",
        name: "礼盒",
        category: "gift",
        unitPrice: 88,
      });
      expect(created).toMatchObject({
        sku: "NEW-1",
        name: "礼盒",
        category: "gift",
        unitPrice: 88,
        unitCost: null,
      });
      expect((await failure(createProduct(editor, { sku: "NEW-1", name: "again" }))).code).toBe(
        "APP_CONFLICT",
      );
      const updated = await updateProduct(editor, { sku: "NEW-1", unitPrice: 99.5, category: null });
      expect(updated).toMatchObject({ unitPrice: 99.5, category: null, name: "礼盒" });
      expect((await failure(updateProduct(editor, { sku: "NOPE", name: "x" }))).code).toBe("APP_NOT_FOUND");

      const entries = await handle.db
        .selectFrom("audit_log")
        .select(["action", "entity_id", "changes", "actor_name"])
        .where("entity", "=", "product")
        .orderBy("id")
        .execute();
      const changes = entries.map((entry) =>
        typeof entry.changes === "string" ? JSON.parse(entry.changes) : entry.changes,
      );
      expect(entries.map((entry) => [entry.action, entry.entity_id, entry.actor_name])).toEqual([
        ["product.create", "NEW-1", "alice"],
        ["product.update", "NEW-1", "alice"],
      ]);
      expect(changes[0]).toMatchObject({
        sku: { before: null, after: "NEW-1" },
        unit_price: { before: null, after: 88 },
      });
      expect(changes[1]).toEqual({
        unit_price: { before: 88, after: 99.5 },
        category: { before: "gift", after: null },
      });
    });

    it("gives the 360 view its latest orders, open invoices with their aging, and payments", async () => {
      const view = await showCustomer(contextOf(handle, salesActor()), { code: "A1" });
      expect(view.orders.map((o) => o.externalId)).toEqual(["A1-credit", "A1-3", "A1-2", "A1-1", "A1-0"]);
      expect(view.orders.find((o) => o.externalId === "A1-3")?.lineCount).toBe(2);
      // As of today (after every due date here): INV-7 is paid, the other five still open.
      expect(view.invoices.map((invoice) => invoice.externalId).sort()).toEqual([
        "INV-1",
        "INV-2",
        "INV-3",
        "INV-4",
        "INV-5",
      ]);
      expect(view.aging.openAmount).toBe(1700);
      expect(view.aging.openInvoices).toBe(5);
      expect(view.payments.map((payment) => payment.externalId)).toEqual([
        "PAY-7",
        "PAY-none",
        "PAY-1",
        "PAY-3",
        "PAY-6b",
        "PAY-6a",
      ]);
    });
  });
}
