import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A page the user's role may not open, reached by its URL. */
export default function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("forbidden.title")}
      subTitle={t("forbidden.detail")}
      extra={
        <Link to="/customers">
          <Button type="primary">{t("forbidden.back")}</Button>
        </Link>
      }
      data-testid="forbidden"
    />
  );
}
