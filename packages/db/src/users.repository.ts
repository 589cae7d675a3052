/**
 * The users table: people who sign in (email and password) and own customers (customers.owner
 * and tasks.owner hold their username). Emails are stored lower-cased and compared so.
 */
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Database, UsersTable } from "./schema.ts";

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserChanges = Omit<Updateable<UsersTable>, "id" | "created_at">;

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The user with this email (any case), if any. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .orderBy("id")
    .executeTakeFirst();
}

export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

export interface UserFilter {
  readonly departmentIds?: readonly number[];
  readonly role?: string;
  readonly active?: boolean;
}

export async function listUsers(db: Kysely<Database>, filter: UserFilter = {}): Promise<UserRow[]> {
  let query = db.selectFrom("users").selectAll().orderBy("id");
  if (filter.departmentIds) {
    if (filter.departmentIds.length === 0) return [];
    query = query.where("department_id", "in", [...filter.departmentIds]);
  }
  if (filter.role !== undefined) query = query.where("role", "=", filter.role);
  if (filter.active !== undefined)
    query = query.where("deactivated_at", filter.active ? "is" : "is not", null);
  return query.execute();
}

export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<number> {
  const row = await db.insertInto("users").values(user).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateUser(db: Kysely<Database>, id: number, changes: UserChanges): Promise<void> {
  await db
    .updateTable("users")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/**
 * The usernames of `userId`'s subordinates, at any depth of the reporting lines (users.manager_id).
 * A cycle in the lines (a manager of their own manager) ends, since UNION drops rows seen before.
 */
export async function subordinateUsernames(db: Kysely<Database>, userId: number): Promise<string[]> {
  const rows = await db
    .withRecursive("below(id)", (qb) =>
      qb
        .selectFrom("users")
        .select("id")
        .where("manager_id", "=", userId)
        .union((qb2) =>
          qb2.selectFrom("users").innerJoin("below", "below.id", "users.manager_id").select("users.id"),
        ),
    )
    .selectFrom("users")
    .innerJoin("below", "below.id", "users.id")
    .select("users.username")
    .orderBy("users.username")
    .execute();
  return rows.map((row) => row.username);
}

/** The usernames of the users of the given departments. */
export async function usernamesInDepartments(
  db: Kysely<Database>,
  departmentIds: readonly number[],
): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select("username")
    .where("department_id", "in", [...departmentIds])
    .orderBy("username")
    .execute();
  return rows.map((row) => row.username);
}

/**
 * Counts a failed sign-in (atomically: concurrent guesses all count) and, at `maxFailures`, locks
 * the account until `now + lockMs`, the count starting again after the lock. Returns the lock's end
 * if this failure locked the account.
 */
export async function recordFailedLogin(
  db: Kysely<Database>,
  id: number,
  now: Date,
  maxFailures: number,
  lockMs: number,
): Promise<Date | null> {
  const row = await db
    .updateTable("users")
    .set((eb) => ({ failed_logins: eb(eb.fn.coalesce("failed_logins", eb.lit(0)), "+", 1) }))
    .where("id", "=", id)
    .returning("failed_logins")
    .executeTakeFirst();
  if (!row || Number(row.failed_logins) < maxFailures) return null;
  const until = new Date(now.getTime() + lockMs);
  await db.updateTable("users").set({ failed_logins: 0, locked_until: until }).where("id", "=", id).execute();
  return until;
}

/** A successful sign-in: the failures counted so far are forgotten, and a lock that ran out removed. */
export async function resetFailedLogins(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("id", "=", id).execute();
}
