/** One audit entry opened: each changed field with its value before and after, its details, its hash. */
import { Descriptions, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "./system.types.ts";

interface Change {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes: Change[] = Object.entries(entry.changes ?? {}).map(([field, { before, after }]) => ({
    field,
    before,
    after,
  }));
  const details = Object.entries(entry.details ?? {});
  const shown = (value: unknown) => {
    const text = valueText(value);
    return text === "" ? (
      <Typography.Text type="secondary">{t("system.audit.details.empty")}</Typography.Text>
    ) : (
      text
    );
  };
  // A setting's field is named as the settings page names it; other entities' fields by their code.
  const fieldName = (field: string) =>
    entry.entity === "settings" ? t(`system.company.fields.${field}`, { defaultValue: field }) : field;

  return (
    <Space
      orientation="vertical"
      size="small"
      style={{ width: "100%" }}
      data-testid={`audit-entry-${entry.id}`}
    >
      {changes.length > 0 ? (
        <Table<Change>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={changes}
          title={() => t("system.audit.details.changes")}
          data-testid="entry-changes"
          columns={[
            { title: t("system.audit.details.field"), dataIndex: "field", render: fieldName },
            { title: t("system.audit.details.before"), dataIndex: "before", render: shown },
            { title: t("system.audit.details.after"), dataIndex: "after", render: shown },
          ]}
        />
      ) : null}
      {details.length > 0 ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={t("system.audit.details.details")}
          data-testid="entry-details"
          items={details.map(([key, value]) => ({ key, label: key, children: shown(value) }))}
        />
      ) : null}
      {changes.length === 0 && details.length === 0 ? (
        <Typography.Text type="secondary">{t("system.audit.details.nothing")}</Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("system.audit.details.hash")}: <Typography.Text code>{entry.hash}</Typography.Text>
      </Typography.Text>
    </Space>
  );
}

/** A value as a person reads it: text as it is, lists and records as compact JSON, nothing as empty. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
