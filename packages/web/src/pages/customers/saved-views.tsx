/**
 * The user's saved views of the customer list (GET/POST/PATCH/DELETE /api/v1/saved-views, page
 * "customers"): the URL's filters and sort and the columns shown, under a name. Opening one sets
 * the URL and the columns; the one opened last can be overwritten with what is shown now, renamed
 * or deleted. A name the user already has is the server's 409, shown as its own words.
 */
import { DownOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, type ButtonProps, Dropdown, Form, Input, Modal, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";

export interface SavedView {
  readonly id: number;
  readonly page: string;
  readonly name: string;
  readonly state: Record<string, unknown>;
}

const VIEWS_KEY = ["saved-views", "customers"] as const;

type Dialog = { kind: "save" } | { kind: "rename"; view: SavedView } | null;

export function SavedViews({
  currentState,
  onOpen,
}: {
  /** What a view saved now would keep. */
  currentState: () => Record<string, unknown>;
  onOpen: (view: SavedView) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [currentId, setCurrentId] = useState<number | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ name: string }>();

  const views = useQuery({
    queryKey: VIEWS_KEY,
    queryFn: () => api<SavedView[]>("/saved-views", { query: { page: "customers" } }),
  });
  const current = views.data?.find((view) => view.id === currentId);
  const refresh = () => client.invalidateQueries({ queryKey: VIEWS_KEY });
  const detail = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

  const save = useMutation({
    mutationFn: (name: string) =>
      api<SavedView>("/saved-views", {
        method: "POST",
        body: { page: "customers", name, state: currentState() },
      }),
  });
  const update = useMutation({
    mutationFn: ({ id, ...changes }: { id: number; name?: string; state?: Record<string, unknown> }) =>
      api<SavedView>(`/saved-views/${id}`, { method: "PATCH", body: changes }),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/saved-views/${id}`, { method: "DELETE" }),
  });

  const submitName = async () => {
    const { name } = await form.validateFields();
    try {
      if (dialog?.kind === "rename") {
        const view = await update.mutateAsync({ id: dialog.view.id, name });
        message.success(t("customerList.views.renamed", { name: view.name }));
      } else {
        const view = await save.mutateAsync(name);
        setCurrentId(view.id);
        message.success(t("customerList.views.saved", { name: view.name }));
      }
      setDialog(null);
      await refresh();
    } catch (error) {
      // 409 (the name is taken) and any other refusal: the server's words, under the name field.
      form.setFields([{ name: "name", errors: [detail(error)] }]);
    }
  };

  const overwrite = async (view: SavedView) => {
    try {
      await update.mutateAsync({ id: view.id, state: currentState() });
      message.success(t("customerList.views.overwritten", { name: view.name }));
      await refresh();
    } catch (error) {
      message.error(detail(error));
    }
  };

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t("customerList.views.deleteConfirm", { name: view.name }),
      okText: t("customerList.views.delete"),
      okButtonProps: { danger: true, "data-testid": "view-delete-ok" } as ButtonProps,
      cancelText: t("customerList.views.cancel"),
      onOk: async () => {
        try {
          await remove.mutateAsync(view.id);
          if (currentId === view.id) setCurrentId(undefined);
          message.success(t("customerList.views.deleted", { name: view.name }));
          await refresh();
        } catch (error) {
          message.error(detail(error));
        }
      },
    });

  const openDialog = (next: Exclude<Dialog, null>) => {
    form.resetFields();
    form.setFieldsValue({ name: next.kind === "rename" ? next.view.name : "" });
    setDialog(next);
  };

  return (
    <Space.Compact>
      <Select
        data-testid="saved-views"
        aria-label={t("customerList.views.placeholder")}
        placeholder={t("customerList.views.placeholder")}
        style={{ width: 200 }}
        loading={views.isPending}
        status={views.isError ? "error" : undefined}
        value={current?.id}
        notFoundContent={
          views.isError
            ? t("customerList.views.loadFailed", { detail: detail(views.error) })
            : t("customerList.views.none")
        }
        options={(views.data ?? []).map((view) => ({ value: view.id, label: view.name }))}
        // onSelect, not onChange: choosing the view already chosen opens it again (its filters back).
        onSelect={(id: number) => {
          const view = views.data?.find((candidate) => candidate.id === id);
          if (!view) return;
          setCurrentId(id);
          onOpen(view);
        }}
      />
      <Dropdown
        trigger={["click"]}
        menu={{
          items: [
            { key: "save", label: t("customerList.views.save") },
            { key: "overwrite", label: t("customerList.views.overwrite"), disabled: !current },
            { key: "rename", label: t("customerList.views.rename"), disabled: !current },
            { key: "delete", label: t("customerList.views.delete"), disabled: !current, danger: true },
          ],
          onClick: ({ key }) => {
            if (key === "save") openDialog({ kind: "save" });
            else if (current && key === "overwrite") void overwrite(current);
            else if (current && key === "rename") openDialog({ kind: "rename", view: current });
            else if (current && key === "delete") confirmDelete(current);
          },
        }}
      >
        <Button data-testid="views-menu">
          {t("customerList.views.button")} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === "rename" ? t("customerList.views.renameTitle") : t("customerList.views.saveTitle")
        }
        okText={t("customerList.views.ok")}
        cancelText={t("customerList.views.cancel")}
        okButtonProps={{ "data-testid": "view-name-ok" } as ButtonProps}
        confirmLoading={save.isPending || update.isPending}
        onOk={() => void submitName().catch(() => {})}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={() => void submitName().catch(() => {})}>
          <Form.Item
            name="name"
            label={t("customerList.views.name")}
            rules={[{ required: true, whitespace: true, message: t("customerList.views.nameRequired") }]}
          >
            <Input maxLength={100} data-testid="view-name" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space.Compact>
  );
}
