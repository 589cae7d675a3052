import { ENTITIES, type EntityName } from "@custra/core";
import { describe, expect, it } from "vitest";
import { rendered } from "../testing/render.ts";
import { ImportOptionError, matchHeaders, parseMapOptions, parseValuesOptions } from "./headers.ts";
import { normalizeKey } from "./values.ts";

const fieldsOf = (headers: string[], entity: EntityName, map: Record<string, string> = {}) =>
  matchHeaders(headers, ENTITIES[entity], map).columns.map((column) => column.field);

describe("matchHeaders", () => {
  it("matches Chinese order headers", () => {
    const match = matchHeaders(["订单号", "客户编号", "下单日期", "金额", "渠道"], ENTITIES.orders);
    expect(match.columns.map((c) => c.field)).toEqual([
      "external_id",
      "customer_code",
      "order_date",
      "amount",
      "channel",
    ]);
    expect(match).toMatchObject({ missing: [], unknown: [], errors: [] });
    expect(match.columns[2]).toEqual({
      index: 2,
      header: "下单日期",
      field: "order_date",
      matchedBy: "alias",
    });
  });

  it("says how each field was found, and takes region as the province", () => {
    const match = matchHeaders(["code", "Region", "国家", "备注"], ENTITIES.customers, { 备注: "name" });
    expect(match.columns.map((c) => [c.field, c.matchedBy])).toEqual([
      ["code", "name"],
      ["province", "alias"],
      ["country", "alias"],
      ["name", "map"],
    ]);
  });

  it("leaves out a column the map gives no field, whatever its alias; a required one is then missing", () => {
    const match = matchHeaders(["订单号", "客户编号", "日期", "金额"], ENTITIES.orders, {
      日期: "",
      备注: "",
    });
    expect(match.columns.map((c) => c.field)).toEqual(["external_id", "customer_code", null, "amount"]);
    expect(match.unknown).toEqual(["日期"]);
    expect(match.missing).toEqual(["order_date"]);
    expect(match.errors).toEqual([]);
  });

  it("lets payments name an order instead of a customer, but not neither", () => {
    expect(matchHeaders(["order_id", "paid_on", "amount"], ENTITIES.payments).missing).toEqual([]);
    expect(matchHeaders(["paid_on", "amount"], ENTITIES.payments).missing).toEqual(["customer_code"]);
    expect(matchHeaders(["review_id", "order_id", "score", "date"], ENTITIES.surveys).missing).toEqual([]);
    expect(
      matchHeaders(["invoice_no", "order_no", "issued_on", "due_on", "amount"], ENTITIES.invoices).missing,
    ).toEqual([]);
  });

  it("matches customer headers in Chinese", () => {
    expect(
      fieldsOf(["客户编号", "客户名称", "客户类型", "所属行业", "省份", "生日", "标签"], "customers"),
    ).toEqual(["code", "name", "type", "industry", "province", "birthday", "tags"]);
  });

  it("ignores case, spaces, underscores, hyphens and full width", () => {
    expect(fieldsOf(["Customer Code", "ORDER-DATE", "order date", " Amount "], "orders").slice(0, 2)).toEqual(
      ["customer_code", "order_date"],
    );
    expect(fieldsOf(["ＳＫＵ", "Product Name", "unit price", "Unit_Cost"], "products")).toEqual([
      "sku",
      "name",
      "unit_price",
      "unit_cost",
    ]);
    expect(fieldsOf(["e-mail", "E_mail", "客户 编号"], "customers")).toEqual(["email", null, "code"]);
  });

  it("matches the English and Chinese headers of payments, surveys and interactions", () => {
    expect(fieldsOf(["收款单号", "客户", "回款日期", "回款金额", "发票号"], "payments")).toEqual([
      "external_id",
      "customer_code",
      "paid_on",
      "amount",
      "invoice_external_id",
    ]);
    expect(
      fieldsOf(["customer_id", "survey date", "NPS", "question", "CSAT", "comments"], "surveys"),
    ).toEqual(["customer_code", "answered_on", "nps", "item", "satisfaction", "comment"]);
    expect(fieldsOf(["客户编号", "互动类型", "发生时间", "内容"], "interactions")).toEqual([
      "customer_code",
      "kind",
      "occurred_at",
      "summary",
    ]);
  });

  it("prefers a field's own name over another field's alias", () => {
    // "customer_code" is an alias of customers.code, but in orders it is a field of its own.
    expect(fieldsOf(["customer_code"], "orders")).toEqual(["customer_code"]);
    // In users "name" is an alias of display_name: there is no field called name.
    expect(fieldsOf(["name"], "users")).toEqual(["display_name"]);
  });

  it("reports required fields that no column holds, except a key the entity can derive", () => {
    const orders = matchHeaders(["客户编号", "金额"], ENTITIES.orders);
    expect(orders.missing).toEqual(["order_date"]);
    const customers = matchHeaders(["客户名称"], ENTITIES.customers);
    expect(customers.missing).toEqual(["code"]);
  });

  it("lists unknown headers and leaves empty ones out", () => {
    const match = matchHeaders(["客户编号", "备注信息", "", "会员等级"], ENTITIES.customers);
    expect(match.unknown).toEqual(["备注信息", "会员等级"]);
    expect(match.columns.map((c) => c.field)).toEqual(["code", null, null, null]);
  });

  it("reports two columns that mean the same field", () => {
    const match = matchHeaders(["日期", "客户编号", "下单日期", "金额"], ENTITIES.orders);
    expect(match.columns.map((c) => c.field)).toEqual(["order_date", "customer_code", null, "amount"]);
    expect(rendered(match.errors)).toEqual([
      'columns "日期" (column 1) and "下单日期" (column 3) both mean the field order_date; remove one or choose in the column map',
    ]);
  });

  describe("with --map", () => {
    it("maps headers the aliases do not know", () => {
      const match = matchHeaders(["单据日期", "客户编号", "金额"], ENTITIES.orders, {
        单据日期: "order_date",
      });
      expect(match.columns.map((c) => c.field)).toEqual(["order_date", "customer_code", "amount"]);
      expect(match).toMatchObject({ missing: [], unknown: [], errors: [] });
    });

    it("wins over aliases, and the column it displaces becomes unknown rather than a conflict", () => {
      const match = matchHeaders(["下单日期", "发货日期", "客户编号", "金额"], ENTITIES.orders, {
        发货日期: "order_date",
      });
      expect(match.columns.map((c) => c.field)).toEqual([null, "order_date", "customer_code", "amount"]);
      expect(match.unknown).toEqual(["下单日期"]);
      expect(match.errors).toEqual([]);
    });

    it("can send a column to a different field than its alias says", () => {
      const match = matchHeaders(["客户编号", "日期", "金额", "成本"], ENTITIES.orders, {
        金额: "margin",
        成本: "amount",
      });
      expect(match.columns.map((c) => c.field)).toEqual(["customer_code", "order_date", "margin", "amount"]);
      expect(match.errors).toEqual([]);
    });

    it("finds the column loosely when it is not written exactly", () => {
      expect(fieldsOf(["Ship Date", "客户编号", "金额"], "orders", { ship_date: "order_date" })[0]).toBe(
        "order_date",
      );
    });

    it("reports a field that does not exist, listing the fields", () => {
      const match = matchHeaders(["单据日期"], ENTITIES.orders, { 单据日期: "orderdate2" });
      expect(match.errors).toHaveLength(1);
      expect(rendered(match.errors[0])).toContain('orders has no field "orderdate2"');
      expect(rendered(match.errors[0])).toContain("order_date");
    });

    it("reports a column that is not in the file", () => {
      const match = matchHeaders(["客户编号"], ENTITIES.orders, { 单据日期: "order_date" });
      expect(rendered(match.errors[0])).toContain('the file has no column "单据日期"');
      expect(match.missing).toContain("order_date");
    });

    it("reports two columns mapped to one field", () => {
      const match = matchHeaders(["a", "b", "客户编号"], ENTITIES.orders, { a: "amount", b: "amount" });
      expect(rendered(match.errors)).toEqual(['the column map maps both "a" and "b" to the field amount']);
    });
  });
});

describe("parseMapOptions", () => {
  it("reads column=field entries", () => {
    expect(parseMapOptions(["单据日期=order_date", " 客户 = customer_code ", "a=b=amount"])).toEqual({
      单据日期: "order_date",
      客户: "customer_code",
      "a=b": "amount",
    });
    expect(parseMapOptions([])).toEqual({});
  });

  it.each(["order_date", "=order_date", "单据日期=", "="])("rejects %j", (entry) => {
    expect(() => parseMapOptions([entry])).toThrow(ImportOptionError);
  });

  it("names the malformed entry", () => {
    expect(() => parseMapOptions(["单据日期"])).toThrow('--map expects "column=field": "单据日期"');
  });

  it("rejects a column mapped to two fields, accepts a repeat", () => {
    expect(parseMapOptions(["a=amount", "a=amount"])).toEqual({ a: "amount" });
    expect(() => parseMapOptions(["a=amount", "a=cost"])).toThrow(ImportOptionError);
  });
});

describe("the entity registry", () => {
  it("has no header alias that means two fields of one entity", () => {
    const clashes: string[] = [];
    for (const spec of Object.values(ENTITIES)) {
      const seen = new Map<string, string>();
      for (const field of spec.fields) {
        for (const alias of new Set([field.name, ...field.aliases].map(normalizeKey))) {
          const other = seen.get(alias);
          if (other && other !== field.name)
            clashes.push(`${spec.name}: "${alias}" → ${other}, ${field.name}`);
          seen.set(alias, field.name);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe("parseValuesOptions", () => {
  it("reads field:source=target lists, repeated and merged per field", () => {
    expect(
      parseValuesOptions([
        "status:delivered=completed, canceled = cancelled",
        "status:退款=returned",
        "owner:无=",
      ]),
    ).toEqual({
      status: { delivered: "completed", canceled: "cancelled", 退款: "returned" },
      owner: { 无: "" },
    });
  });

  it.each(["status", "status:", ":a=b", "status:delivered", "status:=completed", "status:a=b,c"])(
    "refuses %j as a usage error",
    (entry) => {
      expect(() => parseValuesOptions([entry])).toThrow(ImportOptionError);
    },
  );
});
