import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

/** Texts that must be stored and returned exactly as given, never run as markup or SQL. */
const HOSTILE = [
  `<script>alert("x")</script><img src=x onerror=alert(1)>`,
  `'); DROP TABLE interactions; --`,
  `Robert'); DELETE FROM contacts WHERE ('1'='1`,
];

for (const engine of ENGINES) {
  describe(`contacts, interactions and surveys routes on ${engine}`, () => {
    const server = routeTestServer(engine);
    const { get, noCsrf, send } = server;
    let everyone: [string, SignedIn][];
    beforeAll(async () => {
      everyone = [
        ["admin", server.company.admin],
        ["manager", server.company.manager],
        ["salesA", server.company.salesA],
        ["salesB", server.company.salesB],
        ["analyst", server.company.analyst],
      ];
      const answer = (
        code: string,
        day: string,
        nps: number | null,
        item: string | null,
        score: number | null,
      ) => ({
        customer_id: server.company.ids.get(code)!,
        external_id: `${code}-${day}-${item ?? "nps"}`,
        answered_on: day,
        nps,
        item,
        satisfaction: score,
        comment: item === null ? HOSTILE[0]! : null,
      });
      await server.handle.db
        .insertInto("survey_answers")
        .values([
          answer("CA1", "2025-12-01", 10, null, null),
          answer("CA1", "2025-12-01", null, "服务", 4),
          answer("CS1", "2025-11-01", 7, null, null),
          answer("CB1", "2025-10-01", 2, null, null),
          answer("CB1", "2025-10-01", null, "服务", 1),
        ])
        .execute();
    });

    const rows = async (table: "contacts" | "interactions", code: string) =>
      (
        await server.handle.db
          .selectFrom(table)
          .select("id")
          .where("customer_id", "=", server.company.ids.get(code)!)
          .execute()
      ).length;
    const auditCount = async (action: string) =>
      (await server.handle.db.selectFrom("audit_log").select("id").where("action", "=", action).execute())
        .length;
    const codesOf = (body: { items: { customerCode: string }[] }) =>
      [...new Set(body.items.map((item) => item.customerCode))].sort();

    it("publishes the three resources in a valid OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/api/v1/contacts/",
          "/api/v1/contacts/{id}",
          "/api/v1/interactions/",
          "/api/v1/interactions/{id}",
          "/api/v1/interactions/{id}/resolve",
          "/api/v1/surveys/",
          "/api/v1/surveys/summary",
        ]),
      );
      expect(doc.paths["/api/v1/interactions/"].post.requestBody).toBeDefined();
    });

    it("lists contacts of the customers in scope only, phones masked by list rights, counts that do not leak", async () => {
      const expected: Record<string, { codes: string[]; phone: string }> = {
        admin: { codes: ["CA1"], phone: "13912345678" },
        manager: { codes: ["CA1"], phone: "139****5678" },
        salesA: { codes: ["CA1"], phone: "139****5678" },
        salesB: { codes: [], phone: "" },
        analyst: { codes: ["CA1"], phone: "139****5678" },
      };
      for (const [role, who] of everyone) {
        const response = await get(who, "/api/v1/contacts");
        expect(response.statusCode, role).toBe(200);
        const body = response.json();
        expect(codesOf(body), role).toEqual(expected[role]!.codes);
        expect(body.total, role).toBe(expected[role]!.codes.length);
        if (body.items.length > 0) expect(body.items[0].phone, role).toBe(expected[role]!.phone);
      }
      expect((await get(server.company.salesB, "/api/v1/contacts?customerCode=CA1")).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/contacts?customerCode=CA1")).json().total).toBe(1);
      expect((await get(server.company.salesA, "/api/v1/contacts?limit=0")).statusCode).toBe(400);
      expect((await get(server.company.salesA, "/api/v1/contacts?unknown=1")).statusCode).toBe(400);
    });

    it("reads one contact by detail rights: analysts masked, unmasked views of list-masking roles audited", async () => {
      const [contact] = (await get(server.company.admin, "/api/v1/contacts")).json().items;
      const url = `/api/v1/contacts/${contact.id}`;
      const before = await auditCount("customer.view_personal");
      const sales = await get(server.company.salesA, url);
      expect(sales.statusCode).toBe(200);
      expect(sales.json()).toMatchObject({ customerCode: "CA1", phone: "13912345678" });
      expect(await auditCount("customer.view_personal")).toBe(before + 1);
      expect((await get(server.company.manager, url)).json().phone).toBe("13912345678");
      expect(await auditCount("customer.view_personal")).toBe(before + 2);
      expect((await get(server.company.analyst, url)).json().phone).toBe("139****5678");
      expect((await get(server.company.admin, url)).json().phone).toBe("13912345678");
      // Masked for the analyst, shown to the admin whose lists show it too: nothing audited.
      expect(await auditCount("customer.view_personal")).toBe(before + 2);
      expect((await get(server.company.salesB, url)).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/contacts/999999")).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/contacts/abc")).statusCode).toBe(400);
    });

    it("creates contacts on customers the reader may change, verbatim; 404 beyond, 403 without the right or CSRF", async () => {
      const create = (who: SignedIn, payload: object, headers?: Record<string, string>) =>
        send(who, "POST", "/api/v1/contacts", payload, headers);
      for (const [k, name] of HOSTILE.entries()) {
        const created = await create(server.company.salesA, {
          customerCode: "CA2",
          name,
          phone: `1380000000${k}`,
        });
        expect(created.statusCode).toBe(201);
        expect(created.headers["content-type"]).toMatch(/^application\/json/);
        expect(created.json()).toMatchObject({ customerCode: "CA2", name });
      }
      const stored = await server.handle.db
        .selectFrom("contacts")
        .select("name")
        .where("customer_id", "=", server.company.ids.get("CA2")!)
        .orderBy("id")
        .execute();
      expect(stored.map((row) => row.name)).toEqual(HOSTILE);
      // The manager, on a subordinate's customer.
      expect((await create(server.company.manager, { customerCode: "CA1", name: "李助理" })).statusCode).toBe(
        201,
      );
      expect((await create(server.company.admin, { customerCode: "CB1", name: "赵总" })).statusCode).toBe(
        201,
      );

      const bBefore = await rows("contacts", "CB1");
      expect((await create(server.company.salesA, { customerCode: "CB1", name: "x" })).statusCode).toBe(404);
      expect((await create(server.company.manager, { customerCode: "CB1", name: "x" })).statusCode).toBe(404);
      expect((await create(server.company.analyst, { customerCode: "CB1", name: "x" })).statusCode).toBe(403);
      expect(
        (
          await create(
            server.company.salesB,
            { customerCode: "CB1", name: "x" },
            noCsrf(server.company.salesB),
          )
        ).statusCode,
      ).toBe(403);
      expect(await rows("contacts", "CB1")).toBe(bBefore);
      const aBefore = await rows("contacts", "CA1");
      expect(
        (await create(server.company.salesA, { customerCode: "CA1", name: "x".repeat(201) })).statusCode,
      ).toBe(400);
      expect(
        (await create(server.company.salesA, { customerCode: "CA1", name: "x", influence: 9 })).statusCode,
      ).toBe(400);
      expect(
        (await create(server.company.salesA, { customerCode: "CA1", name: "x", id: 1 })).statusCode,
      ).toBe(400);
      expect(await rows("contacts", "CA1")).toBe(aBefore);
    });

    it("changes a contact in scope, audited; 404 for another's, 403 for analysts and without CSRF", async () => {
      const [contact] = (await get(server.company.admin, "/api/v1/contacts?customerCode=CA1")).json().items;
      const url = `/api/v1/contacts/${contact.id}`;
      expect((await send(server.company.salesB, "PATCH", url, { title: "x" })).statusCode).toBe(404);
      expect((await send(server.company.analyst, "PATCH", url, { title: "x" })).statusCode).toBe(403);
      expect(
        (await send(server.company.salesA, "PATCH", url, { title: "x" }, noCsrf(server.company.salesA)))
          .statusCode,
      ).toBe(403);
      expect((await send(server.company.salesA, "PATCH", url, { title: "x".repeat(201) })).statusCode).toBe(
        400,
      );
      expect((await get(server.company.admin, url)).json().title).toBeNull();
      const before = await auditCount("contact.update");
      const changed = await send(server.company.salesA, "PATCH", url, { title: HOSTILE[1], phone: null });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ title: HOSTILE[1], phone: null, name: "王经理" });
      expect(await auditCount("contact.update")).toBe(before + 1);
      expect(
        (await send(server.company.manager, "PATCH", url, { attitude: "supportive" })).json().attitude,
      ).toBe("supportive");
    });

    it("logs interactions as the signed-in user on customers they may change; 404 beyond; nothing written when refused", async () => {
      const log = (who: SignedIn, payload: object, headers?: Record<string, string>) =>
        send(who, "POST", "/api/v1/interactions", payload, headers);
      const visit = (code: string, summary = "上门拜访") => ({
        customerCode: code,
        kind: "visit",
        occurredAt: "2026-01-10T09:00:00+08:00",
        summary,
      });
      const mine = await log(server.company.salesA, visit("CA1"));
      expect(mine.statusCode).toBe(201);
      expect(mine.json()).toMatchObject({
        customerCode: "CA1",
        owner: server.company.salesA.username,
        occurredAt: "2026-01-10T01:00:00.000Z",
        resolvedAt: null,
      });
      const managers = await log(server.company.manager, { ...visit("CA1"), kind: "call" });
      expect(managers.statusCode).toBe(201);
      expect(managers.json().owner).toBe(server.company.manager.username);
      expect((await log(server.company.salesB, { ...visit("CB1"), kind: "complaint" })).statusCode).toBe(201);
      for (const summary of HOSTILE) {
        const logged = await log(server.company.admin, visit("CS1", summary));
        expect(logged.statusCode).toBe(201);
        expect(logged.json().summary).toBe(summary);
      }

      const before = { CB1: await rows("interactions", "CB1"), CA1: await rows("interactions", "CA1") };
      const audited = await auditCount("interaction.log");
      expect((await log(server.company.salesA, visit("CB1"))).statusCode).toBe(404);
      expect((await log(server.company.manager, visit("CB1"))).statusCode).toBe(404);
      expect((await log(server.company.analyst, visit("CB1"))).statusCode).toBe(403);
      expect((await log(server.company.salesB, visit("CB1"), noCsrf(server.company.salesB))).statusCode).toBe(
        403,
      );
      expect((await log(server.company.salesA, visit("CA1", "长".repeat(2001)))).statusCode).toBe(400);
      expect((await log(server.company.salesA, { ...visit("CA1"), kind: "telegram" })).statusCode).toBe(400);
      expect(
        (await log(server.company.salesA, { ...visit("CA1"), occurredAt: "yesterday" })).statusCode,
      ).toBe(400);
      expect((await log(server.company.salesA, { ...visit("CA1"), owner: "someone" })).statusCode).toBe(400);
      expect(
        (await log(server.company.salesA, { ...visit("CA1"), resolvedAt: "2026-01-09T00:00:00Z" }))
          .statusCode,
      ).toBe(400);
      const malformed = await server.app.inject({
        method: "POST",
        url: "/api/v1/interactions",
        headers: { ...server.company.salesA.headers, "content-type": "application/json" },
        payload: '{"customerCode": "CA1", ',
      });
      expect(malformed.statusCode).toBe(400);
      expect(await rows("interactions", "CB1")).toBe(before.CB1);
      expect(await rows("interactions", "CA1")).toBe(before.CA1);
      expect(await auditCount("interaction.log")).toBe(audited);
    });

    it("lists interactions of customers in scope, newest first, by filter; totals do not leak", async () => {
      const expected: Record<string, string[]> = {
        admin: ["CA1", "CB1", "CS1"],
        manager: ["CA1", "CS1"],
        salesA: ["CA1"],
        salesB: ["CB1"],
        analyst: ["CA1", "CB1", "CS1"],
      };
      const totals: Record<string, number> = { admin: 6, manager: 5, salesA: 2, salesB: 1, analyst: 6 };
      for (const [role, who] of everyone) {
        const body = (await get(who, "/api/v1/interactions")).json();
        expect(codesOf(body), role).toEqual(expected[role]);
        expect(body.total, role).toBe(totals[role]);
      }
      const byKind = (await get(server.company.admin, "/api/v1/interactions?kind=complaint")).json();
      expect(codesOf(byKind)).toEqual(["CB1"]);
      const byOwner = await get(
        server.company.admin,
        `/api/v1/interactions?owner=${server.company.manager.username}`,
      );
      expect(byOwner.json().items.map((i: { kind: string }) => i.kind)).toEqual(["call"]);
      expect((await get(server.company.salesA, "/api/v1/interactions?customerCode=CB1")).statusCode).toBe(
        404,
      );
      const [complaint] = byKind.items;
      for (const [role, who] of everyone) {
        const one = await get(who, `/api/v1/interactions/${complaint.id}`);
        expect(one.statusCode, role).toBe(["admin", "salesB", "analyst"].includes(role) ? 200 : 404);
        if (one.statusCode === 200)
          expect(one.json(), role).toMatchObject({ customerCode: "CB1", kind: "complaint" });
      }
      expect((await get(server.company.admin, "/api/v1/interactions/999999")).statusCode).toBe(404);
      const paged = (await get(server.company.admin, "/api/v1/interactions?limit=4")).json();
      expect(paged.items).toHaveLength(4);
      const rest = (
        await get(
          server.company.admin,
          `/api/v1/interactions?limit=4&cursor=${encodeURIComponent(paged.nextCursor)}`,
        )
      ).json();
      expect(rest.items).toHaveLength(2);
      expect(rest.nextCursor).toBeNull();
      expect(
        (await get(server.company.admin, "/api/v1/interactions?from=2026-01-11T00:00:00Z")).json().total,
      ).toBe(0);
      expect((await get(server.company.admin, "/api/v1/interactions?from=tomorrow")).statusCode).toBe(400);
    });

    it("resolves an interaction of a customer the reader may change; 404 beyond, 403 without CSRF", async () => {
      const [complaint] = (await get(server.company.salesB, "/api/v1/interactions?kind=complaint")).json()
        .items;
      const url = `/api/v1/interactions/${complaint.id}/resolve`;
      expect((await send(server.company.salesA, "POST", url, {})).statusCode).toBe(404);
      expect((await send(server.company.manager, "POST", url, {})).statusCode).toBe(404);
      expect((await send(server.company.analyst, "POST", url, {})).statusCode).toBe(403);
      expect(
        (await send(server.company.salesB, "POST", url, {}, noCsrf(server.company.salesB))).statusCode,
      ).toBe(403);
      const stored = () =>
        server.handle.db
          .selectFrom("interactions")
          .select("resolved_at")
          .where("id", "=", complaint.id)
          .executeTakeFirstOrThrow();
      expect((await stored()).resolved_at).toBeNull();
      const resolved = await send(server.company.salesB, "POST", url, { resolvedAt: "2026-01-11T08:00:00Z" });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json()).toMatchObject({
        alreadyResolved: false,
        interaction: { resolvedAt: "2026-01-11T08:00:00.000Z" },
      });
      // Without a body: resolved now, were it not resolved already.
      const again = await send(server.company.admin, "POST", url);
      expect(again.json().alreadyResolved).toBe(true);
      expect(new Date((await stored()).resolved_at!).toISOString()).toBe("2026-01-11T08:00:00.000Z");
    });

    it("lists survey answers in scope with comments verbatim, and summarizes NPS and satisfaction per reader", async () => {
      const expected: Record<string, string[]> = {
        admin: ["CA1", "CB1", "CS1"],
        manager: ["CA1", "CS1"],
        salesA: ["CA1"],
        salesB: ["CB1"],
        analyst: ["CA1", "CB1", "CS1"],
      };
      for (const [role, who] of everyone) {
        const body = (await get(who, "/api/v1/surveys")).json();
        expect(codesOf(body), role).toEqual(expected[role]);
      }
      const answers = (await get(server.company.salesA, "/api/v1/surveys")).json();
      expect(answers.total).toBe(2);
      expect(answers.items.find((a: { nps: number | null }) => a.nps === 10).comment).toBe(HOSTILE[0]);
      const summary = async (who: SignedIn, query = "") => {
        const response = await get(who, `/api/v1/surveys/summary${query}`);
        expect(response.statusCode, query).toBe(200);
        return response.json();
      };
      // 10, 7, 2: one promoter, one detractor of three.
      expect((await summary(server.company.admin)).nps).toEqual({
        responses: 3,
        promoters: 1,
        passives: 1,
        detractors: 1,
        score: 0,
      });
      expect((await summary(server.company.analyst)).csi.items).toEqual([
        { item: "服务", responses: 2, mean: 2.5, index: 37.5 },
      ]);
      expect((await summary(server.company.manager)).nps).toMatchObject({ responses: 2, score: 50 });
      expect((await summary(server.company.salesA)).nps).toMatchObject({ responses: 1, score: 100 });
      expect((await summary(server.company.salesB)).csi).toEqual({
        overall: 0,
        items: [{ item: "服务", responses: 1, mean: 1, index: 0 }],
      });
      // Nothing selected: no score at all, not 0.
      const none = await summary(server.company.admin, "?from=2026-01-01");
      expect(none).toEqual({
        answers: 0,
        nps: { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null },
        csi: { overall: null, items: [] },
      });
      expect((await summary(server.company.admin, "?npsMin=9&npsMax=10")).nps.score).toBe(100);
      expect((await get(server.company.salesA, "/api/v1/surveys/summary?customerCode=CB1")).statusCode).toBe(
        404,
      );
      expect((await get(server.company.salesA, "/api/v1/surveys?customerCode=CB1")).statusCode).toBe(404);
      expect((await get(server.company.salesA, "/api/v1/surveys/summary?npsMin=11")).statusCode).toBe(400);

      // Month by month up to the latest answer (2025-12): October CB1 (2, score 1), November CS1
      // (7), December CA1 (10, score 4); a reader sees their customers' months only.
      const trend = async (who: SignedIn, query = "") => {
        const response = await get(who, `/api/v1/surveys/trend${query}`);
        expect(response.statusCode, response.body).toBe(200);
        return response.json() as { month: string; answers: number; nps: { score: number | null } }[];
      };
      const months = await trend(server.company.admin, "?months=4");
      expect(months.map((m) => [m.month, m.answers, m.nps.score])).toEqual([
        ["2025-09", 0, null],
        ["2025-10", 2, -100],
        ["2025-11", 1, 0],
        ["2025-12", 2, 100],
      ]);
      expect((await trend(server.company.admin)).length).toBe(12);
      const salesB = await trend(server.company.salesB, "?months=3&to=2025-12-31");
      expect(salesB.map((m) => m.answers)).toEqual([2, 0, 0]);
      expect((await get(server.company.salesA, "/api/v1/surveys/trend?months=99")).statusCode).toBe(400);
      expect((await get(server.company.salesA, "/api/v1/surveys?from=2025-13-01")).statusCode).toBe(400);
    });

    it("shows the customer's latest interactions and survey answers with its NPS in the 360 view", async () => {
      const view = await get(server.company.salesA, "/api/v1/customers/CA1");
      expect(view.statusCode).toBe(200);
      const body = view.json();
      expect(body.interactions.map((i: { kind: string }) => i.kind).sort()).toEqual(["call", "visit"]);
      expect(body.surveys.answers).toHaveLength(2);
      expect(body.surveys.summary.nps).toMatchObject({ responses: 1, promoters: 1, score: 100 });
      expect(body.surveys.summary.csi).toMatchObject({ overall: 75 });
      expect((await get(server.company.salesA, "/api/v1/customers/CB1")).statusCode).toBe(404);
    });
  });
}
