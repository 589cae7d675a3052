/**
 * 客户画像 / Customer 360 over GET /api/v1/customers/:code: profile, current grades, model scores,
 * open tasks, recommendations, and tabs for contacts, orders, invoices with aging, payments,
 * interactions and surveys (the 360 payload carries the latest of each). A customer outside the
 * reader's scope answers 404 like one that does not exist (DESIGN.md §8), and says so.
 */
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Result,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, hasStatus } from "../api/client.ts";
import { useCompanySettings, useCurrency, useLanguageKey } from "../api/queries.ts";
import type { Customer360 } from "../api/types.ts";
import { dateTime, day, decimal, money, percent, today } from "../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../shell/states.tsx";
import { GradeTag, SegmentLabel } from "./segment-tags.tsx";

type RecordOf<K extends keyof Customer360> = Customer360[K] extends readonly (infer R)[] ? R : never;

export default function Customer360Page() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const language = useLanguageKey();
  const currency = useCurrency();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const todayThere = today(timeZone);
  const view = useQuery({
    queryKey: ["customer", code, language],
    queryFn: ({ signal }) => api<Customer360>(`/customers/${encodeURIComponent(code)}`, { signal }),
  });

  if (view.isPending) return <PageLoading />;
  if (view.isError) {
    if (hasStatus(view.error, 404))
      return (
        <Result
          status="404"
          title={t("customer.notFound")}
          subTitle={t("customer.notFoundDetail", { code })}
          extra={
            <Link to="/customers">
              <Button type="primary">{t("customer.backToList")}</Button>
            </Link>
          }
          data-testid="customer-not-found"
        />
      );
    return <LoadFailed error={view.error} onRetry={() => view.refetch()} />;
  }
  const data = view.data;
  const { customer, scores } = data;
  const none = t("common.none");
  const tags = Array.isArray(customer.tags) ? (customer.tags as string[]) : [];
  // 天津 天津 reads as a mistake: a city that is its own province is named once.
  const region = [...new Set([customer.province, customer.city].filter(Boolean))].join(" ");
  const label = (family: string, value: string | null) =>
    value ? t(`${family}.${value}`, { defaultValue: value }) : none;
  const table = <K extends keyof Customer360>(
    rows: readonly RecordOf<K>[],
    columns: ColumnsType<RecordOf<K>>,
  ) => (
    <Table<RecordOf<K>>
      rowKey={(row) => String((row as { id: number }).id)}
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      locale={{ emptyText: <NoData /> }}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="customer-360">
      <Card>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
            {customer.name ?? customer.code}
          </Typography.Title>
          <Typography.Text type="secondary">{customer.code}</Typography.Text>
          {data.grades.map((grade) => (
            <GradeTag
              key={grade.scheme}
              grade={grade.grade}
              label={`${grade.schemeTitle} · ${grade.gradeLabel}`}
            />
          ))}
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          style={{ marginTop: 16 }}
          title={t("customer.profile")}
        >
          <Descriptions.Item label={t("customer.fields.type")}>
            {label("customerType", customer.type)}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.industry")}>
            {customer.industry ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.region")}>{region || none}</Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.phone")}>
            <span data-testid="customer-phone">{customer.phone ?? none}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.email")}>{customer.email ?? none}</Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.owner")}>{customer.owner ?? none}</Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.registeredOn")}>
            {day(customer.registered_on)}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.birthday")}>
            {day(customer.birthday)}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.tags")}>
            {tags.length > 0 ? tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t("customer.fields.address")}>
            {customer.address ?? none}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("customer.grades")} size="small" data-testid="customer-grades">
            {data.grades.length === 0 ? (
              <NoData text={t("customer.noGrades")} />
            ) : (
              <List
                size="small"
                dataSource={[...data.grades]}
                renderItem={(grade) => (
                  <List.Item
                    extra={
                      grade.score === null
                        ? null
                        : t("customer.gradeScore", { score: decimal(grade.score, 2) })
                    }
                  >
                    <Space>
                      <GradeTag grade={grade.grade} label={grade.gradeLabel} />
                      <Typography.Text type="secondary">
                        {grade.schemeTitle} · {day(grade.asOf)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t("customer.scores")}
            size="small"
            extra={data.run ? t("customer.scoresAsOf", { asOf: day(data.run.asOf) }) : null}
            data-testid="customer-scores"
          >
            {scores ? (
              <>
                <Row gutter={16}>
                  <Col span={8}>
                    <Statistic title={t("customer.score.pAlive")} value={percent(scores.pAlive)} />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t("customer.score.expectedPurchases")}
                      value={decimal(scores.expectedPurchases)}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t("customer.score.predictedValue")}
                      value={money(scores.clv, currency)}
                    />
                  </Col>
                </Row>
                <Row gutter={16} style={{ marginTop: 16 }}>
                  <Col span={8}>
                    <Statistic title={t("customer.score.revenue")} value={money(scores.revenue, currency)} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t("customer.score.orders")} value={scores.orders} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t("customer.score.churnRisk")} value={percent(scores.churnRisk)} />
                  </Col>
                </Row>
                <Space wrap style={{ marginTop: 16 }}>
                  <Typography.Text type="secondary">{t("customer.segments")}:</Typography.Text>
                  <Tag>
                    <SegmentLabel family="valueTier" code={scores.valueTier} />
                  </Tag>
                  <Tag>
                    <SegmentLabel family="lifecycle" code={scores.lifecycleStage} />
                  </Tag>
                  <Tag>
                    <SegmentLabel family="rfm" code={scores.rfm.segment} />
                  </Tag>
                  <Tag>
                    <SegmentLabel family="abc" code={scores.abcClass} />
                  </Tag>
                  <Tag>
                    <SegmentLabel family="credit" code={scores.creditGrade} />
                  </Tag>
                  <SegmentLabel family="warning" code={scores.churnWarning} />
                </Space>
              </>
            ) : (
              <NoData text={t("customer.noScores")} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("customer.tasks")} size="small" data-testid="customer-tasks">
            {data.tasks.length === 0 ? (
              <NoData text={t("customer.noTasks")} />
            ) : (
              <List
                size="small"
                dataSource={[...data.tasks]}
                renderItem={(task) => (
                  <List.Item
                    extra={
                      <Typography.Text type={day(task.dueOn) < todayThere ? "danger" : undefined}>
                        {t("customer.due", { date: day(task.dueOn) })}
                      </Typography.Text>
                    }
                  >
                    <Space>
                      <Tag
                        color={
                          task.priority === "urgent" ? "red" : task.priority === "high" ? "orange" : "default"
                        }
                      >
                        {label("priority", task.priority)}
                      </Tag>
                      <span>{label("taskKind", task.kind)}</span>
                      <Typography.Text type="secondary">{task.owner ?? none}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("customer.recommendations")} size="small">
            {data.recommendations.length === 0 ? (
              <NoData text={t("customer.noRecommendations")} />
            ) : (
              <List
                size="small"
                dataSource={[...data.recommendations]}
                renderItem={(product) => (
                  <List.Item extra={decimal(product.score, 3)}>
                    <Space>
                      <span>{product.name}</span>
                      <Typography.Text type="secondary">
                        {product.sku}
                        {product.category ? ` · ${product.category}` : ""}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small">
        <Tabs
          items={[
            {
              key: "contacts",
              label: t("customer.tabs.contacts"),
              children: table<"contacts">(data.contacts, [
                { title: t("customer.contact.name"), dataIndex: "name" },
                { title: t("customer.contact.title"), dataIndex: "title" },
                {
                  title: t("customer.contact.role"),
                  dataIndex: "role",
                  render: (v) => label("contactRole", v),
                },
                {
                  title: t("customer.contact.attitude"),
                  dataIndex: "attitude",
                  render: (v) => label("attitude", v),
                },
                { title: t("customer.contact.phone"), dataIndex: "phone" },
                { title: t("customer.contact.email"), dataIndex: "email" },
              ]),
            },
            {
              key: "orders",
              label: t("customer.tabs.orders"),
              children: table<"orders">(data.orders, [
                { title: t("customer.order.id"), dataIndex: "externalId" },
                { title: t("customer.order.date"), dataIndex: "orderDate", render: (v) => day(v) },
                {
                  title: t("customer.order.amount"),
                  dataIndex: "amount",
                  align: "right",
                  render: (v) => money(v, currency),
                },
                {
                  title: t("customer.order.margin"),
                  dataIndex: "margin",
                  align: "right",
                  render: (v) => money(v, currency),
                },
                { title: t("customer.order.lines"), dataIndex: "lineCount", align: "right" },
                { title: t("customer.order.status"), dataIndex: "status" },
              ]),
            },
            {
              key: "invoices",
              label: t("customer.tabs.invoices"),
              children: (
                <>
                  <Space size="large" style={{ marginBottom: 12 }}>
                    <Statistic
                      title={t("customer.invoice.openTotal")}
                      value={money(data.aging.openAmount, currency)}
                    />
                    <Statistic
                      title={t("customer.invoice.overdueTotal")}
                      value={money(data.aging.overdueAmount, currency)}
                    />
                  </Space>
                  {table<"invoices">(data.invoices, [
                    { title: t("customer.invoice.id"), dataIndex: "externalId" },
                    { title: t("customer.invoice.issuedOn"), dataIndex: "issuedOn", render: (v) => day(v) },
                    { title: t("customer.invoice.dueOn"), dataIndex: "dueOn", render: (v) => day(v) },
                    {
                      title: t("customer.invoice.amount"),
                      dataIndex: "amount",
                      align: "right",
                      render: (v) => money(v, currency),
                    },
                    {
                      title: t("customer.invoice.openAmount"),
                      dataIndex: "openAmount",
                      align: "right",
                      render: (v) => money(v, currency),
                    },
                    { title: t("customer.invoice.daysOverdue"), dataIndex: "daysOverdue", align: "right" },
                    {
                      title: t("customer.invoice.bucket"),
                      dataIndex: "bucket",
                      render: (v) => label("aging", v),
                    },
                  ])}
                </>
              ),
            },
            {
              key: "payments",
              label: t("customer.tabs.payments"),
              children: table<"payments">(data.payments, [
                { title: t("customer.payment.id"), dataIndex: "externalId" },
                { title: t("customer.payment.paidOn"), dataIndex: "paidOn", render: (v) => day(v) },
                {
                  title: t("customer.payment.amount"),
                  dataIndex: "amount",
                  align: "right",
                  render: (v) => money(v, currency),
                },
                { title: t("customer.payment.invoice"), dataIndex: "invoiceExternalId" },
              ]),
            },
            {
              key: "interactions",
              label: t("customer.tabs.interactions"),
              children: table<"interactions">(data.interactions, [
                {
                  title: t("customer.interaction.occurredAt"),
                  dataIndex: "occurredAt",
                  render: (v) => dateTime(v, timeZone),
                },
                {
                  title: t("customer.interaction.kind"),
                  dataIndex: "kind",
                  render: (v) => label("interactionKind", v),
                },
                { title: t("customer.interaction.summary"), dataIndex: "summary" },
                { title: t("customer.interaction.owner"), dataIndex: "owner" },
                {
                  title: t("customer.interaction.resolved"),
                  dataIndex: "resolvedAt",
                  render: (v) => (v ? dateTime(v, timeZone) : none),
                },
              ]),
            },
            {
              key: "surveys",
              label: t("customer.tabs.surveys"),
              children: (
                <>
                  <Space size="large" style={{ marginBottom: 12 }}>
                    <Statistic title={t("customer.survey.answers")} value={data.surveys.summary.answers} />
                    <Statistic
                      title={t("customer.survey.npsScore")}
                      value={decimal(data.surveys.summary.nps.score, 1)}
                    />
                  </Space>
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    locale={{ emptyText: <NoData /> }}
                    dataSource={[...data.surveys.answers]}
                    columns={[
                      {
                        title: t("customer.survey.answeredOn"),
                        dataIndex: "answeredOn",
                        render: (v) => day(v),
                      },
                      { title: t("customer.survey.nps"), dataIndex: "nps" },
                      { title: t("customer.survey.item"), dataIndex: "item" },
                      { title: t("customer.survey.satisfaction"), dataIndex: "satisfaction" },
                      { title: t("customer.survey.comment"), dataIndex: "comment" },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
