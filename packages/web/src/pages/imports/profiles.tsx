/**
 * Import profiles saved on the server (GET/PUT /imports/profiles): one is picked to read the file
 * by (the server applies it under the user's own column choices), and the mapping as it stands is
 * saved under a name, as the profile's next version, for the next file of the same source.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { ProfileDocument, StoredProfile } from "./imports.types.ts";

/** As the server checks profile names (import.schemas.ts profileNameSchema). */
const PROFILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

export function useProfiles(entity: string) {
  return useQuery({
    queryKey: ["import-profiles", entity],
    queryFn: ({ signal }) => api<StoredProfile[]>("/imports/profiles", { query: { entity }, signal }),
  });
}

export function ProfilePicker({
  entity,
  disabled,
  value,
  onChange,
}: {
  entity: string;
  disabled: boolean;
  value: string | undefined;
  onChange: (name: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const profiles = useProfiles(entity);
  return (
    <Select
      data-testid="profile-picker"
      style={{ minWidth: 220 }}
      allowClear
      disabled={disabled}
      placeholder={t("imports.file.profileNone")}
      loading={profiles.isPending}
      value={value}
      onChange={(name?: string) => onChange(name)}
      options={(profiles.data ?? []).map((profile) => ({
        value: profile.name,
        label: t("imports.file.profileVersion", { name: profile.name, version: profile.version }),
      }))}
    />
  );
}

/**
 * The profile document for the mapping as it stands: the columns chosen by hand (the profile's the
 * file was read with, then the user's; a "" leaves a column out) and the date format, over what
 * that profile says besides (value maps, defaults). Columns the headers name are left to be
 * recognised again: a later file without one of them is then no error.
 */
function profileOf(
  userMap: Readonly<Record<string, string>>,
  base: ProfileDocument | undefined,
  dateFormat: string | undefined,
): ProfileDocument {
  return {
    ...base,
    columns: { ...base?.columns, ...userMap },
    ...(dateFormat ? { date_format: dateFormat } : {}),
  };
}

export function SaveProfile({
  entity,
  userMap,
  profileName,
  dateFormat,
  onSaved,
}: {
  entity: string;
  userMap: Readonly<Record<string, string>>;
  profileName: string | undefined;
  dateFormat: string | undefined;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const profiles = useProfiles(entity);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const save = useMutation({
    mutationFn: (name: string) => {
      const base = profiles.data?.find((profile) => profile.name === profileName)?.profile;
      return api<StoredProfile>(`/imports/profiles/${encodeURIComponent(name)}`, {
        method: "PUT",
        body: { entity, profile: profileOf(userMap, base, dateFormat) },
      });
    },
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ["import-profiles", entity] });
      message.success(t("imports.file.profileSaved", { name: saved.name, version: saved.version }));
      setOpen(false);
      onSaved(saved.name);
    },
  });

  return (
    <>
      <Button
        onClick={() => {
          form.setFieldsValue({ name: profileName ?? "" });
          setOpen(true);
        }}
        data-testid="profile-save"
      >
        {t("imports.file.saveProfile")}
      </Button>
      <Modal
        open={open}
        title={t("imports.file.saveProfile")}
        okText={t("imports.file.save")}
        cancelText={t("imports.file.cancel")}
        confirmLoading={save.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ name }) => save.mutate(name.trim())}
          data-testid="profile-form"
        >
          <Form.Item
            name="name"
            label={t("imports.file.profileName")}
            extra={t("imports.file.profileNameHint")}
            rules={[
              { required: true, pattern: PROFILE_NAME, message: t("imports.file.profileNameInvalid") },
              { max: 100, message: t("imports.file.profileNameInvalid") },
            ]}
          >
            <Input data-testid="profile-name" autoFocus />
          </Form.Item>
        </Form>
        {save.isError && <div style={{ color: "#ff4d4f" }}>{save.error.message}</div>}
      </Modal>
    </>
  );
}
