/**
 * Someone must always be able to manage users: a change that would leave no active user who can
 * sign in with manageUsers could not be undone from the workbench (only from the command line on
 * the database's machine), so it is refused instead.
 */
import { countActiveUsersWithPermission, type Database } from "@custra/db";
import type { Kysely } from "kysely";
import { AccessError } from "../access/access-error.ts";

/**
 * Runs `change` in `trx` and refuses it (ACCESS_LAST_ADMINISTRATOR, which rolls the transaction
 * back) if it took away the last user who could manage users. A database that had none before
 * (a fresh one, users still being set up) is not held to it.
 */
export async function keepingAnAdministrator<T>(trx: Kysely<Database>, change: () => Promise<T>): Promise<T> {
  const before = await countActiveUsersWithPermission(trx, "manageUsers");
  const result = await change();
  if (before > 0 && (await countActiveUsersWithPermission(trx, "manageUsers")) === 0)
    throw new AccessError("ACCESS_LAST_ADMINISTRATOR");
  return result;
}
