/**
 * 转移负责人: the selected customers to another owner through POST /api/v1/customers/reassign, all
 * of them or none (the server refuses the whole batch when one may not be changed, and says why).
 * The owners offered are the active users of GET /api/v1/users when the reader may list users; a
 * reader who may not types the user name (the server checks it is a user in their sight).
 */
import { SwapOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, AutoComplete, Button, type ButtonProps, Form, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import type { User } from "../../api/types.ts";

interface ReassignResult {
  readonly reassigned: readonly { code: string; before: string | null; after: string }[];
  readonly unchanged: number;
}

export function ReassignButton({
  codes,
  canListUsers,
  onDone,
}: {
  codes: readonly string[];
  canListUsers: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ owner: string }>();
  const users = useQuery({
    queryKey: ["users", "owners"],
    queryFn: () => api<User[]>("/users", { query: { active: "true" } }),
    enabled: open && canListUsers,
  });
  const reassign = useMutation({
    mutationFn: (owner: string) =>
      api<ReassignResult>("/customers/reassign", { method: "POST", body: { codes, owner } }),
  });

  const submit = async () => {
    const { owner } = await form.validateFields();
    const result = await reassign.mutateAsync(owner.trim());
    message.success(
      t("customerList.reassign.done", { reassigned: result.reassigned.length, unchanged: result.unchanged }),
    );
    setOpen(false);
    onDone();
    await client.invalidateQueries({ queryKey: ["customers"] });
    await client.invalidateQueries({ queryKey: ["customer"] });
  };

  const options = (users.data ?? [])
    .filter((user) => user.active)
    .map((user) => ({
      value: user.username,
      label: user.name ? `${user.name} (${user.username})` : user.username,
    }));
  const failure = reassign.error
    ? reassign.error instanceof ApiError
      ? reassign.error.message
      : String(reassign.error)
    : null;

  return (
    <>
      <Button
        icon={<SwapOutlined />}
        disabled={codes.length === 0}
        data-testid="reassign-button"
        onClick={() => {
          form.resetFields();
          reassign.reset();
          setOpen(true);
        }}
      >
        {t("customerList.reassign.button")}
      </Button>
      <Modal
        open={open}
        title={t("customerList.reassign.title", { count: codes.length })}
        okText={t("customerList.reassign.submit")}
        cancelText={t("customerList.views.cancel")}
        okButtonProps={{ "data-testid": "reassign-ok" } as ButtonProps}
        confirmLoading={reassign.isPending}
        onOk={() => void submit().catch(() => {})}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="owner"
            label={t("customerList.reassign.owner")}
            rules={[{ required: true, whitespace: true, message: t("customerList.reassign.ownerRequired") }]}
          >
            <AutoComplete
              data-testid="reassign-owner"
              options={options}
              placeholder={t("customerList.reassign.ownerHint")}
              filterOption={(input, option) =>
                String(option?.label ?? "")
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
            />
          </Form.Item>
        </Form>
        {failure && (
          <Alert
            type="error"
            showIcon
            data-testid="reassign-failed"
            title={t("customerList.reassign.failed", { detail: failure })}
          />
        )}
      </Modal>
    </>
  );
}
