import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "access.error.bad_credentials": { "zh-CN": "邮箱或密码错误", en: "Wrong email or password" },
  "access.error.locked": {
    "zh-CN": "登录失败次数过多，账号已锁定至 {until}",
    en: "Too many failed sign-ins: the account is locked until {until}",
  },
  "access.error.account_disabled": { "zh-CN": "该账号已停用", en: "This account is deactivated" },
  "access.error.not_signed_in": {
    "zh-CN": "未登录，或登录已过期、已注销",
    en: "Not signed in, or the session or token has expired or been revoked",
  },
  "access.error.weak_password": {
    "zh-CN": "密码长度须在 {min} 到 {max} 个字符之间",
    en: "A password must have {min} to {max} characters",
  },
  "access.error.user_exists": {
    "zh-CN": "已有用户使用{field} {value}",
    en: "A user with the {field} {value} exists already",
  },
  "access.error.role_exists": { "zh-CN": "角色 {code} 已存在", en: "The role {code} exists already" },
  "access.error.unknown_reference": { "zh-CN": "没有{what} {key}", en: "No {what} {key}" },
  "access.error.cycle": {
    "zh-CN": "{what} {key} 不能位于自身之下",
    en: "{what} {key} cannot be placed under itself",
  },
  "access.error.department_in_use": {
    "zh-CN": "部门 {key} 仍有 {users} 名用户、{children} 个下级部门，不能删除",
    en: "Department {key} still has {users} users and {children} sub-departments: it cannot be deleted",
  },
  "access.error.last_administrator": {
    "zh-CN": "保存后将没有任何可登录的在职用户能管理用户，也就无人能撤回此修改，因此不能保存",
    en: "After this change no active user who can sign in could manage users, so no one could undo it: it is not saved",
  },
  "access.error.builtin_role_names": {
    "zh-CN": "预置角色 {code} 的名称不能修改，只能修改其权限、数据范围和字段权限",
    en: "The ready-made role {code} keeps its names; only its permissions, data scope and field rights change",
  },
  "access.what.user": { "zh-CN": "用户", en: "user" },
  "access.what.role": { "zh-CN": "角色", en: "role" },
  "access.what.department": { "zh-CN": "部门", en: "department" },
  "access.what.customer": { "zh-CN": "客户", en: "customer" },
  "access.what.token": { "zh-CN": "API 令牌", en: "API token" },
  "access.what.session": { "zh-CN": "会话", en: "session" },
  "access.what.share": { "zh-CN": "共享", en: "share" },
  "access.field.email": { "zh-CN": "邮箱", en: "email" },
  "access.field.username": { "zh-CN": "用户名", en: "username" },
  "access.scope.own": { "zh-CN": "本人", en: "own" },
  "access.scope.own_and_subordinates": { "zh-CN": "本人及下属", en: "own and subordinates" },
  "access.scope.department": { "zh-CN": "本部门", en: "own department" },
  "access.scope.department_tree": { "zh-CN": "本部门及下属", en: "own department and sub-departments" },
  "access.scope.all": { "zh-CN": "全部", en: "all" },
  "access.audit.edited": { "zh-CN": "第 {id} 条记录被修改过", en: "entry {id} was edited" },
  "access.audit.broken_link": {
    "zh-CN": "第 {id} 条记录之前的记录被删除或替换",
    en: "an entry before entry {id} was removed or replaced",
  },
  "access.audit.missing": { "zh-CN": "第 {id} 条记录被删除", en: "entry {id} was removed" },
  "access.audit.truncated": {
    "zh-CN": "自第 {id} 条起的最新记录被删除",
    en: "the newest entries, from entry {id} on, were removed",
  },
} satisfies Catalog;

export function registerAccessMessages(): void {
  if (!hasMessage("access.error.bad_credentials")) registerCatalog(catalog);
}
