import path from "node:path";

export type Engine = "duckdb" | "postgres";

export interface Location {
  readonly engine: Engine;
  /** A PostgreSQL URL, or an absolute DuckDB file path (or ":memory:"). */
  readonly location: string;
  /** The location as it may be shown and logged: a URL's password is masked. */
  readonly display: string;
}

export const DEFAULT_DUCKDB_PATH = "./data/custra.duckdb";

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * Where the database is: the `--db` option, else `DATABASE_URL`, else `./data/custra.duckdb`.
 * A `postgres://` or `postgresql://` URL means PostgreSQL; anything else is a DuckDB file path,
 * resolved against the current directory so that messages name the real file.
 */
export function resolveLocation(option?: string, env: NodeJS.ProcessEnv = process.env): Location {
  const raw = nonEmpty(option) ?? nonEmpty(env.DATABASE_URL) ?? DEFAULT_DUCKDB_PATH;
  if (POSTGRES_URL.test(raw)) return { engine: "postgres", location: raw, display: maskPassword(raw) };
  const location = raw === ":memory:" ? raw : path.resolve(raw);
  return { engine: "duckdb", location, display: location };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The URL with its password replaced by `***`; text that does not parse is returned as is. */
export function maskPassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
  }
  if (parsed.password) parsed.password = "***";
  for (const key of [...parsed.searchParams.keys()]) {
    if (key.toLowerCase() === "password") parsed.searchParams.set(key, "***");
  }
  return parsed.toString();
}
