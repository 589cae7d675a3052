/**
 * The file's columns against custra's fields: what the server understood (its suggestions, a
 * profile's columns, the user's choices), each changeable with a select. A change is sent as a map
 * entry and the server reads the file again: the table always shows the server's own mapping.
 */
import { Alert, Button, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ColumnUse, ImportableEntity, ImportPreview } from "./imports.types.ts";
import { useFieldLabel } from "./read-choices.ts";

/** The select's value for "this column holds no field". */
const NO_FIELD = "";

export function ColumnMapping({
  entity,
  preview,
  onChange,
  onReset,
  changed,
  disabled,
}: {
  entity: ImportableEntity;
  preview: ImportPreview;
  onChange: (column: string, field: string) => void;
  onReset: () => void;
  /** The user changed a column: offer to go back to the suggestions. */
  changed: boolean;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel(entity.name);
  const fields = new Map(entity.fields.map((field) => [field.name, field]));
  const first = preview.rows[0];
  const noField = entity.extraField ? t("imports.mapping.attribute") : t("imports.mapping.ignored");
  const options = [
    { value: NO_FIELD, label: noField },
    ...entity.fields
      .filter((field) => field.name !== entity.extraField)
      .map((field) => ({
        value: field.name,
        label: `${label(field.name)}${field.required ? ` (${t("imports.mapping.required")})` : ""} · ${field.name}`,
      })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {preview.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("imports.mapping.missing", { fields: preview.missing.map(label).join(", ") })}
          data-testid="mapping-missing"
        />
      )}
      {preview.headerProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t("imports.mapping.headerProblems")}
          description={preview.headerProblems.map((problem) => <div key={problem.text}>{problem.text}</div>)}
          data-testid="mapping-problems"
        />
      )}
      <Table<ColumnUse>
        data-testid="column-mapping"
        size="small"
        rowKey="position"
        pagination={false}
        dataSource={preview.mapping.columns}
        columns={[
          {
            title: t("imports.mapping.column"),
            dataIndex: "column",
            render: (column: string) => <Typography.Text strong>{column}</Typography.Text>,
          },
          {
            title: t("imports.mapping.target"),
            key: "target",
            width: 300,
            render: (_, use) => (
              <Select
                data-testid={`map-${use.position}`}
                aria-label={use.column}
                style={{ width: "100%" }}
                disabled={disabled}
                showSearch={{ optionFilterProp: "label" }}
                value={use.use === "field" ? use.field : NO_FIELD}
                options={options}
                onChange={(field: string) => onChange(use.column, field)}
              />
            ),
          },
          {
            title: t("imports.mapping.kind"),
            key: "kind",
            render: (_, use) => {
              const field = use.field === undefined ? undefined : fields.get(use.field);
              return field ? t(`imports.kinds.${field.kind}`) : "—";
            },
          },
          {
            title: t("imports.mapping.how"),
            key: "how",
            render: (_, use) =>
              use.use === "field" && use.matchedBy ? (
                <Tag color={use.matchedBy === "map" ? "blue" : "green"}>
                  {t(`imports.mapping.matchedBy.${use.matchedBy}`)}
                </Tag>
              ) : (
                <Tag>{noField}</Tag>
              ),
          },
          {
            title: t("imports.mapping.sample"),
            key: "sample",
            ellipsis: true,
            render: (_, use) => {
              const cell = first?.cells[use.position - 1];
              return cell === undefined || cell === null || cell === "" ? "—" : String(cell);
            },
          },
        ]}
      />
      {changed && !disabled && (
        <Button size="small" onClick={onReset} data-testid="mapping-reset">
          {t("imports.mapping.reset")}
        </Button>
      )}
    </Space>
  );
}
