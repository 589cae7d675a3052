export * from "./access/access.schemas.ts";
export { AccessError, type AccessErrorCode, isAccessError } from "./access/access-error.ts";
export { actorFor, companyToday, todayIn } from "./access/actor.service.ts";
export {
  type Actor,
  type FieldVisibility,
  LOCAL_OPERATOR,
  PERMISSIONS,
  type Permission,
  type PersonalFieldRights,
} from "./access/actor.ts";
export { type AuditChainReport, listAuditEntries, verifyAuditChain } from "./access/audit.service.ts";
export { audit, fieldChanges } from "./access/audit.ts";
export { visibleCustomerId } from "./access/customer-by-code.ts";
export { customerInScope } from "./access/customers-in-scope.ts";
export * from "./access/masking.ts";
export {
  checkPasswordPolicy,
  hashPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  verifyPassword,
} from "./access/passwords.ts";
export { hasPermission, requirePermission } from "./access/permissions.ts";
export * from "./access/personal-data.service.ts";
export { auditPersonalView } from "./access/personal-views.ts";
export * from "./access/sessions.schemas.ts";
export * from "./access/sessions.service.ts";
export * from "./access/shares.service.ts";
// Analysis, backtest, customers, structure, settings and the demo company.
export * from "./analysis/analysis.schemas.ts";
export * from "./analysis/analysis.service.ts";
export * from "./analysis/analysis-runs.service.ts";
export type { AppContext } from "./context.ts";
export * from "./customers/customer-360.service.ts";
export * from "./customers/customer-list.service.ts";
export * from "./customers/customer-reassign.service.ts";
export * from "./customers/customers.schemas.ts";
export { currentRecommendationModel } from "./customers/recommendation-model.service.ts";
export * from "./database/database.service.ts";
export * from "./demo/demo.schemas.ts";
export * from "./demo/demo.service.ts";
export { DEMO_PASSWORD, type DemoSignIn, openDemoSignIn } from "./demo/demo-sign-in.service.ts";
export * from "./errors/index.ts";
export * from "./exports/export.schemas.ts";
export * from "./exports/export.service.ts";
export * from "./grading/grade-runs.service.ts";
export * from "./grading/grading.schemas.ts";
export * from "./grading/grading.service.ts";
export * from "./imports/import.schemas.ts";
export * from "./imports/import.service.ts";
export * from "./imports/import-fields.service.ts";
export * from "./imports/import-history.service.ts";
export * from "./imports/import-profiles.service.ts";
export { parseInput } from "./input.ts";
export * from "./jobs/index.ts";
export * from "./pipeline/pipeline.schemas.ts";
export * from "./pipeline/pipeline.service.ts";
export * from "./records/customer-records.ts";
export * from "./records/invoices.service.ts";
export * from "./records/orders.service.ts";
export * from "./records/payments.service.ts";
export * from "./records/products.service.ts";
export * from "./records/records.schemas.ts";
export type { Page } from "./records/records-page.ts";
export * from "./relations/complaints.service.ts";
export * from "./relations/contacts.service.ts";
export * from "./relations/interactions.service.ts";
export * from "./relations/relations.schemas.ts";
export * from "./relations/surveys.service.ts";
export * from "./schemes/schemes.schemas.ts";
export * from "./schemes/schemes.service.ts";
export * from "./settings/settings.schemas.ts";
export * from "./settings/settings.service.ts";
export * from "./structure/overview.service.ts";
export * from "./structure/structure.schemas.ts";
export * from "./structure/structure.service.ts";
export * from "./tasks/care-calendar.service.ts";
export * from "./tasks/my-day.service.ts";
export * from "./tasks/task-board.service.ts";
export * from "./tasks/tasks.schemas.ts";
export * from "./tasks/tasks.service.ts";
export * from "./users/departments.service.ts";
export { ensureInitialAdmin, type InitialAdmin } from "./users/initial-admin.service.ts";
export * from "./users/roles.service.ts";
export * from "./users/users.schemas.ts";
export * from "./users/users.service.ts";
export * from "./views/saved-views.schemas.ts";
export * from "./views/saved-views.service.ts";
