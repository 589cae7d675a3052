/**
 * The history of imports (GET /imports/history): who imported which file into what, when, with how
 * many rows and how it ended, the newest first, a page at a time.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings, useLanguageKey } from "../../api/queries.ts";
import { dateTime, decimal } from "../../format/format.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import type { ImportHistoryEntry, ImportHistoryPage } from "./imports.types.ts";

const PAGE = 20;
const STATUS_COLORS = {
  queued: "default",
  running: "processing",
  succeeded: "success",
  failed: "error",
} as const;

export function ImportHistory() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const history = useInfiniteQuery({
    queryKey: ["import-history", language],
    queryFn: ({ pageParam, signal }) =>
      api<ImportHistoryPage>("/imports/history", { query: { limit: PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (history.isError) return <LoadFailed error={history.error} onRetry={() => history.refetch()} />;
  const entries = history.data?.pages.flatMap((page) => page.imports) ?? [];

  return (
    <>
      <Table<ImportHistoryEntry>
        data-testid="import-history"
        size="small"
        rowKey="id"
        loading={history.isPending}
        pagination={false}
        dataSource={entries}
        locale={{ emptyText: <NoData text={t("imports.history.empty")} /> }}
        columns={[
          {
            title: t("imports.history.at"),
            dataIndex: "createdAt",
            width: 170,
            render: (at: string) => dateTime(at, timeZone),
          },
          {
            title: t("imports.history.by"),
            key: "by",
            render: (_, entry) => entry.by?.name ?? entry.by?.username ?? t("common.none"),
          },
          { title: t("imports.history.file"), dataIndex: "file", ellipsis: true },
          {
            title: t("imports.history.entity"),
            dataIndex: "entity",
            render: (entity: string) => t(`imports.entities.${entity}`, { defaultValue: entity }),
          },
          {
            title: t("imports.history.rows"),
            key: "rows",
            render: (_, entry) =>
              entry.rows ? (
                <span>
                  {t("imports.history.rowsSummary", {
                    inserted: decimal(entry.rows.inserted, 0),
                    updated: decimal(entry.rows.updated, 0),
                    rejected: decimal(entry.rows.rejected, 0),
                  })}
                </span>
              ) : (
                t("imports.history.rowsHidden")
              ),
          },
          {
            title: t("imports.history.status"),
            key: "status",
            render: (_, entry) => {
              const tag = (
                <Tag color={STATUS_COLORS[entry.status]}>{t(`imports.history.statuses.${entry.status}`)}</Tag>
              );
              return (
                <>
                  {entry.error?.detail ? <Tooltip title={entry.error.detail}>{tag}</Tooltip> : tag}
                  {entry.skipInvalid && (
                    <Typography.Text type="secondary">{t("imports.history.skipInvalid")}</Typography.Text>
                  )}
                </>
              );
            },
          },
        ]}
      />
      {history.hasNextPage && (
        <Button
          style={{ marginTop: 12 }}
          loading={history.isFetchingNextPage}
          onClick={() => history.fetchNextPage()}
          data-testid="history-more"
        >
          {t("imports.history.more")}
        </Button>
      )}
    </>
  );
}
