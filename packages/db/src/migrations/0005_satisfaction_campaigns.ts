import type { Migration } from "./migration.ts";

/*
 * Satisfaction without NPS, and campaigns.
 *
 * customer_scores keeps the latest survey's satisfaction score (1–5) beside its NPS answer, so a
 * grading scheme can weigh it where a company asks only "how satisfied were you".
 *
 * A campaign is one task for a group of customers (the individuals of a grade, RFM segment or
 * lifecycle stage) with the list of those customers: campaigns belong to no one customer, so they
 * have their own table, unique per occasion key, and their members a table keyed by customer
 * (customer_id first, as every customer-owned table, for sharding by customer). Campaign ids come
 * from the tasks' sequence, so one id names a task or a campaign (`custra tasks done 42`).
 * Members are bulk-loaded before their campaign row is written (engine tasks/campaign-write.ts).
 * On DuckDB (see EngineDialect.bulkTableKeys) the members table has no key index, which would
 * cost more than the rows on a campaign of a hundred thousand shoppers; the key holds by
 * construction.
 */
export const satisfactionCampaigns: Migration = {
  version: "0005_satisfaction_campaigns",
  statements({ sqlTypes: ty, bulkTableKeys }) {
    return [
      `ALTER TABLE customer_scores ADD COLUMN last_satisfaction ${ty.double}`,
      `CREATE TABLE campaigns (
        id ${ty.bigint} NOT NULL DEFAULT nextval('tasks_id_seq'),
        occasion_key ${ty.text} NOT NULL,
        playbook ${ty.text} NOT NULL,
        playbook_version ${ty.integer} NOT NULL,
        basis ${ty.text} NOT NULL,
        segment ${ty.text} NOT NULL,
        owner ${ty.text},
        due_on ${ty.date} NOT NULL,
        priority ${ty.smallint} NOT NULL,
        reason ${ty.json} NOT NULL,
        members ${ty.integer} NOT NULL,
        status ${ty.text} NOT NULL DEFAULT 'open',
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        done_at ${ty.timestamp},
        done_by ${ty.text},
        PRIMARY KEY (id),
        UNIQUE (occasion_key)
      )`,
      `CREATE TABLE campaign_members (
        customer_id ${ty.bigint} NOT NULL,
        campaign_id ${ty.bigint} NOT NULL${bulkTableKeys ? ",\n        PRIMARY KEY (customer_id, campaign_id)" : ""}
      )`,
    ];
  },
};
