/**
 * Grading schemes and playbooks as use cases: list them, read one (any version), check a
 * document, store it as the next version, preview a scheme on the data, and put an earlier
 * version back in use. The version in use is the latest: grading and task generation take it,
 * and grade runs keep pointing at the version they ran with.
 */
import {
  type GradingScheme,
  type IssueText,
  isGradingError,
  isStrategyError,
  type Playbook,
  parsePlaybook,
  parseScheme,
  type Text,
} from "@custra/core";
import {
  definitionVersions,
  gradePreview,
  listDefinitions as listStoredDefinitions,
  requireDefinition,
  type SchemePreview,
  type StoredDefinition,
  saveDefinition,
} from "@custra/engine";
import { forbidden, requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import {
  type ActivateDefinitionInput,
  activateDefinitionSchema,
  type DefinitionDocumentInput,
  definitionDocumentSchema,
  type ListDefinitionsInput,
  listDefinitionsSchema,
  type PreviewSchemeInput,
  previewSchemeSchema,
  type ReadDefinitionInput,
  readDefinitionSchema,
} from "./schemes.schemas.ts";

export type Definition = GradingScheme | Playbook;

/** The latest version of every stored definition of a kind, by name. */
export async function listDefinitions(
  ctx: AppContext,
  input: ListDefinitionsInput | unknown,
): Promise<StoredDefinition<Definition>[]> {
  const request = parseInput(listDefinitionsSchema, input);
  requirePermission(ctx.actor, "read");
  return listStoredDefinitions(ctx.handle, request.kind);
}

/** A definition (its latest version, or the one named) and the versions it has. */
export async function readDefinition(
  ctx: AppContext,
  input: ReadDefinitionInput | unknown,
): Promise<
  StoredDefinition<Definition> & { versions: { version: number; createdAt: Date; source: string }[] }
> {
  const request = parseInput(readDefinitionSchema, input);
  requirePermission(ctx.actor, "read");
  const stored = await requireDefinition(ctx.handle, request.kind, request.name, request.version);
  const versions = (await definitionVersions(ctx.handle, request.kind, request.name)).map((v) => ({
    version: v.version,
    createdAt: v.createdAt,
    source: v.source,
  }));
  return { ...stored, versions };
}

export type ValidationResult =
  | { valid: true; definition: Definition }
  | { valid: false; issues: readonly IssueText[]; message: Text };

/** Checks a document without storing it: the definition as custra reads it, or every problem with its path. */
export async function validateDefinition(
  ctx: AppContext,
  input: DefinitionDocumentInput | unknown,
): Promise<ValidationResult> {
  const request = parseInput(definitionDocumentSchema, input);
  requirePermission(ctx.actor, "read");
  try {
    const definition =
      request.kind === "scheme" ? parseScheme(request.document) : parsePlaybook(request.document);
    return { valid: true, definition };
  } catch (error) {
    if (isGradingError(error) || isStrategyError(error))
      return { valid: false, issues: error.issues, message: error.text };
    throw error;
  }
}

/**
 * Stores a document as the next version of its name (whatever version it says), or nothing when
 * it equals the latest. An invalid document is GRADING_INVALID_SCHEME or STRATEGY_INVALID_PLAYBOOK
 * with every problem in `issues`.
 */
export async function createDefinitionVersion(
  ctx: AppContext,
  input: DefinitionDocumentInput | unknown,
): Promise<{ kind: "scheme" | "playbook"; name: string; version: number; added: boolean }> {
  const request = parseInput(definitionDocumentSchema, input);
  requirePermission(ctx.actor, "editSchemes");
  const { stored, added } = await saveDefinition(ctx.handle, request.kind, request.document);
  return { kind: request.kind, name: stored.name, version: stored.version, added };
}

/**
 * How a scheme document would grade the customers of an analysis run, and which of them it would
 * move from the grades of the scheme's latest grade run; nothing is saved.
 */
export async function previewScheme(
  ctx: AppContext,
  input: PreviewSchemeInput | unknown,
): Promise<SchemePreview> {
  const request = parseInput(previewSchemeSchema, input);
  requirePermission(ctx.actor, "analyze");
  // A preview grades and counts every customer: a reader who sees only some of them would learn
  // how many the others are, and what they are worth, through it.
  if (ctx.actor.scope.kind !== "all") throw forbidden("analyze");
  return gradePreview(ctx.handle, {
    definition: parseScheme(request.document),
    ...(request.analysisRunId === undefined ? {} : { analysisRunId: request.analysisRunId }),
    ...(request.changeLimit === undefined ? {} : { changeLimit: request.changeLimit }),
  });
}

/**
 * Puts version `version` back in use: stored again as the next version (the history keeps what
 * was in use when), or nothing when it is the one in use already.
 */
export async function activateDefinition(
  ctx: AppContext,
  input: ActivateDefinitionInput | unknown,
): Promise<{ kind: "scheme" | "playbook"; name: string; version: number; added: boolean }> {
  const request = parseInput(activateDefinitionSchema, input);
  requirePermission(ctx.actor, "editSchemes");
  const chosen = await requireDefinition(ctx.handle, request.kind, request.name, request.version);
  const { stored, added } = await saveDefinition(ctx.handle, request.kind, chosen.definition);
  return { kind: request.kind, name: stored.name, version: stored.version, added };
}
