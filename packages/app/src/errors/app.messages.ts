import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "app.error.invalid_input": { "zh-CN": "输入有误：{issues}", en: "Invalid input: {issues}" },
  "app.error.not_found": { "zh-CN": "未找到{what}：{key}", en: "No {what} {key}" },
  "app.error.forbidden": {
    "zh-CN": "当前角色无权执行此操作（需要权限：{permission}）",
    en: "Your role may not do this (it needs the permission {permission})",
  },
  "app.error.conflict": { "zh-CN": "操作冲突：{reason}", en: "Conflict: {reason}" },
} satisfies Catalog;

export function registerAppMessages(): void {
  if (!hasMessage("app.error.invalid_input")) registerCatalog(catalog);
}
