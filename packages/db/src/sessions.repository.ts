/**
 * Server-side sessions and API tokens. The secret a client holds is never stored: rows keep its
 * SHA-256, so a stolen copy of the database opens no session. Creating and checking secrets is the
 * app's (app/src/access/sessions.service.ts); this module only stores and finds rows.
 */
import type { Kysely, Selectable } from "kysely";
import type { ApiTokensTable, Database, SessionsTable } from "./schema.ts";

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export async function insertSession(
  db: Kysely<Database>,
  session: { id_hash: string; user_id: number; expires_at: Date },
): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

/** The session with this id hash if it is neither revoked nor expired at `now`. */
export async function findLiveSession(
  db: Kysely<Database>,
  idHash: string,
  now: Date,
): Promise<SessionRow | undefined> {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("id_hash", "=", idHash)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
}

export async function revokeSession(db: Kysely<Database>, idHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("id_hash", "=", idHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live session of a user (deactivation, password change); returns how many. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  except?: string,
): Promise<number> {
  let query = db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (except !== undefined) query = query.where("id_hash", "<>", except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertApiToken(
  db: Kysely<Database>,
  token: { user_id: number; name: string; token_hash: string; expires_at: Date | null },
): Promise<number> {
  const row = await db.insertInto("api_tokens").values(token).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The token with this hash if it is neither revoked nor expired at `now`. */
export async function findLiveApiToken(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .executeTakeFirst();
}

export async function listApiTokens(db: Kysely<Database>, userId?: number): Promise<ApiTokenRow[]> {
  let query = db.selectFrom("api_tokens").selectAll().orderBy("id");
  if (userId !== undefined) query = query.where("user_id", "=", userId);
  return query.execute();
}

export async function findApiToken(db: Kysely<Database>, id: number): Promise<ApiTokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function touchApiToken(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}

export async function revokeApiToken(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A user's sessions that are neither revoked nor expired at `now`, newest first. */
export async function listLiveSessions(
  db: Kysely<Database>,
  userId: number,
  now: Date,
): Promise<SessionRow[]> {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}

/**
 * The live sessions at `now` whose id hash starts with `prefix` (the id a session list shows), of
 * `userId` only unless it is undefined. Lists show 16 hex characters: more than one match is as
 * good as impossible, and the caller treats it as none.
 */
export async function findLiveSessionsByPrefix(
  db: Kysely<Database>,
  prefix: string,
  now: Date,
  userId?: number,
): Promise<SessionRow[]> {
  let query = db
    .selectFrom("sessions")
    .selectAll()
    .where("id_hash", "like", `${prefix}%`)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .limit(2);
  if (userId !== undefined) query = query.where("user_id", "=", userId);
  return query.execute();
}
