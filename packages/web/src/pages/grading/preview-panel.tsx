/**
 * The preview beside the editor: customers per grade now and with the draft (count and share),
 * how many change grade, and who (from → to), most revenue first, before anything is saved. For a
 * reader who may not preview, the grades now from the scheme's latest grade run instead.
 */
import { ArrowRightOutlined, LoadingOutlined } from "@ant-design/icons";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { Alert, Card, Space, Table, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client.ts";
import { useCurrency } from "../../api/queries.ts";
import { day, decimal, money, percent } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { GradeTag } from "../segment-tags.tsx";
import type { GradeChange, GradeRunPage, GradingScheme, SchemePreview } from "./grading.types.ts";
import { gradeLabel } from "./labels.ts";

const count = (value: number) => decimal(value, 0);

export function PreviewPanel({
  scheme,
  query,
  pending,
  invalid,
}: {
  scheme: GradingScheme;
  query: UseQueryResult<SchemePreview>;
  pending: boolean;
  invalid: boolean;
}) {
  const { t, i18n } = useTranslation();
  const currency = useCurrency();
  const language = i18n.language;
  let body: ReactNode;
  if (invalid) body = <Alert type="warning" showIcon title={t("grading.preview.invalid")} />;
  else if (query.isError) body = <LoadFailed error={query.error} onRetry={() => query.refetch()} />;
  else if (!query.data) body = <PageLoading />;
  else {
    const { changes, distribution } = query.data;
    const rows = mergeGrades(changes.before, distribution);
    const changed = changes.changed + changes.added;
    body = (
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Typography.Text type="secondary" data-testid="preview-against">
          {changes.against
            ? t("grading.preview.against", {
                run: changes.against.id,
                asOf: day(changes.against.asOf),
                version: changes.against.schemeVersion,
              })
            : t("grading.preview.noAgainst")}
        </Typography.Text>
        {query.data.warnings.map((warning) => (
          <Alert
            key={warning.message}
            type="warning"
            showIcon
            title={warning.message}
            data-testid="preview-warning"
          />
        ))}
        <Table
          size="small"
          pagination={false}
          rowKey="grade"
          dataSource={rows}
          data-testid="preview-distribution"
          columns={[
            {
              title: t("grading.preview.grade"),
              dataIndex: "grade",
              render: (grade: string) => (
                <GradeTag grade={grade} label={gradeLabel(scheme, grade, language)} />
              ),
            },
            {
              title: t("grading.preview.before"),
              key: "before",
              align: "right",
              render: (_, row) => (
                <span data-testid={`before-${row.grade}`}>
                  {count(row.before)}{" "}
                  <Typography.Text type="secondary">{percent(row.beforeShare)}</Typography.Text>
                </span>
              ),
            },
            {
              title: t("grading.preview.after"),
              key: "after",
              align: "right",
              render: (_, row) => (
                <span data-testid={`after-${row.grade}`}>
                  {count(row.after)}{" "}
                  <Typography.Text type="secondary">{percent(row.afterShare)}</Typography.Text>
                </span>
              ),
            },
            {
              title: t("grading.preview.change"),
              key: "change",
              align: "right",
              render: (_, row) => {
                const delta = row.after - row.before;
                if (delta === 0) return <Typography.Text type="secondary">0</Typography.Text>;
                return (
                  <Typography.Text type={delta > 0 ? "success" : "danger"}>
                    {delta > 0 ? `+${count(delta)}` : count(delta)}
                  </Typography.Text>
                );
              },
            },
          ]}
        />
        <Typography.Text strong data-testid="preview-summary">
          {t("grading.preview.summary", {
            changed: count(changes.changed),
            up: count(changes.up),
            down: count(changes.down),
            added: count(changes.added),
          })}
        </Typography.Text>
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t("grading.preview.changedTitle")}
          </Typography.Title>
          {changes.customers.length === 0 ? (
            <NoData text={t("grading.preview.noChanges")} />
          ) : (
            <>
              <Table<GradeChange>
                size="small"
                rowKey="code"
                dataSource={changes.customers}
                pagination={{ pageSize: 10, showSizeChanger: false, size: "small" }}
                data-testid="preview-changes"
                columns={[
                  {
                    title: t("grading.preview.customer"),
                    key: "customer",
                    render: (_, change) => (
                      <Link to={`/customers/${encodeURIComponent(change.code)}`}>
                        {change.code}{" "}
                        <span className="customer-name" data-testid="customer-name">
                          {change.name}
                        </span>
                      </Link>
                    ),
                  },
                  {
                    title: t("grading.preview.fromTo"),
                    key: "move",
                    render: (_, change) => (
                      <span data-testid="move">
                        {change.from === null ? (
                          <Typography.Text type="secondary">
                            {t("grading.preview.newCustomer")}
                          </Typography.Text>
                        ) : (
                          <GradeTag grade={change.from} />
                        )}
                        <ArrowRightOutlined style={{ margin: "0 6px" }} />
                        <GradeTag grade={change.to} />
                      </span>
                    ),
                  },
                  {
                    title: t("grading.preview.revenue"),
                    dataIndex: "revenue",
                    align: "right",
                    render: (value: number) => money(value, currency),
                  },
                ]}
              />
              {changed > changes.customers.length && (
                <Typography.Text type="secondary">
                  {t("grading.preview.shown", {
                    shown: count(changes.customers.length),
                    total: count(changed),
                  })}
                </Typography.Text>
              )}
            </>
          )}
        </div>
      </Space>
    );
  }
  return (
    <Card
      size="small"
      title={t("grading.preview.title")}
      extra={pending ? <LoadingOutlined data-testid="preview-updating" /> : null}
      data-testid="preview"
      data-pending={pending ? "true" : "false"}
    >
      {body}
    </Card>
  );
}

interface GradeRow {
  grade: string;
  before: number;
  beforeShare: number;
  after: number;
  afterShare: number;
}

/** One row per grade: the draft's grades in its order, then grades only the run before had. */
function mergeGrades(
  before: SchemePreview["changes"]["before"],
  after: SchemePreview["distribution"],
): GradeRow[] {
  const rows = new Map<string, GradeRow>();
  const row = (grade: string) => {
    let found = rows.get(grade);
    if (!found) {
      found = { grade, before: 0, beforeShare: 0, after: 0, afterShare: 0 };
      rows.set(grade, found);
    }
    return found;
  };
  for (const entry of after)
    Object.assign(row(entry.grade), { after: entry.customers, afterShare: entry.customerShare });
  for (const entry of before)
    Object.assign(row(entry.grade), { before: entry.customers, beforeShare: entry.customerShare });
  return [...rows.values()];
}

/** For a reader who may not preview: customers per grade in the scheme's latest grade run (in scope). */
export function CurrentGrades({ scheme }: { scheme: GradingScheme }) {
  const { t, i18n } = useTranslation();
  const runs = useQuery({
    queryKey: ["grade-runs", scheme.name, "latest"],
    queryFn: ({ signal }) =>
      api<GradeRunPage>("/grade-runs", { query: { scheme: scheme.name, limit: 1 }, signal }),
  });
  let body: ReactNode;
  if (runs.isPending) body = <PageLoading />;
  else if (runs.isError) body = <LoadFailed error={runs.error} onRetry={() => runs.refetch()} />;
  else if (!runs.data.runs[0]) body = <NoData text={t("grading.current.none")} />;
  else {
    const run = runs.data.runs[0];
    const total = run.customersInScope;
    const counts = new Map(run.grades.map((g) => [g.grade, g.customers]));
    body = (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">
          {t("grading.current.run", { run: run.id, asOf: day(run.asOf) })}
        </Typography.Text>
        <Table
          size="small"
          pagination={false}
          rowKey="grade"
          data-testid="current-grades"
          dataSource={scheme.grades.map((g) => ({ grade: g.code, customers: counts.get(g.code) ?? 0 }))}
          columns={[
            {
              title: t("grading.preview.grade"),
              dataIndex: "grade",
              render: (grade: string) => (
                <GradeTag grade={grade} label={gradeLabel(scheme, grade, i18n.language)} />
              ),
            },
            {
              title: t("grading.current.customers"),
              dataIndex: "customers",
              align: "right",
              render: (value: number) => (
                <>
                  {count(value)}{" "}
                  <Typography.Text type="secondary">{percent(total > 0 ? value / total : 0)}</Typography.Text>
                </>
              ),
            },
          ]}
        />
      </Space>
    );
  }
  return (
    <Card size="small" title={t("grading.current.title")} data-testid="current">
      {body}
    </Card>
  );
}
