/**
 * 设置 / 用户 (manageUsers): the company's users over /api/v1/users, searched and filtered by role,
 * department (those below included) and status on the server; a new user, a change, a password set
 * by an administrator, a lock lifted, a user deactivated and reactivated, each in place.
 */
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import { dateTime } from "../../format/format.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import type { OrgUser } from "./org.types.ts";
import {
  departmentPath,
  departmentTree,
  useAllUsers,
  useDepartments,
  useOrgChanged,
  useRoleLabel,
  useRoles,
  userLabel,
} from "./org-data.ts";
import { addOrgTexts } from "./texts.ts";
import { PasswordForm, UserForm } from "./user-form.tsx";

addOrgTexts();

interface Filters {
  readonly search?: string;
  readonly role?: string;
  readonly departmentId?: number;
  readonly active?: "true" | "false";
}

/** Locked by failed sign-ins, and the lock not yet run out. */
function isLocked(user: OrgUser, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useOrgChanged();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState("");
  /** The user being changed; null: a new one; undefined: no dialog. */
  const [editing, setEditing] = useState<OrgUser | null | undefined>(undefined);
  const [settingPassword, setSettingPassword] = useState<OrgUser | null>(null);
  const users = useQuery({
    queryKey: ["users", filters],
    queryFn: ({ signal }) => api<OrgUser[]>("/users", { query: { ...filters }, signal }),
  });
  const everyone = useAllUsers().data ?? [];
  const roles = useRoles().data ?? [];
  const roleLabel = useRoleLabel();
  const departments = useDepartments().data ?? [];
  const byId = new Map(everyone.map((user) => [user.id, user]));

  const act = useMutation({
    mutationFn: ({ user, action }: { user: OrgUser; action: "deactivate" | "reactivate" | "unlock" }) =>
      api<OrgUser>(`/users/${user.id}/${action}`, { method: "POST" }),
    onSuccess: async (user, { action }) => {
      const done = { deactivate: "deactivated", reactivate: "reactivated", unlock: "unlocked" } as const;
      message.success(t(`org.users.done.${done[action]}`, { name: userLabel(user) }));
      await changed();
    },
    onError: (error) => message.error(error.message),
  });
  const confirmed = (user: OrgUser, action: "deactivate" | "reactivate" | "unlock", danger = false) => (
    <Popconfirm
      title={t(`org.users.confirm.${action}`, { name: userLabel(user) })}
      onConfirm={() => act.mutateAsync({ user, action }).catch(() => {})}
      okButtonProps={{ danger, "data-testid": `${action}-confirm` }}
    >
      <Button type="link" size="small" danger={danger} data-testid={`user-${action}`}>
        {t(`org.users.actions.${action}`)}
      </Button>
    </Popconfirm>
  );

  const status = (user: OrgUser) => (
    <Space size={4} wrap data-testid="user-status">
      <Tag color={user.active ? "green" : "default"}>
        {t(user.active ? "org.users.status.active" : "org.users.status.inactive")}
      </Tag>
      {isLocked(user) ? (
        <Tag color="red">{t("org.users.status.locked", { until: dateTime(user.lockedUntil, timeZone) })}</Tag>
      ) : null}
      {user.canSignIn ? null : <Tag color="orange">{t("org.users.status.noPassword")}</Tag>}
    </Space>
  );

  return (
    <Card
      title={t("org.users.title")}
      data-testid="users"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(null)}
          data-testid="user-create"
        >
          {t("org.users.create")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("org.users.subtitle")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={search}
          placeholder={t("org.users.search")}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => setFilters((old) => ({ ...old, search: value.trim() || undefined }))}
          style={{ width: 280 }}
          data-testid="users-search"
        />
        <Select
          allowClear
          placeholder={t("org.users.filters.role")}
          value={filters.role}
          onChange={(role) => setFilters((old) => ({ ...old, role }))}
          options={roles.map((role) => ({ value: role.code, label: roleLabel(role.code) }))}
          style={{ width: 160 }}
          data-testid="users-filter-role"
        />
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          placeholder={t("org.users.filters.department")}
          value={filters.departmentId}
          onChange={(departmentId?: number) => setFilters((old) => ({ ...old, departmentId }))}
          treeData={departmentTree(departments)}
          style={{ width: 220 }}
          data-testid="users-filter-department"
        />
        <Select
          allowClear
          placeholder={t("org.users.filters.status")}
          value={filters.active}
          onChange={(active) => setFilters((old) => ({ ...old, active }))}
          options={[
            { value: "true", label: t("org.users.status.active") },
            { value: "false", label: t("org.users.status.inactive") },
          ]}
          style={{ width: 140 }}
          data-testid="users-filter-active"
        />
        <Button
          onClick={() => {
            setSearch("");
            setFilters({});
          }}
          data-testid="users-clear"
        >
          {t("org.common.clear")}
        </Button>
      </Space>
      {users.isError ? (
        <LoadFailed error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <Table<OrgUser>
          rowKey="id"
          size="middle"
          loading={users.isPending}
          dataSource={users.data ?? []}
          locale={{ emptyText: <NoData text={t("org.users.empty")} /> }}
          pagination={{
            pageSize: 50,
            hideOnSinglePage: true,
            showTotal: (total) => t("common.total", { total }),
          }}
          data-testid="users-table"
          columns={[
            { title: t("org.users.columns.username"), dataIndex: "username" },
            {
              title: t("org.users.columns.name"),
              dataIndex: "name",
              render: (name: string | null) => name ?? "",
            },
            { title: t("org.users.columns.email"), dataIndex: "email" },
            {
              title: t("org.users.columns.role"),
              dataIndex: "role",
              render: (role: string | null) => roleLabel(role),
            },
            {
              title: t("org.users.columns.department"),
              dataIndex: "departmentId",
              render: (id: number | null) => departmentPath(departments, id) ?? t("common.none"),
            },
            {
              title: t("org.users.columns.manager"),
              dataIndex: "managerId",
              render: (id: number | null) => {
                const manager = id === null ? undefined : byId.get(id);
                return manager ? userLabel(manager) : t("common.none");
              },
            },
            { title: t("org.users.columns.status"), key: "status", render: (_, user) => status(user) },
            {
              title: t("org.users.columns.actions"),
              key: "actions",
              render: (_, user) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setEditing(user)} data-testid="user-edit">
                    {t("org.users.actions.edit")}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setSettingPassword(user)}
                    data-testid="user-password"
                  >
                    {t("org.users.actions.password")}
                  </Button>
                  {isLocked(user) ? confirmed(user, "unlock") : null}
                  {user.active ? confirmed(user, "deactivate", true) : confirmed(user, "reactivate")}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing === undefined ? null : (
        <UserForm
          key={editing?.id ?? "new"}
          open
          user={editing ?? undefined}
          onClose={() => setEditing(undefined)}
          onSaved={async (saved) => {
            message.success(
              t(editing ? "org.users.done.updated" : "org.users.done.created", { name: userLabel(saved) }),
            );
            setEditing(undefined);
            await changed();
          }}
        />
      )}
      <PasswordForm
        user={settingPassword}
        onClose={async (done) => {
          setSettingPassword(null);
          if (done) await changed();
        }}
      />
    </Card>
  );
}
