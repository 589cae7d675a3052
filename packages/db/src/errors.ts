import { registerDbMessages } from "./messages.ts";

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
  | "DB_BUSY";

/**
 * A database failure the user can act on. `message` is already localized and says what to do;
 * callers print it without a stack trace. The driver's own error is kept as `cause` for logs.
 */
export class DbError extends Error {
  override readonly name = "DbError";
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
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
