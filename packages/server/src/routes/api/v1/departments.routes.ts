import {
  createDepartment,
  deleteDepartment,
  departmentSchema,
  listDepartments,
  updateDepartment,
  updateDepartmentSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { commonProblems, problemSchema } from "./schemas.ts";
import { departmentViewSchema } from "./users.schemas.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

/** The department tree: anyone signed in lists it; changes need manageUsers. */
export async function departmentsRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["departments"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The departments",
        response: { 200: z.array(departmentViewSchema), ...commonProblems },
      },
    },
    async (request) => listDepartments({ handle, actor: request.actor! }),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "Add a department (manageUsers)",
        body: departmentSchema,
        response: { 201: departmentViewSchema, ...commonProblems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDepartment({ handle, actor: request.actor! }, request.body)),
  );

  typed.patch(
    "/:id",
    {
      schema: {
        tags,
        summary: "Rename or move a department (manageUsers)",
        params: idParams,
        body: updateDepartmentSchema.omit({ id: true }),
        response: { 200: departmentViewSchema, ...commonProblems },
      },
    },
    async (request) =>
      updateDepartment({ handle, actor: request.actor! }, { ...request.body, id: request.params.id }),
  );

  typed.delete(
    "/:id",
    {
      schema: {
        tags,
        summary: "Remove a department no one belongs to (manageUsers)",
        params: idParams,
        response: { 204: z.null(), ...commonProblems, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await deleteDepartment({ handle, actor: request.actor! }, request.params);
      return reply.code(204).send(null);
    },
  );
}
