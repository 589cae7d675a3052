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
export * from "./grading/grading.schemas.ts";
export * from "./grading/grading.service.ts";
export { parseInput } from "./input.ts";
export * from "./pipeline/pipeline.schemas.ts";
export * from "./pipeline/pipeline.service.ts";
export * from "./schemes/schemes.schemas.ts";
export * from "./schemes/schemes.service.ts";
export * from "./tasks/tasks.schemas.ts";
export * from "./tasks/tasks.service.ts";
