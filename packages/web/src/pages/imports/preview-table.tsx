/**
 * The first rows of the file as the import will read them: one column per mapped field, each value
 * in the form it will be stored (the server parsed it), a value the import would refuse in red
 * with the server's reason; and what the file is (format, the encoding detected, the delimiter).
 */
import { WarningOutlined } from "@ant-design/icons";
import { Descriptions, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { NoData } from "../../shell/states.tsx";
import type { ImportableEntity, ImportPreview } from "./imports.types.ts";
import { encodingLabel, useFieldLabel } from "./read-choices.ts";

type Row = ImportPreview["rows"][number];

export function PreviewTable({ entity, preview }: { entity: ImportableEntity; preview: ImportPreview }) {
  const { t } = useTranslation();
  const label = useFieldLabel(entity.name);
  const kinds = new Map(entity.fields.map((field) => [field.name, field.kind]));
  const mapped = preview.mapping.columns.filter((use) => use.use === "field" && use.field !== undefined);
  const delimiter = preview.delimiter === "\t" ? t("imports.preview.tab") : preview.delimiter;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions
        size="small"
        column={4}
        data-testid="preview-file"
        items={[
          { key: "file", label: t("imports.preview.file"), children: preview.file },
          { key: "format", label: t("imports.preview.format"), children: preview.format.toUpperCase() },
          {
            key: "encoding",
            label: t("imports.preview.encoding"),
            children: <span data-testid="preview-encoding">{encodingLabel(preview.encoding)}</span>,
          },
          { key: "delimiter", label: t("imports.preview.delimiter"), children: delimiter ?? "—" },
        ]}
      />
      {preview.rows.length === 0 ? (
        <NoData text={t("imports.preview.empty")} />
      ) : (
        <Table<Row>
          data-testid="preview-rows"
          size="small"
          rowKey="line"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={preview.rows}
          columns={[
            {
              title: t("imports.preview.line"),
              dataIndex: "line",
              width: 72,
              render: (line: number, row) =>
                row.problem ? (
                  <Tooltip title={row.problem.text}>
                    <Tag color="error" icon={<WarningOutlined />}>
                      {line} · {t("imports.preview.rowProblem")}
                    </Tag>
                  </Tooltip>
                ) : (
                  line
                ),
            },
            ...mapped.map((use) => ({
              key: use.field!,
              title: (
                <div>
                  <div>{label(use.field!)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: "normal" }}>
                    {t(`imports.kinds.${kinds.get(use.field!) ?? "text"}`)}
                  </Typography.Text>
                </div>
              ),
              render: (_: unknown, row: Row) => {
                const problem = row.problems.find((candidate) => candidate.column === use.column);
                if (problem) {
                  const raw = row.cells[use.position - 1];
                  return (
                    <Tooltip title={problem.reason.text}>
                      <Typography.Text type="danger" data-testid="preview-problem">
                        <WarningOutlined /> {raw === null || raw === "" ? "—" : String(raw)}
                      </Typography.Text>
                    </Tooltip>
                  );
                }
                const value = row.read[use.field!];
                return value === null || value === undefined ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  value
                );
              },
            })),
          ]}
        />
      )}
    </Space>
  );
}
