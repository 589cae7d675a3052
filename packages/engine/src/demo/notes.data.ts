/**
 * Text a sales team types into a CRM: interaction notes, survey comments, contact titles.
 * `{p}` stands for a product the customer bought.
 */

/** Routine contact notes: what sales write about households differs from what they write about firms. */
export const ROUTINE_NOTES = {
  consumer: {
    visit: ["上门送货并讲解{p}使用方法", "到店会员日回访，赠送小礼品"],
    call: [
      "电话回访，确认{p}已到货并正常使用",
      "来电询问{p}的报价和库存",
      "电话邀请参加会员日活动",
      "电话通知保修即将到期",
    ],
    wechat: [
      "微信发送节日问候和优惠券",
      "微信咨询订单物流进度",
      "微信推送{p}促销信息，客户已读",
      "微信沟通售后安装时间",
    ],
    email: ["发送电子发票", "发送会员积分到期提醒", "Sent order confirmation"],
    consultation: ["咨询{p}的使用方法", "咨询售后保修政策", "咨询会员积分兑换规则", "咨询以旧换新活动"],
    feedback: [
      "反馈：希望{p}增加更多颜色可选",
      "反馈：包装很用心，赠品不错",
      "建议：客服工作时间延长到晚上九点",
    ],
  },
  business: {
    visit: [
      "上门拜访，介绍{p}新款，客户有意向试用",
      "季度回访，沟通下季度采购计划",
      "拜访采购负责人，了解{p}使用情况",
      "陪同技术人员现场调试设备",
      "拜访客户总经理，洽谈年度框架协议",
    ],
    call: [
      "电话回访，确认{p}已到货并正常使用",
      "电话沟通续约事宜，客户表示考虑中",
      "来电询问{p}的报价和交期",
      "电话提醒发票已开具，请安排付款",
      "电话邀请参加新品发布会",
    ],
    wechat: ["微信发送节日问候", "微信确认送货时间和收货人", "微信发送{p}产品资料", "微信群通知年度调价"],
    email: [
      "发送{p}报价单",
      "邮件确认合同条款和付款方式",
      "发送月度对账单",
      "Sent quotation and product catalogue",
    ],
    consultation: ["咨询{p}的批量采购价格", "咨询企业采购是否可以开具专票", "咨询设备维保服务范围"],
    feedback: ["建议：开通月结付款方式", "反馈：希望提供上门培训", "反馈：{p}在多个部门使用效果很好"],
  },
} as const;

export const COMPLAINT_NOTES = {
  general: [
    "投诉：物流延迟，订单晚到一周",
    "投诉：{p}使用不到一个月出现故障",
    "投诉：发票信息开具错误，要求重开",
    "投诉：售后响应太慢，两天没有回复",
    "投诉：同款商品比其他渠道贵",
    "投诉：送货上门时包装破损",
  ],
  aboutReturn: ["投诉：{p}与描述不符，已申请退货", "投诉：{p}质量问题，要求退货退款"],
  winBack: [
    "流失挽回：电话了解不再下单的原因",
    "流失挽回：发送老客户专属折扣",
    "流失挽回：客户表示已更换供应商",
  ],
} as const;

export const SURVEY_ITEMS: readonly (readonly [string, number])[] = [
  ["产品质量", 0.25],
  ["服务态度", 0.15],
  ["交付速度", -0.1],
  ["价格", -0.45],
];

export const SURVEY_COMMENTS = {
  promoter: ["产品好用，服务也很专业", "发货快，会推荐给朋友", "客户经理响应很及时", "合作多年，一直很放心"],
  passive: ["整体还行，价格可以再优惠些", "一般，希望售后更快一些", "产品不错，物流偏慢"],
  detractor: [
    "交付太慢，影响了我们的项目",
    "质量不稳定，考虑换供应商",
    "投诉处理太慢，体验很差",
    "价格偏高，性价比不如其他家",
  ],
} as const;

export const CONTACT_TITLES = {
  decision_maker: ["总经理", "董事长", "副总经理", "CEO"],
  influencer: ["财务总监", "运营总监", "行政总监"],
  evaluator: ["技术总监", "IT经理", "质量经理"],
  purchaser: ["采购经理", "采购专员", "采购主管"],
  user: ["行政主管", "办公室主任", "门店店长"],
  champion: ["项目经理", "部门经理", "总经理助理"],
} as const;

export const FOREIGN_TITLES = {
  decision_maker: ["Managing Director", "CEO", "General Manager"],
  influencer: ["CFO", "Head of Operations"],
  evaluator: ["IT Manager", "Technical Lead"],
  purchaser: ["Procurement Manager", "Buyer"],
  user: ["Office Manager", "Store Manager"],
  champion: ["Project Manager", "Assistant to the CEO"],
} as const;

export const CUSTOMER_SOURCES = {
  consumer: [
    ["线上广告", 30],
    ["门店到访", 25],
    ["老客户推荐", 20],
    ["直播间", 15],
    ["展会", 5],
    ["地推活动", 5],
  ],
  business: [
    ["展会", 25],
    ["老客户推荐", 25],
    ["招投标", 12],
    ["官网咨询", 15],
    ["电话营销", 13],
    ["行业协会", 10],
  ],
} as const;
