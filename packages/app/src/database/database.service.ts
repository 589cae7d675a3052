/**
 * The database itself: what it holds and its schema version. An administrator's (`manageUsers`):
 * the row counts cover every customer, whatever a reader's scope. Loaded without the engine and
 * zod (`@custra/app/database`), so `custra db info` starts fast.
 */
import { type DbHandle, type MigrateOutcome, migrate, tableCounts } from "@custra/db";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";

export interface DatabaseInfo {
  engine: DbHandle["engine"];
  /** Where the database is (a file, or a URL with its password masked). */
  location: string;
  /** Rows per table. */
  tables: Record<string, number>;
}

export async function databaseInfo(ctx: AppContext): Promise<DatabaseInfo> {
  requirePermission(ctx.actor, "manageUsers");
  return { engine: ctx.handle.engine, location: ctx.handle.display, tables: await tableCounts(ctx.handle) };
}

/** Applies the migrations not applied yet (opening a database already does; this says which). */
export async function migrateDatabase(
  ctx: AppContext,
): Promise<MigrateOutcome & { engine: DbHandle["engine"]; location: string }> {
  requirePermission(ctx.actor, "manageUsers");
  const outcome = await migrate(ctx.handle);
  return { engine: ctx.handle.engine, location: ctx.handle.display, ...outcome };
}
