import {
  resetCompanySettings,
  resetSettingsSchema,
  showCompanySettings,
  updateCompanySettings,
  updateSettingsSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { commonProblems } from "./schemas.ts";
import { invalidSettingsSchema, settingsViewSchema } from "./settings.schemas.ts";

/** The company's settings: shown to readers, changed and reset by admins (manageUsers), each change audited. */
export async function settingsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["settings"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The company settings",
        response: { 200: settingsViewSchema, ...commonProblems },
      },
    },
    async (request) => showCompanySettings({ handle, actor: request.actor! }),
  );

  typed.patch(
    "/",
    {
      schema: {
        tags,
        summary: "Change settings (one bad value changes nothing)",
        body: updateSettingsSchema,
        response: { 200: settingsViewSchema, ...commonProblems, 400: invalidSettingsSchema },
      },
    },
    async (request) => updateCompanySettings({ handle, actor: request.actor! }, request.body),
  );

  typed.post(
    "/reset",
    {
      schema: {
        tags,
        summary: "Put settings back to their defaults",
        body: resetSettingsSchema,
        response: { 200: settingsViewSchema, ...commonProblems, 400: invalidSettingsSchema },
      },
    },
    async (request) => resetCompanySettings({ handle, actor: request.actor! }, request.body),
  );
}
