import { z } from "zod";

/** The workbench lists a view can be saved for. */
export const SAVED_VIEW_PAGES = ["customers", "tasks"] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

const page = z.enum(SAVED_VIEW_PAGES);
const name = z.string().trim().min(1).max(100);
/** The web's own document (filters, columns, sort); only its size is checked here. */
const state = z.record(z.string(), z.unknown()).refine((value) => JSON.stringify(value).length <= 20_000, {
  message: "at most 20 000 characters of JSON",
});
const id = z.number().int().positive();

export const listSavedViewsSchema = z.strictObject({ page: page.optional() });
export type ListSavedViewsInput = z.input<typeof listSavedViewsSchema>;

export const createSavedViewSchema = z.strictObject({ page, name, state });
export type CreateSavedViewInput = z.input<typeof createSavedViewSchema>;

/** A new name, a new state, or both. */
export const updateSavedViewSchema = z.strictObject({ id, name: name.optional(), state: state.optional() });
export type UpdateSavedViewInput = z.input<typeof updateSavedViewSchema>;

export const savedViewIdSchema = z.strictObject({ id });
export type SavedViewIdInput = z.input<typeof savedViewIdSchema>;
