/**
 * A customer's contact persons: the list (of customers in scope, phone and email as the reader's
 * list rights allow), one contact (detail rights; unmasked views by a role whose lists mask them
 * are audited), and creating and changing a contact of a customer the actor may change, each
 * change in the audit log with every field before and after, in the same transaction.
 */
import { text } from "@custra/core";
import { type ContactsTable, visibleCustomer } from "@custra/db";
import { sql, type Updateable } from "kysely";
import { audit, fieldChanges } from "../access/audit.ts";
import { visibleCustomerId } from "../access/customer-by-code.ts";
import {
  applyFieldRights,
  applyFieldRightsToRows,
  CONTACT_PERSONAL_FIELDS,
  type View,
} from "../access/masking.ts";
import { requirePermission } from "../access/permissions.ts";
import { auditPersonalView } from "../access/personal-views.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { customerFilter, decodeCursor, likeEscape, type Page, pageOf } from "../records/records-page.ts";
import {
  type CreateContactInput,
  createContactSchema,
  type ListContactsInput,
  listContactsSchema,
  type RelationIdInput,
  relationIdSchema,
  type UpdateContactInput,
  updateContactSchema,
} from "./relations.schemas.ts";
import { apiExternalId, numberOrNull } from "./relations.shared.ts";

export interface Contact {
  id: number;
  customerCode: string;
  customerName: string | null;
  name: string;
  title: string | null;
  role: string | null;
  influence: number | null;
  attitude: string | null;
  /** As the reader's rights allow in the view: shown, masked (138****5678) or null. */
  phone: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const CONTACT_COLUMNS = [
  "ct.id",
  "ct.customer_id",
  "c.code",
  "c.name as customer_name",
  "ct.name",
  "ct.title",
  "ct.role",
  "ct.influence",
  "ct.attitude",
  "ct.phone",
  "ct.email",
  "ct.created_at",
  "ct.updated_at",
] as const;

/** The contacts table joined with its customer, for the columns above. */
function contactsOf(db: AppContext["handle"]["read"]) {
  return db.selectFrom("contacts as ct").innerJoin("customers as c", "c.id", "ct.customer_id");
}

function contactOf(row: {
  id: number | bigint;
  code: string;
  customer_name: string | null;
  name: string;
  title: string | null;
  role: string | null;
  influence: number | bigint | null;
  attitude: string | null;
  phone: string | null;
  email: string | null;
  created_at: Date;
  updated_at: Date;
}): Contact {
  return {
    id: Number(row.id),
    customerCode: row.code,
    customerName: row.customer_name,
    name: row.name,
    title: row.title,
    role: row.role,
    influence: numberOrNull(row.influence),
    attitude: row.attitude,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Contacts of the customers in scope, in the order they were added, as the list rights allow. */
export async function listContacts(
  ctx: AppContext,
  input: ListContactsInput | unknown = {},
): Promise<Page<Contact>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listContactsSchema, input ?? {});
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, "number");
  const customerId = await customerFilter(ctx, query.customerCode);
  let filtered = contactsOf(ctx.handle.read).where(visibleCustomer(ctx.actor.scope, "ct.customer_id"));
  if (customerId !== undefined) filtered = filtered.where("ct.customer_id", "=", customerId);
  if (query.search !== undefined) {
    const pattern = `%${likeEscape(query.search.toLowerCase())}%`;
    filtered = filtered.where(sql<boolean>`LOWER(ct.name) LIKE ${pattern} ESCAPE '\\'`);
  }
  const counted = await filtered
    .select(sql<number | bigint | string>`COUNT(*)`.as("total"))
    .executeTakeFirstOrThrow();
  // Ids come from one sequence: ordered by id, a page follows on from the one before.
  const rows = await filtered
    .select(CONTACT_COLUMNS)
    .$if(cursor !== undefined, (q) => q.where("ct.id", ">", cursor!.id))
    .orderBy("ct.id")
    .limit(query.limit + 1)
    .execute();
  const page = pageOf(rows, query.limit, Number(counted.total), contactOf, (row) => ({
    key: 0,
    id: Number(row.id),
  }));
  return { ...page, items: applyFieldRightsToRows(ctx.actor, "list", page.items, CONTACT_PERSONAL_FIELDS) };
}

/** One contact of a customer in scope, as the detail rights allow; APP_NOT_FOUND otherwise. */
export async function readContact(ctx: AppContext, input: RelationIdInput | unknown): Promise<Contact> {
  requirePermission(ctx.actor, "read");
  const { id } = parseInput(relationIdSchema, input);
  const row = await contactsOf(ctx.handle.read)
    .select(CONTACT_COLUMNS)
    .where("ct.id", "=", id)
    .where(visibleCustomer(ctx.actor.scope, "ct.customer_id"))
    .executeTakeFirst();
  if (!row) throw notFound(id);
  // As the 360 view: unmasked personal fields shown to a role whose lists mask them are audited (§8).
  if (ctx.actor.personalFields.list !== "show") {
    await auditPersonalView(ctx, "detail", [Number(row.customer_id)], "contact.show");
  }
  return shown(ctx, "detail", contactOf(row));
}

/** A new contact of a customer the actor may change; audited with every field it was given. */
export async function createContact(ctx: AppContext, input: CreateContactInput | unknown): Promise<Contact> {
  requirePermission(ctx.actor, "create");
  const { customerCode, ...fields } = parseInput(createContactSchema, input);
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    const customerId = await visibleCustomerId(ctx, customerCode, { access: "write", db: trx });
    const values = {
      name: fields.name,
      title: fields.title ?? null,
      role: fields.role ?? null,
      influence: fields.influence ?? null,
      attitude: fields.attitude ?? null,
      phone: fields.phone ?? null,
      email: fields.email ?? null,
    };
    const created = await trx
      .insertInto("contacts")
      .values({ customer_id: customerId, external_id: apiExternalId(), ...values })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(created.id);
    await audit(trx, ctx.actor, {
      action: "contact.create",
      entity: "contact",
      entityId: id,
      changes: fieldChanges({}, values),
      details: { customerId },
    });
    return id;
  });
  return shown(ctx, "detail", await contactById(ctx, id));
}

/** Changes the given fields of a contact of a customer the actor may change; audited before/after. */
export async function updateContact(ctx: AppContext, input: UpdateContactInput | unknown): Promise<Contact> {
  requirePermission(ctx.actor, "edit");
  const { id, ...fields } = parseInput(updateContactSchema, input);
  const customerId = await ctx.handle.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("contacts")
      .select(["customer_id", "name", "title", "role", "influence", "attitude", "phone", "email"])
      .where("id", "=", id)
      .where(visibleCustomer(ctx.actor.scope, "contacts.customer_id", "write"))
      .executeTakeFirst();
    if (!before) throw notFound(id);
    const changes = fieldChanges({ ...before, influence: numberOrNull(before.influence) }, fields);
    if (Object.keys(changes).length === 0) return Number(before.customer_id);
    const after = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.after]));
    await trx
      .updateTable("contacts")
      .set({ ...(after as Updateable<ContactsTable>), updated_at: new Date() })
      .where("customer_id", "=", before.customer_id)
      .where("id", "=", id)
      .execute();
    await audit(trx, ctx.actor, {
      action: "contact.update",
      entity: "contact",
      entityId: id,
      changes,
      details: { customerId: Number(before.customer_id) },
    });
    return Number(before.customer_id);
  });
  // The answer holds the contact's other fields too: as readContact, an unmasked one is a view (§8).
  if (ctx.actor.personalFields.list !== "show") {
    await auditPersonalView(ctx, "detail", [customerId], "contact.update");
  }
  return shown(ctx, "detail", await contactById(ctx, id));
}

/** A contact just written by the actor, read back on the writer (the read pool may lag a write). */
async function contactById(ctx: AppContext, id: number): Promise<Contact> {
  const row = await contactsOf(ctx.handle.db)
    .select(CONTACT_COLUMNS)
    .where("ct.id", "=", id)
    .executeTakeFirstOrThrow();
  return contactOf(row);
}

function shown(ctx: AppContext, view: View, contact: Contact): Contact {
  return applyFieldRights(ctx.actor, view, contact, CONTACT_PERSONAL_FIELDS);
}

function notFound(id: number): AppError {
  return new AppError("APP_NOT_FOUND", { what: text("app.relations.what.contact"), key: id });
}
