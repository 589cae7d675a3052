/**
 * The users table: people who sign in (email and password) and own customers (customers.owner
 * and tasks.owner hold their username). Emails are stored lower-cased and compared so.
 */
import { type Insertable, type Kysely, type Selectable, type SqlBool, sql, type Updateable } from "kysely";
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
  /** A part of the username, the name or the email (case-insensitive). */
  readonly search?: string;
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
  if (filter.search !== undefined) {
    // ESCAPE named: PostgreSQL escapes with a backslash by default, DuckDB with nothing.
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const like = (column: string) => sql<SqlBool>`LOWER(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;
    query = query.where((eb) => eb.or([like("username"), like("display_name"), like("email")]));
  }
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

/** How many users (active or not) each department has directly, by department id; none: absent. */
export async function countUsersByDepartment(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("users")
    .select((eb) => ["department_id", eb.fn.countAll().as("n")])
    .where("department_id", "is not", null)
    .groupBy("department_id")
    .execute();
  return new Map(rows.map((row) => [Number(row.department_id), Number(row.n)]));
}

/**
 * How many active users who can sign in hold `permission` through their role: the check that a
 * change leaves someone who can manage users (a role's permissions are its JSON text).
 */
export async function countActiveUsersWithPermission(
  db: Kysely<Database>,
  permission: string,
): Promise<number> {
  const row = await db
    .selectFrom("users")
    .innerJoin("roles", "roles.code", "users.role")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("users.deactivated_at", "is", null)
    .where("users.password_hash", "is not", null)
    .where("roles.permissions", "like", `%${JSON.stringify(permission)}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
