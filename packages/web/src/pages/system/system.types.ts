/**
 * What the system pages read from the API (packages/server's response schemas: jobs.schemas.ts,
 * access.schemas.ts, settings.schemas.ts; the OpenAPI document at /api/docs is the reference).
 */

export type SettingKey =
  | "companyName"
  | "currency"
  | "locale"
  | "timeZone"
  | "fiscalYearStart"
  | "businessModel";

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

/** A background job as GET /jobs/{id} answers it. */
export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly status: JobStatus;
  readonly progress: { readonly stage: string; readonly done?: number; readonly total?: number } | null;
  /** The pipeline's report once succeeded; null for a reader who does not see every customer. */
  readonly result: PipelineResult | null;
  readonly error: { readonly code: string; readonly detail?: string } | null;
  readonly requestedBy: number | null;
  readonly trigger: "manual" | "schedule";
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** The parts of the daily pipeline's report the schedule page shows. */
export interface PipelineResult {
  readonly analysis: { readonly asOf: string; readonly customers: number; readonly buyers: number };
  readonly grading: readonly {
    readonly scheme: { readonly name: string; readonly version: number };
    readonly customers: number;
  }[];
  readonly tasks: { readonly created: number; readonly candidates: number };
}

/** GET /jobs/schedule. */
export interface PipelineSchedule {
  readonly pattern: string | null;
  readonly timeZone: string | null;
  readonly timeZoneFrom: "server" | "settings" | null;
  readonly nextRuns: readonly string[];
  readonly lastJob: Job | null;
  readonly lastScheduledJob: Job | null;
}

/** GET /tokens: a token as listed, never the token itself. */
export interface ApiToken {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** POST /tokens: the token itself, this once. */
export interface NewApiToken {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly token: string;
  readonly expiresOn: string | null;
}

/** GET /audit. */
export interface AuditEntry {
  readonly id: number;
  readonly occurredAt: string;
  readonly actorId: number | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly entity: string | null;
  readonly entityId: string | null;
  readonly changes: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>> | null;
  readonly details: Readonly<Record<string, unknown>> | null;
  readonly hash: string;
}

/** GET /audit/verify. */
export interface AuditChainReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly problem?: { readonly kind: string; readonly id: number };
  readonly problemText?: { readonly key: string; readonly text: string };
}
