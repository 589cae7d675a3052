/**
 * 模型评分 of the latest analysis run: RFM (each score 1–5, the recency, frequency and mean spend
 * behind them), P(alive), the expected purchases over the run's horizon with the 80 % interval and
 * the chance of none, the predicted value, the revenue to date, churn risk, and the classes.
 * P(alive) is "not estimated" where the run used the empirical fallback (the data could not
 * identify dropout): no number is invented.
 */
import { Card, Col, Row, Space, Statistic, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCurrency } from "../../api/queries.ts";
import { day, decimal, money, percent } from "../../format/format.ts";
import { NoData } from "../../shell/states.tsx";
import { SegmentLabel } from "../segment-tags.tsx";
import type { Customer360 } from "./customer-360.types.ts";

export function ScoresCard({ view }: { view: Customer360 }) {
  const { t } = useTranslation();
  const currency = useCurrency();
  const { scores, run, purchaseInterval } = view;
  return (
    <Card
      title={t("customer360.scores.title")}
      size="small"
      extra={run ? t("customer360.scores.asOf", { asOf: day(run.asOf) }) : null}
      data-testid="customer-scores"
      style={{ height: "100%" }}
    >
      {scores && run ? (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Row gutter={[16, 16]}>
            <Col span={8}>
              <Figure
                testId="score-pAlive"
                title={t("customer360.scores.pAlive")}
                value={scores.pAlive === null ? t("common.none") : percent(scores.pAlive)}
                // Without a purchase there is nothing to estimate; with purchases, the data was too thin.
                note={
                  scores.pAlive === null && scores.orders > 0 ? t("customer360.scores.notEstimated") : null
                }
              />
            </Col>
            <Col span={8}>
              <Figure
                testId="score-expectedPurchases"
                title={`${t("customer360.scores.expectedPurchases")} · ${t(`customer360.scores.horizon.${run.timeUnit}`, { n: run.horizon, defaultValue: String(run.horizon) })}`}
                value={decimal(scores.expectedPurchases)}
                note={
                  purchaseInterval && (
                    <span data-testid="score-interval">
                      {t("customer360.scores.interval", {
                        level: percent(purchaseInterval.level),
                        low: purchaseInterval.low,
                        high: purchaseInterval.high,
                      })}
                      <br />
                      {t("customer360.scores.noPurchase", {
                        probability: percent(purchaseInterval.probabilityNone),
                      })}
                    </span>
                  )
                }
              />
            </Col>
            <Col span={8}>
              <Figure
                testId="score-clv"
                title={t("customer360.scores.predictedValue")}
                value={money(scores.clv, currency)}
                note={
                  scores.expectedSpend === null
                    ? null
                    : t("customer360.scores.expectedSpend", { amount: money(scores.expectedSpend, currency) })
                }
              />
            </Col>
            <Col span={8}>
              <Figure
                testId="score-rfm"
                title={t("customer360.scores.rfm")}
                value={`${scores.rfm.r ?? "—"} · ${scores.rfm.f ?? "—"} · ${scores.rfm.m ?? "—"}`}
                note={[
                  scores.recencyDays === null
                    ? null
                    : t("customer360.scores.lastPurchase", {
                        date: daysBefore(run.asOf, scores.recencyDays),
                      }),
                  scores.monetary === null
                    ? null
                    : t("customer360.scores.monetary", { amount: money(scores.monetary, currency) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              />
            </Col>
            <Col span={8}>
              <Figure
                testId="score-revenue"
                title={t("customer360.scores.revenue")}
                value={money(scores.revenue, currency)}
                note={t("customer360.scores.revenue12m", { amount: money(scores.revenue12m, currency) })}
              />
            </Col>
            <Col span={8}>
              <Figure
                testId="score-orders"
                title={t("customer360.scores.orders")}
                value={String(scores.orders)}
                note={t("customer360.scores.margin", { amount: money(scores.margin, currency) })}
              />
            </Col>
          </Row>
          <Space wrap>
            <Typography.Text type="secondary">{t("customer360.scores.churnRisk")}:</Typography.Text>
            <Typography.Text data-testid="score-churnRisk">{percent(scores.churnRisk)}</Typography.Text>
            <SegmentLabel family="warning" code={scores.churnWarning} />
          </Space>
          <Space wrap data-testid="score-segments">
            <Typography.Text type="secondary">{t("customer360.scores.segments")}:</Typography.Text>
            <Tag>
              <SegmentLabel family="rfm" code={scores.rfm.segment} />
            </Tag>
            <Tag>
              <SegmentLabel family="valueTier" code={scores.valueTier} />
            </Tag>
            <Tag>
              <SegmentLabel family="lifecycle" code={scores.lifecycleStage} />
            </Tag>
            <Tag>
              <SegmentLabel family="abc" code={scores.abcClass} />
            </Tag>
            <Tag>
              <SegmentLabel family="credit" code={scores.creditGrade} />
            </Tag>
          </Space>
        </Space>
      ) : (
        <NoData text={t("customer360.scores.none")} />
      )}
    </Card>
  );
}

/** The day `days` before `asOf` (YYYY-MM-DD): the last purchase, from the run's recency. */
function daysBefore(asOf: string, days: number): string {
  return new Date(Date.parse(`${day(asOf)}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function Figure({
  testId,
  title,
  value,
  note,
}: {
  testId: string;
  title: string;
  value: string;
  note?: ReactNode;
}) {
  return (
    <div data-testid={testId}>
      <Statistic title={title} value={value} styles={{ content: { fontSize: 22 } }} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </div>
  );
}
