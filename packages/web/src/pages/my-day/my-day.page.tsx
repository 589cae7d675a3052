/**
 * 工作台 / My day (issue 11, page 1), the home page after sign-in: the reader's open tasks
 * (overdue, today, later this week, by kind) with the actions in place, their customers not
 * contacted for 7…180 days, the churn warnings the latest analysis newly raised on them, the care
 * coming up and, for readers who see other owners' customers (managers, admins), the same per
 * owner. Everything is GET /api/v1/tasks/my-day, plus GET /tasks/mine for the task list.
 */
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, List, Row, Space, Statistic, Table, Tag, Typography, theme } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/client.ts";
import type { User } from "../../api/types.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { day, decimal, percent } from "../../format/format.ts";
import { CustomerLink } from "../../shell/customer-link.tsx";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { SegmentLabel } from "../segment-tags.tsx";
import type { MyDay, OwnerDay, Task, WarnedCustomer } from "./my-day.types.ts";
import { type Assignee, TaskTable } from "./task-table.tsx";
import { addMyDayTexts } from "./texts.ts";

addMyDayTexts();

const count = (value: number) => decimal(value, 0);

export default function MyDayPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const myDay = useQuery({
    queryKey: ["my-day"],
    queryFn: ({ signal }) => api<MyDay>("/tasks/my-day", { signal }),
  });
  const assignees = useAssignees(myDay.data?.team ?? null);

  if (myDay.isPending) return <PageLoading />;
  if (myDay.isError) return <LoadFailed error={myDay.error} onRetry={() => myDay.refetch()} />;
  const data = myDay.data;
  // An admin who owns nothing (no tasks, no customers, no care) has only the team to look at.
  const teamOnly = data.mine === null || (data.team !== null && idle(data.mine) && data.care.length === 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="my-day">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("myDay.title")}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="my-day-today">
          {t("myDay.today", { today: day(data.today), weekEnd: day(data.weekEnd) })}
        </Typography.Text>
      </div>
      {teamOnly || !data.mine ? (
        <Alert type="info" showIcon title={t("myDay.team.onlyTeam")} data-testid="team-only" />
      ) : (
        <Mine data={data} mine={data.mine} canEdit={can(user, "edit")} assignees={assignees} />
      )}
      {data.team && <TeamTable team={data.team} />}
    </Space>
  );
}

function idle(day: OwnerDay): boolean {
  const { overdue, dueToday, dueThisWeek } = day.tasks;
  return (
    overdue + dueToday + dueThisWeek === 0 &&
    day.newChurnWarnings === 0 &&
    day.uncontacted.every((entry) => entry.customers === 0)
  );
}

/**
 * Whom the reader may give a task to: every active user for a reader who may list users; for a
 * manager (who may reassign but not list users) the owners of their team who are users; null when
 * the reader may not reassign, or has nobody to give tasks to.
 */
function useAssignees(team: readonly OwnerDay[] | null): Assignee[] | null {
  const user = useCurrentUser();
  const listsUsers = can(user, "reassign") && can(user, "manageUsers");
  const users = useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api<User[]>("/users", { signal }),
    enabled: listsUsers,
  });
  if (!can(user, "reassign")) return null;
  const found = listsUsers
    ? (users.data ?? [])
        .filter((candidate) => candidate.active)
        .map((candidate) => ({ value: candidate.username, label: candidate.name ?? candidate.username }))
    : (team ?? []).flatMap((owner) =>
        owner.name === null ? [] : [{ value: owner.owner, label: owner.name }],
      );
  return found.length > 0 ? found : null;
}

function Mine({
  data,
  mine,
  canEdit,
  assignees,
}: {
  data: MyDay;
  mine: OwnerDay;
  canEdit: boolean;
  assignees: Assignee[] | null;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const cards: { key: string; value: number; color?: string }[] = [
    { key: "overdue", value: mine.tasks.overdue, color: token.colorError },
    { key: "dueToday", value: mine.tasks.dueToday, color: token.colorWarning },
    { key: "dueThisWeek", value: mine.tasks.dueThisWeek },
    { key: "newWarnings", value: mine.newChurnWarnings },
  ];
  return (
    <>
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col xs={12} lg={6} key={card.key}>
            <Card size="small" data-testid={`count-${card.key}`}>
              <Statistic
                title={t(`myDay.counts.${card.key}`)}
                value={count(card.value)}
                {...(card.color && card.value > 0 ? { styles: { content: { color: card.color } } } : {})}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={<Heading title={t("myDay.tasks.title")} subtitle={t("myDay.tasks.subtitle")} />}
          >
            <TaskTable
              today={data.today}
              weekEnd={data.weekEnd}
              mine={mine}
              canEdit={canEdit}
              assignees={assignees}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <ByKind mine={mine} />
            <Uncontacted mine={mine} />
            <Care care={data.care} />
          </Space>
        </Col>
      </Row>
      <Warnings warnings={data.churnWarnings} />
    </>
  );
}

function Heading({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <Space size="small" wrap>
      <span>{title}</span>
      <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
        {subtitle}
      </Typography.Text>
    </Space>
  );
}

/** The week's open tasks per kind; a kind opens the task list filtered to it. */
function ByKind({ mine }: { mine: OwnerDay }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filterTo = (kind: string) => {
    const next = new URLSearchParams(params);
    next.set("kind", kind);
    setParams(next, { replace: true });
  };
  const red = (value: number): ReactNode =>
    value > 0 ? <Typography.Text type="danger">{count(value)}</Typography.Text> : count(value);
  return (
    <Card size="small" title={t("myDay.byKind.title")} data-testid="by-kind">
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={[...mine.byKind]}
        locale={{ emptyText: <NoData text={t("myDay.byKind.empty")} /> }}
        columns={[
          {
            key: "kind",
            title: t("myDay.byKind.kind"),
            dataIndex: "kind",
            render: (kind: string) => (
              <Typography.Link onClick={() => filterTo(kind)}>
                {t(`taskKind.${kind}`, { defaultValue: kind })}
              </Typography.Link>
            ),
          },
          {
            key: "overdue",
            title: t("myDay.counts.overdue"),
            dataIndex: "overdue",
            align: "right",
            render: red,
          },
          {
            key: "dueToday",
            title: t("myDay.counts.dueToday"),
            dataIndex: "dueToday",
            align: "right",
            render: count,
          },
          {
            key: "dueThisWeek",
            title: t("myDay.counts.dueThisWeek"),
            dataIndex: "dueThisWeek",
            align: "right",
            render: count,
          },
        ]}
      />
    </Card>
  );
}

/**
 * How many customers have not been contacted for 7…180 days. Counts, not links: the customer list
 * has no "last contact" filter to open.
 */
function Uncontacted({ mine }: { mine: OwnerDay }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<Heading title={t("myDay.uncontacted.title")} subtitle={t("myDay.uncontacted.subtitle")} />}
      data-testid="uncontacted"
    >
      <Row gutter={[8, 8]}>
        {mine.uncontacted.map((entry) => (
          <Col span={8} key={entry.days} data-testid={`uncontacted-${entry.days}`}>
            <Statistic
              title={t("myDay.uncontacted.days", { days: entry.days })}
              value={count(entry.customers)}
              suffix={<span style={{ fontSize: 12 }}>{t("myDay.counts.customersUnit")}</span>}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Warnings({ warnings }: { warnings: MyDay["churnWarnings"] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<Heading title={t("myDay.warnings.title")} subtitle={t("myDay.warnings.subtitle")} />}
      extra={
        warnings.total > 0 ? (
          <Typography.Text type="secondary" data-testid="warnings-total">
            {t("myDay.warnings.total", {
              total: count(warnings.total),
              shown: count(warnings.customers.length),
            })}
          </Typography.Text>
        ) : null
      }
      data-testid="churn-warnings"
    >
      <Table<WarnedCustomer>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={[...warnings.customers]}
        locale={{ emptyText: <NoData text={t("myDay.warnings.empty")} /> }}
        columns={[
          {
            key: "customer",
            title: t("myDay.warnings.customer"),
            render: (_, customer) => (
              <Space size={4} style={{ whiteSpace: "nowrap" }}>
                <Link to={`/customers/${encodeURIComponent(customer.code)}`}>{customer.code}</Link>
                <Typography.Text type="secondary">{customer.name ?? ""}</Typography.Text>
              </Space>
            ),
          },
          {
            key: "level",
            title: t("myDay.warnings.level"),
            dataIndex: "level",
            render: (level: string) => <SegmentLabel family="warning" code={level} />,
          },
          {
            key: "risk",
            title: t("myDay.warnings.risk"),
            dataIndex: "risk",
            align: "right",
            render: (risk: number | null) => percent(risk),
          },
          {
            key: "reasons",
            title: t("myDay.warnings.reasons"),
            dataIndex: "reasons",
            render: (reasons: readonly string[]) => (
              <Space size={4} wrap data-testid="warning-reasons">
                {reasons.length === 0 ? (
                  <Typography.Text type="secondary">{t("myDay.warnings.noReasons")}</Typography.Text>
                ) : (
                  reasons.map((reason) => (
                    <Tag key={reason} variant="filled" style={{ marginInlineEnd: 0 }}>
                      {t(`myDay.churnReason.${reason}`, { defaultValue: reason })}
                    </Tag>
                  ))
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The occasion a care task is for (its reason: birthday, lunar birthday or a festival's code). */
function occasionOf(task: Task): string | null {
  if (task.reason.code === "care_birthday") return "birthday";
  if (task.reason.code === "care_lunar_birthday") return "lunar_birthday";
  const festival = task.reason.params.festival;
  return task.reason.code === "care_festival" && festival !== undefined ? String(festival) : null;
}

function Care({ care }: { care: readonly Task[] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<Heading title={t("myDay.care.title")} subtitle={t("myDay.care.subtitle")} />}
      data-testid="care"
    >
      {care.length === 0 ? (
        <NoData text={t("myDay.care.empty")} />
      ) : (
        <List
          size="small"
          dataSource={[...care]}
          renderItem={(task) => {
            const occasion = occasionOf(task);
            const on = task.reason.params.date;
            return (
              <List.Item data-testid="care-item">
                <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                  <Space size="small" wrap>
                    <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                      {occasion
                        ? t(`myDay.care.occasion.${occasion}`, { defaultValue: occasion })
                        : t("myDay.care.other")}
                    </Tag>
                    <Typography.Text strong>
                      {day(on === undefined ? task.dueOn : String(on))}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="care-prepare">
                      {t("myDay.care.dueOn", { date: day(task.dueOn) })}
                    </Typography.Text>
                  </Space>
                  <CustomerLink code={task.customerCode} name={task.customerName} maxWidth={240} />
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

/** One row per owner the reader sees, sortable by every count. */
function TeamTable({ team }: { team: readonly OwnerDay[] }) {
  const { t } = useTranslation();
  // The sort is held here (controlled): one column at a time, most overdue first to begin with.
  const [sort, setSort] = useState<{ key: string; order: SortOrder }>({ key: "overdue", order: "descend" });
  const sortOrder = (key: string) => (sort.key === key ? sort.order : null);
  const thirty = (owner: OwnerDay) => owner.uncontacted.find((entry) => entry.days === 30)?.customers ?? 0;
  const numeric = (key: string, title: string, value: (owner: OwnerDay) => number, danger = false) => ({
    key,
    title,
    align: "right" as const,
    sorter: (a: OwnerDay, b: OwnerDay) => value(a) - value(b),
    sortOrder: sortOrder(key),
    sortDirections: ["descend" as const, "ascend" as const],
    render: (_: unknown, owner: OwnerDay) =>
      danger && value(owner) > 0 ? (
        <Typography.Text type="danger">{count(value(owner))}</Typography.Text>
      ) : (
        count(value(owner))
      ),
  });
  return (
    <Card
      size="small"
      title={<Heading title={t("myDay.team.title")} subtitle={t("myDay.team.subtitle")} />}
      data-testid="team"
    >
      <Table<OwnerDay>
        size="small"
        rowKey="owner"
        data-testid="team-table"
        dataSource={[...team]}
        pagination={team.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <NoData text={t("myDay.team.empty")} /> }}
        onChange={(_pagination, _filters, sorter) => {
          const single = Array.isArray(sorter) ? sorter[0] : sorter;
          setSort({ key: String(single?.columnKey ?? ""), order: single?.order ?? null });
        }}
        columns={[
          {
            key: "owner",
            title: t("myDay.team.owner"),
            sorter: (a, b) => (a.name ?? a.owner).localeCompare(b.name ?? b.owner),
            sortOrder: sortOrder("owner"),
            render: (_, owner) => (
              <Space size={4}>
                <span>{owner.name ?? owner.owner}</span>
                {owner.name !== null && <Typography.Text type="secondary">{owner.owner}</Typography.Text>}
              </Space>
            ),
          },
          numeric("overdue", t("myDay.team.overdue"), (owner) => owner.tasks.overdue, true),
          numeric("dueToday", t("myDay.team.dueToday"), (owner) => owner.tasks.dueToday),
          numeric("dueThisWeek", t("myDay.team.dueThisWeek"), (owner) => owner.tasks.dueThisWeek),
          numeric("uncontacted30", t("myDay.team.uncontacted30"), thirty),
          numeric("newWarnings", t("myDay.team.newWarnings"), (owner) => owner.newChurnWarnings),
        ]}
      />
    </Card>
  );
}
