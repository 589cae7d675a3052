import type { Migration } from "./migration.ts";

/*
 * Import profiles saved on the server (until now only files beside the CLI): how the files of one
 * source are read, by name. Saving a name again adds a version and keeps the ones before, so an
 * import can always be told which reading it used and a bad edit can be seen and undone; readers
 * take a name's latest version. Deleting a name removes all its versions. Not customer-owned: a
 * reference table on Citus.
 */
export const importProfiles: Migration = {
  version: "0012_import_profiles",
  statements({ sqlTypes: ty }) {
    return [
      `CREATE TABLE import_profiles (
        name ${ty.text} NOT NULL,
        version ${ty.integer} NOT NULL,
        entity ${ty.text} NOT NULL,
        profile ${ty.json} NOT NULL,
        created_by ${ty.bigint},
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        PRIMARY KEY (name, version)
      )`,
    ];
  },
};
