import type { Migration } from "./migration.ts";

/*
 * Fields the importer gained for real exports (issue 9): a customer's country and gender, and the order a
 * payment or a survey answer belongs to (marketplace exports key payments and reviews by order
 * only; the importer finds their customer through it). Added columns are nullable, so existing
 * rows stay as they are.
 */
export const importFields: Migration = {
  version: "0007_import_fields",
  statements({ sqlTypes: ty }) {
    return [
      `ALTER TABLE customers ADD COLUMN country ${ty.text}`,
      `ALTER TABLE customers ADD COLUMN gender ${ty.text}`,
      `ALTER TABLE payments ADD COLUMN order_external_id ${ty.text}`,
      `ALTER TABLE survey_answers ADD COLUMN order_external_id ${ty.text}`,
    ];
  },
};
