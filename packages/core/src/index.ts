export * from "./calendar/index.ts";
export * from "./entities.ts";
export * from "./grading/index.ts";
export * from "./i18n/i18n.ts";
export * from "./models/index.ts";
export * from "./recommend/index.ts";
export * from "./segments/index.ts";
export * from "./strategy/index.ts";
