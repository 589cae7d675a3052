/**
 * 流失预警: the customers in the reader's scope whose latest analysis raised a warning or a
 * critical warning, highest risk first, with the reasons it found. The customer list answers it
 * (GET /customers?churnWarning=…&sort=churnRisk&order=desc), so the count and the list are the
 * customer list's own, filters and scope included.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import type { CustomerListItem, CustomerPage } from "../../api/types.ts";
import { day, percent } from "../../format/format.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import { CursorPager, useCursorPages } from "../cursor-pages.tsx";
import { GradeTag, SegmentLabel } from "../segment-tags.tsx";
import { useOwners } from "./owners.ts";

/** Short headers on one line. */
const nowrap = () => ({ style: { whiteSpace: "nowrap" as const } });

/** The levels that call for action (watch is only noted). */
export const WARNED_LEVELS = ["warning", "critical"] as const;
const PAGE_SIZE = 20;

export function ChurnWarnings() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const { owners, names } = useOwners();
  const [level, setLevel] = useState<string | undefined>(undefined);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  const query = {
    churnWarning: level === undefined ? [...WARNED_LEVELS] : [level],
    owner,
    sort: "churnRisk",
    order: "desc",
    limit: PAGE_SIZE,
  };
  const pages = useCursorPages(JSON.stringify(query));
  const warned = useQuery({
    queryKey: ["customers", language, "churn-warnings", query, pages.cursor ?? null],
    queryFn: ({ signal }) =>
      api<CustomerPage>("/customers", { query: { ...query, cursor: pages.cursor }, signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      size="small"
      data-testid="churn-warnings"
      title={
        <Space size="small" wrap>
          <span>{t("tasks.warnings.title")}</span>
          <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
            {t("tasks.warnings.subtitle")}
          </Typography.Text>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="warning-level"
          aria-label={t("tasks.warnings.level")}
          style={{ minWidth: 180 }}
          allowClear
          placeholder={t("tasks.warnings.allLevels")}
          value={level}
          onChange={(value?: string) => setLevel(value)}
          options={WARNED_LEVELS.map((code) => ({ value: code, label: t(`segments.warning.${code}`) }))}
        />
        <Select
          data-testid="warning-owner"
          aria-label={t("tasks.warnings.owner")}
          style={{ minWidth: 180 }}
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("tasks.board.allOwners")}
          value={owner}
          onChange={(value?: string) => setOwner(value)}
          options={[...owners]}
        />
      </Space>
      {warned.isError ? (
        <LoadFailed error={warned.error} onRetry={() => warned.refetch()} />
      ) : (
        <>
          <Table<CustomerListItem>
            size="small"
            rowKey="code"
            data-testid="warnings-table"
            loading={warned.isFetching}
            pagination={false}
            dataSource={[...(warned.data?.items ?? [])]}
            locale={{ emptyText: <NoData text={t("tasks.warnings.empty")} /> }}
            columns={[
              {
                key: "customer",
                title: t("tasks.warnings.customer"),
                render: (_, customer) => (
                  <Space size={4} style={{ whiteSpace: "nowrap" }}>
                    <Link to={`/customers/${encodeURIComponent(customer.code)}`}>{customer.code}</Link>
                    <Typography.Text
                      type="secondary"
                      ellipsis={{ tooltip: customer.name }}
                      style={{ maxWidth: 180 }}
                    >
                      {customer.name ?? ""}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: "grade",
                onHeaderCell: nowrap,
                title: t("customers.columns.grade"),
                dataIndex: "grade",
                render: (grade: string | null) => <GradeTag grade={grade} />,
              },
              {
                key: "level",
                onHeaderCell: nowrap,
                title: t("tasks.warnings.level"),
                dataIndex: "churnWarning",
                render: (code: string | null) => <SegmentLabel family="warning" code={code} />,
              },
              {
                key: "risk",
                onHeaderCell: nowrap,
                title: t("tasks.warnings.risk"),
                dataIndex: "churnRisk",
                align: "right",
                render: (risk: number | null) => percent(risk),
              },
              {
                key: "pAlive",
                onHeaderCell: nowrap,
                title: t("tasks.warnings.pAlive"),
                dataIndex: "pAlive",
                align: "right",
                render: (pAlive: number | null) => percent(pAlive),
              },
              {
                key: "lastPurchase",
                onHeaderCell: nowrap,
                title: t("tasks.warnings.lastPurchase"),
                dataIndex: "lastPurchase",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (value: string | null) => day(value),
              },
              {
                key: "owner",
                onHeaderCell: nowrap,
                title: t("tasks.warnings.owner"),
                dataIndex: "owner",
                onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                render: (value: string | null) =>
                  value === null ? t("common.none") : (names.get(value) ?? value),
              },
              {
                key: "reasons",
                title: t("tasks.warnings.reasons"),
                dataIndex: "churnReasons",
                render: (reasons: readonly string[]) => (
                  <Space size={4} wrap data-testid="warning-reasons">
                    {reasons.length === 0 ? (
                      <Typography.Text type="secondary">{t("tasks.warnings.noReasons")}</Typography.Text>
                    ) : (
                      reasons.map((reason) => (
                        <Tag key={reason} variant="filled" style={{ marginInlineEnd: 0 }}>
                          {t(`myDay.churnReason.${reason}`, { defaultValue: reason })}
                        </Tag>
                      ))
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <CursorPager
            pages={pages}
            total={warned.data?.total}
            nextCursor={warned.data?.nextCursor}
            testId="warnings"
          />
        </>
      )}
    </Card>
  );
}
