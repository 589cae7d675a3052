/**
 * A small company for the route tests: departments A (with a sub-department A1) and B, a user of
 * each ready-made role, customers owned by sales users of each department, orders, open tasks,
 * and (on request) an analysis run and a grade run.
 */
import { createDepartment, LOCAL_OPERATOR, runAnalysis, runGrading } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import { type SignedIn, signedInAs } from "./sign-in.ts";

export const AS_OF = "2025-12-31";

export interface Company {
  admin: SignedIn;
  /** Manager of department A: sees A and its sub-department. */
  manager: SignedIn;
  /** Sales in department A: owns CA1 and CA2. */
  salesA: SignedIn;
  /** Sales in A's sub-department: owns CS1. */
  salesSub: SignedIn;
  /** Sales in department B: owns CB1. */
  salesB: SignedIn;
  analyst: SignedIn;
  /** Customer ids by code. */
  ids: Map<string, number>;
}

export async function loadCompany(
  app: FastifyInstance,
  handle: DbHandle,
  options: { analyse?: boolean; records?: boolean } = {},
): Promise<Company> {
  const ctx = { handle, actor: LOCAL_OPERATOR };
  const a = await createDepartment(ctx, { name: "华东" });
  const sub = await createDepartment(ctx, { name: "杭州", parentId: a.id });
  const b = await createDepartment(ctx, { name: "华北" });
  const admin = await signedInAs(app, handle, { email: "admin@example.com", role: "admin" });
  const manager = await signedInAs(app, handle, {
    email: "manager@example.com",
    role: "manager",
    department: a.id,
  });
  const salesA = await signedInAs(app, handle, {
    email: "sales.a@example.com",
    role: "sales",
    department: a.id,
    managerId: manager.userId,
  });
  const salesSub = await signedInAs(app, handle, {
    email: "sales.sub@example.com",
    role: "sales",
    department: sub.id,
  });
  const salesB = await signedInAs(app, handle, {
    email: "sales.b@example.com",
    role: "sales",
    department: b.id,
  });
  const analyst = await signedInAs(app, handle, { email: "analyst@example.com", role: "analyst" });
  const customers = [
    { code: "CA1", name: "杭州茶叶", owner: salesA.username, phone: "13812345678", email: "cha@example.com" },
    { code: "CA2", name: "Ningbo Tools", owner: salesA.username, phone: "13800000002", email: null },
    { code: "CS1", name: "西湖书店", owner: salesSub.username, phone: "13800000003", email: null },
    { code: "CB1", name: "北京电子", owner: salesB.username, phone: "13900000001", email: "bj@example.com" },
  ];
  await handle.db
    .insertInto("customers")
    .values(
      customers.map((customer, k) => ({
        ...customer,
        type: "enterprise",
        industry: k % 2 === 0 ? "retail" : "manufacturing",
        province: customer.code === "CB1" ? "北京" : "浙江",
        registered_on: "2024-01-10",
        tags: JSON.stringify(["vip"]),
      })),
    )
    .execute();
  const rows = await handle.db.selectFrom("customers").select(["id", "code"]).execute();
  const ids = new Map(rows.map((row) => [row.code, Number(row.id)]));
  await handle.db
    .insertInto("orders")
    .values(
      customers.flatMap((customer, k) =>
        ["2024-03-01", "2025-01-10", "2025-11-20"].map((day, n) => ({
          customer_id: ids.get(customer.code)!,
          external_id: `${customer.code}-${n}`,
          order_date: day,
          amount: 100 * (k + 1) * (n + 1),
          status: "completed",
        })),
      ),
    )
    .execute();
  await handle.db
    .insertInto("contacts")
    .values({ customer_id: ids.get("CA1")!, external_id: "CA1-c", name: "王经理", phone: "13912345678" })
    .execute();
  await handle.db
    .insertInto("tasks")
    .values(
      customers.map((customer) => ({
        customer_id: ids.get(customer.code)!,
        kind: "cadence",
        occasion_key: `cadence:${customer.code}`,
        owner: customer.owner,
        due_on: "2026-01-05",
        priority: 2,
        reason: JSON.stringify({ code: "cadence_due", params: { days: 30 } }),
        details: null,
      })),
    )
    .execute();
  if (options.records) await loadRecords(handle, ids);
  if (options.analyse) {
    await runAnalysis(ctx, { asOf: AS_OF });
    await runGrading(ctx, {});
  }
  return { admin, manager, salesA, salesSub, salesB, analyst, ids };
}

/** The due dates of the invoices of each customer's orders 0, 1 and 2 (one per order). */
export const INVOICE_DUE = ["2024-03-31", "2025-02-09", "2025-12-20"] as const;

/**
 * Two products, a line per product on each customer's order 2; an invoice per order
 * (INV-<code>-<n>, the order's amount): order 0's paid in full, order 1's half paid, order 2's
 * open; and for CB1 a payment that names no invoice.
 */
async function loadRecords(handle: DbHandle, ids: Map<string, number>): Promise<void> {
  await handle.db
    .insertInto("products")
    .values([
      { sku: "TEA-1", name: "龙井 250g", category: "tea", unit_cost: 60, unit_price: 120 },
      { sku: "CUP-1", name: "Glass cup", category: "ware", unit_price: 30 },
    ])
    .execute();
  const products = await handle.db.selectFrom("products").select(["id", "sku"]).orderBy("sku").execute();
  const orders = await handle.db
    .selectFrom("orders")
    .select(["id", "customer_id", "external_id", "order_date", "amount"])
    .execute();
  await handle.db
    .insertInto("order_lines")
    .values(
      orders
        .filter((order) => order.external_id.endsWith("-2"))
        .flatMap((order) =>
          products.map((product, k) => ({
            customer_id: order.customer_id,
            external_id: `${order.external_id}-${k}`,
            order_id: Number(order.id),
            product_id: Number(product.id),
            quantity: 1,
            amount: Number(order.amount) / products.length,
          })),
        ),
    )
    .execute();
  await handle.db
    .insertInto("invoices")
    .values(
      orders.map((order) => ({
        customer_id: order.customer_id,
        external_id: `INV-${order.external_id}`,
        order_external_id: order.external_id,
        issued_on: order.order_date,
        due_on: INVOICE_DUE[Number(order.external_id.slice(-1))]!,
        amount: order.amount,
      })),
    )
    .execute();
  await handle.db
    .insertInto("payments")
    .values([
      ...orders
        .filter((order) => !order.external_id.endsWith("-2"))
        .map((order) => ({
          customer_id: order.customer_id,
          external_id: `PAY-${order.external_id}`,
          invoice_external_id: `INV-${order.external_id}`,
          paid_on: INVOICE_DUE[Number(order.external_id.slice(-1))]!,
          amount: order.external_id.endsWith("-0") ? Number(order.amount) : Number(order.amount) / 2,
        })),
      {
        customer_id: ids.get("CB1")!,
        external_id: "PAY-CB1-none",
        invoice_external_id: null,
        paid_on: "2025-12-01",
        amount: 10,
      },
    ])
    .execute();
}

/** The id of `code`'s open task. */
export async function taskOf(handle: DbHandle, customerId: number): Promise<number> {
  const row = await handle.db
    .selectFrom("tasks")
    .select("id")
    .where("customer_id", "=", customerId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
