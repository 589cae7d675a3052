/**
 * 导出: the filtered list (its filters, search and sort; every page of it) as a file through
 * GET /api/v1/exports/customers, CSV with a byte order mark (for Excel) or XLSX, in the reader's
 * language. Fetched rather than linked, so a refusal is shown as the server's words instead of
 * being saved as a file.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Dropdown } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, apiUrl, type Problem } from "../../api/client.ts";
import { currentLanguage } from "../../i18n/i18n.ts";

type Format = "csv" | "xlsx";

export function ExportButton({ query }: { query: Record<string, string | string[] | undefined> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async (format: Format) => {
    setBusy(true);
    try {
      const response = await fetch(apiUrl("/exports/customers", { ...query, format }), {
        credentials: "same-origin",
        headers: { "accept-language": currentLanguage() },
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as Problem | null;
        throw new ApiError(response.status, problem, `${response.status} ${response.statusText}`);
      }
      const file = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = `custra-customers.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled; the object URL can go after.
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      message.error(
        t("customerList.export.failed", { detail: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "csv", label: <span data-testid="export-csv">{t("customerList.export.csv")}</span> },
          { key: "xlsx", label: <span data-testid="export-xlsx">{t("customerList.export.xlsx")}</span> },
        ],
        onClick: ({ key }) => void download(key as Format),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-button">
        {t("customerList.export.button")}
      </Button>
    </Dropdown>
  );
}
