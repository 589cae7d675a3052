/**
 * Imports: what a file would import as (preview), all its problems without writing (validate),
 * and the import itself (commit: all or nothing per file unless skipping bad rows is asked for);
 * and the import profiles that say how one source's files are read, saved once and reused.
 */
import { basename } from "node:path";
import { type ImportProfile, issueAsText, text } from "@custra/core";
import {
  checkImportProfile,
  ImportError,
  type ImportMapping,
  type ImportOptions,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
  importFile,
  previewImport as previewFile,
  readImportProfile,
  rowsRejected,
  writeImportProfile,
} from "@custra/engine";
import type { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { audit } from "../access/audit.ts";
import { forbidden } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { storedProfileFor } from "./import-profiles.service.ts";
import "./imports.messages.ts";
import {
  commitImportSchema,
  loadImportProfileSchema,
  previewImportSchema,
  saveImportProfileSchema,
  validateImportSchema,
} from "./import.schemas.ts";

/** What a caller hears while a file is read: the mapping before any row, then progress. */
export interface ImportHooks {
  onMapping?: (mapping: ImportMapping) => void;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Importing needs `import`; importing users also `manageUsers`: a users file sets roles, and a
 * role is a user's rights (an importer must not be able to make themselves an admin).
 */
function requireImport(actor: Actor, entity?: string): void {
  if (!actor.permissions.has("import")) throw forbidden("import");
  if (entity === "users" && !actor.permissions.has("manageUsers")) throw forbidden("manageUsers");
}

/** The header's mapping and the first rows of a file, nothing read into the database. */
export async function previewImport(ctx: AppContext, input: unknown): Promise<ImportPreview> {
  const parsed = parseInput(previewImportSchema, input);
  requireImport(ctx.actor, parsed.entity);
  return previewFile(await engineOptions(ctx, parsed), parsed.rows);
}

/** Every problem of every row (references and duplicates included), nothing written. */
export async function validateImport(
  ctx: AppContext,
  input: unknown,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const parsed = parseInput(validateImportSchema, input);
  requireImport(ctx.actor, parsed.entity);
  return importFile(ctx.handle, { ...(await engineOptions(ctx, parsed)), ...hooks, dryRun: true });
}

/**
 * Imports the file. A file with bad rows writes nothing (IMPORT_ROWS_REJECTED, whose `result`
 * lists the problems) unless `skipInvalid` asks to write the good rows.
 */
export async function commitImport(
  ctx: AppContext,
  input: unknown,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const parsed = parseInput(commitImportSchema, input);
  requireImport(ctx.actor, parsed.entity);
  const file = parsed.fileName ?? basename(parsed.file);
  const result = await importFile(ctx.handle, {
    ...(await engineOptions(ctx, parsed)),
    ...hooks,
    skipInvalid: parsed.skipInvalid === true,
    // A role changed by a users file is audited as a change by hand is, in the import's transaction.
    onRoleChanges: async (trx, changes) => {
      for (const change of changes)
        await audit(trx, ctx.actor, {
          action: "user.update",
          entity: "user",
          entityId: change.userId,
          changes: { role: { before: change.before, after: change.after } },
          details: { import: file },
        });
    },
  });
  if (!result.written) throw rowsRejected(result, file);
  return result;
}

/** The result of an import refused for its bad rows (IMPORT_ROWS_REJECTED), to report them; else undefined. */
export function rejectedImport(error: unknown): ImportResult | undefined {
  return error instanceof ImportError && error.code === "IMPORT_ROWS_REJECTED" ? error.result : undefined;
}

/** A saved profile, checked for importing into `entity`. */
export async function loadImportProfile(ctx: AppContext, input: unknown): Promise<ImportProfile> {
  const parsed = parseInput(loadImportProfileSchema, input);
  requireImport(ctx.actor);
  return readImportProfile(parsed.file, parsed.entity);
}

/** Saves a profile for the next imports of its source, after checking it against `entity`. */
export async function saveImportProfile(ctx: AppContext, input: unknown): Promise<ImportProfile> {
  const parsed = parseInput(saveImportProfileSchema, input);
  requireImport(ctx.actor);
  const profile = checkImportProfile(parsed.profile, parsed.entity, parsed.file);
  await writeImportProfile(parsed.file, profile);
  return profile;
}

type ReadInput = z.output<typeof validateImportSchema>;

/**
 * The engine's options: the profile's (a given one, a saved one by name, or a file's: at most one),
 * under the input's own fields;
 * the actor's scope, so that no row is written to a customer the actor may not see.
 */
async function engineOptions(ctx: AppContext, input: ReadInput): Promise<ImportOptions> {
  const given = [input.profile, input.profileName, input.profileFile].filter((p) => p !== undefined);
  if (given.length > 1)
    throw new AppError("APP_INVALID_INPUT", {
      issues: [issueAsText({ path: "profile", problem: text("app.imports.one_profile") })],
    });
  const profile: ImportProfile =
    input.profile !== undefined
      ? checkImportProfile(input.profile, input.entity, input.fileName ?? "")
      : input.profileName !== undefined
        ? await storedProfileFor(ctx, input.profileName, input.entity)
        : input.profileFile !== undefined
          ? await readImportProfile(input.profileFile, input.entity)
          : {};
  // Value maps add up per field; where both map one source value, the input wins.
  const values: Record<string, Record<string, string>> = {};
  for (const source of [profile.values ?? {}, input.values ?? {}])
    for (const [field, entries] of Object.entries(source)) values[field] = { ...values[field], ...entries };
  return {
    entity: input.entity,
    file: input.file,
    scope: ctx.actor.scope,
    ...(input.fileName !== undefined ? { name: input.fileName } : {}),
    sheet: input.sheet ?? profile.sheet,
    map: { ...profile.columns, ...input.map },
    values,
    dateFormat: input.dateFormat ?? profile.date_format,
    defaults: { ...profile.defaults, ...input.defaults },
    lines: input.lines === true || profile.lines === true,
    createCustomers: input.createCustomers === true || profile.create_customers === true,
    createProducts: input.createProducts === true,
  };
}
