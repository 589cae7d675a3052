import { randomUUID } from "node:crypto";
import type { DbHandle } from "@custra/db";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { ServerConfig } from "./config.ts";
import { authPlugin } from "./plugins/app/auth.ts";
import { jobsPlugin } from "./plugins/app/jobs.ts";
import { localePlugin } from "./plugins/app/locale.ts";
import { pathOf, problemPlugin } from "./plugins/app/problem.ts";
import { shutdownPlugin } from "./plugins/app/shutdown.ts";
import { docsPlugin } from "./plugins/external/docs.ts";
import { securityPlugins } from "./plugins/external/security.ts";
import { webPlugin } from "./plugins/external/web.ts";
import { analysisRunsRoutes } from "./routes/api/v1/analysis-runs.routes.ts";
import { auditRoutes } from "./routes/api/v1/audit.routes.ts";
import { authRoutes } from "./routes/api/v1/auth.routes.ts";
import { contactsRoutes } from "./routes/api/v1/contacts.routes.ts";
import { companySharesRoutes, customerSharesRoutes } from "./routes/api/v1/customer-shares.routes.ts";
import { customersRoutes } from "./routes/api/v1/customers.routes.ts";
import { departmentsRoutes } from "./routes/api/v1/departments.routes.ts";
import { exportsRoutes } from "./routes/api/v1/exports.routes.ts";
import { gradeRunsRoutes } from "./routes/api/v1/grade-runs.routes.ts";
import { gradesRoutes } from "./routes/api/v1/grades.routes.ts";
import { importProfilesRoutes, importsRoutes } from "./routes/api/v1/imports.routes.ts";
import { interactionsRoutes } from "./routes/api/v1/interactions.routes.ts";
import { invoicesRoutes } from "./routes/api/v1/invoices.routes.ts";
import { jobsRoutes } from "./routes/api/v1/jobs.routes.ts";
import { ordersRoutes } from "./routes/api/v1/orders.routes.ts";
import { paymentsRoutes } from "./routes/api/v1/payments.routes.ts";
import { personalDataRoutes } from "./routes/api/v1/personal-data.routes.ts";
import { playbooksRoutes } from "./routes/api/v1/playbooks.routes.ts";
import { productsRoutes } from "./routes/api/v1/products.routes.ts";
import { rolesRoutes } from "./routes/api/v1/roles.routes.ts";
import { savedViewsRoutes } from "./routes/api/v1/saved-views.routes.ts";
import { schemesRoutes } from "./routes/api/v1/schemes.routes.ts";
import { sessionsRoutes } from "./routes/api/v1/sessions.routes.ts";
import { settingsRoutes } from "./routes/api/v1/settings.routes.ts";
import { structureRoutes } from "./routes/api/v1/structure.routes.ts";
import { surveysRoutes } from "./routes/api/v1/surveys.routes.ts";
import { tasksRoutes } from "./routes/api/v1/tasks.routes.ts";
import { tokensRoutes } from "./routes/api/v1/tokens.routes.ts";
import { usersRoutes } from "./routes/api/v1/users.routes.ts";
import { healthRoutes } from "./routes/health.routes.ts";

export interface BuildOptions {
  readonly config: ServerConfig;
  readonly handle: DbHandle;
  /** Where the log goes (default stdout); false for none. */
  readonly log?: false | { readonly stream: NodeJS.WritableStream };
}

/**
 * The HTTP server, not yet listening (tests use `inject` on it). Laid out as in the Fastify demo
 * app: external plugins, then custra's own, then the routes laid out like their URLs.
 */
export async function buildServer({ config, handle, log }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      log === false ? false : { ...loggerOptions(config.logLevel), ...(log ? { stream: log.stream } : {}) },
    bodyLimit: config.bodyLimit,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    // Behind a proxy, the public URL says so; client addresses for rate limits come from it.
    trustProxy: config.publicUrl !== undefined,
    // The shutdown plugin answers during shutdown instead, with a problem document and Retry-After.
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(securityPlugins, { config });
  await app.register(docsPlugin);
  await app.register(localePlugin);
  await app.register(problemPlugin);
  // Before sign-in, which reads the database: a request during shutdown must not reach it.
  await app.register(shutdownPlugin);
  await app.register(authPlugin, { handle, config });
  await app.register(jobsPlugin, { handle, config });
  await app.register(healthRoutes, { handle });
  await app.register(authRoutes, { prefix: "/api/v1/auth", handle, config });
  await app.register(usersRoutes, { prefix: "/api/v1/users", handle });
  await app.register(departmentsRoutes, { prefix: "/api/v1/departments", handle });
  await app.register(rolesRoutes, { prefix: "/api/v1/roles", handle });
  await app.register(tokensRoutes, { prefix: "/api/v1/tokens", handle });
  await app.register(sessionsRoutes, { prefix: "/api/v1/sessions", handle });
  await app.register(auditRoutes, { prefix: "/api/v1/audit", handle });
  await app.register(settingsRoutes, { prefix: "/api/v1/settings", handle });
  await app.register(savedViewsRoutes, { prefix: "/api/v1/saved-views", handle });
  await app.register(customerSharesRoutes, { prefix: "/api/v1/customers", handle });
  await app.register(companySharesRoutes, { prefix: "/api/v1/customer-shares", handle });
  await app.register(personalDataRoutes, { prefix: "/api/v1/customers", handle });
  await app.register(jobsRoutes, { prefix: "/api/v1/jobs", handle });
  await app.register(analysisRunsRoutes, { prefix: "/api/v1/analysis-runs", handle });
  await app.register(importProfilesRoutes, { prefix: "/api/v1/imports/profiles", handle });
  await app.register(importsRoutes, { prefix: "/api/v1/imports", handle, config });
  await app.register(customersRoutes, { prefix: "/api/v1/customers", handle, config });
  await app.register(contactsRoutes, { prefix: "/api/v1/contacts", handle });
  await app.register(interactionsRoutes, { prefix: "/api/v1/interactions", handle });
  await app.register(surveysRoutes, { prefix: "/api/v1/surveys", handle });
  await app.register(tasksRoutes, { prefix: "/api/v1/tasks", handle, config });
  await app.register(gradesRoutes, { prefix: "/api/v1/grades", handle, config });
  await app.register(gradeRunsRoutes, { prefix: "/api/v1/grade-runs", handle });
  await app.register(schemesRoutes, { prefix: "/api/v1/schemes", handle, config });
  await app.register(playbooksRoutes, { prefix: "/api/v1/playbooks", handle, config });
  await app.register(structureRoutes, { prefix: "/api/v1/structure", handle, config });
  await app.register(exportsRoutes, { prefix: "/api/v1/exports", handle, config });
  await app.register(productsRoutes, { prefix: "/api/v1/products", handle });
  await app.register(ordersRoutes, { prefix: "/api/v1/orders", handle });
  await app.register(invoicesRoutes, { prefix: "/api/v1/invoices", handle });
  await app.register(paymentsRoutes, { prefix: "/api/v1/payments", handle });
  await app.register(webPlugin, { root: config.webRoot });
  return app;
}

/**
 * Logs with the request id, method, path and status, and nothing a user typed: no query string
 * (a search can be a phone number), no bodies, no cookies or authorization headers.
 */
function loggerOptions(level: string) {
  return {
    level,
    serializers: {
      req: (request: Parameters<typeof pathOf>[0]) => ({
        id: request.id,
        method: request.method,
        path: pathOf(request),
      }),
    },
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
  };
}
