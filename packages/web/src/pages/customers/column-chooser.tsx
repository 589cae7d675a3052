/**
 * Which of the list's columns are shown, remembered per user (in this browser's storage, under the
 * user's id: another user signing in here has their own). The code column is always shown: it is
 * the row's link and what a selection is made of.
 */
import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Popover, Space, Typography } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

export const ALWAYS_SHOWN = "code";

const storageKey = (userId: number) => `custra.customers.hiddenColumns.${userId}`;

function storedHidden(userId: number): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "[]") as unknown;
    return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === "string") : [];
  } catch {
    return [];
  }
}

/** The hidden columns and a way to change them (stored at once). */
export function useHiddenColumns(userId: number) {
  const [hidden, setHiddenState] = useState<string[]>(() => storedHidden(userId));
  const setHidden = useCallback(
    (next: readonly string[]) => {
      const kept = next.filter((key) => key !== ALWAYS_SHOWN);
      setHiddenState(kept);
      try {
        localStorage.setItem(storageKey(userId), JSON.stringify(kept));
      } catch {
        // Storage switched off: the choice holds for this visit only.
      }
    },
    [userId],
  );
  return [hidden, setHidden] as const;
}

export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: readonly { key: string; title: string }[];
  hidden: readonly string[];
  onChange: (hidden: string[]) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const content = (
    <Space orientation="vertical" data-testid="column-chooser">
      <Typography.Text type="secondary">{t("customerList.columns.always")}</Typography.Text>
      {columns.map((column) => (
        <Checkbox
          key={column.key}
          data-testid={`column-${column.key}`}
          checked={column.key === ALWAYS_SHOWN || !hidden.includes(column.key)}
          disabled={column.key === ALWAYS_SHOWN}
          onChange={(event) =>
            onChange(
              event.target.checked ? hidden.filter((key) => key !== column.key) : [...hidden, column.key],
            )
          }
        >
          {column.title}
        </Checkbox>
      ))}
      <Button size="small" disabled={hidden.length === 0} onClick={() => onChange([])}>
        {t("customerList.columns.showAll")}
      </Button>
    </Space>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t("customerList.columns.title")}
      content={content}
      open={open}
      onOpenChange={setOpen}
    >
      <Button icon={<SettingOutlined />} data-testid="columns-button">
        {t("customerList.columns.button")}
      </Button>
    </Popover>
  );
}
