export {
  type Actor,
  type FieldVisibility,
  LOCAL_OPERATOR,
  PERMISSIONS,
  type Permission,
  type PersonalFieldRights,
} from "./access/actor.ts";
export type { AppContext } from "./context.ts";
export * from "./errors/index.ts";
export * from "./exports/export.schemas.ts";
export * from "./exports/export.service.ts";
export * from "./imports/import.schemas.ts";
export * from "./imports/import.service.ts";
export { parseInput } from "./input.ts";
