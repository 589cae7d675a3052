import { z } from "zod";
import { passwordField } from "./passwords.ts";

export const signInSchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: passwordField,
  /** The session the client had before signing in: revoked, so that a session id is never reused across sign-ins. */
  previousSessionId: z.string().max(200).optional(),
});
export type SignInInput = z.input<typeof signInSchema>;

export const sessionIdSchema = z.strictObject({ sessionId: z.string().min(1).max(200) });
export type SessionIdInput = z.input<typeof sessionIdSchema>;

export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Another user's token (manageUsers); default the actor's own. */
  userId: z.number().int().positive().optional(),
  /** The last day the token works; none: until revoked. */
  expiresOn: z.iso.date().optional(),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenSchema = z.strictObject({ token: z.string().min(1).max(200) });
export const tokenIdSchema = z.strictObject({ id: z.number().int().positive() });
export const listTokensSchema = z.strictObject({
  userId: z.number().int().positive().optional(),
  /** Every user's tokens (manageUsers), for an administrator reviewing what can reach the API. */
  all: z.boolean().optional(),
});
export const userSessionsSchema = z.strictObject({ userId: z.number().int().positive().optional() });

/** One session, by the id a session list shows (the first 16 hex characters of its hash). */
export const endSessionSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
});
export type EndSessionInput = z.input<typeof endSessionSchema>;
