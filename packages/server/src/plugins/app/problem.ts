import { AppError, outcomeOf, ServerError } from "@custra/app/errors";
import {
  isGradingError,
  isSettingsError,
  isStrategyError,
  type Locale,
  issueText as settingsIssueText,
} from "@custra/core";
import {
  CustraError,
  errorText,
  issueAsText,
  renderText,
  type TextParams,
  zodIssueTexts,
} from "@custra/core/errors";
import { isDbError } from "@custra/db";
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { z } from "zod";

/** An error answer (RFC 9457 `application/problem+json`), its texts in the reader's language. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly params: TextParams;
  /** The request's id, as in the log and the x-request-id header. */
  readonly requestId: string;
}

export const PROBLEM_TYPE_BASE = "urn:custra:error:";

/** How long a client is told to wait (Retry-After) when the server is stopping: about a restart. */
const SHUTDOWN_RETRY_SECONDS = 5;

/** What a request gets that the server will not serve because it is shutting down. */
export function shuttingDown(): ServerError {
  return new ServerError("SERVER_SHUTTING_DOWN", { seconds: SHUTDOWN_RETRY_SECONDS });
}

/** The problem document for `error`, rendered for `request`. */
export function problemOf(error: CustraError, request: FastifyRequest): Problem {
  const status = outcomeOf(error.code).status;
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: renderText({ key: `server.status.${status}` }, request.locale),
    status,
    detail: errorText(error, request.locale),
    code: error.code,
    params: error.params,
    requestId: request.id,
  };
}

/** Sends `error` as a problem document; `extensions` are further members (RFC 9457 §3.2), e.g. a file's row problems. */
export function sendProblem(
  reply: FastifyReply,
  error: CustraError,
  extensions: Readonly<Record<string, unknown>> = {},
): FastifyReply {
  const problem = { ...extensions, ...problemOf(error, reply.request) };
  if (error.code === "SERVER_SHUTTING_DOWN") reply.header("retry-after", String(error.params.seconds));
  return reply.code(problem.status).type("application/problem+json; charset=utf-8").send(problem);
}

/**
 * Every error becomes a problem document: custra's own with their code's status; Fastify's
 * (bad JSON, too large, wrong content type, validation) as the matching custra code; anything
 * else as SERVER_INTERNAL, logged with its stack and answered without it. The process never goes
 * down on a request.
 */
export const problemPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const known = asCustraError(error, request);
      if (known.code === "SERVER_INTERNAL") request.log.error({ err: error }, "request failed");
      else request.log.info({ code: known.code }, "request refused");
      // A body refused before it was read whole (over a limit) would otherwise be read to its end
      // on a kept-alive connection: closing it after the answer stops the client sending.
      if (!request.raw.complete) reply.header("connection", "close");
      return sendProblem(reply, known, documentIssues(known, request.locale));
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        new ServerError("SERVER_ROUTE_NOT_FOUND", { method: request.method, path: pathOf(request) }),
      ),
    );
  },
  { name: "custra-problem", dependencies: ["custra-locale"] },
);

/**
 * An invalid scheme's, playbook's or settings change's problems one by one, each with its path (a
 * setting's key) and its text in the reader's language (the `issues` extension), so that an editor
 * can show each beside its field; `detail` has them all in one sentence.
 */
function documentIssues(
  error: CustraError,
  locale: Locale,
): { issues?: { path: string; problem: string }[] } {
  if (isSettingsError(error))
    return {
      issues: error.issues.map((issue) => ({
        path: issue.params.key ?? "",
        problem: renderText(settingsIssueText(issue), locale),
      })),
    };
  if (!(isGradingError(error) || isStrategyError(error)) || error.issues.length === 0) return {};
  return {
    issues: error.issues.map((issue) => ({ path: issue.path, problem: renderText(issue.problem, locale) })),
  };
}

function asCustraError(error: FastifyError, request: FastifyRequest): CustraError {
  // The server closes its database only when it stops (start.ts): a request that reached it then
  // is told the server is going away, not that the database broke.
  if (isDbError(error, "DB_CLOSED")) return shuttingDown();
  if (error instanceof CustraError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const source = {
      body: request.body,
      querystring: request.query,
      params: request.params,
      headers: request.headers,
    }[where];
    const issues = error.validation.flatMap((entry) =>
      zodIssueTexts(zodIssueOf(entry, source), () => false).map((issue) =>
        issueAsText({ ...issue, path: issue.path ? `${where}.${issue.path}` : where }),
      ),
    );
    return new AppError("APP_INVALID_INPUT", { issues });
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ServerError("SERVER_INVALID_JSON", { reason: error.message });
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return new ServerError("SERVER_BODY_TOO_LARGE", { limit: request.routeOptions.bodyLimit ?? 0 });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ServerError("SERVER_UNSUPPORTED_MEDIA_TYPE", {
        type: request.headers["content-type"] ?? "",
      });
  }
  if (error.code === "FST_CSRF_MISSING_SECRET" || error.code === "FST_CSRF_INVALID_TOKEN")
    return new ServerError("SERVER_CSRF_REJECTED");
  if (error.statusCode === 429)
    return new ServerError("SERVER_TOO_MANY_REQUESTS", { seconds: retryAfter(error) });
  return new ServerError("SERVER_INTERNAL", { requestId: request.id }, { cause: error });
}

/**
 * The zod issue fastify-type-provider-zod took apart into a validation entry, with the value it
 * was about taken from `source` (zod leaves it out, and a missing value reads "is required").
 */
function zodIssueOf(entry: FastifySchemaValidationError, source: unknown): z.core.$ZodIssue {
  const path = entry.instancePath
    .split("/")
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  let input: unknown = source;
  for (const part of path)
    input =
      typeof input === "object" && input !== null ? (input as Record<PropertyKey, unknown>)[part] : undefined;
  return {
    ...entry.params,
    code: entry.keyword,
    path,
    input,
    message: entry.message ?? "",
  } as unknown as z.core.$ZodIssue;
}

function retryAfter(error: FastifyError): number {
  const ttl = (error as { ttl?: number }).ttl;
  return typeof ttl === "number" ? Math.ceil(ttl / 1000) : 60;
}

/** The request's path without its query string, which may hold a searched phone number. */
export function pathOf(request: FastifyRequest): string {
  const url = request.raw.url ?? request.url;
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}
