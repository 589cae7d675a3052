/**
 * 工作台 / My day on each engine, on a small company whose every count is worked out by hand:
 * on Wednesday 2026-06-10, alice's open tasks overdue, today and later this week (up to Sunday
 * the 14th), her customers not contacted for 7…180 days (a customer registered two days ago is
 * not "not contacted"; one never contacted nor registered is), the churn warnings new in the
 * latest run, her care coming up; bob's in the team view of a manager who sees both.
 */
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../access/actor.ts";
import { contextOf, salesActor } from "../testing/customers.fixture.ts";
import { myDay } from "./my-day.service.ts";

const TODAY = "2026-06-10";

function managerActor(): Actor {
  const sales = salesActor();
  return {
    ...sales,
    userId: 9,
    username: "mgr",
    role: "manager",
    scope: { kind: "limited", owners: ["mgr", "alice", "bob"], userId: 9, departmentId: null, today: TODAY },
  };
}

for (const engine of ENGINES) {
  describe(`my day on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      const customers = [
        { code: "A1", owner: "alice", registered_on: "2026-01-01" },
        { code: "A2", owner: "alice", registered_on: "2026-06-08" },
        { code: "A3", owner: "alice", registered_on: null },
        { code: "A4", owner: "alice", registered_on: "2026-05-20" },
        { code: "B1", owner: "bob", registered_on: "2025-01-01" },
        { code: "N1", owner: null, registered_on: "2025-01-01" },
      ];
      await handle.db
        .insertInto("customers")
        .values(customers.map((c) => ({ ...c, name: `客户 ${c.code}` })))
        .execute();
      const ids = new Map(
        (await handle.db.selectFrom("customers").select(["id", "code"]).execute()).map((row) => [
          row.code,
          Number(row.id),
        ]),
      );
      const id = (code: string) => ids.get(code)!;
      await handle.db
        .insertInto("users")
        .values([
          { username: "alice", display_name: "爱丽丝", email: "alice@example.com", role: "sales" },
          { username: "bob", display_name: "鲍勃", email: "bob@example.com", role: "sales" },
        ])
        .execute();
      await handle.db
        .insertInto("interactions")
        .values([
          { customer_id: id("A1"), external_id: "I1", kind: "call", occurred_at: "2026-06-05 10:00:00" },
          { customer_id: id("A4"), external_id: "I2", kind: "call", occurred_at: "2026-06-11 10:00:00" }, // tomorrow: not yet
          { customer_id: id("B1"), external_id: "I3", kind: "visit", occurred_at: "2026-05-01 09:00:00" },
        ])
        .execute();
      let n = 0;
      const task = (code: string, kind: string, dueOn: string, owner: string | null, status = "open") => ({
        customer_id: id(code),
        kind,
        occasion_key: `k${n++}`,
        owner,
        due_on: dueOn,
        priority: 2,
        reason: JSON.stringify({ code: "test", params: {} }),
        status,
      });
      await handle.db
        .insertInto("tasks")
        .values([
          task("A1", "care", "2026-06-09", "alice"),
          task("A1", "cadence", "2026-06-10", "alice"),
          task("A2", "care", "2026-06-12", "alice"),
          task("A3", "care", "2026-06-20", "alice"),
          task("A4", "win_back", "2026-06-14", "alice"),
          task("A2", "cadence", "2026-06-10", "alice", "done"),
          task("A3", "cadence", "2026-06-15", "alice"), // next week
          task("B1", "collection", "2026-06-01", "bob"),
        ])
        .execute();
      const run = async (asOf: string, warnings: Record<string, string>) => {
        const inserted = await handle.db
          .insertInto("analysis_runs")
          .values({
            as_of: asOf,
            time_unit: "week",
            horizon: 52,
            model: "bgnbd",
            discount_rate: 0.1,
            customers: Object.keys(warnings).length,
            report: "{}",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await handle.db
          .insertInto("customer_scores")
          .values(
            Object.entries(warnings).map(([code, level], k) => ({
              run_id: Number(inserted.id),
              customer_id: id(code),
              orders: 1,
              revenue: 100,
              revenue_12m: 100,
              margin: 10,
              churn_warning: level,
              churn_risk: 0.5 + k / 100,
              churn_reasons: JSON.stringify(["long_silence"]),
            })),
          )
          .execute();
      };
      await run("2026-05-31", { A1: "warning", A3: "none" });
      await run("2026-06-09", { A1: "critical", A3: "warning", A4: "watch", B1: "critical" });
    });
    afterAll(() => handle?.close());

    it("gives a salesperson their own day: tasks this week, silence, new warnings, care ahead", async () => {
      const day = await myDay(contextOf(handle, salesActor()), { today: TODAY });
      expect(day.today).toBe(TODAY);
      expect(day.weekEnd).toBe("2026-06-14");
      expect(day.team).toBeNull();
      expect(day.mine).toMatchObject({
        owner: "alice",
        name: "爱丽丝",
        tasks: { overdue: 1, dueToday: 1, dueThisWeek: 2 },
        byKind: [
          { kind: "cadence", overdue: 0, dueToday: 1, dueThisWeek: 0 },
          { kind: "care", overdue: 1, dueToday: 0, dueThisWeek: 1 },
          { kind: "win_back", overdue: 0, dueToday: 0, dueThisWeek: 1 },
        ],
        // A3 (never contacted, no registration day) from 7 days on; A4 (registered 21 days ago,
        // its call is tomorrow) for 7 and 15; A1 (called 5 days ago) and A2 (new) in none.
        uncontacted: [
          { days: 7, customers: 2 },
          { days: 15, customers: 2 },
          { days: 30, customers: 1 },
          { days: 90, customers: 1 },
          { days: 180, customers: 1 },
        ],
        // A3 is newly warned; A1 was warned already, A4 is only watched.
        newChurnWarnings: 1,
      });
      expect(day.churnWarnings).toEqual({
        total: 1,
        customers: [
          {
            code: "A3",
            name: "客户 A3",
            owner: "alice",
            level: "warning",
            risk: 0.5 + 1 / 100,
            reasons: ["long_silence"],
          },
        ],
      });
      // Care from today on, for 30 days: not the one overdue since yesterday.
      expect(day.care.map((task) => [task.customerCode, task.dueOn])).toEqual([
        ["A2", "2026-06-12"],
        ["A3", "2026-06-20"],
      ]);
    });

    it("shows a manager each owner they see; bob's customers stay out of a salesperson's counts", async () => {
      const day = await myDay(contextOf(handle, managerActor()), { today: TODAY });
      expect(day.mine).toMatchObject({ owner: "mgr", tasks: { overdue: 0, dueToday: 0, dueThisWeek: 0 } });
      expect(day.team?.map((owner) => owner.owner)).toEqual(["alice", "bob"]);
      expect(day.team?.[1]).toMatchObject({
        owner: "bob",
        name: "鲍勃",
        tasks: { overdue: 1, dueToday: 0, dueThisWeek: 0 },
        uncontacted: [
          { days: 7, customers: 1 },
          { days: 15, customers: 1 },
          { days: 30, customers: 1 },
          { days: 90, customers: 0 },
          { days: 180, customers: 0 },
        ],
        newChurnWarnings: 1,
      });
      // A reader of every customer with no customers of their own: no day of their own, every owner.
      const all = await myDay(contextOf(handle), { today: TODAY });
      expect(all.mine).toBeNull();
      expect(all.care).toEqual([]);
      expect(all.team?.map((owner) => [owner.owner, owner.tasks.overdue])).toEqual([
        ["alice", 1],
        ["bob", 1],
      ]);
    });

    it("needs read and a valid day", async () => {
      await expect(myDay(contextOf(handle, salesActor([])))).rejects.toMatchObject({ code: "APP_FORBIDDEN" });
      await expect(myDay(contextOf(handle, salesActor()), { today: "10.06.2026" })).rejects.toMatchObject({
        code: "APP_INVALID_INPUT",
      });
    });
  });
}
