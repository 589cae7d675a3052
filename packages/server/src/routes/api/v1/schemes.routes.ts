import {
  activateDefinition,
  createDefinitionVersion,
  listDefinitions,
  previewScheme,
  previewSchemeSchema,
  readDefinition,
  validateDefinition,
} from "@custra/app";
import { gradingWarningText } from "@custra/core";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { commonProblems, problemSchema } from "./schemas.ts";
import {
  definitionVersionSchema,
  definitionWithVersionsSchema,
  invalidDefinitionSchema,
  schemePreviewSchema,
  storedDefinitionSchema,
  validationSchema,
} from "./schemes.schemas.ts";

const nameParams = z.object({ name: z.string().min(1).max(64) });
const documentBody = z.strictObject({
  document: z.unknown().describe("The definition (parsed YAML or JSON)"),
});
const version = z.coerce.number().int().positive();

/** The routes of one kind of definition: list, read with versions, validate, new version, activate. */
export function definitionRoutes(kind: "scheme" | "playbook") {
  return async (app: FastifyInstance, { handle }: { handle: DbHandle; config: ServerConfig }) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const tags = [kind === "scheme" ? "schemes" : "playbooks"];

    typed.get(
      "/",
      {
        schema: {
          tags,
          summary: `The version in use of every ${kind}`,
          response: { 200: z.array(storedDefinitionSchema), ...commonProblems },
        },
      },
      async (request) => listDefinitions({ handle, actor: request.actor! }, { kind }),
    );

    typed.get(
      "/:name",
      {
        schema: {
          tags,
          summary: `A ${kind} (the version in use, or ?version=) and its versions`,
          params: nameParams,
          querystring: z.strictObject({ version: version.optional() }),
          response: { 200: definitionWithVersionsSchema, ...commonProblems },
        },
      },
      async (request) =>
        readDefinition({ handle, actor: request.actor! }, { kind, ...request.params, ...request.query }),
    );

    typed.post(
      "/validate",
      {
        schema: {
          tags,
          summary: `Check a ${kind} document without storing it`,
          body: documentBody,
          response: { 200: validationSchema, ...commonProblems },
        },
      },
      async (request) => validateDefinition({ handle, actor: request.actor! }, { kind, ...request.body }),
    );

    typed.post(
      "/",
      {
        schema: {
          tags,
          summary: `Store a ${kind} document as the next version of its name (put in use)`,
          body: documentBody,
          response: {
            200: definitionVersionSchema,
            ...commonProblems,
            400: invalidDefinitionSchema,
            409: problemSchema,
          },
        },
      },
      async (request) =>
        createDefinitionVersion({ handle, actor: request.actor! }, { kind, ...request.body }),
    );

    typed.post(
      "/:name/activate",
      {
        schema: {
          tags,
          summary: `Put an earlier version of a ${kind} back in use`,
          params: nameParams,
          body: z.strictObject({ version }),
          response: { 200: definitionVersionSchema, ...commonProblems },
        },
      },
      async (request) =>
        activateDefinition({ handle, actor: request.actor! }, { kind, ...request.params, ...request.body }),
    );

    if (kind === "scheme") {
      typed.post(
        "/preview",
        {
          schema: {
            tags,
            summary:
              "How a scheme document would grade the customers of an analysis run, and whose grade it would change against the scheme's latest grade run; nothing saved",
            body: previewSchemeSchema,
            response: {
              200: schemePreviewSchema,
              ...commonProblems,
              400: invalidDefinitionSchema,
              409: problemSchema,
            },
          },
        },
        async (request) => {
          const preview = await previewScheme({ handle, actor: request.actor! }, request.body);
          const warnings = preview.warnings.map((warning) => ({
            ...warning,
            message: gradingWarningText(warning, request.locale),
          }));
          return { ...preview, warnings };
        },
      );
    }
  };
}

/** Grading schemes: list, read with versions, validate, preview, new version, activate. */
export const schemesRoutes = definitionRoutes("scheme");
