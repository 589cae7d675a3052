/**
 * The company's settings: anyone who may read sees them; changing or resetting them is an
 * administrator's (`manageUsers`), audited with each setting's value before and after in the
 * transaction that writes it. Validation is the core's: one bad value changes nothing, and the
 * SettingsError lists every problem as Text.
 */
import {
  type OnSettingsWritten,
  resetSettings,
  type SettingsView,
  showSettings,
  updateSettings,
} from "@custra/engine";
import type { Actor } from "../access/actor.ts";
import { audit } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import {
  type ResetSettingsInput,
  resetSettingsSchema,
  type UpdateSettingsInput,
  updateSettingsSchema,
} from "./settings.schemas.ts";

export async function showCompanySettings(ctx: AppContext): Promise<SettingsView> {
  requirePermission(ctx.actor, "read");
  return showSettings(ctx.handle);
}

export async function updateCompanySettings(
  ctx: AppContext,
  input: UpdateSettingsInput | unknown,
): Promise<SettingsView> {
  requirePermission(ctx.actor, "manageUsers");
  const { changes } = parseInput(updateSettingsSchema, input);
  return updateSettings(ctx.handle, changes, audited(ctx.actor, "settings.update"));
}

export async function resetCompanySettings(
  ctx: AppContext,
  input: ResetSettingsInput | unknown,
): Promise<SettingsView> {
  requirePermission(ctx.actor, "manageUsers");
  const { keys } = parseInput(resetSettingsSchema, input);
  return resetSettings(ctx.handle, keys, audited(ctx.actor, "settings.reset"));
}

/** Writes the audit entry of a change that changed anything (saving the same values again is no change). */
function audited(actor: Actor, action: "settings.update" | "settings.reset"): OnSettingsWritten {
  return async (trx, changes) => {
    if (Object.keys(changes).length === 0) return;
    await audit(trx, actor, { action, entity: "settings", changes });
  };
}
