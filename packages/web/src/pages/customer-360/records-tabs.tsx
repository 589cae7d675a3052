/**
 * The customer's records as the 360 view carries them: the latest orders (returns marked), the
 * open invoices with their aging and what is paid on them, the latest payments, the latest
 * interactions and the survey answers with the NPS.
 */
import { Card, Space, Statistic, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useCompanySettings, useCurrency } from "../../api/queries.ts";
import { dateTime, day, decimal, money } from "../../format/format.ts";
import { NoData } from "../../shell/states.tsx";
import type {
  Customer360,
  Interaction,
  Invoice,
  Order,
  Payment,
  SurveyAnswer,
} from "./customer-360.types.ts";
import { codeLabel } from "./labels.ts";

const STATUS_COLORS: Record<string, string> = { returned: "red", cancelled: "default", completed: "green" };

function RecordTable<T extends { id: number }>({
  rows,
  columns,
  testId,
  caption,
}: {
  rows: readonly T[];
  columns: ColumnsType<T>;
  testId: string;
  /** What part of the records the table holds, where it is not all of them. */
  caption?: string;
}) {
  return (
    <Table<T>
      rowKey="id"
      {...(caption ? { title: () => <Typography.Text type="secondary">{caption}</Typography.Text> } : {})}
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: <NoData /> }}
      data-testid={testId}
    />
  );
}

export function RecordsTabs({ view }: { view: Customer360 }) {
  const { t } = useTranslation();
  const currency = useCurrency();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const none = t("common.none");
  const amount = (value: number | null) => money(value, currency);
  // An order that is a return (by status, or a negative amount) is marked, as the analysis counts it.
  const isReturn = (order: Order) =>
    order.status === "returned" || order.status === "cancelled" || order.amount < 0;

  return (
    <Card size="small">
      <Tabs
        items={[
          {
            key: "orders",
            label: t("customer360.tabs.orders"),
            children: (
              <RecordTable<Order>
                testId="customer-orders"
                rows={view.orders}
                caption={t("customer360.order.latest")}
                columns={[
                  { title: t("customer360.order.id"), dataIndex: "externalId" },
                  { title: t("customer360.order.date"), dataIndex: "orderDate", render: (v) => day(v) },
                  {
                    title: t("customer360.order.amount"),
                    dataIndex: "amount",
                    align: "right",
                    render: (v: number, order) => (
                      <Typography.Text type={isReturn(order) ? "danger" : undefined}>
                        {amount(v)}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t("customer360.order.margin"),
                    dataIndex: "margin",
                    align: "right",
                    render: amount,
                  },
                  { title: t("customer360.order.lines"), dataIndex: "lineCount", align: "right" },
                  {
                    title: t("customer360.order.status"),
                    dataIndex: "status",
                    render: (status: string | null) =>
                      status ? (
                        <Tag color={STATUS_COLORS[status] ?? "default"}>
                          {codeLabel(t, "customer360.order.statuses", status)}
                        </Tag>
                      ) : (
                        none
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: "invoices",
            label: t("customer360.tabs.invoices"),
            children: (
              <>
                <Space size="large" style={{ marginBottom: 12 }}>
                  <Statistic
                    title={t("customer360.invoice.openTotal")}
                    value={amount(view.aging.openAmount)}
                  />
                  <Statistic
                    title={t("customer360.invoice.overdueTotal")}
                    value={amount(view.aging.overdueAmount)}
                  />
                  <Statistic title={t("customer360.invoice.openInvoices")} value={view.aging.openInvoices} />
                </Space>
                <RecordTable<Invoice>
                  testId="customer-invoices"
                  rows={view.invoices}
                  columns={[
                    { title: t("customer360.invoice.id"), dataIndex: "externalId" },
                    {
                      title: t("customer360.invoice.issuedOn"),
                      dataIndex: "issuedOn",
                      render: (v) => day(v),
                    },
                    { title: t("customer360.invoice.dueOn"), dataIndex: "dueOn", render: (v) => day(v) },
                    {
                      title: t("customer360.invoice.amount"),
                      dataIndex: "amount",
                      align: "right",
                      render: amount,
                    },
                    {
                      title: t("customer360.invoice.paidAmount"),
                      dataIndex: "paidAmount",
                      align: "right",
                      render: amount,
                    },
                    {
                      title: t("customer360.invoice.openAmount"),
                      dataIndex: "openAmount",
                      align: "right",
                      render: amount,
                    },
                    { title: t("customer360.invoice.daysOverdue"), dataIndex: "daysOverdue", align: "right" },
                    {
                      title: t("customer360.invoice.bucket"),
                      dataIndex: "bucket",
                      render: (bucket: string | null) => (
                        <Tag color={bucket && bucket !== "current" ? "orange" : "default"}>
                          {codeLabel(t, "aging", bucket)}
                        </Tag>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: "payments",
            label: t("customer360.tabs.payments"),
            children: (
              <RecordTable<Payment>
                testId="customer-payments"
                rows={view.payments}
                columns={[
                  { title: t("customer360.payment.id"), dataIndex: "externalId" },
                  { title: t("customer360.payment.paidOn"), dataIndex: "paidOn", render: (v) => day(v) },
                  {
                    title: t("customer360.payment.amount"),
                    dataIndex: "amount",
                    align: "right",
                    render: amount,
                  },
                  {
                    title: t("customer360.payment.invoice"),
                    dataIndex: "invoiceExternalId",
                    render: (v: string | null) => v ?? none,
                  },
                ]}
              />
            ),
          },
          {
            key: "interactions",
            label: t("customer360.tabs.interactions"),
            children: (
              <RecordTable<Interaction>
                testId="customer-interactions"
                rows={view.interactions}
                caption={t("customer360.interaction.latest")}
                columns={[
                  {
                    title: t("customer360.interaction.occurredAt"),
                    dataIndex: "occurredAt",
                    render: (v) => dateTime(v, timeZone),
                  },
                  {
                    title: t("customer360.interaction.kind"),
                    dataIndex: "kind",
                    render: (kind: string) => (
                      <Tag color={kind === "complaint" ? "red" : "default"}>
                        {codeLabel(t, "interactionKind", kind)}
                      </Tag>
                    ),
                  },
                  {
                    title: t("customer360.interaction.summary"),
                    dataIndex: "summary",
                    render: (v: string | null) => <span className="user-data">{v ?? none}</span>,
                  },
                  {
                    title: t("customer360.interaction.owner"),
                    dataIndex: "owner",
                    render: (v: string | null) => <span className="user-data">{v ?? none}</span>,
                  },
                  {
                    title: t("customer360.interaction.resolved"),
                    dataIndex: "resolvedAt",
                    render: (v: string | null, row) =>
                      v ? (
                        dateTime(v, timeZone)
                      ) : row.kind === "complaint" ? (
                        <Tag color="orange">{t("customer360.interaction.open")}</Tag>
                      ) : (
                        none
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: "surveys",
            label: t("customer360.tabs.surveys"),
            children: (
              <>
                <Space size="large" style={{ marginBottom: 12 }}>
                  <Statistic title={t("customer360.survey.answers")} value={view.surveys.summary.answers} />
                  <Statistic
                    title={t("customer360.survey.npsScore")}
                    value={decimal(view.surveys.summary.nps.score, 1)}
                  />
                </Space>
                <RecordTable<SurveyAnswer>
                  testId="customer-surveys"
                  rows={view.surveys.answers}
                  columns={[
                    {
                      title: t("customer360.survey.answeredOn"),
                      dataIndex: "answeredOn",
                      render: (v) => day(v),
                    },
                    { title: t("customer360.survey.nps"), dataIndex: "nps", render: (v) => v ?? none },
                    {
                      title: t("customer360.survey.item"),
                      dataIndex: "item",
                      render: (v: string | null) => <span className="user-data">{v ?? none}</span>,
                    },
                    {
                      title: t("customer360.survey.satisfaction"),
                      dataIndex: "satisfaction",
                      render: (v) => v ?? none,
                    },
                    {
                      title: t("customer360.survey.comment"),
                      dataIndex: "comment",
                      render: (v: string | null) => <span className="user-data">{v ?? none}</span>,
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
