/**
 * 预测检验 of the chosen run (GET /analysis-runs/{id}/backtest): the cohort's repeat purchases
 * week by week, actual and as the run's model expected them, with the holdout shaded, and the
 * conditional expectations by calibration repeat purchases (0 … 6, 7+). A run as of the last order
 * has no holdout: the page says so and how to get one (an earlier `asOf`), not an empty chart.
 */
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from "antd";
import { MarkAreaComponent } from "echarts/components";
import { use } from "echarts/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import { decimal } from "../../format/format.ts";
import { LoadFailed, PageLoading } from "../../shell/states.tsx";
import { EChart } from "../overview/echart.tsx";
import type { FrequencyRow, RunBacktest } from "./analysis.types.ts";
import { type TrackingView, trackingOption } from "./options.ts";

// The holdout's shading: the overview's charts do without it, so it is registered here.
use([MarkAreaComponent]);

/** How far before the last order the suggested as-of date is: half a year of holdout. */
const SUGGESTED_HOLDOUT_DAYS = 26 * 7;

function daysBefore(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - days);
  return at.toISOString().slice(0, 10);
}

export interface BacktestProps {
  readonly runId: number;
  /** The reader may start a run (analyze, every customer in view): offered one with a holdout. */
  readonly mayRun: boolean;
  readonly onRunAsOf: (asOf: string) => void;
}

export function Backtest({ runId, mayRun, onRunAsOf }: BacktestProps) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const check = useQuery({
    queryKey: ["analysis-backtest", runId, language],
    queryFn: ({ signal }) => api<RunBacktest>(`/analysis-runs/${runId}/backtest`, { signal }),
  });
  return (
    <Card title={t("analysis.backtest.title")} data-testid="backtest">
      <Typography.Paragraph type="secondary">{t("analysis.backtest.subtitle")}</Typography.Paragraph>
      {check.isPending ? (
        <PageLoading />
      ) : check.isError ? (
        <LoadFailed error={check.error} onRetry={() => check.refetch()} />
      ) : check.data.holdout === null ? (
        <NoHoldout check={check.data} mayRun={mayRun} onRunAsOf={onRunAsOf} />
      ) : (
        <Holdout check={check.data} holdout={check.data.holdout} />
      )}
    </Card>
  );
}

function NoHoldout({
  check,
  mayRun,
  onRunAsOf,
}: {
  readonly check: RunBacktest;
  readonly mayRun: boolean;
  readonly onRunAsOf: (asOf: string) => void;
}) {
  const { t } = useTranslation();
  const lastOrder = check.lastOrder ?? check.calibrationEnd;
  const suggested = daysBefore(lastOrder, SUGGESTED_HOLDOUT_DAYS);
  return (
    <Alert
      type="info"
      showIcon
      title={t("analysis.backtest.noHoldout.title")}
      description={
        <Space orientation="vertical">
          <span>{t("analysis.backtest.noHoldout.detail", { asOf: check.calibrationEnd, lastOrder })}</span>
          <span>
            {t("analysis.backtest.noHoldout.how", { example: JSON.stringify({ asOf: suggested }) })}
          </span>
          {mayRun ? (
            <Button onClick={() => onRunAsOf(suggested)} data-testid="run-with-holdout">
              {t("analysis.backtest.noHoldout.use", { date: suggested })}
            </Button>
          ) : null}
        </Space>
      }
      data-testid="no-holdout"
    />
  );
}

function Holdout({
  check,
  holdout,
}: {
  readonly check: RunBacktest;
  readonly holdout: NonNullable<RunBacktest["holdout"]>;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<TrackingView>("cumulative");
  const option = useMemo(
    () => trackingOption(holdout.tracking, view, { t, number: (value) => decimal(value, 1) }),
    [holdout.tracking, view, t],
  );
  const statistic = (key: string, value: string) => (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={t(`analysis.backtest.${key}`)} value={value} data-testid={`backtest-${key}`} />
    </Col>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap size="large">
        <Typography.Text data-testid="backtest-predictor">
          {t("analysis.backtest.predictor", { predictor: t(`analysis.predictor.${check.predictor}`) })}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="backtest-period">
          {t("analysis.backtest.period", {
            from: check.calibrationEnd,
            to: holdout.holdoutEnd,
            length: decimal(holdout.holdoutLength, 1),
            unit: t(`analysis.run.units.${check.timeUnit}`),
          })}
        </Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        {statistic("cohort", decimal(holdout.cohort.customers, 0))}
        {statistic("actual", decimal(holdout.totals.actual, 0))}
        {statistic("predicted", decimal(holdout.totals.predicted, 1))}
        {statistic("ratio", decimal(holdout.totals.ratio, 2))}
        {statistic("mae", decimal(holdout.errors.mae, 2))}
        {statistic("correlation", decimal(holdout.correlation, 2))}
      </Row>
      {holdout.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={holdout.warnings.map((warning) => warning.text).join(" ")}
          data-testid="backtest-warnings"
        />
      ) : null}
      <Card
        size="small"
        type="inner"
        title={t("analysis.backtest.chart")}
        extra={
          <Segmented<TrackingView>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: "cumulative", label: t("analysis.backtest.cumulative") },
              { value: "perPeriod", label: t(`analysis.backtest.perPeriod.${check.timeUnit}`) },
            ]}
            data-testid="tracking-view"
          />
        }
      >
        <EChart option={option} height={340} data-testid="tracking-chart" />
      </Card>
      <Card size="small" type="inner" title={t("analysis.backtest.table")}>
        <Table<FrequencyRow>
          data-testid="frequency-table"
          size="small"
          pagination={false}
          rowKey="x"
          dataSource={[...holdout.byFrequency]}
          columns={[
            { title: t("analysis.backtest.x"), dataIndex: "x" },
            {
              title: t("analysis.backtest.customers"),
              dataIndex: "customers",
              align: "right",
              render: (value: number) => decimal(value, 0),
            },
            {
              title: t("analysis.backtest.meanActual"),
              dataIndex: "meanActual",
              align: "right",
              render: (value: number | null) => decimal(value, 2),
            },
            {
              title: t("analysis.backtest.meanPredicted"),
              dataIndex: "meanPredicted",
              align: "right",
              render: (value: number | null) => decimal(value, 2),
            },
            {
              title: t("analysis.backtest.difference"),
              key: "difference",
              align: "right",
              render: (_, row) =>
                decimal(
                  row.meanActual === null || row.meanPredicted === null
                    ? null
                    : row.meanPredicted - row.meanActual,
                  2,
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
