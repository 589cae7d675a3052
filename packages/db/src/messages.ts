import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

/** Messages of the database layer, shown to users when a database cannot be opened or used. */
export const dbMessages = {
  "db.locked": {
    "zh-CN": "数据库文件 {path} 正被另一个进程占用（PID {pid}：{command}）。请先停止该进程。",
    en: "The database file {path} is in use by another process (PID {pid}: {command}). Stop that process first.",
  },
  "db.locked_unknown": {
    "zh-CN": "数据库文件 {path} 正被另一个进程占用。请先停止该进程。",
    en: "The database file {path} is in use by another process. Stop that process first.",
  },
  "db.open_failed": {
    "zh-CN": "无法打开数据库文件 {path}：{reason}",
    en: "Cannot open the database file {path}: {reason}",
  },
  "db.unreachable": {
    "zh-CN": "无法连接 PostgreSQL（{host}:{port}）：{reason}。请确认 PostgreSQL 已启动，并检查数据库地址。",
    en: "Cannot reach PostgreSQL at {host}:{port}: {reason}. Make sure PostgreSQL is running and check the database address.",
  },
  "db.not_found": {
    "zh-CN":
      "PostgreSQL 数据库 {database} 不存在（{host}:{port}）。请先创建它：createdb -h {host} -p {port} -U {user} {database}",
    en: "The PostgreSQL database {database} does not exist on {host}:{port}. Create it first: createdb -h {host} -p {port} -U {user} {database}",
  },
  "db.auth_failed": {
    "zh-CN":
      "PostgreSQL 拒绝了用户 {user} 的登录（{host}:{port}）：{reason}。请检查连接地址中的用户名和密码。",
    en: "PostgreSQL refused the login of user {user} at {host}:{port}: {reason}. Check the user name and password in the address.",
  },
  "db.migration_failed": {
    "zh-CN": "数据库升级到版本 {version} 失败：{reason}",
    en: "Upgrading the database to version {version} failed: {reason}",
  },
  "db.unknown_table": {
    "zh-CN": "表 {table} 不存在。",
    en: "The table {table} does not exist.",
  },
  "db.bulk_load_failed": {
    "zh-CN": "批量写入表 {table} 失败：{reason}",
    en: "Bulk loading into the table {table} failed: {reason}",
  },
  "db.bad_row": {
    "zh-CN": "批量写入表 {table} 的第 {row} 行有 {actual} 个值，应为 {expected} 个。",
    en: "Row {row} for the table {table} has {actual} values; {expected} were expected.",
  },
  "db.write_lock_wait": {
    "zh-CN":
      "另一个 custra 进程正在写入此数据库（{purpose}，PID {pid}，主机 {host}，始于 {since}）。等待它完成，最多 {seconds} 秒……",
    en: "Another custra process is writing to this database ({purpose}, PID {pid} on {host}, since {since}). Waiting for it to finish, at most {seconds} s…",
  },
  "db.write_lock_wait_unknown": {
    "zh-CN": "另一个 custra 进程正在写入此数据库。等待它完成，最多 {seconds} 秒……",
    en: "Another custra process is writing to this database. Waiting for it to finish, at most {seconds} s…",
  },
  "db.busy": {
    "zh-CN":
      "另一个 custra 进程仍在写入此数据库（{purpose}，PID {pid}，主机 {host}，始于 {since}），已等待 {seconds} 秒。请在它完成后重试，或停止该进程。",
    en: "Another custra process is still writing to this database ({purpose}, PID {pid} on {host}, since {since}); gave up after waiting {seconds} s. Try again when it is done, or stop that process.",
  },
  "db.busy_unknown": {
    "zh-CN": "另一个 custra 进程仍在写入此数据库，已等待 {seconds} 秒。请在它完成后重试。",
    en: "Another custra process is still writing to this database; gave up after waiting {seconds} s. Try again when it is done.",
  },
  "db.overloaded": {
    "zh-CN": "数据库的 {connections} 个连接在 {seconds} 秒内一直被占用。请稍后重试。",
    en: "All {connections} database connections stayed busy for {seconds} s. Try again shortly.",
  },
  "db.closed": {
    "zh-CN": "数据库连接正在关闭，不再接受新的查询。请稍后重试。",
    en: "The database connection is closing and takes no new queries. Try again shortly.",
  },
  "db.unsafe_integer": {
    "zh-CN": "整数 {value} 超出了可精确表示的范围。",
    en: "The integer {value} is too large to be represented exactly.",
  },
} satisfies Catalog;

export type DbMessageKey = keyof typeof dbMessages;

/** Registers the catalog once, whichever module of the package is loaded first. */
export function registerDbMessages(): void {
  if (!hasMessage("db.locked")) registerCatalog(dbMessages);
}
