export {
  type Actor,
  type FieldVisibility,
  LOCAL_OPERATOR,
  PERMISSIONS,
  type Permission,
  type PersonalFieldRights,
} from "./access/actor.ts";
export { requirePermission } from "./access/permissions.ts";
// Analysis, backtest, customers, structure, settings and the demo company.
export * from "./analysis/analysis.schemas.ts";
export * from "./analysis/analysis.service.ts";
export type { AppContext } from "./context.ts";
export * from "./customers/customer-360.service.ts";
export * from "./customers/customer-list.service.ts";
export * from "./customers/customers.schemas.ts";
export * from "./database/database.service.ts";
export * from "./demo/demo.schemas.ts";
export * from "./demo/demo.service.ts";
export * from "./errors/index.ts";
export { parseInput } from "./input.ts";
export * from "./settings/settings.schemas.ts";
export * from "./settings/settings.service.ts";
export * from "./structure/structure.schemas.ts";
export * from "./structure/structure.service.ts";
