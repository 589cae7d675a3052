/**
 * `custra structure --by grade,industry`: the customer structure as cross-tabs of the latest
 * analysis run (and the latest grade run of a scheme, when grades are asked for): customers,
 * revenue and predicted value per combination, with their shares of the whole.
 */
import { ALL_CUSTOMERS, type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { type RawBuilder, sql } from "kysely";
import type { GroupShare } from "../analyze/analyze.ts";
import { GradeError } from "./errors.ts";
import { analysisRun, DEFAULT_SCHEME } from "./grade-run.ts";

/** What the structure can be broken down by, and the column each one reads. */
const DIMENSIONS = {
  grade: "g.grade",
  industry: "c.industry",
  province: "c.province",
  city: "c.city",
  owner: "c.owner",
  customer_type: "c.type",
  needs_type: "c.needs_type",
  value_tier: "s.value_tier",
  lifecycle_stage: "s.lifecycle_stage",
  abc_class: "s.abc_class",
  rfm_segment: "s.rfm_segment",
  rfm_class: "s.rfm_class",
  behaviour_status: "s.behaviour_status",
  credit_grade: "s.credit_grade",
  churn_warning: "s.churn_warning",
} as const;

export type StructureDimension = keyof typeof DIMENSIONS;
export const STRUCTURE_DIMENSIONS = Object.keys(DIMENSIONS) as StructureDimension[];

/**
 * Other names people use for a dimension. The customer's region is its province, one field
 * everywhere (import, grading, structure); `region` is read as it.
 */
export const STRUCTURE_DIMENSION_ALIASES: Readonly<Record<string, StructureDimension>> = {
  region: "province",
};

export interface StructureRequest {
  by: readonly string[];
  /** The scheme whose latest grades `grade` means (default "value"). */
  scheme?: string;
  analysisRunId?: number;
  /** The customers counted (default all): a customer out of the reader's scope is in no cell and no total. */
  scope?: CustomerScope;
}

/** A group of customers with its counts and shares, as the analysis reports its groups. */
export interface StructureCell extends Omit<GroupShare, "code"> {
  /** One value per dimension of `by`, null where the customer has none. */
  keys: (string | null)[];
}

export interface StructureReport {
  by: StructureDimension[];
  analysisRunId: number;
  gradeRunId?: number;
  scheme?: string;
  totals: { customers: number; revenue: number; clv: number };
  /** Largest revenue first. */
  cells: StructureCell[];
}

export async function structureBy(handle: DbHandle, request: StructureRequest): Promise<StructureReport> {
  const by = request.by.map((written) => {
    const name = STRUCTURE_DIMENSION_ALIASES[written] ?? written;
    if (!Object.hasOwn(DIMENSIONS, name)) {
      throw new GradeError("GRADE_UNKNOWN_DIMENSION", { name, known: STRUCTURE_DIMENSIONS.join(", ") });
    }
    return name as StructureDimension;
  });
  const run = await analysisRun(handle, request.analysisRunId);
  let gradeRunId: number | undefined;
  const scheme = request.scheme ?? DEFAULT_SCHEME;
  if (by.includes("grade")) {
    const latest = await handle.read
      .selectFrom("grade_runs")
      .select("id")
      .where("scheme_name", "=", scheme)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!latest) throw new GradeError("GRADE_NO_GRADE_RUN", { scheme });
    gradeRunId = Number(latest.id);
  }
  const double = sql.raw(handle.sqlTypes.double);
  const keys = by.map((name, k) => sql`${sql.raw(DIMENSIONS[name])} AS ${sql.ref(`k${k}`)}`);
  const groups: RawBuilder<unknown>[] = by.map((_, k) => sql.ref(`k${k}`) as unknown as RawBuilder<unknown>);
  const gradeJoin =
    gradeRunId === undefined
      ? sql``
      : sql`LEFT JOIN customer_grades g ON g.grade_run_id = ${gradeRunId} AND g.customer_id = s.customer_id`;
  const { rows } = await sql<Record<string, string | number | null>>`
    WITH base AS (
      SELECT ${sql.join(keys)}, s.revenue, s.clv
      FROM customer_scores s
      JOIN customers c ON c.id = s.customer_id
      ${gradeJoin}
      WHERE s.run_id = ${run.id} AND ${visibleCustomer(request.scope ?? ALL_CUSTOMERS, "s.customer_id")}
    )
    SELECT ${sql.join(groups)}, CAST(COUNT(*) AS ${double}) AS customers,
           CAST(SUM(revenue) AS ${double}) AS revenue,
           CAST(SUM(COALESCE(clv, 0)) AS ${double}) AS clv
    FROM base
    GROUP BY ${sql.join(groups)}`.execute(handle.read); // beside a running job, not behind it
  const totals = { customers: 0, revenue: 0, clv: 0 };
  for (const row of rows) {
    totals.customers += Number(row.customers);
    totals.revenue += Number(row.revenue);
    totals.clv += Number(row.clv);
  }
  const share = (part: number, whole: number) => (whole !== 0 ? part / whole : 0);
  const cells = rows
    .map((row) => ({
      keys: by.map((_, k) => (row[`k${k}`] === null ? null : String(row[`k${k}`]))),
      customers: Number(row.customers),
      customerShare: share(Number(row.customers), totals.customers),
      revenue: Number(row.revenue),
      revenueShare: share(Number(row.revenue), totals.revenue),
      clv: Number(row.clv),
      clvShare: share(Number(row.clv), totals.clv),
    }))
    .sort((a, b) => b.revenue - a.revenue || compareKeys(a.keys, b.keys));
  return {
    by,
    analysisRunId: run.id,
    ...(gradeRunId === undefined ? {} : { gradeRunId, scheme }),
    totals,
    cells,
  };
}

function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let k = 0; k < a.length; k++) {
    const order = (a[k] ?? "").localeCompare(b[k] ?? "");
    if (order !== 0) return order;
  }
  return 0;
}
