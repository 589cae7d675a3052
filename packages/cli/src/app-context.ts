import { type Actor, type AppContext, LOCAL_OPERATOR } from "@custra/app";
import type { Command } from "commander";
import { withDb } from "./db-context.ts";

/**
 * `withDb` for a use case: the app context on the database the command line points at, acting as
 * the local operator (or `actor`). Apart from db-context.ts so that commands that use no use case
 * (`db info`) do not load the app layer, and with it the engine and zod.
 */
export async function withApp<T>(
  command: Command,
  work: (ctx: AppContext) => Promise<T>,
  actor: Actor = LOCAL_OPERATOR,
): Promise<T> {
  return withDb(command, (handle) => work({ handle, actor }));
}
