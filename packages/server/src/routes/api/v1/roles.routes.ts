import { createRole, createRoleSchema, listRoles, updateRole, updateRoleSchema } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { commonProblems, problemSchema } from "./schemas.ts";
import { roleViewSchema } from "./users.schemas.ts";

/** Roles: the ready-made four and those an admin adds; changes need manageUsers. */
export async function rolesRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["roles"];

  typed.get(
    "/",
    {
      schema: { tags, summary: "The roles", response: { 200: z.array(roleViewSchema), ...commonProblems } },
    },
    async (request) => listRoles({ handle, actor: request.actor! }),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "Add a role (manageUsers)",
        body: createRoleSchema,
        response: { 201: roleViewSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRole({ handle, actor: request.actor! }, request.body)),
  );

  typed.patch(
    "/:code",
    {
      schema: {
        tags,
        summary:
          "Change a role's permissions, data scope, personal-field rights, or (a role an admin added) its names (manageUsers)",
        params: z.strictObject({ code: z.string().min(1).max(50) }),
        body: updateRoleSchema.omit({ code: true }),
        response: { 200: roleViewSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      updateRole({ handle, actor: request.actor! }, { ...request.body, code: request.params.code }),
  );
}
