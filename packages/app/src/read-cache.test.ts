import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "./access/actor.ts";
import { showCustomer } from "./customers/customer-360.service.ts";
import { listCustomers } from "./customers/customer-list.service.ts";
import { cachedRead } from "./read-cache.ts";
import { contextOf, loadCompany, READER } from "./testing/customers.fixture.ts";

for (const engine of ENGINES) {
  describe(`cached reads on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await loadCompany(handle);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it(engine === "duckdb" ? "keeps a read until data changes" : "keeps nothing", async () => {
      let reads = 0;
      const read = () => cachedRead(handle, "page", `count ${engine}`, async () => ++reads);
      await Promise.all([read(), read()]);
      await read();
      expect(reads).toBe(engine === "duckdb" ? 1 : 3);
      await handle.db.updateTable("customers").set({ city: "杭州" }).where("code", "=", "A1").execute();
      await read();
      expect(reads).toBe(engine === "duckdb" ? 2 : 4);
    });

    it(
      engine === "duckdb"
        ? "keeps a sign-in through 2,000 distinct list reads, each pool within its own bound"
        : "reads every sign-in again",
      async () => {
        let signIns = 0;
        const signIn = () => cachedRead(handle, "sign-in", `session ${engine}`, async () => ++signIns);
        let lists = 0;
        const list = (i: number) => cachedRead(handle, "page", `customers.list ${i}`, async () => ++lists);
        await signIn();
        for (let i = 0; i < 2000; i++) await list(i);
        await signIn();
        expect(lists).toBe(2000);
        expect(signIns).toBe(engine === "duckdb" ? 1 : 2);
        // The pages still have their bound: the first of the 2,000 is gone, the last is kept.
        await list(1999);
        expect(lists).toBe(engine === "duckdb" ? 2000 : 2001);
        await list(0);
        expect(lists).toBe(engine === "duckdb" ? 2001 : 2002);
      },
    );

    it("keeps no failed read", async () => {
      let tries = 0;
      const read = () =>
        cachedRead(handle, "page", `fails ${engine}`, async () => {
          tries++;
          throw new Error("no");
        });
      await expect(read()).rejects.toThrow("no");
      await expect(read()).rejects.toThrow("no");
      expect(tries).toBe(2);
    });

    it("shows the list and the 360 view as they are after a write, masked for each reader", async () => {
      const masked: Actor = { ...READER, personalFields: { list: "mask", detail: "mask" } };
      const phoneOf = async (actor: Actor) =>
        (await listCustomers(contextOf(handle, actor), {})).items.find((item) => item.code === "A1")?.phone;
      // Both see every customer, so they share what is kept; each still gets their own masking.
      expect(await phoneOf(READER)).toBe("13800000001");
      expect(await phoneOf(masked)).toBe("138****0001");
      expect(await phoneOf(READER)).toBe("13800000001");
      expect((await showCustomer(contextOf(handle, masked), { code: "A1" })).customer.phone).toBe(
        "138****0001",
      );
      expect((await showCustomer(contextOf(handle, READER), { code: "A1" })).customer.phone).toBe(
        "13800000001",
      );

      const ownerOf = async () =>
        (await listCustomers(contextOf(handle, READER), {})).items.find((item) => item.code === "A1")?.owner;
      const before = await ownerOf();
      await handle.db.updateTable("customers").set({ owner: "bob" }).where("code", "=", "A1").execute();
      expect(before).toBe("alice");
      expect(await ownerOf()).toBe("bob");
      expect((await showCustomer(contextOf(handle, READER), { code: "A1" })).customer.owner).toBe("bob");
    });
  });
}
