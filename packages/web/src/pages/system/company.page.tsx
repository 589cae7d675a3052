/**
 * 设置 / 公司设置 (manageUsers): the company's name, currency, default language, time zone, fiscal
 * year start and business model over GET and PATCH /api/v1/settings. One save sends what changed;
 * the server validates all of it at once (nothing changes when one value is bad) and names each
 * bad setting, shown beside its field. Saved settings replace the shared settings query, so every
 * page's money and dates follow at once.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Tag, Typography } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import { COMPANY_SETTINGS_KEY, useCompanySettings } from "../../api/queries.ts";
import type { CompanySettings } from "../../api/types.ts";
import { SESSION_KEY } from "../../auth/session.tsx";
import { money } from "../../format/format.ts";
import { LoadFailed, PageLoading } from "../../shell/states.tsx";
import type { SettingKey } from "./system.types.ts";
import { addSystemTexts } from "./texts.ts";

addSystemTexts();

type Values = CompanySettings["settings"];

/** In the order a person thinks of their company: who it is, then money, language, time. */
const FIELDS: readonly SettingKey[] = [
  "companyName",
  "currency",
  "locale",
  "timeZone",
  "fiscalYearStart",
  "businessModel",
];

export default function CompanyPage() {
  const settings = useCompanySettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <LoadFailed error={settings.error} onRetry={() => settings.refetch()} />;
  // A new form once saved: its initial values (what "undo" goes back to) are the saved ones.
  return <CompanyForm key={JSON.stringify(settings.data.settings)} view={settings.data} />;
}

function CompanyForm({ view }: { view: CompanySettings }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<unknown>(null);
  const currency = Form.useWatch("currency", form) ?? view.settings.currency;
  const currencies = useMemo(() => currencyOptions(i18n.language), [i18n.language]);
  const timeZones = useMemo(() => timeZoneOptions(view.settings.timeZone), [view.settings.timeZone]);

  const save = useMutation({
    mutationFn: (changes: Partial<Values>) =>
      api<CompanySettings>("/settings", { method: "PATCH", body: { changes } }),
    onSuccess: async (saved) => {
      client.setQueryData(COMPANY_SETTINGS_KEY, saved);
      message.success(t("system.company.saved"));
      // The time zone moves "today" on the server (tasks due, my day): what is shown is read again.
      await client.invalidateQueries({
        predicate: (query) =>
          query.queryKey[0] !== SESSION_KEY[0] && query.queryKey[0] !== COMPANY_SETTINGS_KEY[0],
      });
    },
    onError: (error) => {
      const issues = error instanceof ApiError ? (error.problem?.issues ?? []) : [];
      const beside = issues.filter((issue) => FIELDS.includes(issue.path as SettingKey));
      form.setFields(beside.map((issue) => ({ name: issue.path as SettingKey, errors: [issue.problem] })));
      // What no field can show (a refusal, a lost connection) is said above the form.
      if (beside.length === 0 || beside.length < issues.length) setFailure(error);
    },
  });

  const submit = (values: Values) => {
    setFailure(null);
    const changes = Object.fromEntries(
      FIELDS.filter((key) => (values[key] ?? "") !== view.settings[key]).map((key) => [
        key,
        values[key] ?? "",
      ]),
    );
    if (Object.keys(changes).length === 0) message.info(t("system.company.noChanges"));
    else save.mutate(changes);
  };

  const label = (key: SettingKey): ReactNode => (
    <Space size={4}>
      {t(`system.company.fields.${key}`)}
      {view.defaults.includes(key) ? (
        <Tag data-testid={`default-${key}`}>{t("system.company.isDefault")}</Tag>
      ) : null}
    </Space>
  );
  const hint = (key: SettingKey) => t(`system.company.hints.${key}`);

  return (
    <Card title={t("system.company.title")} data-testid="company-settings">
      <Typography.Paragraph type="secondary">{t("system.company.subtitle")}</Typography.Paragraph>
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={t("system.company.saveFailed")}
          description={failure instanceof Error ? failure.message : String(failure)}
          style={{ marginBottom: 16 }}
          data-testid="save-failed"
        />
      ) : null}
      <Form<Values>
        form={form}
        name="company"
        layout="horizontal"
        labelCol={{ flex: "160px" }}
        // Takes the rest of the row and no more: a long error below a field must not push it down a line.
        wrapperCol={{ flex: "1 1 0", style: { minWidth: 0 } }}
        style={{ maxWidth: 760 }}
        initialValues={view.settings}
        onFinish={submit}
        // A field's server error goes once the field is changed again.
        onValuesChange={(changed) =>
          form.setFields(Object.keys(changed).map((name) => ({ name: name as SettingKey, errors: [] })))
        }
      >
        <Form.Item name="companyName" label={label("companyName")} extra={hint("companyName")}>
          <Input maxLength={100} allowClear />
        </Form.Item>
        <Form.Item
          name="currency"
          label={label("currency")}
          extra={
            <>
              {hint("currency")}
              <br />
              <span data-testid="money-example">
                {t("system.company.moneyExample", { example: money(1234567.89, currency) })}
              </span>
            </>
          }
        >
          <Select showSearch={{ optionFilterProp: "label" }} options={currencies} />
        </Form.Item>
        <Form.Item name="locale" label={label("locale")} extra={hint("locale")}>
          <Radio.Group
            options={[
              { value: "zh-CN", label: t("system.company.locales.zhCN") },
              { value: "en", label: t("system.company.locales.en") },
            ]}
          />
        </Form.Item>
        <Form.Item name="timeZone" label={label("timeZone")} extra={hint("timeZone")}>
          <Select showSearch={{ optionFilterProp: "label" }} options={timeZones} />
        </Form.Item>
        <Form.Item name="fiscalYearStart" label={label("fiscalYearStart")} extra={hint("fiscalYearStart")}>
          <Input placeholder="01-01" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="businessModel" label={label("businessModel")} extra={hint("businessModel")}>
          <Radio.Group
            options={(["b2b", "b2c", "mixed"] as const).map((model) => ({
              value: model,
              label: t(`system.company.businessModels.${model}`),
            }))}
          />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="company-save">
              {t("system.company.save")}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFailure(null);
              }}
              data-testid="company-undo"
            >
              {t("system.company.undo")}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** Every currency the browser knows, as "EUR · 欧元" in the reader's language. */
function currencyOptions(language: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([language], { type: "currency" });
  return Intl.supportedValuesOf("currency").map((code) => ({
    value: code,
    label: `${code} · ${names.of(code)}`,
  }));
}

/** The IANA time zones the browser knows, with UTC and the one set (in case the browser lacks it). */
function timeZoneOptions(current: string): { value: string; label: string }[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone"), current]);
  return [...zones].sort().map((zone) => ({ value: zone, label: zone }));
}
