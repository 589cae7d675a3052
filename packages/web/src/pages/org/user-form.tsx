/**
 * The user dialogs: a new user (POST /users: with a password, or none until an administrator sets
 * one), a change (PATCH /users/{id}: name, email, role, department, manager), and a new password
 * set by an administrator (POST /users/{id}/password). The server's refusals show beside their fields.
 */
import { useMutation } from "@tanstack/react-query";
import { App, Col, Form, Input, Modal, Radio, Row, Select, TreeSelect, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { OrgUser } from "./org.types.ts";
import {
  departmentTree,
  useAllUsers,
  useDepartments,
  useRoleLabel,
  useRoles,
  userLabel,
} from "./org-data.ts";
import { clearedOnChange, Refusal, useRefusals } from "./refusals.tsx";

/** The server's policy (packages/app access/passwords.ts): length only. */
const PASSWORD_MIN = 10;

interface UserValues {
  readonly email: string;
  readonly name: string;
  readonly username?: string;
  readonly role: string;
  readonly department?: number | null;
  readonly managerId?: number | null;
  readonly signIn?: "now" | "later";
  readonly password?: string;
}

const USER_FIELDS = {
  email: "email",
  username: "username",
  name: "name",
  password: "password",
  role: "role",
  lastAdministrator: "role",
  department: "department",
  user: "managerId",
  managerId: "managerId",
};

/** A new user (`user` absent) or a change to `user`. */
export function UserForm({
  open,
  user,
  onClose,
  onSaved,
}: {
  open: boolean;
  user?: OrgUser | undefined;
  onClose: () => void;
  onSaved: (saved: OrgUser) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserValues>();
  const refusals = useRefusals(form, USER_FIELDS);
  const roles = useRoles().data ?? [];
  const roleLabel = useRoleLabel();
  const departments = useDepartments().data ?? [];
  const users = useAllUsers().data ?? [];
  const signIn = Form.useWatch("signIn", form);
  const save = useMutation({
    mutationFn: (values: UserValues) =>
      user
        ? api<OrgUser>(`/users/${user.id}`, {
            method: "PATCH",
            body: {
              name: values.name,
              // An imported user may have no email yet: none given leaves it so.
              ...(values.email ? { email: values.email } : {}),
              role: values.role,
              department: values.department ?? null,
              managerId: values.managerId ?? null,
            },
          })
        : api<OrgUser>("/users", {
            method: "POST",
            body: {
              email: values.email,
              name: values.name,
              role: values.role,
              ...(values.username ? { username: values.username } : {}),
              ...(values.department ? { department: values.department } : {}),
              ...(values.managerId ? { managerId: values.managerId } : {}),
              ...(values.signIn === "now" ? { password: values.password } : {}),
            },
          }),
    onSuccess: (saved) => {
      form.resetFields();
      onSaved(saved);
    },
    onError: refusals.onError,
  });
  const close = () => {
    save.reset();
    refusals.clear();
    form.resetFields();
    onClose();
  };
  const required = { required: true, whitespace: true, message: t("org.users.form.required") };

  return (
    <Modal
      open={open}
      title={
        user ? t("org.users.form.editTitle", { name: userLabel(user) }) : t("org.users.form.createTitle")
      }
      okText={user ? t("org.common.save") : t("org.common.create")}
      cancelText={t("org.common.cancel")}
      okButtonProps={{ loading: save.isPending, "data-testid": "user-submit" }}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={640}
    >
      <Refusal error={refusals.failure} title={t("org.users.form.failed")} testId="user-failed" />
      <Form<UserValues>
        form={form}
        name="user"
        layout="vertical"
        preserve={false}
        initialValues={
          user
            ? {
                email: user.email ?? "",
                name: user.name ?? "",
                role: user.role ?? undefined,
                department: user.departmentId,
                managerId: user.managerId,
              }
            : { signIn: "now" }
        }
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearedOnChange(form)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t("org.users.form.email")}
              extra={t("org.users.form.emailHint")}
              rules={[
                ...(user && !user.email ? [] : [required]),
                { type: "email", message: t("org.users.form.emailInvalid") },
              ]}
            >
              <Input maxLength={320} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t("org.users.form.name")} rules={[required]}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {user ? (
          <Form.Item label={t("org.users.form.username")}>
            <Typography.Text code>{user.username}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="username"
            label={t("org.users.form.username")}
            extra={t("org.users.form.usernameHint")}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="role" label={t("org.users.form.role")} rules={[required]}>
              <Select options={roles.map((role) => ({ value: role.code, label: roleLabel(role.code) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="department" label={t("org.users.form.department")}>
              <TreeSelect
                allowClear
                treeDefaultExpandAll
                treeData={departmentTree(departments)}
                showSearch={{ treeNodeFilterProp: "title" }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="managerId"
          label={t("org.users.form.manager")}
          extra={t("org.users.form.managerHint")}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            options={users
              .filter((candidate) => candidate.active && candidate.id !== user?.id)
              .map((candidate) => ({
                value: candidate.id,
                label: `${userLabel(candidate)} (${candidate.username})`,
              }))}
          />
        </Form.Item>
        {user ? null : (
          <>
            <Form.Item name="signIn" label={t("org.users.form.signIn")}>
              <Radio.Group
                options={[
                  { value: "now", label: t("org.users.form.signInNow") },
                  { value: "later", label: t("org.users.form.signInLater") },
                ]}
              />
            </Form.Item>
            {signIn === "later" ? null : (
              <Form.Item
                name="password"
                label={t("org.users.form.password")}
                extra={t("org.users.form.passwordHint", { min: PASSWORD_MIN })}
                rules={[{ required: true, message: t("org.users.form.required") }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

interface PasswordValues {
  readonly password: string;
  readonly confirm: string;
}

/** An administrator sets `user`'s password: their sessions end and a sign-in lock goes. */
export function PasswordForm({
  user,
  onClose,
}: {
  user: OrgUser | null;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const refusals = useRefusals(form, { password: "password", newPassword: "password" });
  const save = useMutation({
    mutationFn: (values: PasswordValues) =>
      api<void>(`/users/${user!.id}/password`, { method: "POST", body: { newPassword: values.password } }),
    onSuccess: () => {
      message.success(t("org.users.done.password", { name: userLabel(user!) }));
      form.resetFields();
      onClose(true);
    },
    onError: refusals.onError,
  });
  return (
    <Modal
      open={user !== null}
      title={user ? t("org.users.passwordForm.title", { name: userLabel(user) }) : null}
      okText={t("org.users.passwordForm.submit")}
      cancelText={t("org.common.cancel")}
      okButtonProps={{ loading: save.isPending, "data-testid": "password-submit" }}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        refusals.clear();
        form.resetFields();
        onClose(false);
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("org.users.passwordForm.hint")}</Typography.Paragraph>
      <Refusal error={refusals.failure} title={t("org.users.form.failed")} testId="password-failed" />
      <Form<PasswordValues>
        form={form}
        name="password"
        layout="vertical"
        preserve={false}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="password"
          label={t("org.users.form.password")}
          extra={t("org.users.form.passwordHint", { min: PASSWORD_MIN })}
          rules={[{ required: true, message: t("org.users.form.required") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("org.users.form.confirm")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("org.users.form.required") },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue("password") === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("org.users.form.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
