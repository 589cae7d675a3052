// `@custra/app/database`: the database use cases and what they need, without the engine or zod.
export { type Actor, LOCAL_OPERATOR } from "../access/actor.ts";
export type { AppContext } from "../context.ts";
export { type DatabaseInfo, databaseInfo, migrateDatabase } from "./database.service.ts";
