import { AppError } from "../errors/app-error.ts";
import type { Actor, Permission } from "./actor.ts";

/** Refuses (APP_FORBIDDEN) unless the actor's role gives `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AppError("APP_FORBIDDEN", { permission });
}
