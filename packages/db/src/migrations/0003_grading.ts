import type { SqlTypes } from "../dialects/engine-dialect.ts";
import type { Migration } from "./migration.ts";

/*
 * Grading and the work it creates.
 *
 * Schemes and playbooks are data, versioned: a changed definition is a new version and old grade
 * runs keep pointing at the version they were graded with, so "why was this customer B last
 * quarter?" is answered by that version, not by today's. `source` tells custra's ready-made
 * versions ("builtin") from the company's own ("user"): a newer custra updates only its own.
 *
 * A grade run grades every customer of one analysis run under one scheme version; runs are kept
 * so history and migration between runs compare real past grades. customer_grades keeps each
 * assignment's normalised dimension scores (in the order of the scheme's dimensions), the
 * override rules that matched and the flags, which with the scheme version and the analysis run's
 * scores explain the grade.
 *
 * Grading schemes may weigh payment behaviour and satisfaction, so the scores keep those inputs
 * of the summary too.
 *
 * Tasks are unique per (customer_id, occasion_key): generating twice never duplicates, and a task
 * done for an occasion is not created again for it. (On DuckDB 0004 drops the key indexes of
 * customer_grades and tasks; the keys still hold, by construction.)
 */
export const grading: Migration = {
  version: "0003_grading",
  statements({ sqlTypes: ty }) {
    return [
      ...["last_nps", "on_time_share", "max_days_past_due", "overdue_amount", "open_complaints"].map(
        (column) => `ALTER TABLE customer_scores ADD COLUMN ${column} ${ty.double}`,
      ),
      // Schemes and playbooks are both versioned definitions, kept alike.
      ...["grading_schemes", "playbooks"].map(
        (table) => `CREATE TABLE ${table} (
        name ${ty.text} NOT NULL,
        version ${ty.integer} NOT NULL,
        definition ${ty.json} NOT NULL,
        source ${ty.text} NOT NULL,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        PRIMARY KEY (name, version)
      )`,
      ),
      "CREATE SEQUENCE grade_runs_id_seq",
      `CREATE TABLE grade_runs (
        id ${ty.bigint} NOT NULL DEFAULT nextval('grade_runs_id_seq') PRIMARY KEY,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        scheme_name ${ty.text} NOT NULL,
        scheme_version ${ty.integer} NOT NULL,
        analysis_run_id ${ty.bigint} NOT NULL,
        as_of ${ty.date} NOT NULL,
        customers ${ty.integer} NOT NULL,
        report ${ty.json} NOT NULL
      )`,
      customerGradesTable("customer_grades", ty, true),
      "CREATE SEQUENCE grade_pins_id_seq",
      `CREATE TABLE grade_pins (
        customer_id ${ty.bigint} NOT NULL,
        id ${ty.bigint} NOT NULL DEFAULT nextval('grade_pins_id_seq'),
        scheme_name ${ty.text} NOT NULL,
        grade ${ty.text} NOT NULL,
        reason ${ty.text} NOT NULL,
        author ${ty.text} NOT NULL,
        until ${ty.date},
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        removed_at ${ty.timestamp},
        PRIMARY KEY (customer_id, id)
      )`,
      "CREATE SEQUENCE tasks_id_seq",
      tasksTable("tasks", ty, true),
    ];
  },
};

/** customer_grades as `name`, with or without its key (see 0004_bulk_table_keys). */
export function customerGradesTable(name: string, ty: SqlTypes, keys: boolean): string {
  return `CREATE TABLE ${name} (
        grade_run_id ${ty.bigint} NOT NULL,
        customer_id ${ty.bigint} NOT NULL,
        grade ${ty.text} NOT NULL,
        score ${ty.double},
        score_grade ${ty.text} NOT NULL,
        components ${ty.json},
        overrides ${ty.json},
        flags ${ty.json},
        pinned ${ty.boolean} NOT NULL${keys ? ",\n        PRIMARY KEY (grade_run_id, customer_id)" : ""}
      )`;
}

/** tasks as `name`, with or without its key and unique occasions (see 0004_bulk_table_keys). */
export function tasksTable(name: string, ty: SqlTypes, keys: boolean): string {
  return `CREATE TABLE ${name} (
        customer_id ${ty.bigint} NOT NULL,
        id ${ty.bigint} NOT NULL DEFAULT nextval('tasks_id_seq'),
        kind ${ty.text} NOT NULL,
        occasion_key ${ty.text} NOT NULL,
        owner ${ty.text},
        due_on ${ty.date} NOT NULL,
        priority ${ty.smallint} NOT NULL,
        reason ${ty.json} NOT NULL,
        details ${ty.json},
        status ${ty.text} NOT NULL DEFAULT 'open',
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        done_at ${ty.timestamp},
        done_by ${ty.text}${keys ? ",\n        PRIMARY KEY (customer_id, id),\n        UNIQUE (customer_id, occasion_key)" : ""}
      )`;
}
