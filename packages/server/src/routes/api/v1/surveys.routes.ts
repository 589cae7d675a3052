import {
  listSurveyAnswers,
  listSurveyFollowUps,
  listSurveyFollowUpsSchema,
  listSurveysSchema,
  summarizeSurveys,
  surveyBreakdown,
  surveyBreakdownSchema,
  surveySummarySchema,
  surveyTrend,
  surveyTrendSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  surveyAnswerPageSchema,
  surveyBreakdownResultSchema,
  surveyFollowUpPageSchema,
  surveySummaryResultSchema,
} from "./relations.schemas.ts";

const trendQuery = surveyTrendSchema.extend({ months: z.coerce.number().int().min(1).max(36).default(12) });
const surveyMonthSchema = surveySummaryResultSchema.extend({ month: z.string().describe("YYYY-MM") });

import { commonProblems } from "./schemas.ts";

const npsScore = z.coerce.number().int().min(0).max(10).optional();
const summaryQuery = surveySummarySchema.extend({ npsMin: npsScore, npsMax: npsScore });
const pageLimit = z.coerce.number().int().min(1).max(500).default(50);
const listQuery = listSurveysSchema.extend({ npsMin: npsScore, npsMax: npsScore, limit: pageLimit });
const followUpsQuery = listSurveyFollowUpsSchema.extend({ limit: pageLimit });

/** Survey answers of the customers in scope, their NPS and satisfaction (summary, trend, per grade or segment), and the unhappy ones' follow-ups. */
export async function surveysRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["surveys"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "Survey answers of the customers in scope by customer, day and NPS, newest first",
        querystring: listQuery,
        response: { 200: surveyAnswerPageSchema, ...commonProblems },
      },
    },
    async (request) => listSurveyAnswers({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/summary",
    {
      schema: {
        tags,
        summary:
          "NPS (promoters − detractors, %) and the satisfaction index per item over the answers selected",
        querystring: summaryQuery,
        response: { 200: surveySummaryResultSchema, ...commonProblems },
      },
    },
    async (request) => summarizeSurveys({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/trend",
    {
      schema: {
        tags,
        summary:
          "NPS and the satisfaction index month by month, for `months` months up to `to` (default the latest answer's month)",
        querystring: trendQuery,
        response: { 200: z.array(surveyMonthSchema), ...commonProblems },
      },
    },
    async (request) => surveyTrend({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/breakdown",
    {
      schema: {
        tags,
        summary:
          "NPS and the satisfaction index per grade (the customers' current grade of `scheme`) or RFM segment, over the answers selected",
        querystring: surveyBreakdownSchema,
        response: { 200: surveyBreakdownResultSchema, ...commonProblems },
      },
    },
    async (request) => surveyBreakdown({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/follow-ups",
    {
      schema: {
        tags,
        summary:
          "Surveys of the customers in scope that call for a follow-up (NPS 0–6 or satisfaction 1–2), newest first, with their detractor follow-up task",
        querystring: followUpsQuery,
        response: { 200: surveyFollowUpPageSchema, ...commonProblems },
      },
    },
    async (request) => listSurveyFollowUps({ handle, actor: request.actor! }, request.query),
  );
}
