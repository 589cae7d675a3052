/**
 * The validation's answer: every row passed, or the file is refused (all or nothing) with its bad
 * rows by line, column and the server's reason, counted, and the plain statement that nothing was
 * written; or the file could not be validated at all (a missing column, ambiguous dates), in the
 * server's words.
 */
import { Alert, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { decimal } from "../../format/format.ts";
import type { ImportResult, RowProblem } from "./imports.types.ts";

export function ValidationResult({ result, error }: { result?: ImportResult; error?: unknown }) {
  const { t } = useTranslation();
  if (error !== undefined)
    return (
      <Alert
        type="error"
        showIcon
        title={t("imports.validate.failed")}
        description={error instanceof ApiError ? error.message : String(error)}
        data-testid="validation-failed"
      />
    );
  if (!result) return null;
  if (result.rejected === 0)
    return (
      <Alert
        type="success"
        showIcon
        title={t("imports.validate.passed", { rows: decimal(result.rowsRead, 0) })}
        data-testid="validation-passed"
      />
    );
  return (
    <Space orientation="vertical" size="small" style={{ width: "100%" }}>
      <Alert
        type="error"
        showIcon
        title={
          <span data-testid="validation-rejected">
            {t("imports.validate.rejected", {
              rows: decimal(result.rejected, 0),
              problems: decimal(result.problemCount, 0),
            })}
          </span>
        }
        description={<span data-testid="nothing-written">{t("imports.validate.nothingWritten")}</span>}
      />
      <Table<RowProblem>
        data-testid="validation-problems"
        size="small"
        rowKey={(problem) => `${problem.line}:${problem.column}:${problem.kind}`}
        pagination={false}
        dataSource={result.problems}
        columns={[
          { title: t("imports.validate.line"), dataIndex: "line", width: 80 },
          {
            title: t("imports.validate.column"),
            dataIndex: "column",
            width: 200,
            render: (column: string) => (column === "*" ? t("imports.validate.wholeRow") : column),
          },
          {
            title: t("imports.validate.reason"),
            key: "reason",
            render: (_, problem) => problem.reason.text,
          },
        ]}
      />
      {result.problemCount > result.problems.length && (
        <Typography.Text type="secondary" data-testid="problems-shown">
          {t("imports.validate.shown", {
            shown: decimal(result.problems.length, 0),
            total: decimal(result.problemCount, 0),
          })}
        </Typography.Text>
      )}
    </Space>
  );
}
