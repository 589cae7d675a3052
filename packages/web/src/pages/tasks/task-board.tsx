/**
 * 任务看板: the tasks of the customers the reader sees, filtered by kind, owner (or the team pool),
 * status, due days and priority in the URL (so a filtered board can be linked), paged by the
 * server (GET /tasks/board), with complete / reschedule / reassign in place where the reader's
 * role allows them (the same buttons as 工作台's).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Select, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { dateTime, day, today as todayIn } from "../../format/format.ts";
import { CustomerLink } from "../../shell/customer-link.tsx";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import { CursorPager, useCursorPages } from "../cursor-pages.tsx";
import { TaskActions, useTaskAction } from "../my-day/task-table.tsx";
import { useOwners } from "./owners.ts";
import type { Task, TaskBoardPage } from "./tasks.types.ts";

/** The board's kinds: every customer task kind (campaigns are tasks for groups, not on the board). */
const KINDS = [
  "care",
  "cadence",
  "win_back",
  "collection",
  "detractor_follow_up",
  "complaint_escalation",
  "key_account_review",
] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
const STATUSES = ["open", "done", "all"] as const;
const PRIORITY_COLORS: Record<string, string> = { urgent: "red", high: "orange" };
/** The filters' names in the URL, as GET /tasks/board names them. */
const FILTERS = ["kind", "owner", "pool", "status", "dueFrom", "dueTo", "priority"] as const;
const PAGE_SIZE = 20;
/** The owner select's value for the team pool: no user name can be it. */
const POOL = "\u0000pool";

export function TaskBoard() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const settings = useCompanySettings();
  const today = todayIn(settings.data?.settings.timeZone);
  const { owners, assignees, names } = useOwners();
  const [failure, setFailure] = useState<string | null>(null);
  const act = useTaskAction(setFailure);

  const filter = Object.fromEntries(
    FILTERS.flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value]] : [];
    }),
  ) as Partial<Record<(typeof FILTERS)[number], string>>;
  const status = filter.status ?? "open";
  const pages = useCursorPages(JSON.stringify(filter));
  const board = useQuery({
    queryKey: ["tasks", "board", filter, pages.cursor ?? null],
    queryFn: ({ signal }) =>
      api<TaskBoardPage>("/tasks/board", {
        query: { ...filter, limit: PAGE_SIZE, cursor: pages.cursor },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

  const change = (changes: Partial<Record<(typeof FILTERS)[number], string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const canEdit = can(user, "edit");
  const mayReassign = can(user, "reassign") && assignees.length > 0;
  const withActions = (canEdit || mayReassign) && status !== "done";
  const ownerName = (owner: string | null) =>
    owner === null ? t("tasks.board.pool") : (names.get(owner) ?? owner);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="task-board">
      <Space wrap data-testid="board-filters">
        <Select
          data-testid="filter-kind"
          aria-label={t("tasks.board.kind")}
          style={{ minWidth: 160 }}
          allowClear
          placeholder={t("tasks.board.allKinds")}
          value={filter.kind}
          onChange={(kind?: string) => change({ kind })}
          options={KINDS.map((kind) => ({ value: kind, label: t(`taskKind.${kind}`) }))}
        />
        <Select
          data-testid="filter-owner"
          aria-label={t("tasks.board.owner")}
          style={{ minWidth: 180 }}
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("tasks.board.allOwners")}
          value={filter.pool === "true" ? POOL : filter.owner}
          onChange={(owner?: string) =>
            change(owner === POOL ? { owner: undefined, pool: "true" } : { owner, pool: undefined })
          }
          options={[...owners, { value: POOL, label: t("tasks.board.pool") }]}
        />
        <Select
          data-testid="filter-status"
          aria-label={t("tasks.board.status")}
          style={{ minWidth: 110 }}
          value={status}
          onChange={(value: string) => change({ status: value === "open" ? undefined : value })}
          options={STATUSES.map((code) => ({ value: code, label: t(`tasks.status.${code}`) }))}
        />
        <DatePicker.RangePicker
          data-testid="filter-due"
          aria-label={t("tasks.board.dueRange")}
          placeholder={[t("tasks.board.dueFrom"), t("tasks.board.dueTo")]}
          allowEmpty={[true, true]}
          value={[filter.dueFrom ? dayjs(filter.dueFrom) : null, filter.dueTo ? dayjs(filter.dueTo) : null]}
          onChange={(range) =>
            change({
              dueFrom: range?.[0]?.format("YYYY-MM-DD"),
              dueTo: range?.[1]?.format("YYYY-MM-DD"),
            })
          }
        />
        <Select
          data-testid="filter-priority"
          aria-label={t("tasks.board.priority")}
          style={{ minWidth: 130 }}
          allowClear
          placeholder={t("tasks.board.allPriorities")}
          value={filter.priority}
          onChange={(priority?: string) => change({ priority })}
          options={PRIORITIES.map((code) => ({ value: code, label: t(`priority.${code}`) }))}
        />
        <Button
          onClick={() => change(Object.fromEntries(FILTERS.map((name) => [name, undefined])))}
          disabled={Object.keys(filter).length === 0}
        >
          {t("tasks.board.reset")}
        </Button>
      </Space>
      {failure && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          title={t("myDay.tasks.failed")}
          description={failure}
          data-testid="task-action-error"
        />
      )}
      {board.isError ? (
        <LoadFailed error={board.error} onRetry={() => board.refetch()} />
      ) : (
        <>
          <Table<Task>
            size="small"
            rowKey="id"
            data-testid="board-table"
            loading={board.isFetching}
            dataSource={[...(board.data?.items ?? [])]}
            pagination={false}
            locale={{ emptyText: <NoData text={t("tasks.board.empty")} /> }}
            columns={[
              {
                key: "customer",
                title: t("tasks.board.customer"),
                render: (_, task) => (
                  <CustomerLink code={task.customerCode} name={task.customerName} maxWidth={200} />
                ),
              },
              {
                key: "kind",
                title: t("tasks.board.kind"),
                dataIndex: "kind",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (kind: string) => t(`taskKind.${kind}`, { defaultValue: kind }),
              },
              {
                key: "dueOn",
                title: t("tasks.board.dueOn"),
                render: (_, task) => (
                  <Space size={4} style={{ whiteSpace: "nowrap" }}>
                    <span>{day(task.dueOn)}</span>
                    {task.status === "open" && day(task.dueOn) < today && (
                      <Tag color="red">{t("tasks.board.overdue")}</Tag>
                    )}
                    {task.status === "open" && day(task.dueOn) === today && (
                      <Tag color="orange">{t("tasks.board.today")}</Tag>
                    )}
                  </Space>
                ),
              },
              {
                key: "priority",
                title: t("tasks.board.priority"),
                dataIndex: "priority",
                render: (priority: string) => (
                  <Tag color={PRIORITY_COLORS[priority] ?? "default"}>
                    {t(`priority.${priority}`, { defaultValue: priority })}
                  </Tag>
                ),
              },
              {
                key: "owner",
                title: t("tasks.board.owner"),
                dataIndex: "owner",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (owner: string | null) =>
                  owner === null ? (
                    <Typography.Text type="secondary">{ownerName(owner)}</Typography.Text>
                  ) : (
                    ownerName(owner)
                  ),
              },
              {
                key: "status",
                title: t("tasks.board.status"),
                render: (_, task) =>
                  task.status === "done" ? (
                    <Space size={4} style={{ whiteSpace: "nowrap" }}>
                      <Tag color="green">{t("tasks.status.done")}</Tag>
                      {task.doneAt && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("tasks.board.doneAt", {
                            date: dateTime(task.doneAt, settings.data?.settings.timeZone),
                          })}
                        </Typography.Text>
                      )}
                    </Space>
                  ) : (
                    <Tag color="blue">{t("tasks.status.open")}</Tag>
                  ),
              },
              ...(withActions
                ? [
                    {
                      key: "actions",
                      title: t("myDay.tasks.actions"),
                      render: (_: unknown, task: Task) =>
                        task.status === "open" ? (
                          <TaskActions
                            task={task}
                            today={today}
                            canEdit={canEdit}
                            assignees={mayReassign ? assignees : null}
                            busy={act.isPending && act.variables?.id === task.id}
                            disabled={act.isPending}
                            onAction={(action) => act.mutate(action)}
                          />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          <CursorPager
            pages={pages}
            total={board.data?.total}
            nextCursor={board.data?.nextCursor}
            testId="board"
          />
        </>
      )}
    </Space>
  );
}
