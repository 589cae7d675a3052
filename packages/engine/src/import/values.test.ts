import { ENTITIES, type FieldSpec } from "@custra/core";
import { renderText } from "@custra/core/errors";
import type { Locale } from "@custra/core/i18n";
import { describe, expect, it } from "vitest";
import {
  type ParseResult,
  parseBool,
  parseCode,
  parseDate,
  parseDateFormat,
  parseDecimal,
  parseEnum,
  parseField,
  parseInteger,
  parseJsonObject,
  parseTags,
  parseText,
  parseTimestamp,
} from "./values.ts";

const value = (result: ParseResult) => {
  if (!result.ok) throw new Error(`expected a value, got: ${renderText(result.reason, "en")}`);
  return result.value;
};
/** The rejection's reason as a reader in `locale` reads it. */
const reason = (result: ParseResult, locale: Locale = "en") => {
  if (result.ok) throw new Error(`expected a rejection, got: ${result.value}`);
  return renderText(result.reason, locale);
};

describe("parseDate", () => {
  it.each([
    ["2024-01-05", "2024-01-05"],
    [" 2024-01-05 ", "2024-01-05"],
    ["2024/1/5", "2024-01-05"],
    ["2024/01/05", "2024-01-05"],
    ["2024.1.5", "2024-01-05"],
    ["20240105", "2024-01-05"],
    ["2024年1月5日", "2024-01-05"],
    ["2024年01月05日", "2024-01-05"],
    ["２０２４年１月５日", "2024-01-05"],
    ["2024-01-05 13:45", "2024-01-05"],
    ["2024-01-05 13:45:00", "2024-01-05"],
    ["2024/1/5 9:05:07", "2024-01-05"],
    ["2024-01-05T13:45:00Z", "2024-01-05"],
    ["2024年1月5日 13:45", "2024-01-05"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %j", (text, expected) => {
    expect(value(parseDate(text))).toBe(expected);
  });

  it("reads XLSX date cells by their UTC fields, as exceljs delivers them", () => {
    expect(value(parseDate(new Date(Date.UTC(2024, 0, 5))))).toBe("2024-01-05");
    expect(value(parseDate(new Date(Date.UTC(2024, 0, 5, 23, 30))))).toBe("2024-01-05");
  });

  it("reads Excel serial day numbers and 8-digit numbers", () => {
    expect(value(parseDate(45296))).toBe("2024-01-05");
    expect(value(parseDate(45296.75))).toBe("2024-01-05");
    expect(value(parseDate(61))).toBe("1900-03-01");
    expect(value(parseDate(20240105))).toBe("2024-01-05");
  });

  it("gives null for empty cells", () => {
    expect(value(parseDate(null))).toBeNull();
    expect(value(parseDate("  "))).toBeNull();
  });

  it.each([
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024/4/31",
    "20240230",
    "2024年2月30日",
    "2024-01-05 25:00",
  ])("rejects the impossible date %j, quoting it", (text) => {
    expect(reason(parseDate(text))).toContain(`"${text}"`);
    expect(reason(parseDate(text), "zh-CN")).toMatch(/不存在的日期/);
  });

  it.each(["abc", "2024-01", "2024-01-05x", "2024-01/05", "45296", "1.5"])("rejects %j", (text) => {
    expect(reason(parseDate(text))).toContain(`"${text}"`);
  });

  it("rejects numbers outside the serial range and booleans", () => {
    expect(parseDate(12).ok).toBe(false);
    expect(parseDate(20240230).ok).toBe(false);
    expect(parseDate(true).ok).toBe(false);
  });

  it.each(["05/01/2024", "5.1.2024", "05-01-2024 13:00"])(
    "calls %j ambiguous without a date format instead of guessing",
    (text) => {
      const result = parseDate(text);
      expect(result).toMatchObject({ ok: false, ambiguousDate: true });
      expect(reason(result)).toMatch(/day\/month\/year or month\/day\/year/);
    },
  );

  it("reads day-month and month-day orders by the date format, with the time of day", () => {
    const dmy = { dateFormat: parseDateFormat("dd/mm/yyyy")! };
    const mdy = { dateFormat: parseDateFormat("mm/dd/yyyy")! };
    expect(value(parseDate("03/04/2024", dmy))).toBe("2024-04-03");
    expect(value(parseDate("03/04/2024", mdy))).toBe("2024-03-04");
    expect(value(parseDate("3/4/2024 17:30", dmy))).toBe("2024-04-03");
    // Year-first dates cannot be misread, so they are read whatever the format.
    expect(value(parseDate("2024-04-03", mdy))).toBe("2024-04-03");
    expect(reason(parseDate("13/04/2024", mdy), "zh-CN")).toMatch(/不存在的日期/);
    expect(reason(parseDate("2024|04|03", dmy))).toBe(
      'the date "2024|04|03" does not match the date format dd/mm/yyyy',
    );
    const withTime = { dateFormat: parseDateFormat("dd.mm.yyyy HH:mm")! };
    expect(value(parseTimestamp("03.04.2024 17:30", withTime))).toBe("2024-04-03T17:30:00Z");
    expect(value(parseTimestamp("03.04.2024", withTime))).toBe("2024-04-03T00:00:00Z");
    expect(parseTimestamp("03.04.2024 17:30:15", withTime).ok).toBe(false);
  });

  it.each(["dd/mm", "yyyy-mm-dd-dd", "dd/mm/yy", "dd/mm/yyyy HH", "dd?mm?yyyy", "dd/mm/yyyy HH:mm x"])(
    "is not a date format: %j",
    (text) => {
      expect(parseDateFormat(text)).toBeUndefined();
    },
  );

  it("words the reason in the reader's locale", () => {
    expect(reason(parseDate("abc"))).toBe('not a date: "abc"');
    expect(reason(parseDate("abc"), "zh-CN")).toBe('无法识别的日期："abc"');
    expect(reason(parseDate("2024-02-30"))).toBe('no such date: "2024-02-30"');
  });
});

describe("parseTimestamp", () => {
  it.each([
    ["2024-01-05", "2024-01-05T00:00:00Z"],
    ["2024-01-05 13:45", "2024-01-05T13:45:00Z"],
    ["2024-01-05 13:45:09", "2024-01-05T13:45:09Z"],
    ["2024/1/5 9:05", "2024-01-05T09:05:00Z"],
    ["2024-01-05T13:45:09.789", "2024-01-05T13:45:09Z"],
    ["2024-01-05T13:45:00Z", "2024-01-05T13:45:00Z"],
    ["2024-01-05T13:45:00+08:00", "2024-01-05T05:45:00Z"],
    ["2024-01-05 01:00+0800", "2024-01-04T17:00:00Z"],
    ["2024年1月5日 13时45分", "2024-01-05T13:45:00Z"],
    ["2024年1月5日13时45分30秒", "2024-01-05T13:45:30Z"],
    ["20240105", "2024-01-05T00:00:00Z"],
  ])("reads %j", (text, expected) => {
    expect(value(parseTimestamp(text))).toBe(expected);
  });

  it("reads XLSX cells", () => {
    expect(value(parseTimestamp(new Date(Date.UTC(2024, 0, 5, 13, 45, 0, 400))))).toBe(
      "2024-01-05T13:45:00Z",
    );
    expect(value(parseTimestamp(45296.5))).toBe("2024-01-05T12:00:00Z");
  });

  it.each(["2024-01-05 24:00", "2024-01-05 13:60", "2024-02-30 10:00"])(
    "rejects the impossible %j",
    (text) => {
      expect(reason(parseTimestamp(text))).toContain(text);
    },
  );

  it.each(["yesterday", "2024-01-05 1345", "2024-01-0513:45", "13:45"])("rejects %j", (text) => {
    expect(parseTimestamp(text).ok).toBe(false);
  });
});

describe("parseDecimal", () => {
  it.each([
    ["12", "12.00"],
    ["12.5", "12.50"],
    ["1,234.50", "1234.50"],
    ["¥1,234.5", "1234.50"],
    ["￥12", "12.00"],
    ["$12", "12.00"],
    ["US$ 1,000", "1000.00"],
    ["1 234", "1234.00"],
    ["1\u00a0234.5", "1234.50"],
    ["-12.3", "-12.30"],
    ["−12.3", "-12.30"],
    ["(12.30)", "-12.30"],
    ["(¥1,234.00)", "-1234.00"],
    ["-¥5", "-5.00"],
    ["12.5元", "12.50"],
    ["RMB 8", "8.00"],
    ["１２３．４", "123.40"],
    [".5", "0.50"],
    ["007", "7.00"],
    ["0.29", "0.29"],
    ["-0.00", "0.00"],
    ["999999999999.99", "999999999999.99"],
    ["1.230", "1.23"],
  ])("reads %j as %j", (text, expected) => {
    expect(value(parseDecimal(text))).toBe(expected);
  });

  it.each(["1.234", "1.005", "-0.004", "99.995", 1.234, 1e-7])(
    "refuses %j: more decimals than the column keeps, never rounded",
    (cell) => {
      expect(reason(parseDecimal(cell))).toMatch(/more than 2 decimals/);
    },
  );

  it("reads XLSX numbers at the precision Excel shows", () => {
    expect(value(parseDecimal(1234.5))).toBe("1234.50");
    expect(value(parseDecimal(0.1 + 0.2))).toBe("0.30");
    expect(value(parseDecimal(1.1 * 3))).toBe("3.30");
    expect(value(parseDecimal(-12.3))).toBe("-12.30");
    expect(value(parseDecimal(0.29))).toBe("0.29");
    expect(value(parseDecimal(42))).toBe("42.00");
  });

  it("refuses amounts the analysis cannot hold, as text and as XLSX numbers", () => {
    for (const cell of ["9999999999999999.99", "1000000000000", "-1,000,000,000,000.00", 1e12, 9.99e15])
      expect(reason(parseDecimal(cell))).toMatch(/too large for the analysis/);
  });

  it.each(["abc", "1.2.3", "12a", "--5", "¥", "-", "1e5", "12,5", "1,23,456", "1,2345"])(
    "rejects %j",
    (text) => {
      expect(reason(parseDecimal(text))).toContain(`"${text}"`);
    },
  );

  it("explains a misplaced thousands separator", () => {
    expect(reason(parseDecimal("12,5"))).toMatch(/thousands separator/);
  });

  it("rejects values beyond DECIMAL(18,2)", () => {
    expect(parseDecimal("12345678901234567").ok).toBe(false);
    expect(parseDecimal(1e17).ok).toBe(false);
    expect(parseDecimal(Number.NaN).ok).toBe(false);
    expect(parseDecimal(true).ok).toBe(false);
  });
});

describe("parseInteger", () => {
  it("reads whole numbers", () => {
    expect(value(parseInteger("7"))).toBe("7");
    expect(value(parseInteger(" -3 "))).toBe("-3");
    expect(value(parseInteger("1,000"))).toBe("1000");
    expect(value(parseInteger("9.0"))).toBe("9");
    expect(value(parseInteger(9))).toBe("9");
    expect(value(parseInteger(""))).toBeNull();
  });

  it("rejects fractions and words", () => {
    expect(parseInteger("9.5").ok).toBe(false);
    expect(parseInteger(9.5).ok).toBe(false);
    expect(parseInteger("nine").ok).toBe(false);
  });

  it("checks the bounds", () => {
    expect(value(parseInteger("0", 0, 10))).toBe("0");
    expect(value(parseInteger("10", 0, 10))).toBe("10");
    expect(reason(parseInteger("11", 0, 10))).toBe('"11" is outside 0–10');
    expect(reason(parseInteger(-1, 0))).toBe('"-1" is below the minimum 0');
    expect(reason(parseInteger(6, undefined, 5))).toBe('"6" is above the maximum 5');
  });
});

describe("parseBool", () => {
  it.each([
    ["true", "true"],
    ["TRUE", "true"],
    ["1", "true"],
    ["yes", "true"],
    ["Y", "true"],
    ["T", "true"],
    ["是", "true"],
    ["对", "true"],
    ["false", "false"],
    ["0", "false"],
    ["No", "false"],
    ["n", "false"],
    ["f", "false"],
    ["否", "false"],
    ["错", "false"],
  ])("reads %j", (text, expected) => {
    expect(value(parseBool(text))).toBe(expected);
  });

  it("reads XLSX booleans and 0/1 numbers", () => {
    expect(value(parseBool(true))).toBe("true");
    expect(value(parseBool(0))).toBe("false");
    expect(parseBool(2).ok).toBe(false);
  });

  it("rejects anything else", () => {
    expect(reason(parseBool("maybe"))).toContain('"maybe"');
  });
});

describe("parseEnum", () => {
  const customerType = ENTITIES.customers.fields.find((f) => f.name === "type")!.values!;
  const contactRole = ENTITIES.contacts.fields.find((f) => f.name === "role")!.values!;

  it("reads stored values and spellings, case- and space-insensitively", () => {
    expect(value(parseEnum("enterprise", customerType))).toBe("enterprise");
    expect(value(parseEnum(" Enterprise ", customerType))).toBe("enterprise");
    expect(value(parseEnum("企业", customerType))).toBe("enterprise");
    expect(value(parseEnum("B2C", customerType))).toBe("individual");
    expect(value(parseEnum("Decision Maker", contactRole))).toBe("decision_maker");
    expect(value(parseEnum("decision-maker", contactRole))).toBe("decision_maker");
  });

  it("lists the accepted values when rejecting", () => {
    const why = reason(parseEnum("alien", customerType));
    expect(why).toContain('"alien"');
    expect(why).toContain("individual");
    expect(why).toContain("enterprise");
    expect(why).toContain("企业");
  });
});

describe("parseTags", () => {
  it("splits on every separator exports use, trimmed, empties and repeats dropped", () => {
    expect(value(parseTags("vip, 老客户;华东、大客户|重点，新；新"))).toBe(
      JSON.stringify(["vip", "老客户", "华东", "大客户", "重点", "新"]),
    );
    expect(value(parseTags("single"))).toBe('["single"]');
    expect(value(parseTags(" , ;"))).toBeNull();
  });

  it("reads a JSON array of strings (custra's own exports) as the list it is", () => {
    expect(value(parseTags('["VIP","华东, 大客户"]'))).toBe(JSON.stringify(["VIP", "华东, 大客户"]));
    expect(value(parseTags("[1,2]"))).toBe(JSON.stringify(["[1", "2]"]));
  });
});

describe("parseJsonObject", () => {
  it("accepts objects only", () => {
    expect(value(parseJsonObject('{ "a": 1, "b": "x" }'))).toBe('{"a":1,"b":"x"}');
    expect(parseJsonObject("[1,2]").ok).toBe(false);
    expect(parseJsonObject("null").ok).toBe(false);
    expect(parseJsonObject("{broken").ok).toBe(false);
    expect(parseJsonObject(12).ok).toBe(false);
  });
});

describe("parseCode and parseText", () => {
  it("keeps codes as written, leading zeros included", () => {
    expect(value(parseCode(" 000123 "))).toBe("000123");
    expect(value(parseCode(123))).toBe("123");
    expect(value(parseCode(13800138000))).toBe("13800138000");
    expect(value(parseCode(""))).toBeNull();
  });

  it("reads an integer exported as a float as the integer, keeping leading zeros", () => {
    expect(value(parseCode("17850.0"))).toBe("17850");
    expect(value(parseCode(17850.0))).toBe("17850");
    expect(value(parseCode("007.00"))).toBe("007");
    expect(value(parseCode("007"))).toBe("007");
    expect(value(parseCode("17850.5"))).toBe("17850.5");
  });

  it.each(["NA", "N/A", "#N/A", "null", "NULL", "-", "无", "empty", " n/a "])(
    "refuses the placeholder %j as a code",
    (text) => {
      expect(reason(parseCode(text))).toMatch(/placeholder for a missing code/);
    },
  );

  it("trims text and renders typed cells", () => {
    expect(value(parseText("  上海 "))).toBe("上海");
    expect(value(parseText(""))).toBeNull();
    expect(value(parseText(12.5))).toBe("12.5");
    expect(value(parseText(new Date(Date.UTC(2024, 0, 5))))).toBe("2024-01-05");
  });
});

describe("parseField", () => {
  const field = (entity: keyof typeof ENTITIES, name: string): FieldSpec =>
    ENTITIES[entity].fields.find((f) => f.name === name)!;

  it("dispatches on the field's kind", () => {
    expect(value(parseField(field("orders", "order_date"), "2024/1/5"))).toBe("2024-01-05");
    expect(value(parseField(field("orders", "amount"), "¥1,234.5"))).toBe("1234.50");
    expect(value(parseField(field("orders", "status"), "已完成"))).toBe("completed");
    expect(value(parseField(field("customers", "birthday_lunar"), "是"))).toBe("true");
    expect(value(parseField(field("customers", "tags"), "a、b"))).toBe('["a","b"]');
    expect(value(parseField(field("interactions", "occurred_at"), "2024-01-05 13:45"))).toBe(
      "2024-01-05T13:45:00Z",
    );
    expect(value(parseField(field("customers", "code"), "007"))).toBe("007");
  });

  it("applies the int bounds of the field", () => {
    expect(value(parseField(field("surveys", "nps"), "10"))).toBe("10");
    expect(parseField(field("surveys", "nps"), "11").ok).toBe(false);
    expect(parseField(field("surveys", "satisfaction"), "0").ok).toBe(false);
  });

  it.each(["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"])(
    "refuses the formula error %j in any field, never reading it as empty",
    (cell) => {
      for (const [entity, name] of [
        ["orders", "amount"],
        ["orders", "cost"],
        ["orders", "channel"],
        ["orders", "order_date"],
        ["customers", "code"],
      ] as const)
        expect(reason(parseField(field(entity, name), cell))).toMatch(/Excel formula error/);
    },
  );

  it("rejects empty cells of required fields only", () => {
    expect(reason(parseField(field("orders", "order_date"), " "))).toBe("required, may not be empty");
    expect(reason(parseField(field("orders", "amount"), null))).toBe("required, may not be empty");
    expect(value(parseField(field("orders", "cost"), ""))).toBeNull();
  });
});
