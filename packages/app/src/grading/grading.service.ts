/**
 * Grading as use cases: run a scheme over an analysis, a customer's grade history and its
 * explanation, the migration between two grade runs, and manual grades (pins). Every read of
 * grades goes through the actor's customer scope: a customer out of scope is not found, and the
 * migration counts only the customers the actor may see.
 */
import {
  type CustomerGradeView,
  customerGradeHistory,
  customerGrades,
  DEFAULT_SCHEME,
  GradeError,
  type GradeHistoryEntry,
  type GradeReport,
  type GradeStage,
  gradeMigrationBetween,
  gradeRun,
  listPins as listEnginePins,
  loadSettings,
  type MigrationReport,
  type PinView,
  pinGrade as pinEngineGrade,
  requireDefinition,
  unpinGrade as unpinEngineGrade,
} from "@custra/engine";
import { visibleCustomerId } from "../access/customer-by-code.ts";
import { requireCompanyWide, requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import {
  type ExplainGradeInput,
  explainGradeSchema,
  type GradeHistoryInput,
  type GradeMigrationInput,
  gradeHistorySchema,
  gradeMigrationSchema,
  type ListPinsInput,
  listPinsSchema,
  type PinGradeInput,
  pinGradeSchema,
  type RunGradingInput,
  runGradingSchema,
  type UnpinGradeInput,
  unpinGradeSchema,
} from "./grading.schemas.ts";

/** What a caller may watch while a long use case runs (the CLI's progress bar, a job's status). */
export interface GradingHooks {
  onStage?: (stage: GradeStage) => void;
}

/** Grades every customer of an analysis run with a scheme and keeps the grade run (unless a preview). */
export async function runGrading(
  ctx: AppContext,
  input: RunGradingInput | unknown,
  hooks: GradingHooks = {},
): Promise<GradeReport> {
  const request = parseInput(runGradingSchema, input ?? {});
  requireCompanyWide(ctx.actor, "analyze");
  return gradeRun(ctx.handle, {
    ...(request.scheme === undefined ? {} : { scheme: request.scheme }),
    ...(request.schemeVersion === undefined ? {} : { schemeVersion: request.schemeVersion }),
    ...(request.analysisRunId === undefined ? {} : { analysisRunId: request.analysisRunId }),
    ...(request.preview === undefined ? {} : { preview: request.preview }),
    ...(hooks.onStage ? { onStage: hooks.onStage } : {}),
  });
}

/** The customer's grade in every grade run that graded them (of one scheme if named), oldest first. */
export async function gradeHistory(
  ctx: AppContext,
  input: GradeHistoryInput | unknown,
): Promise<{ code: string; history: GradeHistoryEntry[] }> {
  const request = parseInput(gradeHistorySchema, input);
  requirePermission(ctx.actor, "read");
  // An unknown scheme is an error naming the known ones, not an empty answer.
  if (request.scheme !== undefined) await requireDefinition(ctx.handle, "scheme", request.scheme);
  const id = await visibleCustomerId(ctx, request.code);
  const history = await customerGradeHistory(ctx.handle, id, request.scheme);
  if (history.length === 0) throw notGraded(request.code, request.scheme);
  return { code: request.code, history };
}

/** Why the customer has their grade under each scheme that graded them (or the one named). */
export async function explainGrade(
  ctx: AppContext,
  input: ExplainGradeInput | unknown,
): Promise<{ code: string; grades: CustomerGradeView[] }> {
  const request = parseInput(explainGradeSchema, input);
  requirePermission(ctx.actor, "read");
  if (request.scheme !== undefined) await requireDefinition(ctx.handle, "scheme", request.scheme);
  const id = await visibleCustomerId(ctx, request.code);
  const locale = request.locale ?? (await loadSettings(ctx.handle)).locale;
  const grades = (await customerGrades(ctx.handle, id, locale)).filter(
    (view) => request.scheme === undefined || view.scheme === request.scheme,
  );
  if (grades.length === 0) throw notGraded(request.code, request.scheme);
  return { code: request.code, grades };
}

function notGraded(code: string, scheme: string | undefined): GradeError {
  return scheme === undefined
    ? new GradeError("GRADE_NOT_GRADED", { code })
    : new GradeError("GRADE_NOT_GRADED_BY", { code, scheme });
}

/**
 * The migration input checked: its schema, and `from` and `to` named together or not at all
 * (GRADE_NEED_BOTH_RUNS). The CLI checks its flags with it before it opens the database.
 */
export function migrationRequest(input: GradeMigrationInput | unknown) {
  const request = parseInput(gradeMigrationSchema, input ?? {});
  if ((request.from === undefined) !== (request.to === undefined))
    throw new GradeError("GRADE_NEED_BOTH_RUNS");
  return request;
}

/** How the customers the actor may see moved between two grade runs of a scheme. */
export async function gradeMigration(
  ctx: AppContext,
  input: GradeMigrationInput | unknown,
): Promise<MigrationReport> {
  const request = migrationRequest(input);
  requirePermission(ctx.actor, "read");
  const key = `grades.migration ${JSON.stringify([request, ctx.actor.scope])}`;
  return cachedRead(ctx.handle, "page", key, () =>
    gradeMigrationBetween(ctx.handle, {
      ...(request.scheme === undefined ? {} : { scheme: request.scheme }),
      ...(request.from === undefined ? {} : { from: request.from }),
      ...(request.to === undefined ? {} : { to: request.to }),
      ...(request.dropLimit === undefined ? {} : { dropLimit: request.dropLimit }),
      scope: ctx.actor.scope,
    }),
  );
}

/**
 * The pin input checked: its schema, and a reason that is not blank (GRADE_PIN_NEEDS_REASON; a
 * manual grade without a why cannot be explained). The CLI checks its flags with it first.
 */
export function pinRequest(input: PinGradeInput | unknown) {
  const request = parseInput(pinGradeSchema, input);
  const reason = request.reason.trim();
  if (reason === "") throw new GradeError("GRADE_PIN_NEEDS_REASON");
  return { ...request, reason };
}

/** Pins a customer's grade under a scheme, replacing the pin in force; the next grading applies it. */
export async function pinGrade(ctx: AppContext, input: PinGradeInput | unknown): Promise<PinView> {
  const request = pinRequest(input);
  requirePermission(ctx.actor, "editSchemes");
  await visibleCustomerId(ctx, request.code);
  // A signed-in user pins as themselves; only the local operator names the author.
  const author =
    ctx.actor.userId !== null && ctx.actor.username !== null
      ? ctx.actor.username
      : (request.author ?? ctx.actor.username ?? "unknown");
  return pinEngineGrade(ctx.handle, {
    code: request.code,
    scheme: request.scheme ?? DEFAULT_SCHEME,
    grade: request.grade,
    reason: request.reason,
    author,
    ...(request.until === undefined ? {} : { until: request.until }),
  });
}

/** Removes the customer's pin under a scheme (GRADE_NO_PIN when there is none). */
export async function unpinGrade(
  ctx: AppContext,
  input: UnpinGradeInput | unknown,
): Promise<{ code: string; scheme: string; removed: true }> {
  const request = parseInput(unpinGradeSchema, input);
  requirePermission(ctx.actor, "editSchemes");
  await visibleCustomerId(ctx, request.code);
  const scheme = request.scheme ?? DEFAULT_SCHEME;
  await unpinEngineGrade(ctx.handle, request.code, scheme);
  return { code: request.code, scheme, removed: true };
}

/** The pins not removed (expired ones too, to renew them) of the customers the actor may see. */
export async function listPins(ctx: AppContext, input: ListPinsInput | unknown = {}): Promise<PinView[]> {
  const request = parseInput(listPinsSchema, input ?? {});
  requirePermission(ctx.actor, "read");
  return listEnginePins(ctx.handle, request.scheme, ctx.actor.scope);
}
