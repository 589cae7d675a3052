/**
 * Grading schemes and playbooks are data kept in the database, one row per version. Saving a
 * definition that differs from the latest version of its name adds the next version; saving the
 * same one again changes nothing, so importing a file twice is harmless. The ready-made ones are
 * added when their name is not there yet, and a newer custra's version of them is added over an
 * older ready-made one; once the company saved its own version under the name, custra leaves it.
 */
import {
  BUILTIN_PLAYBOOKS,
  BUILTIN_SCHEMES,
  type GradingScheme,
  type Playbook,
  parsePlaybook,
  parseScheme,
} from "@custra/core";
import type { DbHandle } from "@custra/db";
import { GradeError } from "./errors.ts";

export type DefinitionKind = "scheme" | "playbook";

interface KindOf {
  scheme: GradingScheme;
  playbook: Playbook;
}

/** Both tables have the same columns; typed as one so that Kysely builds one kind of query. */
function tableOf(kind: DefinitionKind): "grading_schemes" {
  return kind === "scheme" ? "grading_schemes" : ("playbooks" as "grading_schemes");
}

const PARSE: { [K in DefinitionKind]: (input: unknown) => KindOf[K] } = {
  scheme: parseScheme,
  playbook: parsePlaybook,
};

const BUILTIN: { [K in DefinitionKind]: Readonly<Record<string, KindOf[K]>> } = {
  scheme: BUILTIN_SCHEMES,
  playbook: BUILTIN_PLAYBOOKS,
};

export type DefinitionSource = "builtin" | "user";

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
  if (stored && sameContent(stored.definition, parsed)) return { stored, added: false };
  // As the only writer, looking again: two saves at once (two first grade runs storing the
  // ready-made schemes) would both take the same next version.
  return handle.withWriteLock("definitions", async () => {
    const latest = await latestDefinition(handle, kind, parsed.name);
    if (latest && sameContent(latest.definition, parsed)) return { stored: latest, added: false };
    const version = (latest?.version ?? 0) + 1;
    const definition = { ...parsed, version } as KindOf[K];
    await handle.db
      .insertInto(tableOf(kind))
      .values({ name: parsed.name, version, definition: JSON.stringify(definition), source })
      .execute();
    return { stored: { name: parsed.name, version, definition, source, createdAt: new Date() }, added: true };
  });
}

/** Stores the ready-made schemes and playbooks whose name is missing or still custra's own older version. */
export async function ensureBuiltinDefinitions(handle: DbHandle): Promise<void> {
  for (const kind of ["scheme", "playbook"] as const) {
    for (const definition of Object.values(BUILTIN[kind])) {
      const latest = await latestDefinition(handle, kind, definition.name);
      if (!latest || latest.source === "builtin") await saveDefinition(handle, kind, definition, "builtin");
    }
  }
}

export async function latestDefinition<K extends DefinitionKind>(
  handle: DbHandle,
  kind: K,
  name: string,
  version?: number,
): Promise<StoredDefinition<KindOf[K]> | undefined> {
  let query = handle.db.selectFrom(tableOf(kind)).selectAll().where("name", "=", name);
  if (version !== undefined) query = query.where("version", "=", version);
  const row = await query.orderBy("version", "desc").limit(1).executeTakeFirst();
  if (!row) return undefined;
  return {
    name: row.name,
    version: Number(row.version),
    definition: PARSE[kind](row.definition),
    source: row.source as DefinitionSource,
    createdAt: row.created_at,
  };
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
  const known = (await listDefinitions(handle, kind)).map((d) => d.name);
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
  const rows = await handle.db
    .selectFrom(tableOf(kind))
    .selectAll()
    .orderBy("name")
    .orderBy("version")
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.name, row);
  return [...latest.values()].map((row) => ({
    name: row.name,
    version: Number(row.version),
    definition: PARSE[kind](row.definition),
    source: row.source as DefinitionSource,
    createdAt: row.created_at,
  }));
}

/** Equal apart from the version number, compared as JSON with keys in a fixed order. */
function sameContent(a: { version?: number }, b: { version?: number }): boolean {
  return canonical({ ...a, version: 0 }) === canonical({ ...b, version: 0 });
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
