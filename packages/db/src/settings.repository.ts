/**
 * The company_settings table: text values by key, nothing more. What a key means, its default
 * and which values it takes belong to the settings module (core `settings`, engine `settings`),
 * which validates before it writes here and after it reads.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** Every stored setting as key → value; a setting never written has no entry. */
export async function readCompanySettings(db: Kysely<Database>): Promise<Record<string, string>> {
  const rows = await db.selectFrom("company_settings").select(["key", "value"]).orderBy("key").execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/**
 * Stores the given settings, all or none, replacing earlier values of the same keys. Delete then
 * insert rather than an upsert: the same SQL on both engines, and DuckDB's ON CONFLICT DO UPDATE
 * refuses a key updated twice in one transaction.
 */
export async function writeCompanySettings(
  db: Kysely<Database>,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const keys = Object.keys(values);
  if (keys.length === 0) return;
  const write = async (trx: Kysely<Database>) => {
    await trx.deleteFrom("company_settings").where("key", "in", keys).execute();
    await trx
      .insertInto("company_settings")
      .values(keys.map((key) => ({ key, value: values[key]! })))
      .execute();
  };
  // In the caller's transaction when it has one (the change's audit entry is written in it too).
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/** Removes the given settings, so that they take their defaults again. */
export async function removeCompanySettings(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom("company_settings")
    .where("key", "in", [...keys])
    .execute();
}
