/**
 * How customers moved between any two grade runs of the scheme (GET /grades/migration): a matrix
 * of from-grade × to-grade counts shaded by size, with the customers who came (new) and went, and
 * the totals up, same and down. Counted within the reader's customers. The cells open nothing: the
 * customer list filters by the current grade only, not by a move between two runs.
 */
import { useQuery } from "@tanstack/react-query";
import { Card, Select, Space, Statistic, Table, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { day, decimal } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { GradeTag } from "../segment-tags.tsx";
import type { GradeMigration, GradeRunPage, GradingScheme } from "./grading.types.ts";
import { gradeLabel } from "./labels.ts";

const count = (value: number) => decimal(value, 0);
/** The row of customers who were not in the earlier run, and the column of those gone since. */
const NEW = "__new";
const GONE = "__gone";

export function MigrationMatrix({ scheme }: { scheme: GradingScheme }) {
  const { t } = useTranslation();
  const runs = useQuery({
    queryKey: ["grade-runs", scheme.name, "migration"],
    queryFn: ({ signal }) =>
      api<GradeRunPage>("/grade-runs", { query: { scheme: scheme.name, limit: 200 }, signal }),
  });
  const [chosen, setChosen] = useState<{ from?: number; to?: number }>({});
  const list = runs.data?.runs ?? [];
  // The latest two by default: the runs come newest first.
  const from = chosen.from ?? list[1]?.id;
  const to = chosen.to ?? list[0]?.id;
  const migration = useQuery({
    queryKey: ["grades", "migration", scheme.name, from, to],
    queryFn: ({ signal }) =>
      api<GradeMigration>("/grades/migration", {
        query: { scheme: scheme.name, from, to, dropLimit: 0 },
        signal,
      }),
    enabled: from !== undefined && to !== undefined,
  });

  if (runs.isPending) return <PageLoading />;
  if (runs.isError) return <LoadFailed error={runs.error} onRetry={() => runs.refetch()} />;
  if (list.length < 2) return <NoData text={t("grading.migration.needTwo")} />;
  const options = list.map((run) => ({
    value: run.id,
    label: t("grading.migration.run", { id: run.id, asOf: day(run.asOf), version: run.schemeVersion }),
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="migration">
      <Card size="small">
        <Space wrap>
          <Typography.Text>{t("grading.migration.from")}</Typography.Text>
          <Select
            value={from}
            options={options}
            style={{ minWidth: 260 }}
            data-testid="migration-from"
            onChange={(value: number) => setChosen({ from: value, to })}
          />
          <Typography.Text>{t("grading.migration.to")}</Typography.Text>
          <Select
            value={to}
            options={options}
            style={{ minWidth: 260 }}
            data-testid="migration-to"
            onChange={(value: number) => setChosen({ from, to: value })}
          />
        </Space>
      </Card>
      {migration.isPending ? (
        <PageLoading />
      ) : migration.isError ? (
        <LoadFailed error={migration.error} onRetry={() => migration.refetch()} />
      ) : (
        <Matrix scheme={scheme} migration={migration.data} />
      )}
    </Space>
  );
}

function Matrix({ scheme, migration }: { scheme: GradingScheme; migration: GradeMigration }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { grades, counts } = migration;
  const cell = (fromGrade: string, toGrade: string): number =>
    fromGrade === NEW
      ? (migration.newCustomers.byGrade[toGrade] ?? 0)
      : toGrade === GONE
        ? (migration.goneCustomers.byGrade[fromGrade] ?? 0)
        : (counts[fromGrade]?.[toGrade] ?? 0);
  const largest = Math.max(1, ...grades.flatMap((a) => grades.map((b) => cell(a, b))));
  const label = (grade: string) => (
    <GradeTag grade={grade} label={gradeLabel(scheme, grade, i18n.language)} />
  );
  const rows = [...grades, NEW].map((grade) => ({ grade }));

  return (
    <Card size="small">
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic
          title={t("grading.migration.up")}
          value={count(migration.up.customers)}
          styles={{ content: { color: token.colorSuccess } }}
        />
        <Statistic title={t("grading.migration.same")} value={count(migration.same.customers)} />
        <Statistic
          title={t("grading.migration.down")}
          value={count(migration.down.customers)}
          styles={{ content: { color: token.colorError } }}
        />
        <Statistic title={t("grading.migration.new")} value={count(migration.newCustomers.customers)} />
        <Statistic title={t("grading.migration.gone")} value={count(migration.goneCustomers.customers)} />
      </Space>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="grade"
        dataSource={rows}
        data-testid="migration-matrix"
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("grading.migration.corner"),
            dataIndex: "grade",
            render: (grade: string) =>
              grade === NEW ? (
                <Typography.Text type="secondary">{t("grading.migration.new")}</Typography.Text>
              ) : (
                label(grade)
              ),
          },
          ...[...grades, GONE].map((toGrade) => ({
            title: toGrade === GONE ? t("grading.migration.gone") : label(toGrade),
            key: toGrade,
            align: "center" as const,
            onCell: ({ grade }: { grade: string }) => {
              const value = grade === NEW && toGrade === GONE ? 0 : cell(grade, toGrade);
              const moved = grade !== NEW && toGrade !== GONE;
              // Shade by size among the moves; the diagonal (no move) in the primary colour.
              const strength = moved ? value / largest : 0;
              const hue = grade === toGrade ? "22, 119, 255" : "250, 140, 22";
              return {
                style: {
                  background: value > 0 && moved ? `rgba(${hue}, ${0.08 + 0.6 * strength})` : undefined,
                  minWidth: 72,
                },
              };
            },
            render: (_: unknown, { grade }: { grade: string }) => {
              if (grade === NEW && toGrade === GONE) return null;
              const value = cell(grade, toGrade);
              return (
                <span
                  data-testid={`cell-${grade}-${toGrade}`}
                  style={{ fontWeight: grade === toGrade ? 600 : undefined }}
                >
                  {value === 0 ? <Typography.Text type="secondary">0</Typography.Text> : count(value)}
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
