/** The audit log for admins (viewAudit): entries with filters, and the check of the hash chain. */

import type { Text } from "@custra/core/errors";
import {
  type AuditRecord,
  type AuditVerification,
  queryAudit,
  verifyAuditChain as verifyChain,
} from "@custra/db";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { auditQuerySchema } from "./access.schemas.ts";
import { requirePermission } from "./permissions.ts";

export async function listAuditEntries(ctx: AppContext, input: unknown = {}): Promise<AuditRecord[]> {
  requirePermission(ctx.actor, "viewAudit");
  const filter = parseInput(auditQuerySchema, input);
  return queryAudit(ctx.handle.db, {
    ...filter,
    from: filter.from === undefined ? undefined : new Date(filter.from),
    to: filter.to === undefined ? undefined : new Date(filter.to),
  });
}

export interface AuditChainReport extends AuditVerification {
  /** What is wrong, for a reader; absent when the chain holds. */
  readonly problemText?: Text;
}

/** Checks every entry's hash and link: an edited, removed or truncated entry is named. */
export async function verifyAuditChain(ctx: AppContext): Promise<AuditChainReport> {
  requirePermission(ctx.actor, "viewAudit");
  const result = await verifyChain(ctx.handle.db);
  if (!result.problem) return result;
  return {
    ...result,
    problemText: { key: `access.audit.${result.problem.kind}`, params: { id: result.problem.id } },
  };
}
