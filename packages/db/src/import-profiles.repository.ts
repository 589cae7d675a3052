/**
 * Saved import profiles (migrations/0012_import_profiles.ts): each save of a name is a new
 * version; a name reads as its latest version unless one is asked for.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface ImportProfileRow {
  readonly name: string;
  readonly version: number;
  readonly entity: string;
  readonly profile: unknown;
  readonly createdBy: number | null;
  readonly createdAt: Date;
}

function profileRow(row: {
  name: string;
  version: number;
  entity: string;
  profile: unknown;
  created_by: number | null;
  created_at: Date;
}): ImportProfileRow {
  return {
    name: row.name,
    version: Number(row.version),
    entity: row.entity,
    profile: typeof row.profile === "string" ? JSON.parse(row.profile) : row.profile,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    createdAt: new Date(row.created_at),
  };
}

const COLUMNS = ["name", "version", "entity", "profile", "created_by", "created_at"] as const;

/** The latest version of every saved profile (of one entity if given), by name. */
export async function listImportProfiles(db: Db, entity?: string): Promise<ImportProfileRow[]> {
  let query = db
    .selectFrom("import_profiles as p")
    .select(COLUMNS.map((column) => `p.${column}` as const))
    .where(
      "p.version",
      "=",
      sql<number>`(SELECT MAX(l.version) FROM import_profiles l WHERE l.name = p.name)`,
    )
    .orderBy("p.name");
  if (entity !== undefined) query = query.where("p.entity", "=", entity);
  return (await query.execute()).map(profileRow);
}

/** The profile `name` at `version`, else its latest; undefined when there is none. */
export async function findImportProfile(
  db: Db,
  name: string,
  version?: number,
): Promise<ImportProfileRow | undefined> {
  let query = db.selectFrom("import_profiles").select(COLUMNS).where("name", "=", name);
  query =
    version === undefined ? query.orderBy("version", "desc").limit(1) : query.where("version", "=", version);
  const row = await query.executeTakeFirst();
  return row ? profileRow(row) : undefined;
}

/**
 * Saves `profile` as the next version of `name` (1 for a new name) and returns that version. Call
 * it in a transaction: two saves of one name at once meet at the primary key, one of them fails.
 */
export async function insertImportProfileVersion(
  db: Db,
  profile: { name: string; entity: string; profile: unknown; createdBy: number | null },
): Promise<number> {
  const latest = await db
    .selectFrom("import_profiles")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("name", "=", profile.name)
    .executeTakeFirst();
  const version = Number(latest?.version ?? 0) + 1;
  await db
    .insertInto("import_profiles")
    .values({
      name: profile.name,
      version,
      entity: profile.entity,
      profile: JSON.stringify(profile.profile),
      created_by: profile.createdBy,
    })
    .execute();
  return version;
}

/** Deletes every version of `name`; returns how many there were. */
export async function deleteImportProfile(db: Db, name: string): Promise<number> {
  const result = await db.deleteFrom("import_profiles").where("name", "=", name).executeTakeFirst();
  return Number(result.numDeletedRows);
}
