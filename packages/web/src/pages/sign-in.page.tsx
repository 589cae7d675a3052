/** Sign-in with email and password; a refusal shows the server's own explanation (problem `detail`). */
import { LockOutlined, MailOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError, api } from "../api/client.ts";
import type { Session } from "../api/types.ts";
import { useSession, useSignedIn } from "../auth/session.tsx";
import { currentLanguage, setLanguage } from "../i18n/i18n.ts";

interface Credentials {
  email: string;
  password: string;
}

/** Only a path inside the app: `next` comes from the URL and must not send the user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { signedIn } = useSignedIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get("next"));

  if (session.data) return <Navigate to={next} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<Session>("/auth/login", { method: "POST", body: values });
      signedIn(result);
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "#f0f2f5",
      }}
    >
      <Card style={{ width: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline" }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t("signIn.title")}
          </Typography.Title>
          <Button
            type="link"
            size="small"
            data-testid="language-switch"
            onClick={() => setLanguage(currentLanguage() === "en" ? "zh-CN" : "en")}
          >
            {t("header.switchTo")}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t("signIn.subtitle")}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="sign-in-error"
          />
        )}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="email"
            label={t("signIn.email")}
            rules={[{ required: true, message: t("signIn.emailRequired") }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" data-testid="email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("signIn.password")}
            rules={[{ required: true, message: t("signIn.passwordRequired") }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in">
            {t("signIn.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
