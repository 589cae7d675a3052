import { z } from "zod";

export const DEFINITION_KINDS = ["scheme", "playbook"] as const;
const kind = z.enum(DEFINITION_KINDS);
const name = z.string().min(1).max(64);
const version = z.number().int().positive();

/** The latest version of every grading scheme (kind scheme) or playbook. */
export const listDefinitionsSchema = z.strictObject({ kind });
export type ListDefinitionsInput = z.input<typeof listDefinitionsSchema>;

/** One definition: its latest version, or the version named; with `versions`, every version's number and date. */
export const readDefinitionSchema = z.strictObject({ kind, name, version: version.optional() });
export type ReadDefinitionInput = z.input<typeof readDefinitionSchema>;

/** A document (parsed YAML or JSON) to check, or to store as the next version of its name. */
export const definitionDocumentSchema = z.strictObject({ kind, document: z.unknown() });
export type DefinitionDocumentInput = z.input<typeof definitionDocumentSchema>;

/**
 * A scheme document graded over an analysis run (the latest unless named), nothing saved, and
 * compared with the scheme's latest grade run: the first `changeLimit` customers whose grade
 * changes are named (default 100).
 */
export const previewSchemeSchema = z.strictObject({
  document: z.unknown(),
  analysisRunId: version.optional(),
  changeLimit: z.number().int().min(0).max(1000).optional(),
});
export type PreviewSchemeInput = z.input<typeof previewSchemeSchema>;

/** Makes version `version` of a definition the one in use (the latest), as its next version if it is not. */
export const activateDefinitionSchema = z.strictObject({ kind, name, version });
export type ActivateDefinitionInput = z.input<typeof activateDefinitionSchema>;
