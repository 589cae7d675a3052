/**
 * 运行历史: the runs as GET /analysis-runs lists them, newest first, a page at a time: when, who,
 * the settings, how many customers, which predictors and how well they fit, how many warnings. A
 * row chosen shows that run's fit, warnings and prediction check below.
 */
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { dateTime, decimal, percent } from "../../format/format.ts";
import type { AnalysisRun, ModelFit } from "./analysis.types.ts";
import { estimatesOf } from "./model-fit.tsx";

export interface RunHistoryProps {
  readonly runs: readonly AnalysisRun[];
  readonly total: number;
  readonly timeZone: string | undefined;
  readonly selected: number | undefined;
  readonly onSelect: (runId: number) => void;
  readonly more: { readonly has: boolean; readonly loading: boolean; readonly load: () => void };
}

/**
 * A fit at a glance: each estimate by its symbol (to two decimals; the fit below has them in full),
 * then the log-likelihood where the reader may see it.
 */
function FitSummary({ fit }: { readonly fit: ModelFit }) {
  const { t } = useTranslation();
  const estimates = estimatesOf(fit)
    .map(({ symbol, value }) => `${symbol} ${decimal(value, 2)}`)
    .join(" · ");
  return (
    <Typography.Text
      type={fit.identifiable ? undefined : "secondary"}
      style={{ fontSize: 12, whiteSpace: "nowrap" }}
      data-testid="fit-summary"
    >
      {estimates}
      {fit.logLikelihood !== null ? (
        <>
          <br />
          {t("analysis.history.logLikelihood", { value: decimal(fit.logLikelihood, 1) })}
        </>
      ) : null}
    </Typography.Text>
  );
}

/** The predictor used and the fit of its model (the model tried, when the fallback was used instead). */
function Predictor({ name, fit }: { readonly name: string | undefined; readonly fit: ModelFit | undefined }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={2}>
      {name ? (
        <Tag color={fit?.identifiable ? "blue" : "default"}>
          {t(`analysis.predictor.${name}`, { defaultValue: name })}
        </Tag>
      ) : null}
      {fit ? <FitSummary fit={fit} /> : null}
    </Space>
  );
}

export function RunHistory({ runs, total, timeZone, selected, onSelect, more }: RunHistoryProps) {
  const { t } = useTranslation();
  return (
    <Card
      title={t("analysis.history.title")}
      extra={
        <Typography.Text type="secondary" data-testid="history-total">
          {t("analysis.history.total", { total: decimal(total, 0) })}
        </Typography.Text>
      }
    >
      <Table<AnalysisRun>
        data-testid="run-history"
        size="small"
        rowKey={(entry) => entry.run.id}
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={[...runs]}
        rowSelection={{
          type: "radio",
          selectedRowKeys: selected === undefined ? [] : [selected],
          onChange: (keys) => onSelect(Number(keys[0])),
        }}
        onRow={(entry) => ({ onClick: () => onSelect(entry.run.id), style: { cursor: "pointer" } })}
        columns={[
          {
            title: t("analysis.history.run"),
            key: "run",
            width: 150,
            render: (_, { run }) => (
              <Space orientation="vertical" size={0}>
                <Space size={6}>
                  <Typography.Text strong>#{run.id}</Typography.Text>
                  <Tag color="success" data-testid="run-status">
                    {t(`analysis.history.statuses.${run.status}`)}
                  </Tag>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(run.createdAt, timeZone)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("analysis.history.asOf"), key: "asOf", width: 100, render: (_, { run }) => run.asOf },
          {
            title: t("analysis.history.startedBy"),
            key: "startedBy",
            // A user's name is data, not custra's words (the English test leaves it out).
            className: "col-startedBy",
            width: 120,
            render: (_, { startedBy }) =>
              startedBy ? (
                (startedBy.name ?? startedBy.username)
              ) : (
                <Typography.Text type="secondary">{t("analysis.history.system")}</Typography.Text>
              ),
          },
          {
            title: t("analysis.history.settings"),
            key: "settings",
            width: 150,
            render: (_, { run }) => (
              <Typography.Text style={{ fontSize: 12 }}>
                {t(`analysis.history.settingsValue.${run.timeUnit}`, { horizon: decimal(run.horizon, 0) })}
                <br />
                {t("analysis.history.discount", { rate: percent(run.discountRate) })}
              </Typography.Text>
            ),
          },
          {
            title: t("analysis.history.customers"),
            key: "customers",
            width: 90,
            align: "right",
            render: (_, { run }) =>
              run.customers === null ? (
                <Tooltip title={t("analysis.history.hidden")}>—</Tooltip>
              ) : (
                <span data-testid="run-customers">{decimal(run.customers, 0)}</span>
              ),
          },
          {
            title: t("analysis.history.transactions"),
            key: "transactions",
            render: (_, { run, predictor, models }) => (
              <Predictor
                name={predictor?.transactions ?? run.model}
                fit={run.model === "pareto-nbd" ? models.paretoNbd : models.bgnbd}
              />
            ),
          },
          {
            title: t("analysis.history.spend"),
            key: "spend",
            render: (_, { predictor, models }) => (
              <Predictor name={predictor?.spend} fit={models.gammaGamma} />
            ),
          },
          {
            title: t("analysis.history.warnings"),
            key: "warnings",
            width: 80,
            render: (_, { warnings }) =>
              warnings.length === 0 ? (
                <Typography.Text type="secondary">{t("analysis.history.noWarnings")}</Typography.Text>
              ) : (
                <Tooltip
                  title={warnings.map((warning) => (
                    <div key={`${warning.code}:${JSON.stringify(warning.params)}`}>{warning.text}</div>
                  ))}
                >
                  <Tag color="warning" data-testid="run-warning-count">
                    {t("analysis.history.warningCount", { count: warnings.length })}
                  </Tag>
                </Tooltip>
              ),
          },
        ]}
      />
      {more.has ? (
        <div style={{ textAlign: "center", marginTop: 12 }}>
          <Button onClick={more.load} loading={more.loading} data-testid="history-more">
            {t("analysis.history.more")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
