import { ALL_CUSTOMERS, type CustomerScope } from "@custra/db";

/**
 * What a role allows (DESIGN.md §8). A use case names the action it needs; reading a customer
 * also needs the customer to be in the actor's data scope.
 */
export const PERMISSIONS = [
  "read",
  "create",
  "edit",
  "delete",
  "export",
  "import",
  "reassign",
  "analyze",
  "editSchemes",
  "manageProducts",
  "manageUsers",
  "viewAudit",
  "erase",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** How a personal field reaches a reader: as it is, masked (138****5678), or not at all. */
export type FieldVisibility = "show" | "mask" | "hide";

/** Per role, separately in lists and in the detail view. */
export interface PersonalFieldRights {
  readonly list: FieldVisibility;
  readonly detail: FieldVisibility;
}

/** Who runs a use case: every use case takes one and checks it. */
export interface Actor {
  /** The user's id; null for the local operator of the CLI. */
  readonly userId: number | null;
  /** The user name (customers.owner and tasks.owner hold it); null for the local operator. */
  readonly username: string | null;
  /** The role's code (admin, manager, sales, analyst, or one an admin made). */
  readonly role: string;
  readonly permissions: ReadonlySet<Permission>;
  /** The customers this actor may see. */
  readonly scope: CustomerScope;
  readonly personalFields: PersonalFieldRights;
  /** The user's language (zh-CN, en), when they chose one: the server renders in it unless the request asks otherwise. */
  readonly locale?: string | null;
}

/**
 * The CLI's actor. Whoever can open the database file (or holds the PostgreSQL credentials) can
 * read and change everything in it anyway, so the command line acts with every right; the
 * server's users act through their roles.
 */
export const LOCAL_OPERATOR: Actor = {
  userId: null,
  username: null,
  role: "admin",
  permissions: new Set(PERMISSIONS),
  scope: ALL_CUSTOMERS,
  personalFields: { list: "show", detail: "show" },
};
