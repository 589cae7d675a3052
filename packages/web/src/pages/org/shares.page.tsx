/**
 * 设置 / 客户共享 (manageUsers): the company's customer shares over GET /api/v1/customer-shares,
 * filtered on the server (customer, the user or department shared with, access, in force or
 * expired) in cursor pages with their total. A share is made with a user or a department, read-only
 * or editable, until a day (POST /customers/{code}/shares) and ended (DELETE …/shares/{id}).
 */
import { ApartmentOutlined, PlusOutlined, UserOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client.ts";
import { useCompanySettings } from "../../api/queries.ts";
import type { CustomerPage } from "../../api/types.ts";
import { dateTime, day } from "../../format/format.ts";
import { LoadFailed, NoData } from "../../shell/states.tsx";
import { CursorPager, useCursorPages } from "../cursor-pages.tsx";
import type { CompanyShare, CompanySharePage } from "./org.types.ts";
import { departmentTree, useAllUsers, useDepartments, useOrgChanged, userLabel } from "./org-data.ts";
import { clearedOnChange, Refusal, useRefusals } from "./refusals.tsx";
import { addOrgTexts } from "./texts.ts";

addOrgTexts();

const PAGE_SIZE = 20;

interface Filters {
  readonly search?: string;
  readonly userId?: number;
  readonly departmentId?: number;
  readonly access?: "read" | "write";
  readonly expired?: "true" | "false";
}

/** Whom a share is with: a user or a department, by name. */
function targetOf(share: Pick<CompanyShare, "userId" | "userName" | "departmentName">): string {
  return (share.userId !== null ? share.userName : share.departmentName) ?? "";
}

export default function SharesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useOrgChanged();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages(JSON.stringify(filters));
  const users = useAllUsers().data ?? [];
  const departments = useDepartments().data ?? [];
  const shares = useQuery({
    queryKey: ["customer-shares", filters, pages.cursor],
    queryFn: ({ signal }) =>
      api<CompanySharePage>("/customer-shares", {
        query: { ...filters, limit: PAGE_SIZE, cursor: pages.cursor },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (share: CompanyShare) =>
      api<void>(`/customers/${encodeURIComponent(share.customerCode)}/shares/${share.id}`, {
        method: "DELETE",
      }),
    onSuccess: async () => {
      message.success(t("org.shares.removed"));
      await changed();
    },
    onError: (error) => message.error(error.message),
  });
  const filter = (changes: Partial<Filters>) => setFilters((old) => ({ ...old, ...changes }));

  return (
    <Card
      title={t("org.shares.title")}
      data-testid="shares"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="share-create"
        >
          {t("org.shares.create")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("org.shares.subtitle")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={search}
          placeholder={t("org.shares.search")}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => filter({ search: value.trim() || undefined })}
          style={{ width: 260 }}
          data-testid="shares-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("org.shares.filters.user")}
          value={filters.userId}
          onChange={(userId?: number) => filter({ userId })}
          options={users.map((user) => ({ value: user.id, label: userLabel(user) }))}
          style={{ width: 180 }}
          data-testid="shares-filter-user"
        />
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          placeholder={t("org.shares.filters.department")}
          value={filters.departmentId}
          onChange={(departmentId?: number) => filter({ departmentId })}
          treeData={departmentTree(departments)}
          style={{ width: 230 }}
          data-testid="shares-filter-department"
        />
        <Select
          allowClear
          placeholder={t("org.shares.filters.access")}
          value={filters.access}
          onChange={(access?: "read" | "write") => filter({ access })}
          options={(["read", "write"] as const).map((access) => ({
            value: access,
            label: t(`org.shares.access.${access}`),
          }))}
          style={{ width: 140 }}
          data-testid="shares-filter-access"
        />
        <Select
          allowClear
          placeholder={t("org.shares.filters.status")}
          value={filters.expired}
          onChange={(expired?: "true" | "false") => filter({ expired })}
          options={[
            { value: "false", label: t("org.shares.status.active") },
            { value: "true", label: t("org.shares.status.expired") },
          ]}
          style={{ width: 130 }}
          data-testid="shares-filter-status"
        />
        <Button
          onClick={() => {
            setSearch("");
            setFilters({});
          }}
          data-testid="shares-clear"
        >
          {t("org.common.clear")}
        </Button>
      </Space>
      {shares.isError ? (
        <LoadFailed error={shares.error} onRetry={() => shares.refetch()} />
      ) : (
        <>
          <Table<CompanyShare>
            rowKey="id"
            size="middle"
            loading={shares.isFetching}
            dataSource={[...(shares.data?.items ?? [])]}
            locale={{ emptyText: <NoData text={t("org.shares.empty")} /> }}
            pagination={false}
            data-testid="shares-table"
            columns={[
              {
                title: t("org.shares.columns.customer"),
                key: "customer",
                render: (_, share) => (
                  <Link to={`/customers/${encodeURIComponent(share.customerCode)}`}>
                    <Typography.Text code>{share.customerCode}</Typography.Text> {share.customerName ?? ""}
                  </Link>
                ),
              },
              {
                title: t("org.shares.columns.target"),
                key: "target",
                render: (_, share) => (
                  <Space size={6}>
                    {share.userId !== null ? <UserOutlined /> : <ApartmentOutlined />}
                    {targetOf(share)}
                  </Space>
                ),
              },
              {
                title: t("org.shares.columns.access"),
                dataIndex: "access",
                render: (access: CompanyShare["access"]) => (
                  <Tag color={access === "write" ? "orange" : "blue"}>{t(`org.shares.access.${access}`)}</Tag>
                ),
              },
              {
                title: t("org.shares.columns.until"),
                dataIndex: "until",
                render: (until: string | null) => (until ? day(until) : t("org.shares.forever")),
              },
              {
                title: t("org.shares.columns.status"),
                dataIndex: "expired",
                render: (expired: boolean) => (
                  <Tag color={expired ? "default" : "green"} data-testid="share-status">
                    {t(expired ? "org.shares.status.expired" : "org.shares.status.active")}
                  </Tag>
                ),
              },
              { title: t("org.shares.columns.createdBy"), dataIndex: "createdBy" },
              {
                title: t("org.shares.columns.createdAt"),
                dataIndex: "createdAt",
                render: (value: string) => dateTime(value, timeZone),
              },
              {
                title: t("org.shares.columns.actions"),
                key: "actions",
                render: (_, share) => (
                  <Popconfirm
                    title={t("org.shares.removeConfirm", {
                      customer: share.customerName ?? share.customerCode,
                      target: targetOf(share),
                    })}
                    onConfirm={() => remove.mutateAsync(share).catch(() => {})}
                    okButtonProps={{ danger: true, "data-testid": "share-remove-confirm" }}
                  >
                    <Button type="link" size="small" danger data-testid="share-remove">
                      {t("org.shares.remove")}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <CursorPager
            pages={pages}
            total={shares.data?.total}
            nextCursor={shares.data?.nextCursor}
            testId="shares"
          />
        </>
      )}
      {creating ? (
        <ShareForm
          onClose={async (made) => {
            setCreating(false);
            if (made) await changed();
          }}
        />
      ) : null}
    </Card>
  );
}

interface ShareValues {
  readonly customer: string;
  readonly target: "user" | "department";
  readonly userId?: number;
  readonly departmentId?: number;
  readonly access: "read" | "write";
  readonly until?: Dayjs | null;
}

const SHARE_FIELDS = {
  customer: "customer",
  user: "userId",
  userId: "userId",
  department: "departmentId",
  departmentId: "departmentId",
  access: "access",
  until: "until",
};

/** A new share: a customer (searched on the server), with whom, how, and until when. */
function ShareForm({ onClose }: { onClose: (made: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShareValues>();
  const refusals = useRefusals(form, SHARE_FIELDS);
  const [typed, setTyped] = useState("");
  const target = Form.useWatch("target", form) ?? "user";
  const users = useAllUsers().data ?? [];
  const departments = useDepartments().data ?? [];
  const customers = useQuery({
    queryKey: ["customers", "pick", typed],
    queryFn: ({ signal }) =>
      api<CustomerPage>("/customers", { query: { search: typed || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
  const share = useMutation({
    mutationFn: (values: ShareValues) =>
      api<CompanyShare>(`/customers/${encodeURIComponent(values.customer)}/shares`, {
        method: "POST",
        body: {
          ...(values.target === "user" ? { userId: values.userId } : { departmentId: values.departmentId }),
          access: values.access,
          ...(values.until ? { until: values.until.format("YYYY-MM-DD") } : {}),
        },
      }),
    onSuccess: (_, values) => {
      const customer = customers.data?.items.find((item) => item.code === values.customer);
      const user = users.find((candidate) => candidate.id === values.userId);
      const target =
        values.target === "user"
          ? user && userLabel(user)
          : departments.find((department) => department.id === values.departmentId)?.name;
      message.success(
        t("org.shares.done.created", { customer: customer?.name ?? values.customer, target: target ?? "" }),
      );
      onClose(true);
    },
    onError: refusals.onError,
  });
  const pick = { required: true, message: t("org.shares.form.targetRequired") };

  return (
    <Modal
      open
      title={t("org.shares.form.title")}
      okText={t("org.shares.form.submit")}
      cancelText={t("org.common.cancel")}
      okButtonProps={{ loading: share.isPending, "data-testid": "share-submit" }}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      width={560}
    >
      <Refusal error={refusals.failure} title={t("org.shares.form.failed")} testId="share-failed" />
      <Form<ShareValues>
        form={form}
        name="share"
        layout="vertical"
        initialValues={{ target: "user", access: "read" }}
        onFinish={(values) => share.mutate(values)}
        onValuesChange={clearedOnChange(form)}
      >
        <Form.Item
          name="customer"
          label={t("org.shares.form.customer")}
          rules={[{ required: true, message: t("org.shares.form.customerRequired") }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t("org.shares.form.customerSearch")}
            loading={customers.isFetching}
            notFoundContent={<NoData />}
            options={(customers.data?.items ?? []).map((item) => ({
              value: item.code,
              label: `${item.code} · ${item.name ?? ""}`,
            }))}
            data-testid="share-customer"
          />
        </Form.Item>
        <Form.Item name="target" label={t("org.shares.form.target")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "user", label: t("org.shares.form.toUser") },
              { value: "department", label: t("org.shares.form.toDepartment") },
            ]}
          />
        </Form.Item>
        {target === "user" ? (
          <Form.Item name="userId" label={t("org.shares.form.user")} rules={[pick]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={users
                .filter((user) => user.active)
                .map((user) => ({ value: user.id, label: `${userLabel(user)} (${user.username})` }))}
              data-testid="share-user"
            />
          </Form.Item>
        ) : (
          <Form.Item name="departmentId" label={t("org.shares.form.department")} rules={[pick]}>
            <TreeSelect
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: "title" }}
              treeData={departmentTree(departments)}
              data-testid="share-department"
            />
          </Form.Item>
        )}
        <Form.Item name="access" label={t("org.shares.form.access")}>
          <Radio.Group
            options={(["read", "write"] as const).map((access) => ({
              value: access,
              label: t(`org.shares.access.${access}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="until" label={t("org.shares.form.until")} extra={t("org.shares.form.untilHint")}>
          <DatePicker
            style={{ width: "100%" }}
            disabledDate={(date) => date.isBefore(dayjs().startOf("day"))}
            data-testid="share-until"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
