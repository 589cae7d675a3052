/** Company settings stored on each engine: defaults, changes, all-or-nothing validation, reset. */
import { DEFAULT_COMPANY_SETTINGS, isSettingsError, SETTING_KEYS } from "@custra/core";
import { type Database, type DbHandle, readCompanySettings } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  loadSettings,
  resetSettings,
  type SettingChanges,
  showSettings,
  updateSettings,
} from "./settings.ts";

for (const engine of ENGINES) {
  describe(`company settings on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("round-trips every setting and keeps the defaults of those not set", async () => {
      expect(await showSettings(handle)).toEqual({
        settings: DEFAULT_COMPANY_SETTINGS,
        defaults: ["currency", "locale", "timeZone", "fiscalYearStart", "businessModel", "companyName"],
      });
      const view = await updateSettings(handle, { currency: "usd", timezone: "europe/berlin" });
      expect(view).toEqual({
        settings: { ...DEFAULT_COMPANY_SETTINGS, currency: "USD", timeZone: "Europe/Berlin" },
        defaults: ["locale", "fiscalYearStart", "businessModel", "companyName"],
      });
      await updateSettings(handle, {
        currency: "EUR",
        locale: "en",
        fiscal_year_start: "4",
        business_model: "mixed",
        company_name: " 示例贸易 ",
      });
      expect(await loadSettings(handle)).toEqual({
        currency: "EUR",
        locale: "en",
        timeZone: "Europe/Berlin",
        fiscalYearStart: "04-01",
        businessModel: "mixed",
        companyName: "示例贸易",
      });
      // One row per setting: the second change replaced the first currency.
      expect(await readCompanySettings(handle.db)).toEqual({
        businessModel: "mixed",
        companyName: "示例贸易",
        currency: "EUR",
        fiscalYearStart: "04-01",
        locale: "en",
        timeZone: "Europe/Berlin",
      });
      const reset = await resetSettings(handle, ["currency", "time-zone", "company-name"]);
      expect(reset.settings.currency).toBe("CNY");
      expect(reset.settings.timeZone).toBe("Asia/Shanghai");
      expect(reset.defaults).toEqual(["currency", "timeZone", "companyName"]);
    });

    it("tells the caller, in the writing transaction, what changed from what to what", async () => {
      await resetSettings(handle, SETTING_KEYS);
      const seen: { changes: SettingChanges; stored: string | undefined }[] = [];
      // Read in the transaction: the new value is already written there.
      const record = async (trx: Kysely<Database>, changes: SettingChanges) => {
        seen.push({ changes, stored: (await readCompanySettings(trx)).currency });
      };
      await updateSettings(handle, { currency: "eur", locale: "zh-CN" }, record);
      await updateSettings(handle, { currency: "EUR" }, record);
      await resetSettings(handle, ["currency", "locale", "timeZone"], record);
      expect(seen).toEqual([
        { changes: { currency: { before: "CNY", after: "EUR" } }, stored: "EUR" },
        { changes: {}, stored: "EUR" },
        { changes: { currency: { before: "EUR", after: "CNY" } }, stored: undefined },
      ]);
      // A failing caller undoes the change with it: no setting is stored without its record.
      const failing = updateSettings(handle, { currency: "USD" }, async () => {
        throw new Error("audit unavailable");
      });
      await expect(failing).rejects.toThrow("audit unavailable");
      expect((await loadSettings(handle)).currency).toBe("CNY");
    });

    it("writes nothing when one value is bad, and names the setting and its values", async () => {
      const before = await readCompanySettings(handle.db);
      const change = updateSettings(handle, { locale: "zh-CN", currency: "dollars" });
      await expect(change).rejects.toSatisfy((error) => isSettingsError(error, "SETTINGS_INVALID_VALUE"));
      await expect(change).rejects.toThrow("the setting currency cannot be dollars: it takes a 3-letter");
      expect(await readCompanySettings(handle.db)).toEqual(before);
      await expect(resetSettings(handle, ["colour"])).rejects.toThrow("there is no setting colour");
    });

    it("refuses a stored value written around the validation, naming it", async () => {
      await handle.db
        .insertInto("company_settings")
        .values({ key: "timeZone", value: "Mars/Olympus" })
        .execute();
      await expect(loadSettings(handle)).rejects.toSatisfy((error) =>
        isSettingsError(error, "SETTINGS_STORED_INVALID"),
      );
      await resetSettings(handle, ["timeZone"]);
      expect((await loadSettings(handle)).timeZone).toBe("Asia/Shanghai");
    });
  });
}
