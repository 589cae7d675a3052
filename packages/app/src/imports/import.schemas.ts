/**
 * The inputs of the import use cases, as the CLI builds them from its flags and the server from a
 * request (the uploaded file streamed to a temporary file first). Plain JSON, camelCase fields.
 */
import { ENTITY_NAMES } from "@custra/core";
import { z } from "zod";

const name = z.string().trim().min(1);

/** What says how a file is read: the same for a preview, a validation and a commit. */
const readFields = {
  entity: z.enum(ENTITY_NAMES),
  /** The file to read (a path on the machine that runs the use case). */
  file: name,
  /** The file's name as the user knows it (an upload's own name), in messages; default the file's. */
  fileName: name.optional(),
  /** XLSX: the sheet to read; the first by default. */
  sheet: name.optional(),
  /**
   * Source column → field, for headers the aliases do not cover; an empty field leaves the column
   * out (a customer file keeps it in the free attributes), whatever its header's alias would say.
   */
  map: z.record(name, z.string().trim()).optional(),
  /** Per field, source value → custra value. An empty target empties the cell. */
  values: z.record(name, z.record(z.string(), z.string())).optional(),
  /** The order of day, month and year of the file's dates: "dd/mm/yyyy", "mm/dd/yyyy HH:mm". */
  dateFormat: name.optional(),
  /** Per field, the value of rows whose cell is empty, or of every row when the file lacks the column. */
  defaults: z.record(name, z.string()).optional(),
  /** orders: the file has one row per order line. */
  lines: z.boolean().optional(),
  /** Create bare customers for unknown customer codes instead of rejecting the rows. */
  createCustomers: z.boolean().optional(),
  /** Create products for unknown skus. */
  createProducts: z.boolean().optional(),
  /**
   * A saved import profile (the document `saveImportProfile` writes, as JSON), applied under
   * the fields above: where both say something, the fields win.
   */
  profile: z.unknown().optional(),
  /** A profile file (YAML or JSON) to read instead of `profile`. */
  profileFile: name.optional(),
  /** A profile saved in the database (its latest version) to apply instead of `profile`. */
  profileName: name.max(100).optional(),
};

export const previewImportSchema = z.strictObject({
  ...readFields,
  /** How many of the first rows to return. */
  rows: z.number().int().min(0).max(200).default(10),
});
export type PreviewImportInput = z.input<typeof previewImportSchema>;

export const validateImportSchema = z.strictObject(readFields);
export type ValidateImportInput = z.input<typeof validateImportSchema>;

export const commitImportSchema = z.strictObject({
  ...readFields,
  /** Write the good rows and report the bad ones, instead of writing nothing. */
  skipInvalid: z.boolean().optional(),
});
export type CommitImportInput = z.input<typeof commitImportSchema>;

export const loadImportProfileSchema = z.strictObject({
  entity: z.enum(ENTITY_NAMES),
  file: name,
});
export type LoadImportProfileInput = z.input<typeof loadImportProfileSchema>;

export const saveImportProfileSchema = z.strictObject({
  entity: z.enum(ENTITY_NAMES),
  /** Where to save it (YAML). */
  file: name,
  /** The profile (checked against the entity before it is saved). */
  profile: z.unknown(),
});
export type SaveImportProfileInput = z.input<typeof saveImportProfileSchema>;

/**
 * A saved profile's name: letters, digits, ".", "_" and "-" (it is part of a URL), starting with a
 * letter or digit.
 */
export const profileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u);

export const listStoredProfilesSchema = z.strictObject({ entity: z.enum(ENTITY_NAMES).optional() });
export type ListStoredProfilesInput = z.input<typeof listStoredProfilesSchema>;

export const storedProfileSchema = z.strictObject({
  name: profileNameSchema,
  /** A version of the profile; its latest by default. */
  version: z.number().int().min(1).optional(),
});
export type StoredProfileInput = z.input<typeof storedProfileSchema>;

/** Saving a profile under a name: a new version of it (the earlier ones are kept). */
export const storeProfileSchema = z.strictObject({
  name: profileNameSchema,
  entity: z.enum(ENTITY_NAMES),
  /** The profile document (checked against the entity before it is saved). */
  profile: z.unknown(),
});
export type StoreProfileInput = z.input<typeof storeProfileSchema>;

export const deleteStoredProfileSchema = z.strictObject({ name: profileNameSchema });
