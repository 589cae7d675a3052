/**
 * Signing in to the demo company. Its users come from the demo's users.csv (an admin, analysts,
 * a manager and sales reps per regional team) without passwords or departments; this gives each
 * team a department under one for the company, makes each team's manager the manager of its
 * reps, and gives every user without a password the demo password, so that each ready-made role
 * can be tried at once. Only for the demo: real users get their own passwords (`custra user add`).
 */
import { insertDepartment, listDepartments, updateUser } from "@custra/db";
import { audit } from "../access/audit.ts";
import { hashPassword } from "../access/passwords.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";

/** The password of every demo user (README: "Signing in to the demo"). */
export const DEMO_PASSWORD = "custra-demo";
const COMPANY_DEPARTMENT = "云帆科技";

export interface DemoSignIn {
  /** Users given the demo password now. */
  readonly users: number;
  /** The demo's sign-ins by role: the first user of each role, for the start-up message. */
  readonly examples: readonly { readonly role: string; readonly email: string }[];
}

export async function openDemoSignIn(ctx: AppContext): Promise<DemoSignIn> {
  requirePermission(ctx.actor, "manageUsers");
  const { db } = ctx.handle;
  const users = await db
    .selectFrom("users")
    .select(["id", "email", "role", "team", "password_hash", "department_id"])
    .orderBy("id")
    .execute();
  const withoutPassword = users.filter((user) => user.password_hash === null && user.email);
  if (withoutPassword.length > 0) {
    // One hash for all: the same password for every demo user, and argon2id takes 0.1 s a hash.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.transaction().execute(async (trx) => {
      const departments = new Map((await listDepartments(trx)).map((d) => [d.name, Number(d.id)]));
      const department = async (name: string, parentId: number | null) => {
        const known = departments.get(name);
        if (known !== undefined) return known;
        const id = await insertDepartment(trx, { name, parent_id: parentId });
        departments.set(name, id);
        return id;
      };
      const company = await department(COMPANY_DEPARTMENT, null);
      const managers = new Map<string, number>();
      for (const user of withoutPassword)
        if (user.role === "manager" && user.team) managers.set(user.team, Number(user.id));
      for (const user of withoutPassword) {
        const team = user.team ? await department(user.team, company) : company;
        const manager = user.role === "sales" && user.team ? managers.get(user.team) : undefined;
        await updateUser(trx, Number(user.id), {
          password_hash: passwordHash,
          password_changed_at: new Date(),
          department_id: user.department_id ?? team,
          ...(manager === undefined ? {} : { manager_id: manager }),
        });
      }
      await audit(trx, ctx.actor, {
        action: "demo.open_sign_in",
        entity: "user",
        entityId: null,
        details: { users: withoutPassword.length },
      });
    });
  }
  const examples: { role: string; email: string }[] = [];
  for (const role of ["admin", "manager", "sales", "analyst"]) {
    const user = users.find((candidate) => candidate.role === role && candidate.email);
    if (user?.email) examples.push({ role, email: user.email });
  }
  return { users: withoutPassword.length, examples };
}
