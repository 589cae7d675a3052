/**
 * Survey answers: the list of those of customers in scope (newest first), and a summary over the
 * answers a filter selects — NPS and the satisfaction index per item, computed by the same
 * functions the analysis uses (core npsSummary and csi), so the two never disagree.
 */
import { csi, npsSummary } from "@custra/core";
import { visibleCustomer } from "@custra/db";
import { sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { customerFilter, decodeCursor, type Page, pageOf } from "../records/records-page.ts";
import {
  type ListSurveysInput,
  listSurveysSchema,
  type SurveyFilter,
  type SurveySummaryInput,
  type SurveyTrendInput,
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
  return query;
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
  const { months, to } = parseInput(surveyTrendSchema, input ?? {});
  const latest =
    to ??
    (
      await answersOf(ctx)
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
    const summary = await summaryOf(await filtered(ctx, { from, to: through }));
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
  const nps = npsSummary(repeated(byNps.map((row) => [Number(row.nps), Number(row.n)])));
  const items = [...new Set(byItem.map((row) => row.item))].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a.localeCompare(b),
  );
  const itemIndex = new Map(items.map((item, k) => [item, k]));
  const answers = byItem.map((row) => [itemIndex.get(row.item)!, Number(row.satisfaction), Number(row.n)]);
  const satisfaction = csi(
    {
      item: repeated(answers.map(([item, , n]) => [item!, n!])),
      score: repeated(answers.map(([, score, n]) => [score!, n!])),
    },
    { itemCount: items.length },
  );
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    answers: Number(total.n),
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
