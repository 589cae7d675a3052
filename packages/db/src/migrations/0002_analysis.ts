import type { Migration } from "./migration.ts";

/*
 * Analysis results. Each `custra analyze` run is a row of analysis_runs and one row per customer
 * in customer_scores; runs are never overwritten, so grade history and migration between runs
 * compare real past results. customer_scores is written in bulk and read per run, so on both
 * engines it keys on (run_id, customer_id).
 */
export const analysis: Migration = {
  version: "0002_analysis",
  statements({ sqlTypes: ty }) {
    const double = ty.double;
    return [
      "CREATE SEQUENCE analysis_runs_id_seq",
      `CREATE TABLE analysis_runs (
        id ${ty.bigint} NOT NULL DEFAULT nextval('analysis_runs_id_seq') PRIMARY KEY,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        as_of ${ty.date} NOT NULL,
        time_unit ${ty.text} NOT NULL,
        horizon ${ty.integer} NOT NULL,
        model ${ty.text} NOT NULL,
        discount_rate ${double} NOT NULL,
        customers ${ty.integer} NOT NULL,
        report ${ty.json} NOT NULL
      )`,
      `CREATE TABLE customer_scores (
        run_id ${ty.bigint} NOT NULL,
        customer_id ${ty.bigint} NOT NULL,
        x ${double},
        t_x ${double},
        age ${double},
        monetary ${double},
        orders ${ty.integer} NOT NULL,
        revenue ${ty.decimal} NOT NULL,
        revenue_12m ${ty.decimal} NOT NULL,
        margin ${ty.decimal} NOT NULL,
        recency_days ${ty.integer},
        p_alive ${double},
        expected_purchases ${double},
        expected_spend ${double},
        clv ${double},
        profitability ${double},
        r_score ${ty.smallint},
        f_score ${ty.smallint},
        m_score ${ty.smallint},
        rfm_segment ${ty.text},
        rfm_class ${ty.text},
        abc_class ${ty.text},
        value_tier ${ty.text},
        behaviour_status ${ty.text},
        lifecycle_stage ${ty.text},
        credit_grade ${ty.text},
        credit_score ${double},
        churn_risk ${double},
        churn_warning ${ty.text},
        churn_reasons ${ty.json},
        nps_category ${ty.text},
        loyalty ${double},
        PRIMARY KEY (run_id, customer_id)
      )`,
    ];
  },
};
