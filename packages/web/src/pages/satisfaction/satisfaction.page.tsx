/**
 * 满意度 / Satisfaction (issue 11): NPS and the satisfaction index (CSI) month by month for the
 * customers of a grade or RFM segment (GET /surveys/trend), their figures over the months shown
 * (GET /surveys/summary), the same per grade and per segment (GET /surveys/breakdown), the
 * detractors and low scores with their follow-up tasks, and how long complaints stay open.
 */
import { QuestionCircleOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Select, Space, Statistic, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useLanguageKey, useSchemeGrades } from "../../api/queries.ts";
import { decimal, percent } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { EChart } from "../overview/echart.tsx";
import { useOwners } from "../tasks/owners.ts";
import { Complaints } from "./complaints.tsx";
import { FollowUps, type SurveyScope } from "./follow-ups.tsx";
import { breakdownOption, type ChartTexts, trendOption } from "./options.ts";
import type {
  Page,
  SurveyBreakdown,
  SurveyFollowUp,
  SurveyMonth,
  SurveySummary,
} from "./satisfaction.types.ts";
import { addSatisfactionTexts } from "./texts.ts";

addSatisfactionTexts();

const MONTHS = [6, 12, 24, 36] as const;
const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new_customers",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
  "lost",
  "no_purchase",
] as const;

/** The last day of a YYYY-MM month. */
function monthEnd(month: string): string {
  const [year, monthOfYear] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthOfYear, 0)).toISOString().slice(0, 10);
}

export default function SatisfactionPage() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const grades = useSchemeGrades();
  const { names } = useOwners();
  const [grade, setGrade] = useState<string | undefined>(undefined);
  const [rfmSegment, setRfmSegment] = useState<string | undefined>(undefined);
  const [months, setMonths] = useState<number>(12);
  const groups = { grade, rfmSegment };

  const trend = useQuery({
    queryKey: ["surveys", "trend", groups, months],
    queryFn: ({ signal }) => api<SurveyMonth[]>("/surveys/trend", { query: { ...groups, months }, signal }),
  });
  const first = trend.data?.[0];
  const last = trend.data?.[trend.data.length - 1];
  // The months the trend shows, as days: the figures and lists below are over the same answers.
  const period = first && last ? { from: `${first.month}-01`, to: monthEnd(last.month) } : null;
  const scope: SurveyScope | null = period ? { ...period, ...groups } : null;
  const summary = useQuery({
    queryKey: ["surveys", "summary", scope],
    queryFn: ({ signal }) => api<SurveySummary>("/surveys/summary", { query: { ...scope }, signal }),
    enabled: scope !== null,
  });
  const openFollowUps = useQuery({
    queryKey: ["surveys", "follow-ups", "open", scope],
    queryFn: ({ signal }) =>
      api<Page<SurveyFollowUp>>("/surveys/follow-ups", {
        query: { ...scope, followUp: "open", limit: 1 },
        signal,
      }),
    enabled: scope !== null,
  });
  const breakdown = (by: "grade" | "rfmSegment") => ({
    queryKey: ["surveys", "breakdown", by, period],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<SurveyBreakdown>("/surveys/breakdown", { query: { by, ...period }, signal }),
    enabled: period !== null,
  });
  const byGrade = useQuery(breakdown("grade"));
  const bySegment = useQuery(breakdown("rfmSegment"));

  const ctx: ChartTexts = { t, number: (value) => decimal(value, 1) };
  const gradeLabel = (code: string | null) => {
    if (code === null) return t("satisfaction.charts.ungrouped");
    const found = grades.data?.find((candidate) => candidate.code === code);
    return found ? (found.label[language] ?? found.label["zh-CN"] ?? code) : code;
  };
  const segmentLabel = (code: string | null) =>
    code === null ? t("satisfaction.charts.ungrouped") : t(`segments.rfm.${code}`, { defaultValue: code });

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="satisfaction-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("satisfaction.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("satisfaction.subtitle")}</Typography.Text>
      </div>
      <Space wrap data-testid="satisfaction-filters">
        <Select
          data-testid="filter-grade"
          aria-label={t("satisfaction.filters.grade")}
          style={{ minWidth: 160 }}
          allowClear
          placeholder={t("satisfaction.filters.allGrades")}
          value={grade}
          onChange={(value?: string) => setGrade(value)}
          options={(grades.data ?? []).map((candidate) => ({
            value: candidate.code,
            label: gradeLabel(candidate.code),
          }))}
        />
        <Select
          data-testid="filter-segment"
          aria-label={t("satisfaction.filters.segment")}
          style={{ minWidth: 180 }}
          allowClear
          placeholder={t("satisfaction.filters.allSegments")}
          value={rfmSegment}
          onChange={(value?: string) => setRfmSegment(value)}
          options={RFM_SEGMENTS.map((code) => ({ value: code, label: segmentLabel(code) }))}
        />
        <Select
          data-testid="filter-months"
          aria-label={t("satisfaction.filters.months")}
          style={{ minWidth: 150 }}
          value={months}
          onChange={setMonths}
          options={MONTHS.map((count) => ({
            value: count,
            label: t("satisfaction.filters.monthsOption", { months: count }),
          }))}
        />
        <Typography.Text type="secondary" data-testid="satisfaction-period">
          {period
            ? t("satisfaction.filters.period", period)
            : trend.isSuccess
              ? t("satisfaction.filters.noPeriod")
              : ""}
        </Typography.Text>
      </Space>
      {trend.isPending ? (
        <PageLoading />
      ) : trend.isError ? (
        <LoadFailed error={trend.error} onRetry={() => trend.refetch()} />
      ) : !scope ? (
        <NoData text={t("satisfaction.filters.noPeriod")} />
      ) : (
        <>
          <Figures summary={summary} openFollowUps={openFollowUps.data?.total} />
          <Card size="small" title={t("satisfaction.charts.trend")}>
            {trend.data.every((month) => month.answers === 0) ? (
              <NoData text={t("satisfaction.charts.noAnswers")} />
            ) : (
              <EChart option={trendOption(trend.data, ctx)} height={300} data-testid="chart-trend" />
            )}
          </Card>
          <Row gutter={[16, 16]}>
            {[
              { key: "by-grade", title: t("satisfaction.charts.byGrade"), query: byGrade, label: gradeLabel },
              {
                key: "by-segment",
                title: t("satisfaction.charts.bySegment"),
                query: bySegment,
                label: segmentLabel,
              },
            ].map(({ key, title, query, label }) => (
              <Col xs={24} xl={12} key={key}>
                <Card size="small" title={title}>
                  {query.isPending ? (
                    <PageLoading />
                  ) : query.isError ? (
                    <LoadFailed error={query.error} onRetry={() => query.refetch()} />
                  ) : query.data.groups.length === 0 ? (
                    <NoData text={t("satisfaction.charts.noAnswers")} />
                  ) : (
                    <EChart
                      option={breakdownOption(query.data, label, ctx)}
                      height={280}
                      data-testid={`chart-${key}`}
                    />
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <FollowUps scope={scope} names={names} />
        </>
      )}
      <Complaints ctx={ctx} names={names} />
    </Space>
  );
}

/** The cards with longer titles: with the others they fill the row (4 + 3 + 3 + 3 + 4 + 3 + 4). */
const WIDE = new Set(["nps", "csi", "openFollowUps"]);

/** NPS, its promoters, passives and detractors, CSI, the answers and the follow-ups still open. */
function Figures({
  summary,
  openFollowUps,
}: {
  summary: { data?: SurveySummary | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  openFollowUps: number | undefined;
}) {
  const { t } = useTranslation();
  if (summary.isError) return <LoadFailed error={summary.error} onRetry={() => summary.refetch()} />;
  const data = summary.data;
  const nps = data?.nps;
  const share = (count: number | undefined) =>
    nps && nps.responses > 0 && count !== undefined ? count / nps.responses : null;
  const hint = (text: string) => (
    <Tooltip title={text}>
      <QuestionCircleOutlined style={{ color: "#8c8c8c", marginInlineStart: 4 }} />
    </Tooltip>
  );
  const cards = [
    {
      key: "nps",
      title: (
        <span>
          {t("satisfaction.kpi.nps")}
          {hint(t("satisfaction.kpi.npsHint"))}
        </span>
      ),
      value: decimal(nps?.score, 1),
      footer: nps ? t("satisfaction.kpi.responses", { count: decimal(nps.responses, 0) }) : "",
    },
    { key: "promoters", title: t("satisfaction.kpi.promoters"), value: percent(share(nps?.promoters)) },
    { key: "passives", title: t("satisfaction.kpi.passives"), value: percent(share(nps?.passives)) },
    { key: "detractors", title: t("satisfaction.kpi.detractors"), value: percent(share(nps?.detractors)) },
    {
      key: "csi",
      title: (
        <span>
          {t("satisfaction.kpi.csi")}
          {hint(t("satisfaction.kpi.csiHint"))}
        </span>
      ),
      value: decimal(data?.csi.overall, 1),
    },
    { key: "answers", title: t("satisfaction.kpi.answers"), value: data ? decimal(data.answers, 0) : "—" },
    {
      key: "openFollowUps",
      title: t("satisfaction.kpi.openFollowUps"),
      value: openFollowUps === undefined ? "—" : decimal(openFollowUps, 0),
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col xs={12} md={8} xl={WIDE.has(card.key) ? 4 : 3} key={card.key}>
          <Card size="small" data-testid={`kpi-${card.key}`} loading={!data}>
            <Statistic title={card.title} value={card.value} />
            {card.footer && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {card.footer}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
