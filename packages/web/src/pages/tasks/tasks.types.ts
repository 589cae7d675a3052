/**
 * What the playbook and task routes answer, as far as 策略与任务 reads them
 * (packages/server/src/routes/api/v1/tasks.schemas.ts and schemes.schemas.ts are the reference).
 */
import type { Task } from "../my-day/my-day.types.ts";

export type { Task };

/** A page of GET /tasks/board. */
export interface TaskBoardPage {
  readonly items: readonly Task[];
  readonly total: number;
  readonly nextCursor: string | null;
}

/** A text in both languages, as playbooks write their own wording. */
export type Wording = Readonly<Record<string, string>>;

/** A playbook's rule for one grade (core/strategy/playbook.ts PlaybookRule, defaults filled in). */
export interface PlaybookRule {
  readonly serviceLevel: string | Wording;
  readonly priority: string;
  readonly contact: { readonly channel: string; readonly everyDays: number } | null;
  readonly ownerRule: string;
  readonly careBudget?: number;
  readonly care: {
    readonly birthday: boolean;
    readonly festivals: readonly string[];
    readonly daysAhead: number;
  };
  readonly winBack: boolean;
  readonly collection: boolean;
  readonly collectionGraceDays: number;
  readonly detractorFollowUp: boolean;
  readonly complaintEscalation: boolean;
  readonly keyAccountReview?: { readonly every: string };
  readonly campaign?: { readonly channel: string; readonly every: string; readonly owner?: string };
}

export interface Playbook {
  readonly name: string;
  readonly version: number;
  readonly title: Wording;
  readonly description?: Wording;
  readonly basis:
    | { readonly kind: "grade"; readonly scheme: string }
    | { readonly kind: "rfm_segment" | "lifecycle_stage" };
  readonly rules: Readonly<Record<string, PlaybookRule>>;
  readonly default?: PlaybookRule;
  readonly assignUnowned?: unknown;
}

/** A stored version of a playbook (GET /playbooks lists the ones in use). */
export interface StoredPlaybook {
  readonly name: string;
  readonly version: number;
  readonly definition: Playbook;
  readonly source: string;
  readonly createdAt: string;
}

/** GET /playbooks/:name: a version and the list of them all. */
export interface PlaybookWithVersions extends StoredPlaybook {
  readonly versions: readonly {
    readonly version: number;
    readonly createdAt: string;
    readonly source: string;
  }[];
}

/** POST /playbooks and /playbooks/:name/activate. */
export interface SavedVersion {
  readonly name: string;
  readonly version: number;
  /** False when the document equals the version in use: nothing was stored. */
  readonly added: boolean;
}

export interface CareCalendar {
  readonly from: string;
  readonly to: string;
  readonly festivals: readonly {
    readonly code: string;
    readonly on: string;
    readonly tasks: { readonly open: number; readonly done: number };
  }[];
  readonly birthdays: readonly Birthday[];
}

export interface Birthday {
  readonly customerCode: string;
  readonly customerName: string | null;
  readonly owner: string | null;
  readonly occasion: "birthday" | "lunar_birthday";
  readonly on: string;
  readonly lunar: {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly leap: boolean;
  } | null;
  readonly task: {
    readonly id: number;
    readonly status: string;
    readonly owner: string | null;
    readonly dueOn: string;
  } | null;
}
