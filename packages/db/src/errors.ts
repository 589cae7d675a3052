import { CustraError, type TextParams } from "@custra/core/errors";
import { type DbMessageKey, registerDbMessages } from "./messages.ts";

// Every DbError message comes from this catalog, so it must be present before the first one is built.
registerDbMessages();

export type DbErrorCode =
  | "DB_LOCKED"
  | "DB_OPEN_FAILED"
  | "DB_UNREACHABLE"
  | "DB_NOT_FOUND"
  | "DB_AUTH_FAILED"
  | "DB_MIGRATION_FAILED"
  | "DB_BULK_LOAD_FAILED"
  | "DB_UNSAFE_INTEGER"
  | "DB_BUSY"
  | "DB_OVERLOADED"
  /** The handle is closing (a server shutting down): new work is refused, see ClosingGate. */
  | "DB_CLOSED";

/**
 * A database failure the user can act on. Its message (`messageKey` with `params`, rendered at the
 * edge) says what is wrong and what to do; callers print it without a stack trace. One code can
 * have several messages (a lock whose holder is known or not), so the key is given, not derived.
 * The driver's own error is kept as `cause` for logs.
 */
export class DbError extends CustraError<DbErrorCode> {
  override readonly name = "DbError";

  constructor(
    code: DbErrorCode,
    messageKey: DbMessageKey,
    params: TextParams = {},
    options?: { cause?: unknown },
  ) {
    super(code, messageKey, params, options);
  }
}

export function isDbError(error: unknown, code?: DbErrorCode): error is DbError {
  return error instanceof DbError && (code === undefined || error.code === code);
}

/**
 * Errors thrown by the producer of a bulk load's rows (the importer reading and checking a file),
 * as opposed to the database's. A bulk load passes them on unchanged: they are already written
 * for the user, and wrapping them in DB_BULK_LOAD_FAILED would show the internal name of the
 * target table (a staging table) and the file's problem as a database failure.
 */
const sourceErrors = new WeakSet<object>();

/** Marks `error` as thrown by the rows' producer (see isSourceError) and returns it. */
export function markSourceError(error: unknown): unknown {
  if (typeof error === "object" && error !== null) sourceErrors.add(error);
  return error;
}

export function isSourceError(error: unknown): boolean {
  return typeof error === "object" && error !== null && sourceErrors.has(error);
}

/** The driver's message of an unknown thrown value, for embedding in a DbError message. */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) return error.message || ((error as { code?: string }).code ?? error.name);
  return String(error);
}
