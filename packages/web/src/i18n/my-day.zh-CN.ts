/**
 * 工作台's Chinese texts, kept in their own file (registered under `myDay` when the page's chunk
 * loads, pages/my-day/texts.ts) so the page's strings merge apart from the rest of the workbench's.
 * my-day.en.ts has the same keys: its type is this file's shape; my-day.i18n.test.ts checks both ways.
 * Task kinds, priorities and warning levels reuse the shared labels (taskKind, priority, segments).
 */
import type { ChurnReason, OccasionCode } from "@custra/core";

export const myDayZhCN = {
  title: "工作台",
  today: "今天 {{today}} · 本周截至 {{weekEnd}}",
  counts: {
    overdue: "已逾期",
    dueToday: "今天到期",
    dueThisWeek: "本周稍后",
    newWarnings: "新增流失预警",
    unit: "项",
    customersUnit: "位",
  },
  byKind: {
    title: "按任务类型",
    kind: "类型",
    empty: "本周没有待办任务",
  },
  tasks: {
    title: "我的任务",
    subtitle: "逾期、今天和本周到期的待办",
    allKinds: "全部类型",
    kindFilter: "任务类型",
    empty: "没有逾期、今天或本周到期的任务",
    customer: "客户",
    kind: "类型",
    dueOn: "截止日期",
    priority: "优先级",
    actions: "操作",
    overdueTag: "逾期",
    todayTag: "今天",
    complete: "完成",
    reschedule: "改期",
    reassign: "转派",
    save: "确定",
    cancel: "取消",
    newDueOn: "新的截止日期",
    newOwner: "转派给",
    pool: "任务池（无负责人）",
    completed: "任务已完成",
    rescheduled: "已改期至 {{date}}",
    reassigned: "已转派",
    failed: "操作失败",
    more: "只显示前 {{limit}} 项",
  },
  uncontacted: {
    title: "未联系客户",
    subtitle: "最近一次互动（没有互动则按注册日期）距今",
    days: "{{days}} 天以上",
  },
  warnings: {
    title: "新增流失预警",
    subtitle: "最近一次分析新出现的预警，风险最高的在前",
    total: "共 {{total}} 位客户，显示前 {{shown}} 位",
    empty: "最近一次分析没有新增流失预警",
    customer: "客户",
    level: "预警级别",
    risk: "流失风险",
    reasons: "原因",
    noReasons: "未识别出具体原因",
  },
  care: {
    title: "近期关怀",
    subtitle: "未来 30 天的生日与节日关怀",
    empty: "未来 30 天没有关怀任务",
    on: "{{date}}",
    dueOn: "准备截止 {{date}}",
    occasion: {
      birthday: "生日",
      lunar_birthday: "生日（农历）",
      new_year: "元旦",
      spring_festival: "春节",
      lantern: "元宵节",
      dragon_boat: "端午节",
      mid_autumn: "中秋节",
      national_day: "国庆节",
    } satisfies Record<OccasionCode, string>,
    other: "关怀",
  },
  team: {
    title: "团队",
    subtitle: "按负责人统计本周待办、30 天未联系客户与新增预警",
    owner: "负责人",
    overdue: "已逾期",
    dueToday: "今天到期",
    dueThisWeek: "本周稍后",
    uncontacted30: "30 天未联系",
    newWarnings: "新增预警",
    empty: "您可查看的客户还没有负责人",
    onlyTeam: "您名下没有客户和任务，下面是团队的情况。",
  },
  churnReason: {
    complaints: "有投诉记录",
    detractor: "最近一次 NPS 评分为贬损者",
    payment_trouble: "付款严重逾期",
    falling_order_value: "客单价明显下降",
    lost_categories: "不再购买以前买过的品类",
    low_satisfaction: "最近一次满意度评分低（1–2 分）",
  } satisfies Record<ChurnReason, string>,
};

/** The shape every language's 工作台 texts have: the same keys, each a string. */
export type MyDayMessages = Shape<typeof myDayZhCN>;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
