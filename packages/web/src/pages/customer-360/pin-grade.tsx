/**
 * 锁定等级: a grade of the scheme (its grades as GET /schemes/:name names them), the reason (the
 * server refuses a pin without one) and optionally its last day, through PUT
 * /grades/customers/:code/pin; the server's refusal is shown as it says it.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, type ButtonProps, DatePicker, Form, Input, Modal, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings, useLanguageKey, useSchemeGrades } from "../../api/queries.ts";
import { today } from "../../format/format.ts";
import type { CustomerGrade } from "./customer-360.types.ts";
import { currentGrade, customerKey, explanationKey } from "./labels.ts";

interface PinValues {
  grade: string;
  reason: string;
  until?: Dayjs | null;
}

export function PinGradeModal({
  code,
  grade,
  onClose,
}: {
  code: string;
  /** The grade whose scheme is pinned; null: closed. */
  grade: CustomerGrade | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const language = useLanguageKey();
  const [form] = Form.useForm<PinValues>();
  const scheme = grade?.scheme ?? "value";
  const grades = useSchemeGrades(scheme);
  const todayThere = today(useCompanySettings().data?.settings.timeZone);
  const pin = useMutation({
    mutationFn: (values: PinValues) =>
      api<{ grade: string }>(`/grades/customers/${encodeURIComponent(code)}/pin`, {
        method: "PUT",
        body: {
          scheme,
          grade: values.grade,
          reason: values.reason.trim(),
          ...(values.until ? { until: values.until.format("YYYY-MM-DD") } : {}),
        },
      }),
  });

  // Each opening starts from the grade as it holds now and the pin's reason, if there is one.
  useEffect(() => {
    if (!grade) return;
    pin.reset();
    form.setFieldsValue({
      grade: currentGrade(grade).grade,
      reason: grade.currentPin?.reason ?? "",
      until: null,
    });
  }, [grade, form, pin.reset]);

  const labelOf = (label: Record<string, string>, fallback: string) =>
    label[language] ?? label["zh-CN"] ?? fallback;
  const submit = async () => {
    const values = await form.validateFields();
    await pin.mutateAsync(values);
    const chosen = grades.data?.find((option) => option.code === values.grade);
    message.success(
      t("customer360.pinForm.done", { label: chosen ? labelOf(chosen.label, chosen.code) : values.grade }),
    );
    onClose();
    await client.invalidateQueries({ queryKey: customerKey(code) });
    await client.invalidateQueries({ queryKey: explanationKey(code, scheme) });
  };

  return (
    <Modal
      open={grade !== null}
      title={t("customer360.pinForm.title", { scheme: grade?.schemeTitle ?? scheme })}
      okText={t("customer360.pinForm.submit")}
      cancelText={t("customer360.pinForm.cancel")}
      okButtonProps={{ "data-testid": "pin-ok" } as ButtonProps}
      confirmLoading={pin.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("customer360.grades.pinNote")}</Typography.Paragraph>
      <Form form={form} name="pin" layout="vertical">
        <Form.Item
          name="grade"
          label={t("customer360.pinForm.grade")}
          rules={[{ required: true, message: t("customer360.pinForm.gradeRequired") }]}
        >
          <Select
            data-testid="pin-grade"
            showSearch={{ optionFilterProp: "label" }}
            loading={grades.isPending}
            options={(grades.data ?? []).map((option) => ({
              value: option.code,
              label: labelOf(option.label, option.code),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("customer360.pinForm.reason")}
          rules={[{ required: true, whitespace: true, message: t("customer360.pinForm.reasonRequired") }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t("customer360.pinForm.reasonHint")}
            data-testid="pin-reason"
          />
        </Form.Item>
        <Form.Item
          name="until"
          label={t("customer360.pinForm.until")}
          extra={t("customer360.pinForm.untilHint")}
        >
          <DatePicker
            style={{ width: "100%" }}
            // A pin that ended before today would hold for nobody.
            disabledDate={(date) => date.format("YYYY-MM-DD") < todayThere}
          />
        </Form.Item>
      </Form>
      {pin.isError && (
        <Alert
          type="error"
          showIcon
          data-testid="pin-failed"
          title={t("customer360.pinForm.failed", { detail: pin.error.message })}
        />
      )}
    </Modal>
  );
}
