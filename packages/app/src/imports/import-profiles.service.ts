/**
 * Import profiles saved on the server, by name, for the users of the web import and the API (the
 * CLI keeps its profile files). Saving a name adds a version and keeps the earlier ones: the
 * profile an import applied can always be looked up, and a bad edit undone by saving the old one
 * again. Reading a name gives its latest version; deleting it removes every version. Profiles
 * hold no customer data; they need the import permission, as importing does.
 */
import type { EntityName } from "@custra/core";
import {
  deleteImportProfile,
  findImportProfile,
  type ImportProfileRow,
  insertImportProfileVersion,
  listImportProfiles,
} from "@custra/db";
import { checkImportProfile } from "@custra/engine";
import { audit } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import {
  deleteStoredProfileSchema,
  type ListStoredProfilesInput,
  listStoredProfilesSchema,
  type StoredProfileInput,
  type StoreProfileInput,
  storedProfileSchema,
  storeProfileSchema,
} from "./import.schemas.ts";
import "./imports.messages.ts";

export interface StoredImportProfile {
  name: string;
  version: number;
  entity: string;
  profile: unknown;
  createdBy: number | null;
  createdAt: string;
}

function view(row: ImportProfileRow): StoredImportProfile {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

function notFound(name: string, version?: number): AppError {
  return new AppError("APP_NOT_FOUND", {
    what: { key: "app.imports.what.profile" },
    key: version === undefined ? name : `${name} v${version}`,
  });
}

/** The latest version of every saved profile (of one entity if given), by name. */
export async function listStoredImportProfiles(
  ctx: AppContext,
  input: ListStoredProfilesInput | unknown = {},
): Promise<StoredImportProfile[]> {
  requirePermission(ctx.actor, "import");
  const { entity } = parseInput(listStoredProfilesSchema, input ?? {});
  return (await listImportProfiles(ctx.handle.read, entity)).map(view);
}

/** A saved profile: its latest version, or the one asked for; APP_NOT_FOUND when there is none. */
export async function getStoredImportProfile(
  ctx: AppContext,
  input: StoredProfileInput | unknown,
): Promise<StoredImportProfile> {
  requirePermission(ctx.actor, "import");
  const { name, version } = parseInput(storedProfileSchema, input);
  const row = await findImportProfile(ctx.handle.read, name, version);
  if (!row) throw notFound(name, version);
  return view(row);
}

/**
 * Saves a profile under `name` as its next version, after checking it against `entity` (every
 * problem at its path, IMPORT_PROFILE_INVALID); audited. Returns the saved version.
 */
export async function storeImportProfile(
  ctx: AppContext,
  input: StoreProfileInput | unknown,
): Promise<StoredImportProfile> {
  requirePermission(ctx.actor, "import");
  const { name, entity, profile } = parseInput(storeProfileSchema, input);
  const checked = { ...checkImportProfile(profile, entity, name), entity };
  const version = await ctx.handle.db.transaction().execute(async (trx) => {
    const version = await insertImportProfileVersion(trx, {
      name,
      entity,
      profile: checked,
      createdBy: ctx.actor.userId,
    });
    await audit(trx, ctx.actor, {
      action: "import_profile.save",
      entity: "import_profile",
      entityId: name,
      details: { version, entity },
    });
    return version;
  });
  return getStoredImportProfile(ctx, { name, version });
}

/** Deletes a saved profile, every version of it; APP_NOT_FOUND when there is none; audited. */
export async function deleteStoredImportProfile(ctx: AppContext, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "import");
  const { name } = parseInput(deleteStoredProfileSchema, input);
  await ctx.handle.db.transaction().execute(async (trx) => {
    const versions = await deleteImportProfile(trx, name);
    if (versions === 0) throw notFound(name);
    await audit(trx, ctx.actor, {
      action: "import_profile.delete",
      entity: "import_profile",
      entityId: name,
      details: { versions },
    });
  });
}

/** The latest version of the saved profile `name`, checked for importing into `entity`. */
export async function storedProfileFor(ctx: AppContext, name: string, entity: EntityName) {
  const row = await findImportProfile(ctx.handle.read, name);
  if (!row) throw notFound(name);
  return checkImportProfile(row.profile, entity, name);
}
