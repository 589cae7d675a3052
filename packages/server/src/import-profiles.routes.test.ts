import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { csvForm } from "./testing/multipart.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import { type SignedIn, signedInPerRole } from "./testing/sign-in.ts";

/** A shop's export: headers no alias knows, and its own words for customer types. */
const SHOP_CSV = "cust_no,cust_title,kind\nS1,Shop One,firm\nS2,Shop Two,person\n";
const SHOP_PROFILE = {
  columns: { cust_no: "code", cust_title: "name", kind: "type" },
  values: { type: { firm: "enterprise", person: "individual" } },
};

for (const engine of ENGINES) {
  describe(`saved import profiles over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: false });
    const { call, upload } = server;
    const as: Record<string, SignedIn> = {};
    beforeAll(async () => {
      Object.assign(as, await signedInPerRole(server.app, server.handle));
    }, 120_000);

    const stored = async () =>
      Number(
        (
          await server.handle.db
            .selectFrom("import_profiles")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audits = async (action: string) =>
      (
        await server.handle.db
          .selectFrom("audit_log")
          .select(["actor_id", "entity_id", "details"])
          .where("action", "=", action)
          .orderBy("id")
          .execute()
      ).map((entry) => ({ ...entry, details: JSON.parse(entry.details!) }));

    it("saves a profile as versions: each save a new one, the latest read by default, audited", async () => {
      const first = await call(as.manager!, "PUT", "/api/v1/imports/profiles/shop", {
        entity: "customers",
        profile: { columns: { cust_no: "code" } },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        name: "shop",
        version: 1,
        entity: "customers",
        profile: { entity: "customers", columns: { cust_no: "code" } },
        createdBy: as.manager!.userId,
      });
      const second = await call(as.admin!, "PUT", "/api/v1/imports/profiles/shop", {
        entity: "customers",
        profile: SHOP_PROFILE,
      });
      expect(second.json()).toMatchObject({ version: 2, profile: SHOP_PROFILE, createdBy: as.admin!.userId });

      const latest = await call(as.manager!, "GET", "/api/v1/imports/profiles/shop");
      expect(latest.json()).toMatchObject({ version: 2, profile: SHOP_PROFILE });
      const old = await call(as.manager!, "GET", "/api/v1/imports/profiles/shop?version=1");
      expect(old.json()).toMatchObject({ version: 1, profile: { columns: { cust_no: "code" } } });
      expect((await call(as.manager!, "GET", "/api/v1/imports/profiles/shop?version=3")).statusCode).toBe(
        404,
      );

      await call(as.manager!, "PUT", "/api/v1/imports/profiles/u8-orders", {
        entity: "orders",
        profile: { date_format: "dd/mm/yyyy" },
      });
      const all = (await call(as.admin!, "GET", "/api/v1/imports/profiles")).json();
      expect(all.map((p: { name: string; version: number }) => [p.name, p.version])).toEqual([
        ["shop", 2],
        ["u8-orders", 1],
      ]);
      const orders = (await call(as.admin!, "GET", "/api/v1/imports/profiles?entity=orders")).json();
      expect(orders.map((p: { name: string }) => p.name)).toEqual(["u8-orders"]);
      expect(await audits("import_profile.save")).toEqual([
        { actor_id: as.manager!.userId, entity_id: "shop", details: { version: 1, entity: "customers" } },
        { actor_id: as.admin!.userId, entity_id: "shop", details: { version: 2, entity: "customers" } },
        { actor_id: as.manager!.userId, entity_id: "u8-orders", details: { version: 1, entity: "orders" } },
      ]);
    });

    it("refuses an invalid profile, a bad name, and roles without import (403), storing nothing", async () => {
      const before = await stored();
      const invalid = await call(as.admin!, "PUT", "/api/v1/imports/profiles/broken", {
        entity: "customers",
        profile: { columns: { a: "no_such_field" } },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().code).toBe("IMPORT_PROFILE_INVALID");
      expect(invalid.json().detail).toContain("no_such_field");
      const unknownSetting = await call(as.admin!, "PUT", "/api/v1/imports/profiles/broken", {
        entity: "customers",
        profile: { extra: true },
      });
      expect(unknownSetting.statusCode).toBe(400);
      expect(unknownSetting.json().detail).toContain("extra");
      const otherEntity = await call(as.admin!, "PUT", "/api/v1/imports/profiles/broken", {
        entity: "customers",
        profile: { entity: "orders" },
      });
      expect(otherEntity.statusCode).toBe(400);
      expect(
        (
          await call(as.admin!, "PUT", "/api/v1/imports/profiles/bad%20name!", {
            entity: "customers",
            profile: {},
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (await call(as.admin!, "PUT", "/api/v1/imports/profiles/x", { entity: "nope", profile: {} }))
          .statusCode,
      ).toBe(400);
      for (const role of ["sales", "analyst"]) {
        const who = as[role]!;
        for (const [method, url, body] of [
          ["GET", "/api/v1/imports/profiles", undefined],
          ["GET", "/api/v1/imports/profiles/shop", undefined],
          ["PUT", "/api/v1/imports/profiles/shop", { entity: "customers", profile: {} }],
          ["DELETE", "/api/v1/imports/profiles/shop", undefined],
        ] as const) {
          const response = await call(who, method, url, body);
          expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
          expect(response.json()).toMatchObject({ code: "APP_FORBIDDEN", params: { permission: "import" } });
        }
      }
      const { "x-csrf-token": _, ...noCsrf } = as.admin!.headers;
      const csrf = await server.app.inject({
        method: "PUT",
        url: "/api/v1/imports/profiles/shop",
        headers: noCsrf,
        payload: { entity: "customers", profile: {} },
      });
      expect(csrf.statusCode).toBe(403);
      expect(await stored()).toBe(before);
      expect((await server.app.inject({ url: "/api/v1/imports/profiles" })).statusCode).toBe(401);
    });

    it("applies a saved profile by name to a preview, a validation and an import", async () => {
      const preview = await upload(
        as.manager!,
        "/api/v1/imports/customers/preview",
        csvForm("shop.csv", SHOP_CSV, { profileName: "shop" }),
      );
      expect(preview.statusCode).toBe(200);
      expect(JSON.stringify(preview.json())).toContain("Shop One");
      const validated = await upload(
        as.manager!,
        "/api/v1/imports/customers/validate",
        csvForm("shop.csv", SHOP_CSV, { profileName: "shop" }),
      );
      expect(validated.json()).toMatchObject({ rejected: 0, written: false });
      const imported = await upload(
        as.manager!,
        "/api/v1/imports/customers",
        csvForm("shop.csv", SHOP_CSV, { profileName: "shop" }),
      );
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ inserted: 2, written: true });
      const rows = await server.handle.db
        .selectFrom("customers")
        .select(["code", "name", "type"])
        .orderBy("code")
        .execute();
      expect(rows).toEqual([
        { code: "S1", name: "Shop One", type: "enterprise" },
        { code: "S2", name: "Shop Two", type: "individual" },
      ]);
      // Without the profile the headers mean nothing: the file is refused.
      expect(
        (await upload(as.manager!, "/api/v1/imports/customers/validate", csvForm("shop.csv", SHOP_CSV)))
          .statusCode,
      ).toBeGreaterThanOrEqual(400);

      const unknown = await upload(
        as.manager!,
        "/api/v1/imports/customers",
        csvForm("shop.csv", SHOP_CSV, { profileName: "nope" }),
      );
      expect(unknown.statusCode).toBe(404);
      const both = await upload(
        as.manager!,
        "/api/v1/imports/customers",
        csvForm("shop.csv", SHOP_CSV, { profileName: "shop", profile: {} }),
      );
      expect(both.statusCode).toBe(400);
      // A profile of orders does not read a customers file.
      const wrong = await upload(
        as.manager!,
        "/api/v1/imports/customers/validate",
        csvForm("shop.csv", SHOP_CSV, { profileName: "u8-orders" }),
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe("IMPORT_PROFILE_INVALID");
    });

    it("deletes a profile, every version, audited; then it is not found", async () => {
      expect((await call(as.manager!, "DELETE", "/api/v1/imports/profiles/shop")).statusCode).toBe(204);
      expect((await call(as.manager!, "GET", "/api/v1/imports/profiles/shop")).statusCode).toBe(404);
      expect((await call(as.manager!, "GET", "/api/v1/imports/profiles/shop?version=1")).statusCode).toBe(
        404,
      );
      expect((await call(as.manager!, "DELETE", "/api/v1/imports/profiles/shop")).statusCode).toBe(404);
      expect(
        (await call(as.admin!, "GET", "/api/v1/imports/profiles"))
          .json()
          .map((p: { name: string }) => p.name),
      ).toEqual(["u8-orders"]);
      expect(await audits("import_profile.delete")).toEqual([
        { actor_id: as.manager!.userId, entity_id: "shop", details: { versions: 2 } },
      ]);
    });
  });
}
