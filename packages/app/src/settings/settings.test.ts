import { errorText, isSettingsError } from "@custra/core";
import { type DbHandle, queryAudit } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf } from "../errors/error-outcomes.ts";
import { contextOf, READER } from "../testing/customers.fixture.ts";
import { resetCompanySettings, showCompanySettings, updateCompanySettings } from "./settings.service.ts";

for (const engine of ENGINES) {
  describe(`company settings on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("lets a reader see the settings, but only an administrator change or reset them", async () => {
      const reader = contextOf(handle, READER);
      expect((await showCompanySettings(reader)).settings.currency).toBe("CNY");
      await expect(updateCompanySettings(reader, { changes: { currency: "USD" } })).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "manageUsers" },
      });
      await expect(resetCompanySettings(reader, { keys: ["currency"] })).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
      expect((await showCompanySettings(reader)).defaults).toContain("currency");

      const admin = contextOf(handle);
      const changed = await updateCompanySettings(admin, {
        changes: { currency: "usd", timezone: "Europe/Berlin" },
      });
      expect(changed.settings).toMatchObject({ currency: "USD", timeZone: "Europe/Berlin" });
      expect(changed.defaults).not.toContain("currency");
      const reset = await resetCompanySettings(admin, { keys: ["currency"] });
      expect(reset.settings.currency).toBe("CNY");
      expect(reset.settings.timeZone).toBe("Europe/Berlin");
    });

    it("audits each change with the values before and after, and nothing for a change that changes nothing", async () => {
      const admin = contextOf(handle);
      const last = (await queryAudit(handle.db, { limit: 1 }))[0]?.id ?? 0;
      await updateCompanySettings(admin, { changes: { companyName: " 示例贸易 ", currency: "EUR" } });
      await updateCompanySettings(admin, { changes: { currency: "eur" } });
      await resetCompanySettings(admin, { keys: ["companyName", "currency"] });
      const entries = (await queryAudit(handle.db, { limit: 1000 })).filter((entry) => entry.id > last);
      expect(entries.every((entry) => entry.entity === "settings")).toBe(true);
      expect(entries.map(({ action, changes }) => ({ action, changes })).reverse()).toEqual([
        {
          action: "settings.update",
          changes: {
            currency: { before: "CNY", after: "EUR" },
            companyName: { before: "", after: "示例贸易" },
          },
        },
        {
          action: "settings.reset",
          changes: {
            currency: { before: "EUR", after: "CNY" },
            companyName: { before: "示例贸易", after: "" },
          },
        },
      ]);
      expect(entries[0]!.actorName).toBe(admin.actor.username ?? "local");
    });

    it("refuses bad values all at once, each as text in the reader's language, and changes nothing", async () => {
      const admin = contextOf(handle);
      const error = await updateCompanySettings(admin, { changes: { currency: "RMB", colour: "red" } }).catch(
        (thrown: unknown) => thrown,
      );
      expect(isSettingsError(error)).toBe(true);
      if (!isSettingsError(error)) return;
      expect(error.issues.map((issue) => issue.code)).toEqual([
        "SETTINGS_INVALID_VALUE",
        "SETTINGS_UNKNOWN_KEY",
      ]);
      expect(outcomeOf(error.code).status).toBe(400);
      expect(errorText(error, "en")).toContain(
        "the setting currency cannot be RMB: it takes a 3-letter ISO 4217",
      );
      expect(errorText(error, "en")).toContain("; there is no setting colour");
      expect(errorText(error, "zh-CN")).toContain("设置 currency 的值 RMB 无效，应为3 位 ISO 4217 货币代码");
      expect((await showCompanySettings(admin)).settings.currency).toBe("CNY");
      await expect(updateCompanySettings(admin, { changes: "currency=USD" })).rejects.toMatchObject({
        code: "APP_INVALID_INPUT",
      });
    });
  });
}
