/**
 * A scheme's versions, newest first, and what changed between any two of them: each changed value
 * in words and by its path, old → new. An editor can open an older version in the editor, to save
 * it again as the newest (putting it back in use).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import { dateTime } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { type DefinitionChange, definitionDiff, pathText } from "./definition-diff.ts";
import type { GradingScheme, StoredScheme } from "./grading.types.ts";
import { pathLabel } from "./labels.ts";

export function VersionHistory({
  stored,
  editable,
  onOpen,
}: {
  stored: StoredScheme;
  editable: boolean;
  /** Puts a version's definition in the editor. */
  onOpen: (definition: GradingScheme, version: number) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const versions = [...stored.versions].sort((a, b) => b.version - a.version);
  const latest = versions[0]?.version ?? stored.version;
  const [pair, setPair] = useState<{ from: number; to: number }>({
    from: versions[1]?.version ?? latest,
    to: latest,
  });
  const version = (n: number) => readVersion(stored.name, n);
  const from = useQuery(version(pair.from));
  const to = useQuery(version(pair.to));
  const options = versions.map((v) => ({
    value: v.version,
    label: t("grading.version", { version: v.version }),
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="version-history">
      <Card size="small">
        <Table
          size="small"
          rowKey="version"
          pagination={versions.length > 10 ? { pageSize: 10 } : false}
          dataSource={versions}
          data-testid="versions"
          columns={[
            {
              title: t("grading.history.version"),
              dataIndex: "version",
              render: (n: number) => (
                <Space>
                  {t("grading.version", { version: n })}
                  {n === latest && <Tag color="green">{t("grading.inUse")}</Tag>}
                </Space>
              ),
            },
            {
              title: t("grading.history.createdAt"),
              dataIndex: "createdAt",
              render: (value: string) => dateTime(value, timeZone),
            },
            {
              title: t("grading.history.source"),
              dataIndex: "source",
              render: (source: string) => t(`grading.source.${source}`, { defaultValue: source }),
            },
            {
              title: t("grading.history.actions"),
              key: "actions",
              render: (_, v) => (
                <Space size={0}>
                  {v.version > 1 && (
                    <Button
                      type="link"
                      size="small"
                      data-testid={`compare-${v.version}`}
                      onClick={() => setPair({ from: v.version - 1, to: v.version })}
                    >
                      {t("grading.history.compare")}
                    </Button>
                  )}
                  {editable && v.version !== latest && (
                    <OpenButton name={stored.name} version={v.version} onOpen={onOpen} />
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        data-testid="version-diff"
        title={t("grading.history.diffTitle", { from: pair.from, to: pair.to })}
        extra={
          <Space>
            <Typography.Text type="secondary">{t("grading.history.from")}</Typography.Text>
            <Select
              size="small"
              value={pair.from}
              options={options}
              style={{ width: 90 }}
              data-testid="diff-from"
              onChange={(value: number) => setPair({ ...pair, from: value })}
            />
            <Typography.Text type="secondary">{t("grading.history.to")}</Typography.Text>
            <Select
              size="small"
              value={pair.to}
              options={options}
              style={{ width: 90 }}
              data-testid="diff-to"
              onChange={(value: number) => setPair({ ...pair, to: value })}
            />
          </Space>
        }
      >
        {from.isError || to.isError ? (
          <LoadFailed
            error={from.error ?? to.error}
            onRetry={() => {
              void from.refetch();
              void to.refetch();
            }}
          />
        ) : !from.data || !to.data ? (
          <PageLoading />
        ) : (
          <Diff before={from.data.definition} after={to.data.definition} />
        )}
      </Card>
    </Space>
  );
}

function readVersion(name: string, version: number) {
  return {
    queryKey: ["scheme", name, "version", version],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<StoredScheme>(`/schemes/${encodeURIComponent(name)}`, { query: { version }, signal }),
    // A stored version never changes.
    staleTime: Number.POSITIVE_INFINITY,
  };
}

function Diff({ before, after }: { before: GradingScheme; after: GradingScheme }) {
  const { t, i18n } = useTranslation();
  const changes = definitionDiff(before, after);
  if (changes.length === 0) return <NoData text={t("grading.history.noDiff")} />;
  const shown = (value: unknown) =>
    value === undefined ? (
      <Typography.Text type="secondary">{t("grading.history.none")}</Typography.Text>
    ) : (
      <Typography.Text code>{typeof value === "string" ? value : JSON.stringify(value)}</Typography.Text>
    );
  return (
    <Table<DefinitionChange>
      size="small"
      pagination={false}
      rowKey={(change) => pathText(change.path)}
      dataSource={changes}
      data-testid="diff"
      columns={[
        {
          title: t("grading.history.field"),
          key: "path",
          render: (_, change) => (
            <>
              <div>{pathLabel(t, after, change.path, i18n.language)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="diff-path">
                {pathText(change.path)}
              </Typography.Text>
            </>
          ),
        },
        { title: t("grading.history.old"), key: "before", render: (_, change) => shown(change.before) },
        { title: t("grading.history.new"), key: "after", render: (_, change) => shown(change.after) },
      ]}
    />
  );
}

function OpenButton({
  name,
  version,
  onOpen,
}: {
  name: string;
  version: number;
  onOpen: (definition: GradingScheme, version: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [loading, setLoading] = useState(false);
  const open = async () => {
    setLoading(true);
    try {
      const read = await client.fetchQuery(readVersion(name, version));
      onOpen(read.definition, version);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button type="link" size="small" loading={loading} data-testid={`open-${version}`} onClick={open}>
      {t("grading.history.open")}
    </Button>
  );
}
