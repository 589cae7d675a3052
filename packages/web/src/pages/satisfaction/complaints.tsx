/**
 * 投诉: how long the complaints of the customers in the reader's scope stay open (GET
 * /interactions/complaint-summary: counts, time to resolve, open past the deadline, per duration)
 * and the complaints themselves (GET /interactions?kind=complaint, open ones first by default),
 * each with how long it has been or was open.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import { dateTime, decimal } from "../../format/format.ts";
import { CustomerLink } from "../../shell/customer-link.tsx";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { CursorPager, useCursorPages } from "../cursor-pages.tsx";
import { EChart } from "../overview/echart.tsx";
import { type ChartTexts, complaintsOption } from "./options.ts";
import type { ComplaintSummary, Interaction, Page } from "./satisfaction.types.ts";

const SHOWS = ["open", "resolved", "all"] as const;
const PAGE_SIZE = 10;
const HOUR_MS = 3_600_000;

export function Complaints({ ctx, names }: { ctx: ChartTexts; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const settings = useCompanySettings();
  const timeZone = settings.data?.settings.timeZone;
  const [show, setShow] = useState<(typeof SHOWS)[number]>("open");
  const summary = useQuery({
    queryKey: ["interactions", "complaint-summary"],
    queryFn: ({ signal }) => api<ComplaintSummary>("/interactions/complaint-summary", { signal }),
  });
  const query = {
    kind: "complaint",
    open: show === "all" ? undefined : String(show === "open"),
    limit: PAGE_SIZE,
  };
  const pages = useCursorPages(JSON.stringify(query));
  const list = useQuery({
    queryKey: ["interactions", "complaints", query, pages.cursor ?? null],
    queryFn: ({ signal }) =>
      api<Page<Interaction>>("/interactions", { query: { ...query, cursor: pages.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  /** Hours as people say them: hours under two days, days beyond. */
  const duration = (hours: number | null) =>
    hours === null
      ? t("common.none")
      : hours < 48
        ? t("satisfaction.complaints.hours", { count: decimal(hours, 0) })
        : t("satisfaction.complaints.days", { count: decimal(hours / 24, 1) });
  const now = Date.now();

  return (
    <Card
      size="small"
      data-testid="complaints"
      title={
        <Space size="small" wrap>
          <span>{t("satisfaction.complaints.title")}</span>
          <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
            {t("satisfaction.complaints.subtitle")}
          </Typography.Text>
        </Space>
      }
    >
      {summary.isPending ? (
        <PageLoading />
      ) : summary.isError ? (
        <LoadFailed error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Row gutter={[12, 12]}>
              {[
                {
                  key: "total",
                  title: t("satisfaction.complaints.total"),
                  value: decimal(summary.data.total, 0),
                },
                {
                  key: "open",
                  title: t("satisfaction.complaints.open"),
                  value: decimal(summary.data.open, 0),
                },
                {
                  key: "pastDeadline",
                  title: t("satisfaction.complaints.pastDeadline", { hours: summary.data.deadlineHours }),
                  value: decimal(summary.data.openPastDeadline, 0),
                  danger: summary.data.openPastDeadline > 0,
                },
                {
                  key: "medianResolved",
                  title: t("satisfaction.complaints.medianResolved"),
                  value: duration(summary.data.resolvedHours.median),
                },
                {
                  key: "longestOpen",
                  title: t("satisfaction.complaints.longestOpen"),
                  value: duration(summary.data.openHours.longest),
                },
              ].map((card) => (
                <Col span={12} key={card.key}>
                  <Statistic
                    data-testid={`complaints-${card.key}`}
                    title={card.title}
                    value={card.value}
                    {...(card.danger ? { styles: { content: { color: "#f5222d" } } } : {})}
                  />
                </Col>
              ))}
            </Row>
          </Col>
          <Col xs={24} xl={14}>
            <Typography.Text strong>{t("satisfaction.charts.complaints")}</Typography.Text>
            {summary.data.total === 0 ? (
              <NoData text={t("satisfaction.complaints.empty")} />
            ) : (
              <EChart
                option={complaintsOption(summary.data, ctx)}
                height={240}
                data-testid="chart-complaints"
              />
            )}
          </Col>
        </Row>
      )}
      <Space style={{ margin: "16px 0 8px" }}>
        <Typography.Text strong>{t("satisfaction.complaints.list")}</Typography.Text>
        <Segmented
          size="small"
          data-testid="complaints-show"
          value={show}
          onChange={(value) => setShow(value as (typeof SHOWS)[number])}
          options={SHOWS.map((code) => ({ value: code, label: t(`satisfaction.complaints.shows.${code}`) }))}
        />
      </Space>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          <Table<Interaction>
            size="small"
            rowKey="id"
            data-testid="complaints-table"
            loading={list.isFetching}
            pagination={false}
            dataSource={[...(list.data?.items ?? [])]}
            locale={{ emptyText: <NoData text={t("satisfaction.complaints.empty")} /> }}
            columns={[
              {
                key: "occurredAt",
                title: t("satisfaction.complaints.occurredAt"),
                dataIndex: "occurredAt",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (value: string) => dateTime(value, timeZone),
              },
              {
                key: "customer",
                title: t("satisfaction.complaints.customer"),
                render: (_, complaint) => (
                  <CustomerLink code={complaint.customerCode} name={complaint.customerName} maxWidth={140} />
                ),
              },
              {
                key: "summary",
                title: t("satisfaction.complaints.summary"),
                dataIndex: "summary",
                render: (value: string | null) => (
                  <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth: 320 }}>
                    {value ?? ""}
                  </Typography.Text>
                ),
              },
              {
                key: "owner",
                title: t("satisfaction.complaints.owner"),
                dataIndex: "owner",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (value: string | null) =>
                  value === null ? t("common.none") : (names.get(value) ?? value),
              },
              {
                key: "state",
                title: t("satisfaction.complaints.state"),
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (_, complaint) => {
                  const from = Date.parse(complaint.occurredAt);
                  const to = complaint.resolvedAt === null ? now : Date.parse(complaint.resolvedAt);
                  const hours = Math.max(0, to - from) / HOUR_MS;
                  return complaint.resolvedAt === null ? (
                    <Tag
                      color={hours > (summary.data?.deadlineHours ?? 48) ? "red" : "orange"}
                      data-testid="complaint-open"
                    >
                      {t("satisfaction.complaints.openFor", { duration: duration(hours) })}
                    </Tag>
                  ) : (
                    <Tag color="green">
                      {t("satisfaction.complaints.took", { duration: duration(hours) })}
                    </Tag>
                  );
                },
              },
            ]}
          />
          <CursorPager
            pages={pages}
            total={list.data?.total}
            nextCursor={list.data?.nextCursor}
            testId="complaints"
          />
        </>
      )}
    </Card>
  );
}
