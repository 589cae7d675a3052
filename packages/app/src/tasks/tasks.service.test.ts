import { ENGINES } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../access/actor.service.ts";
import type { AppContext } from "../context.ts";
import { resetCompanySettings, updateCompanySettings } from "../settings/settings.service.ts";
import {
  DEMO_AS_OF,
  type DemoCompany,
  failure,
  limitedActor,
  openDemoCompany,
} from "../testing/demo-company.fixture.ts";
import {
  campaignMembers,
  completeTask,
  customerTasks,
  exportCampaign,
  generateTasks,
  listTasks,
  myTasks,
  readTask,
  reassignTask,
  rescheduleTask,
  teamTasks,
} from "./tasks.service.ts";

for (const engine of ENGINES) {
  describe(`task use cases on ${engine}`, () => {
    let company: DemoCompany;
    let mine: AppContext;
    let mineCode: string;
    let otherCode: string;
    /** Every open task's id, by its customer's owner. */
    let openBy: Map<string | null, number[]>;
    beforeAll(async () => {
      company = await openDemoCompany(engine);
      mine = { handle: company.handle, actor: limitedActor(company.owners[0], ["read", "edit"]) };
      mineCode = await company.customerOf(company.owners[0]);
      otherCode = await company.customerOf(company.owners[1]);
      const rows = await company.handle.db
        .selectFrom("tasks as t")
        .innerJoin("customers as c", "c.id", "t.customer_id")
        .select(["t.id", "c.owner"])
        .where("t.status", "=", "open")
        .execute();
      openBy = new Map();
      for (const row of rows) openBy.set(row.owner, [...(openBy.get(row.owner) ?? []), Number(row.id)]);
    }, 120_000);
    afterAll(async () => {
      await company?.close();
    });

    it("generated the day's tasks with products for care visits, and a rerun adds none", async () => {
      const first = company.pipeline.tasks;
      expect(first.asOf).toBe(DEMO_AS_OF);
      expect(first.created).toBeGreaterThan(0);
      const care = await company.handle.db
        .selectFrom("tasks")
        .select("details")
        .where("kind", "=", "care")
        .execute();
      const withProducts = care.filter((row) => JSON.stringify(row.details).includes("recommendations"));
      expect(care.length === 0 || withProducts.length > 0).toBe(true);
      expect(await failure(generateTasks(mine, { asOf: DEMO_AS_OF }))).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "analyze" },
      });
      const again = await generateTasks(company.local, { asOf: DEMO_AS_OF });
      expect(again.created).toBe(0);
      // The counts per owner are of the customers the actor sees: here, all.
      const counted = again.openByOwner.reduce((sum, row) => sum + row.tasks, 0);
      const { n } = await company.handle.db
        .selectFrom("tasks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "open")
        .where("due_on", "<=", DEMO_AS_OF)
        .executeTakeFirstOrThrow();
      expect(counted).toBe(Number(n));
    });

    it("lists only the tasks of customers in scope, and does not find another owner's", async () => {
      const limit = 10_000;
      const all = await listTasks(company.local, { limit });
      const limited = await listTasks(mine, { limit });
      const mineIds = (openBy.get(company.owners[0]) ?? []).sort((a, b) => a - b);
      expect(limited.tasks.map((task) => task.id).sort((a, b) => a - b)).toEqual(mineIds);
      expect(limited.tasks.length).toBeLessThan(all.tasks.length);
      // Asking for the other owner's tasks by owner name finds none of theirs.
      const byOwner = await listTasks(mine, { owner: company.owners[1], limit });
      expect(byOwner.tasks.filter((task) => task.customerCode === otherCode)).toEqual([]);
      expect((await customerTasks(mine, { code: mineCode })).tasks.length).toBeGreaterThan(0);
      expect(await failure(customerTasks(mine, { code: otherCode }))).toMatchObject({
        code: "APP_NOT_FOUND",
      });
      const otherTask = openBy.get(company.owners[1])![0]!;
      expect(await failure(readTask(mine, { id: otherTask }))).toMatchObject({ code: "APP_NOT_FOUND" });
      expect(await failure(completeTask(mine, { id: otherTask }))).toMatchObject({ code: "APP_NOT_FOUND" });
      expect(await failure(rescheduleTask(mine, { id: otherTask, dueOn: "2026-07-15" }))).toMatchObject({
        code: "APP_NOT_FOUND",
      });
    });

    it("lists my tasks by my user name, and my team's", async () => {
      const limit = 10_000;
      const own = await myTasks(mine, { limit });
      expect(own.tasks.length).toBeGreaterThan(0);
      expect(own.tasks.every((task) => task.owner === company.owners[0])).toBe(true);
      const team = await teamTasks(mine, { limit });
      expect(team.tasks.length).toBeGreaterThanOrEqual(own.tasks.length);
      // Team members' tasks of customers out of scope stay hidden.
      expect(team.tasks.every((task) => task.customerCode !== otherCode)).toBe(true);
      expect((await myTasks(company.local, {})).tasks).toEqual([]);
    });

    it("shows a campaign's customers in scope only, and exports them with the export permission", async () => {
      const { campaigns } = await listTasks(company.local, { kind: "campaign", status: "all" });
      expect(campaigns.length).toBeGreaterThan(0);
      const campaign = campaigns[0]!;
      const all = await campaignMembers(company.local, { id: campaign.id });
      expect(all.customers).toHaveLength(campaign.members);
      const limited = await campaignMembers(mine, { id: campaign.id }).catch(
        (error: { code: string }) => error,
      );
      if (campaign.owner === company.owners[0]) {
        const owned = all.customers.filter((member) => member.owner === company.owners[0]);
        expect((limited as Awaited<ReturnType<typeof campaignMembers>>).customers).toEqual(owned);
      } else {
        expect(limited).toMatchObject({ code: "APP_NOT_FOUND" });
      }
      expect(
        await failure(
          exportCampaign(mine, { id: campaign.id, format: "csv", out: "/tmp/x.csv", locale: "en" }),
        ),
      ).toMatchObject({ code: "APP_FORBIDDEN", params: { permission: "export" } });
    });

    it("completes, reschedules and reassigns, each with its permission", async () => {
      const [first, second] = openBy.get(company.owners[0])!;
      const moved = await rescheduleTask(mine, { id: first!, dueOn: "2026-07-15" });
      expect(moved.dueOn).toBe("2026-07-15");
      expect(await failure(rescheduleTask(mine, { id: first!, dueOn: "2026-07-32" }))).toMatchObject({
        code: "APP_INVALID_INPUT",
      });
      expect(await failure(reassignTask(mine, { id: first!, owner: company.owners[1] }))).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "reassign" },
      });
      const manager = {
        handle: company.handle,
        actor: limitedActor(company.owners[0], ["read", "edit", "reassign"]),
      };
      expect(await failure(reassignTask(manager, { id: first!, owner: "nobody-here" }))).toMatchObject({
        code: "APP_INVALID_INPUT",
      });
      expect((await reassignTask(manager, { id: first!, owner: company.owners[1] })).owner).toBe(
        company.owners[1],
      );
      expect((await reassignTask(manager, { id: first!, owner: null })).owner).toBeNull();

      const reader = { handle: company.handle, actor: limitedActor(company.owners[0], ["read"]) };
      expect(await failure(completeTask(reader, { id: second! }))).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "edit" },
      });
      const done = await completeTask(mine, { id: second!, by: "ignored" });
      expect(done).toMatchObject({ alreadyDone: false, task: { status: "done", doneBy: company.owners[0] } });
      expect(await completeTask(mine, { id: second! })).toMatchObject({ alreadyDone: true });
      expect(await failure(rescheduleTask(mine, { id: second!, dueOn: "2026-08-01" }))).toMatchObject({
        code: "TASK_DONE",
      });
    });

    it("generates for today in the company's time zone, not the machine's", async () => {
      // Kiritimati (UTC+14) and Etc/GMT+12 (UTC−12) are always on different days.
      for (const timezone of ["Pacific/Kiritimati", "Etc/GMT+12"]) {
        await updateCompanySettings(company.local, { changes: { timezone } });
        expect((await generateTasks(company.local)).asOf).toBe(todayIn(timezone));
      }
      expect(todayIn("Pacific/Kiritimati")).not.toBe(todayIn("Etc/GMT+12"));
      await resetCompanySettings(company.local, { keys: ["timezone"] });
    });
  });
}
