import {
  createSavedView,
  createSavedViewSchema,
  deleteSavedView,
  listSavedViews,
  listSavedViewsSchema,
  SAVED_VIEW_PAGES,
  updateSavedView,
  updateSavedViewSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { commonProblems, problemSchema } from "./schemas.ts";

const savedViewSchema = z
  .object({
    id: z.number().int(),
    page: z.enum(SAVED_VIEW_PAGES),
    name: z.string(),
    state: z.record(z.string(), z.unknown()).describe("The workbench's filters, columns and sort"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "SavedView", description: "A user's named view of a workbench list" });

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

/** The signed-in user's saved views of workbench lists: their own only. */
export async function savedViewsRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["saved views"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The signed-in user's saved views (of one page if given), by name",
        querystring: listSavedViewsSchema,
        response: { 200: z.array(savedViewSchema), ...commonProblems },
      },
    },
    async (request) => listSavedViews({ handle, actor: request.actor! }, request.query),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "Save a view; a name the user has on that page already is 409",
        body: createSavedViewSchema,
        response: { 201: savedViewSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSavedView({ handle, actor: request.actor! }, request.body)),
  );

  typed.patch(
    "/:id",
    {
      schema: {
        tags,
        summary: "Rename a view or save its new state (another user's is 404)",
        params: idParams,
        body: updateSavedViewSchema.omit({ id: true }),
        response: { 200: savedViewSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      updateSavedView({ handle, actor: request.actor! }, { ...request.body, id: request.params.id }),
  );

  typed.delete(
    "/:id",
    {
      schema: {
        tags,
        summary: "Delete a view (another user's is 404)",
        params: idParams,
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      await deleteSavedView({ handle, actor: request.actor! }, request.params);
      return reply.code(204).send(null);
    },
  );
}
