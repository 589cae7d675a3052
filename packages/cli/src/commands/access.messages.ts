/** Text of `custra user`, `custra department` and `custra audit` (loaded at help time: catalog only). */
import { type Catalog, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "cli.user.description": { "zh-CN": "用户：添加、列出、停用", en: "users: add, list, deactivate" },
  "cli.user.add.description": {
    "zh-CN": "添加可登录的用户（密码从标准输入读取）",
    en: "add a user who can sign in (the password read from standard input)",
  },
  "cli.user.option.email": { "zh-CN": "登录邮箱", en: "the email to sign in with" },
  "cli.user.option.name": { "zh-CN": "姓名", en: "the user's name" },
  "cli.user.option.role": {
    "zh-CN": "角色代码：admin、manager、sales、analyst 或自建角色",
    en: "the role's code: admin, manager, sales, analyst or one of the company's",
  },
  "cli.user.option.department": { "zh-CN": "部门名称或编号", en: "the department, by name or id" },
  "cli.user.option.manager": { "zh-CN": "上级用户编号", en: "the id of the user's manager" },
  "cli.user.option.username": {
    "zh-CN": "用户名（客户负责人字段中的名称；默认为邮箱）",
    en: "the user name customers' owner holds (default: the email)",
  },
  "cli.user.option.passwordStdin": {
    "zh-CN": "从标准输入读取密码（必需：密码不应出现在命令行中）",
    en: "read the password from standard input (required: a password does not belong on a command line)",
  },
  "cli.user.passwordStdinRequired": {
    "zh-CN":
      "请用 --password-stdin 从标准输入提供密码，例如：printf '%s' \"$PASSWORD\" | custra user add … --password-stdin",
    en: "give the password on standard input with --password-stdin, e.g. printf '%s' \"$PASSWORD\" | custra user add … --password-stdin",
  },
  "cli.user.added": {
    "zh-CN": "已添加用户 {email}（编号 {id}，角色 {role}）",
    en: "added {email} (id {id}, role {role})",
  },
  "cli.user.list.description": { "zh-CN": "列出用户", en: "list the users" },
  "cli.user.deactivate.description": {
    "zh-CN": "停用用户：不能再登录，当前会话立即失效",
    en: "deactivate a user: no more sign-ins, and their sessions end now",
  },
  "cli.user.deactivated": { "zh-CN": "已停用用户 {email}", en: "deactivated {email}" },
  "cli.user.col.id": { "zh-CN": "编号", en: "id" },
  "cli.user.col.username": { "zh-CN": "用户名", en: "username" },
  "cli.user.col.name": { "zh-CN": "姓名", en: "name" },
  "cli.user.col.email": { "zh-CN": "邮箱", en: "email" },
  "cli.user.col.role": { "zh-CN": "角色", en: "role" },
  "cli.user.col.department": { "zh-CN": "部门", en: "department" },
  "cli.user.col.status": { "zh-CN": "状态", en: "status" },
  "cli.user.status.active": { "zh-CN": "正常", en: "active" },
  "cli.user.status.inactive": { "zh-CN": "已停用", en: "deactivated" },
  "cli.user.status.noPassword": { "zh-CN": "未设密码", en: "no password" },
  "cli.user.status.locked": { "zh-CN": "锁定至 {until}", en: "locked until {until}" },
  "cli.user.none": { "zh-CN": "没有用户", en: "no users" },
  "cli.department.description": { "zh-CN": "部门：添加、列出", en: "departments: add, list" },
  "cli.department.add.description": { "zh-CN": "添加部门", en: "add a department" },
  "cli.department.add.name": { "zh-CN": "部门名称", en: "the department's name" },
  "cli.department.option.parent": { "zh-CN": "上级部门编号", en: "the id of the parent department" },
  "cli.department.added": {
    "zh-CN": "已添加部门 {name}（编号 {id}）",
    en: "added department {name} (id {id})",
  },
  "cli.department.list.description": { "zh-CN": "以树形列出部门", en: "list the departments as a tree" },
  "cli.department.none": { "zh-CN": "没有部门", en: "no departments" },
  "cli.audit.description": { "zh-CN": "审计日志：查询、校验", en: "the audit log: list, verify" },
  "cli.audit.verify.description": {
    "zh-CN": "校验审计日志的哈希链，发现被修改或删除的记录",
    en: "check the audit log's hash chain for edited or removed entries",
  },
  "cli.audit.ok": {
    "zh-CN": "审计日志完整：{entries} 条记录，哈希链无误",
    en: "the audit log holds: {entries} entries, chain intact",
  },
  "cli.audit.broken": {
    "zh-CN": "审计日志已被篡改：{problem}（之前的 {entries} 条记录无误）",
    en: "the audit log was tampered with: {problem} ({entries} entries before it verify)",
  },
  "cli.audit.list.description": { "zh-CN": "列出最近的审计记录", en: "list recent audit entries" },
  "cli.audit.option.action": {
    "zh-CN": "只列此操作，例如 user.create",
    en: "only this action, such as user.create",
  },
  "cli.audit.option.limit": {
    "zh-CN": "最多列出的条数（默认 50）",
    en: "at most this many entries (default 50)",
  },
  "cli.audit.col.id": { "zh-CN": "序号", en: "id" },
  "cli.audit.col.at": { "zh-CN": "时间（UTC）", en: "at (UTC)" },
  "cli.audit.col.actor": { "zh-CN": "操作人", en: "actor" },
  "cli.audit.col.action": { "zh-CN": "操作", en: "action" },
  "cli.audit.col.entity": { "zh-CN": "对象", en: "entity" },
  "cli.audit.none": { "zh-CN": "没有审计记录", en: "no audit entries" },
} satisfies Catalog;

registerCatalog(catalog);
