/**
 * 记录互动: a visit, call, WeChat message, email, complaint … with the customer, through POST
 * /interactions (the signed-in user is its owner; the server checks they may change the
 * customer). Shown only where the view's actions allow it; the view is read again afterwards, so
 * the new interaction is in its list.
 */
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, type ButtonProps, Checkbox, DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Interaction } from "./customer-360.types.ts";
import { customerKey } from "./labels.ts";

/** The kinds the server stores (the importer's interactions.kind), the commonest first. */
const KINDS = ["visit", "call", "wechat", "email", "consultation", "complaint", "feedback"] as const;

interface InteractionValues {
  kind: string;
  occurredAt: Dayjs;
  summary: string;
  resolved: boolean;
}

export function LogInteractionButton({ code }: { code: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<InteractionValues>();
  const log = useMutation({
    mutationFn: (values: InteractionValues) => {
      const occurredAt = values.occurredAt.format();
      return api<Interaction>("/interactions", {
        method: "POST",
        body: {
          customerCode: code,
          kind: values.kind,
          occurredAt,
          summary: values.summary.trim(),
          // Resolved when it happened: a complaint settled on the spot.
          ...(values.resolved ? { resolvedAt: occurredAt } : {}),
        },
      });
    },
  });
  const submit = async () => {
    const values = await form.validateFields();
    await log.mutateAsync(values);
    message.success(t("customer360.interactionForm.done"));
    setOpen(false);
    await client.invalidateQueries({ queryKey: customerKey(code) });
  };
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        data-testid="log-interaction"
        onClick={() => {
          form.resetFields();
          form.setFieldsValue({ kind: "visit", occurredAt: dayjs(), resolved: false });
          log.reset();
          setOpen(true);
        }}
      >
        {t("customer360.interaction.log")}
      </Button>
      <Modal
        open={open}
        title={t("customer360.interactionForm.title")}
        okText={t("customer360.interactionForm.submit")}
        cancelText={t("customer360.interactionForm.cancel")}
        okButtonProps={{ "data-testid": "interaction-ok" } as ButtonProps}
        confirmLoading={log.isPending}
        onOk={() => void submit().catch(() => {})}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} name="interaction" layout="vertical">
          <Form.Item
            name="kind"
            label={t("customer360.interactionForm.kind")}
            rules={[{ required: true, message: t("customer360.interactionForm.kindRequired") }]}
          >
            <Select
              data-testid="interaction-kind"
              showSearch={{ optionFilterProp: "label" }}
              options={KINDS.map((kind) => ({ value: kind, label: t(`interactionKind.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="occurredAt"
            label={t("customer360.interactionForm.occurredAt")}
            rules={[{ required: true, message: t("customer360.interactionForm.occurredAtRequired") }]}
          >
            <DatePicker
              showTime={{ format: "HH:mm" }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: "100%" }}
              // It has happened: an interaction is logged, not planned (tasks plan).
              disabledDate={(date) => date.isAfter(dayjs(), "day")}
            />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t("customer360.interactionForm.summary")}
            rules={[
              { required: true, whitespace: true, message: t("customer360.interactionForm.summaryRequired") },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t("customer360.interactionForm.summaryHint")}
              data-testid="interaction-summary"
            />
          </Form.Item>
          <Form.Item name="resolved" valuePropName="checked">
            <Checkbox>{t("customer360.interactionForm.resolved")}</Checkbox>
          </Form.Item>
        </Form>
        {log.isError && (
          <Alert
            type="error"
            showIcon
            data-testid="interaction-failed"
            title={t("customer360.interactionForm.failed", { detail: log.error.message })}
          />
        )}
      </Modal>
    </>
  );
}
