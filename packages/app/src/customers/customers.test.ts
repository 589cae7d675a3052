import { EmpiricalRate, purchaseInterval, renderText } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { gradeRun } from "@custra/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, LOCAL_OPERATOR } from "../access/actor.ts";
import { runAnalysis } from "../analysis/analysis.service.ts";
import { AppError } from "../errors/app-error.ts";
import { AS_OF, contextOf, loadCompany, READER, salesActor } from "../testing/customers.fixture.ts";
import { showCustomer } from "./customer-360.service.ts";
import { listCustomers } from "./customer-list.service.ts";
import { reassignCustomers } from "./customer-reassign.service.ts";

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const codes = (page: { items: { code: string }[] }) => page.items.map((item) => item.code);

for (const engine of ENGINES) {
  describe(`customers on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await loadCompany(handle);
      await runAnalysis(contextOf(handle), { asOf: AS_OF });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("shows a customer's 360 view to a reader who may see it, with scores from the latest run", async () => {
      const view = await showCustomer(contextOf(handle, salesActor()), { code: "A1" });
      expect(view.customer).toMatchObject({ code: "A1", owner: "alice", name: "杭州茶叶" });
      expect(view.run?.asOf).toBe(AS_OF);
      expect(view.scores).toMatchObject({ orders: 4, revenue: 3300 });
      expect(view.grades).toEqual([]);
      expect(view.tasks).toEqual([]);
      expect(Array.isArray(view.recommendations)).toBe(true);
    });

    it("gives the spread of the expected purchases, the months' purchases and returns, and what the reader may do", async () => {
      const view = await showCustomer(contextOf(handle), { code: "A1" });
      // Four customers identify no BG/NBD: the run predicts with the empirical repeat rate, whose
      // λ̄ (Σx / ΣT over the buyers) the report does not keep; the view must find the same.
      const run = await handle.db
        .selectFrom("analysis_runs")
        .select(["id", "report"])
        .executeTakeFirstOrThrow();
      const report = typeof run.report === "string" ? JSON.parse(run.report) : run.report;
      expect(report.predictor.transactions).toBe("empirical");
      const buyers = await handle.db
        .selectFrom("customer_scores")
        .select(["x", "age"])
        .where("run_id", "=", run.id)
        .where("x", "is not", null)
        .execute();
      const rate = buyers.reduce((sum, b) => sum + b.x!, 0) / buyers.reduce((sum, b) => sum + b.age!, 0);
      const { x, tx, T } = view.scores!;
      const expected = purchaseInterval(
        EmpiricalRate,
        { rate },
        { t: view.run!.horizon, x: x!, tx: tx!, T: T! },
      );
      expect(view.purchaseInterval).not.toBeNull();
      expect(view.purchaseInterval!.level).toBe(0.8);
      expect(view.purchaseInterval!.low).toBe(expected!.low);
      expect(view.purchaseInterval!.high).toBe(expected!.high);
      expect(view.purchaseInterval!.probabilityNone).toBeCloseTo(expected!.probabilityNone, 9);
      expect(view.purchaseInterval!.low).toBeLessThanOrEqual(view.scores!.expectedPurchases!);
      expect(view.purchaseInterval!.high).toBeGreaterThanOrEqual(view.scores!.expectedPurchases!);

      // Purchases and returns by month; a returned order is a return, not a purchase.
      expect((await showCustomer(contextOf(handle), { code: "B2" })).timeline).toEqual([
        { month: "2025-03", purchases: 1, purchaseAmount: 150, returns: 0, returnAmount: 0 },
        { month: "2025-04", purchases: 1, purchaseAmount: 160, returns: 0, returnAmount: 0 },
        { month: "2025-12", purchases: 0, purchaseAmount: 0, returns: 1, returnAmount: 99 },
      ]);

      // The buttons the page may show: logging needs create and write access, pins editSchemes.
      const actions = async (actor: Actor, code = "A1") =>
        (await showCustomer(contextOf(handle, actor), { code })).actions;
      expect(view.actions).toEqual({ logInteraction: true, pinGrade: true });
      expect(await actions(salesActor())).toEqual({ logInteraction: false, pinGrade: false });
      expect(await actions(salesActor(["read", "create"]))).toEqual({
        logInteraction: true,
        pinGrade: false,
      });
      expect(await actions({ ...READER, permissions: new Set(["read", "editSchemes"]) })).toEqual({
        logInteraction: false,
        pinGrade: true,
      });
      expect(await actions({ ...READER, permissions: new Set(["read", "create"]) }, "B1")).toEqual({
        logInteraction: true,
        pinGrade: false,
      });
    });

    it("answers not found for a customer out of scope, exactly as for one that does not exist", async () => {
      const alice = contextOf(handle, salesActor());
      const hidden = await failure(showCustomer(alice, { code: "B1" }));
      const missing = await failure(showCustomer(alice, { code: "NOPE" }));
      expect(hidden.code).toBe("APP_NOT_FOUND");
      expect(missing.code).toBe("APP_NOT_FOUND");
      expect(renderText(hidden.text, "en")).toBe("No customer B1");
      expect(renderText(missing.text, "zh-CN")).toBe("未找到客户：NOPE");
      // The operator sees every customer.
      expect((await showCustomer(contextOf(handle), { code: "B1" })).customer.owner).toBe("bob");
    });

    it("masks personal fields per the reader's rights: list rights in lists, detail rights in the 360 view", async () => {
      await handle.db
        .insertInto("contacts")
        .values({
          customer_id: (await listCustomers(contextOf(handle), { search: "A1" })).items[0]!.id,
          external_id: "A1-C1",
          name: "王经理",
          phone: "13912345678",
          email: "wang@example.com",
        })
        .execute();
      const analyst = contextOf(handle, { ...READER, personalFields: { list: "mask", detail: "mask" } });
      const sales = contextOf(handle, salesActor());
      const phoneIn = async (ctx: typeof sales) =>
        (await listCustomers(ctx, { search: "A1" })).items.find((item) => item.code === "A1")!.phone;
      expect(await phoneIn(analyst)).toBe("138****0001");
      expect(await phoneIn(sales)).toBe("138****0001");
      expect(await phoneIn(contextOf(handle))).toBe("13800000001");
      // A number is found only by those who may see it: a search must not unmask it.
      const found = async (ctx: typeof sales) => (await listCustomers(ctx, { search: "13800000001" })).total;
      expect(await found(analyst)).toBe(0);
      expect(await found(sales)).toBe(1);
      expect(await found(contextOf(handle))).toBe(1);

      const viewsBefore = await personalViews();
      const seenByAnalyst = await showCustomer(analyst, { code: "A1" });
      expect(seenByAnalyst.customer.phone).toBe("138****0001");
      expect(seenByAnalyst.contacts).toEqual([
        expect.objectContaining({ name: "王经理", phone: "139****5678", email: "w***@example.com" }),
      ]);
      // Masked: nothing unmasked was shown, nothing to audit.
      expect(await personalViews()).toBe(viewsBefore);

      const seenBySales = await showCustomer(sales, { code: "A1" });
      expect(seenBySales.customer.phone).toBe("13800000001");
      expect(seenBySales.contacts[0]).toMatchObject({ phone: "13912345678", email: "wang@example.com" });
      // Shown in detail to a role that lists them masked: audited.
      expect(await personalViews()).toBe(viewsBefore + 1);

      const seenByAdmin = await showCustomer(contextOf(handle), { code: "A1" });
      expect(seenByAdmin.customer.phone).toBe("13800000001");
      expect(seenByAdmin.contacts[0]?.phone).toBe("13912345678");
      const hidden = contextOf(handle, { ...READER, personalFields: { list: "hide", detail: "hide" } });
      expect((await showCustomer(hidden, { code: "A1" })).customer.phone).toBeNull();
      expect(await phoneIn(hidden)).toBeNull();
    });

    async function personalViews(): Promise<number> {
      const rows = await handle.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "customer.view_personal")
        .execute();
      return rows.length;
    }

    it("lists customers while a write holds the database's writer, seeing only committed rows", async () => {
      // On DuckDB the writer is one connection; a list that read through it would wait for this
      // transaction, which waits for the list: the test would time out.
      const rollback = new Error("rollback");
      let during: { total: number } | undefined;
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await trx.insertInto("customers").values({ code: "ZZ-UNCOMMITTED", name: "未提交" }).execute();
          during = await listCustomers(contextOf(handle), { search: "ZZ-UNCOMMITTED" });
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(during?.total).toBe(0);
    });

    it("refuses a reader without the read permission, and input that is not a code", async () => {
      const none = contextOf(handle, salesActor([]));
      expect((await failure(showCustomer(none, { code: "A1" }))).code).toBe("APP_FORBIDDEN");
      expect((await failure(listCustomers(none, {}))).code).toBe("APP_FORBIDDEN");
      expect((await failure(showCustomer(contextOf(handle), { code: "" }))).code).toBe("APP_INVALID_INPUT");
      expect((await failure(showCustomer(contextOf(handle), { code: "A1", extra: 1 }))).code).toBe(
        "APP_INVALID_INPUT",
      );
    });

    it("lists only the customers in scope, and counts only them", async () => {
      const all = await listCustomers(contextOf(handle), {});
      expect(codes(all)).toEqual(["A1", "A2", "B1", "B2"]);
      expect(all.total).toBe(4);
      const mine = await listCustomers(contextOf(handle, salesActor()), {});
      expect(codes(mine)).toEqual(["A1", "A2"]);
      expect(mine.total).toBe(2);
      // Filters and searches never reach past the scope.
      const bobs = await listCustomers(contextOf(handle, salesActor()), { owner: ["bob"] });
      expect(bobs).toMatchObject({ items: [], total: 0 });
      expect((await listCustomers(contextOf(handle, salesActor()), { search: "139" })).total).toBe(0);
      expect((await listCustomers(contextOf(handle), { search: "139" })).total).toBe(2);
    });

    it("filters by the customer's fields, its classes in the run and its dates", async () => {
      const ctx = contextOf(handle);
      expect(codes(await listCustomers(ctx, { industry: ["retail"] }))).toEqual(["A1", "B1"]);
      expect(codes(await listCustomers(ctx, { region: ["浙江", "江苏"] }))).toEqual(["A1", "A2", "B2"]);
      expect(codes(await listCustomers(ctx, { tags: ["vip"] }))).toEqual(["A1", "B1"]);
      // LIKE's wildcards in a tag are taken literally.
      expect(codes(await listCustomers(ctx, { tags: ["new_100%"] }))).toEqual(["A2"]);
      expect(codes(await listCustomers(ctx, { tags: ["new"] }))).toEqual([]);
      expect(codes(await listCustomers(ctx, { search: "SILK" }))).toEqual(["B2"]);
      expect(codes(await listCustomers(ctx, { search: "a1" }))).toEqual(["A1"]);
      expect(
        codes(await listCustomers(ctx, { registeredFrom: "2024-01-01", registeredTo: "2024-12-31" })),
      ).toEqual(["A1", "A2"]);
      // B2's returned order on 2025-12-01 is no purchase: its last purchase is 2025-04-01.
      const recent = await listCustomers(ctx, { lastPurchaseFrom: "2025-06-01" });
      expect(codes(recent)).toEqual(["A1", "B1"]);
      const b2 = (await listCustomers(ctx, { search: "B2" })).items[0]!;
      expect(b2.lastPurchase).toBe("2025-04-01");
      const all = await listCustomers(ctx, {});
      const abc = all.items.find((item) => item.code === "B1")!.abcClass!;
      expect(abc).toMatch(/^[ABC]$/);
      const sameClass = all.items.filter((item) => item.abcClass === abc).map((item) => item.code);
      expect(codes(await listCustomers(ctx, { abcClass: [abc] }))).toEqual(sameClass);
      // No grade run of the scheme yet: a grade filter selects nobody.
      expect(await listCustomers(ctx, { grade: ["A"] })).toMatchObject({ total: 0, gradeRunId: null });
    });

    it("sorts and pages with a cursor, the total the same on every page", async () => {
      const ctx = contextOf(handle);
      const byRevenue = await listCustomers(ctx, { sort: "revenue", order: "desc" });
      expect(codes(byRevenue)).toEqual(["B1", "A1", "B2", "A2"]);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = await listCustomers(ctx, {
          sort: "revenue",
          order: "desc",
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        expect(result.total).toBe(4);
        seen.push(...codes(result));
        if (result.nextCursor === null) break;
        cursor = result.nextCursor;
      }
      expect(seen).toEqual(["B1", "A1", "B2", "A2"]);
      const first = await listCustomers(ctx, { sort: "lastPurchase", limit: 2 });
      expect(codes(first)).toEqual(["A2", "B2"]);
      const second = await listCustomers(ctx, { sort: "lastPurchase", limit: 2, cursor: first.nextCursor! });
      expect(codes(second)).toEqual(["B1", "A1"]);
      expect(second.nextCursor).toBeNull();
      const bad = await failure(listCustomers(ctx, { cursor: "not-a-cursor" }));
      expect(bad.code).toBe("APP_INVALID_INPUT");
      expect(renderText(bad.text, "en")).toContain("cursor");
      // A cursor of a text sort does not page a numeric one.
      expect((await failure(listCustomers(ctx, { sort: "clv", cursor: first.nextCursor! }))).code).toBe(
        "APP_INVALID_INPUT",
      );
      expect(LOCAL_OPERATOR.scope.kind).toBe("all");
    });

    it("filters by the latest grades of a scheme, and shows them in the 360 view", async () => {
      await gradeRun(handle);
      const ctx = contextOf(handle);
      const all = await listCustomers(ctx, {});
      expect(all.gradeRunId).not.toBeNull();
      const grades = new Map(all.items.map((item) => [item.code, item.grade]));
      expect([...grades.values()].every((grade) => typeof grade === "string")).toBe(true);
      const b1 = grades.get("B1")!;
      const sameGrade = all.items.filter((item) => item.grade === b1).map((item) => item.code);
      expect(codes(await listCustomers(ctx, { grade: [b1] }))).toEqual(sameGrade);
      // Alice's filter on the same grade finds her customers of that grade only.
      const hers = await listCustomers(contextOf(handle, salesActor()), { grade: [b1] });
      expect(codes(hers)).toEqual(sameGrade.filter((code) => code.startsWith("A")));
      expect(hers.total).toBe(codes(hers).length);
      const view = await showCustomer(ctx, { code: "B1" });
      expect(view.grades.map((grade) => [grade.scheme, grade.grade])).toContainEqual(["value", b1]);
    });

    it("reassigns customers the actor may change, all or none, audited; out of scope is not found", async () => {
      await handle.db
        .insertInto("users")
        .values(["alice", "bob", "carol"].map((username) => ({ username, display_name: username })))
        .execute();
      const owners = async () =>
        Object.fromEntries(
          (await listCustomers(contextOf(handle), {})).items.map((item) => [item.code, item.owner]),
        );
      const before = await owners();
      const alice = contextOf(handle, salesActor(["read", "reassign"]));
      // B1 is bob's: not found for alice, and A1 is not moved either.
      const refused = await failure(reassignCustomers(alice, { codes: ["A1", "B1"], owner: "alice" }));
      expect(refused.code).toBe("APP_NOT_FOUND");
      expect(await owners()).toEqual(before);
      // A user outside her scope is no owner she can give customers to.
      expect((await failure(reassignCustomers(alice, { codes: ["A1"], owner: "bob" }))).code).toBe(
        "APP_INVALID_INPUT",
      );
      expect(
        (await failure(reassignCustomers(contextOf(handle, salesActor()), { codes: ["A1"], owner: "alice" })))
          .code,
      ).toBe("APP_FORBIDDEN");
      expect((await failure(reassignCustomers(contextOf(handle), { codes: [], owner: "bob" }))).code).toBe(
        "APP_INVALID_INPUT",
      );

      const done = await reassignCustomers(contextOf(handle), { codes: ["A1", "A2", "B1"], owner: "carol" });
      expect(done).toEqual({
        reassigned: [
          { code: "A1", before: "alice", after: "carol" },
          { code: "A2", before: "alice", after: "carol" },
          { code: "B1", before: "bob", after: "carol" },
        ],
        unchanged: 0,
      });
      expect(await owners()).toEqual({ ...before, A1: "carol", A2: "carol", B1: "carol" });
      const entries = await handle.db
        .selectFrom("audit_log")
        .select(["entity_id", "changes"])
        .where("action", "=", "customer.reassign")
        .execute();
      expect(entries).toHaveLength(3);
      expect(await reassignCustomers(contextOf(handle), { codes: ["A1"], owner: "carol" })).toEqual({
        reassigned: [],
        unchanged: 1,
      });
    });

    it("filters by the owner's department, sub-departments included, within the reader's scope", async () => {
      const ctx = contextOf(handle);
      const owned = new Map<string, string[]>();
      for (const item of (await listCustomers(ctx, {})).items) {
        const codesOfOwner = owned.get(item.owner!) ?? [];
        owned.set(item.owner!, [...codesOfOwner, item.code]);
      }
      const [first, second] = [...owned.keys()].sort();
      expect(first && second).toBeTruthy();
      const department = async (name: string, parentId: number | null) =>
        Number(
          (
            await handle.db
              .insertInto("departments")
              .values({ name, parent_id: parentId })
              .returning("id")
              .executeTakeFirstOrThrow()
          ).id,
        );
      const sales = await department("销售部", null);
      const east = await department("华东", sales);
      const west = await department("西部", null);
      const empty = await department("空部门", null);
      for (const [username, departmentId] of [
        [first!, east],
        [second!, west],
      ] as const) {
        const exists = await handle.db
          .selectFrom("users")
          .select("id")
          .where("username", "=", username)
          .execute();
        if (exists.length === 0)
          await handle.db.insertInto("users").values({ username, display_name: username }).execute();
        await handle.db
          .updateTable("users")
          .set({ department_id: departmentId })
          .where("username", "=", username)
          .execute();
      }

      const inDepartments = async (ids: number[], actor = ctx) => {
        const page = await listCustomers(actor, { department: ids });
        expect(page.total).toBe(page.items.length);
        return codes(page).sort();
      };
      expect(await inDepartments([sales])).toEqual(owned.get(first!)!.sort());
      expect(await inDepartments([east])).toEqual(owned.get(first!)!.sort());
      expect(await inDepartments([west])).toEqual(owned.get(second!)!.sort());
      expect(await inDepartments([sales, west])).toEqual(
        [...owned.get(first!)!, ...owned.get(second!)!].sort(),
      );
      expect(await inDepartments([empty])).toEqual([]);
      // The department is a filter within the scope, never past it: a reader who sees only the
      // second owner's customers finds none in the first owner's department.
      const base = salesActor();
      const secondOnly = contextOf(handle, {
        ...base,
        scope: {
          ...base.scope,
          kind: "limited",
          owners: [second!],
          userId: 2,
          departmentId: null,
          today: "2026-01-15",
        },
      });
      expect(await inDepartments([sales], secondOnly)).toEqual([]);
      expect(await inDepartments([sales, west], secondOnly)).toEqual(owned.get(second!)!.sort());
      expect((await failure(listCustomers(ctx, { department: [0] }))).code).toBe("APP_INVALID_INPUT");
    });
  });
}
