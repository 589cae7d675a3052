/**
 * The customer structure as cross-tabs (customers, revenue and predicted value per combination of
 * dimensions), counting only the customers the reader may see: totals and shares are those of
 * the reader's own customers, and a customer out of scope is in no cell.
 */
import { type StructureReport, structureBy } from "@custra/engine";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import { type StructureInput, structureSchema } from "./structure.schemas.ts";

export async function customerStructure(
  ctx: AppContext,
  input: StructureInput | unknown = {},
): Promise<StructureReport> {
  requirePermission(ctx.actor, "read");
  const { by, scheme, runId } = parseInput(structureSchema, input ?? {});
  // Kept per data version, as the customer list (read-cache.ts): the overview asks five of them.
  const key = `structure ${JSON.stringify([by, scheme, runId, ctx.actor.scope])}`;
  return cachedRead(ctx.handle, "page", key, () =>
    structureBy(ctx.handle, {
      by,
      ...(scheme === undefined ? {} : { scheme }),
      ...(runId === undefined ? {} : { analysisRunId: runId }),
      scope: ctx.actor.scope,
    }),
  );
}
