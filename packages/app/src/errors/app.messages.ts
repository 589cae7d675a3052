import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.error.invalid_input": { "zh-CN": "输入有误：{issues}", en: "Invalid input: {issues}" },
  "app.error.not_found": { "zh-CN": "未找到{what}：{key}", en: "No {what} {key}" },
  "app.error.forbidden": {
    "zh-CN": "当前角色无权执行此操作（需要权限：{permissionName}）",
    en: "Your role may not do this (it needs the permission to {permissionName})",
  },
  // The actions a role gives (access/actor.ts PERMISSIONS), as APP_FORBIDDEN names them.
  "app.permission.read": { "zh-CN": "查看", en: "read" },
  "app.permission.create": { "zh-CN": "新建", en: "create" },
  "app.permission.edit": { "zh-CN": "编辑", en: "edit" },
  "app.permission.delete": { "zh-CN": "删除", en: "delete" },
  "app.permission.export": { "zh-CN": "导出", en: "export" },
  "app.permission.import": { "zh-CN": "导入", en: "import" },
  "app.permission.reassign": { "zh-CN": "转移客户", en: "reassign customers" },
  "app.permission.analyze": { "zh-CN": "运行分析", en: "run analyses" },
  "app.permission.editSchemes": { "zh-CN": "编辑分级方案", en: "edit grading schemes" },
  "app.permission.manageProducts": { "zh-CN": "管理产品", en: "manage products" },
  "app.permission.manageUsers": { "zh-CN": "管理用户", en: "manage users" },
  "app.permission.viewAudit": { "zh-CN": "查看审计日志", en: "view the audit log" },
  "app.permission.erase": { "zh-CN": "删除个人信息", en: "erase personal data" },
  "app.error.conflict": { "zh-CN": "操作冲突：{reason}", en: "Conflict: {reason}" },
} satisfies Catalog;

export function registerAppMessages(): void {
  if (!hasMessage("app.error.invalid_input")) registerCatalog(catalog);
}
