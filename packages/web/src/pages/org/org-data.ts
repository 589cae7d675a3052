/**
 * What the organisation pages share: the users, departments and roles (each one query, kept under
 * the keys the other pages use too, so a change here shows there), and how they are named.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { SESSION_KEY } from "../../auth/session.tsx";
import type { Department, OrgUser, Role } from "./org.types.ts";

export function useAllUsers() {
  return useQuery({ queryKey: ["users"], queryFn: ({ signal }) => api<OrgUser[]>("/users", { signal }) });
}

export function useDepartments() {
  return useQuery({
    queryKey: ["departments"],
    queryFn: ({ signal }) => api<Department[]>("/departments", { signal }),
  });
}

export function useRoles() {
  return useQuery({ queryKey: ["roles"], queryFn: ({ signal }) => api<Role[]>("/roles", { signal }) });
}

/**
 * After a change to users, departments or roles: what every page shows of them is read again, and
 * the session too (an administrator may have changed their own role or its rights: the menu follows).
 */
export function useOrgChanged(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await Promise.all(
      [["users"], ["departments"], ["roles"], ["customer-shares"], SESSION_KEY].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
  };
}

/** A role's name in the reader's language: the ready-made ones as the whole workbench names them. */
export function useRoleLabel(): (code: string | null | undefined) => string {
  const { t, i18n } = useTranslation();
  const roles = useRoles().data ?? [];
  return (code) => {
    if (!code) return t("common.none");
    const role = roles.find((candidate) => candidate.code === code);
    const own = role ? (i18n.language === "en" ? role.names.en : role.names["zh-CN"]) : code;
    return role?.builtin ? t(`roles.${code}`, { defaultValue: own }) : own;
  };
}

export function userLabel(user: Pick<OrgUser, "name" | "username">): string {
  return user.name ?? user.username;
}

export interface DepartmentNode {
  readonly value: number;
  readonly key: number;
  readonly title: string;
  readonly disabled?: boolean;
  readonly children: DepartmentNode[];
}

/**
 * The departments as a tree for antd's Tree and TreeSelect; `disabled` ones (and those below them)
 * cannot be picked. A department whose parent is gone shows at the top rather than not at all.
 */
export function departmentTree(
  departments: readonly Department[],
  options: {
    readonly disabled?: ReadonlySet<number>;
    readonly title?: (department: Department) => string;
  } = {},
): DepartmentNode[] {
  const known = new Set(departments.map((department) => department.id));
  const below = (parentId: number | null, disabled: boolean): DepartmentNode[] =>
    departments
      .filter((department) =>
        parentId === null
          ? department.parentId === null || !known.has(department.parentId)
          : department.parentId === parentId,
      )
      .map((department) => {
        const off = disabled || (options.disabled?.has(department.id) ?? false);
        return {
          value: department.id,
          key: department.id,
          title: options.title ? options.title(department) : department.name,
          ...(off ? { disabled: true } : {}),
          children: below(department.id, off),
        };
      });
  return below(null, false);
}

/** "云帆科技 / 华东": a department with those above it. */
export function departmentPath(departments: readonly Department[], id: number | null): string | null {
  if (id === null) return null;
  const byId = new Map(departments.map((department) => [department.id, department]));
  const names: string[] = [];
  const seen = new Set<number>();
  for (
    let current = byId.get(id);
    current && !seen.has(current.id);
    current = byId.get(current.parentId ?? -1)
  ) {
    seen.add(current.id);
    names.unshift(current.name);
  }
  return names.length > 0 ? names.join(" / ") : null;
}
