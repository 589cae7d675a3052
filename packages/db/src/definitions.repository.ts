/**
 * Grading schemes and playbooks as stored: one row per version, the definition as JSON. Parsing
 * and validating them is the engine's (core's schemas); here are the queries, written once: the
 * latest version of a name (or a given one), the latest of every name, every version of a name,
 * and adding a version. And the ready-made definitions, stored when the database is opened.
 */
import { BUILTIN_DEFINITIONS_RELEASE } from "@custra/core/builtin-release";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

export type DefinitionKind = "scheme" | "playbook";
/** "builtin" for custra's ready-made versions, "user" for the company's own. */
export type DefinitionSource = "builtin" | "user";

/** A stored version, its definition as the JSON it was saved as (not yet validated). */
export interface DefinitionRow {
  readonly name: string;
  readonly version: number;
  readonly definition: Record<string, unknown>;
  readonly source: DefinitionSource;
  readonly createdAt: Date;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Both tables have the same columns; typed as one so that Kysely builds one kind of query. */
function tableOf(kind: DefinitionKind): "grading_schemes" {
  return kind === "scheme" ? "grading_schemes" : ("playbooks" as "grading_schemes");
}

/** The latest version of `name`, or version `version` of it; undefined when there is none. */
export async function latestDefinitionRow(
  db: Db,
  kind: DefinitionKind,
  name: string,
  version?: number,
): Promise<DefinitionRow | undefined> {
  let query = db.selectFrom(tableOf(kind)).selectAll().where("name", "=", name);
  if (version !== undefined) query = query.where("version", "=", version);
  const row = await query.orderBy("version", "desc").limit(1).executeTakeFirst();
  return row ? definitionRow(row) : undefined;
}

/** The latest version of every name of a kind, by name. */
export async function latestDefinitionRows(db: Db, kind: DefinitionKind): Promise<DefinitionRow[]> {
  const rows = await db.selectFrom(tableOf(kind)).selectAll().orderBy("name").orderBy("version").execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.name, row);
  return [...latest.values()].map(definitionRow);
}

/** Every version of `name`, oldest first. */
export async function definitionVersionRows(
  db: Db,
  kind: DefinitionKind,
  name: string,
): Promise<DefinitionRow[]> {
  const rows = await db
    .selectFrom(tableOf(kind))
    .selectAll()
    .where("name", "=", name)
    .orderBy("version")
    .execute();
  return rows.map(definitionRow);
}

/** Adds a version; the caller holds the "definitions" write lock and took the next version number. */
export async function insertDefinitionRow(
  db: Db,
  kind: DefinitionKind,
  row: { name: string; version: number; definition: object; source: DefinitionSource },
): Promise<void> {
  await db
    .insertInto(tableOf(kind))
    .values({
      name: row.name,
      version: row.version,
      definition: JSON.stringify(row.definition),
      source: row.source,
    })
    .execute();
}

/** Equal apart from the version number, compared as JSON with keys in a fixed order. */
export function sameDefinitionContent(a: object, b: object): boolean {
  return canonical({ ...a, version: 0 }) === canonical({ ...b, version: 0 });
}

/**
 * Stores the ready-made schemes and playbooks whose name is missing or still custra's own older
 * version (once the company saved its own version under a name, custra leaves it), unless the
 * database holds this release of them already; returns how many versions it added. Runs in the
 * migrations' transaction at open, which on PostgreSQL holds the migration lock: concurrent
 * starts wait for each other, and each ready-made definition is stored once. The definitions
 * (and zod, which fills their defaults) are loaded only when there is something to store.
 */
export async function seedBuiltinDefinitions(db: Db, options: { force?: boolean } = {}): Promise<number> {
  const held = await db.selectFrom("builtin_definitions").select("release").executeTakeFirst();
  if (!options.force && held !== undefined && Number(held.release) === BUILTIN_DEFINITIONS_RELEASE) return 0;
  const { BUILTIN_SCHEMES, BUILTIN_PLAYBOOKS } = await import("@custra/core");
  let added = 0;
  const kinds: [DefinitionKind, Readonly<Record<string, { name: string; version: number }>>][] = [
    ["scheme", BUILTIN_SCHEMES],
    ["playbook", BUILTIN_PLAYBOOKS],
  ];
  for (const [kind, definitions] of kinds) {
    for (const definition of Object.values(definitions)) {
      const latest = await latestDefinitionRow(db, kind, definition.name);
      if (latest && (latest.source !== "builtin" || sameDefinitionContent(latest.definition, definition)))
        continue;
      const version = (latest?.version ?? 0) + 1;
      await insertDefinitionRow(db, kind, {
        name: definition.name,
        version,
        definition: { ...definition, version },
        source: "builtin",
      });
      added++;
    }
  }
  await db.deleteFrom("builtin_definitions").execute();
  await db.insertInto("builtin_definitions").values({ release: BUILTIN_DEFINITIONS_RELEASE }).execute();
  return added;
}

function definitionRow(row: {
  name: string;
  version: number;
  definition: unknown;
  source: string;
  created_at: Date;
}): DefinitionRow {
  return {
    name: row.name,
    version: Number(row.version),
    // Parsed already on PostgreSQL (jsonb), text on DuckDB.
    definition: (typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition) as Record<
      string,
      unknown
    >,
    source: row.source as DefinitionSource,
    createdAt: row.created_at,
  };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );
}
