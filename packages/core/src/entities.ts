/**
 * The importable entities: which fields each has, how each field's text is read, and the
 * header names (Chinese and English) that companies' exports commonly use for it.
 *
 * This is the single description of the data custra takes in. The database schema, the
 * importer, the demo generator and the CSV export all follow it, so a file written by
 * `custra demo --out` is read back by `custra import` without a mapping.
 */

/** How a field's text is read and checked. */
export type FieldKind =
  | "code" // an identifier kept exactly as written (leading zeros stay)
  | "text"
  | "int"
  | "decimal" // money and quantities; thousands separators and ¥/$ signs allowed
  | "date"
  | "timestamp"
  | "bool"
  | "enum"
  | "tags" // a list written as "a,b" / "a;b" / "a、b" / "a|b"
  | "json"; // a JSON object

export interface FieldSpec {
  /** Column name in the database and the canonical header of exported files. */
  readonly name: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** For `int`: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** For `enum`: the stored values, and the other spellings that mean each of them. */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** Header names that mean this field (matched case- and space-insensitively). */
  readonly aliases: readonly string[];
  /**
   * The field whose value a new row takes when this one is empty or absent (a product without a
   * name is named by its sku). Existing rows keep theirs when the file has no such column.
   */
  readonly fallback?: string;
}

/** A field that names a row of another entity by its external key. */
export interface ReferenceSpec {
  /** The field of this entity that holds the other row's key, e.g. `customer_code`. */
  readonly field: string;
  readonly entity: EntityName;
}

export interface EntitySpec {
  readonly name: EntityName;
  /** Database table the rows land in. */
  readonly table: string;
  /** The field that identifies a row across imports (the external code or id). */
  readonly key: string;
  /**
   * When the key column is absent or empty (a plain transaction log), the key is derived
   * from these fields' values plus the count of identical rows before it in the file.
   * Entities without it require the key.
   */
  readonly deriveKeyFrom?: readonly string[];
  /** True for tables that belong to a customer and key on (customer_id, id). */
  readonly customerOwned: boolean;
  readonly references: readonly ReferenceSpec[];
  readonly fields: readonly FieldSpec[];
  /** Unknown columns go into this JSON field instead of being rejected. */
  readonly extraField?: string;
  /**
   * The field naming an order; a row that names no customer belongs to that order's customer
   * (marketplace exports key payments and reviews by order only). The customer code is then
   * required only when this field is absent or empty.
   */
  readonly customerFrom?: string;
}

export const ENTITY_NAMES = [
  "users",
  "customers",
  "contacts",
  "products",
  "orders",
  "order-lines",
  "invoices",
  "payments",
  "interactions",
  "surveys",
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

const customerCode: FieldSpec = {
  name: "customer_code",
  kind: "code",
  required: true,
  aliases: [
    "customer_code",
    "customer_id",
    "customer",
    "customer no",
    "customer number",
    "client id",
    "客户编号",
    "客户编码",
    "客户代码",
    "客户号",
    "客户id",
    "客户",
  ],
};

const externalId = (aliases: readonly string[]): FieldSpec => ({
  name: "external_id",
  kind: "code",
  aliases: ["external_id", "id", ...aliases],
});

const amount = (aliases: readonly string[]): FieldSpec => ({
  name: "amount",
  kind: "decimal",
  required: true,
  aliases: ["amount", "value", "total", "金额", "总金额", ...aliases],
});

const orderExternalId: FieldSpec = {
  name: "order_external_id",
  kind: "code",
  aliases: ["order_external_id", "order_id", "order_no", "order number", "订单号", "订单编号"],
};

/**
 * One customer's records (orders, invoices, …): keyed by external id, naming their customer by
 * code, or (with `customerFrom`) by an order of theirs.
 */
function customerRecords(spec: {
  name: EntityName;
  table: string;
  deriveKeyFrom?: readonly string[];
  idAliases: readonly string[];
  fields: readonly FieldSpec[];
  customerFrom?: string;
}): EntitySpec {
  return {
    name: spec.name,
    table: spec.table,
    key: "external_id",
    deriveKeyFrom: spec.deriveKeyFrom,
    customerOwned: true,
    references: [{ field: "customer_code", entity: "customers" }],
    fields: [
      externalId(spec.idAliases),
      spec.customerFrom ? { ...customerCode, required: false } : customerCode,
      ...spec.fields,
    ],
    customerFrom: spec.customerFrom,
  };
}

export const ENTITIES: Readonly<Record<EntityName, EntitySpec>> = {
  users: {
    name: "users",
    table: "users",
    key: "username",
    customerOwned: false,
    references: [],
    fields: [
      {
        name: "username",
        kind: "code",
        required: true,
        aliases: ["username", "login", "用户名", "账号", "工号"],
      },
      { name: "display_name", kind: "text", aliases: ["display_name", "name", "姓名", "名称"] },
      { name: "email", kind: "text", aliases: ["email", "e-mail", "邮箱", "电子邮件"] },
      { name: "team", kind: "text", aliases: ["team", "department", "团队", "部门"] },
      {
        name: "role",
        kind: "enum",
        values: {
          admin: ["管理员", "administrator"],
          manager: ["经理", "主管", "销售经理"],
          sales: ["销售", "客户经理", "业务员", "sales rep"],
          analyst: ["分析师", "数据分析"],
        },
        aliases: ["role", "角色", "岗位"],
      },
    ],
  },
  customers: {
    name: "customers",
    table: "customers",
    key: "code",
    customerOwned: false,
    references: [],
    extraField: "attributes",
    fields: [
      {
        name: "code",
        kind: "code",
        required: true,
        aliases: [
          "code",
          "customer_code",
          "customer_id",
          "customer no",
          "客户编号",
          "客户编码",
          "客户代码",
          "客户号",
          "编号",
        ],
      },
      {
        name: "name",
        kind: "text",
        aliases: ["name", "customer_name", "customer name", "客户名称", "客户名", "名称", "姓名", "公司名称"],
      },
      {
        name: "type",
        kind: "enum",
        values: {
          individual: ["个人", "个人客户", "person", "consumer", "b2c", "c"],
          enterprise: ["企业", "企业客户", "公司", "company", "business", "organization", "b2b", "b"],
        },
        aliases: ["type", "customer_type", "客户类型", "类型"],
      },
      { name: "industry", kind: "text", aliases: ["industry", "sector", "行业", "所属行业"] },
      // One name everywhere: the province (省份) is the customer's region; `region` reads as it.
      {
        name: "province",
        kind: "text",
        aliases: ["province", "region", "state", "省份", "省", "地区", "区域", "所在地区"],
      },
      { name: "city", kind: "text", aliases: ["city", "城市", "市"] },
      { name: "address", kind: "text", aliases: ["address", "地址", "联系地址", "详细地址"] },
      {
        name: "phone",
        kind: "text",
        aliases: ["phone", "mobile", "tel", "telephone", "电话", "手机", "手机号", "联系电话"],
      },
      { name: "email", kind: "text", aliases: ["email", "e-mail", "邮箱", "电子邮件"] },
      {
        name: "birthday",
        kind: "date",
        aliases: ["birthday", "birth_date", "date of birth", "生日", "出生日期"],
      },
      {
        name: "birthday_lunar",
        kind: "bool",
        aliases: ["birthday_lunar", "lunar", "lunar birthday", "农历生日", "是否农历", "农历"],
      },
      {
        name: "registered_on",
        kind: "date",
        aliases: [
          "registered_on",
          "registered",
          "registration date",
          "signup date",
          "注册日期",
          "注册时间",
          "建档日期",
          "开户日期",
        ],
      },
      {
        name: "owner",
        kind: "code",
        aliases: ["owner", "account manager", "sales rep", "负责人", "客户经理", "销售", "归属销售"],
      },
      {
        name: "needs_type",
        kind: "enum",
        values: {
          functional: ["功能型", "功能", "功能需求"],
          emotional: ["情感型", "情感", "情感需求"],
          value: ["价值型", "价值", "价值需求", "价格型"],
        },
        aliases: ["needs_type", "needs", "需求类型", "需求"],
      },
      { name: "tags", kind: "tags", aliases: ["tags", "labels", "标签"] },
      { name: "attributes", kind: "json", aliases: ["attributes", "扩展属性"] },
      {
        name: "credit_limit",
        kind: "decimal",
        aliases: ["credit_limit", "credit line", "信用额度", "授信额度"],
      },
      {
        name: "country",
        kind: "text",
        aliases: ["country", "country/region", "nation", "国家", "国家/地区"],
      },
      {
        name: "gender",
        kind: "enum",
        values: { male: ["男", "男性", "先生", "m"], female: ["女", "女性", "女士", "f"] },
        aliases: ["gender", "sex", "性别"],
      },
    ],
  },
  contacts: customerRecords({
    name: "contacts",
    table: "contacts",
    deriveKeyFrom: ["customer_code", "name", "phone"],
    idAliases: ["contact_id", "联系人编号"],
    fields: [
      {
        name: "name",
        kind: "text",
        required: true,
        aliases: ["name", "contact", "contact name", "联系人", "姓名"],
      },
      { name: "title", kind: "text", aliases: ["title", "position", "job title", "职位", "职务"] },
      {
        name: "role",
        kind: "enum",
        values: {
          decision_maker: ["决策者", "决策人", "decision maker"],
          influencer: ["影响者", "影响人"],
          evaluator: ["评估者", "技术评估", "把关者", "gatekeeper"],
          purchaser: ["采购", "采购者", "buyer"],
          user: ["使用者", "用户", "end user"],
          champion: ["支持者", "内线", "教练", "coach"],
        },
        aliases: ["role", "decision role", "决策角色", "角色"],
      },
      { name: "influence", kind: "int", min: 1, max: 5, aliases: ["influence", "影响力"] },
      {
        name: "attitude",
        kind: "enum",
        values: {
          supportive: ["支持", "积极", "positive"],
          neutral: ["中立", "一般"],
          opposed: ["反对", "消极", "negative"],
        },
        aliases: ["attitude", "态度"],
      },
      { name: "phone", kind: "text", aliases: ["phone", "mobile", "电话", "手机"] },
      { name: "email", kind: "text", aliases: ["email", "邮箱"] },
    ],
  }),
  products: {
    name: "products",
    table: "products",
    key: "sku",
    customerOwned: false,
    references: [],
    fields: [
      {
        name: "sku",
        kind: "code",
        required: true,
        aliases: ["sku", "product_code", "product id", "商品编码", "产品编号", "货号", "物料编码"],
      },
      {
        name: "name",
        kind: "text",
        fallback: "sku",
        aliases: ["name", "product_name", "product", "description", "商品名称", "产品名称", "品名"],
      },
      {
        name: "category",
        kind: "text",
        aliases: ["category", "product category", "类别", "品类", "产品类别", "分类"],
      },
      { name: "unit_cost", kind: "decimal", aliases: ["unit_cost", "cost", "成本", "单位成本", "成本价"] },
      {
        name: "unit_price",
        kind: "decimal",
        aliases: ["unit_price", "price", "list price", "单价", "售价", "标准价"],
      },
    ],
  },
  orders: customerRecords({
    name: "orders",
    table: "orders",
    deriveKeyFrom: ["customer_code", "order_date", "amount"],
    idAliases: [
      "order_id",
      "order_no",
      "order number",
      "invoice_no",
      "invoice",
      "订单号",
      "订单编号",
      "单号",
    ],
    fields: [
      {
        name: "order_date",
        kind: "date",
        required: true,
        aliases: [
          "order_date",
          "ordered_at",
          "date",
          "purchase date",
          "invoice date",
          "下单日期",
          "订单日期",
          "日期",
          "购买日期",
          "成交日期",
        ],
      },
      amount(["order_amount", "订单金额", "成交金额", "销售额", "实付金额"]),
      { name: "cost", kind: "decimal", aliases: ["cost", "成本", "订单成本"] },
      {
        name: "margin",
        kind: "decimal",
        aliases: ["margin", "gross margin", "profit", "毛利", "毛利额", "利润"],
      },
      { name: "quantity", kind: "decimal", aliases: ["quantity", "qty", "number_of_items", "数量", "件数"] },
      { name: "channel", kind: "text", aliases: ["channel", "渠道", "销售渠道"] },
      {
        name: "status",
        kind: "enum",
        // Spellings of marketplaces and shop systems too; "shipped" or "invoiced" are not listed:
        // such an order may still be cancelled, so a value map must say what they mean.
        values: {
          completed: [
            "已完成",
            "完成",
            "成交",
            "交易成功",
            "已签收",
            "已收货",
            "done",
            "paid",
            "complete",
            "delivered",
          ],
          cancelled: ["已取消", "取消", "交易关闭", "已作废", "作废", "canceled", "cancel", "void", "voided"],
          returned: ["已退货", "退货", "已退款", "退款", "退货退款", "refunded", "return"],
        },
        aliases: ["status", "order_status", "状态", "订单状态"],
      },
    ],
  }),
  "order-lines": {
    name: "order-lines",
    table: "order_lines",
    key: "external_id",
    deriveKeyFrom: ["order_external_id", "sku", "quantity", "amount"],
    customerOwned: true,
    references: [
      { field: "order_external_id", entity: "orders" },
      { field: "sku", entity: "products" },
    ],
    fields: [
      externalId(["line_id", "明细编号"]),
      {
        name: "order_external_id",
        kind: "code",
        required: true,
        aliases: ["order_external_id", "order_id", "order_no", "订单号", "订单编号"],
      },
      {
        name: "sku",
        kind: "code",
        required: true,
        aliases: ["sku", "product_code", "商品编码", "产品编号", "货号"],
      },
      { name: "quantity", kind: "decimal", required: true, aliases: ["quantity", "qty", "数量"] },
      { name: "unit_price", kind: "decimal", aliases: ["unit_price", "price", "单价"] },
      amount(["line_amount", "行金额", "小计"]),
      { name: "cost", kind: "decimal", aliases: ["cost", "成本"] },
    ],
  },
  invoices: customerRecords({
    name: "invoices",
    table: "invoices",
    idAliases: ["invoice_id", "invoice_no", "invoice number", "发票号", "发票号码", "应收单号", "单据号"],
    customerFrom: "order_external_id",
    fields: [
      orderExternalId,
      {
        name: "issued_on",
        kind: "date",
        required: true,
        aliases: ["issued_on", "issue date", "invoice date", "date", "开票日期", "发票日期", "日期"],
      },
      {
        name: "due_on",
        kind: "date",
        required: true,
        aliases: ["due_on", "due date", "due", "到期日", "到期日期", "应收日期"],
      },
      amount(["invoice_amount", "发票金额", "应收金额"]),
    ],
  }),
  payments: customerRecords({
    name: "payments",
    table: "payments",
    deriveKeyFrom: ["customer_code", "paid_on", "amount", "invoice_external_id"],
    idAliases: ["payment_id", "收款单号", "回款单号"],
    customerFrom: "order_external_id",
    fields: [
      {
        name: "invoice_external_id",
        kind: "code",
        aliases: ["invoice_external_id", "invoice_id", "invoice_no", "发票号", "发票号码", "应收单号"],
      },
      {
        name: "paid_on",
        kind: "date",
        required: true,
        aliases: ["paid_on", "payment date", "paid at", "date", "付款日期", "回款日期", "收款日期", "日期"],
      },
      amount(["payment_amount", "payment_value", "付款金额", "回款金额", "收款金额"]),
      orderExternalId,
    ],
  }),
  interactions: customerRecords({
    name: "interactions",
    table: "interactions",
    deriveKeyFrom: ["customer_code", "kind", "occurred_at"],
    idAliases: ["interaction_id", "记录编号"],
    fields: [
      {
        name: "kind",
        kind: "enum",
        required: true,
        values: {
          visit: ["拜访", "上门拜访", "走访"],
          call: ["电话", "来电", "去电", "phone"],
          consultation: ["咨询"],
          complaint: ["投诉"],
          feedback: ["反馈", "建议"],
          email: ["邮件", "电子邮件", "e-mail"],
          wechat: ["微信"],
        },
        aliases: ["kind", "type", "channel", "类型", "方式", "互动类型", "联系方式"],
      },
      {
        name: "occurred_at",
        kind: "timestamp",
        required: true,
        aliases: ["occurred_at", "at", "date", "time", "日期", "时间", "发生时间", "联系时间"],
      },
      {
        name: "summary",
        kind: "text",
        aliases: ["summary", "content", "notes", "内容", "摘要", "备注", "记录"],
      },
      { name: "owner", kind: "code", aliases: ["owner", "by", "负责人", "跟进人", "经办人"] },
      {
        name: "resolved_at",
        kind: "timestamp",
        aliases: ["resolved_at", "resolved", "closed at", "解决时间", "处理完成时间"],
      },
    ],
  }),
  surveys: customerRecords({
    name: "surveys",
    table: "survey_answers",
    deriveKeyFrom: ["customer_code", "answered_on", "item"],
    idAliases: ["answer_id", "response_id", "review_id", "问卷编号"],
    customerFrom: "order_external_id",
    fields: [
      {
        name: "answered_on",
        kind: "date",
        required: true,
        aliases: ["answered_on", "date", "survey date", "日期", "调查日期", "填写日期"],
      },
      {
        name: "nps",
        kind: "int",
        min: 0,
        max: 10,
        aliases: ["nps", "recommend", "推荐意愿", "推荐度", "nps评分"],
      },
      { name: "item", kind: "text", aliases: ["item", "question", "aspect", "项目", "评价项", "题目"] },
      {
        name: "satisfaction",
        kind: "int",
        min: 1,
        max: 5,
        aliases: ["satisfaction", "score", "csat", "满意度", "评分"],
      },
      { name: "comment", kind: "text", aliases: ["comment", "comments", "评价", "意见", "留言"] },
      orderExternalId,
    ],
  }),
};

const ordersFields = new Map(ENTITIES.orders.fields.map((field) => [field.name, field]));
const lineFields = new Map(ENTITIES["order-lines"].fields.map((field) => [field.name, field]));

/**
 * A file of order lines with their orders (`custra import orders F --lines`): one row per line
 * of an invoice or order, as ERPs and shops export sales (invoice number, product, quantity, unit
 * price, date, customer). Rows with the same order number make one order whose amount is the sum
 * of its lines; a line's amount is quantity × unit price unless the file has it.
 */
export const ORDER_LINE_FILE: EntitySpec = {
  name: "orders",
  table: "order_lines",
  key: "external_id",
  deriveKeyFrom: ["order_external_id", "sku", "quantity", "unit_price"],
  customerOwned: true,
  references: [
    { field: "customer_code", entity: "customers" },
    { field: "sku", entity: "products" },
  ],
  fields: [
    {
      name: "order_external_id",
      kind: "code",
      required: true,
      aliases: [
        ...ordersFields
          .get("external_id")!
          .aliases.filter((alias) => alias !== "id" && alias !== "external_id"),
        "order_external_id",
        "invoice_id",
        "invoice number",
        "发票号",
        "单据号",
        "单据编号",
      ],
    },
    ordersFields.get("customer_code")!,
    ordersFields.get("order_date")!,
    ordersFields.get("channel")!,
    ordersFields.get("status")!,
    { name: "external_id", kind: "code", aliases: ["external_id", "line_id", "明细编号", "行号"] },
    {
      ...lineFields.get("sku")!,
      aliases: [...lineFields.get("sku")!.aliases, "stock code", "item code", "product id", "物料编码"],
    },
    {
      name: "product_name",
      kind: "text",
      aliases: ["product_name", "product", "description", "商品名称", "产品名称", "品名"],
    },
    lineFields.get("quantity")!,
    { ...lineFields.get("unit_price")!, aliases: ["unit_price", "price", "单价", "售价"] },
    {
      ...lineFields.get("amount")!,
      required: false,
      aliases: ["line_amount", "amount", "行金额", "小计", "金额"],
    },
    lineFields.get("cost")!,
  ],
};

/** Entities in the order they can be loaded: everything a row references is loaded before it. */
export const LOAD_ORDER: readonly EntityName[] = [
  "users",
  "customers",
  "contacts",
  "products",
  "orders",
  "order-lines",
  "invoices",
  "payments",
  "interactions",
  "surveys",
];

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}
