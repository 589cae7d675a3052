/**
 * The stable codes of strategies and tasks. Codes are stored in the database (tasks, playbooks),
 * compared in code and sent over the API, so they never change with the language;
 * `strategyLabel(family, code)` renders them for people.
 */

/** What a task asks its owner to do. */
export const TASK_KINDS = [
  "care",
  "cadence",
  "win_back",
  "collection",
  "detractor_follow_up",
  "complaint_escalation",
  "key_account_review",
  "campaign",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** How a customer is contacted on the playbook's cadence. */
export const CONTACT_CHANNELS = ["visit", "call", "wechat", "email"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * Who a customer's tasks go to: `keep` the customer's owner (the team pool when there is none);
 * `named_manager` the owner, who must exist (key accounts get a named account manager, and a task
 * of a customer without one is flagged `needsOwner`); `pool` the team pool, whoever the owner is.
 */
export const OWNER_RULES = ["keep", "named_manager", "pool"] as const;
export type OwnerRule = (typeof OWNER_RULES)[number];

/**
 * How the tasks of customers without an owner are shared out (a playbook's `assignUnowned`):
 * `round_robin` in turn among the people of a team; `region` in turn among the people of the
 * team that serves the customer's region.
 */
export const ASSIGNMENT_METHODS = ["round_robin", "region"] as const;
export type AssignmentMethod = (typeof ASSIGNMENT_METHODS)[number];

/**
 * Service levels of the classic 客户分级管理 ladder: `exclusive` (专属服务: a named manager,
 * visits, senior attention), `priority` (优先服务), `standard` (标准服务), `basic` (基础服务:
 * self-service and the team pool).
 */
export const SERVICE_LEVELS = ["exclusive", "priority", "standard", "basic"] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** Task priorities, most urgent first; an index comparison orders them. */
export const TASK_PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Receivables aging buckets by days past the due date, the way finance reports them. */
export const AGING_BUCKETS = ["1-30", "31-60", "61-90", "90+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Calendar periods of key-account reviews (a quarterly business review is the usual one). */
export const REVIEW_PERIODS = ["month", "quarter", "half_year", "year"] as const;
export type ReviewPeriod = (typeof REVIEW_PERIODS)[number];

/** What a playbook's rules are keyed by. */
export const PLAYBOOK_BASES = ["grade", "rfm_segment", "lifecycle_stage"] as const;
export type PlaybookBasisKind = (typeof PLAYBOOK_BASES)[number];

/** Why a task was created; with its params it renders as the task's reason (`reasonText`). */
export const REASON_CODES = [
  "care_birthday",
  "care_lunar_birthday",
  "care_festival",
  "cadence_due",
  "cadence_never",
  "win_back_risk",
  "win_back_p_alive",
  "win_back_drop",
  "collection_overdue",
  "detractor",
  "low_satisfaction",
  "complaint_overdue",
  "key_account_review",
  "campaign_segment",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Every labelled code family, by the name `strategyLabel` takes. */
export interface StrategyCodes {
  kind: TaskKind;
  channel: ContactChannel;
  ownerRule: OwnerRule;
  serviceLevel: ServiceLevel;
  priority: TaskPriority;
  agingBucket: AgingBucket;
  reviewPeriod: ReviewPeriod;
}
export type StrategyCodeKind = keyof StrategyCodes;
