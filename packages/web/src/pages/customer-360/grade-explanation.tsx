/**
 * 为什么是 B？ Why the customer has their grade under a scheme (GET /grades/customers/:code/
 * explanation): each dimension's value, its score 0–100, its weight and its part of the score (the
 * parts add up to the score), where each grade starts and where this customer's score lies, the
 * rules that matched and the pin the grading applied; and the grade in every run (…/history).
 */
import { PushpinOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Drawer, List, Space, Table, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCurrency, useLanguageKey } from "../../api/queries.ts";
import { day, decimal, money, percent } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { GradeTag } from "../segment-tags.tsx";
import type { CustomerGrade, GradeExplanation, GradeHistoryEntry } from "./customer-360.types.ts";
import { explanationKey } from "./labels.ts";

/** Categorical dimensions whose values the workbench labels (as the grading page does). */
const VALUE_FAMILIES: Readonly<Record<string, string>> = {
  rfm_segment: "segments.rfm",
  abc_class: "segments.abc",
  value_tier: "segments.valueTier",
  lifecycle_stage: "segments.lifecycle",
  churn_warning: "segments.warning",
  credit_grade: "segments.credit",
  customer_type: "customerType",
};

export function GradeExplanationDrawer({
  code,
  grade,
  onClose,
}: {
  code: string;
  /** The grade to explain; null: closed. */
  grade: CustomerGrade | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const scheme = grade?.scheme ?? "";
  const path = `/grades/customers/${encodeURIComponent(code)}`;
  const explanation = useQuery({
    queryKey: [...explanationKey(code, scheme), "explanation", language],
    queryFn: ({ signal }) =>
      api<{ grades: GradeExplanation[] }>(`${path}/explanation`, { query: { scheme }, signal }),
    enabled: grade !== null,
    select: (answer) => answer.grades[0],
  });
  const history = useQuery({
    queryKey: [...explanationKey(code, scheme), "history"],
    queryFn: ({ signal }) =>
      api<{ history: GradeHistoryEntry[] }>(`${path}/history`, { query: { scheme }, signal }),
    enabled: grade !== null,
    select: (answer) => answer.history,
  });
  const shown = explanation.data;
  return (
    <Drawer
      open={grade !== null}
      onClose={onClose}
      size={760}
      title={shown ? t("customer360.explanation.title", { label: shown.gradeLabel }) : grade?.schemeTitle}
      destroyOnHidden
    >
      <div data-testid="grade-explanation">
        {explanation.isPending ? (
          <PageLoading />
        ) : explanation.isError ? (
          <LoadFailed error={explanation.error} onRetry={() => explanation.refetch()} />
        ) : shown ? (
          <Explanation explanation={shown} history={history.data ?? []} />
        ) : (
          <NoData />
        )}
      </div>
    </Drawer>
  );
}

function Explanation({
  explanation,
  history,
}: {
  explanation: GradeExplanation;
  history: readonly GradeHistoryEntry[];
}) {
  const { t } = useTranslation();
  const currency = useCurrency();
  const labels = new Map(explanation.bands.map((band) => [band.grade, band.label]));
  const labelOf = (code: string) => labels.get(code) ?? code;
  const total = explanation.components.reduce((sum, part) => sum + part.contribution, 0);
  const weights = explanation.components.reduce(
    (sum, part) => (part.normalized === null || part.uninformative ? sum : sum + part.weight),
    0,
  );
  const shares = explanation.bands.some((band) => band.share !== undefined);
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={explanation.schemeTitle}>
          {t("customer360.explanation.asOf", { asOf: day(explanation.asOf) })}
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.explanation.scoreLabel")}>
          <Space wrap>
            <Typography.Text strong data-testid="explanation-score">
              {explanation.score === null ? t("common.none") : decimal(explanation.score, 2)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t("customer360.explanation.scoreGrade", { label: labelOf(explanation.scoreGrade) })}
            </Typography.Text>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {explanation.scoreGrade !== explanation.grade && (
        <Alert type="info" showIcon title={t("customer360.explanation.changed")} />
      )}

      <section>
        <Typography.Title level={5}>{t("customer360.explanation.components")}</Typography.Title>
        <Table
          rowKey="field"
          size="small"
          pagination={false}
          data-testid="explanation-components"
          dataSource={[...explanation.components]}
          columns={[
            {
              title: t("customer360.explanation.dimension"),
              dataIndex: "field",
              render: (field: string) =>
                t(`customer360.explanation.dimensionNames.${field}`, { defaultValue: field }),
            },
            {
              title: t("customer360.explanation.value"),
              dataIndex: "value",
              align: "right",
              render: (value: GradeExplanation["components"][number]["value"], part) =>
                value === null && part.normalized !== null
                  ? t("customer360.explanation.missingScored", { score: decimal(part.normalized, 1) })
                  : valueText(t, part.field, value, currency),
            },
            {
              title: t("customer360.explanation.normalized"),
              dataIndex: "normalized",
              align: "right",
              render: (value: number | null) => decimal(value, 1),
            },
            {
              title: t("customer360.explanation.weight"),
              dataIndex: "weight",
              align: "right",
              render: (weight: number, part) =>
                part.normalized === null || part.uninformative || weights === 0
                  ? decimal(weight, 2)
                  : t("customer360.explanation.weightShare", {
                      weight: decimal(weight, 2),
                      share: percent(weight / weights),
                    }),
            },
            {
              title: t("customer360.explanation.contribution"),
              dataIndex: "contribution",
              align: "right",
              render: (value: number, part) =>
                part.uninformative ? (
                  <Typography.Text type="secondary">
                    {t("customer360.explanation.uninformative")}
                  </Typography.Text>
                ) : part.normalized === null ? (
                  <Typography.Text type="secondary">{t("customer360.explanation.skipped")}</Typography.Text>
                ) : (
                  <span data-testid="component-contribution">{decimal(value, 2)}</span>
                ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}>
                <Typography.Text strong>{t("customer360.explanation.total")}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Typography.Text strong data-testid="components-total">
                  {decimal(total, 2)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </section>

      <section data-testid="explanation-bands">
        <Typography.Title level={5}>{t("customer360.explanation.bands")}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {shares ? t("customer360.explanation.sharesNote") : t("customer360.explanation.thresholdsNote")}
        </Typography.Paragraph>
        <List
          size="small"
          dataSource={[...explanation.bands]}
          renderItem={(band, k) => {
            const last = k === explanation.bands.length - 1;
            const here = band.grade === explanation.scoreGrade;
            return (
              <List.Item
                style={here ? { background: "#e6f4ff" } : undefined}
                extra={here ? <Tag color="blue">{t("customer360.explanation.here")}</Tag> : null}
              >
                <Space wrap>
                  <GradeTag grade={band.grade} label={band.label} />
                  <span>
                    {last
                      ? t("customer360.explanation.bandRest")
                      : band.minScore === null
                        ? t("customer360.explanation.bandEmpty")
                        : t("customer360.explanation.bandFrom", { score: decimal(band.minScore, 2) })}
                  </span>
                  {band.share !== undefined && (
                    <Typography.Text type="secondary">
                      {t("customer360.explanation.bandShare", { share: percent(band.share) })}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      </section>

      <section>
        <Typography.Title level={5}>{t("customer360.explanation.rules")}</Typography.Title>
        {explanation.rules.length === 0 && !explanation.pin ? (
          <Typography.Text type="secondary">{t("customer360.explanation.noRules")}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={[...explanation.rules]}
            header={
              explanation.pin ? (
                <Typography.Text>
                  <PushpinOutlined />{" "}
                  <span className="user-data">
                    {t("customer360.explanation.pinnedInRun", {
                      grade: labelOf(explanation.pin.grade),
                      reason: explanation.pin.reason,
                      author: explanation.pin.author,
                    })}
                  </span>
                </Typography.Text>
              ) : undefined
            }
            renderItem={(rule) => (
              <List.Item>
                <Space wrap>
                  <Tag color={rule.applied ? "orange" : "default"}>
                    {t(`customer360.explanation.effect.${rule.effect}`, {
                      grade: rule.grade ? labelOf(rule.grade) : "",
                      flag: rule.flag ?? "",
                    })}
                  </Tag>
                  {rule.reason && <span>{rule.reason}</span>}
                  <Typography.Text type="secondary">
                    {rule.applied
                      ? t("customer360.explanation.applied")
                      : t("customer360.explanation.notApplied")}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </section>

      <section>
        <Typography.Title level={5}>{t("customer360.explanation.history")}</Typography.Title>
        <Table
          rowKey="gradeRunId"
          size="small"
          pagination={false}
          data-testid="grade-history"
          locale={{ emptyText: <NoData text={t("customer360.explanation.noHistory")} /> }}
          // Newest first: the latest run is the one explained above.
          dataSource={[...history].reverse()}
          columns={[
            {
              title: t("customer360.explanation.historyAsOf"),
              dataIndex: "asOf",
              render: (value) => day(value),
            },
            {
              title: t("customer360.explanation.historyGrade"),
              dataIndex: "grade",
              render: (code: string, entry) => (
                <Space size={4}>
                  <GradeTag grade={code} label={labelOf(code)} />
                  {entry.pinned && <PushpinOutlined title={t("customer360.explanation.historyPinned")} />}
                </Space>
              ),
            },
            {
              title: t("customer360.explanation.historyScore"),
              dataIndex: "score",
              align: "right",
              render: (score: number | null) => decimal(score, 2),
            },
          ]}
        />
      </section>
    </Space>
  );
}

/** The dimensions that are amounts of money, shown in the company's currency. */
const MONEY_FIELDS = new Set(["clv", "revenue", "revenue_12m", "margin", "profitability", "overdue_amount"]);

/** A dimension's value: money as money, a number as a number, a code by its label, other text (data) as it is. */
function valueText(t: TFunction, field: string, value: number | string | null, currency: string): ReactNode {
  if (value === null) return t("common.none");
  if (typeof value === "number") return MONEY_FIELDS.has(field) ? money(value, currency) : decimal(value, 2);
  const family = VALUE_FAMILIES[field];
  return family ? (
    t(`${family}.${value}`, { defaultValue: value })
  ) : (
    <span className="user-data">{value}</span>
  );
}
