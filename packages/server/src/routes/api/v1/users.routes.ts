import {
  addUser,
  addUserSchema,
  deactivateUser,
  listUsers,
  showUser,
  updateUser,
  updateUserSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { commonProblems, problemSchema, userSchema } from "./schemas.ts";

const userParams = z.strictObject({ userId: z.coerce.number().int().positive() });
const listQuery = z.strictObject({
  departmentId: z.coerce.number().int().positive().optional(),
  role: z.string().max(50).optional(),
  active: z.stringbool().optional(),
});

/** Users (manageUsers): list, read, add, change, deactivate. */
export async function usersRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The users, by department, role or active",
        querystring: listQuery,
        response: { 200: z.array(userSchema), ...commonProblems },
      },
    },
    async (request) => listUsers({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:userId",
    {
      schema: {
        tags,
        summary: "One user",
        params: userParams,
        response: { 200: userSchema, ...commonProblems },
      },
    },
    async (request) => showUser({ handle, actor: request.actor! }, request.params),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "Add a user (manageUsers)",
        body: addUserSchema,
        response: { 201: userSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addUser({ handle, actor: request.actor! }, request.body)),
  );

  typed.patch(
    "/:userId",
    {
      schema: {
        tags,
        summary: "Change a user's name, email, role, department, manager or language (manageUsers)",
        params: userParams,
        body: updateUserSchema.omit({ userId: true }),
        response: { 200: userSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      updateUser({ handle, actor: request.actor! }, { ...request.body, userId: request.params.userId }),
  );

  typed.post(
    "/:userId/deactivate",
    {
      schema: {
        tags,
        summary: "Deactivate a user: they can no longer sign in, their sessions end (manageUsers)",
        params: userParams,
        response: { 200: userSchema, ...commonProblems },
      },
    },
    async (request) => deactivateUser({ handle, actor: request.actor! }, { userId: request.params.userId }),
  );
}
