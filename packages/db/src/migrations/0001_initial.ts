import type { SqlTypes } from "../dialects/engine-dialect.ts";
import type { Migration } from "./migration.ts";

/*
 * The first schema. Every table takes its id from its own sequence, so the importer's
 * `INSERT INTO t (…) SELECT … FROM staging` assigns ids on both engines. Customer-owned tables
 * key on (customer_id, id) to be co-located when sharded by customer (Citus); their
 * external_id is unique so re-imports update instead of duplicating (enforced by PostgreSQL, and
 * by the importer on DuckDB: see EngineDialect.uniqueExternalIds).
 */

const audit = (ty: SqlTypes) => [
  `created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP`,
  `updated_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP`,
];

function table(name: string, columns: string[], constraints: string[]): string[] {
  return [
    `CREATE SEQUENCE ${name}_id_seq`,
    `CREATE TABLE ${name} (\n  ${[...columns, ...constraints].join(",\n  ")}\n)`,
  ];
}

/** A table of rows that belong to one customer. */
function owned(name: string, ty: SqlTypes, uniqueExternalIds: boolean, columns: string[]): string[] {
  return table(
    name,
    [
      `customer_id ${ty.bigint} NOT NULL`,
      `id ${ty.bigint} NOT NULL DEFAULT nextval('${name}_id_seq')`,
      `external_id ${ty.text} NOT NULL`,
      ...columns,
      ...audit(ty),
    ],
    ["PRIMARY KEY (customer_id, id)", ...(uniqueExternalIds ? ["UNIQUE (external_id)"] : [])],
  );
}

export const initial: Migration = {
  version: "0001_initial",
  statements({ sqlTypes: ty, analyticIndexes, uniqueExternalIds }) {
    const money = ty.decimal;
    return [
      ...table(
        "users",
        [
          `id ${ty.bigint} NOT NULL DEFAULT nextval('users_id_seq') PRIMARY KEY`,
          `username ${ty.text} NOT NULL UNIQUE`,
          `display_name ${ty.text}`,
          `email ${ty.text}`,
          `team ${ty.text}`,
          `role ${ty.text}`,
          ...audit(ty),
        ],
        [],
      ),
      ...table(
        "customers",
        [
          `id ${ty.bigint} NOT NULL DEFAULT nextval('customers_id_seq') PRIMARY KEY`,
          `code ${ty.text} NOT NULL UNIQUE`,
          `name ${ty.text}`,
          `type ${ty.text}`,
          `industry ${ty.text}`,
          `province ${ty.text}`,
          `city ${ty.text}`,
          `address ${ty.text}`,
          `phone ${ty.text}`,
          `email ${ty.text}`,
          `birthday ${ty.date}`,
          `birthday_lunar ${ty.boolean}`,
          `registered_on ${ty.date}`,
          `owner ${ty.text}`,
          `needs_type ${ty.text}`,
          `tags ${ty.json}`,
          `attributes ${ty.json}`,
          `credit_limit ${money}`,
          ...audit(ty),
        ],
        [],
      ),
      ...owned("contacts", ty, uniqueExternalIds, [
        `name ${ty.text} NOT NULL`,
        `title ${ty.text}`,
        `role ${ty.text}`,
        `influence ${ty.smallint}`,
        `attitude ${ty.text}`,
        `phone ${ty.text}`,
        `email ${ty.text}`,
      ]),
      ...table(
        "products",
        [
          `id ${ty.bigint} NOT NULL DEFAULT nextval('products_id_seq') PRIMARY KEY`,
          `sku ${ty.text} NOT NULL UNIQUE`,
          `name ${ty.text} NOT NULL`,
          `category ${ty.text}`,
          `unit_cost ${money}`,
          `unit_price ${money}`,
          ...audit(ty),
        ],
        [],
      ),
      ...owned("orders", ty, uniqueExternalIds, [
        `order_date ${ty.date} NOT NULL`,
        `amount ${money} NOT NULL`,
        `cost ${money}`,
        `margin ${money}`,
        `quantity ${money}`,
        `channel ${ty.text}`,
        `status ${ty.text}`,
      ]),
      ...owned("order_lines", ty, uniqueExternalIds, [
        `order_id ${ty.bigint} NOT NULL`,
        `product_id ${ty.bigint} NOT NULL`,
        `quantity ${money} NOT NULL`,
        `unit_price ${money}`,
        `amount ${money} NOT NULL`,
        `cost ${money}`,
      ]),
      ...owned("invoices", ty, uniqueExternalIds, [
        `order_external_id ${ty.text}`,
        `issued_on ${ty.date} NOT NULL`,
        `due_on ${ty.date} NOT NULL`,
        `amount ${money} NOT NULL`,
      ]),
      ...owned("payments", ty, uniqueExternalIds, [
        `invoice_external_id ${ty.text}`,
        `paid_on ${ty.date} NOT NULL`,
        `amount ${money} NOT NULL`,
      ]),
      ...owned("interactions", ty, uniqueExternalIds, [
        `kind ${ty.text} NOT NULL`,
        `occurred_at ${ty.timestamp} NOT NULL`,
        `summary ${ty.text}`,
        `owner ${ty.text}`,
        `resolved_at ${ty.timestamp}`,
      ]),
      ...owned("survey_answers", ty, uniqueExternalIds, [
        `answered_on ${ty.date} NOT NULL`,
        `nps ${ty.smallint}`,
        `item ${ty.text}`,
        `satisfaction ${ty.smallint}`,
        `comment ${ty.text}`,
      ]),
      // Per-customer time series for analysis. DuckDB answers these by scanning (0.08 s per 1M
      // orders) and every index slows its bulk loads, so only PostgreSQL gets them.
      ...(analyticIndexes
        ? [
            "CREATE INDEX orders_customer_date_idx ON orders (customer_id, order_date)",
            "CREATE INDEX order_lines_order_idx ON order_lines (customer_id, order_id)",
            "CREATE INDEX invoices_customer_due_idx ON invoices (customer_id, due_on)",
            "CREATE INDEX payments_customer_paid_idx ON payments (customer_id, paid_on)",
            "CREATE INDEX interactions_customer_at_idx ON interactions (customer_id, occurred_at)",
            "CREATE INDEX survey_answers_customer_idx ON survey_answers (customer_id, answered_on)",
          ]
        : []),
    ];
  },
};
