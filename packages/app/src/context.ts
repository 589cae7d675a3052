import type { DbHandle } from "@custra/db";
import type { Actor } from "./access/actor.ts";

/** What every use case runs with: the database and who is acting. */
export interface AppContext {
  readonly handle: DbHandle;
  readonly actor: Actor;
}
