import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** An address the workbench has no page for. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.detail")}
      extra={
        <Link to="/customers">
          <Button type="primary">{t("notFound.back")}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}
