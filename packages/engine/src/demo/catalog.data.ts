/**
 * What the demo company sells: office and home technology with supplies and services, a range
 * that both households and businesses buy from, with the margin spread of such a business
 * (appliances thin, consumables and services fat).
 */

export interface Category {
  readonly name: string;
  /** Gross margin as a share of the list price. */
  readonly margin: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  /** How strongly consumers and businesses buy from it. */
  readonly consumerWeight: number;
  readonly businessWeight: number;
  readonly code: string;
  readonly products: readonly string[];
}

export const CATEGORIES: readonly Category[] = [
  {
    name: "家用电器",
    margin: 0.21,
    minPrice: 199,
    maxPrice: 12999,
    consumerWeight: 26,
    businessWeight: 4,
    code: "HA",
    products: [
      "空气净化器",
      "扫地机器人",
      "洗碗机",
      "电饭煲",
      "空调扇",
      "净水器",
      "咖啡机",
      "吸尘器",
      "加湿器",
    ],
  },
  {
    name: "办公设备",
    margin: 0.27,
    minPrice: 599,
    maxPrice: 39999,
    consumerWeight: 5,
    businessWeight: 22,
    code: "OF",
    products: ["激光打印机", "复印一体机", "投影仪", "碎纸机", "会议平板", "考勤机", "标签打印机", "扫描仪"],
  },
  {
    name: "智能硬件",
    margin: 0.33,
    minPrice: 99,
    maxPrice: 5999,
    consumerWeight: 22,
    businessWeight: 8,
    code: "SH",
    products: ["智能门锁", "智能手表", "蓝牙耳机", "智能摄像头", "智能音箱", "平板电脑", "电子阅读器"],
  },
  {
    name: "耗材配件",
    margin: 0.42,
    minPrice: 9,
    maxPrice: 899,
    consumerWeight: 14,
    businessWeight: 24,
    code: "CS",
    products: ["A4复印纸", "硒鼓", "墨盒", "数据线", "移动电源", "U盘", "键鼠套装", "显示器支架", "插线板"],
  },
  {
    name: "家居用品",
    margin: 0.36,
    minPrice: 29,
    maxPrice: 3999,
    consumerWeight: 18,
    businessWeight: 5,
    code: "HO",
    products: ["人体工学椅", "升降桌", "床品四件套", "护眼台灯", "收纳柜", "保温杯", "乳胶枕"],
  },
  {
    name: "软件与订阅",
    margin: 0.6,
    minPrice: 199,
    maxPrice: 49999,
    consumerWeight: 3,
    businessWeight: 16,
    code: "SW",
    products: ["协同办公年费", "财务软件", "设计软件授权", "云存储套餐", "杀毒软件", "进销存系统"],
  },
  {
    name: "维保服务",
    margin: 0.5,
    minPrice: 299,
    maxPrice: 19999,
    consumerWeight: 4,
    businessWeight: 14,
    code: "SV",
    products: ["延保服务", "上门安装", "设备年度维保", "IT驻场服务", "数据恢复服务"],
  },
  {
    name: "礼品定制",
    margin: 0.45,
    minPrice: 39,
    maxPrice: 1999,
    consumerWeight: 8,
    businessWeight: 7,
    code: "GF",
    products: ["定制礼盒", "企业定制U盘", "节日礼品卡", "商务笔记本套装", "定制保温杯"],
  },
];

/** Model suffixes that make one product noun into a product line. */
export const MODEL_SUFFIXES: readonly string[] = [
  "标准版",
  "Pro",
  "Max",
  "Lite",
  "旗舰版",
  "商用版",
  "Mini",
  "Plus",
  "S1",
  "X3",
  "二代",
  "青春版",
];

export const CONSUMER_CHANNELS: readonly (readonly [string, number])[] = [
  ["线上商城", 45],
  ["门店", 28],
  ["微信小程序", 14],
  ["电话", 8],
  ["直播间", 5],
];

export const BUSINESS_CHANNELS: readonly (readonly [string, number])[] = [
  ["企业直销", 45],
  ["经销商", 28],
  ["电话", 10],
  ["线上商城", 10],
  ["招投标", 7],
];
