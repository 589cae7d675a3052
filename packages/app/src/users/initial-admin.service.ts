import { randomBytes } from "node:crypto";
import { findUserByEmail, insertUser } from "@custra/db";
import { audit } from "../access/audit.ts";
import { hashPassword } from "../access/passwords.ts";
import type { AppContext } from "../context.ts";

export interface InitialAdmin {
  readonly email: string;
  /** Shown once, at first start: the operator signs in with it and changes it. */
  readonly password: string;
}

/**
 * The first administrator of an empty installation: when no admin can sign in, one is created
 * with a random one-time password, returned to be printed once. Run at start-up, not on a request
 * path. Returns null when an admin who can sign in exists already (or `email` is taken).
 */
export async function ensureInitialAdmin(
  ctx: Pick<AppContext, "handle">,
  email = "admin@localhost",
): Promise<InitialAdmin | null> {
  const { db } = ctx.handle;
  const admins = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("role", "=", "admin")
    .where("password_hash", "is not", null)
    .where("deactivated_at", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(admins.n) > 0 || (await findUserByEmail(db, email))) return null;
  const password = randomBytes(15).toString("base64url");
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username: email,
      display_name: "Administrator",
      email,
      role: "admin",
      password_hash: passwordHash,
      password_changed_at: new Date(),
    });
    await audit(
      trx,
      { userId: null, username: null },
      { action: "user.create_initial_admin", entity: "user", entityId: id },
    );
  });
  return { email, password };
}
