import {
  actorFor,
  changePassword,
  changePasswordSchema,
  currentUser,
  secretHash,
  signIn,
  signInSchema,
  signOut,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { clientOf, csrfTokenFor, SESSION_COOKIE, secureCookies } from "../../../plugins/app/auth.ts";
import { commonProblems, currentUserSchema, problemSchema } from "./schemas.ts";

const sessionSchema = z.object({
  user: currentUserSchema,
  csrfToken: z.string(),
  expiresAt: z.string().optional(),
});

/** Sign-in attempts per client address and minute, on top of the per-account lockout. */
const LOGIN_RATE = { max: 10, timeWindow: "1 minute" } as const;

/** Signing in and out, who am I, and one's own password. */
export async function authRoutes(
  app: FastifyInstance,
  { handle, config }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const setSession = (reply: FastifyReply, sessionId: string, expiresAt: string) =>
    reply.setCookie(SESSION_COOKIE, sessionId, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies(config),
      expires: new Date(expiresAt),
    });

  typed.post(
    "/login",
    {
      config: { public: true, rateLimit: LOGIN_RATE },
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password; sets the session cookie",
        body: signInSchema.omit({ previousSessionId: true }),
        response: {
          200: sessionSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          423: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      // The session the client came with (if any) ends here: a session id never survives a sign-in.
      const previous = request.cookies[SESSION_COOKIE];
      const session = await signIn(
        { handle },
        { ...request.body, ...(previous ? { previousSessionId: previous } : {}) },
        { client: clientOf(request) },
      );
      setSession(reply, session.sessionId, session.expiresAt);
      request.sessionId = session.sessionId;
      const actor = await actorFor(handle, session.userId);
      return {
        user: await currentUser({ handle, actor }),
        csrfToken: await csrfTokenFor(reply, session.sessionId),
        expiresAt: session.expiresAt,
      };
    },
  );

  typed.get(
    "/session",
    {
      schema: {
        tags: ["auth"],
        summary: "Who is signed in, and the CSRF token for state-changing requests",
        response: { 200: sessionSchema, ...commonProblems },
      },
    },
    async (request, reply) => ({
      user: await currentUser({ handle, actor: request.actor! }),
      csrfToken: request.sessionId ? await csrfTokenFor(reply, request.sessionId) : "",
    }),
  );

  typed.post(
    "/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign out: the session ends",
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      if (request.sessionId) await signOut({ handle }, { sessionId: request.sessionId });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  typed.post(
    "/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Change one's own password (other sessions end)",
        body: changePasswordSchema.omit({ userId: true }),
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      const keep = request.sessionId ? { keepSessionHash: secretHash(request.sessionId) } : {};
      await changePassword({ handle, actor: request.actor! }, request.body, keep);
      return reply.code(204).send(null);
    },
  );
}
