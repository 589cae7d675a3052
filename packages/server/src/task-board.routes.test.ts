/**
 * The lists of the tasks page over HTTP: the task board (filters, pages, the total), the care
 * calendar (festivals, solar and lunar birthdays with their care tasks) and the churn warnings of
 * the customer list with their reasons, each only of the customers in the reader's scope.
 */
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

interface BoardTask {
  id: number;
  kind: string;
  customerCode: string;
  owner: string | null;
  dueOn: string;
  priority: string;
  status: string;
}
interface BoardPage {
  items: BoardTask[];
  total: number;
  nextCursor: string | null;
}

for (const engine of ENGINES) {
  describe(`task board, care calendar and churn warnings routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { get } = server;
    beforeAll(async () => {
      const { ids, salesA, salesB } = server.company;
      const task = (
        code: string,
        kind: string,
        key: string,
        owner: string | null,
        dueOn: string,
        priority: number,
        status = "open",
      ) => ({
        customer_id: ids.get(code)!,
        kind,
        occasion_key: key,
        owner,
        due_on: dueOn,
        priority,
        reason: JSON.stringify({ code: "care_birthday", params: { date: dueOn } }),
        status,
      });
      // Beside the fixture's cadence task per customer (due 2026-01-05, normal):
      await server.handle.db
        .insertInto("tasks")
        .values([
          task("CA1", "care", "care:birthday:2026", salesA.username, "2026-01-05", 1),
          task("CA2", "collection", "collection:INV-CA2:1-30", null, "2026-01-03", 0),
          task("CB1", "win_back", "win_back:since:2025-11-20", salesB.username, "2026-01-02", 1, "done"),
          task("CS1", "care", "care:spring_festival:2026", null, "2026-02-10", 2, "done"),
        ])
        .execute();
      // CA1 keeps a solar birthday on 12 January; CA2 was born on 1990-01-27, 正月初一 of its
      // lunar year, and keeps it by the lunar calendar: in 2026 on the Spring Festival, 2026-02-17.
      const birthday = (code: string, day: string, lunar: boolean) =>
        server.handle.db
          .updateTable("customers")
          .set({ birthday: day, birthday_lunar: lunar })
          .where("id", "=", ids.get(code)!)
          .execute();
      await birthday("CA1", "1980-01-12", false);
      await birthday("CA2", "1990-01-27", true);
      await birthday("CB1", "1985-02-01", false);
    });

    const board = async (who: SignedIn, query = ""): Promise<BoardPage> => {
      const response = await get(who, `/api/v1/tasks/board${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const tasksOf = (page: BoardPage) => page.items.map((t) => `${t.customerCode}:${t.kind}`);

    it("lists the open tasks of the customers in scope, earliest due and most urgent first", async () => {
      const admin = await board(server.company.admin);
      expect(tasksOf(admin)).toEqual([
        "CA2:collection",
        "CA1:care",
        // The fixture's cadence tasks, due the same day at the same priority: in id order.
        "CA1:cadence",
        "CA2:cadence",
        "CS1:cadence",
        "CB1:cadence",
      ]);
      expect(admin.total).toBe(6);
      expect(admin.items[0]).toMatchObject({ owner: null, dueOn: "2026-01-03", priority: "urgent" });
      const manager = await board(server.company.manager);
      expect(new Set(manager.items.map((t) => t.customerCode))).toEqual(new Set(["CA1", "CA2", "CS1"]));
      expect(manager.total).toBe(5);
      const salesA = await board(server.company.salesA);
      expect(new Set(salesA.items.map((t) => t.customerCode))).toEqual(new Set(["CA1", "CA2"]));
      // Another department's done task is neither listed nor counted.
      expect(await board(server.company.salesA, "?status=done")).toEqual({
        items: [],
        total: 0,
        nextCursor: null,
      });
      expect((await board(server.company.analyst, "?status=all")).total).toBe(8);
    });

    it("filters by kind, owner or the pool, status, due days and priority, in the page and the total", async () => {
      const { admin, salesA } = server.company;
      expect(tasksOf(await board(admin, "?kind=care&status=all"))).toEqual(["CA1:care", "CS1:care"]);
      const mine = await board(admin, `?owner=${salesA.username}`);
      expect(mine.total).toBe(3);
      expect(mine.items.every((t) => t.owner === salesA.username)).toBe(true);
      expect(tasksOf(await board(admin, "?pool=true"))).toEqual(["CA2:collection"]);
      expect((await board(admin, "?pool=false")).total).toBe(5);
      expect((await board(admin, `?pool=true&owner=${salesA.username}`)).total).toBe(0);
      expect(tasksOf(await board(admin, "?status=done"))).toEqual(["CB1:win_back", "CS1:care"]);
      expect(tasksOf(await board(admin, "?status=all&dueFrom=2026-01-03&dueTo=2026-01-04"))).toEqual([
        "CA2:collection",
      ]);
      expect((await board(admin, "?dueFrom=2026-01-05&dueTo=2026-01-05")).total).toBe(5);
      expect(tasksOf(await board(admin, "?priority=high&status=all"))).toEqual(["CB1:win_back", "CA1:care"]);
      for (const bad of [
        "kind=campaign",
        "priority=asap",
        "dueFrom=soon",
        "status=late",
        "limit=0",
        "pool=maybe",
      ])
        expect((await get(admin, `/api/v1/tasks/board?${bad}`)).statusCode, bad).toBe(400);
    });

    it("pages with a cursor: every task once, the same total on every page", async () => {
      const first = await board(server.company.admin, "?status=all&limit=3");
      expect(first.items).toHaveLength(3);
      const second = await board(
        server.company.admin,
        `?status=all&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`,
      );
      const third = await board(
        server.company.admin,
        `?status=all&limit=3&cursor=${encodeURIComponent(second.nextCursor!)}`,
      );
      expect([first.total, second.total, third.total]).toEqual([8, 8, 8]);
      expect(third.nextCursor).toBeNull();
      const all = await board(server.company.admin, "?status=all&limit=50");
      expect([...first.items, ...second.items, ...third.items].map((t) => t.id)).toEqual(
        all.items.map((t) => t.id),
      );
      expect((await get(server.company.admin, "/api/v1/tasks/board?cursor=nonsense")).statusCode).toBe(400);
    });

    it("lays out the care calendar: festivals, solar and lunar birthdays in scope, with their care tasks", async () => {
      const calendar = async (who: SignedIn, query: string) => {
        const response = await get(who, `/api/v1/tasks/care-calendar${query}`);
        expect(response.statusCode, response.body).toBe(200);
        return response.json();
      };
      const window = "?from=2026-01-01&to=2026-02-28";
      const admin = await calendar(server.company.admin, window);
      expect(admin.festivals).toEqual([
        { code: "new_year", on: "2026-01-01", tasks: { open: 0, done: 0 } },
        { code: "spring_festival", on: "2026-02-17", tasks: { open: 0, done: 1 } },
      ]);
      expect(admin.birthdays).toEqual([
        {
          customerCode: "CA1",
          customerName: "杭州茶叶",
          owner: server.company.salesA.username,
          occasion: "birthday",
          on: "2026-01-12",
          lunar: null,
          task: {
            id: expect.any(Number),
            status: "open",
            owner: server.company.salesA.username,
            dueOn: "2026-01-05",
          },
        },
        expect.objectContaining({ customerCode: "CB1", occasion: "birthday", on: "2026-02-01", task: null }),
        expect.objectContaining({
          customerCode: "CA2",
          occasion: "lunar_birthday",
          on: "2026-02-17",
          lunar: { year: 2026, month: 1, day: 1, leap: false },
          task: null,
        }),
      ]);
      // Sales A: her customers' birthdays only, and no festival task of another's customer counted.
      const salesA = await calendar(server.company.salesA, window);
      expect(salesA.birthdays.map((b: { customerCode: string }) => b.customerCode)).toEqual(["CA1", "CA2"]);
      expect(salesA.festivals[1].tasks).toEqual({ open: 0, done: 0 });
      expect((await calendar(server.company.manager, window)).festivals[1].tasks).toEqual({
        open: 0,
        done: 1,
      });
      // Default: today and the 30 days after it.
      const today = await calendar(server.company.salesA, "");
      expect(Date.parse(today.to) - Date.parse(today.from)).toBe(30 * 86_400_000);
      for (const bad of ["?from=2026-02-01&to=2026-01-01", "?from=2026-01-01&to=2026-06-30", "?from=soon"])
        expect((await get(server.company.admin, `/api/v1/tasks/care-calendar${bad}`)).statusCode, bad).toBe(
          400,
        );
    });

    it("lists the churn warnings with their reasons in the customer list, only in scope", async () => {
      await server.handle.db
        .updateTable("customer_scores")
        .set({
          churn_warning: "critical",
          churn_risk: 0.9,
          churn_reasons: JSON.stringify(["complaints", "detractor"]),
        })
        .where("customer_id", "in", [server.company.ids.get("CA1")!, server.company.ids.get("CB1")!])
        .execute();
      const warned = async (who: SignedIn) => {
        const response = await get(
          who,
          "/api/v1/customers?churnWarning=warning,critical&sort=churnRisk&order=desc&limit=50",
        );
        expect(response.statusCode, response.body).toBe(200);
        return response.json().items as { code: string; churnWarning: string; churnReasons: string[] }[];
      };
      const admin = await warned(server.company.admin);
      const byCode = new Map(admin.map((customer) => [customer.code, customer]));
      expect(byCode.get("CA1")).toMatchObject({
        churnWarning: "critical",
        churnReasons: ["complaints", "detractor"],
      });
      expect(byCode.get("CB1")?.churnReasons).toEqual(["complaints", "detractor"]);
      const salesA = await warned(server.company.salesA);
      expect(salesA.map((customer) => customer.code)).not.toContain("CB1");
      expect(salesA.find((customer) => customer.code === "CA1")?.churnReasons).toEqual([
        "complaints",
        "detractor",
      ]);
      // Customers without a warning carry no reasons.
      const all = (await get(server.company.admin, "/api/v1/customers?churnWarning=none")).json();
      for (const customer of all.items) expect(customer.churnReasons).toEqual([]);
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/tasks/board", "/api/v1/tasks/care-calendar"]),
      );
    });
  });
}
