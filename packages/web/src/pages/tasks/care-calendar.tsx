/**
 * 关怀日历: a month's festivals and the birthdays (solar, or lunar as the customer keeps it) of the
 * customers in the reader's scope, each with the care task generation gave it (GET
 * /tasks/care-calendar). An occasion without a task is either still ahead of its rule's
 * `daysAhead` or outside what the customer's rule cares for: the page says both.
 */
import { QuestionCircleOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, List, Row, Space, Table, Tag, Tooltip, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import { day, today as todayIn } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { useOwners } from "./owners.ts";
import type { Birthday, CareCalendar as Calendar } from "./tasks.types.ts";

export function CareCalendar() {
  const { t } = useTranslation();
  const settings = useCompanySettings();
  const { names } = useOwners();
  const [month, setMonth] = useState<Dayjs | null>(null);
  // This month in the company's time zone until the reader picks another.
  const shown = month ?? dayjs(todayIn(settings.data?.settings.timeZone));
  const from = shown.startOf("month").format("YYYY-MM-DD");
  const to = shown.endOf("month").format("YYYY-MM-DD");
  const calendar = useQuery({
    queryKey: ["tasks", "care-calendar", from, to],
    queryFn: ({ signal }) => api<Calendar>("/tasks/care-calendar", { query: { from, to }, signal }),
    enabled: settings.isSuccess || settings.isError,
  });

  const lunarText = (lunar: NonNullable<Birthday["lunar"]>) =>
    t("tasks.care.lunar", {
      leap: lunar.leap ? t("tasks.care.leap") : "",
      month: t(`tasks.care.lunarMonths.${lunar.month - 1}`),
      day: t(`tasks.care.lunarDays.${lunar.day - 1}`),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="care-calendar">
      <Space>
        <Typography.Text>{t("tasks.care.month")}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={false}
          value={shown}
          onChange={(value) => setMonth(value)}
          data-testid="care-month"
        />
      </Space>
      {calendar.isPending ? (
        <PageLoading />
      ) : calendar.isError ? (
        <LoadFailed error={calendar.error} onRetry={() => calendar.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={7}>
            <Card size="small" title={t("tasks.care.festivals")} data-testid="care-festivals">
              {calendar.data.festivals.length === 0 ? (
                <NoData text={t("tasks.care.noFestivals")} />
              ) : (
                <List
                  size="small"
                  dataSource={[...calendar.data.festivals]}
                  renderItem={(festival) => (
                    <List.Item data-testid="care-festival">
                      <Space orientation="vertical" size={2}>
                        <Space size="small">
                          <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                            {t(`myDay.care.occasion.${festival.code}`, { defaultValue: festival.code })}
                          </Tag>
                          <Typography.Text strong>{day(festival.on)}</Typography.Text>
                        </Space>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("tasks.care.festivalTasks", festival.tasks)}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={17}>
            <Card size="small" title={t("tasks.care.birthdays")}>
              <Table<Birthday>
                size="small"
                rowKey={(birthday) => `${birthday.customerCode} ${birthday.on}`}
                data-testid="care-birthdays"
                dataSource={[...calendar.data.birthdays]}
                pagination={
                  calendar.data.birthdays.length > 20 ? { pageSize: 20, showSizeChanger: false } : false
                }
                locale={{ emptyText: <NoData text={t("tasks.care.noBirthdays")} /> }}
                columns={[
                  {
                    key: "on",
                    title: t("tasks.care.date"),
                    dataIndex: "on",
                    onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                  },
                  {
                    key: "occasion",
                    title: t("tasks.care.occasion"),
                    render: (_, birthday) => (
                      <Space size={4} wrap>
                        <Tag color={birthday.lunar ? "volcano" : "magenta"} style={{ marginInlineEnd: 0 }}>
                          {t(`myDay.care.occasion.${birthday.occasion}`)}
                        </Tag>
                        {birthday.lunar && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {lunarText(birthday.lunar)}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                  {
                    key: "customer",
                    title: t("tasks.care.customer"),
                    render: (_, birthday) => (
                      <Space size={4} style={{ whiteSpace: "nowrap" }}>
                        <Link to={`/customers/${encodeURIComponent(birthday.customerCode)}`}>
                          {birthday.customerCode}
                        </Link>
                        <Typography.Text type="secondary">{birthday.customerName ?? ""}</Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    key: "owner",
                    title: t("tasks.care.owner"),
                    dataIndex: "owner",
                    render: (owner: string | null) =>
                      owner === null ? t("common.none") : (names.get(owner) ?? owner),
                  },
                  {
                    key: "task",
                    title: t("tasks.care.task"),
                    render: (_, birthday) =>
                      birthday.task === null ? (
                        <Space size={4}>
                          <Typography.Text type="secondary">{t("tasks.care.noTask")}</Typography.Text>
                          <Tooltip title={t("tasks.care.noTaskHint")}>
                            <QuestionCircleOutlined style={{ color: "#8c8c8c" }} />
                          </Tooltip>
                        </Space>
                      ) : birthday.task.status === "done" ? (
                        <Tag color="green">{t("tasks.care.taskDone")}</Tag>
                      ) : (
                        <Tag color="blue">{t("tasks.care.taskOpen", { date: day(birthday.task.dueOn) })}</Tag>
                      ),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
