/**
 * Inputs and outputs of task generation. Customers come as columns (index i is the same customer
 * in every column, as the engine reads them from its per-customer query); invoices, answers and
 * complaints as rows, few next to the customers.
 */
import type { IsoDate } from "../calendar/dates.ts";
import type { WarningLevel } from "../segments/codes.ts";
import type { Column } from "../segments/types.ts";
import type { PlaybookBasisKind, ReasonCode, TaskKind, TaskPriority } from "./codes.ts";
import type { Playbook } from "./playbook.ts";

/**
 * The customers as columns: index i is the same customer in every column. Dates are day numbers
 * (days since 1970-01-01, as calendar/dates `dayNumber` gives them: the engine reads them so, and
 * a million customers need not be turned into text and back); `null`, or `NaN` in number
 * columns, means unknown or none.
 */
export interface TaskCustomers {
  /** Customer ids; in ascending order (ORDER BY id) invoices and answers are matched by binary search. */
  readonly ids: ArrayLike<number>;
  /** The customer's owner (user name); null when nobody owns the customer. */
  readonly owner: ArrayLike<string | null>;
  /** The day of the last interaction of any kind with the customer; NaN when there was none. */
  readonly lastInteractionDay: ArrayLike<number>;
  /** The day of the last purchase; NaN when the customer never bought. Anchors win-back occasions. */
  readonly lastPurchaseDay: ArrayLike<number>;
  /** The day of birth as recorded (for a lunar birthday, its solar date); NaN unknown. Absent: no birthday care. */
  readonly birthDay?: ArrayLike<number>;
  /** True when the customer keeps the birthday by the lunar calendar; null counts as solar. */
  readonly birthdayLunar?: ArrayLike<boolean | null>;
  /** Probability alive (BG/NBD). */
  readonly pAlive?: Column;
  /** Churn risk 0..1, shown in win-back reasons. */
  readonly churnRisk?: Column;
  /** The churn warning level of the analysis run. */
  readonly churnWarning?: ArrayLike<WarningLevel | null>;
  /** Churn reason codes (`complaints`, `detractor` …) of the analysis run. */
  readonly churnReasons?: ArrayLike<readonly string[] | null>;
  /**
   * The customer type (`individual`, `enterprise`); null unknown. Individuals under a rule with a
   * campaign are reached by the campaign. Absent: nobody is taken for an individual.
   */
  readonly customerType?: ArrayLike<string | null>;
  /** The customer's region (province), for assigning customers without an owner by region. */
  readonly region?: ArrayLike<string | null>;
}

/** Someone who can be given the tasks of customers without an owner (a sales user). */
export interface Assignee {
  /** The user name tasks are given to. */
  readonly name: string;
  readonly team: string | null;
}

/** A playbook and each customer's code in its basis (grade, RFM segment or lifecycle stage). */
export interface PlaybookAssignment {
  readonly playbook: Playbook;
  /** The customer's code; null for customers the basis does not cover (no tasks from this playbook). */
  readonly codes: ArrayLike<string | null>;
  /**
   * The top grade the customer fell from since the previous grading run (the engine decides which
   * grades are top), null otherwise. A fall triggers a win-back when the rule of the grade fallen
   * from enables win-back.
   */
  readonly droppedFrom?: ArrayLike<string | null>;
}

/** An invoice past its due date with money still open. */
export interface OverdueInvoice {
  readonly customerId: number;
  /** The invoice's external id, as people know it. */
  readonly invoiceId: string;
  readonly dueOn: IsoDate;
  readonly openAmount: number;
}

/** A recent survey answer (NPS and/or satisfaction score) not yet followed up. */
export interface SurveyAnswer {
  readonly customerId: number;
  readonly answerId: string | number;
  readonly answeredOn: IsoDate;
  /** 0..10; `NaN` when the answer has no NPS score. */
  readonly nps: number;
  /** The satisfaction score 1..5 (mean over the survey's items); `NaN` or absent when none. */
  readonly satisfaction?: number;
}

/** A complaint not yet resolved. */
export interface OpenComplaint {
  readonly customerId: number;
  readonly interactionId: string | number;
  /** ISO 8601 time or Date. */
  readonly occurredAt: string | Date;
  /** Hours the complaint may stay open. Default 48. */
  readonly dueHours?: number;
}

export interface TaskInput {
  readonly customers: TaskCustomers;
  readonly playbooks: readonly PlaybookAssignment[];
  readonly overdueInvoices?: readonly OverdueInvoice[];
  readonly surveyAnswers?: readonly SurveyAnswer[];
  readonly openComplaints?: readonly OpenComplaint[];
  /** Who can take the tasks of customers without an owner (see the playbook's `assignUnowned`). */
  readonly assignees?: readonly Assignee[];
}

export interface TaskOptions {
  /** The date tasks are generated for ("today"). */
  readonly asOf: IsoDate;
  /** The time complaint deadlines are checked against; default the end of the as-of day (UTC). */
  readonly now?: string | Date;
  /** Generate only these kinds; default all. */
  readonly kinds?: readonly TaskKind[];
  /** The churn warning level from which a win-back is due. Default "warning". */
  readonly winBackLevel?: WarningLevel;
  /**
   * A win-back is due when P(alive) is below this. Default 0.3, the level below which the
   * behaviour status calls a buyer churned.
   */
  readonly winBackPAlive?: number;
  /**
   * What a customer of unknown type is taken for: "individual" where the company sells to
   * consumers (B2C), so that its shoppers are reached by campaigns. Default "enterprise".
   */
  readonly unknownCustomerType?: "individual" | "enterprise";
}

/** Why a task exists: a reason code and its params, rendered by `reasonText`. */
export interface TaskReason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A task to insert unless its (customer, occasion key) exists. */
export interface TaskCandidate {
  readonly kind: TaskKind;
  readonly customerId: number;
  /** Who does it; null for the team pool. */
  readonly owner: string | null;
  /** The rule wants a named account manager and the customer has none: assign one. */
  readonly needsOwner: boolean;
  readonly dueOn: IsoDate;
  /** Identifies the occasion; unique per customer (keys.ts). */
  readonly occasionKey: string;
  readonly reason: TaskReason;
  readonly priority: TaskPriority;
  /** The playbook whose rule made the task, and its version. */
  readonly playbook: string;
  readonly playbookVersion: number;
  /** The customer's code in the playbook's basis (grade, segment or stage). */
  readonly grade: string;
  /** The customer has no owner and `owner` was chosen by the playbook's `assignUnowned`. */
  readonly assigned?: true;
}

/** A campaign task for the individuals of one grade (segment, stage), with its customers. */
export interface CampaignCandidate {
  readonly kind: "campaign";
  /** `campaign:<playbook>:<code>:<period>`: unique, so a rerun in the period adds nothing. */
  readonly occasionKey: string;
  readonly playbook: string;
  readonly playbookVersion: number;
  readonly basis: PlaybookBasisKind;
  /** The grade, segment or stage code. */
  readonly segment: string;
  /** Who runs it; null for the team pool. */
  readonly owner: string | null;
  readonly dueOn: IsoDate;
  readonly priority: TaskPriority;
  readonly reason: TaskReason;
  /** The customers reached, in input order (ascending ids when the ids are). */
  readonly customerIds: readonly number[];
}
