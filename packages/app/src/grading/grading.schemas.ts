import { LOCALES } from "@custra/core";
import { z } from "zod";

const name = z.string().min(1).max(64);
const id = z.number().int().positive();
const code = z.string().min(1).max(200);
const day = z.iso.date();

/** Grade the customers of an analysis run (the latest unless named) with a scheme (value unless named). */
export const runGradingSchema = z.strictObject({
  scheme: name.optional(),
  schemeVersion: id.optional(),
  analysisRunId: id.optional(),
  /** Report the distribution, save nothing. */
  preview: z.boolean().optional(),
});
export type RunGradingInput = z.input<typeof runGradingSchema>;

/** A customer's grades over time, of every scheme or of one. */
export const gradeHistorySchema = z.strictObject({ code, scheme: name.optional() });
export type GradeHistoryInput = z.input<typeof gradeHistorySchema>;

/**
 * Why a customer has their grade: under every scheme that graded them, or one; the schemes' own
 * texts (title, grade labels, rule reasons) in `locale`, the company's language setting unless given.
 */
export const explainGradeSchema = z.strictObject({
  code,
  scheme: name.optional(),
  locale: z.enum(LOCALES).optional(),
});
export type ExplainGradeInput = z.input<typeof explainGradeSchema>;

/**
 * How customers moved between two grade runs of a scheme: the scheme's last two, or `from` and
 * `to` (both, or neither).
 */
export const gradeMigrationSchema = z.strictObject({
  scheme: name.optional(),
  from: id.optional(),
  to: id.optional(),
  /** How many fallen customers to name, most revenue first (default 100). */
  dropLimit: z.number().int().min(0).max(10_000).optional(),
});
export type GradeMigrationInput = z.input<typeof gradeMigrationSchema>;

/** A manual grade that beats the score until `until` (or until removed); the reason is required. */
export const pinGradeSchema = z.strictObject({
  code,
  scheme: name.optional(),
  grade: z.string().min(1).max(64),
  reason: z.string().max(2000),
  until: day.optional(),
  /** Who pins it, for the local operator (the CLI's --author); a signed-in user pins as themselves. */
  author: z.string().min(1).max(200).optional(),
});
export type PinGradeInput = z.input<typeof pinGradeSchema>;

export const unpinGradeSchema = z.strictObject({ code, scheme: name.optional() });
export type UnpinGradeInput = z.input<typeof unpinGradeSchema>;

export const listPinsSchema = z.strictObject({ scheme: name.optional() });
export type ListPinsInput = z.input<typeof listPinsSchema>;

/** The grade runs (of one scheme, or of every scheme), newest first, a page at a time. */
export const listGradeRunsSchema = z.strictObject({
  scheme: name.optional(),
  /** The `nextCursor` of the previous page (the id of its last run). */
  cursor: id.optional(),
  /** How many per page (default 20, at most 200). */
  limit: z.number().int().min(1).max(200).default(20),
});
export type ListGradeRunsInput = z.input<typeof listGradeRunsSchema>;

export const gradeRunIdSchema = z.strictObject({ id });
export type GradeRunIdInput = z.input<typeof gradeRunIdSchema>;
