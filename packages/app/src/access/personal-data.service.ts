/**
 * Personal-data requests (PIPL): everything custra holds on one customer, and erasure. Both need
 * the erase permission (the data-protection officer's) and the customer in scope, and both are
 * audited. Erasure anonymises rather than deletes: the customer row stays under a new code
 * without name, phone, email, address, birthday, gender, tags or free attributes; contacts are
 * deleted; orders, invoices and payments stay (the company's totals and the models stay right),
 * as do scores and grades, now of no one in particular; free text that may name the person
 * (interaction summaries, survey comments) is removed.
 */
import { visibleCustomer } from "@custra/db";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { customerIdSchema, eraseSchema } from "./access.schemas.ts";
import { audit } from "./audit.ts";
import { customerInScope } from "./customers-in-scope.ts";
import { requirePermission } from "./permissions.ts";

/** The customer-owned tables an export gathers, each read through the scope predicate. */
const OWNED_TABLES = [
  "contacts",
  "orders",
  "order_lines",
  "invoices",
  "payments",
  "interactions",
  "survey_answers",
  "customer_scores",
  "customer_grades",
  "grade_pins",
  "tasks",
  "campaign_members",
  "customer_shares",
] as const;

export interface PersonalDataExport {
  readonly customer: Record<string, unknown>;
  readonly erased: boolean;
  /** Every row of each table that belongs to the customer. */
  readonly tables: Readonly<Record<(typeof OWNED_TABLES)[number], Record<string, unknown>[]>>;
}

/** JSON-able: dates as ISO text, everything else as the driver gave it. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

export async function exportPersonalData(ctx: AppContext, input: unknown): Promise<PersonalDataExport> {
  requirePermission(ctx.actor, "erase");
  const { customerId } = parseInput(customerIdSchema, input);
  await customerInScope(ctx, customerId);
  const { db } = ctx.handle;
  const customer = await db
    .selectFrom("customers")
    .selectAll()
    .where("id", "=", customerId)
    .where(visibleCustomer(ctx.actor.scope, "customers.id", "read", { ownerColumn: "customers.owner" }))
    .executeTakeFirstOrThrow();
  const tables = {} as Record<(typeof OWNED_TABLES)[number], Record<string, unknown>[]>;
  for (const table of OWNED_TABLES) {
    const rows = await db
      .selectFrom(table)
      .selectAll()
      .where("customer_id", "=", customerId)
      .where(visibleCustomer(ctx.actor.scope, `${table}.customer_id`))
      .execute();
    tables[table] = rows.map((row) => plain(row as Record<string, unknown>));
  }
  const erased = await db
    .selectFrom("customer_erasures")
    .select("customer_id")
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  const rowCount = Object.values(tables).reduce((sum, rows) => sum + rows.length, 1);
  await audit(db, ctx.actor, {
    action: "customer.export_personal",
    entity: "customer",
    entityId: customerId,
    details: { rows: rowCount },
  });
  return { customer: plain(customer as Record<string, unknown>), erased: erased !== undefined, tables };
}

export interface ErasureResult {
  readonly customerId: number;
  /** False when the customer had been erased before (nothing left to remove). */
  readonly erased: boolean;
  readonly contactsRemoved: number;
}

/** The fields of customers that identify a person, cleared on erasure. */
const IDENTITY_FIELDS = [
  "name",
  "address",
  "phone",
  "email",
  "birthday",
  "birthday_lunar",
  "gender",
  "tags",
  "attributes",
] as const;

export async function erasePersonalData(ctx: AppContext, input: unknown): Promise<ErasureResult> {
  requirePermission(ctx.actor, "erase");
  const { customerId, reason } = parseInput(eraseSchema, input);
  await customerInScope(ctx, customerId, "write");
  const { db } = ctx.handle;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("customer_erasures")
      .select("customer_id")
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    if (before) return { customerId, erased: false, contactsRemoved: 0 };
    await trx
      .updateTable("customers")
      .set({
        // The code is the source system's key: kept, it would name the person there.
        code: `erased-${customerId}`,
        ...Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, null])),
        updated_at: new Date(),
      })
      .where("id", "=", customerId)
      .execute();
    const contacts = await trx
      .deleteFrom("contacts")
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    await trx
      .updateTable("interactions")
      .set({ summary: null })
      .where("customer_id", "=", customerId)
      .execute();
    await trx
      .updateTable("survey_answers")
      .set({ comment: null })
      .where("customer_id", "=", customerId)
      .execute();
    await trx
      .insertInto("customer_erasures")
      .values({ customer_id: customerId, erased_by: ctx.actor.username ?? "local" })
      .execute();
    const contactsRemoved = Number(contacts.numDeletedRows);
    // The entry names what was removed, never the values: the log must not keep what was erased.
    await audit(trx, ctx.actor, {
      action: "customer.erase",
      entity: "customer",
      entityId: customerId,
      details: {
        reason,
        fields: [...IDENTITY_FIELDS, "code"],
        contactsRemoved,
        freeText: ["interactions.summary", "survey_answers.comment"],
      },
    });
    return { customerId, erased: true, contactsRemoved };
  });
}
