/**
 * The chosen run's model fits (each estimate with its standard error, the log-likelihood, whether
 * it converged and whether the data identify it) and its warnings, as the server wrote them in the
 * reader's language: what the data could not support and what was used instead.
 */
import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { decimal } from "../../format/format.ts";
import type { AnalysisRun, ModelFit } from "./analysis.types.ts";

/** The parameters as the literature writes them (Gamma-Gamma's v is γ in Fader, Hardie & Lee 2005). */
export const PARAMETER_SYMBOLS: Readonly<Record<string, string>> = {
  r: "r",
  alpha: "α",
  a: "a",
  b: "b",
  s: "s",
  beta: "β",
  p: "p",
  q: "q",
  v: "γ",
};

/** A fit's estimates in the literature's order (stored JSON keeps no order on PostgreSQL). */
export function estimatesOf(fit: ModelFit) {
  const order = Object.keys(PARAMETER_SYMBOLS);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(fit.params)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, value]) => ({
      name,
      symbol: PARAMETER_SYMBOLS[name] ?? name,
      value,
      error: fit.standardErrors[name] ?? null,
    }));
}

const MODELS = ["bgnbd", "paretoNbd", "gammaGamma"] as const;

function FitCard({ model, fit }: { readonly model: (typeof MODELS)[number]; readonly fit: ModelFit }) {
  const { t } = useTranslation();
  const rows = estimatesOf(fit);
  return (
    <Card
      size="small"
      type="inner"
      title={t(`analysis.fit.models.${model}`)}
      extra={
        <Tag color={fit.identifiable ? "success" : "warning"}>
          {t(fit.identifiable ? "analysis.fit.used" : "analysis.fit.notUsed")}
        </Tag>
      }
      data-testid={`fit-${model}`}
    >
      <Descriptions size="small" column={1}>
        {fit.logLikelihood !== null ? (
          <Descriptions.Item label={t("analysis.fit.logLikelihood")}>
            <span data-testid="fit-log-likelihood">{decimal(fit.logLikelihood, 1)}</span>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t(fit.converged ? "analysis.fit.converged" : "analysis.fit.notConverged")}>
          {t("analysis.fit.iterations", { count: fit.iterations })}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="name"
        dataSource={rows}
        columns={[
          { title: t("analysis.fit.parameter"), dataIndex: "symbol" },
          {
            title: t("analysis.fit.estimate"),
            dataIndex: "value",
            align: "right",
            render: (value: number | null) => decimal(value, 4),
          },
          {
            title: t("analysis.fit.standardError"),
            dataIndex: "error",
            align: "right",
            render: (value: number | null) => decimal(value, 4),
          },
        ]}
      />
    </Card>
  );
}

export function ModelFits({ entry }: { readonly entry: AnalysisRun }) {
  const { t } = useTranslation();
  const fitted = MODELS.flatMap((model) => {
    const fit = entry.models[model];
    return fit ? [{ model, fit }] : [];
  });
  return (
    <Card title={t("analysis.fit.title", { id: entry.run.id })} data-testid="model-fits">
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {fitted.length === 0 ? <Alert type="info" showIcon title={t("analysis.fit.noModels")} /> : null}
        <Row gutter={[16, 16]}>
          {fitted.map(({ model, fit }) => (
            <Col key={model} xs={24} lg={12}>
              <FitCard model={model} fit={fit} />
            </Col>
          ))}
        </Row>
        {entry.warnings.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t("analysis.fit.warnings")}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="run-warnings">
                {entry.warnings.map((warning) => (
                  <li key={`${warning.code}:${JSON.stringify(warning.params)}`}>
                    <Typography.Text>{warning.text}</Typography.Text>
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Space>
    </Card>
  );
}
