/**
 * Signing in, sessions and API tokens. A session id and a token are 256 random bits the client
 * holds; the database keeps only their SHA-256 (sessions.repository.ts). These use cases take
 * the database only (`{ handle }`): signing in and looking up a session is how an actor is found.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  type DbHandle,
  findApiToken,
  findLiveApiToken,
  findLiveSession,
  findLiveSessionsByPrefix,
  findUserByEmail,
  findUserById,
  insertApiToken,
  insertSession,
  listLiveSessions,
  listApiTokens as listTokenRows,
  recordFailedLogin,
  resetFailedLogins,
  revokeSession,
  revokeApiToken as revokeTokenRow,
  revokeUserSessions,
  touchApiToken,
  touchSession,
} from "@custra/db";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import { AccessError } from "./access-error.ts";
import { type ActorOptions, actorFor } from "./actor.service.ts";
import type { Actor } from "./actor.ts";
import { audit } from "./audit.ts";
import { verifyNothing, verifyPassword } from "./passwords.ts";
import { forbidden, hasPermission } from "./permissions.ts";
import {
  createTokenSchema,
  endSessionSchema,
  listTokensSchema,
  type SessionIdInput,
  type SignInInput,
  sessionIdSchema,
  signInSchema,
  tokenIdSchema,
  tokenSchema,
  userSessionsSchema,
} from "./sessions.schemas.ts";

/** Failed sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;
/** A session's life from sign-in (it is rotated on every sign-in, and revoked on sign-out). */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface SessionOptions {
  readonly now?: Date;
  readonly ttlMs?: number;
  /** Who is at the other end (the server passes the request's), recorded with sign-ins and failures. */
  readonly client?: { readonly ip?: string; readonly userAgent?: string };
}

const clientOf = (options: SessionOptions) => (options.client ? { client: options.client } : {});

type HandleOnly = Pick<AppContext, "handle">;

const ANONYMOUS = { userId: null, username: null } as const;

export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export interface AuthenticatedUser {
  readonly userId: number;
  readonly username: string;
}

/**
 * The user with this email and password. Unknown emails and users without a password take as
 * long as a wrong password and get the same answer. Each failure is counted and audited; the
 * fifth in a row locks the account for 15 minutes (ACCESS_LOCKED), and a locked account is
 * refused without checking the password, so guessing on stops being worth anything.
 */
export async function authenticate(
  ctx: HandleOnly,
  input: unknown,
  options: SessionOptions = {},
): Promise<AuthenticatedUser> {
  const { email, password } = parseInput(signInSchema, input);
  const now = options.now ?? new Date();
  const { db } = ctx.handle;
  const user = await findUserByEmail(db, email);
  if (!user || user.password_hash === null) {
    await verifyNothing(password);
    await audit(db, ANONYMOUS, {
      action: "session.login_failed",
      details: { ...clientOf(options), email, reason: "unknown" },
    });
    throw new AccessError("ACCESS_BAD_CREDENTIALS");
  }
  const userId = Number(user.id);
  const actor = { userId, username: user.username };
  if (user.locked_until !== null && new Date(user.locked_until) > now) {
    await audit(db, actor, {
      action: "session.login_locked",
      entity: "user",
      entityId: userId,
      details: clientOf(options),
    });
    throw new AccessError("ACCESS_LOCKED", { until: new Date(user.locked_until).toISOString() });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const lockedUntil = await db.transaction().execute(async (trx) => {
      const until = await recordFailedLogin(trx, userId, now, MAX_FAILED_LOGINS, LOCK_MS);
      await audit(trx, actor, {
        action: "session.login_failed",
        entity: "user",
        entityId: userId,
        details: { ...clientOf(options), reason: "password", locked: until !== null },
      });
      return until;
    });
    if (lockedUntil) throw new AccessError("ACCESS_LOCKED", { until: lockedUntil.toISOString() });
    throw new AccessError("ACCESS_BAD_CREDENTIALS");
  }
  if (user.deactivated_at !== null) {
    await audit(db, actor, {
      action: "session.login_failed",
      entity: "user",
      entityId: userId,
      details: { ...clientOf(options), reason: "inactive" },
    });
    throw new AccessError("ACCESS_ACCOUNT_DISABLED");
  }
  if (Number(user.failed_logins ?? 0) > 0 || user.locked_until !== null) await resetFailedLogins(db, userId);
  return { userId, username: user.username };
}

export interface NewSession {
  readonly userId: number;
  /** The secret for the cookie: shown here once, stored only hashed. */
  readonly sessionId: string;
  readonly expiresAt: string;
}

/**
 * Signs in: a new session for the user, and the session the client came with (if any) revoked,
 * so that an id planted before sign-in is worth nothing after it (session fixation).
 */
export async function signIn(
  ctx: HandleOnly,
  input: SignInInput | unknown,
  options: SessionOptions = {},
): Promise<NewSession> {
  const parsed = parseInput(signInSchema, input);
  const user = await authenticate(ctx, parsed, options);
  const now = options.now ?? new Date();
  return ctx.handle.db.transaction().execute(async (trx) => {
    if (parsed.previousSessionId) await revokeSession(trx, secretHash(parsed.previousSessionId), now);
    const session = await startSession(trx, user.userId, now, options.ttlMs);
    await audit(trx, user, {
      action: "session.login",
      entity: "user",
      entityId: user.userId,
      details: clientOf(options),
    });
    return session;
  });
}

async function startSession(
  db: DbHandle["db"],
  userId: number,
  now: Date,
  ttlMs = SESSION_TTL_MS,
): Promise<NewSession> {
  const sessionId = newSecret();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await insertSession(db, { id_hash: secretHash(sessionId), user_id: userId, expires_at: expiresAt });
  return { userId, sessionId, expiresAt: expiresAt.toISOString() };
}

/**
 * Last seen (a session's, a token's last use) to the minute: a write per request would cost more
 * than the knowledge is worth.
 */
const LAST_SEEN_MS = 60_000;

/**
 * A last-seen write, not waited for: it goes through the writer's connection, which a running
 * job may hold for minutes, and the request it belongs to must not wait for that. A failure (the
 * database closing) loses only the time stamp.
 */
function lastSeen(write: Promise<void>): void {
  write.catch(() => {});
}

/**
 * When each session or token was last stamped by this process: the kept row's time is the one
 * read, and stamping does not retire it (see the data version), so without this every request
 * after the first minute would stamp again.
 */
const stamped = new Map<string, number>();

/** Whether the last-seen time of `key` (a session, a token), read as `seen`, is due a new stamp. */
function due(key: string, seen: Date | string | null, now: Date): boolean {
  const last = Math.max(seen === null ? 0 : new Date(seen).getTime(), stamped.get(key) ?? 0);
  if (now.getTime() - last <= LAST_SEEN_MS) return false;
  // Forgotten wholesale now and then: at worst a session is stamped once more than needed.
  if (stamped.size > 10_000) stamped.clear();
  stamped.set(key, now.getTime());
  return true;
}

/** The user of a session or token, if still active; else ACCESS_NOT_SIGNED_IN. */
async function activeUser(ctx: HandleOnly, userId: number): Promise<void> {
  const user = await cachedRead(ctx.handle, "sign-in", `user ${userId}`, () =>
    findUserById(ctx.handle.read, userId),
  );
  if (!user || user.deactivated_at !== null) throw new AccessError("ACCESS_NOT_SIGNED_IN");
}

export interface LiveSession {
  readonly userId: number;
  readonly expiresAt: string;
}

/** The session's user, if the session is live and its user active; else ACCESS_NOT_SIGNED_IN. */
export async function lookUpSession(
  ctx: HandleOnly,
  input: SessionIdInput | unknown,
  options: SessionOptions = {},
): Promise<LiveSession> {
  const { sessionId } = parseInput(sessionIdSchema, input);
  const now = options.now ?? new Date();
  // Every request asks this: through the read connections, so that it never waits behind a job,
  // and kept while no session or user changes. A kept session may have expired since: checked here.
  const idHash = secretHash(sessionId);
  const row = await cachedRead(ctx.handle, "sign-in", `session ${idHash}`, () =>
    findLiveSession(ctx.handle.read, idHash, now),
  );
  if (!row || new Date(row.expires_at) <= now) throw new AccessError("ACCESS_NOT_SIGNED_IN");
  await activeUser(ctx, Number(row.user_id));
  if (due(`session ${idHash}`, row.last_seen_at, now)) lastSeen(touchSession(ctx.handle.db, idHash, now));
  return { userId: Number(row.user_id), expiresAt: new Date(row.expires_at).toISOString() };
}

/** A new id for a live session (privilege changes, periodic renewal): the old one stops working. */
export async function rotateSession(
  ctx: HandleOnly,
  input: SessionIdInput | unknown,
  options: SessionOptions = {},
): Promise<NewSession> {
  const { sessionId } = parseInput(sessionIdSchema, input);
  const live = await lookUpSession(ctx, { sessionId }, options);
  const now = options.now ?? new Date();
  return ctx.handle.db.transaction().execute(async (trx) => {
    if (!(await revokeSession(trx, secretHash(sessionId), now)))
      throw new AccessError("ACCESS_NOT_SIGNED_IN");
    return startSession(trx, live.userId, now, options.ttlMs);
  });
}

/** Signs out: the session is revoked (signing out twice is not an error). */
export async function signOut(
  ctx: HandleOnly,
  input: SessionIdInput | unknown,
  options: SessionOptions = {},
): Promise<void> {
  const { sessionId } = parseInput(sessionIdSchema, input);
  const now = options.now ?? new Date();
  const idHash = secretHash(sessionId);
  const row = await findLiveSession(ctx.handle.db, idHash, now);
  if (!row) return;
  await ctx.handle.db.transaction().execute(async (trx) => {
    await revokeSession(trx, idHash, now);
    const userId = Number(row.user_id);
    await audit(
      trx,
      { userId, username: null },
      { action: "session.logout", entity: "user", entityId: userId },
    );
  });
}

export interface NewApiToken {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  /** The token itself: shown this once, stored only hashed. */
  readonly token: string;
  readonly expiresOn: string | null;
}

/** The token's owner: a token acts as its user with that user's role, today's. */
function tokenOwner(ctx: AppContext, userId: number | undefined): number {
  const own = ctx.actor.userId;
  if (userId !== undefined && userId !== own) {
    if (!hasPermission(ctx.actor, "manageUsers")) throw forbidden("manageUsers");
    return userId;
  }
  if (own === null) throw forbidden("manageUsers");
  return own;
}

/** A new API token for scripts and BI tools, bound to a user (the actor, or another with manageUsers). */
export async function createApiToken(ctx: AppContext, input: unknown): Promise<NewApiToken> {
  const { name, userId, expiresOn } = parseInput(createTokenSchema, input);
  const owner = tokenOwner(ctx, userId);
  const user = await findUserById(ctx.handle.db, owner);
  if (!user)
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", { what: { key: "access.what.user" }, key: owner });
  const token = newSecret("custra_");
  // The token works through its last day, in UTC.
  const expiresAt = expiresOn ? new Date(`${expiresOn}T23:59:59.999Z`) : null;
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    const id = await insertApiToken(trx, {
      user_id: owner,
      name,
      token_hash: secretHash(token),
      expires_at: expiresAt,
    });
    await audit(trx, ctx.actor, {
      action: "token.create",
      entity: "api_token",
      entityId: id,
      details: { userId: owner, name },
    });
    return id;
  });
  return { id, userId: owner, name, token, expiresOn: expiresOn ?? null };
}

/** The user an API token acts for; ACCESS_NOT_SIGNED_IN when it is unknown, revoked, expired or its user inactive. */
export async function lookUpApiToken(
  ctx: HandleOnly,
  input: unknown,
  options: SessionOptions = {},
): Promise<{ userId: number; tokenId: number }> {
  const { token } = parseInput(tokenSchema, input);
  const now = options.now ?? new Date();
  const tokenHash = secretHash(token);
  const row = await cachedRead(ctx.handle, "sign-in", `token ${tokenHash}`, () =>
    findLiveApiToken(ctx.handle.read, tokenHash, now),
  );
  if (!row || (row.expires_at !== null && new Date(row.expires_at) <= now))
    throw new AccessError("ACCESS_NOT_SIGNED_IN");
  await activeUser(ctx, Number(row.user_id));
  if (due(`token ${tokenHash}`, row.last_used_at, now))
    lastSeen(touchApiToken(ctx.handle.db, Number(row.id), now));
  return { userId: Number(row.user_id), tokenId: Number(row.id) };
}

export interface ApiTokenView {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The actor's tokens, another user's or every user's (manageUsers); never the tokens themselves. */
export async function listApiTokens(ctx: AppContext, input: unknown = {}): Promise<ApiTokenView[]> {
  const { userId, all } = parseInput(listTokensSchema, input);
  if (all && !hasPermission(ctx.actor, "manageUsers")) throw forbidden("manageUsers");
  const rows = await listTokenRows(ctx.handle.db, all ? undefined : tokenOwner(ctx, userId));
  return rows.map((row) => ({
    id: Number(row.id),
    userId: Number(row.user_id),
    name: row.name,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }));
}

/** Revokes a token: the actor's own, or any with manageUsers (another user's token is otherwise not found). */
export async function revokeApiToken(
  ctx: AppContext,
  input: unknown,
  options: SessionOptions = {},
): Promise<void> {
  const { id } = parseInput(tokenIdSchema, input);
  const row = await findApiToken(ctx.handle.db, id);
  if (!row || (Number(row.user_id) !== ctx.actor.userId && !hasPermission(ctx.actor, "manageUsers")))
    throw new AppError("APP_NOT_FOUND", { what: { key: "access.what.token" }, key: id });
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (await revokeTokenRow(trx, id, options.now ?? new Date()))
      await audit(trx, ctx.actor, { action: "token.revoke", entity: "api_token", entityId: id });
  });
}

export interface SessionView {
  /** The first characters of the stored hash: names a session in a list, opens nothing. */
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

function sessionOwner(ctx: AppContext, userId: number | undefined): number {
  return tokenOwner(ctx, userId);
}

/** The live sessions of the actor, or of another user (manageUsers). */
export async function listSessions(
  ctx: AppContext,
  input: unknown = {},
  options: SessionOptions = {},
): Promise<SessionView[]> {
  const { userId } = parseInput(userSessionsSchema, input);
  const rows = await listLiveSessions(ctx.handle.db, sessionOwner(ctx, userId), options.now ?? new Date());
  return rows.map((row) => ({
    id: row.id_hash.slice(0, 16),
    createdAt: iso(row.created_at)!,
    lastSeenAt: iso(row.last_seen_at)!,
    expiresAt: iso(row.expires_at)!,
  }));
}

/** Ends every live session of the actor, or of another user (manageUsers): "sign out everywhere". */
export async function endSessions(
  ctx: AppContext,
  input: unknown = {},
  options: SessionOptions = {},
): Promise<number> {
  const { userId } = parseInput(userSessionsSchema, input);
  const owner = sessionOwner(ctx, userId);
  return ctx.handle.db.transaction().execute(async (trx) => {
    const ended = await revokeUserSessions(trx, owner, options.now ?? new Date());
    await audit(trx, ctx.actor, {
      action: "session.revoke_all",
      entity: "user",
      entityId: owner,
      details: { sessions: ended },
    });
    return ended;
  });
}

/**
 * Ends one live session: one of the actor's own, or any user's with manageUsers (an admin). Another
 * user's session is otherwise not found, exactly as an unknown one: a list of ids tells nothing
 * about other users' sessions. Audited with the session's user.
 */
export async function endSession(
  ctx: AppContext,
  input: unknown,
  options: SessionOptions = {},
): Promise<void> {
  const { id } = parseInput(endSessionSchema, input);
  const now = options.now ?? new Date();
  const own = hasPermission(ctx.actor, "manageUsers") ? undefined : (ctx.actor.userId ?? -1);
  const rows = await findLiveSessionsByPrefix(ctx.handle.db, id, now, own);
  const row = rows.length === 1 ? rows[0]! : undefined;
  if (!row) throw new AppError("APP_NOT_FOUND", { what: { key: "access.what.session" }, key: id });
  await ctx.handle.db.transaction().execute(async (trx) => {
    await revokeSession(trx, row.id_hash, now);
    const userId = Number(row.user_id);
    await audit(trx, ctx.actor, {
      action: "session.revoke",
      entity: "user",
      entityId: userId,
      details: { session: id },
    });
  });
}

/** What a request presents: a session cookie's id or an API token (`Authorization: Bearer …`). */
export type Credentials = { readonly sessionId: string } | { readonly token: string };

/**
 * The Actor a request acts as: its session's or its token's user, with that user's role today.
 * ACCESS_NOT_SIGNED_IN when the credentials are unknown, revoked, expired, or their user inactive.
 */
export async function signedInActor(
  ctx: HandleOnly,
  credentials: Credentials,
  options: SessionOptions & ActorOptions = {},
): Promise<Actor> {
  const { userId } =
    "sessionId" in credentials
      ? await lookUpSession(ctx, { sessionId: credentials.sessionId }, options)
      : await lookUpApiToken(ctx, { token: credentials.token }, options);
  return actorFor(ctx.handle, userId, options);
}
