import { text } from "@custra/core/errors";
import { AppError } from "../errors/app-error.ts";
import type { Actor, Permission } from "./actor.ts";

/** Throws APP_FORBIDDEN unless the actor's role allows `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw forbidden(permission);
}

/** APP_FORBIDDEN for `permission`: its code for programs, its name for the reader. */
export function forbidden(permission: Permission): AppError {
  return new AppError("APP_FORBIDDEN", { permission, permissionName: text(`app.permission.${permission}`) });
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/**
 * The company-wide runs (analysis, grading, tasks for the day, the daily pipeline, a backtest)
 * read and write every customer, and their reports count them all: customers per grade, revenue
 * per grade, how many were analysed. A reader of part of the customers would learn from such a
 * report how many the others are and what they are worth, and a run over part of the customers
 * is not a thing custra does (a run is the company's). So they need `permission` and the "all"
 * data scope; a limited actor is refused (APP_FORBIDDEN) before anything runs.
 */
export function requireCompanyWide(actor: Actor, permission: Permission): void {
  requirePermission(actor, permission);
  if (actor.scope.kind !== "all") throw forbidden(permission);
}
