import { addUser, LOCAL_OPERATOR } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";

export const TEST_PASSWORD = "correct horse battery";

/** What a signed-in test request sends: its session cookie and CSRF token. */
export interface SignedIn {
  readonly userId: number;
  readonly username: string;
  readonly headers: { readonly cookie: string; readonly "x-csrf-token": string };
}

let clients = 0;

/**
 * Adds a user (role, optional department and manager) and signs them in through the real login
 * route, from an address of their own (so sign-in rate limits never meet across tests).
 */
export async function signedInAs(
  app: FastifyInstance,
  handle: DbHandle,
  user: {
    email: string;
    role: string;
    name?: string;
    department?: number | string;
    managerId?: number;
    username?: string;
  },
): Promise<SignedIn> {
  const added = await addUser(
    { handle, actor: LOCAL_OPERATOR },
    {
      email: user.email,
      name: user.name ?? user.email,
      role: user.role,
      password: TEST_PASSWORD,
      ...(user.department === undefined ? {} : { department: user.department }),
      ...(user.managerId === undefined ? {} : { managerId: user.managerId }),
      ...(user.username === undefined ? {} : { username: user.username }),
    },
  );
  clients++;
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: user.email, password: TEST_PASSWORD },
    remoteAddress: `10.9.${clients >> 8}.${clients & 255}`,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${user.email} failed: ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return {
    userId: added.id,
    username: added.username,
    headers: { cookie, "x-csrf-token": (response.json() as { csrfToken: string }).csrfToken },
  };
}

/** The four ready-made roles. */
export const READY_MADE_ROLES = ["admin", "manager", "sales", "analyst"] as const;
export type ReadyMadeRole = (typeof READY_MADE_ROLES)[number];

/** One signed-in user per ready-made role, `<role>@example.com`, in no department. */
export async function signedInPerRole(
  app: FastifyInstance,
  handle: DbHandle,
): Promise<Record<ReadyMadeRole, SignedIn>> {
  const as: Partial<Record<ReadyMadeRole, SignedIn>> = {};
  for (const role of READY_MADE_ROLES)
    as[role] = await signedInAs(app, handle, { email: `${role}@example.com`, role });
  return as as Record<ReadyMadeRole, SignedIn>;
}
