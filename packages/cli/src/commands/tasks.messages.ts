import { type Catalog, registerCatalog } from "@custra/core/i18n";

/** Texts of `custra tasks`, and of the tasks and recommendations `custra customer show` prints. */
const catalog = {
  "cli.tasks.description": {
    "zh-CN": "把分级变成工作：按策略手册生成任务（关怀、定期联系、流失挽回、催收、回访……），查看与完成任务",
    en: "turn grades into work: generate tasks from the playbooks (care, regular contact, win-back, collection, follow-ups…), list them and mark them done",
  },
  "cli.tasks.stage.load": { "zh-CN": "读取客户与策略手册", en: "loading customers and playbooks" },
  "cli.tasks.stage.generate": { "zh-CN": "生成候选任务", en: "generating candidates" },
  "cli.tasks.stage.write": { "zh-CN": "保存新任务", en: "saving new tasks" },

  "cli.tasks.generate.description": {
    "zh-CN":
      "按各策略手册为每位客户生成到期的任务；重复运行不会重复创建，已完成的任务也不会再次生成；关怀任务附带推荐商品",
    en: "generate the tasks due for every customer from the playbooks; a rerun creates no duplicates and never recreates a task already done; care tasks carry recommended products",
  },
  "cli.tasks.generate.asOf": {
    "zh-CN": "按哪一天生成 YYYY-MM-DD（默认今天）",
    en: "the day to generate for, YYYY-MM-DD (default: today)",
  },
  "cli.tasks.generate.kind": {
    "zh-CN": "只生成这些类型（可写多个，默认全部）",
    en: "only these kinds (one or more; default: all)",
  },
  "cli.tasks.generate.unknownType": {
    "zh-CN":
      "未填客户类型的客户按哪类对待：individual 个人（面向消费者的企业，按客群营销触达）或 enterprise 企业（默认：公司设置的业务模式为 B2C 时按个人，否则按企业）",
    en: "what customers without a type count as: individual (a company selling to consumers: reached by segment campaigns) or enterprise (default: individual when the company's business model setting is B2C, else enterprise)",
  },
  "cli.tasks.generate.campaign": {
    "zh-CN":
      "新建客群营销活动 #{id}（{segment}）：{members} 位个人客户；用 custra tasks show {id} --out 名单.csv 导出名单",
    en: "new segment campaign #{id} ({segment}): {members} individual customers; export the list with custra tasks show {id} --out list.csv",
  },
  "cli.tasks.generate.assigned": {
    "zh-CN": "{tasks} 个新任务的客户没有负责人，已按策略手册的分配规则（assignUnowned）轮流分给销售人员",
    en: "{tasks} new tasks of customers without an owner were dealt out to the sales users by the playbook's rule (assignUnowned)",
  },
  "cli.tasks.warning.stale_orders": {
    "zh-CN":
      "注意：任务按 {asOf} 生成，但最新的订单是 {date}，早了 {days} 天（超过 {threshold} 天）：定期联系会全部逾期，客户会显得都已流失",
    en: "warning: tasks are generated for {asOf}, but the newest order is of {date}, {days} days earlier (more than {threshold}): every regular contact will be overdue and customers will look lost",
  },
  "cli.tasks.warning.stale_analysis": {
    "zh-CN":
      "注意：任务按 {asOf} 生成，但最近一次分析的截止日是 {date}，早了 {days} 天（超过 {threshold} 天）：流失和分级结果可能已过时（先运行 custra analyze）",
    en: "warning: tasks are generated for {asOf}, but the latest analysis is as of {date}, {days} days earlier (more than {threshold}): churn scores and grades may be out of date (run custra analyze first)",
  },
  "cli.tasks.warning.chooseDay": {
    "zh-CN": "若数据是一份历史导出，请按数据的最后一天生成：custra tasks generate --as-of {date}",
    en: "if the data is a past export, generate for its last day instead: custra tasks generate --as-of {date}",
  },
  "cli.tasks.generate.header": {
    "zh-CN": "任务生成（{asOf}）：候选 {candidates} 个，新建 {created} 个（其余已存在或已完成）",
    en: "Tasks for {asOf}: candidates {candidates}, created {created} (the rest exist already or are done)",
  },
  "cli.tasks.generate.used": {
    "zh-CN": "使用策略手册 {name} 第 {version} 版：按分级批次 #{gradeRun}",
    en: "used playbook {name} v{version}: grades of grade run #{gradeRun}",
  },
  "cli.tasks.generate.usedBy": {
    "zh-CN": "使用策略手册 {name} 第 {version} 版：{basis}",
    en: "used playbook {name} v{version}: {basis}",
  },
  "cli.tasks.generate.skipped.not_graded": {
    "zh-CN": "跳过策略手册 {name}：它依据的方案还没有分级结果（先运行 custra grade --scheme …）",
    en: "skipped playbook {name}: its scheme has not graded anyone yet (run custra grade --scheme … first)",
  },
  "cli.tasks.generate.skipped.no_analysis": {
    "zh-CN": "跳过策略手册 {name}：还没有分析结果（先运行 custra analyze）",
    en: "skipped playbook {name}: there is no analysis yet (run custra analyze first)",
  },
  "cli.tasks.generate.today": {
    "zh-CN": "截至 {asOf} 到期的未完成任务，按负责人：",
    en: "Open tasks due by {asOf}, per owner:",
  },
  "cli.tasks.generate.nothingDue": {
    "zh-CN": "截至 {asOf} 没有到期的未完成任务",
    en: "no open tasks due by {asOf}",
  },
  "cli.tasks.basis.rfm_segment": { "zh-CN": "按 RFM 细分", en: "by RFM segment" },
  "cli.tasks.basis.lifecycle_stage": { "zh-CN": "按生命周期阶段", en: "by lifecycle stage" },

  "cli.tasks.list.description": {
    "zh-CN": "列出任务（默认未完成的，按到期日和优先级排序）",
    en: "list tasks (default: open ones, by due date and priority)",
  },
  "cli.tasks.list.owner": { "zh-CN": "只看这位负责人的任务", en: "only this owner's tasks" },
  "cli.tasks.list.due": {
    "zh-CN": "只看这一天（含）之前到期的 YYYY-MM-DD",
    en: "only tasks due on or before this day, YYYY-MM-DD",
  },
  "cli.tasks.list.kind": { "zh-CN": "只看这种类型", en: "only this kind" },
  "cli.tasks.list.status": {
    "zh-CN": "状态：open 未完成（默认）、done 已完成、all 全部",
    en: "status: open (default), done or all",
  },
  "cli.tasks.list.customer": { "zh-CN": "只看这个客户（客户编号）", en: "only this customer (code)" },
  "cli.tasks.list.limit": { "zh-CN": "最多列出多少个（默认 100）", en: "at most this many (default 100)" },
  "cli.tasks.list.none": { "zh-CN": "没有符合条件的任务", en: "no tasks match" },
  "cli.tasks.list.limited": {
    "zh-CN": "只列出了前 {limit} 个；用 --limit 看更多",
    en: "only the first {limit} are listed; use --limit for more",
  },
  "cli.tasks.list.campaignHint": {
    "zh-CN": "营销活动的客户名单：custra tasks show <编号>（--out 名单.csv 导出全部）",
    en: "a campaign's customers: custra tasks show <id> (--out list.csv writes them all)",
  },
  "cli.tasks.show.description": {
    "zh-CN": "显示一个任务；营销活动同时列出它触达的客户，--out 把名单导出为 CSV 或 XLSX",
    en: "show a task; for a campaign, also the customers it reaches, and with --out write the list as CSV or XLSX",
  },
  "cli.tasks.show.out": {
    "zh-CN": "把营销活动的客户名单写入此文件（.csv 或 .xlsx）",
    en: "write the campaign's customers to this file (.csv or .xlsx)",
  },
  "cli.tasks.show.format": {
    "zh-CN": "文件格式（默认按 --out 的扩展名）",
    en: "file format (default: from the extension of --out)",
  },
  "cli.tasks.show.needFormat": {
    "zh-CN": "无法从 {out} 的扩展名判断格式：用 .csv 或 .xlsx，或加 --format csv|xlsx",
    en: "cannot tell the format from the extension of {out}: use .csv or .xlsx, or add --format csv|xlsx",
  },
  "cli.tasks.show.unknown": {
    "zh-CN": "找不到任务或营销活动 {id}（custra tasks list --status all 列出全部）",
    en: "there is no task or campaign {id} (custra tasks list --status all lists them)",
  },
  "cli.tasks.show.outOnlyCampaign": {
    "zh-CN": "任务 {id} 只属于一位客户，没有名单可导出；--out 只用于营销活动",
    en: "task {id} is for one customer and has no list to write; --out is for campaigns",
  },
  "cli.tasks.show.written": { "zh-CN": "已写入 {rows} 位客户：{out}", en: "wrote {rows} customers to {out}" },
  "cli.tasks.show.more": {
    "zh-CN": "只列出了 {members} 位客户中的前 {shown} 位；custra tasks show {id} --out 名单.csv 导出全部",
    en: "only the first {shown} of {members} customers are listed; custra tasks show {id} --out list.csv writes them all",
  },
  "cli.tasks.col.members": { "zh-CN": "客户数", en: "customers" },
  "cli.tasks.col.name": { "zh-CN": "名称", en: "name" },
  "cli.tasks.col.region": { "zh-CN": "地区", en: "region" },
  "cli.tasks.col.id": { "zh-CN": "编号", en: "id" },
  "cli.tasks.col.due": { "zh-CN": "到期日", en: "due" },
  "cli.tasks.col.priority": { "zh-CN": "优先级", en: "priority" },
  "cli.tasks.col.kind": { "zh-CN": "类型", en: "kind" },
  "cli.tasks.col.customer": { "zh-CN": "客户", en: "customer" },
  "cli.tasks.col.owner": { "zh-CN": "负责人", en: "owner" },
  "cli.tasks.col.status": { "zh-CN": "状态", en: "status" },
  "cli.tasks.col.reason": { "zh-CN": "原因", en: "reason" },
  "cli.tasks.col.created": { "zh-CN": "新建", en: "created" },
  "cli.tasks.col.open": { "zh-CN": "未完成", en: "open" },
  "cli.tasks.col.urgent": { "zh-CN": "其中紧急", en: "urgent" },
  "cli.tasks.status.open": { "zh-CN": "未完成", en: "open" },
  "cli.tasks.status.done": { "zh-CN": "已完成", en: "done" },

  "cli.tasks.done.description": {
    "zh-CN": "把任务标记为已完成；同一事由不会再生成新任务",
    en: "mark a task done; no new task is made for the same occasion",
  },
  "cli.tasks.done.id": { "zh-CN": "任务编号", en: "task id" },
  "cli.tasks.done.by": {
    "zh-CN": "完成人（默认 CUSTRA_USER，否则系统用户名）",
    en: "who did it (default: CUSTRA_USER, else the system user name)",
  },
  "cli.tasks.done.badId": {
    "zh-CN": "任务编号应为正整数，得到：{value}",
    en: "a task id is a positive whole number, got: {value}",
  },
  "cli.tasks.done.done": {
    "zh-CN": "任务 #{id}（{kind}，客户 {customer}）已完成，完成人 {by}",
    en: "task #{id} ({kind}, customer {customer}) is done, by {by}",
  },
  "cli.tasks.done.already": {
    "zh-CN": "任务 #{id}（{kind}，客户 {customer}）已于 {on} 由 {by} 完成，无需再次标记",
    en: "task #{id} ({kind}, customer {customer}) was already done on {on} by {by}",
  },

  "cli.tasks.customer.none": { "zh-CN": "没有未完成的任务", en: "no open tasks" },
  "cli.tasks.customer.open": { "zh-CN": "未完成的任务（{count} 个）：", en: "Open tasks ({count}):" },
  "cli.tasks.recommendations.title": { "zh-CN": "推荐商品：", en: "Recommended products:" },
  "cli.tasks.recommendations.product": { "zh-CN": "商品", en: "product" },
  "cli.tasks.recommendations.category": { "zh-CN": "品类", en: "category" },
} satisfies Catalog;

registerCatalog(catalog);
