/**
 * 设置 / API 令牌: tokens for scripts and BI tools over /api/v1/tokens. A user sees and makes their
 * own; an administrator (manageUsers) also every user's, and makes tokens for others. A token has no
 * rights of its own: it acts as its user with that user's role and data scope, which the list shows.
 * The token itself is shown once, when made (the server keeps only its hash), with a copy button.
 * Offered in the menu to those who may take data out (export), whom scripts and BI tools serve.
 */
import { KeyOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import type { User } from "../../api/types.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { dateTime, day } from "../../format/format.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import type { ApiToken, NewApiToken } from "./system.types.ts";
import { addSystemTexts } from "./texts.ts";

addSystemTexts();

type TokenStatus = "active" | "expired" | "revoked";
const STATUS_COLOURS: Record<TokenStatus, string> = {
  active: "green",
  expired: "orange",
  revoked: "default",
};

function statusOf(token: ApiToken, now = Date.now()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return "expired";
  return "active";
}

export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const me = useCurrentUser();
  const admin = can(me, "manageUsers");
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const [all, setAll] = useState(false);
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<NewApiToken | null>(null);
  const tokens = useQuery({
    queryKey: ["api-tokens", all],
    queryFn: ({ signal }) => api<ApiToken[]>("/tokens", { query: all ? { all: "true" } : {}, signal }),
  });
  // Whose token is whose, and their roles: the users list is an administrator's.
  const users = useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api<User[]>("/users", { signal }),
    enabled: admin,
  });
  const byId = new Map((users.data ?? []).map((user) => [user.id, user]));
  const roleName = (role: string | null | undefined) =>
    role ? t(`roles.${role}`, { defaultValue: role }) : t("common.none");
  const ownerOf = (userId: number) =>
    userId === me.id ? me : (byId.get(userId) ?? { username: `#${userId}`, name: null, role: null });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api<void>(`/tokens/${token.id}`, { method: "DELETE" }),
    onSuccess: async (_, token) => {
      message.success(t("system.tokens.revoked", { name: token.name }));
      await client.invalidateQueries({ queryKey: ["api-tokens"] });
    },
    onError: (error) => message.error(`${t("system.tokens.revokeFailed")}: ${error.message}`),
  });

  const rows = [...(tokens.data ?? [])].reverse();
  return (
    <Card
      title={t("system.tokens.title")}
      data-testid="tokens"
      extra={
        <Space>
          {admin ? (
            <Segmented
              value={all ? "all" : "mine"}
              onChange={(value) => setAll(value === "all")}
              options={[
                { value: "mine", label: t("system.tokens.mine") },
                { value: "all", label: t("system.tokens.all") },
              ]}
              data-testid="tokens-whose"
            />
          ) : null}
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="token-create"
          >
            {t("system.tokens.create")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("system.tokens.subtitle")}</Typography.Paragraph>
      {tokens.isError ? (
        <LoadFailed error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          loading={tokens.isPending}
          dataSource={rows}
          locale={{ emptyText: <NoData text={t("system.tokens.empty")} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="tokens-table"
          columns={[
            { title: t("system.tokens.columns.name"), dataIndex: "name" },
            ...(all
              ? [
                  {
                    title: t("system.tokens.columns.owner"),
                    key: "owner",
                    render: (_: unknown, token: ApiToken) => {
                      const owner = ownerOf(token.userId);
                      return owner.name ?? owner.username;
                    },
                  },
                ]
              : []),
            {
              title: t("system.tokens.columns.role"),
              key: "role",
              render: (_, token) => roleName(ownerOf(token.userId).role),
            },
            {
              title: t("system.tokens.columns.createdAt"),
              dataIndex: "createdAt",
              render: (value: string) => dateTime(value, timeZone),
            },
            {
              title: t("system.tokens.columns.expiresAt"),
              dataIndex: "expiresAt",
              // The last day it works, as it was given (UTC): a time in another zone would read a day off.
              render: (value: string | null) => (value ? day(value) : t("system.tokens.never")),
            },
            {
              title: t("system.tokens.columns.lastUsedAt"),
              dataIndex: "lastUsedAt",
              render: (value: string | null) =>
                value ? dateTime(value, timeZone) : t("system.tokens.neverUsed"),
            },
            {
              title: t("system.tokens.columns.status"),
              key: "status",
              render: (_, token) => {
                const status = statusOf(token);
                return (
                  <Tag color={STATUS_COLOURS[status]} data-testid="token-status">
                    {t(`system.tokens.status.${status}`)}
                  </Tag>
                );
              },
            },
            {
              title: t("system.tokens.columns.actions"),
              key: "actions",
              render: (_, token) =>
                statusOf(token) === "active" ? (
                  <Popconfirm
                    title={t("system.tokens.revokeConfirm", { name: token.name })}
                    onConfirm={() => revoke.mutateAsync(token)}
                    okButtonProps={{ danger: true, "data-testid": "revoke-confirm" }}
                  >
                    <Button danger size="small" data-testid="token-revoke">
                      {t("system.tokens.revoke")}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
      <CreateToken
        open={creating}
        users={admin ? (users.data ?? []).filter((user) => user.active) : []}
        onClose={() => setCreating(false)}
        onMade={async (token) => {
          setCreating(false);
          setMade(token);
          await client.invalidateQueries({ queryKey: ["api-tokens"] });
        }}
      />
      <ShownOnce token={made} onClose={() => setMade(null)} />
    </Card>
  );
}

interface CreateValues {
  readonly name: string;
  readonly userId: number;
  readonly expiresOn?: Dayjs | null;
}

/** The form for a new token: its name, whose it is (an administrator's choice) and its last day. */
function CreateToken({
  open,
  users,
  onClose,
  onMade,
}: {
  open: boolean;
  users: readonly User[];
  onClose: () => void;
  onMade: (token: NewApiToken) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<CreateValues>();
  const ownerId = Form.useWatch("userId", form) ?? me.id;
  const owner = ownerId === me.id ? me : users.find((user) => user.id === ownerId);
  const create = useMutation({
    mutationFn: (values: CreateValues) =>
      api<NewApiToken>("/tokens", {
        method: "POST",
        body: {
          name: values.name,
          ...(values.userId === me.id ? {} : { userId: values.userId }),
          ...(values.expiresOn ? { expiresOn: values.expiresOn.format("YYYY-MM-DD") } : {}),
        },
      }),
    onSuccess: (token) => {
      form.resetFields();
      onMade(token);
    },
  });
  const role = owner?.role ? t(`roles.${owner.role}`, { defaultValue: owner.role }) : t("common.none");
  return (
    <Modal
      open={open}
      title={t("system.tokens.form.title")}
      okText={t("system.tokens.form.submit")}
      cancelText={t("system.tokens.form.cancel")}
      okButtonProps={{ loading: create.isPending, "data-testid": "token-submit" }}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        form.resetFields();
        onClose();
      }}
    >
      {create.isError ? (
        <Alert
          type="error"
          showIcon
          title={t("system.tokens.form.failed")}
          description={create.error.message}
          style={{ marginBottom: 16 }}
          data-testid="token-failed"
        />
      ) : null}
      <Form<CreateValues>
        form={form}
        name="token"
        layout="vertical"
        initialValues={{ userId: me.id }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t("system.tokens.form.name")}
          rules={[{ required: true, whitespace: true, message: t("system.tokens.form.nameRequired") }]}
        >
          <Input maxLength={100} placeholder={t("system.tokens.form.namePlaceholder")} />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t("system.tokens.form.owner")}
          extra={t("system.tokens.form.role", { role })}
        >
          <Select
            disabled={users.length === 0}
            showSearch={{ optionFilterProp: "label" }}
            options={
              users.length === 0
                ? [{ value: me.id, label: me.name ?? me.username }]
                : users.map((user) => ({
                    value: user.id,
                    label: `${user.name ?? user.username} (${user.username})`,
                  }))
            }
          />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t("system.tokens.form.expiresOn")}
          extra={t("system.tokens.form.expiresHint")}
        >
          <DatePicker
            style={{ width: "100%" }}
            disabledDate={(date) => date.isBefore(dayjs().startOf("day"))}
            data-testid="token-expires"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The token, this once: copy it now, it cannot be seen again. */
function ShownOnce({ token, onClose }: { token: NewApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={token !== null}
      title={
        <Space>
          <KeyOutlined />
          {t("system.tokens.secret.title")}
        </Space>
      }
      maskClosable={false}
      closable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-done">
          {t("system.tokens.secret.done")}
        </Button>
      }
      width={640}
    >
      {token ? (
        <Space orientation="vertical" style={{ width: "100%" }} data-testid="token-secret">
          <Alert type="warning" showIcon title={t("system.tokens.secret.warning")} />
          <Typography.Paragraph copyable={{ text: token.token }} style={{ marginBottom: 0 }}>
            <Typography.Text code data-testid="secret-value">
              {token.token}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t("system.tokens.secret.usage")}</Typography.Text>
          <Typography.Paragraph code style={{ wordBreak: "break-all" }}>
            {`curl -H "Authorization: Bearer ${token.token}" ${window.location.origin}/api/v1/customers`}
          </Typography.Paragraph>
        </Space>
      ) : null}
    </Modal>
  );
}
