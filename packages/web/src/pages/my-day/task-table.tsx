/**
 * 我的任务: the reader's open tasks overdue, due today and later this week, with complete,
 * reschedule and reassign in place. Each action is a POST to the task routes; on success the task
 * lists, the day's counts and the customers' 360 views are read again (react-query invalidation),
 * so the row changes or leaves; a refusal shows the server's own explanation (problem `detail`).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Popover, Select, Space, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiError, api } from "../../api/client.ts";
import { day } from "../../format/format.ts";
import { CustomerLink } from "../../shell/customer-link.tsx";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import type { OwnerDay, Task, TaskList } from "./my-day.types.ts";

/** Tasks read at most: a week of one person's work, with room to spare. */
const LIMIT = 500;
const PRIORITY_ORDER = ["urgent", "high", "normal", "low"];
const PRIORITY_COLORS: Record<string, string> = { urgent: "red", high: "orange" };

export interface Assignee {
  readonly value: string;
  readonly label: string;
}

/** What a task's buttons ask for: one POST to the task routes. */
export type Action =
  | { readonly id: number; readonly action: "complete" }
  | { readonly id: number; readonly action: "reschedule"; readonly dueOn: string }
  | { readonly id: number; readonly action: "reassign"; readonly owner: string | null };

export function TaskTable({
  today,
  weekEnd,
  mine,
  canEdit,
  assignees,
}: {
  today: string;
  weekEnd: string;
  mine: OwnerDay;
  canEdit: boolean;
  /** Whom a task may be given to; null: the reader may not reassign (the buttons are hidden). */
  assignees: readonly Assignee[] | null;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = params.get("kind") ?? undefined;
  const [failure, setFailure] = useState<string | null>(null);

  const tasks = useQuery({
    queryKey: ["tasks", "mine", weekEnd, kind ?? null],
    queryFn: ({ signal }) =>
      api<TaskList>("/tasks/mine", { query: { due: weekEnd, kind, limit: LIMIT }, signal }),
  });
  const act = useTaskAction(setFailure);

  const setKind = (value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set("kind", value);
    else next.delete("kind");
    setParams(next, { replace: true });
  };
  const kinds = [...new Set([...mine.byKind.map((entry) => entry.kind), ...(kind ? [kind] : [])])];
  const rows = [...(tasks.data?.tasks ?? [])].sort(
    (a, b) =>
      a.dueOn.localeCompare(b.dueOn) ||
      PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority) ||
      a.id - b.id,
  );
  const busy = (id: number) => act.isPending && act.variables?.id === id;
  const withActions = canEdit || assignees !== null;

  return (
    <Space orientation="vertical" size="small" style={{ width: "100%" }} data-testid="my-tasks">
      <Space wrap>
        <Select
          data-testid="task-kind-filter"
          aria-label={t("myDay.tasks.kindFilter")}
          style={{ minWidth: 180 }}
          allowClear
          placeholder={t("myDay.tasks.allKinds")}
          value={kind}
          onChange={(value?: string) => setKind(value)}
          options={kinds.map((code) => ({
            value: code,
            label: t(`taskKind.${code}`, { defaultValue: code }),
          }))}
        />
        {tasks.data && tasks.data.tasks.length >= tasks.data.limit && (
          <Typography.Text type="secondary">
            {t("myDay.tasks.more", { limit: tasks.data.limit })}
          </Typography.Text>
        )}
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
      {tasks.isError ? (
        <LoadFailed error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : (
        <Table<Task>
          size="small"
          rowKey="id"
          loading={tasks.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <NoData text={t("myDay.tasks.empty")} /> }}
          columns={[
            {
              key: "customer",
              title: t("myDay.tasks.customer"),
              render: (_, task) => (
                <CustomerLink code={task.customerCode} name={task.customerName} maxWidth={220} />
              ),
            },
            {
              key: "kind",
              title: t("myDay.tasks.kind"),
              dataIndex: "kind",
              onCell: () => ({ style: { whiteSpace: "nowrap" } }),
              render: (code: string) => t(`taskKind.${code}`, { defaultValue: code }),
            },
            {
              key: "dueOn",
              title: t("myDay.tasks.dueOn"),
              dataIndex: "dueOn",
              render: (dueOn: string) => (
                <Space size={4} style={{ whiteSpace: "nowrap" }}>
                  <span>{day(dueOn)}</span>
                  {day(dueOn) < today && <Tag color="red">{t("myDay.tasks.overdueTag")}</Tag>}
                  {day(dueOn) === today && <Tag color="orange">{t("myDay.tasks.todayTag")}</Tag>}
                </Space>
              ),
            },
            {
              key: "priority",
              title: t("myDay.tasks.priority"),
              dataIndex: "priority",
              render: (priority: string) => (
                <Tag color={PRIORITY_COLORS[priority] ?? "default"}>
                  {t(`priority.${priority}`, { defaultValue: priority })}
                </Tag>
              ),
            },
            ...(withActions
              ? [
                  {
                    key: "actions",
                    title: t("myDay.tasks.actions"),
                    render: (_: unknown, task: Task) => (
                      <TaskActions
                        task={task}
                        today={today}
                        canEdit={canEdit}
                        assignees={assignees}
                        busy={busy(task.id)}
                        disabled={act.isPending}
                        onAction={(action) => act.mutate(action)}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Space>
  );
}

/**
 * One task action as a mutation: the server's refusal goes to `onFailure` (null on success), a
 * success is said in a message, and the task lists, the day's counts and the customers' 360 views
 * are read again either way.
 */
export function useTaskAction(onFailure: (detail: string | null) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: Action) => {
      const body =
        action.action === "reschedule"
          ? { dueOn: action.dueOn }
          : action.action === "reassign"
            ? { owner: action.owner }
            : undefined;
      return api(`/tasks/${action.id}/${action.action}`, { method: "POST", body });
    },
    onSuccess: (_answer, action) => {
      onFailure(null);
      message.success(
        action.action === "complete"
          ? t("myDay.tasks.completed")
          : action.action === "reschedule"
            ? t("myDay.tasks.rescheduled", { date: action.dueOn })
            : t("myDay.tasks.reassigned"),
      );
    },
    onError: (error) => onFailure(error instanceof ApiError ? error.message : String(error)),
    // Read again after a refusal too: it often means the task changed elsewhere (done, moved).
    onSettled: () =>
      Promise.all(
        [["tasks"], ["my-day"], ["customer"]].map((queryKey) => client.invalidateQueries({ queryKey })),
      ),
  });
}

/** Complete, reschedule and reassign for one task, as far as the reader may (also the task board's). */
export function TaskActions({
  task,
  today,
  canEdit,
  assignees,
  busy,
  disabled,
  onAction,
}: {
  task: Task;
  today: string;
  canEdit: boolean;
  assignees: readonly Assignee[] | null;
  busy: boolean;
  disabled: boolean;
  onAction: (action: Action) => void;
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState<"reschedule" | "reassign" | null>(null);
  const [dueOn, setDueOn] = useState<Dayjs | null>(null);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  // The team pool has no user name: the select keeps it apart from every user.
  const POOL = "\u0000pool";
  const close = () => setPicking(null);
  const inside = (node: HTMLElement) => node.parentElement ?? document.body;

  return (
    <Space size={0} style={{ whiteSpace: "nowrap" }}>
      {canEdit && (
        <Button
          type="link"
          size="small"
          data-testid="task-complete"
          loading={busy}
          disabled={disabled && !busy}
          onClick={() => onAction({ id: task.id, action: "complete" })}
        >
          {t("myDay.tasks.complete")}
        </Button>
      )}
      {canEdit && (
        <Popover
          trigger="click"
          title={t("myDay.tasks.newDueOn")}
          open={picking === "reschedule"}
          onOpenChange={(open) => {
            setPicking(open ? "reschedule" : null);
            if (open) setDueOn(dayjs(day(task.dueOn)));
          }}
          content={
            <Space data-testid="reschedule-form">
              <DatePicker
                size="small"
                value={dueOn}
                onChange={setDueOn}
                allowClear={false}
                disabledDate={(date) => date.format("YYYY-MM-DD") < today}
                getPopupContainer={inside}
                data-testid="reschedule-date"
              />
              <Button
                type="primary"
                size="small"
                disabled={!dueOn}
                data-testid="reschedule-save"
                onClick={() => {
                  if (dueOn)
                    onAction({ id: task.id, action: "reschedule", dueOn: dueOn.format("YYYY-MM-DD") });
                  close();
                }}
              >
                {t("myDay.tasks.save")}
              </Button>
            </Space>
          }
        >
          <Button type="link" size="small" disabled={disabled} data-testid="task-reschedule">
            {t("myDay.tasks.reschedule")}
          </Button>
        </Popover>
      )}
      {assignees && (
        <Popover
          trigger="click"
          title={t("myDay.tasks.newOwner")}
          open={picking === "reassign"}
          onOpenChange={(open) => {
            setPicking(open ? "reassign" : null);
            if (open) setOwner(undefined);
          }}
          content={
            <Space data-testid="reassign-form">
              <Select
                size="small"
                showSearch={{ optionFilterProp: "label" }}
                style={{ minWidth: 200 }}
                value={owner}
                onChange={setOwner}
                getPopupContainer={inside}
                data-testid="reassign-owner"
                options={[
                  ...assignees.filter((assignee) => assignee.value !== task.owner),
                  { value: POOL, label: t("myDay.tasks.pool") },
                ]}
              />
              <Button
                type="primary"
                size="small"
                disabled={owner === undefined}
                data-testid="reassign-save"
                onClick={() => {
                  if (owner !== undefined)
                    onAction({ id: task.id, action: "reassign", owner: owner === POOL ? null : owner });
                  close();
                }}
              >
                {t("myDay.tasks.save")}
              </Button>
            </Space>
          }
        >
          <Button type="link" size="small" disabled={disabled} data-testid="task-reassign">
            {t("myDay.tasks.reassign")}
          </Button>
        </Popover>
      )}
    </Space>
  );
}
