/**
 * The Actor of a signed-in user: the role's permissions and personal-field rights, and the
 * customers they may see, worked out from the role's data scope over the department tree and the
 * reporting lines. The server builds one per request from the session or API token.
 */
import { settingsFromStored } from "@custra/core";
import {
  ALL_CUSTOMERS,
  type CustomerScope,
  type DataScope,
  type DbHandle,
  departmentSubtree,
  findRole,
  findUserById,
  readCompanySettings,
  subordinateUsernames,
  type UserRow,
  usernamesInDepartments,
} from "@custra/db";
import { AccessError } from "./access-error.ts";
import { type Actor, PERMISSIONS, type Permission } from "./actor.ts";

/** Today's date ('YYYY-MM-DD') in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** Today in the company's time zone: the day a share's `until` is compared with. */
export async function companyToday(handle: DbHandle, now = new Date()): Promise<string> {
  return todayIn(settingsFromStored(await readCompanySettings(handle.db)).timeZone, now);
}

export interface ActorOptions {
  /** Today in the company's time zone (default: read from the settings). */
  readonly today?: string;
}

/**
 * The Actor for user `userId`. A user who no longer exists or is deactivated acts as no one
 * (ACCESS_NOT_SIGNED_IN): a session outliving its user's deactivation must not keep working.
 * A role that is not there gives no permission and the user's own customers only.
 */
export async function actorFor(handle: DbHandle, userId: number, options: ActorOptions = {}): Promise<Actor> {
  const user = await findUserById(handle.db, userId);
  if (!user || user.deactivated_at !== null) throw new AccessError("ACCESS_NOT_SIGNED_IN");
  const role = user.role === null ? undefined : await findRole(handle.db, user.role);
  const known = new Set<string>(PERMISSIONS);
  const permissions = new Set((role?.permissions ?? []).filter((p): p is Permission => known.has(p)));
  const today = options.today ?? (await companyToday(handle));
  return {
    userId: Number(user.id),
    username: user.username,
    role: user.role ?? "",
    permissions,
    scope: await scopeOf(handle, user, role?.dataScope ?? "own", today),
    personalFields: role?.personalFields ?? { list: "hide", detail: "hide" },
    locale: user.locale,
  };
}

async function scopeOf(
  handle: DbHandle,
  user: UserRow,
  dataScope: DataScope,
  today: string,
): Promise<CustomerScope> {
  if (dataScope === "all") return ALL_CUSTOMERS;
  const departmentId = user.department_id === null ? null : Number(user.department_id);
  const others = await OWNERS[dataScope](handle, Number(user.id), departmentId);
  return {
    kind: "limited",
    owners: [...new Set([user.username, ...others])].sort(),
    userId: Number(user.id),
    departmentId,
    today,
  };
}

/** The other users whose customers a data scope adds to the user's own. */
const OWNERS: Record<
  Exclude<DataScope, "all">,
  (handle: DbHandle, userId: number, departmentId: number | null) => Promise<string[]>
> = {
  own: async () => [],
  own_and_subordinates: (handle, userId) => subordinateUsernames(handle.db, userId),
  department: async (handle, _userId, departmentId) =>
    departmentId === null ? [] : usernamesInDepartments(handle.db, [departmentId]),
  department_tree: async (handle, _userId, departmentId) =>
    departmentId === null
      ? []
      : usernamesInDepartments(handle.db, await departmentSubtree(handle.db, departmentId)),
};
