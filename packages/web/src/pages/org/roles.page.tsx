/**
 * 设置 / 角色 (manageUsers): the roles over /api/v1/roles with what each allows: its permissions,
 * its data scope and whether personal data is shown, masked or hidden in lists and in details. Every
 * role's rights change here (PATCH /roles/{code}); a role an admin made also its names; a new role is
 * made (POST /roles). The server refuses a change that would leave no one able to manage users, and
 * says so beside the permissions.
 */
import { PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import {
  DATA_SCOPES,
  type DataScope,
  FIELD_VISIBILITIES,
  type FieldVisibility,
  PERMISSIONS,
  type Role,
} from "./org.types.ts";
import { useAllUsers, useOrgChanged, useRoleLabel, useRoles } from "./org-data.ts";
import { clearedOnChange, Refusal, useRefusals } from "./refusals.tsx";
import { addOrgTexts } from "./texts.ts";

addOrgTexts();

const VISIBILITY_COLOURS: Record<FieldVisibility, string> = { show: "green", mask: "gold", hide: "default" };

export default function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const roleLabel = useRoleLabel();
  const users = useAllUsers().data ?? [];
  /** The role being changed; null: a new one; undefined: no drawer. */
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  const usersOf = (code: string) => users.filter((user) => user.role === code && user.active).length;
  const visibility = (value: FieldVisibility) => (
    <Tag color={VISIBILITY_COLOURS[value]}>{t(`org.visibility.${value}`)}</Tag>
  );

  return (
    <Card
      title={t("org.roles.title")}
      data-testid="roles"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(null)}
          data-testid="role-create"
        >
          {t("org.roles.create")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("org.roles.subtitle")}</Typography.Paragraph>
      {roles.isError ? (
        <LoadFailed error={roles.error} onRetry={() => roles.refetch()} />
      ) : (
        <Table<Role>
          rowKey="code"
          size="middle"
          loading={roles.isPending}
          dataSource={roles.data ?? []}
          locale={{ emptyText: <NoData /> }}
          pagination={false}
          data-testid="roles-table"
          columns={[
            {
              title: t("org.roles.columns.name"),
              key: "name",
              width: 180,
              render: (_, role) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{roleLabel(role.code)}</Typography.Text>
                  <Space size={4}>
                    <Typography.Text type="secondary" code>
                      {role.code}
                    </Typography.Text>
                    <Tag>{t(role.builtin ? "org.roles.builtin" : "org.roles.custom")}</Tag>
                  </Space>
                </Space>
              ),
            },
            {
              title: t("org.roles.columns.permissions"),
              key: "permissions",
              render: (_, role) => (
                <Space size={[4, 4]} wrap data-testid="role-permissions">
                  {PERMISSIONS.filter((permission) => role.permissions.includes(permission)).map(
                    (permission) => (
                      <Tag key={permission} color="blue">
                        {t(`org.permissions.${permission}`)}
                      </Tag>
                    ),
                  )}
                </Space>
              ),
            },
            {
              title: t("org.roles.columns.dataScope"),
              dataIndex: "dataScope",
              width: 150,
              render: (scope: DataScope) => t(`org.scopes.${scope}`),
            },
            {
              title: t("org.roles.columns.list"),
              key: "list",
              width: 120,
              render: (_, role) => (
                <span data-testid="role-list-fields">{visibility(role.personalFields.list)}</span>
              ),
            },
            {
              title: t("org.roles.columns.detail"),
              key: "detail",
              width: 120,
              render: (_, role) => (
                <span data-testid="role-detail-fields">{visibility(role.personalFields.detail)}</span>
              ),
            },
            {
              title: t("org.roles.columns.users"),
              key: "users",
              width: 90,
              render: (_, role) => usersOf(role.code),
            },
            {
              title: t("org.roles.columns.actions"),
              key: "actions",
              width: 90,
              render: (_, role) => (
                <Button type="link" size="small" onClick={() => setEditing(role)} data-testid="role-edit">
                  {t("org.common.edit")}
                </Button>
              ),
            },
          ]}
        />
      )}
      {editing === undefined ? null : (
        <RoleForm
          key={editing?.code ?? "new"}
          role={editing ?? undefined}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Card>
  );
}

interface RoleValues {
  readonly code: string;
  readonly names: { readonly "zh-CN": string; readonly en: string };
  readonly permissions: readonly string[];
  readonly dataScope: DataScope;
  readonly personalFields: { readonly list: FieldVisibility; readonly detail: FieldVisibility };
}

const ROLE_FIELDS = {
  code: "code",
  names: ["names", "zh-CN"],
  "names.zh-CN": ["names", "zh-CN"],
  "names.en": ["names", "en"],
  permissions: "permissions",
  lastAdministrator: "permissions",
  dataScope: "dataScope",
  "personalFields.list": ["personalFields", "list"],
  "personalFields.detail": ["personalFields", "detail"],
} as const;

/** What 13812345678 looks like to a reader with `visibility` (as the server masks it). */
const PHONE_AS: Record<FieldVisibility, string | null> = {
  show: "13812345678",
  mask: "138****5678",
  hide: null,
};

/** A new role (`role` absent) or a change to `role`'s rights (and, for one an admin made, names). */
function RoleForm({ role, onClose }: { role?: Role | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useOrgChanged();
  const roleLabel = useRoleLabel();
  const [form] = Form.useForm<RoleValues>();
  const refusals = useRefusals(form, ROLE_FIELDS);
  const list = Form.useWatch(["personalFields", "list"], form);
  const detail = Form.useWatch(["personalFields", "detail"], form);
  const save = useMutation({
    mutationFn: (values: RoleValues) => {
      const rights = {
        permissions: values.permissions,
        dataScope: values.dataScope,
        personalFields: values.personalFields,
      };
      if (!role)
        return api<Role>("/roles", {
          method: "POST",
          body: { code: values.code, names: values.names, ...rights },
        });
      return api<Role>(`/roles/${encodeURIComponent(role.code)}`, {
        method: "PATCH",
        // A ready-made role's names are custra's: only its rights are sent.
        body: role.builtin ? rights : { names: values.names, ...rights },
      });
    },
    onSuccess: async (saved) => {
      message.success(
        t(role ? "org.roles.done.updated" : "org.roles.done.created", {
          name: saved.builtin ? roleLabel(saved.code) : saved.names["zh-CN"],
        }),
      );
      onClose();
      await changed();
    },
    onError: refusals.onError,
  });
  const example = (visibility: FieldVisibility | undefined) =>
    t("org.roles.form.example", {
      example: (visibility && PHONE_AS[visibility]) ?? t("org.roles.form.hidden"),
    });
  const required = { required: true, whitespace: true, message: t("org.users.form.required") };
  const visibilityOptions = FIELD_VISIBILITIES.map((value) => ({
    value,
    label: t(`org.visibility.${value}`),
  }));

  return (
    <Drawer
      open
      size={640}
      title={
        role ? t("org.roles.form.editTitle", { name: roleLabel(role.code) }) : t("org.roles.form.createTitle")
      }
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("org.common.cancel")}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="role-submit"
          >
            {role ? t("org.common.save") : t("org.common.create")}
          </Button>
        </Space>
      }
      data-testid="role-form"
    >
      <Refusal error={refusals.failure} title={t("org.roles.form.failed")} testId="role-failed" />
      <Form<RoleValues>
        form={form}
        name="role"
        layout="vertical"
        initialValues={
          role
            ? {
                code: role.code,
                names: role.names,
                permissions: role.permissions,
                dataScope: role.dataScope,
                personalFields: role.personalFields,
              }
            : {
                permissions: ["read"],
                dataScope: "own",
                personalFields: { list: "mask", detail: "show" },
              }
        }
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearedOnChange(form)}
      >
        <Form.Item
          name="code"
          label={t("org.roles.form.code")}
          extra={role ? null : t("org.roles.form.codeHint")}
          rules={
            role
              ? []
              : [required, { pattern: /^[a-z][a-z0-9_-]{1,49}$/, message: t("org.roles.form.codeInvalid") }]
          }
        >
          <Input disabled={role !== undefined} maxLength={50} />
        </Form.Item>
        {role?.builtin ? (
          <Alert type="info" showIcon title={t("org.roles.form.builtinNames")} style={{ marginBottom: 16 }} />
        ) : null}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name={["names", "zh-CN"]} label={t("org.roles.form.nameZh")} rules={[required]}>
              <Input maxLength={100} disabled={role?.builtin} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={["names", "en"]} label={t("org.roles.form.nameEn")} rules={[required]}>
              <Input maxLength={100} disabled={role?.builtin} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="permissions" label={t("org.roles.form.permissions")}>
          <Checkbox.Group style={{ width: "100%" }} data-testid="role-permission-boxes">
            <Row gutter={[8, 8]}>
              {PERMISSIONS.map((permission) => (
                <Col span={12} key={permission}>
                  <Checkbox value={permission} data-testid={`permission-${permission}`}>
                    {t(`org.permissions.${permission}`)}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="dataScope" label={t("org.roles.form.dataScope")}>
          <Radio.Group style={{ width: "100%" }}>
            <Space orientation="vertical">
              {DATA_SCOPES.map((scope) => (
                <Radio value={scope} key={scope} data-testid={`scope-${scope}`}>
                  {t(`org.scopes.${scope}`)}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {t(`org.scopeHints.${scope}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Typography.Title level={5}>{t("org.roles.form.personalFields")}</Typography.Title>
        <Form.Item name={["personalFields", "list"]} label={t("org.roles.form.list")} extra={example(list)}>
          <Radio.Group optionType="button" options={visibilityOptions} data-testid="role-list" />
        </Form.Item>
        <Form.Item
          name={["personalFields", "detail"]}
          label={t("org.roles.form.detail")}
          extra={example(detail)}
        >
          <Radio.Group optionType="button" options={visibilityOptions} data-testid="role-detail" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
