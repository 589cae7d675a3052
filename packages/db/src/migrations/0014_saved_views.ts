import type { Migration } from "./migration.ts";

/*
 * Saved views: a user's named filters, columns and sort of a list in the workbench (the
 * customers list, the task board), kept on the server so they follow the user from browser to
 * browser. Each belongs to one user, who alone lists and changes them; a name is unique per user
 * and page. The state is the web's own document (validated for size only). Not customer-owned: a
 * reference table on Citus.
 */
export const savedViews: Migration = {
  version: "0014_saved_views",
  statements({ sqlTypes: ty }) {
    return [
      "CREATE SEQUENCE saved_views_id_seq",
      `CREATE TABLE saved_views (
        id ${ty.bigint} NOT NULL DEFAULT nextval('saved_views_id_seq') PRIMARY KEY,
        user_id ${ty.bigint} NOT NULL,
        page ${ty.text} NOT NULL,
        name ${ty.text} NOT NULL,
        state ${ty.json} NOT NULL,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        UNIQUE (user_id, page, name)
      )`,
    ];
  },
};
