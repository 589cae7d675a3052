import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { birthdaysBetween } from "../calendar/birthdays.ts";
import { addDays, dayNumber, isoDate } from "../calendar/dates.ts";
import { thrownText } from "../errors/thrown.fixture.ts";
import type { WarningLevel } from "../segments/codes.ts";
import { CREDIT_PLAYBOOK, KEY_ACCOUNT_PLAYBOOK, VALUE_PLAYBOOK } from "./builtin.ts";
import { parsePlaybook } from "./playbook.ts";
import { generateTasks } from "./tasks.ts";
import type { PlaybookAssignment, TaskCandidate, TaskCustomers, TaskInput, TaskOptions } from "./types.ts";

/** One customer's facts; everything unknown unless given. */
interface Customer {
  id: number;
  grade: string | null;
  owner?: string | null;
  lastInteractionOn?: string | null;
  lastPurchaseOn?: string | null;
  birthday?: string | null;
  birthdayLunar?: boolean;
  pAlive?: number;
  churnRisk?: number;
  churnWarning?: WarningLevel | null;
  churnReasons?: string[] | null;
  droppedFrom?: string | null;
}

/** A "YYYY-MM-DD" of a test's customer as the day number generateTasks takes; NaN for none. */
const dayOf = (date: string | null | undefined): number => (date ? dayNumber(date) : Number.NaN);

function columns(customers: readonly Customer[]): TaskCustomers {
  return {
    ids: customers.map((c) => c.id),
    owner: customers.map((c) => (c.owner === undefined ? "wang" : c.owner)),
    // Contacted recently unless said otherwise, so that cadence tasks only appear where a test wants them.
    lastInteractionDay: customers.map((c) =>
      dayOf(c.lastInteractionOn === undefined ? "2026-03-01" : c.lastInteractionOn),
    ),
    lastPurchaseDay: customers.map((c) => dayOf(c.lastPurchaseOn)),
    birthDay: customers.map((c) => dayOf(c.birthday)),
    birthdayLunar: customers.map((c) => c.birthdayLunar ?? false),
    pAlive: customers.map((c) => c.pAlive ?? Number.NaN),
    churnRisk: customers.map((c) => c.churnRisk ?? Number.NaN),
    churnWarning: customers.map((c) => c.churnWarning ?? null),
    churnReasons: customers.map((c) => c.churnReasons ?? null),
  };
}

function run(
  customers: readonly Customer[],
  options: TaskOptions,
  extra: Omit<TaskInput, "customers" | "playbooks"> & { playbooks?: PlaybookAssignment[] } = {},
): TaskCandidate[] {
  const playbooks = extra.playbooks ?? [
    {
      playbook: VALUE_PLAYBOOK,
      codes: customers.map((c) => c.grade),
      droppedFrom: customers.map((c) => c.droppedFrom ?? null),
    },
  ];
  return generateTasks({ ...extra, customers: columns(customers), playbooks }, options);
}

/** The tasks as "customer kind key due" lines, easy to compare with hand-written expectations. */
function lines(tasks: readonly TaskCandidate[]): string[] {
  return tasks.map((task) => `${task.customerId} ${task.kind} ${task.occasionKey} ${task.dueOn}`);
}

describe("care tasks", () => {
  // 春节 2026 is 2026-02-17; the customer born on 春节 1990 (1990-01-27) keeps the lunar birthday the same day.
  const customers: Customer[] = [
    { id: 1, grade: "A", birthday: "1990-01-27", birthdayLunar: true },
    { id: 2, grade: "B", birthday: "1990-01-27", birthdayLunar: false },
    { id: 3, grade: "C", birthday: "1990-02-17" },
    { id: 4, grade: "D", birthday: "1990-02-17" },
    { id: 5, grade: null, birthday: "1990-02-17" },
  ];

  it("appears daysAhead days before the occasion, for the grades whose playbook keeps it, due on the eve", () => {
    const tasks = run(customers, { asOf: "2026-02-10", kinds: ["care"] });
    // A and B look 7 days ahead (to 02-17); C only 3 and has no birthday care; D and ungraded have none.
    expect(lines(tasks)).toEqual([
      "1 care care:lunar_birthday:2026 2026-02-16",
      "1 care care:spring_festival:2026 2026-02-16",
      "2 care care:spring_festival:2026 2026-02-16",
    ]);
    expect(tasks[0]!.reason).toEqual({
      code: "care_lunar_birthday",
      params: { date: "2026-02-17", budget: 286 },
    });
    expect(tasks[2]!.reason).toEqual({
      code: "care_festival",
      params: { festival: "spring_festival", date: "2026-02-17", budget: 200 },
    });
  });

  it("does not look further than daysAhead, and includes an occasion on the as-of day", () => {
    expect(run(customers, { asOf: "2026-02-09", kinds: ["care"] })).toEqual([]);
    expect(lines(run(customers, { asOf: "2026-02-14", kinds: ["care"] }))).toEqual([
      "1 care care:lunar_birthday:2026 2026-02-16",
      "1 care care:spring_festival:2026 2026-02-16",
      "2 care care:spring_festival:2026 2026-02-16",
      "3 care care:spring_festival:2026 2026-02-16",
    ]);
    expect(lines(run(customers, { asOf: "2026-02-17", kinds: ["care"] }))).toHaveLength(4);
    expect(run(customers, { asOf: "2026-02-18", kinds: ["care"] })).toEqual([]);
  });

  it("keeps a solar birthday on its solar date and the B grade's festival list", () => {
    const tasks = run([{ id: 9, grade: "B", birthday: "1985-09-20" }], {
      asOf: "2026-09-18",
      kinds: ["care"],
    });
    expect(lines(tasks)).toEqual([
      "9 care care:birthday:2026 2026-09-19",
      "9 care care:mid_autumn:2026 2026-09-24",
    ]);
  });

  it("matches the calendar for any birthday and as-of day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber("1940-01-01"), max: dayNumber("2010-12-31") }),
        fc.boolean(),
        fc.integer({ min: dayNumber("2025-01-01"), max: dayNumber("2030-12-31") }),
        (born, lunar, asOfDay) => {
          const birthday = isoDate(born);
          const asOf = isoDate(asOfDay);
          const tasks = run([{ id: 1, grade: "A", birthday, birthdayLunar: lunar }], {
            asOf,
            kinds: ["care"],
          });
          const birthdays = tasks.filter((task) => task.reason.code !== "care_festival");
          const expected = birthdaysBetween(birthday, lunar, asOf, addDays(asOf, 7));
          expect(birthdays.map((task) => task.reason.params.date)).toEqual(
            expected.map((occasion) => occasion.on),
          );
          expect(birthdays.map((task) => task.occasionKey)).toEqual(
            expected.map((occasion) => `care:${occasion.code}:${occasion.year}`),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("cadence tasks", () => {
  it("are due once the last interaction is everyDays old, and at once for a customer never contacted", () => {
    const tasks = run(
      [
        { id: 1, grade: "A", lastInteractionOn: "2026-02-13" }, // 29 days before the as-of day
        { id: 2, grade: "A", lastInteractionOn: "2026-02-12" }, // 30 days
        { id: 3, grade: "A", lastInteractionOn: null },
        { id: 4, grade: "B", lastInteractionOn: "2025-12-14" }, // 90 days
        { id: 5, grade: "B", lastInteractionOn: "2025-12-15" }, // 89 days
        { id: 6, grade: "D", lastInteractionOn: null },
      ],
      { asOf: "2026-03-14", kinds: ["cadence"] },
    );
    expect(lines(tasks)).toEqual([
      "2 cadence cadence:after:2026-02-12 2026-03-14",
      "3 cadence cadence:after:never 2026-03-14",
      "4 cadence cadence:after:2025-12-14 2026-03-14",
    ]);
    expect(tasks[0]!.reason).toEqual({
      code: "cadence_due",
      params: { channel: "visit", everyDays: 30, last: "2026-02-12", days: 30 },
    });
    expect(tasks[1]!.reason).toEqual({ code: "cadence_never", params: { channel: "visit", everyDays: 30 } });
  });

  it("stay due on the day the cadence ran out, however late they are generated", () => {
    const tasks = run([{ id: 1, grade: "A", lastInteractionOn: "2025-06-01" }], {
      asOf: "2026-03-14",
      kinds: ["cadence"],
    });
    expect(lines(tasks)).toEqual(["1 cadence cadence:after:2025-06-01 2025-07-01"]);
  });
});

describe("collection tasks", () => {
  const asOf = "2026-06-30";
  const overdue = [0, 1, 30, 31, 60, 61, 90, 91];
  const overdueInvoices = overdue.map((days) => ({
    customerId: 1,
    invoiceId: `INV-${days}`,
    dueOn: addDays(asOf, -days),
    openAmount: 1000,
  }));

  it("remind once per aging bucket, firmer with age, due the day the invoice entered the bucket", () => {
    const tasks = run([{ id: 1, grade: "B" }], { asOf, kinds: ["collection"] }, { overdueInvoices });
    expect(tasks.map((task) => [task.occasionKey, task.dueOn, task.priority])).toEqual([
      ["collection:INV-1:1-30", "2026-06-30", "normal"],
      ["collection:INV-30:1-30", "2026-06-01", "normal"],
      ["collection:INV-31:31-60", "2026-06-30", "normal"],
      ["collection:INV-60:31-60", "2026-06-01", "normal"],
      ["collection:INV-61:61-90", "2026-06-30", "high"],
      ["collection:INV-90:61-90", "2026-06-01", "high"],
      ["collection:INV-91:90+", "2026-06-30", "urgent"],
    ]);
    expect(tasks[2]!.reason).toEqual({
      code: "collection_overdue",
      params: { invoice: "INV-31", bucket: "31-60", amount: 1000, dueOn: "2026-05-30", days: 31 },
    });
  });

  it("skip paid invoices, grades without collection, and wait out a good payer's grace", () => {
    const paid = [{ customerId: 1, invoiceId: "PAID", dueOn: "2026-01-01", openAmount: 0 }];
    expect(run([{ id: 1, grade: "B" }], { asOf, kinds: ["collection"] }, { overdueInvoices: paid })).toEqual(
      [],
    );
    const credit = (grade: string) => [{ playbook: CREDIT_PLAYBOOK, codes: [grade] }];
    const invoices = [15, 16].map((days) => ({
      customerId: 1,
      invoiceId: `G-${days}`,
      dueOn: addDays(asOf, -days),
      openAmount: 50,
    }));
    const good = run(
      [{ id: 1, grade: null }],
      { asOf, kinds: ["collection"] },
      { overdueInvoices: invoices, playbooks: credit("good") },
    );
    expect(good.map((task) => [task.occasionKey, task.dueOn])).toEqual([
      ["collection:G-16:1-30", "2026-06-30"],
    ]);
    const risky = run(
      [{ id: 1, grade: null }],
      { asOf, kinds: ["collection"] },
      { overdueInvoices: invoices, playbooks: credit("risky") },
    );
    expect(risky.map((task) => [task.occasionKey, task.dueOn, task.priority])).toEqual([
      ["collection:G-15:1-30", "2026-06-16", "high"],
      ["collection:G-16:1-30", "2026-06-15", "high"],
    ]);
  });
});

describe("detractor follow-up and complaint escalation", () => {
  it("follows up NPS answers of 6 or less within 48 hours", () => {
    const surveyAnswers = [
      { customerId: 1, answerId: "S-6", answeredOn: "2026-03-10", nps: 6 },
      { customerId: 1, answerId: "S-7", answeredOn: "2026-03-10", nps: 7 },
      { customerId: 1, answerId: "S-0", answeredOn: "2026-03-11", nps: 0 },
      { customerId: 1, answerId: "S-none", answeredOn: "2026-03-11", nps: Number.NaN },
      { customerId: 1, answerId: "S-later", answeredOn: "2026-03-13", nps: 2 },
      { customerId: 2, answerId: "S-D", answeredOn: "2026-03-11", nps: 1 },
      { customerId: 99, answerId: "S-unknown", answeredOn: "2026-03-11", nps: 1 },
    ];
    const tasks = run(
      [
        { id: 1, grade: "C" },
        { id: 2, grade: "D" },
      ],
      { asOf: "2026-03-12", kinds: ["detractor_follow_up"] },
      { surveyAnswers },
    );
    expect(lines(tasks)).toEqual([
      "1 detractor_follow_up detractor:S-6 2026-03-12",
      "1 detractor_follow_up detractor:S-0 2026-03-13",
    ]);
    expect(tasks[0]!.priority).toBe("high");
    expect(tasks[0]!.reason).toEqual({ code: "detractor", params: { nps: 6, answeredOn: "2026-03-10" } });
  });

  it("follows up a low satisfaction score (1–2 of 5) of a survey without NPS like a detractor", () => {
    const surveyAnswers = [
      { customerId: 1, answerId: "CSAT-1", answeredOn: "2026-03-10", nps: Number.NaN, satisfaction: 1 },
      { customerId: 1, answerId: "CSAT-2", answeredOn: "2026-03-10", nps: Number.NaN, satisfaction: 2 },
      { customerId: 1, answerId: "CSAT-3", answeredOn: "2026-03-10", nps: Number.NaN, satisfaction: 3 },
      { customerId: 1, answerId: "CSAT-none", answeredOn: "2026-03-10", nps: Number.NaN },
      // Both scores: the NPS answer names the reason.
      { customerId: 2, answerId: "BOTH", answeredOn: "2026-03-11", nps: 5, satisfaction: 1 },
      { customerId: 2, answerId: "HAPPY", answeredOn: "2026-03-11", nps: 9, satisfaction: 5 },
    ];
    const tasks = run(
      [
        { id: 1, grade: "C" },
        { id: 2, grade: "C" },
      ],
      { asOf: "2026-03-12", kinds: ["detractor_follow_up"] },
      { surveyAnswers },
    );
    expect(lines(tasks)).toEqual([
      "1 detractor_follow_up detractor:CSAT-1 2026-03-12",
      "1 detractor_follow_up detractor:CSAT-2 2026-03-12",
      "2 detractor_follow_up detractor:BOTH 2026-03-13",
    ]);
    expect(tasks.map((task) => task.priority)).toEqual(["high", "high", "high"]);
    expect(tasks[0]!.reason).toEqual({
      code: "low_satisfaction",
      params: { satisfaction: 1, answeredOn: "2026-03-10" },
    });
    expect(tasks[2]!.reason.code).toBe("detractor");
    expect(() =>
      run(
        [{ id: 1, grade: "C" }],
        { asOf: "2026-03-12" },
        {
          surveyAnswers: [
            { customerId: 1, answerId: "X", answeredOn: "2026-03-10", nps: Number.NaN, satisfaction: 7 },
          ],
        },
      ),
    ).toThrow(/surveyAnswers\[0\]\.satisfaction/);
  });

  it("escalates complaints only once they are past their deadline", () => {
    const openComplaints = [
      { customerId: 1, interactionId: 501, occurredAt: "2026-03-01T08:00:00Z" },
      { customerId: 1, interactionId: 502, occurredAt: new Date("2026-03-01T08:00:00Z"), dueHours: 24 },
    ];
    const customers = [{ id: 1, grade: "D", owner: "li" }];
    const at = (now: string) =>
      run(customers, { asOf: "2026-03-03", now, kinds: ["complaint_escalation"] }, { openComplaints }).map(
        (task) => task.occasionKey,
      );
    expect(at("2026-03-02T07:59:00Z")).toEqual([]);
    expect(at("2026-03-02T08:01:00Z")).toEqual(["escalation:502"]);
    expect(at("2026-03-03T08:00:00Z")).toEqual(["escalation:502"]);
    expect(at("2026-03-03T08:01:00Z")).toEqual(["escalation:501", "escalation:502"]);
    // Without `now`, the end of the as-of day: 501's deadline (03-03 08:00) has not passed on 03-02.
    const byDay = (asOf: string) =>
      run(customers, { asOf, kinds: ["complaint_escalation"] }, { openComplaints }).map(
        (task) => task.occasionKey,
      );
    expect(byDay("2026-03-02")).toEqual(["escalation:502"]);
    const tasks = run(customers, { asOf: "2026-03-03", kinds: ["complaint_escalation"] }, { openComplaints });
    expect(tasks[0]).toMatchObject({ owner: null, priority: "urgent", dueOn: "2026-03-03" });
    expect(tasks[0]!.reason).toEqual({
      code: "complaint_overdue",
      params: { dueHours: 48, occurredOn: "2026-03-01" },
    });
  });
});

describe("win-back tasks", () => {
  const asOf = "2026-05-20";

  it("come for a warning or critical churn level of grades that win back, not for watch", () => {
    const tasks = run(
      [
        { id: 1, grade: "A", churnWarning: "warning", churnRisk: 0.65, lastPurchaseOn: "2026-01-05" },
        { id: 2, grade: "B", churnWarning: "critical", churnRisk: 0.9, churnReasons: ["complaints"] },
        { id: 3, grade: "A", churnWarning: "watch", churnRisk: 0.45 },
        { id: 4, grade: "C", churnWarning: "critical", churnRisk: 0.95 },
      ],
      { asOf, kinds: ["win_back"] },
    );
    expect(tasks.map((task) => [task.customerId, task.occasionKey, task.priority])).toEqual([
      [1, "win_back:since:2026-01-05", "high"],
      [2, "win_back:since:never", "high"],
    ]);
    expect(tasks[1]!.reason).toEqual({
      code: "win_back_risk",
      params: { level: "critical", risk: 0.9, reasons: "complaints" },
    });
    const watch = run([{ id: 3, grade: "B", churnWarning: "watch" }], {
      asOf,
      kinds: ["win_back"],
      winBackLevel: "watch",
    });
    expect(watch.map((task) => task.priority)).toEqual(["normal"]);
  });

  it("come when P(alive) falls below the level", () => {
    const tasks = run(
      [
        { id: 1, grade: "B", pAlive: 0.29, lastPurchaseOn: "2025-11-30" },
        { id: 2, grade: "B", pAlive: 0.3 },
      ],
      { asOf, kinds: ["win_back"] },
    );
    expect(lines(tasks)).toEqual(["1 win_back win_back:since:2025-11-30 2026-05-20"]);
    expect(tasks[0]!.reason).toEqual({ code: "win_back_p_alive", params: { pAlive: 0.29 } });
  });

  it("come for a fall from a top grade, to the owner the top grade's rule names", () => {
    const tasks = run(
      [
        { id: 1, grade: "D", droppedFrom: "A", owner: null, lastPurchaseOn: "2025-10-01" },
        { id: 2, grade: "C", droppedFrom: "A", owner: "zhao" },
        { id: 3, grade: "D", droppedFrom: "C" },
      ],
      { asOf, kinds: ["win_back"] },
    );
    expect(tasks).toEqual([
      expect.objectContaining({
        customerId: 1,
        owner: null,
        needsOwner: true,
        occasionKey: "win_back:since:2025-10-01",
        priority: "high",
        grade: "D",
        reason: { code: "win_back_drop", params: { from: "A", to: "D" } },
      }),
      expect.objectContaining({ customerId: 2, owner: "zhao", needsOwner: false }),
    ]);
  });
});

describe("owners, reviews and several playbooks", () => {
  it("give tasks to the owner, flag key accounts without a manager, and send the tail to the pool", () => {
    const tasks = run(
      [
        { id: 1, grade: "A", owner: "wang", lastInteractionOn: null },
        { id: 2, grade: "A", owner: null, lastInteractionOn: null },
        { id: 3, grade: "B", owner: " ", lastInteractionOn: null },
      ],
      { asOf: "2026-11-15", kinds: ["cadence"] },
      {},
    );
    expect(tasks.map((task) => [task.customerId, task.owner, task.needsOwner])).toEqual([
      [1, "wang", false],
      [2, null, true],
      [3, null, false],
    ]);
    const pool = run(
      [{ id: 4, grade: "D", owner: "li" }],
      { asOf: "2026-11-15" },
      {
        overdueInvoices: [{ customerId: 4, invoiceId: "X", dueOn: "2026-11-01", openAmount: 5 }],
      },
    );
    expect(pool.map((task) => [task.kind, task.owner])).toEqual([["collection", null]]);
  });

  it("review key accounts once per period, due on its last day", () => {
    const value = run([{ id: 1, grade: "A" }], { asOf: "2026-11-15", kinds: ["key_account_review"] });
    expect(lines(value)).toEqual(["1 key_account_review review:2026-Q4 2026-12-31"]);
    const keyAccounts = generateTasks(
      {
        customers: columns([
          { id: 1, grade: null },
          { id: 2, grade: null },
          { id: 3, grade: null },
        ]),
        playbooks: [{ playbook: KEY_ACCOUNT_PLAYBOOK, codes: ["strategic", "core", "ordinary"] }],
      },
      { asOf: "2026-08-01", kinds: ["key_account_review"] },
    );
    expect(lines(keyAccounts)).toEqual([
      "1 key_account_review review:2026-Q3 2026-09-30",
      "2 key_account_review review:2026-H2 2026-12-31",
    ]);
  });

  it("merge the same occasion asked for by two playbooks into the more urgent task", () => {
    const tasks = generateTasks(
      {
        customers: columns([{ id: 1, grade: null }]),
        playbooks: [
          { playbook: VALUE_PLAYBOOK, codes: ["B"] },
          { playbook: CREDIT_PLAYBOOK, codes: ["risky"] },
        ],
        overdueInvoices: [{ customerId: 1, invoiceId: "INV-9", dueOn: "2026-02-01", openAmount: 800 }],
      },
      { asOf: "2026-02-10", kinds: ["collection", "care"] },
    );
    expect(
      tasks.map((task) => [task.kind, task.occasionKey, task.playbook, task.grade, task.priority]),
    ).toEqual([
      ["care", "care:spring_festival:2026", "value", "B", "normal"],
      ["collection", "collection:INV-9:1-30", "credit", "risky", "high"],
    ]);
  });

  it("use the default rule for codes a playbook does not list", () => {
    const playbook = parsePlaybook({
      name: "lifecycle",
      version: 3,
      title: { "zh-CN": "生命周期策略", en: "Lifecycle playbook" },
      basis: { kind: "lifecycle_stage" },
      rules: { new: { serviceLevel: "priority", contact: { channel: "call", everyDays: 14 } } },
      default: { serviceLevel: "basic", collection: true },
    });
    const tasks = generateTasks(
      {
        customers: columns([
          { id: 1, grade: null, lastInteractionOn: null },
          { id: 2, grade: null, lastInteractionOn: null },
        ]),
        playbooks: [{ playbook, codes: ["new", "mature"] }],
      },
      { asOf: "2026-02-10" },
    );
    expect(
      tasks.map((task) => [task.customerId, task.kind, task.playbook, task.playbookVersion, task.grade]),
    ).toEqual([[1, "cadence", "lifecycle", 3, "new"]]);
  });
});

describe("idempotency", () => {
  const customers: Customer[] = [
    { id: 1, grade: "A", birthday: "1990-01-27", birthdayLunar: true, lastInteractionOn: "2026-01-15" },
    { id: 2, grade: "B", birthday: "1988-02-20", lastInteractionOn: "2025-12-01", churnWarning: "warning" },
    { id: 3, grade: "C", lastInteractionOn: null },
  ];
  const overdueInvoices = [{ customerId: 2, invoiceId: "INV-7", dueOn: "2026-01-20", openAmount: 12300 }];

  /** Runs daily like the scheduler, inserting tasks whose (customer, key) is new, as the database does. */
  function simulate(from: string, to: string): TaskCandidate[] {
    const stored = new Map<string, TaskCandidate>();
    for (let day = dayNumber(from); day <= dayNumber(to); day++) {
      const asOf = isoDate(day);
      for (const task of run(customers, { asOf }, { overdueInvoices })) {
        const id = `${task.customerId}|${task.occasionKey}`;
        const before = stored.get(id);
        if (before) {
          // The same occasion comes up again as the same kind of task, due on the same day unless
          // it is due "now" (a win-back, a first contact), which is the day of each run.
          expect(task.kind).toBe(before.kind);
          if (task.dueOn !== asOf) expect(task.dueOn).toBe(before.dueOn);
        } else {
          stored.set(id, task);
        }
      }
    }
    return [...stored.values()];
  }

  it("creates each occasion once when run every day over overlapping windows", () => {
    const created = simulate("2026-02-01", "2026-03-10");
    expect(created.map((task) => `${task.customerId} ${task.occasionKey} ${task.dueOn}`).sort()).toEqual([
      "1 cadence:after:2026-01-15 2026-02-14",
      "1 care:lantern:2026 2026-03-02",
      "1 care:lunar_birthday:2026 2026-02-16",
      "1 care:spring_festival:2026 2026-02-16",
      "1 review:2026-Q1 2026-03-31",
      "2 cadence:after:2025-12-01 2026-03-01",
      "2 care:birthday:2026 2026-02-19",
      "2 care:spring_festival:2026 2026-02-16",
      "2 collection:INV-7:1-30 2026-01-21",
      "2 collection:INV-7:31-60 2026-02-20",
      "2 win_back:since:never 2026-02-01",
      "3 care:spring_festival:2026 2026-02-16",
    ]);
  });

  it("gives the same keys for the same occasions from runs on different days", () => {
    const keys = (asOf: string) =>
      run(customers, { asOf }, { overdueInvoices }).map((task) => `${task.customerId} ${task.occasionKey}`);
    const early = keys("2026-02-12");
    const late = keys("2026-02-15");
    for (const key of [
      "1 care:lunar_birthday:2026",
      "1 care:spring_festival:2026",
      "2 collection:INV-7:1-30",
    ]) {
      expect(early).toContain(key);
      expect(late).toContain(key);
    }
  });
});

describe("customers in any order", () => {
  it("get their own invoices, answers and complaints whether or not ids are sorted", () => {
    const customers: Customer[] = [
      { id: 50, grade: "B" },
      { id: 7, grade: "B" },
      { id: 900, grade: "B" },
    ];
    const overdueInvoices = [900, 7, 12345].map((customerId) => ({
      customerId,
      invoiceId: `I-${customerId}`,
      dueOn: "2026-03-01",
      openAmount: 10,
    }));
    const asOf = "2026-03-10";
    const unsorted = run(customers, { asOf, kinds: ["collection"] }, { overdueInvoices });
    expect(unsorted.map((task) => [task.customerId, task.occasionKey])).toEqual([
      [7, "collection:I-7:1-30"],
      [900, "collection:I-900:1-30"],
    ]);
    const sorted = run(
      [...customers].sort((a, b) => a.id - b.id),
      { asOf, kinds: ["collection"] },
      { overdueInvoices },
    );
    expect(sorted).toEqual(unsorted);
  });
});

describe("input checks", () => {
  it("names the column or row that is wrong", () => {
    const base = columns([
      { id: 1, grade: "A" },
      { id: 2, grade: "A" },
    ]);
    const playbooks = [{ playbook: VALUE_PLAYBOOK, codes: ["A", "A"] }];
    expect(() =>
      generateTasks({ customers: { ...base, owner: ["wang"] }, playbooks }, { asOf: "2026-02-10" }),
    ).toThrow(
      expect.objectContaining({
        code: "STRATEGY_LENGTH_MISMATCH",
        params: expect.objectContaining({ column: "customers.owner" }),
      }),
    );
    expect(
      thrownText(
        () =>
          generateTasks(
            { customers: { ...base, lastInteractionDay: [20_454, 20_454.5] }, playbooks },
            { asOf: "2026-02-10" },
          ),
        "zh-CN",
      ),
    ).toBe("customers.lastInteractionDay[1] 的值 20454.5 无效：应为日序号（自 1970-01-01 起的整数天数）。");
    expect(() =>
      generateTasks(
        {
          customers: base,
          playbooks,
          overdueInvoices: [{ customerId: 1, invoiceId: "I", dueOn: "2026-02-30", openAmount: 1 }],
        },
        { asOf: "2026-02-10" },
      ),
    ).toThrow(/overdueInvoices\[0\]\.dueOn/);
    expect(() => generateTasks({ customers: base, playbooks }, { asOf: "2026-2-10" })).toThrow(
      expect.objectContaining({ code: "STRATEGY_INVALID_OPTION" }),
    );
    expect(() =>
      generateTasks(
        { customers: base, playbooks: [{ playbook: { name: "raw" } as never, codes: ["A", "A"] }] },
        { asOf: "2026-02-10" },
      ),
    ).toThrow(/parsePlaybook/);
  });
});
