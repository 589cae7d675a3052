/**
 * 贬损者与低分回访: the surveys that call for a follow-up (an NPS of 0–6 or a satisfaction score of
 * 1–2) in the page's period and group, newest first, with the state of their detractor follow-up
 * task (GET /surveys/follow-ups, server pages and total).
 */
import { QuestionCircleOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import { dateTime, day, decimal } from "../../format/format.ts";
import { CustomerLink } from "../../shell/customer-link.tsx";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import { CursorPager, useCursorPages } from "../cursor-pages.tsx";
import type { Page, SurveyFollowUp } from "./satisfaction.types.ts";

const STATES = ["open", "done", "none"] as const;
const STATE_COLORS: Record<string, string> = { open: "orange", done: "green", none: "default" };
const PAGE_SIZE = 10;

/** The page's period and group, as the follow-ups filter them. */
export interface SurveyScope {
  readonly from: string;
  readonly to: string;
  readonly grade?: string | undefined;
  readonly rfmSegment?: string | undefined;
}

export function FollowUps({ scope, names }: { scope: SurveyScope; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const settings = useCompanySettings();
  const [state, setState] = useState<string | undefined>(undefined);
  const query = { ...scope, followUp: state, limit: PAGE_SIZE };
  const pages = useCursorPages(JSON.stringify(query));
  const followUps = useQuery({
    queryKey: ["surveys", "follow-ups", query, pages.cursor ?? null],
    queryFn: ({ signal }) =>
      api<Page<SurveyFollowUp>>("/surveys/follow-ups", { query: { ...query, cursor: pages.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  const owner = (user: string | null) => (user === null ? t("common.none") : (names.get(user) ?? user));

  return (
    <Card
      size="small"
      data-testid="follow-ups"
      title={
        <Space size="small" wrap>
          <span>{t("satisfaction.followUps.title")}</span>
          <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
            {t("satisfaction.followUps.subtitle")}
          </Typography.Text>
        </Space>
      }
      extra={
        <Select
          size="small"
          data-testid="follow-up-state"
          aria-label={t("satisfaction.followUps.state")}
          style={{ minWidth: 150 }}
          allowClear
          placeholder={t("satisfaction.followUps.allStates")}
          value={state}
          onChange={(value?: string) => setState(value)}
          options={STATES.map((code) => ({ value: code, label: t(`satisfaction.followUps.states.${code}`) }))}
        />
      }
    >
      {followUps.isError ? (
        <LoadFailed error={followUps.error} onRetry={() => followUps.refetch()} />
      ) : (
        <>
          <Table<SurveyFollowUp>
            size="small"
            rowKey="id"
            data-testid="follow-ups-table"
            loading={followUps.isFetching}
            pagination={false}
            dataSource={[...(followUps.data?.items ?? [])]}
            locale={{ emptyText: <NoData text={t("satisfaction.followUps.empty")} /> }}
            columns={[
              {
                key: "answeredOn",
                title: t("satisfaction.followUps.answeredOn"),
                dataIndex: "answeredOn",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (value: string) => day(value),
              },
              {
                key: "customer",
                title: t("satisfaction.followUps.customer"),
                render: (_, answer) => (
                  <CustomerLink code={answer.customerCode} name={answer.customerName} maxWidth={160} />
                ),
              },
              {
                key: "owner",
                title: t("satisfaction.followUps.owner"),
                dataIndex: "owner",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: owner,
              },
              {
                key: "nps",
                title: t("satisfaction.followUps.nps"),
                dataIndex: "nps",
                align: "right",
                render: (value: number | null) => decimal(value, 1),
              },
              {
                key: "satisfaction",
                title: t("satisfaction.followUps.satisfaction"),
                dataIndex: "satisfaction",
                align: "right",
                render: (value: number | null) => decimal(value, 1),
              },
              {
                key: "reason",
                title: t("satisfaction.followUps.reason"),
                dataIndex: "reason",
                render: (reason: string) => (
                  <Tag color={reason === "detractor" ? "red" : "gold"}>
                    {t(`satisfaction.followUps.reasons.${reason}`)}
                  </Tag>
                ),
              },
              {
                key: "task",
                title: t("satisfaction.followUps.task"),
                render: (_, answer) => (
                  <Space size={4} wrap data-testid="follow-up-task">
                    <Tag color={STATE_COLORS[answer.followUp]} style={{ marginInlineEnd: 0 }}>
                      {t(`satisfaction.followUps.states.${answer.followUp}`)}
                    </Tag>
                    {answer.task === null ? (
                      <Tooltip title={t("satisfaction.followUps.noTaskHint")}>
                        <QuestionCircleOutlined style={{ color: "#8c8c8c" }} />
                      </Tooltip>
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                        {answer.task.doneAt
                          ? t("satisfaction.followUps.taskDone", {
                              date: dateTime(answer.task.doneAt, settings.data?.settings.timeZone),
                            })
                          : `${owner(answer.task.owner)} · ${t("satisfaction.followUps.taskDue", { date: day(answer.task.dueOn) })}`}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <CursorPager
            pages={pages}
            total={followUps.data?.total}
            nextCursor={followUps.data?.nextCursor}
            testId="follow-ups"
          />
        </>
      )}
    </Card>
  );
}
