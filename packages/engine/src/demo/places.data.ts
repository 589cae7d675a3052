/**
 * Where the demo company's customers are. Weights follow the size of each city's economy,
 * so the coastal provinces dominate the way they do in real customer lists.
 */

export type Team = "华东" | "华南" | "华北" | "华中" | "西南" | "海外";

export interface City {
  /** Province as customer lists usually write it, without 省/市 (浙江, 北京). */
  readonly province: string;
  readonly city: string;
  /** The province and city as written at the head of a postal address. */
  readonly addressPrefix: string;
  readonly districts: readonly string[];
  readonly team: Team;
  readonly weight: number;
  /** Telephone area code, for business landlines. */
  readonly areaCode: string;
}

const city = (
  province: string,
  name: string,
  addressPrefix: string,
  districts: readonly string[],
  team: Team,
  weight: number,
  areaCode: string,
): City => ({ province, city: name, addressPrefix, districts, team, weight, areaCode });

export const CITIES: readonly City[] = [
  city("上海", "上海", "上海市", ["浦东新区", "徐汇区", "静安区", "闵行区", "长宁区"], "华东", 95, "021"),
  city("北京", "北京", "北京市", ["朝阳区", "海淀区", "东城区", "丰台区", "西城区"], "华北", 90, "010"),
  city("广东", "深圳", "广东省深圳市", ["南山区", "福田区", "宝安区", "龙岗区"], "华南", 85, "0755"),
  city("广东", "广州", "广东省广州市", ["天河区", "越秀区", "海珠区", "番禺区"], "华南", 65, "020"),
  city("广东", "东莞", "广东省东莞市", ["长安镇", "虎门镇", "南城街道"], "华南", 25, "0769"),
  city("广东", "佛山", "广东省佛山市", ["南海区", "顺德区", "禅城区"], "华南", 25, "0757"),
  city(
    "浙江",
    "杭州",
    "浙江省杭州市",
    ["西湖区", "滨江区", "余杭区", "拱墅区", "萧山区"],
    "华东",
    60,
    "0571",
  ),
  city("浙江", "宁波", "浙江省宁波市", ["鄞州区", "海曙区", "北仑区"], "华东", 28, "0574"),
  city("浙江", "温州", "浙江省温州市", ["鹿城区", "瓯海区"], "华东", 15, "0577"),
  city("浙江", "嘉兴", "浙江省嘉兴市", ["南湖区", "秀洲区"], "华东", 10, "0573"),
  city("江苏", "苏州", "江苏省苏州市", ["工业园区", "姑苏区", "吴中区", "昆山市"], "华东", 50, "0512"),
  city("江苏", "南京", "江苏省南京市", ["鼓楼区", "玄武区", "江宁区", "建邺区"], "华东", 40, "025"),
  city("江苏", "无锡", "江苏省无锡市", ["梁溪区", "滨湖区", "新吴区"], "华东", 28, "0510"),
  city("山东", "青岛", "山东省青岛市", ["市南区", "黄岛区", "崂山区"], "华东", 28, "0532"),
  city("山东", "济南", "山东省济南市", ["历下区", "槐荫区"], "华东", 20, "0531"),
  city("福建", "厦门", "福建省厦门市", ["思明区", "湖里区"], "华东", 15, "0592"),
  city("福建", "福州", "福建省福州市", ["鼓楼区", "仓山区"], "华东", 15, "0591"),
  city("安徽", "合肥", "安徽省合肥市", ["蜀山区", "包河区", "政务区"], "华东", 22, "0551"),
  city("天津", "天津", "天津市", ["和平区", "南开区", "滨海新区"], "华北", 25, "022"),
  city("河北", "石家庄", "河北省石家庄市", ["长安区", "桥西区"], "华北", 10, "0311"),
  city("山西", "太原", "山西省太原市", ["小店区", "迎泽区"], "华北", 7, "0351"),
  city("辽宁", "沈阳", "辽宁省沈阳市", ["和平区", "浑南区"], "华北", 10, "024"),
  city("辽宁", "大连", "辽宁省大连市", ["中山区", "甘井子区"], "华北", 11, "0411"),
  city("黑龙江", "哈尔滨", "黑龙江省哈尔滨市", ["南岗区", "道里区"], "华北", 7, "0451"),
  city("吉林", "长春", "吉林省长春市", ["朝阳区", "南关区"], "华北", 6, "0431"),
  city("湖北", "武汉", "湖北省武汉市", ["江汉区", "洪山区", "武昌区", "东湖高新区"], "华中", 35, "027"),
  city("湖南", "长沙", "湖南省长沙市", ["岳麓区", "芙蓉区", "雨花区"], "华中", 28, "0731"),
  city("河南", "郑州", "河南省郑州市", ["金水区", "郑东新区", "中原区"], "华中", 25, "0371"),
  city("江西", "南昌", "江西省南昌市", ["东湖区", "红谷滩区"], "华中", 12, "0791"),
  city("四川", "成都", "四川省成都市", ["武侯区", "锦江区", "高新区", "青羊区"], "西南", 42, "028"),
  city("重庆", "重庆", "重庆市", ["渝中区", "江北区", "渝北区", "九龙坡区"], "西南", 35, "023"),
  city("陕西", "西安", "陕西省西安市", ["雁塔区", "碑林区", "未央区"], "西南", 20, "029"),
  city("云南", "昆明", "云南省昆明市", ["五华区", "盘龙区"], "西南", 10, "0871"),
  city("贵州", "贵阳", "贵州省贵阳市", ["云岩区", "观山湖区"], "西南", 8, "0851"),
  city("广西", "南宁", "广西壮族自治区南宁市", ["青秀区", "西乡塘区"], "华南", 9, "0771"),
  city("海南", "海口", "海南省海口市", ["龙华区", "美兰区"], "华南", 5, "0898"),
];

export const STREETS: readonly string[] = [
  "人民路",
  "解放路",
  "中山路",
  "建设路",
  "文三路",
  "科技路",
  "长江路",
  "黄河路",
  "新华路",
  "南京路",
  "和平路",
  "滨江大道",
  "创业大道",
  "学院路",
  "环城北路",
  "东风路",
  "迎宾大道",
  "高新大道",
];

export const BUILDING_WORDS: readonly string[] = ["大厦", "中心", "广场", "科技园", "产业园", "商务楼"];

export const RESIDENCE_WORDS: readonly string[] = ["花园", "小区", "公寓", "家园", "苑", "新村"];

export interface ForeignCity {
  /** Country in Chinese, in the province column, as Chinese companies record overseas clients. */
  readonly country: string;
  readonly city: string;
  /** City and postcode line of a local address. */
  readonly locality: string;
  readonly streets: readonly string[];
  readonly phonePrefix: string;
  readonly companySuffix: string;
  readonly mailTld: string;
  readonly weight: number;
}

export const FOREIGN_CITIES: readonly ForeignCity[] = [
  {
    country: "德国",
    city: "Berlin",
    locality: "10117 Berlin, Germany",
    streets: ["Friedrichstraße", "Unter den Linden", "Torstraße"],
    phonePrefix: "+49 30 ",
    companySuffix: "GmbH",
    mailTld: "de",
    weight: 10,
  },
  {
    country: "德国",
    city: "Hamburg",
    locality: "20457 Hamburg, Germany",
    streets: ["Am Sandtorkai", "Mönckebergstraße"],
    phonePrefix: "+49 40 ",
    companySuffix: "GmbH",
    mailTld: "de",
    weight: 6,
  },
  {
    country: "美国",
    city: "Los Angeles",
    locality: "Los Angeles, CA 90012, USA",
    streets: ["S Broadway", "W 7th St", "Wilshire Blvd"],
    phonePrefix: "+1 213 ",
    companySuffix: "Inc.",
    mailTld: "com",
    weight: 10,
  },
  {
    country: "美国",
    city: "New York",
    locality: "New York, NY 10001, USA",
    streets: ["Broadway", "5th Ave", "W 34th St"],
    phonePrefix: "+1 212 ",
    companySuffix: "LLC",
    mailTld: "com",
    weight: 8,
  },
  {
    country: "英国",
    city: "London",
    locality: "London EC2A 4NE, United Kingdom",
    streets: ["Old Street", "Great Eastern Street", "Baker Street"],
    phonePrefix: "+44 20 ",
    companySuffix: "Ltd",
    mailTld: "co.uk",
    weight: 8,
  },
  {
    country: "新加坡",
    city: "Singapore",
    locality: "Singapore 018989",
    streets: ["Marina Boulevard", "Raffles Place", "Orchard Road"],
    phonePrefix: "+65 ",
    companySuffix: "Pte. Ltd.",
    mailTld: "com.sg",
    weight: 9,
  },
  {
    country: "澳大利亚",
    city: "Sydney",
    locality: "Sydney NSW 2000, Australia",
    streets: ["George Street", "Pitt Street"],
    phonePrefix: "+61 2 ",
    companySuffix: "Pty Ltd",
    mailTld: "com.au",
    weight: 5,
  },
  {
    country: "法国",
    city: "Paris",
    locality: "75008 Paris, France",
    streets: ["Rue de Rivoli", "Boulevard Haussmann"],
    phonePrefix: "+33 1 ",
    companySuffix: "SARL",
    mailTld: "fr",
    weight: 4,
  },
  {
    country: "荷兰",
    city: "Rotterdam",
    locality: "3011 AD Rotterdam, Netherlands",
    streets: ["Coolsingel", "Wilhelminakade"],
    phonePrefix: "+31 10 ",
    companySuffix: "B.V.",
    mailTld: "nl",
    weight: 4,
  },
];
