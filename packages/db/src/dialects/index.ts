import type { Engine } from "../location.ts";
import type { EngineDialect } from "./engine-dialect.ts";

/**
 * The engine's dialect, its driver loaded on first use: a DuckDB command never loads pg, and a
 * PostgreSQL one never loads DuckDB's native library (each costs start-up time every command pays).
 */
export async function loadDialect(engine: Engine): Promise<EngineDialect> {
  if (engine === "duckdb") return (await import("./duckdb/index.ts")).duckdbDialect;
  return (await import("./postgres/index.ts")).postgresDialect;
}
