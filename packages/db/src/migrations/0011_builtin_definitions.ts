import type { Migration } from "./migration.ts";

/*
 * Which release of custra's ready-made schemes and playbooks the database holds. They are stored
 * when the database is opened, in the migrations' transaction (so that concurrent starts on
 * PostgreSQL wait for each other instead of racing to insert them), and not on request paths.
 * The release number lets every later open see, with one small read, that nothing is to do,
 * without loading the definitions themselves (definitions.repository.ts).
 */
export const builtinDefinitions: Migration = {
  version: "0011_builtin_definitions",
  statements({ sqlTypes: ty }) {
    return [
      `CREATE TABLE builtin_definitions (
        release ${ty.integer} NOT NULL,
        stored_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP
      )`,
    ];
  },
};
