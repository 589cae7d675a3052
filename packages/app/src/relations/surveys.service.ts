/**
 * Survey answers: the list of those of customers in scope (newest first), and a summary over the
 * answers a filter selects — NPS and the satisfaction index per item, computed by the same
 * functions the analysis uses (core npsSummary and csi), so the two never disagree.
 */
import { csi, detractorKey, LOW_SATISFACTION_MAX, npsSummary } from "@custra/core";
import { findAnalysisRun, visibleCustomer } from "@custra/db";
import { type Expression, type SqlBool, sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { customerFilter, decodeCursor, type Page, pageOf, readCountedPage } from "../records/records-page.ts";
import {
  type FOLLOW_UP_STATES,
  type ListSurveyFollowUpsInput,
  type ListSurveysInput,
  listSurveyFollowUpsSchema,
  listSurveysSchema,
  type SURVEY_GROUPINGS,
  type SurveyBreakdownInput,
  type SurveyFilter,
  type SurveySummaryInput,
  type SurveyTrendInput,
  surveyBreakdownSchema,
  surveySummarySchema,
  surveyTrendSchema,
} from "./relations.schemas.ts";
import { numberOrNull } from "./relations.shared.ts";

export interface SurveyAnswer {
  id: number;
  customerCode: string;
  customerName: string | null;
  answeredOn: string;
  /** 0–10; null when the answer has none (a satisfaction item). */
  nps: number | null;
  item: string | null;
  /** 1–5. */
  satisfaction: number | null;
  comment: string | null;
  orderExternalId: string | null;
}

export interface SurveySummary {
  /** Answers the filter selects. */
  answers: number;
  nps: {
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    /** % promoters − % detractors (−100..100); null without an NPS answer. */
    score: number | null;
  };
  csi: {
    /** The satisfaction index 0..100 over the items; null without a satisfaction score. */
    overall: number | null;
    items: {
      /** The item asked about; null for scores given without one. */
      item: string | null;
      responses: number;
      /** Mean score 1..5. */
      mean: number;
      /** (mean − 1) / 4 × 100. */
      index: number;
    }[];
  };
}

/** How many answers the 360 view shows. */
export const CUSTOMER_SURVEY_ANSWERS = 20;

/** The scheme whose grades the filters and the breakdown read when none is named. */
const DEFAULT_SCHEME = "value";
/** NPS answers of 0–6 are detractors (Reichheld; core npsCategoryOf). */
const DETRACTOR_MAX = 6;

function answersOf(ctx: AppContext) {
  return ctx.handle.read
    .selectFrom("survey_answers as s")
    .innerJoin("customers as c", "c.id", "s.customer_id")
    .where(visibleCustomer(ctx.actor.scope, "s.customer_id"));
}
type Answers = ReturnType<typeof answersOf>;

/** A day given as text, compared as a DATE on both engines. */
const asDate = (day: string) => sql<string>`CAST(${day} AS DATE)`;

/** The answers of the customers in scope that `filter` selects (one customer: checked in scope). */
async function filtered(ctx: AppContext, filter: SurveyFilter, customerId?: number): Promise<Answers> {
  let query = answersOf(ctx);
  const id = (await customerFilter(ctx, filter.customerCode)) ?? customerId;
  if (id !== undefined) query = query.where("s.customer_id", "=", id);
  if (filter.from !== undefined) query = query.where("s.answered_on", ">=", asDate(filter.from));
  if (filter.to !== undefined) query = query.where("s.answered_on", "<=", asDate(filter.to));
  if (filter.npsMin !== undefined) query = query.where("s.nps", ">=", filter.npsMin);
  if (filter.npsMax !== undefined) query = query.where("s.nps", "<=", filter.npsMax);
  for (const condition of await groupConditions(ctx, filter, "s.customer_id")) query = query.where(condition);
  return query;
}

/** The runs a grade or segment is read from: the latest grade run of the scheme, the latest analysis. */
async function groupRuns(ctx: AppContext, scheme: string | undefined) {
  const db = ctx.handle.read;
  const gradeRun = await db
    .selectFrom("grade_runs")
    .select("id")
    .where("scheme_name", "=", scheme ?? DEFAULT_SCHEME)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const analysisRun = await findAnalysisRun(db);
  // -1 is no run's id: a grade or segment asked for before any run selects nobody.
  return { gradeRunId: gradeRun ? Number(gradeRun.id) : -1, analysisRunId: analysisRun?.id ?? -1 };
}

/** The conditions on `customerColumn` of a filter's grade and RFM segment (the customers' current ones). */
async function groupConditions(
  ctx: AppContext,
  filter: { scheme?: string | undefined; grade?: string | undefined; rfmSegment?: string | undefined },
  customerColumn: string,
): Promise<Expression<SqlBool>[]> {
  if (filter.grade === undefined && filter.rfmSegment === undefined) return [];
  const runs = await groupRuns(ctx, filter.scheme);
  const customer = sql.ref(customerColumn);
  const conditions: Expression<SqlBool>[] = [];
  if (filter.grade !== undefined)
    conditions.push(sql<SqlBool>`${customer} IN (SELECT g.customer_id FROM customer_grades g
      WHERE g.grade_run_id = ${runs.gradeRunId} AND g.grade = ${filter.grade})`);
  if (filter.rfmSegment !== undefined)
    conditions.push(sql<SqlBool>`${customer} IN (SELECT r.customer_id FROM customer_scores r
      WHERE r.run_id = ${runs.analysisRunId} AND r.rfm_segment = ${filter.rfmSegment})`);
  return conditions;
}

const ANSWER_COLUMNS = [
  "s.id",
  "c.code",
  "c.name as customer_name",
  sql<string>`CAST(s.answered_on AS TEXT)`.as("answered_on"),
  "s.nps",
  "s.item",
  "s.satisfaction",
  "s.comment",
  "s.order_external_id",
] as const;

interface AnswerRow {
  id: number | bigint;
  code: string;
  customer_name: string | null;
  answered_on: string;
  nps: number | bigint | null;
  item: string | null;
  satisfaction: number | bigint | null;
  comment: string | null;
  order_external_id: string | null;
}

function answerOf(row: AnswerRow): SurveyAnswer {
  return {
    id: Number(row.id),
    customerCode: row.code,
    customerName: row.customer_name,
    answeredOn: row.answered_on,
    nps: numberOrNull(row.nps),
    item: row.item,
    satisfaction: numberOrNull(row.satisfaction),
    comment: row.comment,
    orderExternalId: row.order_external_id,
  };
}

/** Survey answers of the customers in scope by customer, day and NPS, newest first. */
export async function listSurveyAnswers(
  ctx: AppContext,
  input: ListSurveysInput | unknown = {},
): Promise<Page<SurveyAnswer>> {
  requirePermission(ctx.actor, "read");
  const { limit, cursor: given, ...filter } = parseInput(listSurveysSchema, input ?? {});
  const cursor = given === undefined ? undefined : decodeCursor(given, "text");
  const query = await filtered(ctx, filter);
  const counted = await query
    .select(sql<number | bigint | string>`COUNT(*)`.as("total"))
    .executeTakeFirstOrThrow();
  const rows = await newestFirst(query, limit + 1, cursor?.key as string | undefined, cursor?.id);
  return pageOf(rows, limit, Number(counted.total), answerOf, (row) => ({
    key: row.answered_on,
    id: Number(row.id),
  }));
}

function newestFirst(query: Answers, limit: number, day?: string, id?: number): Promise<AnswerRow[]> {
  let paged = query.select(ANSWER_COLUMNS);
  if (day !== undefined && id !== undefined) {
    paged = paged.where((eb) =>
      eb.or([
        eb("s.answered_on", "<", asDate(day)),
        eb.and([eb("s.answered_on", "=", asDate(day)), eb("s.id", "<", id)]),
      ]),
    );
  }
  return paged.orderBy("s.answered_on", "desc").orderBy("s.id", "desc").limit(limit).execute() as Promise<
    AnswerRow[]
  >;
}

/** NPS and satisfaction per item over the answers of customers in scope that the filter selects. */
export async function summarizeSurveys(
  ctx: AppContext,
  input: SurveySummaryInput | unknown = {},
): Promise<SurveySummary> {
  requirePermission(ctx.actor, "read");
  return summaryOf(await filtered(ctx, parseInput(surveySummarySchema, input ?? {})));
}

export interface SurveyMonth extends SurveySummary {
  /** YYYY-MM. */
  month: string;
}

/**
 * NPS and satisfaction month by month (oldest first) over the answers of customers in scope, for
 * the `months` months up to the month of `to` (default: of the latest answer in scope; none: no
 * months). Each month is summarised as the summary endpoint would summarise its days.
 */
export async function surveyTrend(
  ctx: AppContext,
  input: SurveyTrendInput | unknown = {},
): Promise<SurveyMonth[]> {
  requirePermission(ctx.actor, "read");
  const { months, to, ...groups } = parseInput(surveyTrendSchema, input ?? {});
  const latest =
    to ??
    (
      await (
        await filtered(ctx, groups)
      )
        .select(sql<string | null>`CAST(MAX(s.answered_on) AS TEXT)`.as("day"))
        .executeTakeFirst()
    )?.day;
  if (!latest) return [];
  const last = Number(latest.slice(0, 4)) * 12 + Number(latest.slice(5, 7)) - 1;
  const trend: SurveyMonth[] = [];
  for (let month = last - months + 1; month <= last; month++) {
    const year = Math.floor(month / 12);
    const monthOfYear = (month % 12) + 1;
    const from = `${year}-${String(monthOfYear).padStart(2, "0")}-01`;
    const through = new Date(Date.UTC(year, monthOfYear, 0)).toISOString().slice(0, 10);
    const summary = await summaryOf(await filtered(ctx, { ...groups, from, to: through }));
    trend.push({ month: from.slice(0, 7), ...summary });
  }
  return trend;
}

/** One customer's latest answers and their summary (the customer already found in scope), for the 360 view. */
export async function customerSurveys(
  ctx: AppContext,
  customerId: number,
): Promise<{ answers: SurveyAnswer[]; summary: SurveySummary }> {
  const query = await filtered(ctx, {}, customerId);
  const rows = await newestFirst(query, CUSTOMER_SURVEY_ANSWERS);
  return { answers: rows.map(answerOf), summary: await summaryOf(query) };
}

/**
 * The summary of the answers `query` selects. The database counts the answers per NPS value and
 * per item and score (a handful of rows however many answers); the counts are laid out as columns
 * for npsSummary and csi, the analysis's own formulas.
 */
async function summaryOf(query: Answers): Promise<SurveySummary> {
  const count = sql<number | bigint | string>`COUNT(*)`.as("n");
  const total = await query.select(count).executeTakeFirstOrThrow();
  const byNps = await query
    .select(["s.nps", count])
    .where("s.nps", "is not", null)
    .groupBy("s.nps")
    .execute();
  const byItem = await query
    .select(["s.item", "s.satisfaction", count])
    .where("s.satisfaction", "is not", null)
    .groupBy(["s.item", "s.satisfaction"])
    .execute();
  return summaryOfCounts(Number(total.n), byNps, byItem);
}

interface NpsCount {
  nps: number | bigint | null;
  n: number | bigint | string;
}
interface ItemCount {
  item: string | null;
  satisfaction: number | bigint | null;
  n: number | bigint | string;
}

/** NPS and CSI from the answers' counts per NPS value and per item and score. */
function summaryOfCounts(
  answers: number,
  byNps: readonly NpsCount[],
  byItem: readonly ItemCount[],
): SurveySummary {
  const nps = npsSummary(repeated(byNps.map((row) => [Number(row.nps), Number(row.n)])));
  const items = [...new Set(byItem.map((row) => row.item))].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a.localeCompare(b),
  );
  const itemIndex = new Map(items.map((item, k) => [item, k]));
  const scored = byItem.map((row) => [itemIndex.get(row.item)!, Number(row.satisfaction), Number(row.n)]);
  const satisfaction = csi(
    {
      item: repeated(scored.map(([item, , n]) => [item!, n!])),
      score: repeated(scored.map(([, score, n]) => [score!, n!])),
    },
    { itemCount: items.length },
  );
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    answers,
    nps: {
      responses: nps.responses,
      promoters: nps.promoters,
      passives: nps.passives,
      detractors: nps.detractors,
      score: finite(nps.nps),
    },
    csi: {
      overall: finite(satisfaction.overall),
      items: satisfaction.items.map(({ item, responses, mean, index }) => ({
        item: items[item]!,
        responses,
        mean,
        index,
      })),
    },
  };
}

export interface SurveyGroup extends SurveySummary {
  /** The grade or RFM segment; null for the answers of customers without one. */
  code: string | null;
}

export interface SurveyBreakdown {
  by: (typeof SURVEY_GROUPINGS)[number];
  /** The scheme whose grades group the answers (by grade). */
  scheme: string;
  /** Groups with answers, by code (null last). */
  groups: SurveyGroup[];
}

/**
 * NPS and satisfaction per grade (the customers' grade in the latest grade run of the scheme) or
 * per RFM segment (in the latest analysis run) over the answers of customers in scope, each group
 * summarised as the summary endpoint would summarise its answers.
 */
export async function surveyBreakdown(
  ctx: AppContext,
  input: SurveyBreakdownInput | unknown,
): Promise<SurveyBreakdown> {
  requirePermission(ctx.actor, "read");
  const { by, scheme = DEFAULT_SCHEME, from, to } = parseInput(surveyBreakdownSchema, input);
  const runs = await groupRuns(ctx, scheme);
  const base = await filtered(ctx, { from, to });
  const grouped =
    by === "grade"
      ? base.leftJoin("customer_grades as grp", (join) =>
          join.onRef("grp.customer_id", "=", "s.customer_id").on("grp.grade_run_id", "=", runs.gradeRunId),
        )
      : base.leftJoin("customer_scores as grp", (join) =>
          join.onRef("grp.customer_id", "=", "s.customer_id").on("grp.run_id", "=", runs.analysisRunId),
        );
  const code = sql<string | null>`${sql.ref(by === "grade" ? "grp.grade" : "grp.rfm_segment")}`;
  const count = sql<number | bigint | string>`COUNT(*)`.as("n");
  const totals = await grouped
    .select([code.as("code"), count])
    .groupBy(code)
    .execute();
  const byNps = await grouped
    .select([code.as("code"), "s.nps", count])
    .where("s.nps", "is not", null)
    .groupBy([code, "s.nps"])
    .execute();
  const byItem = await grouped
    .select([code.as("code"), "s.item", "s.satisfaction", count])
    .where("s.satisfaction", "is not", null)
    .groupBy([code, "s.item", "s.satisfaction"])
    .execute();
  const codes = totals
    .map((row) => row.code)
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const groups = codes.map((group) => ({
    code: group,
    ...summaryOfCounts(
      Number(totals.find((row) => row.code === group)!.n),
      byNps.filter((row) => row.code === group),
      byItem.filter((row) => row.code === group),
    ),
  }));
  return { by, scheme, groups };
}

export interface SurveyFollowUp {
  /** The survey's first answer's id (a survey is a customer's answers of one day). */
  id: number;
  customerCode: string;
  customerName: string | null;
  /** The customer's owner. */
  owner: string | null;
  answeredOn: string;
  /** The survey's mean NPS (0–10), null without one. */
  nps: number | null;
  /** The survey's mean satisfaction score (1–5), null without one. */
  satisfaction: number | null;
  /** What calls for the follow-up: an NPS of 0–6, else a satisfaction score of 1–2. */
  reason: "detractor" | "low_satisfaction";
  followUp: (typeof FOLLOW_UP_STATES)[number];
  /** The follow-up task; null when there is none (the survey was before the window tasks look back over, or the customer's rule has no detractor follow-up). */
  task: { id: number; status: string; owner: string | null; dueOn: string; doneAt: Date | null } | null;
}

interface FollowUpRow {
  id: number | bigint;
  code: string;
  name: string | null;
  owner: string | null;
  answered_on: string;
  nps: number | null;
  satisfaction: number | null;
  task_id: number | bigint | null;
  task_status: string | null;
  task_owner: string | null;
  task_due_on: string | null;
  task_done_at: Date | null;
}

/**
 * The surveys that call for a follow-up, newest first, with the detractor follow-up task each has.
 * A survey is grouped and named as task generation does it (engine loadDetractorAnswers: a
 * customer's answers of one day, scored by their means, named by the first answer's external id),
 * so the task found is the one generated for it.
 */
export async function listSurveyFollowUps(
  ctx: AppContext,
  input: ListSurveyFollowUpsInput | unknown = {},
): Promise<Page<SurveyFollowUp>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listSurveyFollowUpsSchema, input ?? {});
  const d = sql.raw(ctx.handle.sqlTypes.double);
  const inner: Expression<SqlBool>[] = [
    visibleCustomer(ctx.actor.scope, "a.customer_id"),
    ...(await groupConditions(ctx, query, "a.customer_id")),
  ];
  if (query.from !== undefined) inner.push(sql<SqlBool>`a.answered_on >= ${asDate(query.from)}`);
  if (query.to !== undefined) inner.push(sql<SqlBool>`a.answered_on <= ${asDate(query.to)}`);
  const conditions: Expression<SqlBool>[] = [];
  if (query.followUp === "none") conditions.push(sql<SqlBool>`t.id IS NULL`);
  else if (query.followUp !== undefined) conditions.push(sql<SqlBool>`t.status = ${query.followUp}`);
  const { rows, total, nextCursor } = await readCountedPage<FollowUpRow>(ctx.handle.read, {
    from: sql`FROM (
        SELECT a.customer_id, MIN(a.id) AS id, MIN(a.external_id) AS external_id,
               CAST(a.answered_on AS TEXT) AS answered_on,
               CAST(AVG(a.nps) AS ${d}) AS nps, CAST(AVG(a.satisfaction) AS ${d}) AS satisfaction
        FROM survey_answers a
        WHERE ${sql.join(inner, sql` AND `)}
        GROUP BY a.customer_id, a.answered_on
        HAVING AVG(a.nps) <= ${DETRACTOR_MAX} OR AVG(a.satisfaction) <= ${LOW_SATISFACTION_MAX}
      ) u
      JOIN customers c ON c.id = u.customer_id
      LEFT JOIN tasks t ON t.customer_id = u.customer_id
        AND t.occasion_key = CAST(${detractorKey("")} AS TEXT) || u.external_id`,
    columns: sql`u.id, c.code, c.name, c.owner, u.answered_on, u.nps, u.satisfaction,
                 t.id AS task_id, t.status AS task_status, t.owner AS task_owner,
                 CAST(t.due_on AS TEXT) AS task_due_on, t.done_at AS task_done_at`,
    conditions,
    key: sql`u.answered_on`,
    keyKind: "text",
    id: "u.id",
    descending: true,
    limit: query.limit,
    cursor: query.cursor,
    double: ctx.handle.sqlTypes.double,
  });
  return {
    items: rows.map((row) => {
      const nps = numberOrNull(row.nps);
      return {
        id: Number(row.id),
        customerCode: row.code,
        customerName: row.name,
        owner: row.owner,
        answeredOn: row.answered_on,
        nps,
        satisfaction: numberOrNull(row.satisfaction),
        reason: nps !== null && nps <= DETRACTOR_MAX ? "detractor" : "low_satisfaction",
        followUp: row.task_id === null ? "none" : row.task_status === "done" ? "done" : "open",
        task:
          row.task_id === null
            ? null
            : {
                id: Number(row.task_id),
                status: row.task_status!,
                owner: row.task_owner,
                dueOn: row.task_due_on!,
                doneAt: row.task_done_at === null ? null : new Date(row.task_done_at),
              },
      };
    }),
    total,
    nextCursor,
  };
}

/** A column holding each value as often as counted: [[9, 2], [3, 1]] → 9, 9, 3. */
function repeated(counts: readonly (readonly [number, number])[]): Float64Array {
  const column = new Float64Array(counts.reduce((sum, [, n]) => sum + n, 0));
  let at = 0;
  for (const [value, n] of counts) {
    column.fill(value, at, at + n);
    at += n;
  }
  return column;
}
