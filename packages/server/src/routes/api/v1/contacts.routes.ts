import {
  createContact,
  createContactSchema,
  listContacts,
  listContactsSchema,
  readContact,
  updateContact,
  updateContactSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { contactPageSchema, contactRecordSchema } from "./relations.schemas.ts";
import { commonProblems } from "./schemas.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().min(1) });
const listQuery = listContactsSchema.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** Contacts of the customers in scope: list, read one, create, change (create/edit and write access). */
export async function contactsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["contacts"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "Contacts of the customers in scope, phone and email as the reader's list rights allow",
        querystring: listQuery,
        response: { 200: contactPageSchema, ...commonProblems },
      },
    },
    async (request) => listContacts({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:id",
    {
      schema: {
        tags,
        summary:
          "One contact, as the reader's detail rights allow (unmasked views audited; 404 out of scope)",
        params: idParams,
        response: { 200: contactRecordSchema, ...commonProblems },
      },
    },
    async (request) => readContact({ handle, actor: request.actor! }, request.params),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "A new contact of a customer the reader may change (404 otherwise), audited",
        body: createContactSchema,
        response: { 201: contactRecordSchema, ...commonProblems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createContact({ handle, actor: request.actor! }, request.body)),
  );

  typed.patch(
    "/:id",
    {
      schema: {
        tags,
        summary: "Change a contact's fields (null clears one), audited before and after",
        params: idParams,
        body: updateContactSchema.omit({ id: true }),
        response: { 200: contactRecordSchema, ...commonProblems },
      },
    },
    async (request) =>
      updateContact({ handle, actor: request.actor! }, { ...request.body, id: request.params.id }),
  );
}
