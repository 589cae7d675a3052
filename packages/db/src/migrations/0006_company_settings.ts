import type { Migration } from "./migration.ts";

/*
 * Company settings (currency, locale, time zone, fiscal year start, business model) as one row per
 * setting: a setting added later needs no migration, and a setting never written has no row, so
 * it takes the default the settings module documents. Values are text, validated before they are
 * written (engine settings module), never read without being validated again. Not customer-owned:
 * on Citus it is a small reference table.
 */
export const companySettings: Migration = {
  version: "0006_company_settings",
  statements({ sqlTypes: ty }) {
    return [
      `CREATE TABLE company_settings (
        key ${ty.text} NOT NULL PRIMARY KEY,
        value ${ty.text} NOT NULL,
        updated_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP
      )`,
    ];
  },
};
