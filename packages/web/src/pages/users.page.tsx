/** 设置 / 用户 (manageUsers): the users of the company over GET /api/v1/users. */
import { useQuery } from "@tanstack/react-query";
import { Card, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../api/client.ts";
import type { User } from "../api/types.ts";
import { dateTime } from "../format/format.ts";
import { LoadFailed, NoData } from "../shell/states.tsx";

export default function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: ["users"], queryFn: ({ signal }) => api<User[]>("/users", { signal }) });
  const yesNo = (value: boolean) => (
    <Tag color={value ? "green" : "default"}>{t(value ? "common.yes" : "common.no")}</Tag>
  );
  if (users.isError) return <LoadFailed error={users.error} onRetry={() => users.refetch()} />;
  return (
    <Card title={t("users.title")}>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isPending}
        dataSource={users.data ?? []}
        locale={{ emptyText: <NoData /> }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="users-table"
        columns={[
          { title: t("users.columns.username"), dataIndex: "username" },
          { title: t("users.columns.name"), dataIndex: "name" },
          { title: t("users.columns.email"), dataIndex: "email" },
          {
            title: t("users.columns.role"),
            dataIndex: "role",
            render: (role: string | null) =>
              role ? t(`roles.${role}`, { defaultValue: role }) : t("common.none"),
          },
          { title: t("users.columns.active"), dataIndex: "active", render: yesNo },
          { title: t("users.columns.canSignIn"), dataIndex: "canSignIn", render: yesNo },
          {
            title: t("users.columns.lockedUntil"),
            dataIndex: "lockedUntil",
            render: (value: string | null) => (value ? dateTime(value) : t("common.none")),
          },
        ]}
      />
    </Card>
  );
}
