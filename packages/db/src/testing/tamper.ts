import { sql } from "kysely";
import type { DbHandle } from "../open.ts";

/**
 * Runs `statement` (an UPDATE or DELETE of audit_log) as someone who owns the database would:
 * on PostgreSQL with the append-only trigger switched off for the moment, as only an owner can.
 * For tests that the hash chain finds what such a person did.
 */
export async function tamperWithAuditLog(handle: DbHandle, statement: string): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    if (handle.engine === "postgres") await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    await sql.raw(statement).execute(trx);
    if (handle.engine === "postgres") await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
  });
}
