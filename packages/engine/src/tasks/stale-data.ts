/**
 * Whether the day tasks are generated for fits the data. Tasks fall due by the day: generated for
 * today on an export whose last order is two years old, every cadence is overdue, every customer
 * looks lost and every win-back fires. The run still generates (the day may be meant), but says
 * how old the newest data is, so the user can generate for the data's own last day instead.
 */
import { daysBetween } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";

/**
 * The newest order, or the latest analysis's as-of date, may be this many days older than the
 * day generated for before the run warns: a month, the shortest cadence of the ready-made
 * playbooks (A visits every 30 days) and the period of the monthly campaigns. A company that
 * imports its orders daily or weekly never sees the warning; a one-off export does.
 */
export const STALE_DATA_DAYS = 30;

/** `stale_orders`: the last order is old; `stale_analysis`: the latest analysis is as of an old day. */
export type TaskWarningCode = "stale_orders" | "stale_analysis";

export interface TaskWarning {
  code: TaskWarningCode;
  /** The day generated for, the date of the newest data, the days between and the threshold. */
  params: { asOf: string; date: string; days: number; threshold: number };
}

/** The warnings about `asOf` being far later than the newest order and the latest analysis. */
export async function staleDataWarnings(handle: DbHandle, asOf: string): Promise<TaskWarning[]> {
  const { rows } = await sql<{ last_order: string | null; analysis_as_of: string | null }>`
    SELECT (SELECT CAST(MAX(order_date) AS TEXT) FROM orders WHERE order_date <= CAST(${asOf} AS DATE))
             AS last_order,
           (SELECT CAST(as_of AS TEXT) FROM analysis_runs ORDER BY id DESC LIMIT 1) AS analysis_as_of`.execute(
    handle.db,
  );
  const warnings: TaskWarning[] = [];
  const check = (code: TaskWarningCode, date: string | null | undefined) => {
    if (!date) return;
    const days = daysBetween(date, asOf);
    if (days > STALE_DATA_DAYS)
      warnings.push({ code, params: { asOf, date, days, threshold: STALE_DATA_DAYS } });
  };
  check("stale_orders", rows[0]?.last_order);
  check("stale_analysis", rows[0]?.analysis_as_of);
  return warnings;
}
