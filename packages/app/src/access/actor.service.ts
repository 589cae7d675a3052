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
import { cachedRead } from "../read-cache.ts";
import { AccessError } from "./access-error.ts";
import { type Actor, PERMISSIONS, type Permission } from "./actor.ts";

/** Today's date ('YYYY-MM-DD') in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

// Every request asks for today; making its formatter took a fifth of a millisecond each time.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today in the company's time zone: the day a share's `until` is compared with. */
export async function companyToday(handle: DbHandle, now = new Date()): Promise<string> {
  const settings = await cachedRead(handle, "sign-in", "company settings", async () =>
    settingsFromStored(await readCompanySettings(handle.read)),
  );
  return todayIn(settings.timeZone, now);
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
  const today = options.today ?? (await companyToday(handle));
  // Every request works its actor out: kept until users, roles or departments change.
  return cachedRead(handle, "sign-in", `actor ${userId} ${today}`, () =>
    readActor(handle.read, userId, today),
  );
}

type Db = DbHandle["read"];

async function readActor(db: Db, userId: number, today: string): Promise<Actor> {
  const user = await findUserById(db, userId);
  if (!user || user.deactivated_at !== null) throw new AccessError("ACCESS_NOT_SIGNED_IN");
  const role = user.role === null ? undefined : await findRole(db, user.role);
  const known = new Set<string>(PERMISSIONS);
  const permissions = new Set((role?.permissions ?? []).filter((p): p is Permission => known.has(p)));
  return {
    userId: Number(user.id),
    username: user.username,
    role: user.role ?? "",
    permissions,
    scope: await scopeOf(db, user, role?.dataScope ?? "own", today),
    personalFields: role?.personalFields ?? { list: "hide", detail: "hide" },
    locale: user.locale,
  };
}

async function scopeOf(db: Db, user: UserRow, dataScope: DataScope, today: string): Promise<CustomerScope> {
  if (dataScope === "all") return ALL_CUSTOMERS;
  const departmentId = user.department_id === null ? null : Number(user.department_id);
  const others = await OWNERS[dataScope](db, Number(user.id), departmentId);
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
  (db: Db, userId: number, departmentId: number | null) => Promise<string[]>
> = {
  own: async () => [],
  own_and_subordinates: (db, userId) => subordinateUsernames(db, userId),
  department: async (db, _userId, departmentId) =>
    departmentId === null ? [] : usernamesInDepartments(db, [departmentId]),
  department_tree: async (db, _userId, departmentId) =>
    departmentId === null ? [] : usernamesInDepartments(db, await departmentSubtree(db, departmentId)),
};
