/**
 * The side menu (DESIGN.md §11), in its order: 工作台, 客户结构, 客户, 分级, 任务, 满意度, 导入, 分析, 设置.
 * Only entries whose page is built are listed, never placeholders. Each entry names the permission
 * its page needs, so a role sees only what it may use.
 */
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  ImportOutlined,
  KeyOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShareAltOutlined,
  SmileOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { CurrentUser } from "../api/types.ts";
import { can } from "../auth/session.tsx";

export interface MenuEntry {
  readonly key: string;
  /** The i18n key of its label. */
  readonly label: string;
  readonly icon: ReactNode;
  readonly path?: string;
  readonly permission?: string;
  readonly children?: readonly MenuEntry[];
}

export const MENU: readonly MenuEntry[] = [
  { key: "workbench", label: "menu.workbench", icon: <DashboardOutlined />, path: "/", permission: "read" },
  {
    key: "structure",
    label: "menu.structure",
    icon: <PieChartOutlined />,
    path: "/overview",
    permission: "read",
  },
  {
    key: "customers",
    label: "menu.customers",
    icon: <TeamOutlined />,
    path: "/customers",
    permission: "read",
  },
  {
    key: "grading",
    label: "menu.grading",
    icon: <TrophyOutlined />,
    path: "/grading",
    permission: "read",
  },
  {
    key: "tasks",
    label: "menu.tasks",
    icon: <CarryOutOutlined />,
    path: "/tasks",
    permission: "read",
  },
  {
    key: "satisfaction",
    label: "menu.satisfaction",
    icon: <SmileOutlined />,
    path: "/satisfaction",
    permission: "read",
  },
  {
    key: "imports",
    label: "menu.imports",
    icon: <ImportOutlined />,
    path: "/imports",
    permission: "import",
  },
  {
    key: "analysis",
    label: "menu.analysis",
    icon: <BarChartOutlined />,
    path: "/analysis",
    permission: "read",
  },
  {
    key: "settings",
    label: "menu.settings",
    icon: <SettingOutlined />,
    children: [
      {
        key: "users",
        label: "menu.users",
        icon: <UserOutlined />,
        path: "/settings/users",
        permission: "manageUsers",
      },
      // The organisation: its departments, what each role may do, and customers shared past a scope.
      {
        key: "departments",
        label: "menu.departments",
        icon: <ApartmentOutlined />,
        path: "/settings/departments",
        permission: "manageUsers",
      },
      {
        key: "roles",
        label: "menu.roles",
        icon: <SafetyCertificateOutlined />,
        path: "/settings/roles",
        permission: "manageUsers",
      },
      {
        key: "shares",
        label: "menu.shares",
        icon: <ShareAltOutlined />,
        path: "/settings/shares",
        permission: "manageUsers",
      },
      // The system pages: what the company is, when its pipeline runs, API tokens, the audit log.
      {
        key: "company",
        label: "menu.company",
        icon: <BankOutlined />,
        path: "/settings/company",
        permission: "manageUsers",
      },
      {
        key: "schedule",
        label: "menu.schedule",
        icon: <FieldTimeOutlined />,
        path: "/settings/schedule",
        permission: "analyze",
      },
      // Scripts and BI tools take data out: offered to those who may export.
      {
        key: "tokens",
        label: "menu.tokens",
        icon: <KeyOutlined />,
        path: "/settings/tokens",
        permission: "export",
      },
      {
        key: "audit",
        label: "menu.audit",
        icon: <AuditOutlined />,
        path: "/settings/audit",
        permission: "viewAudit",
      },
    ],
  },
];

/** The entries `user` may open; a group without any such entry is left out whole. */
export function visibleMenu(user: CurrentUser, entries: readonly MenuEntry[] = MENU): MenuEntry[] {
  return entries.flatMap((entry) => {
    if (entry.permission && !can(user, entry.permission)) return [];
    if (!entry.children) return [entry];
    const children = visibleMenu(user, entry.children);
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}
