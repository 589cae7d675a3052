/**
 * What GET /api/v1/tasks/my-day and the task routes answer, as far as 工作台 reads them
 * (packages/server/src/routes/api/v1/tasks.schemas.ts is the reference). Kept with the page, not
 * in api/types.ts, so that the page's types merge apart from the rest.
 */

export interface TaskCounts {
  readonly overdue: number;
  readonly dueToday: number;
  /** Due after today, up to Sunday. */
  readonly dueThisWeek: number;
}

export interface OwnerDay {
  readonly owner: string;
  /** The user's display name; null for an owner who is no user. */
  readonly name: string | null;
  readonly tasks: TaskCounts;
  readonly byKind: readonly (TaskCounts & { readonly kind: string })[];
  readonly uncontacted: readonly { readonly days: number; readonly customers: number }[];
  readonly newChurnWarnings: number;
}

export interface Task {
  readonly id: number;
  readonly kind: string;
  readonly customerCode: string;
  readonly customerName: string | null;
  readonly owner: string | null;
  readonly dueOn: string;
  readonly priority: string;
  readonly reason: { readonly code: string; readonly params: Record<string, string | number> };
  readonly status: string;
  /** When it was done (a time stamp); null while open. */
  readonly doneAt: string | null;
}

export interface WarnedCustomer {
  readonly code: string;
  readonly name: string | null;
  readonly owner: string | null;
  readonly level: string;
  readonly risk: number | null;
  /** Churn reason codes (@custra/core CHURN_REASONS). */
  readonly reasons: readonly string[];
}

export interface MyDay {
  readonly today: string;
  readonly weekEnd: string;
  /** Null for a reader who owns nothing. */
  readonly mine: OwnerDay | null;
  readonly care: readonly Task[];
  readonly churnWarnings: { readonly total: number; readonly customers: readonly WarnedCustomer[] };
  /** Per owner the reader sees, when more than their own; else null. */
  readonly team: readonly OwnerDay[] | null;
}

export interface TaskList {
  readonly tasks: readonly Task[];
  readonly limit: number;
}
