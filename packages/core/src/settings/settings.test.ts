import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import {
  companySettingsSchema,
  DEFAULT_COMPANY_SETTINGS,
  parseSettingChanges,
  settingKey,
  settingsFromStored,
} from "./company.ts";
import { isSettingsError, SettingsError } from "./errors.ts";
import { currencySymbol, formatMoney } from "./money.ts";

function failure(work: () => unknown): SettingsError {
  try {
    work();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error("expected a SettingsError");
}

describe("company settings", () => {
  it("takes values as people type them and gives their stored form", () => {
    expect(
      parseSettingChanges({
        currency: " usd ",
        locale: "EN",
        timezone: "europe/berlin",
        fiscal_year_start: "4",
        "business-model": "B2C",
        company_name: "  上海示例贸易有限公司 ",
      }),
    ).toEqual({
      currency: "USD",
      locale: "en",
      timeZone: "Europe/Berlin",
      fiscalYearStart: "04-01",
      businessModel: "b2c",
      companyName: "上海示例贸易有限公司",
    });
    expect(parseSettingChanges({ fiscalYearStart: "7-15", timeZone: "UTC" })).toEqual({
      fiscalYearStart: "07-15",
      timeZone: "UTC",
    });
    expect(settingKey("Time_Zone")).toBe("timeZone");
    expect(settingKey("colour")).toBeUndefined();
  });

  it("reports every bad value with its setting and the values it takes, and every unknown key", () => {
    const error = failure(() =>
      parseSettingChanges({
        currency: "RMB",
        timezone: "Mars/Olympus",
        fiscalYearStart: "02-29",
        businessModel: "b2g",
        locale: "fr",
        colour: "red",
      }),
    );
    expect(error.issues.map((issue) => [issue.code, issue.params.key])).toEqual([
      ["SETTINGS_INVALID_VALUE", "currency"],
      ["SETTINGS_INVALID_VALUE", "timeZone"],
      ["SETTINGS_INVALID_VALUE", "fiscalYearStart"],
      ["SETTINGS_INVALID_VALUE", "businessModel"],
      ["SETTINGS_INVALID_VALUE", "locale"],
      ["SETTINGS_UNKNOWN_KEY", "colour"],
    ]);
    expect(error.code).toBe("SETTINGS_INVALID_VALUE");
    expect(error.issues[0]!.params).toEqual({ key: "currency", value: "RMB" });
    expect(error.message).toContain("the setting currency cannot be RMB: it takes a 3-letter ISO 4217");
    expect(error.message).toContain("Mars/Olympus: it takes an IANA time zone");
    expect(error.message).toContain("02-29: it takes a month 1–12, or month-day MM-DD");
    expect(error.message).toContain("b2g: it takes b2b, b2c or mixed");
    expect(error.message).toContain(
      "there is no setting colour; the settings are: currency, locale, timeZone",
    );
    expect(isSettingsError(error, "SETTINGS_INVALID_VALUE")).toBe(true);
    for (const bad of ["13", "0", "04-31", "4/1", ""]) {
      expect(() => parseSettingChanges({ fiscalYearStart: bad }), bad).toThrow(SettingsError);
    }
    for (const bad of ["x".repeat(101), "Acme\nLtd"]) {
      expect(() => parseSettingChanges({ companyName: bad }), bad).toThrow(SettingsError);
    }
    expect(parseSettingChanges({ companyName: ` ${"x".repeat(100)} ` }).companyName).toHaveLength(100);
    expect(parseSettingChanges({ companyName: "   " })).toEqual({ companyName: "" });
    expect(
      errorText(
        failure(() => parseSettingChanges({ currency: "元" })),
        "zh-CN",
      ),
    ).toBe("设置 currency 的值 元 无效，应为3 位 ISO 4217 货币代码，如 CNY、USD、EUR、HKD、JPY");
  });

  it("fills defaults for what is not stored and refuses a stored value that no longer validates", () => {
    expect(settingsFromStored({})).toEqual(DEFAULT_COMPANY_SETTINGS);
    expect(settingsFromStored({ currency: "EUR" })).toEqual({ ...DEFAULT_COMPANY_SETTINGS, currency: "EUR" });
    const error = failure(() => settingsFromStored({ timeZone: "Nowhere/Land" }));
    expect(error.code).toBe("SETTINGS_STORED_INVALID");
    expect(error.issues[0]!.params).toEqual({ key: "timeZone", value: "Nowhere/Land" });
    expect(companySettingsSchema.parse({ ...DEFAULT_COMPANY_SETTINGS, currency: "hkd" }).currency).toBe(
      "HKD",
    );
    expect(companySettingsSchema.safeParse({ ...DEFAULT_COMPANY_SETTINGS, extra: "x" }).success).toBe(false);
  });
});

describe("formatMoney", () => {
  it("formats in the currency for the language, with cents only when there are any", () => {
    expect(formatMoney(12300, { locale: "zh-CN" })).toBe("¥12,300");
    expect(formatMoney(1234567.5, { locale: "zh-CN" })).toBe("¥1,234,567.50");
    expect(formatMoney(0, { currency: "USD", locale: "en" })).toBe("$0");
    expect(formatMoney(-12.3, { currency: "EUR", locale: "en" })).toBe("-€12.30");
    expect(formatMoney(12, { currency: "USD", locale: "en", fixedDecimals: true })).toBe("$12.00");
    expect(formatMoney(1234.5, { currency: "JPY", locale: "en" })).toBe("¥1,235");
    expect(formatMoney(Number.NaN, { locale: "en" })).toBe("-");
    expect(formatMoney(5, { locale: "en" })).toBe("CN¥5");
    expect(currencySymbol("USD", "zh-CN")).toBe("US$");
    expect(currencySymbol("CNY", "zh-CN")).toBe("¥");
  });
});
