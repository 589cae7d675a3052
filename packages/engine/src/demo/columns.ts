import type { EntityName } from "@custra/core";

/**
 * The columns the row builders (users.ts, products.ts, customer.ts) write, in order. They build
 * lines positionally for speed; `checkColumns` compares this with the registry before a run.
 */
export const WRITTEN_COLUMNS: Readonly<Record<EntityName, readonly string[]>> = {
  users: ["username", "display_name", "email", "team", "role"],
  customers: [
    "code",
    "name",
    "type",
    "industry",
    "province",
    "city",
    "address",
    "phone",
    "email",
    "birthday",
    "birthday_lunar",
    "registered_on",
    "owner",
    "needs_type",
    "tags",
    "attributes",
    "credit_limit",
  ],
  contacts: [
    "external_id",
    "customer_code",
    "name",
    "title",
    "role",
    "influence",
    "attitude",
    "phone",
    "email",
  ],
  products: ["sku", "name", "category", "unit_cost", "unit_price"],
  orders: [
    "external_id",
    "customer_code",
    "order_date",
    "amount",
    "cost",
    "margin",
    "quantity",
    "channel",
    "status",
  ],
  "order-lines": ["external_id", "order_external_id", "sku", "quantity", "unit_price", "amount", "cost"],
  invoices: ["external_id", "customer_code", "order_external_id", "issued_on", "due_on", "amount"],
  payments: ["external_id", "customer_code", "invoice_external_id", "paid_on", "amount"],
  interactions: ["external_id", "customer_code", "kind", "occurred_at", "summary", "owner", "resolved_at"],
  surveys: ["external_id", "customer_code", "answered_on", "nps", "item", "satisfaction", "comment"],
};
