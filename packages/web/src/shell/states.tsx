/** Loading, error and empty states, the same on every page. */
import { Alert, Button, Empty, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: "center" }} data-testid="loading">
      <Spin description={t("common.loading")} />
    </div>
  );
}

/** A failed load: the server's own explanation (its problem `detail`) and a retry. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = error instanceof ApiError ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t("common.loadFailed")}
      description={detail}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
      style={{ margin: 24 }}
      data-testid="load-failed"
    />
  );
}

export function NoData({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t("common.empty")} />;
}
