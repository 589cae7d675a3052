import { AppError } from "../errors/app-error.ts";
import type { Actor, Permission } from "./actor.ts";

/** Throws APP_FORBIDDEN unless the actor's role allows `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AppError("APP_FORBIDDEN", { permission });
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
