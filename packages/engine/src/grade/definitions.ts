/**
 * Grading schemes and playbooks are data kept in the database, one row per version. Saving a
 * definition that differs from the latest version of its name adds the next version; saving the
 * same one again changes nothing, so importing a file twice is harmless. The ready-made ones are
 * stored when the database is opened (db's definitions.repository.ts), never on a request path.
 * Here they are validated and typed; the queries are the repository's.
 */
import { type GradingScheme, type Playbook, parsePlaybook, parseScheme } from "@custra/core";
import {
  type DbHandle,
  type DefinitionKind,
  type DefinitionRow,
  type DefinitionSource,
  definitionVersionRows,
  insertDefinitionRow,
  latestDefinitionRow,
  latestDefinitionRows,
  sameDefinitionContent,
  seedBuiltinDefinitions,
} from "@custra/db";
import { GradeError } from "./errors.ts";

export type { DefinitionKind, DefinitionSource };

interface KindOf {
  scheme: GradingScheme;
  playbook: Playbook;
}

const PARSE: { [K in DefinitionKind]: (input: unknown) => KindOf[K] } = {
  scheme: parseScheme,
  playbook: parsePlaybook,
};

export interface StoredDefinition<T> {
  name: string;
  version: number;
  definition: T;
  source: DefinitionSource;
  createdAt: Date;
}

/**
 * Validates and stores a definition; its `version` is the stored one (the next after the latest
 * of its name), whatever the document said. Returns it and whether a new version was added.
 */
export async function saveDefinition<K extends DefinitionKind>(
  handle: DbHandle,
  kind: K,
  input: unknown,
  source: DefinitionSource = "user",
): Promise<{ stored: StoredDefinition<KindOf[K]>; added: boolean }> {
  const parsed = PARSE[kind](input);
  const stored = await latestDefinition(handle, kind, parsed.name);
  if (stored && sameDefinitionContent(stored.definition, parsed)) return { stored, added: false };
  // As the only writer, looking again: two saves at once would both take the same next version.
  return handle.withWriteLock("definitions", async () => {
    const latest = await latestDefinition(handle, kind, parsed.name);
    if (latest && sameDefinitionContent(latest.definition, parsed)) return { stored: latest, added: false };
    const version = (latest?.version ?? 0) + 1;
    const definition = { ...parsed, version } as KindOf[K];
    await insertDefinitionRow(handle.db, kind, { name: parsed.name, version, definition, source });
    return { stored: { name: parsed.name, version, definition, source, createdAt: new Date() }, added: true };
  });
}

/**
 * Stores the ready-made schemes and playbooks whose name is missing or still custra's own older
 * version, whatever release the database holds. Opening the database does this already; tests
 * that removed them and the repair of a database call it.
 */
export async function ensureBuiltinDefinitions(handle: DbHandle): Promise<void> {
  await handle.withWriteLock("definitions", () => seedBuiltinDefinitions(handle.db, { force: true }));
}

export async function latestDefinition<K extends DefinitionKind>(
  handle: DbHandle,
  kind: K,
  name: string,
  version?: number,
): Promise<StoredDefinition<KindOf[K]> | undefined> {
  const row = await latestDefinitionRow(handle.db, kind, name, version);
  return row ? typed(kind, row) : undefined;
}

/** The latest version of a definition, or an error that lists the names there are. */
export async function requireDefinition<K extends DefinitionKind>(
  handle: DbHandle,
  kind: K,
  name: string,
  version?: number,
): Promise<StoredDefinition<KindOf[K]>> {
  const found = await latestDefinition(handle, kind, name, version);
  if (found) return found;
  const known = (await latestDefinitionRows(handle.db, kind)).map((d) => d.name);
  throw new GradeError(kind === "scheme" ? "GRADE_UNKNOWN_SCHEME" : "GRADE_UNKNOWN_PLAYBOOK", {
    name: version === undefined ? name : `${name} v${version}`,
    known: known.join(", ") || "—",
  });
}

/** The latest version of every stored definition of a kind, by name. */
export async function listDefinitions<K extends DefinitionKind>(
  handle: DbHandle,
  kind: K,
): Promise<StoredDefinition<KindOf[K]>[]> {
  return (await latestDefinitionRows(handle.db, kind)).map((row) => typed(kind, row));
}

/** Every version of a definition, oldest first; an error naming the known ones when there is none. */
export async function definitionVersions<K extends DefinitionKind>(
  handle: DbHandle,
  kind: K,
  name: string,
): Promise<StoredDefinition<KindOf[K]>[]> {
  const rows = await definitionVersionRows(handle.db, kind, name);
  if (rows.length === 0) await requireDefinition(handle, kind, name);
  return rows.map((row) => typed(kind, row));
}

function typed<K extends DefinitionKind>(kind: K, row: DefinitionRow): StoredDefinition<KindOf[K]> {
  return {
    name: row.name,
    version: row.version,
    definition: PARSE[kind](row.definition),
    source: row.source,
    createdAt: row.createdAt,
  };
}
