import { csi, npsSummary } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../access/actor.ts";
import { showCustomer } from "../customers/customer-360.service.ts";
import { AppError } from "../errors/app-error.ts";
import { contextOf, loadCompany, READER, salesActor } from "../testing/customers.fixture.ts";
import { createContact, listContacts, readContact, updateContact } from "./contacts.service.ts";
import {
  listInteractions,
  logInteraction,
  readInteraction,
  resolveInteraction,
} from "./interactions.service.ts";
import { listSurveyAnswers, summarizeSurveys } from "./surveys.service.ts";

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Alice in sales, who may create and edit: her own customers A1 and A2 only. */
const alice = () => salesActor(["read", "create", "edit"]);
/** Sees every customer, personal fields masked in lists and details (the analyst's default). */
const ANALYST: Actor = { ...READER, personalFields: { list: "mask", detail: "mask" } };

for (const engine of ENGINES) {
  describe(`contacts, interactions and surveys on ${engine}`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await loadCompany(handle);
    });
    afterAll(async () => {
      await handle?.close();
    });

    const auditRows = (action: string) =>
      handle.db
        .selectFrom("audit_log")
        .select(["entity_id", "changes", "details", "actor_name"])
        .where("action", "=", action)
        .orderBy("id")
        .execute();
    const count = async (table: "contacts" | "interactions", customer: string) =>
      (await handle.db.selectFrom(table).select("id").where("customer_id", "=", ids.get(customer)!).execute())
        .length;

    it("creates a contact of a customer the actor may change, audited field by field, with an API external id", async () => {
      const ctx = contextOf(handle, alice());
      const created = await createContact(ctx, {
        customerCode: "A1",
        name: "王经理",
        role: "decision_maker",
        influence: 4,
        phone: "13912345678",
        email: "wang@example.com",
      });
      expect(created).toMatchObject({
        customerCode: "A1",
        name: "王经理",
        phone: "13912345678",
        influence: 4,
      });
      const stored = await handle.db
        .selectFrom("contacts")
        .select(["external_id", "customer_id"])
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow();
      expect(Number(stored.customer_id)).toBe(ids.get("A1"));
      // Never a derived import key (#…), never a plain file id.
      expect(stored.external_id).toMatch(/^api:[0-9a-f-]{36}$/);
      const [entry] = await auditRows("contact.create");
      expect(entry).toMatchObject({ entity_id: String(created.id), actor_name: "alice" });
      expect(JSON.parse(entry!.changes!)).toMatchObject({
        name: { before: null, after: "王经理" },
        phone: { before: null, after: "13912345678" },
        influence: { before: null, after: 4 },
      });
      // An unknown role value, or a field that is none of a contact's, is refused.
      expect((await failure(createContact(ctx, { customerCode: "A1", name: "x", role: "boss" }))).code).toBe(
        "APP_INVALID_INPUT",
      );
      expect((await failure(createContact(ctx, { customerCode: "A1", name: "x", id: 5 }))).code).toBe(
        "APP_INVALID_INPUT",
      );
    });

    it("writes nothing on a customer out of scope or one only shared read-only: not found", async () => {
      const ctx = contextOf(handle, alice());
      const before = await auditRows("contact.create");
      const hidden = await failure(createContact(ctx, { customerCode: "B1", name: "李四" }));
      expect(hidden.code).toBe("APP_NOT_FOUND");
      expect(await count("contacts", "B1")).toBe(0);
      await handle.db
        .insertInto("customer_shares")
        .values({ customer_id: ids.get("B2")!, user_id: 2, access: "read", until: null })
        .execute();
      // Alice may read B2 now, not change it.
      expect((await listContacts(ctx, { customerCode: "B2" })).total).toBe(0);
      expect((await failure(createContact(ctx, { customerCode: "B2", name: "李四" }))).code).toBe(
        "APP_NOT_FOUND",
      );
      expect(
        (
          await failure(
            logInteraction(ctx, {
              customerCode: "B2",
              kind: "visit",
              occurredAt: "2026-01-10T09:00:00+08:00",
              summary: "x",
            }),
          )
        ).code,
      ).toBe("APP_NOT_FOUND");
      expect(await count("contacts", "B2")).toBe(0);
      expect(await count("interactions", "B2")).toBe(0);
      expect(await auditRows("contact.create")).toEqual(before);
      // A role without the permission is refused before anything is looked up.
      expect(
        (await failure(createContact(contextOf(handle, READER), { customerCode: "A1", name: "x" }))).code,
      ).toBe("APP_FORBIDDEN");
    });

    it("lists contacts of customers in scope, masked by list rights; one contact by detail rights, unmasked views audited", async () => {
      await handle.db
        .insertInto("contacts")
        .values({ customer_id: ids.get("B1")!, external_id: "B1-c", name: "赵总", phone: "13700001111" })
        .execute();
      const sales = contextOf(handle, alice());
      const mine = await listContacts(sales);
      expect(mine.items.map((c) => c.customerCode)).toEqual(["A1"]);
      expect(mine.total).toBe(1);
      expect(mine.items[0]).toMatchObject({ phone: "139****5678", email: "w***@example.com" });
      const all = await listContacts(contextOf(handle));
      expect(all.items.map((c) => c.name)).toEqual(["王经理", "赵总"]);
      expect(all.items[0]!.phone).toBe("13912345678");
      expect(
        (await listContacts(contextOf(handle), { search: "赵" })).items.map((c) => c.customerCode),
      ).toEqual(["B1"]);
      // A customer out of scope is not found, never an empty list that says it exists.
      expect((await failure(listContacts(sales, { customerCode: "B1" }))).code).toBe("APP_NOT_FOUND");

      const views = async () => (await auditRows("customer.view_personal")).length;
      const before = await views();
      const id = mine.items[0]!.id;
      const shown = await readContact(sales, { id });
      expect(shown).toMatchObject({ phone: "13912345678", email: "wang@example.com" });
      expect(await views()).toBe(before + 1);
      expect(JSON.parse((await auditRows("customer.view_personal")).at(-1)!.details!)).toMatchObject({
        purpose: "contact.show",
        customerIds: [ids.get("A1")],
      });
      const masked = await readContact(contextOf(handle, ANALYST), { id });
      expect(masked).toMatchObject({ phone: "139****5678", email: "w***@example.com" });
      // The admin's lists show them too: nothing more was revealed, nothing to audit.
      await readContact(contextOf(handle), { id });
      expect(await views()).toBe(before + 1);
      const other = all.items[1]!.id;
      expect((await failure(readContact(sales, { id: other }))).code).toBe("APP_NOT_FOUND");
      expect((await failure(readContact(sales, { id: 999_999 }))).code).toBe("APP_NOT_FOUND");
    });

    it("pages contacts by cursor, the total over every page", async () => {
      const ctx = contextOf(handle);
      const first = await listContacts(ctx, { limit: 1 });
      expect(first).toMatchObject({ total: 2, items: [{ name: "王经理" }] });
      expect(first.nextCursor).not.toBeNull();
      const second = await listContacts(ctx, { limit: 1, cursor: first.nextCursor! });
      expect(second).toMatchObject({ total: 2, items: [{ name: "赵总" }], nextCursor: null });
      expect((await failure(listContacts(ctx, { cursor: "not-ours" }))).code).toBe("APP_INVALID_INPUT");
    });

    it("updates the fields given, audited before and after; a contact out of scope is not found and unchanged", async () => {
      const ctx = contextOf(handle, alice());
      const [contact] = (await listContacts(ctx)).items;
      const views = (await auditRows("customer.view_personal")).length;
      const updated = await updateContact(ctx, { id: contact!.id, title: "总经理", email: null });
      // The answer shows the phone unmasked to a role whose lists mask it: a view, audited.
      expect(updated).toMatchObject({ title: "总经理", email: null, name: "王经理", phone: "13912345678" });
      expect(await auditRows("customer.view_personal")).toHaveLength(views + 1);
      const entry = (await auditRows("contact.update")).at(-1)!;
      expect(JSON.parse(entry.changes!)).toEqual({
        title: { before: null, after: "总经理" },
        email: { before: "wang@example.com", after: null },
      });
      // Nothing changed: nothing to audit.
      const entries = (await auditRows("contact.update")).length;
      await updateContact(ctx, { id: contact!.id, title: "总经理" });
      expect((await auditRows("contact.update")).length).toBe(entries);

      const other = (await listContacts(contextOf(handle), { customerCode: "B1" })).items[0]!;
      expect((await failure(updateContact(ctx, { id: other.id, name: "改名" }))).code).toBe("APP_NOT_FOUND");
      expect((await readContact(contextOf(handle), { id: other.id })).name).toBe("赵总");
      expect((await auditRows("contact.update")).length).toBe(entries);
    });

    it("writes the change and its audit entry in one transaction: no audit, no change", async () => {
      const ctx = contextOf(handle, alice());
      const head = await handle.db.selectFrom("audit_head").selectAll().executeTakeFirstOrThrow();
      // Without its head the audit log cannot be appended to: the write must fail as a whole.
      await handle.db.deleteFrom("audit_head").execute();
      try {
        await expect(createContact(ctx, { customerCode: "A2", name: "孤儿" })).rejects.toThrow();
        await expect(
          logInteraction(ctx, {
            customerCode: "A2",
            kind: "call",
            occurredAt: "2026-01-10T09:00:00Z",
            summary: "孤儿",
          }),
        ).rejects.toThrow();
      } finally {
        await handle.db.insertInto("audit_head").values(head).execute();
      }
      expect(await count("contacts", "A2")).toBe(0);
      expect(await count("interactions", "A2")).toBe(0);
    });

    it("logs an interaction as the acting user, lists them newest first by filter, and resolves one", async () => {
      const ctx = contextOf(handle, alice());
      const complaint = await logInteraction(ctx, {
        customerCode: "A1",
        kind: "complaint",
        occurredAt: "2026-01-10T09:00:00+08:00",
        summary: "发货晚了三天",
      });
      expect(complaint).toMatchObject({
        customerCode: "A1",
        kind: "complaint",
        owner: "alice",
        resolvedAt: null,
      });
      expect(complaint.occurredAt.toISOString()).toBe("2026-01-10T01:00:00.000Z");
      const visit = await logInteraction(ctx, {
        customerCode: "A2",
        kind: "visit",
        occurredAt: "2026-01-12T10:00:00+08:00",
        summary: "上门拜访",
        resolvedAt: "2026-01-12T11:00:00+08:00",
      });
      await logInteraction(contextOf(handle), {
        customerCode: "B1",
        kind: "call",
        occurredAt: "2026-01-11T10:00:00Z",
        summary: "电话回访",
      });
      const logged = await auditRows("interaction.log");
      expect(logged).toHaveLength(3);
      expect(JSON.parse(logged[0]!.changes!)).toMatchObject({
        kind: { before: null, after: "complaint" },
        owner: { before: null, after: "alice" },
        occurred_at: { before: null, after: "2026-01-10T01:00:00.000Z" },
      });

      const page = await listInteractions(ctx);
      expect(page.total).toBe(2);
      expect(page.items.map((i) => i.id)).toEqual([visit.id, complaint.id]);
      const all = await listInteractions(contextOf(handle));
      expect(all.items.map((i) => i.customerCode)).toEqual(["A2", "B1", "A1"]);
      expect(
        (await listInteractions(contextOf(handle), { kind: "call" })).items.map((i) => i.customerCode),
      ).toEqual(["B1"]);
      expect((await listInteractions(contextOf(handle), { owner: "alice" })).total).toBe(2);
      const range = await listInteractions(contextOf(handle), {
        from: "2026-01-11T00:00:00Z",
        to: "2026-01-12T00:00:00Z",
      });
      expect(range.items.map((i) => i.customerCode)).toEqual(["B1"]);
      const first = await listInteractions(contextOf(handle), { limit: 2 });
      const rest = await listInteractions(contextOf(handle), { limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...rest.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));
      expect(rest.nextCursor).toBeNull();
      expect((await failure(listInteractions(ctx, { customerCode: "B1" }))).code).toBe("APP_NOT_FOUND");
      expect((await failure(listInteractions(ctx, { kind: "telegram" }))).code).toBe("APP_INVALID_INPUT");
      const early = await failure(
        logInteraction(ctx, {
          customerCode: "A1",
          kind: "call",
          occurredAt: "2026-01-10T09:00:00Z",
          summary: "x",
          resolvedAt: "2026-01-09T09:00:00Z",
        }),
      );
      expect(JSON.stringify(early.params)).toContain("resolvedAt");

      const resolved = await resolveInteraction(ctx, {
        id: complaint.id,
        resolvedAt: "2026-01-11T08:00:00Z",
      });
      expect(resolved).toMatchObject({ alreadyResolved: false });
      expect(resolved.interaction.resolvedAt?.toISOString()).toBe("2026-01-11T08:00:00.000Z");
      expect(JSON.parse((await auditRows("interaction.resolve"))[0]!.changes!)).toEqual({
        resolved_at: { before: null, after: "2026-01-11T08:00:00.000Z" },
      });
      const again = await resolveInteraction(ctx, { id: complaint.id });
      expect(again.alreadyResolved).toBe(true);
      expect(again.interaction.resolvedAt?.toISOString()).toBe("2026-01-11T08:00:00.000Z");
      expect(await auditRows("interaction.resolve")).toHaveLength(1);
      const other = all.items.find((i) => i.customerCode === "B1")!;
      expect((await readInteraction(ctx, { id: visit.id })).summary).toBe("上门拜访");
      expect((await failure(readInteraction(ctx, { id: other.id }))).code).toBe("APP_NOT_FOUND");
      expect((await failure(resolveInteraction(ctx, { id: other.id }))).code).toBe("APP_NOT_FOUND");
      expect((await listInteractions(contextOf(handle), { kind: "call" })).items[0]!.resolvedAt).toBeNull();
    });

    it("summarizes NPS and satisfaction with the analysis's formulas; no answers is null, not 0 or NaN", async () => {
      const empty = await summarizeSurveys(contextOf(handle));
      expect(empty).toEqual({
        answers: 0,
        nps: { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null },
        csi: { overall: null, items: [] },
      });
      const answer = (
        customer: string,
        day: string,
        nps: number | null,
        item: string | null,
        score: number | null,
      ) => ({
        customer_id: ids.get(customer)!,
        external_id: `${customer}-${day}-${item ?? "nps"}-${nps}`,
        answered_on: day,
        nps,
        item,
        satisfaction: score,
        comment: null,
      });
      await handle.db
        .insertInto("survey_answers")
        .values([
          answer("A1", "2025-06-01", 10, null, null),
          answer("A1", "2025-12-01", 3, null, null),
          answer("A1", "2025-12-01", null, "交付", 2),
          answer("A2", "2025-11-01", 8, null, null),
          answer("A2", "2025-11-01", null, "交付", 4),
          answer("A2", "2025-11-01", null, "服务", 5),
          answer("B1", "2025-10-01", 9, null, null),
          answer("B1", "2025-10-01", null, "服务", 1),
        ])
        .execute();
      const all = await summarizeSurveys(contextOf(handle));
      expect(all.answers).toBe(8);
      // The same numbers the analysis gets from the same functions.
      expect(all.nps).toEqual({
        ...withoutNps(npsSummary([10, 3, 8, 9])),
        score: npsSummary([10, 3, 8, 9]).nps,
      });
      expect(all.nps).toMatchObject({ promoters: 2, detractors: 1, passives: 1, score: 25 });
      const expected = csi({ item: [0, 0, 1, 1], score: [2, 4, 5, 1] }, { itemCount: 2 });
      expect(all.csi.overall).toBeCloseTo(expected.overall);
      expect(all.csi.items).toEqual([
        { item: "交付", responses: 2, mean: 3, index: 50 },
        { item: "服务", responses: 2, mean: 3, index: 50 },
      ]);
      // Alice's scope: A1 and A2 only.
      const mine = await summarizeSurveys(contextOf(handle, alice()));
      expect(mine.nps).toMatchObject({ responses: 3, score: 0 });
      expect(mine.csi.items).toEqual([
        { item: "交付", responses: 2, mean: 3, index: 50 },
        { item: "服务", responses: 1, mean: 5, index: 100 },
      ]);
      expect((await summarizeSurveys(contextOf(handle), { npsMin: 9 })).nps).toMatchObject({
        responses: 2,
        score: 100,
      });
      expect(
        (await summarizeSurveys(contextOf(handle), { from: "2025-11-01", to: "2025-11-30" })).answers,
      ).toBe(3);
      // One passive answer is an NPS of 0; no NPS answer at all is none.
      const passive = await summarizeSurveys(contextOf(handle), { customerCode: "A2", from: "2025-11-01" });
      expect(passive.nps).toMatchObject({ responses: 1, score: 0 });
      const noNps = await summarizeSurveys(contextOf(handle), { customerCode: "B1", npsMax: 5 });
      expect(noNps.nps.score).toBeNull();
      expect((await failure(summarizeSurveys(contextOf(handle, alice()), { customerCode: "B1" }))).code).toBe(
        "APP_NOT_FOUND",
      );

      const list = await listSurveyAnswers(contextOf(handle, alice()), { limit: 4 });
      expect(list.total).toBe(6);
      expect(list.items.map((a) => a.answeredOn)).toEqual([
        "2025-12-01",
        "2025-12-01",
        "2025-11-01",
        "2025-11-01",
      ]);
      const rest = await listSurveyAnswers(contextOf(handle, alice()), {
        limit: 4,
        cursor: list.nextCursor!,
      });
      expect(rest.items.map((a) => a.answeredOn)).toEqual(["2025-11-01", "2025-06-01"]);
      expect(rest.nextCursor).toBeNull();
      const seen = new Set([...list.items, ...rest.items].map((a) => a.id));
      expect(seen.size).toBe(6);
      expect(
        (await listSurveyAnswers(contextOf(handle), { npsMin: 0, npsMax: 6 })).items.map((a) => a.nps),
      ).toEqual([3]);
    });

    it("shows the latest interactions and survey answers, with the customer's NPS and CSI, in the 360 view", async () => {
      const view = await showCustomer(contextOf(handle, alice()), { code: "A1" });
      expect(view.interactions.map((i) => i.kind)).toEqual(["complaint"]);
      expect(view.surveys.answers.map((a) => a.answeredOn)).toEqual([
        "2025-12-01",
        "2025-12-01",
        "2025-06-01",
      ]);
      expect(view.surveys.summary.nps).toMatchObject({ responses: 2, promoters: 1, detractors: 1, score: 0 });
      expect(view.surveys.summary.csi).toEqual({
        overall: 25,
        items: [{ item: "交付", responses: 1, mean: 2, index: 25 }],
      });
      const quiet = await showCustomer(contextOf(handle), { code: "B2" });
      expect(quiet.interactions).toEqual([]);
      expect(quiet.surveys.summary.nps.score).toBeNull();
      expect(quiet.surveys.summary.csi.overall).toBeNull();
    });
  });
}

function withoutNps({ nps: _, ...rest }: ReturnType<typeof npsSummary>) {
  return rest;
}
