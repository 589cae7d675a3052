/**
 * 设置 / 部门 (manageUsers): the department tree over /api/v1/departments, each with its members'
 * count. A department picked in the tree is renamed or moved under another (never under itself or
 * one below it), gets a sub-department, or is deleted; the server refuses to delete one that still
 * has members or sub-departments, and says so. Its members (those below included) are listed.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Table,
  Tree,
  TreeSelect,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import type { Department, OrgUser } from "./org.types.ts";
import {
  departmentPath,
  departmentTree,
  useDepartments,
  useOrgChanged,
  useRoleLabel,
  userLabel,
} from "./org-data.ts";
import { clearedOnChange, Refusal, useRefusals } from "./refusals.tsx";
import { addOrgTexts } from "./texts.ts";

addOrgTexts();

/** TreeSelect's value for "no parent": ids start at 1. */
const TOP = 0;

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const [selected, setSelected] = useState<number | null>(null);
  /** The departments opened in the tree; null: all of them (as it first shows). */
  const [expanded, setExpanded] = useState<readonly number[] | null>(null);
  const [addingTop, setAddingTop] = useState(false);
  if (departments.isPending) return <PageLoading />;
  if (departments.isError)
    return <LoadFailed error={departments.error} onRetry={() => departments.refetch()} />;
  const list = departments.data;
  const current = list.find((department) => department.id === selected);
  const open = (id: number) =>
    setExpanded((keys) => [...new Set([...(keys ?? list.map((department) => department.id)), id])]);

  return (
    <Card
      title={t("org.departments.title")}
      data-testid="departments"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAddingTop(true)} data-testid="department-add-top">
          {t("org.departments.addTop")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("org.departments.subtitle")}</Typography.Paragraph>
      <Row gutter={24}>
        <Col xs={24} lg={9}>
          <Typography.Title level={5}>{t("org.departments.tree")}</Typography.Title>
          {list.length === 0 ? (
            <NoData text={t("org.departments.empty")} />
          ) : (
            <Tree<ReturnType<typeof departmentTree>[number]>
              blockNode
              showLine
              treeData={departmentTree(list)}
              expandedKeys={[...(expanded ?? list.map((department) => department.id))]}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              selectedKeys={selected === null ? [] : [selected]}
              onSelect={(keys) => setSelected(keys.length > 0 ? Number(keys[0]) : null)}
              titleRender={(node) => {
                const department = list.find((candidate) => candidate.id === node.key);
                return (
                  <span data-testid={`department-${node.key}`}>
                    {node.title}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {t("org.departments.members", { count: department?.members ?? 0 })}
                    </Typography.Text>
                  </span>
                );
              }}
              data-testid="department-tree"
            />
          )}
        </Col>
        <Col xs={24} lg={15}>
          {current ? (
            <DepartmentDetails
              key={current.id}
              department={current}
              departments={list}
              onAdded={() => open(current.id)}
              onDeleted={() => setSelected(current.parentId)}
            />
          ) : (
            <NoData text={t("org.departments.pick")} />
          )}
        </Col>
      </Row>
      {addingTop ? (
        <AddTopDepartment
          onClose={(added) => {
            setAddingTop(false);
            if (added) setSelected(added.id);
          }}
        />
      ) : null}
    </Card>
  );
}

interface EditValues {
  readonly name: string;
  readonly parentId: number;
}

/** One department: what it is, its changes, a sub-department, its deletion and its members. */
function DepartmentDetails({
  department,
  departments,
  onAdded,
  onDeleted,
}: {
  department: Department;
  departments: readonly Department[];
  onAdded: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useOrgChanged();
  const roleLabel = useRoleLabel();
  const [edit] = Form.useForm<EditValues>();
  const [add] = Form.useForm<{ name: string }>();
  const editRefusals = useRefusals(edit, { name: "name", department: "parentId", parentId: "parentId" });
  const addRefusals = useRefusals(add, { name: "name" });
  const [deleteFailure, setDeleteFailure] = useState<unknown>(null);
  const children = departments.filter((candidate) => candidate.parentId === department.id);
  const members = useQuery({
    queryKey: ["users", { departmentId: department.id }],
    queryFn: ({ signal }) => api<OrgUser[]>("/users", { query: { departmentId: department.id }, signal }),
  });

  const save = useMutation({
    mutationFn: (values: EditValues) =>
      api<Department>(`/departments/${department.id}`, {
        method: "PATCH",
        body: { name: values.name, parentId: values.parentId === TOP ? null : values.parentId },
      }),
    onSuccess: async (saved) => {
      message.success(t("org.departments.done.updated", { name: saved.name }));
      await changed();
    },
    onError: editRefusals.onError,
  });
  const addChild = useMutation({
    mutationFn: (values: { name: string }) =>
      api<Department>("/departments", {
        method: "POST",
        body: { name: values.name, parentId: department.id },
      }),
    onSuccess: async (added) => {
      message.success(t("org.departments.done.created", { name: added.name }));
      add.resetFields();
      onAdded();
      await changed();
    },
    onError: addRefusals.onError,
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/departments/${department.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      message.success(t("org.departments.done.deleted", { name: department.name }));
      onDeleted();
      await changed();
    },
    onError: setDeleteFailure,
  });
  const nameRule = { required: true, whitespace: true, message: t("org.departments.nameRequired") };

  return (
    <div data-testid="department-details">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: "name", label: t("org.departments.details.name"), children: department.name },
          {
            key: "parent",
            label: t("org.departments.details.parent"),
            children: departmentPath(departments, department.parentId) ?? t("org.common.topLevel"),
          },
          {
            key: "members",
            label: t("org.departments.details.members"),
            children: <span data-testid="department-members">{department.members}</span>,
          },
          { key: "children", label: t("org.departments.details.children"), children: children.length },
        ]}
      />
      <Divider titlePlacement="start">{t("org.departments.edit")}</Divider>
      <Refusal error={editRefusals.failure} title={t("org.common.failed")} testId="department-edit-failed" />
      <Form<EditValues>
        form={edit}
        name="department"
        layout="vertical"
        initialValues={{ name: department.name, parentId: department.parentId ?? TOP }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearedOnChange(edit)}
      >
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t("org.departments.details.name")} rules={[nameRule]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="parentId"
              label={t("org.departments.move")}
              extra={t("org.departments.moveHint")}
            >
              <TreeSelect
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: "title" }}
                treeData={[
                  { value: TOP, key: TOP, title: t("org.common.topLevel"), children: [] },
                  // Not under itself, nor under one below it: the server would refuse (ACCESS_CYCLE).
                  ...departmentTree(departments, { disabled: new Set([department.id]) }),
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="department-save">
                {t("org.common.save")}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Divider titlePlacement="start">{t("org.departments.add")}</Divider>
      <Refusal error={addRefusals.failure} title={t("org.common.failed")} testId="department-add-failed" />
      <Form<{ name: string }>
        form={add}
        name="subDepartment"
        layout="inline"
        onFinish={(values) => addChild.mutate(values)}
      >
        <Form.Item name="name" rules={[nameRule]}>
          <Input maxLength={200} placeholder={t("org.departments.addName")} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item>
          <Button
            icon={<PlusOutlined />}
            htmlType="submit"
            loading={addChild.isPending}
            data-testid="department-add"
          >
            {t("org.departments.add")}
          </Button>
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t("org.departments.delete")}</Divider>
      <Refusal
        error={deleteFailure}
        title={t("org.departments.deleteFailed")}
        testId="department-delete-failed"
      />
      <Space>
        <Popconfirm
          title={t("org.departments.deleteConfirm", { name: department.name })}
          onConfirm={() => {
            setDeleteFailure(null);
            return remove.mutateAsync().catch(() => {});
          }}
          okButtonProps={{ danger: true, "data-testid": "department-delete-confirm" }}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="department-delete">
            {t("org.departments.delete")}
          </Button>
        </Popconfirm>
        <Typography.Text type="secondary">{t("org.departments.deleteHint")}</Typography.Text>
      </Space>
      <Divider titlePlacement="start">{t("org.departments.membersTitle")}</Divider>
      {members.isError ? (
        <LoadFailed error={members.error} onRetry={() => members.refetch()} />
      ) : (
        <Table<OrgUser>
          rowKey="id"
          size="small"
          loading={members.isPending}
          dataSource={members.data ?? []}
          locale={{ emptyText: <NoData text={t("org.departments.noMembers")} /> }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="department-members-table"
          columns={[
            { title: t("org.users.columns.name"), key: "name", render: (_, user) => userLabel(user) },
            { title: t("org.users.columns.username"), dataIndex: "username" },
            {
              title: t("org.users.columns.role"),
              dataIndex: "role",
              render: (role: string | null) => roleLabel(role),
            },
            {
              title: t("org.users.columns.department"),
              dataIndex: "departmentId",
              render: (id: number | null) => departmentPath(departments, id),
            },
          ]}
        />
      )}
    </div>
  );
}

/** A department at the top of the tree. */
function AddTopDepartment({ onClose }: { onClose: (added: Department | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useOrgChanged();
  const [form] = Form.useForm<{ name: string }>();
  const refusals = useRefusals(form, { name: "name" });
  const add = useMutation({
    mutationFn: (values: { name: string }) =>
      api<Department>("/departments", { method: "POST", body: values }),
    onSuccess: async (added) => {
      message.success(t("org.departments.done.created", { name: added.name }));
      onClose(added);
      await changed();
    },
    onError: refusals.onError,
  });
  return (
    <Modal
      open
      title={t("org.departments.addTop")}
      okText={t("org.common.create")}
      cancelText={t("org.common.cancel")}
      okButtonProps={{ loading: add.isPending, "data-testid": "department-top-submit" }}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
    >
      <Refusal error={refusals.failure} title={t("org.common.failed")} testId="department-top-failed" />
      <Form<{ name: string }>
        form={form}
        name="topDepartment"
        layout="vertical"
        onFinish={(values) => add.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t("org.departments.addTopName")}
          rules={[{ required: true, whitespace: true, message: t("org.departments.nameRequired") }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
