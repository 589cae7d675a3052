/**
 * A small company for the app's tests: two owners (alice, bob) with customers of their own, a
 * history of orders, and actors who see all of it or only alice's customers.
 */
import type { DbHandle } from "@custra/db";
import { type Actor, LOCAL_OPERATOR, type Permission } from "../access/actor.ts";
import type { AppContext } from "../context.ts";

export const AS_OF = "2025-12-31";

/** Alice in sales: reads her own customers only. */
export function salesActor(permissions: readonly Permission[] = ["read"]): Actor {
  return {
    userId: 2,
    username: "alice",
    role: "sales",
    permissions: new Set(permissions),
    scope: { kind: "limited", owners: ["alice"], userId: 2, departmentId: null, today: "2026-01-15" },
    personalFields: { list: "mask", detail: "show" },
  };
}

/** Someone who sees every customer but may only read. */
export const READER: Actor = {
  ...LOCAL_OPERATOR,
  role: "analyst",
  permissions: new Set<Permission>(["read"]),
};

export function contextOf(handle: DbHandle, actor: Actor = LOCAL_OPERATOR): AppContext {
  return { handle, actor };
}

interface Customer {
  code: string;
  name: string;
  owner: string;
  industry: string;
  province: string;
  phone: string;
  registered_on: string;
  tags: string[];
  /** Order days and amounts. */
  orders: [string, number][];
}

export const CUSTOMERS: readonly Customer[] = [
  {
    code: "A1",
    name: "杭州茶叶",
    owner: "alice",
    industry: "retail",
    province: "浙江",
    phone: "13800000001",
    registered_on: "2024-01-10",
    tags: ["vip"],
    orders: [
      ["2024-02-01", 500],
      ["2024-06-01", 700],
      ["2025-03-01", 900],
      ["2025-11-20", 1200],
    ],
  },
  {
    code: "A2",
    name: "Ningbo Tools",
    owner: "alice",
    industry: "manufacturing",
    province: "浙江",
    phone: "13800000002",
    registered_on: "2024-05-05",
    tags: ["new_100%"],
    orders: [["2024-07-01", 80]],
  },
  {
    code: "B1",
    name: "上海电子",
    owner: "bob",
    industry: "retail",
    province: "上海",
    phone: "13900000003",
    registered_on: "2023-09-01",
    tags: ["vip", "key"],
    orders: [
      ["2023-10-01", 3000],
      ["2024-10-01", 2500],
      ["2025-10-01", 4000],
    ],
  },
  {
    code: "B2",
    name: "Suzhou Silk",
    owner: "bob",
    industry: "textile",
    province: "江苏",
    phone: "13900000004",
    registered_on: "2025-02-14",
    tags: [],
    orders: [
      ["2025-03-01", 150],
      ["2025-04-01", 160],
    ],
  },
];

/** Loads the customers and their orders. */
export async function loadCompany(handle: DbHandle): Promise<Map<string, number>> {
  await handle.db
    .insertInto("customers")
    .values(
      CUSTOMERS.map(({ orders, tags, ...customer }) => ({
        ...customer,
        type: "enterprise",
        tags: JSON.stringify(tags),
      })),
    )
    .execute();
  const rows = await handle.db.selectFrom("customers").select(["id", "code"]).execute();
  const ids = new Map(rows.map((row) => [row.code, Number(row.id)]));
  await handle.db
    .insertInto("orders")
    .values(
      CUSTOMERS.flatMap((customer) =>
        customer.orders.map(([day, amount], k) => ({
          customer_id: ids.get(customer.code)!,
          external_id: `${customer.code}-${k}`,
          order_date: day,
          amount,
          status: "completed",
        })),
      ),
    )
    .execute();
  // A returned order is no purchase: it must not move B2's last purchase.
  await handle.db
    .insertInto("orders")
    .values({
      customer_id: ids.get("B2")!,
      external_id: "B2-returned",
      order_date: "2025-12-01",
      amount: 99,
      status: "returned",
    })
    .execute();
  return ids;
}
