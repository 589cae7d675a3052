import type { Engine } from "../location.ts";
import { duckdbDialect } from "./duckdb/index.ts";
import type { EngineDialect } from "./engine-dialect.ts";
import { postgresDialect } from "./postgres/index.ts";

const DIALECTS: Readonly<Record<Engine, EngineDialect>> = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
};

export function dialectFor(engine: Engine): EngineDialect {
  return DIALECTS[engine];
}
