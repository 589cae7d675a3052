/**
 * 客户 / Customers: the list over GET /api/v1/customers. Filters, search, sort and the page are the
 * server's (the list can be 100k customers); all of them live in the URL query, so a link opens
 * the same list. Cursor pages: the cursors of the pages before are kept in the history entry's
 * state, so "previous" and the browser's back button both work. The columns shown are the user's
 * (pages/customers/column-chooser.tsx), and so are the saved views (saved-views.tsx); readers who
 * may reassign select rows and give them to another owner, readers who may export download the
 * filtered list.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType, ColumnType, TableProps } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { api } from "../api/client.ts";
import { useCurrency, useLanguageKey, useSchemeGrades } from "../api/queries.ts";
import type { CustomerListItem, CustomerPage } from "../api/types.ts";
import { can, useCurrentUser } from "../auth/session.tsx";
import { day, money, percent } from "../format/format.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { LoadFailed, NoData } from "../shell/states.tsx";
import { ALWAYS_SHOWN, ColumnChooser, useHiddenColumns } from "./customers/column-chooser.tsx";
import { ExportButton } from "./customers/export-button.tsx";
import {
  FILTER_PARAMS,
  isFiltered,
  listQuery,
  viewColumns,
  viewParams,
  viewState,
} from "./customers/list-params.ts";
import { MoreFilters } from "./customers/more-filters.tsx";
import { ReassignButton } from "./customers/reassign.tsx";
import { SavedViews } from "./customers/saved-views.tsx";
import { addCustomerListTexts } from "./customers/texts.ts";
import { GradeTag, type SegmentFamily, SegmentLabel } from "./segment-tags.tsx";

addCustomerListTexts();

/** The list filters, as the API names them, and the label family of their values. */
const CODE_FILTERS = [
  ["valueTier", "valueTier"],
  ["lifecycle", "lifecycle"],
  ["rfmSegment", "rfm"],
  ["abcClass", "abc"],
  ["churnWarning", "warning"],
] as const satisfies readonly (readonly [string, SegmentFamily])[];
type ListFilter = "grade" | (typeof CODE_FILTERS)[number][0] | "owner";

/** The API's sorts (CUSTOMER_SORTS in packages/app) that have a column here. */
const SORTABLE = new Set(["code", "name", "registeredOn", "lastPurchase", "revenue", "clv", "pAlive"]);
const PAGE_SIZES = [20, 50, 100];

interface ListState {
  readonly trail?: readonly string[];
}

export default function CustomersPage() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const currency = useCurrency();
  const grades = useSchemeGrades();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const trail = (location.state as ListState | null)?.trail ?? [];
  const user = useCurrentUser();
  const mayReassign = can(user, "reassign");
  const mayExport = can(user, "export");
  const [hidden, setHidden] = useHiddenColumns(user.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [moreOpen, setMoreOpen] = useState(false);

  const filters = listQuery(params);
  const values = (name: ListFilter) => params.getAll(name);
  const search = params.get("search") ?? "";
  const sort = params.get("sort") ?? "code";
  const order = params.get("order") === "desc" ? "desc" : "asc";
  const cursor = params.get("cursor") ?? undefined;
  const limit = PAGE_SIZES.includes(Number(params.get("limit")))
    ? Number(params.get("limit"))
    : PAGE_SIZES[0]!;

  const list = useQuery({
    queryKey: ["customers", language, params.toString()],
    queryFn: ({ signal }) =>
      api<CustomerPage>("/customers", {
        query: { ...filters, sort, order, cursor, limit },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

  /** A new list: changed filters or sort start again at the first page. */
  const change = (changes: Record<string, string | readonly string[] | undefined>) => {
    const next = new URLSearchParams(params);
    next.delete("cursor");
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      if (Array.isArray(value)) for (const item of value) next.append(key, item);
      else if (typeof value === "string" && value !== "") next.set(key, value);
    }
    setParams(next, { state: { trail: [] } });
  };
  const goTo = (target: string | undefined, nextTrail: readonly string[]) => {
    const next = new URLSearchParams(params);
    if (target) next.set("cursor", target);
    else next.delete("cursor");
    setParams(next, { state: { trail: nextTrail } });
  };

  const onTableChange: TableProps<CustomerListItem>["onChange"] = (_pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = typeof one?.field === "string" ? one.field : undefined;
    if (!one?.order || !field) change({ sort: undefined, order: undefined });
    else change({ sort: field, order: one.order === "descend" ? "desc" : "asc" });
  };
  const sortable = (key: string): Partial<ColumnType<CustomerListItem>> =>
    SORTABLE.has(key)
      ? {
          sorter: true,
          sortOrder: sort === key ? (order === "desc" ? "descend" : "ascend") : null,
          sortDirections: ["ascend", "descend"],
        }
      : {};

  const allColumns: ColumnsType<CustomerListItem> = [
    {
      title: t("customers.columns.code"),
      dataIndex: "code",
      key: "code",
      // Fourteen columns outgrow a laptop screen: the code stays in view while the table scrolls.
      fixed: "left",
      ...sortable("code"),
      render: (code: string) => <Link to={`/customers/${encodeURIComponent(code)}`}>{code}</Link>,
    },
    {
      title: t("customers.columns.name"),
      dataIndex: "name",
      key: "name",
      ...sortable("name"),
    },
    {
      title: t("customers.columns.phone"),
      dataIndex: "phone",
      key: "phone",
      // As the API sends it: shown, masked (138****5678) or absent, per the reader's list rights.
      render: (phone: string | null) => phone ?? t("common.none"),
    },
    {
      title: t("customers.columns.grade"),
      dataIndex: "grade",
      key: "grade",
      render: (grade: string | null) => <GradeTag grade={grade} />,
    },
    ...CODE_FILTERS.map(([name, family]) => ({
      title: t(`customers.columns.${name}`),
      key: name,
      dataIndex: name === "lifecycle" ? "lifecycleStage" : name,
      render: (code: string | null) => <SegmentLabel family={family} code={code} />,
    })),
    {
      title: t("customers.columns.owner"),
      dataIndex: "owner",
      key: "owner",
      render: (owner: string | null) => owner ?? t("common.none"),
    },
    {
      title: t("customers.columns.revenue"),
      dataIndex: "revenue",
      key: "revenue",
      align: "right",
      ...sortable("revenue"),
      render: (value: number | null) => money(value, currency),
    },
    {
      title: t("customers.columns.clv"),
      dataIndex: "clv",
      key: "clv",
      align: "right",
      ...sortable("clv"),
      render: (value: number | null) => money(value, currency),
    },
    {
      title: t("customers.columns.pAlive"),
      dataIndex: "pAlive",
      key: "pAlive",
      align: "right",
      ...sortable("pAlive"),
      render: (value: number | null) => percent(value),
    },
    {
      title: t("customers.columns.lastPurchase"),
      dataIndex: "lastPurchase",
      key: "lastPurchase",
      ...sortable("lastPurchase"),
      render: (value: string | null) => day(value),
    },
    {
      title: t("customerList.columns.industry"),
      dataIndex: "industry",
      key: "industry",
      render: (value: string | null) => value ?? t("common.none"),
    },
    {
      title: t("customerList.columns.province"),
      dataIndex: "province",
      key: "province",
      render: (value: string | null) => value ?? t("common.none"),
    },
    {
      title: t("customerList.columns.creditGrade"),
      dataIndex: "creditGrade",
      key: "creditGrade",
      render: (code: string | null) => <SegmentLabel family="credit" code={code} />,
    },
    {
      title: t("customerList.columns.tags"),
      dataIndex: "tags",
      key: "tags",
      render: (tags: readonly string[] | undefined) =>
        tags && tags.length > 0 ? tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : t("common.none"),
    },
    {
      title: t("customerList.columns.registeredOn"),
      dataIndex: "registeredOn",
      key: "registeredOn",
      ...sortable("registeredOn"),
      render: (value: string | null) => day(value),
    },
  ];
  // Each cell carries its column's key as a class: tests and styles find a column by what it is,
  // not by a position that the selection column shifts.
  for (const column of allColumns) column.className = `col-${String(column.key)}`;
  const columnKeys = allColumns.map((column) => String(column.key));
  const columns = allColumns.filter(
    (column) => column.key === ALWAYS_SHOWN || !hidden.includes(String(column.key)),
  );

  const codeOptions = (family: SegmentFamily) =>
    Object.keys(zhCN.segments[family]).map((code) => ({
      value: code,
      label: t(`segments.${family}.${code}`),
    }));
  const gradeOptions = (grades.data ?? []).map((grade) => ({
    value: grade.code,
    label: grade.label[language] ?? grade.code,
  }));
  const filterSelect = (name: ListFilter, options: { value: string; label: string }[]) => (
    <Select
      key={name}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t(`customers.filters.${name}`)}
      aria-label={t(`customers.filters.${name}`)}
      data-testid={`filter-${name}`}
      style={{ minWidth: 150 }}
      value={values(name)}
      options={options}
      onChange={(value: string[]) => change({ [name]: value })}
    />
  );
  const filtered = isFiltered(params);
  const page = list.data;
  const moreSet = [
    "industry",
    "region",
    "creditGrade",
    "department",
    "tags",
    "registeredFrom",
    "registeredTo",
    "lastPurchaseFrom",
    "lastPurchaseTo",
  ].some((name) => params.has(name));

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Space wrap data-testid="customer-filters">
          <Input.Search
            key={`search-${search}`}
            allowClear
            defaultValue={search}
            placeholder={t("customers.search")}
            aria-label={t("customers.search")}
            data-testid="filter-search"
            style={{ width: 260 }}
            onSearch={(value) => change({ search: value.trim() })}
          />
          {filterSelect("grade", gradeOptions)}
          {CODE_FILTERS.map(([name, family]) => filterSelect(name, codeOptions(family)))}
          <Select
            mode="tags"
            allowClear
            open={false}
            suffixIcon={null}
            placeholder={t("customers.filters.owner")}
            aria-label={t("customers.filters.owner")}
            data-testid="filter-owner"
            style={{ minWidth: 150 }}
            value={values("owner")}
            onChange={(value: string[]) => change({ owner: value })}
          />
          {(moreOpen || moreSet) && <MoreFilters params={params} change={change} />}
          <Button type="link" data-testid="more-filters" onClick={() => setMoreOpen(!(moreOpen || moreSet))}>
            {moreOpen || moreSet ? t("customerList.filters.fewer") : t("customerList.filters.more")}
          </Button>
          {filtered && (
            <Button
              data-testid="reset-filters"
              onClick={() => {
                setMoreOpen(false);
                change(Object.fromEntries(FILTER_PARAMS.map((n) => [n, undefined])));
              }}
            >
              {t("customers.reset")}
            </Button>
          )}
        </Space>
        <div
          style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8 }}
          data-testid="customers-toolbar"
        >
          <Space wrap>
            <SavedViews
              currentState={() =>
                ({
                  ...viewState(
                    params,
                    columnKeys.filter((key) => !hidden.includes(key)),
                  ),
                }) as Record<string, unknown>
              }
              onOpen={(view) => {
                const shown = viewColumns(view.state, columnKeys);
                if (shown) setHidden(columnKeys.filter((key) => !shown.includes(key)));
                setParams(viewParams(view.state), { state: { trail: [] } });
              }}
            />
            {mayReassign && selected.length > 0 && (
              <>
                <Typography.Text data-testid="selected-count">
                  {t("customerList.reassign.selected", { count: selected.length })}
                </Typography.Text>
                <Button type="link" onClick={() => setSelected([])}>
                  {t("customerList.reassign.clear")}
                </Button>
              </>
            )}
          </Space>
          <Space wrap>
            {mayReassign && (
              <ReassignButton
                codes={selected}
                canListUsers={can(user, "manageUsers")}
                onDone={() => setSelected([])}
              />
            )}
            {mayExport && <ExportButton query={{ ...filters, sort, order }} />}
            <ColumnChooser
              columns={allColumns.map((column) => ({ key: String(column.key), title: String(column.title) }))}
              hidden={hidden}
              onChange={setHidden}
            />
          </Space>
        </div>
        {list.isError && <LoadFailed error={list.error} onRetry={() => list.refetch()} />}
        <Table<CustomerListItem>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          onChange={onTableChange}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: list.isPending ? " " : <NoData /> }}
          {...(mayReassign
            ? {
                rowSelection: {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys.map(String)),
                },
              }
            : {})}
          data-testid="customers-table"
        />
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <Typography.Text data-testid="customers-total">
            {page ? t("customers.total", { total: page.total }) : ""}
          </Typography.Text>
          <Space>
            <Button disabled={!cursor} onClick={() => goTo(undefined, [])}>
              {t("customers.firstPage")}
            </Button>
            <Button
              disabled={!cursor}
              data-testid="previous-page"
              onClick={() => goTo(trail.at(-1) || undefined, trail.slice(0, -1))}
            >
              {t("customers.previous")}
            </Button>
            <Button
              disabled={!page?.nextCursor}
              data-testid="next-page"
              onClick={() => goTo(page?.nextCursor ?? undefined, [...trail, cursor ?? ""])}
            >
              {t("customers.next")}
            </Button>
            <Select
              value={limit}
              aria-label={t("customers.pageSize", { size: limit })}
              options={PAGE_SIZES.map((size) => ({ value: size, label: t("customers.pageSize", { size }) }))}
              onChange={(value: number) => change({ limit: String(value) })}
            />
          </Space>
        </div>
      </Space>
    </Card>
  );
}
