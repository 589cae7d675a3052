/**
 * 客户结构总览's Chinese texts, kept in their own file (registered under `overview` in i18n.ts)
 * so the page's strings merge apart from the rest of the workbench's. overview.en.ts has the same
 * keys: its type is this file's shape; overview.i18n.test.ts checks both ways.
 */
export const overviewZhCN = {
  title: "客户结构总览",
  run: "分析批次",
  runOption: "{{asOf}}（第 {{id}} 次）",
  scheme: "分级方案",
  asOf: "数据截至 {{asOf}}",
  empty: {
    title: "还没有分析结果",
    detail: "先在「导入」中导入客户与订单数据，再到「分析」运行一次分析，这里就会显示客户结构。",
  },
  kpi: {
    customers: "客户数",
    activeShare: "活跃客户占比",
    churnRate: "流失率",
    revenue: "收入",
    margin: "毛利",
    predictedValue: "预测客户价值",
    nps: "净推荐值 NPS",
    csi: "满意度指数 CSI",
    overdueReceivables: "逾期应收",
  },
  sincePrevious: "较上次（{{asOf}}）",
  noPrevious: "首次分析，暂无对比",
  unchanged: "持平",
  points: "{{value}} 个百分点",
  charts: {
    gradePyramid: "客户等级金字塔",
    lorenz: "收入集中度（洛伦兹曲线）",
    rfm: "RFM 分群",
    tierLifecycle: "价值层级 × 生命周期",
    industry: "行业分布",
    region: "地区分布",
    clv: "预测客户价值分布",
    churn: "月度流失率",
    cohort: "同期群留存",
    migration: "等级迁移",
  },
  clickHint: "点击图形打开对应的客户列表",
  notLinked: "客户列表显示最新一次分析与「value」方案的等级：此处的图形不能打开客户列表",
  migrationNeedsTwo: "分级运行两次以后才能显示等级迁移",
  none: "未知",
  ungraded: "未分级",
  notGiven: "未填写",
  others: "其他",
  pyramidLabel: "{{customers}} 位 · 收入 {{revenue}} · 价值 {{clv}}",
  lorenzSubtitle: "基尼系数 {{gini}} · 前 20% 客户的收入占比 {{top20}}",
  migrationSubtitle: "{{from}} → {{to}}",
  binFrom: "{{from}} 以上",
  monthN: "第 {{n}} 月",
  cohortRow: "{{month}}（{{n}} 位）",
  newCustomers: "新客户",
  goneCustomers: "已离开",
  tooltip: {
    customers: "客户数：{{value}}",
    customerShare: "客户占比：{{value}}",
    revenueShare: "收入占比：{{value}}",
    clvShare: "预测价值占比：{{value}}",
    churnRate: "流失率：{{value}}",
    churned: "流失 {{churned}} 位，月初 {{customers}} 位",
    incomplete: "近几个月的流失率仍可能上升",
  },
  axis: { buyersShare: "购买客户累计占比" },
  series: {
    revenueShare: "收入累计占比",
    equality: "完全均等",
    customers: "客户数",
    churnRate: "流失率",
    churnOpen: "流失率（尚未完结）",
  },
  legend: { more: "多", fewer: "少" },
};

/** The shape every language's overview texts have: the same keys, each a string. */
export type OverviewMessages = Shape<typeof overviewZhCN>;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
