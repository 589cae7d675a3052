/**
 * The company's settings: anyone who may read sees them; changing or resetting them is an
 * administrator's (`manageUsers`). Validation is the core's: one bad value changes nothing, and
 * the SettingsError lists every problem as Text.
 */
import { resetSettings, type SettingsView, showSettings, updateSettings } from "@custra/engine";
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
  return updateSettings(ctx.handle, changes);
}

export async function resetCompanySettings(
  ctx: AppContext,
  input: ResetSettingsInput | unknown,
): Promise<SettingsView> {
  requirePermission(ctx.actor, "manageUsers");
  const { keys } = parseInput(resetSettingsSchema, input);
  return resetSettings(ctx.handle, keys);
}
