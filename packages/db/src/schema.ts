import { ENTITIES, LOAD_ORDER } from "@custra/core/entities";
import type { ColumnType, Generated } from "kysely";

/*
 * Column types as both engines return them (see dialects/*\/values.ts): BIGINT and DECIMAL come
 * back as numbers, DATE as a 'YYYY-MM-DD' string, TIMESTAMPTZ as a Date, JSON parsed. JSON is
 * written as JSON text, decimals as numbers or plain decimal strings.
 */

/** Money and quantities: DECIMAL(18,2) in the database, a number in JS. */
export type Decimal = ColumnType<number, number | string, number | string>;
/** A calendar date, 'YYYY-MM-DD', never shifted by a time zone. */
export type DateString = string;
/** An instant, stored as UTC. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A JSON column: read parsed, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** Set by the database on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

interface Audited {
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface UsersTable extends Audited {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  email: string | null;
  team: string | null;
  /** The role's code (roles.code). */
  role: string | null;
  department_id: number | null;
  /** The user's manager (users.id): reporting lines for the "own and subordinates" scope. */
  manager_id: number | null;
  /** argon2id; null: the user cannot sign in (imported, or not given a password yet). */
  password_hash: string | null;
  /** Set when the user was deactivated; null: active. */
  deactivated_at: Timestamp | null;
  /** Failed sign-ins in a row; null counts as none. */
  failed_logins: number | null;
  locked_until: Timestamp | null;
  locale: string | null;
  password_changed_at: Timestamp | null;
}

/** A department; departments form a tree through parent_id. */
export interface DepartmentsTable extends Audited {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
}

/** A role: its actions, data scope and rights on personal fields (see migrations/0009_access.ts). */
export interface RolesTable extends Audited {
  code: string;
  name_zh: string;
  name_en: string;
  /** JSON array of permission codes, as text. */
  permissions: string;
  data_scope: string;
  list_fields: string;
  detail_fields: string;
  builtin: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A signed-in session; only the SHA-256 of its id is stored. */
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** An API token bound to a user; only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A user's named view of a workbench list (migrations/0014_saved_views.ts). */
export interface SavedViewsTable {
  id: Generated<number>;
  user_id: number;
  page: string;
  name: string;
  state: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A customer shared with a user or a department (exactly one), read-only or read-write, until a date. */
export interface CustomerSharesTable {
  customer_id: number;
  id: Generated<number>;
  user_id: number | null;
  department_id: number | null;
  access: "read" | "write";
  /** The last day of the share; null: no end. */
  until: DateString | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/** One audit entry, chained by hash to the one before it (audit.repository.ts). */
export interface AuditLogTable {
  id: number;
  occurred_at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  /** Canonical JSON text, exactly as hashed. */
  changes: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** A customer anonymised on a personal-data request (its row stays, without identity). */
export interface CustomerErasuresTable {
  customer_id: number;
  erased_at: CreatedAt;
  erased_by: string | null;
}

/** The audit chain's last entry, one row (id 1). */
export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface CustomersTable extends Audited {
  id: Generated<number>;
  code: string;
  name: string | null;
  type: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  country: string | null;
  gender: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  birthday: DateString | null;
  birthday_lunar: boolean | null;
  registered_on: DateString | null;
  owner: string | null;
  needs_type: string | null;
  tags: Json<string[] | null> | null;
  attributes: Json<Record<string, unknown> | null> | null;
  credit_limit: Decimal | null;
}

export interface ProductsTable extends Audited {
  id: Generated<number>;
  sku: string;
  name: string;
  category: string | null;
  unit_cost: Decimal | null;
  unit_price: Decimal | null;
}

/** Rows that belong to one customer; they key on (customer_id, id) so they can be sharded by customer. */
interface CustomerOwned extends Audited {
  customer_id: number;
  id: Generated<number>;
  external_id: string;
}

export interface ContactsTable extends CustomerOwned {
  name: string;
  title: string | null;
  role: string | null;
  influence: number | null;
  attitude: string | null;
  phone: string | null;
  email: string | null;
}

export interface OrdersTable extends CustomerOwned {
  order_date: DateString;
  amount: Decimal;
  cost: Decimal | null;
  margin: Decimal | null;
  quantity: Decimal | null;
  channel: string | null;
  status: string | null;
}

export interface OrderLinesTable extends CustomerOwned {
  order_id: number;
  product_id: number;
  quantity: Decimal;
  unit_price: Decimal | null;
  amount: Decimal;
  cost: Decimal | null;
}

export interface InvoicesTable extends CustomerOwned {
  order_external_id: string | null;
  issued_on: DateString;
  due_on: DateString;
  amount: Decimal;
}

export interface PaymentsTable extends CustomerOwned {
  invoice_external_id: string | null;
  order_external_id: string | null;
  paid_on: DateString;
  amount: Decimal;
}

export interface InteractionsTable extends CustomerOwned {
  kind: string;
  occurred_at: Timestamp;
  summary: string | null;
  owner: string | null;
  resolved_at: Timestamp | null;
}

export interface SurveyAnswersTable extends CustomerOwned {
  answered_on: DateString;
  nps: number | null;
  item: string | null;
  satisfaction: number | null;
  comment: string | null;
  order_external_id: string | null;
}

/** One `custra analyze` run: its as-of date, settings, fitted models and timings. */
export interface AnalysisRunsTable {
  id: Generated<number>;
  created_at: CreatedAt;
  as_of: DateString;
  time_unit: string;
  horizon: number;
  model: string;
  discount_rate: number;
  customers: number;
  /** The user who started the run; null for the command line, the schedule and older runs. */
  started_by: number | null;
  /** Everything else the run decided or measured: model parameters and fit, structure, timings. */
  report: Json<Record<string, unknown>>;
}

/** Every customer's scores in one run; rows are only ever added, so history and migration are real. */
export interface CustomerScoresTable {
  run_id: number;
  customer_id: number;
  x: number | null;
  t_x: number | null;
  age: number | null;
  monetary: number | null;
  orders: number;
  revenue: number;
  revenue_12m: number;
  margin: number;
  recency_days: number | null;
  p_alive: number | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  clv: number | null;
  profitability: number | null;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  rfm_segment: string | null;
  rfm_class: string | null;
  abc_class: string | null;
  value_tier: string | null;
  behaviour_status: string | null;
  lifecycle_stage: string | null;
  credit_grade: string | null;
  credit_score: number | null;
  churn_risk: number | null;
  churn_warning: string | null;
  churn_reasons: Json<string[] | null> | null;
  nps_category: string | null;
  loyalty: number | null;
  /** Latest NPS answer (0–10); payment behaviour as of the run; open complaints. */
  last_nps: number | null;
  on_time_share: number | null;
  max_days_past_due: number | null;
  overdue_amount: number | null;
  open_complaints: number | null;
  /** Latest survey's satisfaction score (1–5, mean over its items). */
  last_satisfaction: number | null;
}

/** A grading scheme or a playbook, one row per version; the definition is the validated document. */
/** The release of custra's ready-made definitions the database holds (one row). */
export interface BuiltinDefinitionsTable {
  release: number;
  stored_at: CreatedAt;
}

export interface DefinitionsTable {
  name: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  /** "builtin" for custra's ready-made versions, "user" for the company's own. */
  source: string;
  created_at: CreatedAt;
}

/** One grading of every customer of an analysis run under one scheme version. */
export interface GradeRunsTable {
  id: Generated<number>;
  created_at: CreatedAt;
  scheme_name: string;
  scheme_version: number;
  analysis_run_id: number;
  as_of: DateString;
  customers: number;
  /** The grade distribution and the settings of the run. */
  report: Json<Record<string, unknown>>;
}

export interface CustomerGradesTable {
  grade_run_id: number;
  customer_id: number;
  grade: string;
  score: number | null;
  /** The grade the score alone gave, before overrides and pins. */
  score_grade: string;
  /** Normalised score (0–100) of each of the scheme's dimensions, in its order. */
  components: Json<(number | null)[] | null> | null;
  /**
   * Where the rules decided something (changed the grade or raised a flag): the rules that matched
   * (by index) and whether each changed the grade.
   */
  overrides: Json<{ rule: number; applied: boolean }[] | null> | null;
  flags: Json<string[] | null> | null;
  pinned: boolean;
}

export interface GradePinsTable {
  customer_id: number;
  id: Generated<number>;
  scheme_name: string;
  grade: string;
  reason: string;
  author: string;
  until: DateString | null;
  created_at: CreatedAt;
  removed_at: Timestamp | null;
}

export interface TasksTable {
  customer_id: number;
  id: Generated<number>;
  kind: string;
  occasion_key: string;
  owner: string | null;
  due_on: DateString;
  priority: number;
  /** `{ code, params }`: rendered in the reader's language. */
  reason: Json<{ code: string; params: Record<string, string | number> }>;
  /** What helps doing the task, such as recommended products. */
  details: Json<Record<string, unknown> | null> | null;
  status: Generated<string>;
  created_at: CreatedAt;
  done_at: Timestamp | null;
  done_by: string | null;
}

/** One company setting per row (key/value text, validated by the settings module); no row = the default. */
export interface CompanySettingsTable {
  key: string;
  value: string;
  updated_at: CreatedAt;
}

/** A run whose rows are being written (see migrations/0008_run_writes.ts). */
export interface RunWritesTable {
  run_table: "analysis_runs" | "grade_runs";
  run_id: number;
  started_at: CreatedAt;
}

/** One task for a group of customers (the individuals of a segment), listed in campaign_members. */
export interface CampaignsTable {
  id: Generated<number>;
  occasion_key: string;
  playbook: string;
  playbook_version: number;
  /** What the segment is: grade, rfm_segment or lifecycle_stage. */
  basis: string;
  segment: string;
  owner: string | null;
  due_on: DateString;
  priority: number;
  reason: Json<{ code: string; params: Record<string, string | number> }>;
  /** How many customers the campaign reaches. */
  members: number;
  status: Generated<string>;
  created_at: CreatedAt;
  done_at: Timestamp | null;
  done_by: string | null;
}

export interface CampaignMembersTable {
  customer_id: number;
  campaign_id: number;
}

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

/** Background work and its outcome (see migrations/0010_jobs.ts). */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  status: JobStatus;
  input: Json<unknown> | null;
  /** `{ stage, done, total }` as the job last reported it. */
  progress: Json<unknown> | null;
  result: Json<unknown> | null;
  /** `{ code, params }` of the error that ended it. */
  error: Json<unknown> | null;
  /** The user who started it; null for the schedule and the CLI. */
  requested_by: number | null;
  /** "manual" or "schedule". */
  trigger: string;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
}

/** A saved import profile, one row per version (see migrations/0012_import_profiles.ts). */
export interface ImportProfilesTable {
  name: string;
  version: number;
  /** The entity the profile's files hold. */
  entity: string;
  /** The profile document (core ImportProfile). */
  profile: Json<unknown>;
  /** The user who saved this version; null for the CLI. */
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  products: ProductsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  interactions: InteractionsTable;
  survey_answers: SurveyAnswersTable;
  analysis_runs: AnalysisRunsTable;
  customer_scores: CustomerScoresTable;
  grading_schemes: DefinitionsTable;
  playbooks: DefinitionsTable;
  grade_runs: GradeRunsTable;
  customer_grades: CustomerGradesTable;
  grade_pins: GradePinsTable;
  tasks: TasksTable;
  company_settings: CompanySettingsTable;
  campaigns: CampaignsTable;
  campaign_members: CampaignMembersTable;
  schema_migrations: SchemaMigrationsTable;
  run_writes: RunWritesTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customer_shares: CustomerSharesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  customer_erasures: CustomerErasuresTable;
  jobs: JobsTable;
  builtin_definitions: BuiltinDefinitionsTable;
  import_profiles: ImportProfilesTable;
  saved_views: SavedViewsTable;
}

export type CustraTable = Exclude<
  keyof Database,
  | "schema_migrations"
  | "run_writes"
  | "jobs"
  | "builtin_definitions"
  | "import_profiles"
  | "saved_views"
  | "departments"
  | "roles"
  | "sessions"
  | "api_tokens"
  | "customer_shares"
  | "audit_log"
  | "audit_head"
  | "customer_erasures"
>;

/** The custra tables: the data in load order (every table a row references comes before it), then the analysis results. */
export const CUSTRA_TABLES: readonly CustraTable[] = [
  ...LOAD_ORDER.map((entity) => ENTITIES[entity].table as CustraTable),
  "analysis_runs",
  "customer_scores",
  "grading_schemes",
  "playbooks",
  "grade_runs",
  "customer_grades",
  "grade_pins",
  "tasks",
  "company_settings",
  "campaigns",
  "campaign_members",
];
