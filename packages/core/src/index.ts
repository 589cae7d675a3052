export * from "./entities.ts";
export * from "./i18n/i18n.ts";
