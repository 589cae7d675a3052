/**
 * Task generation on each engine, from a small company written straight into the tables: six
 * customers graded under the company's own copy of the "value" scheme and served by the
 * ready-made value playbook, each with one reason for work (a lunar birthday, a fall from A, an
 * overdue invoice, a detractor, an open complaint, a small customer's debt). Every task expected
 * below is worked out by hand from the playbook (packages/core/src/strategy/builtin.ts) and the
 * rules of packages/core/src/strategy/tasks.ts.
 */
import { TASK_KINDS } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countRows,
  insertAnalysisRun,
  insertCustomers,
  parsed,
  type ScoreRow,
} from "../grade/grade.fixture.ts";
import {
  ensureBuiltinDefinitions,
  GradeError,
  gradeMigrationBetween,
  gradeRun,
  saveDefinition,
} from "../grade/index.ts";
import { completeTask, generateTasksInDb, listTasks, openTasksByOwner } from "./index.ts";

/**
 * The company's own "value" scheme (version 2 after the ready-made one): revenue alone, in bands,
 * so that A is revenue from 10 000, B from 5 000, C from 1 000 and D below.
 */
const VALUE_BY_REVENUE = {
  name: "value",
  version: 1,
  title: { "zh-CN": "按收入分级", en: "Graded by revenue" },
  grades: ["A", "B", "C", "D"].map((code) => ({
    code,
    label: { "zh-CN": `${code} 级`, en: `Grade ${code}` },
  })),
  dimensions: [
    {
      field: "revenue",
      weight: 1,
      normalize: {
        method: "bands",
        bands: [
          { min: 0, score: 0 },
          { min: 1000, score: 30 },
          { min: 5000, score: 60 },
          { min: 10000, score: 100 },
        ],
      },
    },
  ],
  assign: { method: "thresholds", min: { A: 90, B: 50, C: 20 } },
};

const CUSTOMERS = [
  // Born 1990-01-27, the lunar 1990-01-01 (正月初一): the lunar birthday of 2027 is 2027-02-06 (春节).
  { code: "T1", owner: "wang", birthday: "1990-01-27", birthday_lunar: true },
  // A solar birthday on February 7.
  { code: "T2", owner: "li", birthday: "1985-02-07", birthday_lunar: false },
  { code: "T3", owner: "zhao" },
  { code: "T4", owner: "zhao" },
  { code: "T5", owner: "li" },
  { code: "T6", owner: "wang" },
];

/** Grades A, A, C, C, B, D in the earlier run; T2 falls to B in the latest. */
function scores(t2Revenue: number): ScoreRow[] {
  const alive = { p_alive: 0.9, churn_warning: "none" };
  return [
    { code: "T1", revenue: 20000, ...alive },
    { code: "T2", revenue: t2Revenue, ...alive },
    { code: "T3", revenue: 2000, ...alive },
    { code: "T4", revenue: 3000, ...alive },
    { code: "T5", revenue: 7000, ...alive },
    { code: "T6", revenue: 500, ...alive },
  ];
}

async function loadCompany(handle: DbHandle): Promise<Map<string, number>> {
  const ids = await insertCustomers(handle, CUSTOMERS);
  const id = (code: string) => ids.get(code)!;
  const owned = (code: string, externalId: string) => ({ customer_id: id(code), external_id: externalId });

  await handle.db
    .insertInto("orders")
    .values([
      // T2's last purchase: its win-back occasion is "since 2026-11-01".
      { ...owned("T2", "O-1"), order_date: "2026-11-01", amount: 6000, status: "completed" },
      { ...owned("T2", "O-2"), order_date: "2026-12-01", amount: 100, status: "cancelled" },
    ])
    .execute();
  await handle.db
    .insertInto("invoices")
    .values([
      // Due 2026-12-01, 600 of 1 000 open: 62 days past due on 2027-02-01, bucket 61-90.
      { ...owned("T3", "INV-1"), issued_on: "2026-11-01", due_on: "2026-12-01", amount: 1000 },
      // Paid in full before the as-of day.
      { ...owned("T3", "INV-2"), issued_on: "2026-11-20", due_on: "2026-12-20", amount: 500 },
      // Not due yet.
      { ...owned("T3", "INV-3"), issued_on: "2027-01-20", due_on: "2027-02-20", amount: 900 },
      // Due 2027-01-15, nothing paid: 17 days, bucket 1-30.
      { ...owned("T3", "INV-4"), issued_on: "2026-12-15", due_on: "2027-01-15", amount: 300 },
      // Due 2027-01-01: 31 days, bucket 31-60, for a D customer.
      { ...owned("T6", "INV-6"), issued_on: "2026-12-01", due_on: "2027-01-01", amount: 800 },
    ])
    .execute();
  await handle.db
    .insertInto("payments")
    .values([
      { ...owned("T3", "P-1"), invoice_external_id: "INV-1", paid_on: "2026-12-15", amount: 400 },
      { ...owned("T3", "P-2"), invoice_external_id: "INV-2", paid_on: "2027-01-05", amount: 500 },
    ])
    .execute();
  await handle.db
    .insertInto("survey_answers")
    .values([
      { ...owned("T4", "S-1"), answered_on: "2027-01-25", nps: 5 },
      // A passive: no follow-up.
      { ...owned("T4", "S-2"), answered_on: "2027-01-26", nps: 7 },
      // Detractors older than 30 days are history.
      { ...owned("T4", "S-3"), answered_on: "2026-12-01", nps: 3 },
      { ...owned("T4", "S-6"), answered_on: "2027-01-02", nps: 0 },
      // 29 days before 2027-02-01, and 6 is still a detractor.
      { ...owned("T4", "S-5"), answered_on: "2027-01-03", nps: 6 },
      // After 2027-02-01: not yet.
      { ...owned("T4", "S-4"), answered_on: "2027-02-03", nps: 4 },
    ])
    .execute();
  const at = (iso: string) => new Date(iso);
  await handle.db
    .insertInto("interactions")
    .values([
      // Recent contacts, so that no cadence is due (A visits every 30 days, B calls every 90, C every 180).
      { ...owned("T1", "I-1"), kind: "visit", occurred_at: at("2027-01-20T09:00:00Z") },
      { ...owned("T2", "I-2"), kind: "call", occurred_at: at("2027-01-25T09:00:00Z") },
      { ...owned("T3", "I-3"), kind: "call", occurred_at: at("2027-01-10T09:00:00Z") },
      { ...owned("T4", "I-4"), kind: "call", occurred_at: at("2027-01-10T09:00:00Z") },
      // Open for more than 48 hours by the end of 2027-02-01.
      { ...owned("T5", "K-1"), kind: "complaint", occurred_at: at("2027-01-29T10:00:00Z") },
      // Open, but its 48 hours run out on 2027-02-03 at 08:00.
      { ...owned("T5", "K-2"), kind: "complaint", occurred_at: at("2027-02-01T08:00:00Z") },
      // Resolved the next day.
      {
        ...owned("T5", "K-3"),
        kind: "complaint",
        occurred_at: at("2027-01-20T08:00:00Z"),
        resolved_at: at("2027-01-21T08:00:00Z"),
      },
      // Resolved only after 2027-02-01: open as of that day.
      {
        ...owned("T5", "K-4"),
        kind: "complaint",
        occurred_at: at("2027-01-10T08:00:00Z"),
        resolved_at: at("2027-02-05T08:00:00Z"),
      },
    ])
    .execute();
  return ids;
}

/** The fields of a task that the rules decide. */
interface TaskRow {
  code: string;
  kind: string;
  key: string;
  owner: string | null;
  dueOn: string;
  priority: number;
  reason: { code: string; params: Record<string, string | number> };
  details: Record<string, unknown> | null;
  status: string;
}

/*
 * As of 2027-02-01 (A's care is looked for 7 days ahead, to 02-08; B's 7; C's 3):
 *
 * - T1 (A, wang): its lunar birthday and 春节 on 2027-02-06, care due the eve before, with the A
 *   budget 2 000 shared over 7 occasions (birthday + 6 festivals) ≈ 286; the quarter's account
 *   review, due on its last day. All at least high, A's priority.
 * - T2 (fell from A to B, li): a win-back for the fall, by the A rule (high), since its last
 *   completed purchase; its birthday 02-07 and 春节, with the B budget 600 / 3 = 200.
 * - T3 (C, zhao): INV-1 in bucket 61-90, due the day it entered it (12-01 + 61 = 01-31), high;
 *   INV-4 in 1-30, due 01-16, normal. INV-2 is paid, INV-3 not due.
 * - T4 (C, zhao): follow-ups of S-1 and S-5, due 2 days after the answer, high.
 * - T5 (B, li): K-1 and K-4 escalated, urgent, due today; 春节 care.
 * - T6 (D, pool): INV-6 in 31-60 (01-01 + 31 = 02-01), normal, to nobody.
 */
const HIGH = 1;
const URGENT = 0;
const NORMAL = 2;
const valueDetails = (grade: string) => ({ playbook: "value", playbookVersion: 1, grade });
const FIRST_RUN: TaskRow[] = [
  {
    code: "T1",
    kind: "care",
    key: "care:lunar_birthday:2027",
    owner: "wang",
    dueOn: "2027-02-05",
    priority: HIGH,
    reason: { code: "care_lunar_birthday", params: { date: "2027-02-06", budget: 286 } },
    details: valueDetails("A"),
    status: "open",
  },
  {
    code: "T1",
    kind: "care",
    key: "care:spring_festival:2027",
    owner: "wang",
    dueOn: "2027-02-05",
    priority: HIGH,
    reason: {
      code: "care_festival",
      params: { date: "2027-02-06", festival: "spring_festival", budget: 286 },
    },
    details: valueDetails("A"),
    status: "open",
  },
  {
    code: "T1",
    kind: "key_account_review",
    key: "review:2027-Q1",
    owner: "wang",
    dueOn: "2027-03-31",
    priority: HIGH,
    reason: { code: "key_account_review", params: { period: "2027-Q1" } },
    details: valueDetails("A"),
    status: "open",
  },
  {
    code: "T2",
    kind: "care",
    key: "care:birthday:2027",
    owner: "li",
    dueOn: "2027-02-06",
    priority: NORMAL,
    reason: { code: "care_birthday", params: { date: "2027-02-07", budget: 200 } },
    details: valueDetails("B"),
    status: "open",
  },
  {
    code: "T2",
    kind: "care",
    key: "care:spring_festival:2027",
    owner: "li",
    dueOn: "2027-02-05",
    priority: NORMAL,
    reason: {
      code: "care_festival",
      params: { date: "2027-02-06", festival: "spring_festival", budget: 200 },
    },
    details: valueDetails("B"),
    status: "open",
  },
  {
    code: "T2",
    kind: "win_back",
    key: "win_back:since:2026-11-01",
    owner: "li",
    dueOn: "2027-02-01",
    priority: HIGH,
    reason: { code: "win_back_drop", params: { from: "A", to: "B" } },
    details: valueDetails("B"),
    status: "open",
  },
  {
    code: "T3",
    kind: "collection",
    key: "collection:INV-1:61-90",
    owner: "zhao",
    dueOn: "2027-01-31",
    priority: HIGH,
    reason: {
      code: "collection_overdue",
      params: { invoice: "INV-1", bucket: "61-90", amount: 600, dueOn: "2026-12-01", days: 62 },
    },
    details: valueDetails("C"),
    status: "open",
  },
  {
    code: "T3",
    kind: "collection",
    key: "collection:INV-4:1-30",
    owner: "zhao",
    dueOn: "2027-01-16",
    priority: NORMAL,
    reason: {
      code: "collection_overdue",
      params: { invoice: "INV-4", bucket: "1-30", amount: 300, dueOn: "2027-01-15", days: 17 },
    },
    details: valueDetails("C"),
    status: "open",
  },
  {
    code: "T4",
    kind: "detractor_follow_up",
    key: "detractor:S-1",
    owner: "zhao",
    dueOn: "2027-01-27",
    priority: HIGH,
    reason: { code: "detractor", params: { nps: 5, answeredOn: "2027-01-25" } },
    details: valueDetails("C"),
    status: "open",
  },
  {
    code: "T4",
    kind: "detractor_follow_up",
    key: "detractor:S-5",
    owner: "zhao",
    dueOn: "2027-01-05",
    priority: HIGH,
    reason: { code: "detractor", params: { nps: 6, answeredOn: "2027-01-03" } },
    details: valueDetails("C"),
    status: "open",
  },
  {
    code: "T5",
    kind: "care",
    key: "care:spring_festival:2027",
    owner: "li",
    dueOn: "2027-02-05",
    priority: NORMAL,
    reason: {
      code: "care_festival",
      params: { date: "2027-02-06", festival: "spring_festival", budget: 200 },
    },
    details: valueDetails("B"),
    status: "open",
  },
  {
    code: "T5",
    kind: "complaint_escalation",
    key: "escalation:K-1",
    owner: "li",
    dueOn: "2027-02-01",
    priority: URGENT,
    reason: { code: "complaint_overdue", params: { dueHours: 48, occurredOn: "2027-01-29" } },
    details: valueDetails("B"),
    status: "open",
  },
  {
    code: "T5",
    kind: "complaint_escalation",
    key: "escalation:K-4",
    owner: "li",
    dueOn: "2027-02-01",
    priority: URGENT,
    reason: { code: "complaint_overdue", params: { dueHours: 48, occurredOn: "2027-01-10" } },
    details: valueDetails("B"),
    status: "open",
  },
  {
    code: "T6",
    kind: "collection",
    key: "collection:INV-6:31-60",
    owner: null,
    dueOn: "2027-02-01",
    priority: NORMAL,
    reason: {
      code: "collection_overdue",
      params: { invoice: "INV-6", bucket: "31-60", amount: 800, dueOn: "2027-01-01", days: 31 },
    },
    details: valueDetails("D"),
    status: "open",
  },
];

for (const engine of ENGINES) {
  describe(`task generation on ${engine}`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;
    let latestValueRun: number;

    /** Every task, by customer code and occasion key. */
    async function allTasks(): Promise<TaskRow[]> {
      const rows = await handle.db
        .selectFrom("tasks as t")
        .innerJoin("customers as c", "c.id", "t.customer_id")
        .select([
          "c.code",
          "t.kind",
          "t.occasion_key",
          "t.owner",
          "t.due_on",
          "t.priority",
          "t.reason",
          "t.details",
          "t.status",
        ])
        .orderBy("c.code")
        .orderBy("t.occasion_key")
        .execute();
      return rows.map((row) => ({
        code: row.code,
        kind: row.kind,
        key: row.occasion_key,
        owner: row.owner,
        dueOn: row.due_on,
        priority: Number(row.priority),
        reason: parsed(row.reason),
        details: parsed(row.details),
        status: row.status,
      }));
    }

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await loadCompany(handle);
      await ensureBuiltinDefinitions(handle);
      const { stored } = await saveDefinition(handle, "scheme", VALUE_BY_REVENUE);
      expect(stored.version).toBe(2);
      const earlier = await insertAnalysisRun(handle, ids, "2026-12-31", scores(20000));
      const latest = await insertAnalysisRun(handle, ids, "2027-01-31", scores(6000));
      await gradeRun(handle, { scheme: "value", analysisRunId: earlier });
      latestValueRun = (await gradeRun(handle, { scheme: "value", analysisRunId: latest })).gradeRunId!;
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("has nothing to care for eight days before the lunar birthday and 春节, beyond the 7 days A looks ahead", async () => {
      const report = await generateTasksInDb(handle, { asOf: "2027-01-29", kinds: ["care"] });
      expect(report.created).toBe(0);
      expect(await countRows(handle, "tasks")).toBe(0);
    });

    it("creates the tasks computed by hand, and nothing more", async () => {
      const report = await generateTasksInDb(handle, { asOf: "2027-02-01" });
      expect(report.playbooks).toEqual([
        { name: "value", version: 1, basis: "grade", gradeRunId: latestValueRun },
      ]);
      expect(report.skipped).toEqual([
        { name: "credit", reason: "not_graded" },
        { name: "key_account", reason: "not_graded" },
      ]);
      expect(report.created).toBe(14);
      expect(report.candidates).toBe(14);
      expect(report.createdByKind).toEqual({
        care: 5,
        key_account_review: 1,
        win_back: 1,
        collection: 3,
        detractor_follow_up: 2,
        complaint_escalation: 2,
      });
      expect(await allTasks()).toEqual(FIRST_RUN);
    });

    it("creates no duplicates when run again", async () => {
      const before = await countRows(handle, "tasks");
      const again = await generateTasksInDb(handle, { asOf: "2027-02-01" });
      expect(again.candidates).toBe(14);
      expect(again.created).toBe(0);
      expect(again.createdByKind).toEqual({});
      expect(await countRows(handle, "tasks")).toBe(before);
    });

    it("lists tasks by owner, due date, kind, status and customer, most urgent and earliest first", async () => {
      const zhao = await listTasks(handle, { owner: "zhao" });
      expect(zhao.map((task) => [task.customerCode, task.kind, task.dueOn, task.priority])).toEqual([
        ["T4", "detractor_follow_up", "2027-01-05", "high"],
        ["T3", "collection", "2027-01-16", "normal"],
        ["T4", "detractor_follow_up", "2027-01-27", "high"],
        ["T3", "collection", "2027-01-31", "high"],
      ]);
      expect(zhao[0]).toMatchObject({
        customerName: "客户 T4",
        owner: "zhao",
        reason: { code: "detractor", params: { nps: 6, answeredOn: "2027-01-03" } },
        details: valueDetails("C"),
        status: "open",
        doneAt: null,
        doneBy: null,
      });

      const dueToday = await listTasks(handle, { due: "2027-02-01" });
      // Same day: urgent before high before normal, then by id.
      expect(dueToday.map((task) => [task.dueOn, task.priority, task.customerCode, task.kind])).toEqual([
        ["2027-01-05", "high", "T4", "detractor_follow_up"],
        ["2027-01-16", "normal", "T3", "collection"],
        ["2027-01-27", "high", "T4", "detractor_follow_up"],
        ["2027-01-31", "high", "T3", "collection"],
        ["2027-02-01", "urgent", "T5", "complaint_escalation"],
        ["2027-02-01", "urgent", "T5", "complaint_escalation"],
        ["2027-02-01", "high", "T2", "win_back"],
        ["2027-02-01", "normal", "T6", "collection"],
      ]);

      const care = await listTasks(handle, { kind: "care" });
      expect(care.map((task) => [task.customerCode, task.dueOn])).toEqual([
        ["T1", "2027-02-05"],
        ["T1", "2027-02-05"],
        ["T2", "2027-02-05"],
        ["T5", "2027-02-05"],
        ["T2", "2027-02-06"],
      ]);
      expect(
        (await listTasks(handle, { owner: "li", kind: "complaint_escalation", due: "2027-02-01" })).length,
      ).toBe(2);
      expect((await listTasks(handle, { customerCode: "T1" })).map((task) => task.kind)).toEqual([
        "care",
        "care",
        "key_account_review",
      ]);
      expect(await listTasks(handle, { limit: 3 })).toHaveLength(3);
      expect(await listTasks(handle, { status: "done" })).toEqual([]);
      expect(await listTasks(handle, { status: "all" })).toHaveLength(14);
      await expect(listTasks(handle, { due: "2027-13-01" })).rejects.toMatchObject({
        code: "GRADE_INVALID_DATE",
      });
    });

    it("counts open tasks due per owner, the team pool included", async () => {
      const counts = await openTasksByOwner(handle, "2027-02-01");
      expect(counts).toEqual([
        { owner: "li", tasks: 3, urgent: 2 },
        { owner: "zhao", tasks: 4, urgent: 0 },
        { owner: null, tasks: 1, urgent: 0 },
      ]);
      // By the end of March every task is due, T1's quarterly review the last.
      expect(await openTasksByOwner(handle, "2027-03-31")).toEqual([
        { owner: "li", tasks: 6, urgent: 2 },
        { owner: "wang", tasks: 3, urgent: 0 },
        { owner: "zhao", tasks: 4, urgent: 0 },
        { owner: null, tasks: 1, urgent: 0 },
      ]);
    });

    it("does not recreate a task done for its occasion, and creates the new occasions' tasks later", async () => {
      const [birthday] = await listTasks(handle, { customerCode: "T1", kind: "care" });
      expect(birthday!.reason.code).toBe("care_lunar_birthday");
      const done = await completeTask(handle, birthday!.id, "wang");
      expect(done).toMatchObject({ id: birthday!.id, status: "done", doneBy: "wang" });
      expect(done.doneAt).toBeInstanceOf(Date);
      // Completing twice changes nothing.
      expect(await completeTask(handle, birthday!.id, "li")).toMatchObject({
        status: "done",
        doneBy: "wang",
      });
      await expect(completeTask(handle, 999_999)).rejects.toBeInstanceOf(GradeError);
      expect((await openTasksByOwner(handle, "2027-03-31")).find((row) => row.owner === "wang")).toEqual({
        owner: "wang",
        tasks: 2,
        urgent: 0,
      });

      // Two days later the lunar birthday is still ahead, but its task is done. New since: S-4
      // answered on 02-03; K-2, whose 48 hours ran out on 02-03 at 08:00; and 春节 (02-06) is now
      // within the 3 days C customers are cared for ahead, without a budget.
      const later = await generateTasksInDb(handle, { asOf: "2027-02-03" });
      expect(later.created).toBe(4);
      expect(later.createdByKind).toEqual({ care: 2, detractor_follow_up: 1, complaint_escalation: 1 });
      const tasks = await allTasks();
      expect(tasks).toHaveLength(18);
      expect(tasks.filter((task) => task.code === "T1" && task.key === "care:lunar_birthday:2027")).toEqual([
        { ...FIRST_RUN[0], status: "done" },
      ]);
      const festivalCare = (code: string): TaskRow => ({
        code,
        kind: "care",
        key: "care:spring_festival:2027",
        owner: "zhao",
        dueOn: "2027-02-05",
        priority: NORMAL,
        reason: { code: "care_festival", params: { date: "2027-02-06", festival: "spring_festival" } },
        details: valueDetails("C"),
        status: "open",
      });
      expect(tasks.filter((task) => ["T3", "T4"].includes(task.code) && task.kind === "care")).toEqual([
        festivalCare("T3"),
        festivalCare("T4"),
      ]);
      expect(tasks.filter((task) => task.key === "detractor:S-4" || task.key === "escalation:K-2")).toEqual([
        {
          code: "T4",
          kind: "detractor_follow_up",
          key: "detractor:S-4",
          owner: "zhao",
          dueOn: "2027-02-05",
          priority: HIGH,
          reason: { code: "detractor", params: { nps: 4, answeredOn: "2027-02-03" } },
          details: valueDetails("C"),
          status: "open",
        },
        {
          code: "T5",
          kind: "complaint_escalation",
          key: "escalation:K-2",
          owner: "li",
          dueOn: "2027-02-03",
          priority: URGENT,
          reason: { code: "complaint_overdue", params: { dueHours: 48, occurredOn: "2027-02-01" } },
          details: valueDetails("B"),
          status: "open",
        },
      ]);
      expect((await listTasks(handle, { status: "done" })).map((task) => task.id)).toEqual([birthday!.id]);
    });

    it("generates only the kinds asked for, and rejects a bad date", async () => {
      const report = await generateTasksInDb(handle, { asOf: "2027-02-03", kinds: ["win_back"] });
      expect(report.candidates).toBe(1);
      expect(report.created).toBe(0);
      expect(TASK_KINDS).toContain("win_back");
      await expect(generateTasksInDb(handle, { asOf: "2027-02-30" })).rejects.toMatchObject({
        code: "GRADE_INVALID_DATE",
      });
    });
  });
}

/**
 * The company's own key-account scheme: the four ready-made tiers by revenue alone (strategic
 * from 10 000, core from 5 000, potential from 1 000, ordinary below). The ready-made
 * key-account playbook has rules for three of them (no "potential").
 */
const KEY_ACCOUNTS_BY_REVENUE = {
  name: "key_account",
  version: 1,
  title: { "zh-CN": "按收入分大客户", en: "Key accounts by revenue" },
  grades: ["strategic", "core", "potential", "ordinary"].map((code) => ({
    code,
    label: { "zh-CN": code, en: code },
  })),
  dimensions: [
    {
      field: "revenue",
      weight: 1,
      normalize: {
        method: "bands",
        bands: [
          { min: 0, score: 0 },
          { min: 1000, score: 55 },
          { min: 5000, score: 75 },
          { min: 10000, score: 95 },
        ],
      },
    },
  ],
  assign: { method: "thresholds", min: { strategic: 90, core: 70, potential: 50 } },
};

for (const engine of ENGINES) {
  describe(`win-back after a fall from a top tier on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      const ids = await insertCustomers(handle, [
        { code: "K1", owner: "wang" },
        { code: "K2", owner: "li" },
        { code: "K3", owner: "zhao" },
      ]);
      await handle.db
        .insertInto("orders")
        .values({
          customer_id: ids.get("K1")!,
          external_id: "KO-1",
          order_date: "2026-10-01",
          amount: 2000,
          status: "completed",
        })
        .execute();
      await ensureBuiltinDefinitions(handle);
      await saveDefinition(handle, "scheme", KEY_ACCOUNTS_BY_REVENUE);
      const alive = { p_alive: 0.9, churn_warning: "none" };
      // K1 strategic → potential, K2 core → ordinary, K3 strategic throughout.
      const earlier = await insertAnalysisRun(handle, ids, "2026-12-31", [
        { code: "K1", revenue: 20000, ...alive },
        { code: "K2", revenue: 6000, ...alive },
        { code: "K3", revenue: 20000, ...alive },
      ]);
      const latest = await insertAnalysisRun(handle, ids, "2027-01-31", [
        { code: "K1", revenue: 2000, ...alive },
        { code: "K2", revenue: 500, ...alive },
        { code: "K3", revenue: 20000, ...alive },
      ]);
      await gradeRun(handle, { scheme: "key_account", analysisRunId: earlier });
      await gradeRun(handle, { scheme: "key_account", analysisRunId: latest });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("wins back every account that fell from the top two of four tiers, as the migration report names them", async () => {
      const migration = await gradeMigrationBetween(handle, { scheme: "key_account" });
      expect(migration.topGrades).toEqual(["strategic", "core"]);
      expect(migration.drops.map((drop) => [drop.code, drop.from, drop.to])).toEqual([
        ["K1", "strategic", "potential"],
        ["K2", "core", "ordinary"],
      ]);

      const report = await generateTasksInDb(handle, { asOf: "2027-02-01", kinds: ["win_back"] });
      expect(report.playbooks.map((playbook) => playbook.name)).toEqual(["key_account"]);
      expect(report.created).toBe(2);
      const tasks = await listTasks(handle, { kind: "win_back" });
      // Each follows the rule of the tier fallen from (named manager; strategic is high, a fall is high).
      expect(
        tasks.map((task) => [
          task.customerCode,
          task.owner,
          task.dueOn,
          task.priority,
          task.reason,
          task.details,
        ]),
      ).toEqual([
        [
          "K1",
          "wang",
          "2027-02-01",
          "high",
          { code: "win_back_drop", params: { from: "strategic", to: "potential" } },
          { playbook: "key_account", playbookVersion: 1, grade: "potential" },
        ],
        [
          "K2",
          "li",
          "2027-02-01",
          "high",
          { code: "win_back_drop", params: { from: "core", to: "ordinary" } },
          { playbook: "key_account", playbookVersion: 1, grade: "ordinary" },
        ],
      ]);
      const keys = await handle.db
        .selectFrom("tasks")
        .select("occasion_key")
        .orderBy("occasion_key")
        .execute();
      expect(keys.map((row) => row.occasion_key)).toEqual([
        "win_back:since:2026-10-01",
        "win_back:since:never",
      ]);
    });
  });
}
