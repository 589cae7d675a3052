/**
 * Customers shared with a user or a department, read-only or read-write, until a date (the last
 * day the share holds). Read through access/customer-scope.ts's predicates; written here.
 */
import type { Kysely, Selectable } from "kysely";
import type { CustomerSharesTable, Database } from "./schema.ts";

export type ShareRow = Selectable<CustomerSharesTable>;

export interface NewShare {
  readonly customerId: number;
  readonly userId: number | null;
  readonly departmentId: number | null;
  readonly access: "read" | "write";
  readonly until: string | null;
  readonly createdBy: string | null;
}

export async function insertShare(db: Kysely<Database>, share: NewShare): Promise<number> {
  const row = await db
    .insertInto("customer_shares")
    .values({
      customer_id: share.customerId,
      user_id: share.userId,
      department_id: share.departmentId,
      access: share.access,
      until: share.until,
      created_by: share.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listShares(db: Kysely<Database>, customerId: number): Promise<ShareRow[]> {
  return db
    .selectFrom("customer_shares")
    .selectAll()
    .where("customer_id", "=", customerId)
    .orderBy("id")
    .execute();
}

export async function findShare(
  db: Kysely<Database>,
  customerId: number,
  id: number,
): Promise<ShareRow | undefined> {
  return db
    .selectFrom("customer_shares")
    .selectAll()
    .where("customer_id", "=", customerId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function deleteShare(db: Kysely<Database>, customerId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom("customer_shares")
    .where("customer_id", "=", customerId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
