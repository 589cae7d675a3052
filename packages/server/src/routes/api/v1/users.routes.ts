import {
  addUser,
  addUserSchema,
  changePassword,
  changePasswordSchema,
  deactivateUser,
  listUsers,
  reactivateUser,
  showUser,
  unlockUser,
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
  search: z.string().trim().min(1).max(200).optional().describe("A part of the username, name or email"),
});

/** Users (manageUsers): list, read, add, change, deactivate and reactivate, unlock, set a password. */
export async function usersRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The users, by department (and those below it), role, active, or a search",
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
        summary: "Add a user (manageUsers); without a password they cannot sign in until one is set",
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
        response: { 200: userSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => deactivateUser({ handle, actor: request.actor! }, { userId: request.params.userId }),
  );

  typed.post(
    "/:userId/reactivate",
    {
      schema: {
        tags,
        summary: "Reactivate a user: they sign in again with the password they had (manageUsers)",
        params: userParams,
        response: { 200: userSchema, ...commonProblems },
      },
    },
    async (request) => reactivateUser({ handle, actor: request.actor! }, { userId: request.params.userId }),
  );

  typed.post(
    "/:userId/unlock",
    {
      schema: {
        tags,
        summary: "Lift the lock failed sign-ins put on a user (manageUsers)",
        params: userParams,
        response: { 200: userSchema, ...commonProblems },
      },
    },
    async (request) => unlockUser({ handle, actor: request.actor! }, { userId: request.params.userId }),
  );

  typed.post(
    "/:userId/password",
    {
      schema: {
        tags,
        summary: "Set another user's password: their sessions end and a lock is lifted (manageUsers)",
        params: userParams,
        body: changePasswordSchema.pick({ newPassword: true }),
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      await changePassword(
        { handle, actor: request.actor! },
        { userId: request.params.userId, newPassword: request.body.newPassword },
      );
      return reply.code(204).send(null);
    },
  );
}
