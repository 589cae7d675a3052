/**
 * The workbench's frame: side menu under the product's name, header (the company's name when its
 * settings have one, language, user) and breadcrumbs around the page.
 */
import { DownOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Breadcrumb, Button, Dropdown, Layout, Menu, Space, Typography, theme } from "antd";
import { type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useCompanySettings } from "../api/queries.ts";
import { SESSION_KEY, useCurrentUser, useSignedIn } from "../auth/session.tsx";
import { currentLanguage, setLanguage } from "../i18n/i18n.ts";
import { type MenuEntry, visibleMenu } from "./menu.tsx";
import { PageLoading } from "./states.tsx";

const { Header, Sider, Content } = Layout;

export default function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut } = useSignedIn();
  const location = useLocation();
  const client = useQueryClient();
  const { token } = theme.useToken();
  const entries = visibleMenu(user);
  const companyName = useCompanySettings().data?.settings.companyName;

  const toItems = (list: readonly MenuEntry[]): NonNullable<Parameters<typeof Menu>[0]["items"]> =>
    list.map((entry) =>
      entry.children
        ? { key: entry.key, icon: entry.icon, label: t(entry.label), children: toItems(entry.children) }
        : {
            key: entry.path ?? entry.key,
            icon: entry.icon,
            // A real link (a new tab works); its colour is the menu's, not a link's.
            label: (
              <Link to={entry.path!} style={{ color: "inherit" }}>
                {t(entry.label)}
              </Link>
            ),
          },
    );
  // 工作台 is "/", which every path starts with: only "/" itself selects it.
  const selected = flatten(entries).find(
    (entry) =>
      entry.path &&
      (entry.path === "/" ? location.pathname === "/" : location.pathname.startsWith(entry.path)),
  );
  const openGroups = entries.filter((entry) => entry.children?.some((c) => c === selected)).map((e) => e.key);

  const switchLanguage = async () => {
    await setLanguage(currentLanguage() === "en" ? "zh-CN" : "en");
    // Server-rendered texts (grade labels, problem details) come again in the new language.
    await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  };
  const roleLabel = user.role ? t(`roles.${user.role}`, { defaultValue: user.role }) : t("common.none");

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider width={224} theme="light" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div style={{ padding: "16px 24px" }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("app.subtitle")}</Typography.Text>
        </div>
        <Menu
          mode="inline"
          data-testid="side-menu"
          items={toItems(entries)}
          selectedKeys={selected?.path ? [selected.path] : []}
          defaultOpenKeys={openGroups}
          style={{ borderInlineEnd: "none" }}
        />
      </Sider>
      <Layout>
        <Header
          data-testid="header"
          style={{
            background: token.colorBgContainer,
            padding: "0 24px",
            display: "flex",
            justifyContent: "space-between",
            alignItems: "center",
            gap: 24,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong ellipsis style={{ fontSize: 16 }} data-testid="company-name">
            {companyName}
          </Typography.Text>
          <Space size="middle">
            <Button
              icon={<GlobalOutlined />}
              onClick={switchLanguage}
              data-testid="language-switch"
              aria-label={t("header.language")}
            >
              {t("header.switchTo")}
            </Button>
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  { key: "role", label: t("header.role", { role: roleLabel }), disabled: true },
                  { type: "divider" },
                  {
                    key: "sign-out",
                    icon: <LogoutOutlined />,
                    label: <span data-testid="sign-out">{t("header.signOut")}</span>,
                    onClick: signOut,
                  },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu">
                <UserOutlined /> {user.name ?? user.username} <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: "16px 24px" }}>
          <Breadcrumbs />
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

function flatten(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children ?? [])]);
}

/** Where the user is, from the path: 客户 / 客户画像 · C0001, 设置 / 用户. */
function Breadcrumbs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const parts = pathname.split("/").filter(Boolean);
  const items: { title: ReactNode }[] = [];
  if (parts.length === 0) {
    items.push({ title: t("menu.workbench") });
  } else if (parts[0] === "customers") {
    items.push({
      title: parts[1] ? <Link to="/customers">{t("menu.customers")}</Link> : t("menu.customers"),
    });
    if (parts[1]) items.push({ title: `${t("customer.title")} · ${decodeURIComponent(parts[1])}` });
  } else if (parts[0] === "overview") {
    items.push({ title: t("menu.structure") });
  } else if (parts[0] === "grading") {
    items.push({ title: t("menu.grading") });
  } else if (parts[0] === "imports") {
    items.push({ title: t("menu.imports") });
  } else if (parts[0] === "tasks") {
    items.push({ title: t("menu.tasks") });
  } else if (parts[0] === "satisfaction") {
    items.push({ title: t("menu.satisfaction") });
  } else if (parts[0] === "analysis") {
    items.push({ title: t("menu.analysis") });
  } else if (parts[0] === "settings") {
    items.push({ title: t("menu.settings") });
    if (parts[1] === "users") items.push({ title: t("menu.users") });
    if (parts[1] === "departments") items.push({ title: t("menu.departments") });
    if (parts[1] === "roles") items.push({ title: t("menu.roles") });
    if (parts[1] === "shares") items.push({ title: t("menu.shares") });
    if (parts[1] === "company") items.push({ title: t("menu.company") });
    if (parts[1] === "schedule") items.push({ title: t("menu.schedule") });
    if (parts[1] === "tokens") items.push({ title: t("menu.tokens") });
    if (parts[1] === "audit") items.push({ title: t("menu.audit") });
  }
  if (items.length === 0) return null;
  return <Breadcrumb items={items} style={{ marginBottom: 16 }} data-testid="breadcrumbs" />;
}
