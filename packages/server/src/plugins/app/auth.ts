import { AccessError, type Actor, signedInActor } from "@custra/app";
import { parseLocale } from "@custra/core/i18n";
import type { DbHandle } from "@custra/db";
import csrf from "@fastify/csrf-protection";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { ServerConfig } from "../../config.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the request acts as; null before sign-in (only public routes run then). */
    actor: Actor | null;
    /** The session id from the cookie, when the request is signed in by a session (not a token). */
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** The route answers without sign-in (health, sign-in itself, the API docs). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = "custra_session";
const CSRF_COOKIE = "custra_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Sign-in for every route under /api/v1: a session cookie (the web) or an API token
 * (`Authorization: Bearer …`, scripts and BI tools), resolved to the Actor every use case takes.
 * Requests without valid credentials get ACCESS_NOT_SIGNED_IN (401) unless the route is public.
 * A state-changing request signed in by cookie must carry the session's CSRF token in
 * `x-csrf-token` (a browser sends cookies to any site's forms; it never sends this header).
 * Tokens need no CSRF token: nothing sends them on its own.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, { handle, config }: { handle: DbHandle; config: ServerConfig }) => {
    await app.register(csrf, {
      cookieKey: CSRF_COOKIE,
      cookieOpts: { path: "/", sameSite: "lax", httpOnly: true, secure: secureCookies(config), signed: true },
      getToken: (request) => header(request, "x-csrf-token"),
      // Binds each token to its session, so a token of one session is worthless in another.
      getUserInfo: (request) => request.sessionId ?? "",
      csrfOpts: { hmacKey: config.sessionSecret },
    });
    app.decorateRequest("actor", null);
    app.decorateRequest("sessionId", null);

    app.addHook("onRequest", async (request, reply) => {
      if (!request.url.startsWith("/api/v1/")) return;
      await signIn(request, handle);
      const isPublic = request.routeOptions.config?.public === true;
      if (!request.actor && !isPublic) throw new AccessError("ACCESS_NOT_SIGNED_IN");
      const changes = !SAFE_METHODS.has(request.method);
      if (request.sessionId && changes && !isPublic && !csrfPasses(app, request, reply)) return reply;
    });
  },
  { name: "custra-auth", dependencies: ["custra-security", "custra-locale"] },
);

async function signIn(request: FastifyRequest, handle: DbHandle): Promise<void> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(request, "authorization") ?? "")?.[1];
  const sessionId = request.cookies[SESSION_COOKIE];
  const credentials = bearer ? { token: bearer } : sessionId ? { sessionId } : undefined;
  if (!credentials) return;
  try {
    request.actor = await signedInActor({ handle }, credentials, { client: clientOf(request) });
    if (!bearer) request.sessionId = sessionId ?? null;
    if (request.actor.locale) request.locale = parseLocale(request.actor.locale);
  } catch (error) {
    // Unknown, expired or revoked credentials are the same as none: a public route still answers.
    if (!(error instanceof AccessError && error.code === "ACCESS_NOT_SIGNED_IN")) throw error;
  }
}

/**
 * Whether the request carries its session's CSRF token. The plugin's check is synchronous: it
 * calls `next` when the token is right, and otherwise answers the request with its own error
 * (FST_CSRF_*, which the problem handler turns into SERVER_CSRF_REJECTED).
 */
function csrfPasses(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  let passed = false;
  app.csrfProtection.call(app, request, reply, () => {
    passed = true;
  });
  return passed;
}

/** The CSRF token of the request's session (after sign-in: of the new session). */
export async function csrfTokenFor(reply: FastifyReply, sessionId: string): Promise<string> {
  return reply.generateCsrf({ userInfo: sessionId });
}

/** Cookies are Secure when users reach the server over https. */
export function secureCookies(config: ServerConfig): boolean {
  return config.publicUrl?.protocol === "https:";
}

export function clientOf(request: FastifyRequest): { ip: string; userAgent?: string } {
  const userAgent = header(request, "user-agent");
  return { ip: request.ip, ...(userAgent ? { userAgent } : {}) };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
