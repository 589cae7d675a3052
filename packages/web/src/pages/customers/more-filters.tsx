/**
 * The list's further filters: industry and region (the values offered are those the customers in
 * scope have, from GET /structure; any other can be typed), credit grade, the owner's department
 * (a tree: a department includes those below it), tags (typed: there is no list of tags) and the
 * registered and last-purchase day ranges.
 */
import { useQuery } from "@tanstack/react-query";
import { DatePicker, Select, TreeSelect } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { zhCN } from "../../i18n/zh-CN.ts";
import { DATE_RANGES, type DateRange, type MultiFilter } from "./list-params.ts";

interface StructureCells {
  readonly cells: readonly { readonly keys: readonly (string | null)[]; readonly customers: number }[];
}

interface Department {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
}

interface DepartmentNode {
  readonly value: string;
  readonly title: string;
  readonly children: DepartmentNode[];
}

/** The department tree as TreeSelect takes it (ids as text, as the URL holds them). */
function useDepartmentTree() {
  return useQuery({
    queryKey: ["departments"],
    queryFn: () => api<readonly Department[]>("/departments"),
    staleTime: 5 * 60_000,
    select: (departments) => {
      const children = (parentId: number | null): DepartmentNode[] =>
        departments
          .filter((department) => department.parentId === parentId)
          .map((department) => ({
            value: String(department.id),
            title: department.name,
            children: children(department.id),
          }));
      return children(null);
    },
  });
}

type Change = (changes: Record<string, string | readonly string[] | undefined>) => void;

/** The values of a customer field among the customers in scope, most common first. */
function useFieldValues(dimension: "industry" | "province") {
  return useQuery({
    queryKey: ["structure", dimension, "values"],
    queryFn: () => api<StructureCells>("/structure", { query: { by: [dimension] } }),
    staleTime: 5 * 60_000,
    select: (report) =>
      [...report.cells]
        .sort((a, b) => b.customers - a.customers)
        .map((cell) => cell.keys[0])
        .filter((key): key is string => typeof key === "string" && key !== ""),
  });
}

export function MoreFilters({ params, change }: { params: URLSearchParams; change: Change }) {
  const { t } = useTranslation();
  const industries = useFieldValues("industry");
  const regions = useFieldValues("province");
  const departments = useDepartmentTree();

  const multi = (
    name: MultiFilter,
    label: string,
    options: { value: string; label: string }[],
    typed: boolean,
    loading = false,
  ) => (
    <Select
      key={name}
      mode={typed ? "tags" : "multiple"}
      allowClear
      maxTagCount="responsive"
      placeholder={label}
      aria-label={label}
      data-testid={`filter-${name}`}
      style={{ minWidth: 160 }}
      loading={loading}
      value={params.getAll(name)}
      options={options}
      {...(options.length === 0 && typed ? { open: false, suffixIcon: null } : {})}
      onChange={(value: string[]) => change({ [name]: value })}
    />
  );
  const range = (name: DateRange) => {
    const [fromName, toName] = DATE_RANGES[name];
    const day = (value: string | null) => (value && dayjs(value).isValid() ? dayjs(value) : null);
    const label = t(`customerList.filters.${name}`);
    return (
      <DatePicker.RangePicker
        key={name}
        allowEmpty={[true, true]}
        aria-label={label}
        data-testid={`filter-${name}`}
        style={{ width: 320 }}
        placeholder={[`${label} · ${t("customerList.filters.from")}`, t("customerList.filters.to")]}
        value={[day(params.get(fromName)), day(params.get(toName))]}
        onChange={(dates: null | (Dayjs | null)[]) =>
          change({
            [fromName]: dates?.[0]?.format("YYYY-MM-DD"),
            [toName]: dates?.[1]?.format("YYYY-MM-DD"),
          })
        }
      />
    );
  };
  const asOptions = (values: readonly string[] | undefined) =>
    (values ?? []).map((value) => ({ value, label: value }));
  return (
    <>
      {multi(
        "industry",
        t("customerList.filters.industry"),
        asOptions(industries.data),
        true,
        industries.isPending,
      )}
      {multi("region", t("customerList.filters.region"), asOptions(regions.data), true, regions.isPending)}
      {multi(
        "creditGrade",
        t("customerList.filters.creditGrade"),
        Object.keys(zhCN.segments.credit).map((code) => ({
          value: code,
          label: t(`segments.credit.${code}`),
        })),
        false,
      )}
      <TreeSelect
        multiple
        allowClear
        treeDefaultExpandAll
        maxTagCount="responsive"
        placeholder={t("customerList.filters.department")}
        aria-label={t("customerList.filters.department")}
        data-testid="filter-department"
        style={{ minWidth: 180 }}
        loading={departments.isPending}
        treeData={departments.data ?? []}
        value={params.getAll("department")}
        onChange={(value: string[]) => change({ department: value })}
      />
      {multi("tags", t("customerList.filters.tags"), [], true)}
      {range("registered")}
      {range("lastPurchase")}
    </>
  );
}
