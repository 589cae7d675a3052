/**
 * 设置 / 审计日志 (viewAudit): the audit log over GET /api/v1/audit, newest first, filtered by who,
 * what, on what and when (days in the company's time zone), a page at a time (the server pages
 * with `before`, the id below which the next page starts); each entry opens to its changes and
 * details. "Verify the chain" asks GET /audit/verify to check every entry's hash and link, and
 * when the chain breaks, says where and opens the log there.
 */
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { type UseMutationResult, useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, InputNumber, Select, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import type { User } from "../../api/types.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { dateTime } from "../../format/format.ts";
import { systemZhCN } from "../../i18n/system.zh-CN.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import { AuditEntryDetails } from "./audit-entry.tsx";
import type { AuditChainReport, AuditEntry } from "./system.types.ts";
import { addSystemTexts } from "./texts.ts";

addSystemTexts();
dayjs.extend(utc);
dayjs.extend(timezone);

const PAGE = 50;
/** The actions and entities the texts name (their codes are the catalogue's keys), for the filters. */
const ACTIONS = Object.entries(systemZhCN.audit.actions).flatMap(([group, names]) =>
  Object.keys(names).map((name) => `${group}.${name}`),
);
const ENTITIES = Object.keys(systemZhCN.audit.entities);

interface Filter {
  readonly actorId?: number | undefined;
  readonly action?: string | undefined;
  readonly entity?: string | undefined;
  readonly range?: readonly [Dayjs, Dayjs] | undefined;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const timeZone = useCompanySettings().data?.settings.timeZone ?? "Asia/Shanghai";
  const [filter, setFilter] = useState<Filter>({});
  // The `before` of each page opened after the first: back is one step up this stack.
  const [cursors, setCursors] = useState<readonly number[]>([]);
  const [focus, setFocus] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<readonly number[]>([]);
  const before = cursors.at(-1);
  const refilter = (next: Filter) => {
    setFilter(next);
    setCursors([]);
    setFocus(null);
  };

  const entries = useQuery({
    queryKey: ["audit", filter, before, timeZone],
    queryFn: ({ signal }) =>
      api<AuditEntry[]>("/audit", {
        // One more than a page: whether there is an older page.
        query: { ...queryOf(filter, timeZone), before, limit: PAGE + 1 },
        signal,
      }),
  });
  const users = useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api<User[]>("/users", { signal }),
    enabled: can(me, "manageUsers"),
  });
  const verify = useMutation({ mutationFn: () => api<AuditChainReport>("/audit/verify") });

  const rows = (entries.data ?? []).slice(0, PAGE);
  const hasOlder = (entries.data?.length ?? 0) > PAGE;
  const actionLabel = (action: string) => t(`system.audit.actions.${action}`, { defaultValue: action });
  const entityLabel = (entity: string) => t(`system.audit.entities.${entity}`, { defaultValue: entity });
  const actorLabel = (entry: AuditEntry) => {
    if (entry.actorId === null)
      return entry.actorName === "local" ? t("system.audit.local") : t("system.audit.anonymous");
    return entry.actorName ?? `#${entry.actorId}`;
  };
  const showAround = (id: number) => {
    setFilter({});
    // The broken entry with two newer ones above it, on a page of its own.
    setCursors([id + 3]);
    setFocus(id);
    setExpanded([id]);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="audit">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 24 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("system.audit.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("system.audit.subtitle")}</Typography.Text>
        </div>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t("system.audit.verify.button")}
        </Button>
      </div>
      <ChainResult verify={verify} onShow={showAround} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
          {can(me, "manageUsers") ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("system.audit.filters.actor")}
              style={{ width: 200 }}
              value={filter.actorId}
              onChange={(actorId?: number) => refilter({ ...filter, actorId })}
              options={(users.data ?? []).map((user) => ({
                value: user.id,
                label: `${user.name ?? user.username} (${user.username})`,
              }))}
              data-testid="filter-actor"
            />
          ) : (
            <InputNumber
              min={1}
              placeholder={t("system.audit.filters.actorId")}
              style={{ width: 160 }}
              value={filter.actorId ?? null}
              onChange={(actorId) => refilter({ ...filter, actorId: actorId ?? undefined })}
              data-testid="filter-actor"
            />
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("system.audit.filters.action")}
            style={{ width: 220 }}
            value={filter.action}
            onChange={(action?: string) => refilter({ ...filter, action })}
            options={ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }))}
            data-testid="filter-action"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("system.audit.filters.entity")}
            style={{ width: 180 }}
            value={filter.entity}
            onChange={(entity?: string) => refilter({ ...filter, entity })}
            options={ENTITIES.map((entity) => ({ value: entity, label: entityLabel(entity) }))}
            data-testid="filter-entity"
          />
          <DatePicker.RangePicker
            value={filter.range ? [filter.range[0], filter.range[1]] : null}
            onChange={(range) =>
              refilter({ ...filter, range: range?.[0] && range[1] ? [range[0], range[1]] : undefined })
            }
            data-testid="filter-range"
          />
          <Button type="link" onClick={() => refilter({})} data-testid="audit-clear">
            {t("system.audit.filters.clear")}
          </Button>
        </Space>
        {entries.isError ? (
          <LoadFailed error={entries.error} onRetry={() => entries.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            loading={entries.isPending}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <NoData /> }}
            data-testid="audit-table"
            rowClassName={(entry) => (entry.id === focus ? "ant-table-row-selected" : "")}
            expandable={{
              expandedRowRender: (entry) => <AuditEntryDetails entry={entry} />,
              expandedRowKeys: [...expanded],
              onExpand: (open, entry) =>
                setExpanded(open ? [...expanded, entry.id] : expanded.filter((id) => id !== entry.id)),
            }}
            columns={[
              { title: t("system.audit.columns.id"), dataIndex: "id", width: 80 },
              {
                title: t("system.audit.columns.occurredAt"),
                dataIndex: "occurredAt",
                width: 170,
                render: (value: string) => dateTime(value, timeZone),
              },
              {
                title: t("system.audit.columns.actor"),
                key: "actor",
                render: (_, entry) => actorLabel(entry),
              },
              {
                title: t("system.audit.columns.action"),
                dataIndex: "action",
                render: (action: string) => (
                  <Space size={6}>
                    <span>{actionLabel(action)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {action}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t("system.audit.columns.entity"),
                key: "entity",
                render: (_, entry) =>
                  entry.entity
                    ? `${entityLabel(entry.entity)}${entry.entityId ? ` #${entry.entityId}` : ""}`
                    : "—",
              },
            ]}
          />
        )}
        <Space style={{ marginTop: 16 }}>
          <Button disabled={cursors.length === 0} onClick={() => setCursors([])} data-testid="audit-newest">
            {t("system.audit.newest")}
          </Button>
          <Button
            disabled={cursors.length === 0}
            onClick={() => setCursors(cursors.slice(0, -1))}
            data-testid="audit-newer"
          >
            {t("system.audit.newer")}
          </Button>
          <Button
            disabled={!hasOlder}
            onClick={() => setCursors([...cursors, rows.at(-1)!.id])}
            data-testid="audit-older"
          >
            {t("system.audit.older")}
          </Button>
          <Typography.Text type="secondary" data-testid="audit-page">
            {t("system.audit.page", { page: cursors.length + 1 })}
          </Typography.Text>
        </Space>
      </Card>
    </Space>
  );
}

/** The filter as GET /audit takes it: days from the first day's start to the last day's end, in `timeZone`. */
function queryOf(filter: Filter, timeZone: string) {
  const start = (date: Dayjs) => dayjs.tz(date.format("YYYY-MM-DD"), timeZone);
  return {
    actorId: filter.actorId,
    action: filter.action,
    entity: filter.entity,
    from: filter.range ? start(filter.range[0]).toISOString() : undefined,
    to: filter.range ? start(filter.range[1]).add(1, "day").toISOString() : undefined,
  };
}

function ChainResult({
  verify,
  onShow,
}: {
  verify: UseMutationResult<AuditChainReport, Error, void>;
  onShow: (id: number) => void;
}) {
  const { t } = useTranslation();
  if (verify.isIdle || verify.isPending) return null;
  if (verify.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t("system.audit.verify.failed")}
        description={verify.error.message}
        data-testid="verify-result"
      />
    );
  const report = verify.data;
  if (report.ok || !report.problem)
    return (
      <Alert
        type="success"
        showIcon
        title={t("system.audit.verify.ok", { entries: report.entries })}
        data-testid="verify-result"
      />
    );
  const { id } = report.problem;
  return (
    <Alert
      type="error"
      showIcon
      title={t("system.audit.verify.broken", { id })}
      description={report.problemText?.text}
      action={
        <Button size="small" onClick={() => onShow(id)} data-testid="verify-show">
          {t("system.audit.verify.show")}
        </Button>
      }
      data-testid="verify-result"
    />
  );
}
