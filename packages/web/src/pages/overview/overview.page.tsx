/**
 * 客户结构 / Structure overview (issue 11, page 2): an analysis run's key figures beside the run
 * before, and the customer structure as charts (grades, concentration, segments, fields, value,
 * churn, retention, grade migration) over the reader's customers, all read from the HTTP API.
 * The run and the grading scheme are in the URL (?runId=&scheme=), so a link opens the same view.
 * Chart elements that the customer list can filter for open it (links.ts).
 */
import { ArrowDownOutlined, ArrowUpOutlined } from "@ant-design/icons";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Row, Select, Space, Spin, Statistic, Typography } from "antd";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { api } from "../../api/client.ts";
import { useCurrency, useLanguageKey, useSchemeGrades, useSchemeTitles } from "../../api/queries.ts";
import { decimal, money, percent } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { EChart } from "./echart.tsx";
import { customersUrl, LIST_SCHEME, linkable } from "./links.ts";
import {
  type ChartContext,
  churnLineOption,
  clickedLink,
  clvHistogramOption,
  cohortOption,
  fieldBarsOption,
  gradePyramidOption,
  lorenzOption,
  migrationSankeyOption,
  rfmTreemapOption,
  tierLifecycleOption,
} from "./options.ts";
import type {
  AnalysisRunPage,
  GradeMigration,
  Retention,
  RunKpis,
  StructureOverview,
  StructureReport,
} from "./overview.types.ts";
import { addOverviewTexts } from "./texts.ts";

addOverviewTexts();

/** The problem code of "no analysis run yet" (packages/engine grade errors). */
const NO_ANALYSIS = "GRADE_NO_ANALYSIS";
const NEED_TWO_RUNS = "GRADE_NEED_TWO_RUNS";

const problemCode = (error: unknown) =>
  (error as { problem?: { code?: string } | null } | null)?.problem?.code ?? null;

export default function OverviewPage() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const currency = useCurrency();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const runId = Number(params.get("runId")) || undefined;
  const scheme = params.get("scheme") || LIST_SCHEME;

  const runs = useQuery({
    queryKey: ["analysis-runs", "overview"],
    queryFn: () => api<AnalysisRunPage>("/analysis-runs", { query: { limit: 100 } }),
  });
  const overview = useQuery({
    queryKey: ["structure", "overview", runId],
    queryFn: () => api<StructureOverview>("/structure/overview", { query: { runId } }),
  });
  const noAnalysis = overview.isError && problemCode(overview.error) === NO_ANALYSIS;
  const ready = overview.isSuccess;
  const structure = (by: readonly string[], withScheme = false) => ({
    queryKey: ["structure", by.join(","), runId, withScheme ? scheme : null],
    queryFn: () =>
      api<StructureReport>("/structure", {
        query: { by, runId, ...(withScheme ? { scheme } : {}) },
      }),
    enabled: ready,
  });
  const byGrade = useQuery(structure(["grade"], true));
  const byRfm = useQuery(structure(["rfm_segment"]));
  const byTier = useQuery(structure(["value_tier", "lifecycle_stage"]));
  const byIndustry = useQuery(structure(["industry"]));
  const byRegion = useQuery(structure(["province"]));
  const retention = useQuery({
    queryKey: ["structure", "retention", runId],
    queryFn: () => api<Retention>("/structure/retention", { query: { runId } }),
    enabled: ready,
  });
  const migration = useQuery({
    queryKey: ["grades", "migration", scheme],
    queryFn: () => api<GradeMigration>("/grades/migration", { query: { scheme, dropLimit: 0 } }),
    enabled: ready,
  });
  const grades = useSchemeGrades(scheme);
  const schemeTitles = useSchemeTitles();

  const latestRunId = runs.data?.runs[0]?.run.id;
  const shownRunId = overview.data?.current.analysisRunId;
  const latestRun = shownRunId !== undefined && shownRunId === latestRunId;
  const links = useMemo(() => linkable({ latestRun, scheme }), [latestRun, scheme]);
  // The texts and formats follow the language: react-i18next gives a new `t` when it changes.
  const ctx = useMemo<ChartContext>(
    () => ({
      t: (key, values) => t(key, values ?? {}) as string,
      money: (value) => money(value, currency),
      percent: (value) => percent(value),
      number: (value) => decimal(value, 0),
      links,
    }),
    [t, currency, links],
  );
  const gradeLabels = useMemo(
    () =>
      (grades.data ?? []).map((grade) => ({ code: grade.code, label: grade.label[language] ?? grade.code })),
    [grades.data, language],
  );
  const open = (clicked: unknown) => {
    const link = clickedLink(clicked);
    if (link) navigate(customersUrl(link));
  };

  // Every scheme, from GET /schemes: the grade runs' list would count each run's grades in scope
  // (a pass over the grades for a manager's 385k customers) only to name the schemes.
  const schemes = [...new Set([LIST_SCHEME, ...schemeTitles.keys()])];
  const select = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  if (overview.isPending) return <PageLoading />;
  if (noAnalysis)
    return (
      <Card data-testid="overview-empty">
        <Empty
          description={
            <Space orientation="vertical">
              <Typography.Title level={5}>{t("overview.empty.title")}</Typography.Title>
              <Typography.Text type="secondary">{t("overview.empty.detail")}</Typography.Text>
            </Space>
          }
        />
      </Card>
    );
  if (overview.isError) return <LoadFailed error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="overview">
      <Card size="small">
        <Space wrap size="large" style={{ width: "100%", justifyContent: "space-between" }}>
          <Space wrap data-testid="overview-selectors">
            <Typography.Text>{t("overview.run")}</Typography.Text>
            <Select
              data-testid="run-select"
              aria-label={t("overview.run")}
              style={{ minWidth: 220 }}
              value={data.current.analysisRunId}
              loading={runs.isPending}
              options={(
                runs.data?.runs.map(({ run }) => run) ?? [
                  { id: data.current.analysisRunId, asOf: data.current.asOf },
                ]
              ).map((run) => ({
                value: run.id,
                label: t("overview.runOption", { asOf: run.asOf.slice(0, 10), id: run.id }),
              }))}
              onChange={(value: number) => select("runId", value === latestRunId ? undefined : String(value))}
            />
            <Typography.Text>{t("overview.scheme")}</Typography.Text>
            <Select
              data-testid="scheme-select"
              aria-label={t("overview.scheme")}
              style={{ minWidth: 140 }}
              value={scheme}
              options={schemes.map((name) => ({ value: name, label: schemeTitles.get(name) ?? name }))}
              onChange={(value: string) => select("scheme", value === LIST_SCHEME ? undefined : value)}
            />
          </Space>
          <Typography.Text type="secondary" data-testid="overview-hint">
            {links.size > 0 ? t("overview.clickHint") : t("overview.notLinked")}
          </Typography.Text>
        </Space>
      </Card>

      <KpiCards current={data.current} previous={data.previous} currency={currency} />

      <Row gutter={[16, 16]}>
        <ChartCard
          name="grade-pyramid"
          title={t("overview.charts.gradePyramid")}
          query={byGrade}
          isEmpty={(report) => report.cells.length === 0}
          render={(report) => (
            <EChart
              option={gradePyramidOption(report, gradeLabels, ctx)}
              onClick={open}
              data-testid="chart-grade-pyramid"
            />
          )}
        />
        <ChartCard
          name="migration"
          title={t("overview.charts.migration")}
          query={migration}
          emptyOn={NEED_TWO_RUNS}
          emptyText={t("overview.migrationNeedsTwo")}
          isEmpty={(moves) => moves.grades.length === 0}
          render={(moves) => (
            <EChart
              option={migrationSankeyOption(moves, gradeLabels, ctx)}
              onClick={open}
              data-testid="chart-migration"
            />
          )}
        />
        <ChartCard
          name="lorenz"
          title={t("overview.charts.lorenz")}
          query={overview}
          isEmpty={(answer) => answer.concentration.lorenz.length === 0}
          render={(answer) => (
            <EChart option={lorenzOption(answer.concentration, ctx)} data-testid="chart-lorenz" />
          )}
        />
        <ChartCard
          name="clv"
          title={t("overview.charts.clv")}
          query={overview}
          isEmpty={(answer) => answer.value.bins.length === 0}
          render={(answer) => (
            <EChart option={clvHistogramOption(answer.value.bins, ctx)} data-testid="chart-clv" />
          )}
        />
        <ChartCard
          name="rfm"
          title={t("overview.charts.rfm")}
          query={byRfm}
          isEmpty={(report) => report.cells.length === 0}
          render={(report) => (
            <EChart option={rfmTreemapOption(report, ctx)} onClick={open} data-testid="chart-rfm" />
          )}
        />
        <ChartCard
          name="tier-lifecycle"
          title={t("overview.charts.tierLifecycle")}
          query={byTier}
          isEmpty={(report) => report.cells.length === 0}
          render={(report) => (
            <EChart
              option={tierLifecycleOption(report, ctx)}
              onClick={open}
              data-testid="chart-tier-lifecycle"
            />
          )}
        />
        <ChartCard
          name="industry"
          title={t("overview.charts.industry")}
          query={byIndustry}
          isEmpty={(report) => report.cells.length === 0}
          render={(report) => (
            <EChart option={fieldBarsOption(report, ctx)} onClick={open} data-testid="chart-industry" />
          )}
        />
        <ChartCard
          name="region"
          title={t("overview.charts.region")}
          query={byRegion}
          isEmpty={(report) => report.cells.length === 0}
          render={(report) => (
            <EChart option={fieldBarsOption(report, ctx)} onClick={open} data-testid="chart-region" />
          )}
        />
        <ChartCard
          name="churn"
          title={t("overview.charts.churn")}
          query={retention}
          isEmpty={(answer) => answer.churn.length === 0}
          render={(answer) => (
            <EChart option={churnLineOption(answer.churn, ctx)} data-testid="chart-churn" />
          )}
        />
        <ChartCard
          name="cohort"
          title={t("overview.charts.cohort")}
          query={retention}
          isEmpty={(answer) => answer.cohorts.length === 0}
          render={(answer) => (
            <EChart option={cohortOption(answer.cohorts, ctx)} height={360} data-testid="chart-cohort" />
          )}
        />
      </Row>
    </Space>
  );
}

/** One chart in its card, with the chart's own loading, empty and error states. */
function ChartCard<T>(props: {
  name: string;
  title: string;
  query: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  render: (data: T) => ReactNode;
  /** A problem code that means "nothing to show yet" rather than a failure. */
  emptyOn?: string;
  emptyText?: string;
}) {
  const { query } = props;
  let body: ReactNode;
  if (query.isPending)
    body = (
      <div style={{ height: 320, display: "grid", placeItems: "center" }}>
        <Spin />
      </div>
    );
  else if (query.isError && props.emptyOn && problemCode(query.error) === props.emptyOn)
    body = <NoData text={props.emptyText} />;
  else if (query.isError) body = <LoadFailed error={query.error} onRetry={() => query.refetch()} />;
  else if (props.isEmpty(query.data)) body = <NoData text={props.emptyText} />;
  else body = props.render(query.data);
  return (
    <Col xs={24} xl={12}>
      <Card size="small" title={props.title} data-testid={`card-${props.name}`}>
        {body}
      </Card>
    </Col>
  );
}

/** Key figures of the run, each with its change since the run before. */
function KpiCards({
  current,
  previous,
  currency,
}: {
  current: RunKpis;
  previous: RunKpis | null;
  currency: string;
}) {
  const { t } = useTranslation();
  type Kind = "count" | "share" | "money" | "score";
  const figures: {
    key: keyof RunKpis & string;
    kind: Kind /** Whether a rise is good news. */;
    up: boolean;
  }[] = [
    { key: "customers", kind: "count", up: true },
    { key: "activeShare", kind: "share", up: true },
    { key: "churnRate", kind: "share", up: false },
    { key: "revenue", kind: "money", up: true },
    { key: "margin", kind: "money", up: true },
    { key: "predictedValue", kind: "money", up: true },
    { key: "nps", kind: "score", up: true },
    { key: "csi", kind: "score", up: true },
    { key: "overdueReceivables", kind: "money", up: false },
  ];
  const show = (kind: Kind, value: number | null) => {
    if (value === null) return t("common.none");
    if (kind === "share") return percent(value);
    if (kind === "money") return money(value, currency);
    return decimal(value, kind === "count" ? 0 : 1);
  };
  const change = (kind: Kind, delta: number) => {
    const size = Math.abs(delta);
    if (kind === "share") return t("overview.points", { value: decimal(size * 100, 1) });
    return show(kind, size);
  };

  return (
    <div data-testid="kpis">
      <Row gutter={[16, 16]}>
        {figures.map(({ key, kind, up }) => {
          const value = current[key] as number | null;
          const before = previous ? (previous[key] as number | null) : null;
          const delta = value !== null && before !== null ? value - before : null;
          let footer: ReactNode = (
            <Typography.Text type="secondary">
              {previous ? t("common.none") : t("overview.noPrevious")}
            </Typography.Text>
          );
          if (delta !== null && previous) {
            const rounded = Math.abs(delta) < 1e-9 ? 0 : delta;
            const good = rounded === 0 ? undefined : rounded > 0 === up;
            footer = (
              <Typography.Text
                type={good === undefined ? "secondary" : good ? "success" : "danger"}
                data-testid={`kpi-delta-${key}`}
              >
                {rounded > 0 && <ArrowUpOutlined />}
                {rounded < 0 && <ArrowDownOutlined />}{" "}
                {rounded === 0 ? t("overview.unchanged") : change(kind, rounded)}{" "}
                <Typography.Text type="secondary">
                  {t("overview.sincePrevious", { asOf: previous.asOf.slice(0, 10) })}
                </Typography.Text>
              </Typography.Text>
            );
          }
          return (
            <Col key={key} flex="1 0 210px">
              <Card size="small" data-testid={`kpi-${key}`}>
                <Statistic title={t(`overview.kpi.${key}`)} value={show(kind, value)} />
                <div style={{ marginTop: 4, fontSize: 12 }}>{footer}</div>
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
