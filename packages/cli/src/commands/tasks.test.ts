import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { TASK_KINDS, TASK_PRIORITIES } from "@custra/core";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliLocale, useCliLocale } from "../locale.ts";
import { binary, custra, json, sum } from "../testing/run-cli.ts";

const AS_OF = "2026-06-30";
/** Five days before the Mid-Autumn Festival 2026 (25 September): care tasks for A and B customers. */
const BEFORE_MID_AUTUMN = "2026-09-20";

interface TaskJson {
  id: number;
  kind: string;
  customerCode: string;
  customerName: string | null;
  owner: string | null;
  dueOn: string;
  priority: string;
  reason: { code: string; params: Record<string, string | number> };
  reasonText: string;
  details: { playbook: string; recommendations?: { sku: string; name: string; reason: { code: string } }[] };
  status: string;
  doneBy: string | null;
}

const locale = cliLocale();
afterEach(() => {
  useCliLocale(locale);
});

describe("custra tasks usage", () => {
  it("exits 2 on usage errors", async () => {
    expect((await custra(["tasks", "list", "--status", "closed"])).code).toBe(2);
    expect((await custra(["tasks", "list", "--kind", "party"])).code).toBe(2);
    expect((await custra(["tasks", "list", "--limit", "0"])).code).toBe(2);
    expect((await custra(["tasks", "list", "--due", "2026-13-01"])).code).toBe(2);
    expect((await custra(["tasks", "generate", "--kind", "care", "party"])).code).toBe(2);
    expect((await custra(["tasks", "generate", "--as-of", "tomorrow"])).code).toBe(2);
    const badId = await custra(["tasks", "done", "abc"]);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain("abc");
    expect((await binary(["tasks", "done", "-1"])).code).toBe(2);
  });
});

for (const engine of ENGINES) {
  describe(`custra tasks on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    const taskRows = async () => (await json(["db", "info", ...at])).tables.tasks as number;
    const campaignRows = async () => (await json(["db", "info", ...at])).tables.campaigns as number;
    let analyzeOutput = "";
    const list = async (args: readonly string[]): Promise<TaskJson[]> =>
      (await json(["tasks", "list", "--limit", "100000", ...args, ...at])).tasks;

    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
      for (const args of [
        ["demo", "--customers", "300", "--seed", "3", "--as-of", AS_OF],
        ["analyze"],
        ["grade"],
      ]) {
        const run = await custra([...args, ...at]);
        expect(run.code, `${args[0]}: ${run.stderr}`).toBe(0);
        if (args[0] === "analyze") analyzeOutput = run.stdout;
      }
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("generates tasks once: a second run creates none", async () => {
      const first = await json(["tasks", "generate", "--as-of", AS_OF, ...at]);
      expect(first.asOf).toBe(AS_OF);
      expect(first.created).toBeGreaterThan(0);
      expect(sum(Object.values(first.createdByKind) as number[])).toBe(first.created);
      expect(first.playbooks).toEqual([
        { name: "value", version: 1, basis: "grade", gradeRunId: expect.any(Number) },
      ]);
      expect(first.skipped).toEqual([
        { name: "credit", reason: "not_graded" },
        { name: "key_account", reason: "not_graded" },
      ]);
      // The demo's shoppers (individuals) of A, B and C are reached by one campaign per grade.
      expect(first.createdByKind.campaign).toBe(first.campaigns.length);
      expect(await taskRows()).toBe(first.created - first.campaigns.length);
      expect(await campaignRows()).toBe(first.campaigns.length);
      // The per-owner summary counts the open tasks due by the day.
      const due = await list(["--due", AS_OF]);
      expect(sum(first.openByOwner.map((row: { tasks: number }) => row.tasks))).toBe(due.length);
      expect(sum(first.openByOwner.map((row: { urgent: number }) => row.urgent))).toBe(
        due.filter((task) => task.priority === "urgent").length,
      );

      const second = await custra(["tasks", "generate", "--as-of", AS_OF, ...at]);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain(`Tasks for ${AS_OF}: candidates ${first.candidates}, created 0`);
      expect(second.stdout).toContain("used playbook value v1: grades of grade run #");
      expect(second.stdout).toContain("skipped playbook credit: its scheme has not graded anyone yet");
      expect(second.stdout).toMatch(/Open tasks due by 2026-06-30, per owner:\nowner +open +urgent\n/);
      expect(await taskRows()).toBe(first.created - first.campaigns.length);
    });

    it("prints the CSI of the demo's satisfaction-only surveys", () => {
      // The demo's surveys score items 1–5 without NPS: a CSI, and no NPS line.
      expect(analyzeOutput).toMatch(
        /satisfaction: CSI \d+\.\d \([\d,]+ customers gave a satisfaction score; [\d,]+ of them 1–2/,
      );
    });

    it("lists campaigns with their customers, writes the list, and closes them like tasks", async () => {
      const { campaigns } = await json(["tasks", "list", "--kind", "campaign", ...at]);
      expect(campaigns.length).toBeGreaterThan(0);
      const [campaign] = campaigns;
      expect(campaign).toMatchObject({ kind: "campaign", basis: "grade", status: "open" });
      expect(campaign.reasonText).toMatch(
        /^Campaign for .+ \(WeChat, 2026-(06|Q2)\): \d+ individual customers/,
      );
      const shown = await json(["tasks", "show", String(campaign.id), ...at]);
      expect(shown.customers).toHaveLength(campaign.members);
      const out = join(
        db.location.startsWith("postgres") ? tmpdir() : dirname(db.location),
        `campaign-${campaign.id}.csv`,
      );
      const written = await custra(["tasks", "show", String(campaign.id), "--out", out, ...at]);
      expect(written.code, written.stderr).toBe(0);
      expect(written.stderr).toContain(`wrote ${campaign.members} customers to`);
      const lines = (await readFile(out, "utf8")).trim().split(/\r?\n/);
      expect(lines).toHaveLength(campaign.members + 1);
      expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(
        shown.customers.map((c: { code: string }) => c.code),
      );
      await rm(out, { force: true });
      const readable = await custra(["tasks", "show", String(campaign.id), ...at], "zh-CN");
      expect(readable.stdout).toContain("客群营销活动");
      expect((await custra(["tasks", "show", String(campaign.id), "--out", "list.txt", ...at])).code).toBe(2);

      const done = await custra(["tasks", "done", String(campaign.id), "--by", "marketing", ...at]);
      expect(done.code, done.stderr).toBe(0);
      const again = await json(["tasks", "generate", "--as-of", AS_OF, ...at]);
      expect(again.campaigns).toEqual([]);
      expect(
        (await json(["tasks", "list", "--kind", "campaign", "--status", "done", ...at])).campaigns,
      ).toMatchObject([{ id: campaign.id, doneBy: "marketing" }]);
    });

    it("warns in both languages when the data is far older than the day generated for, and names the day", async () => {
      const late = await custra([
        "tasks",
        "generate",
        "--as-of",
        "2027-03-01",
        "--kind",
        "collection",
        ...at,
      ]);
      expect(late.code, late.stderr).toBe(0);
      expect(late.stderr).toMatch(
        /warning: tasks are generated for 2027-03-01, but the newest order is of 2026-06-\d\d, \d+ days earlier \(more than 30\)/,
      );
      expect(late.stderr).toContain(
        "generate for its last day instead: custra tasks generate --as-of 2026-06-30",
      );
      const zh = await custra(
        ["tasks", "generate", "--as-of", "2027-03-01", "--kind", "collection", ...at],
        "zh-CN",
      );
      expect(zh.stderr).toContain("注意：任务按 2027-03-01 生成，但最近一次分析的截止日是 2026-06-30");
      expect(zh.stderr).toContain("custra tasks generate --as-of 2026-06-30");
      const report = await json([
        "tasks",
        "generate",
        "--as-of",
        "2027-03-01",
        "--kind",
        "collection",
        ...at,
      ]);
      expect(report.warnings.map((w: { code: string }) => w.code)).toEqual([
        "stale_orders",
        "stale_analysis",
      ]);
      expect(
        (await json(["tasks", "generate", "--as-of", AS_OF, "--kind", "collection", ...at])).warnings,
      ).toEqual([]);
    });

    it("lists tasks with their reasons in words, filtered", async () => {
      const all = await list([]);
      expect(all.length).toBeGreaterThan(0);
      for (const task of all) {
        expect(Number.isInteger(task.id)).toBe(true);
        expect(TASK_KINDS).toContain(task.kind);
        expect(TASK_PRIORITIES).toContain(task.priority);
        expect(task.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(task.customerCode).toMatch(/^C\d+$/);
        expect(task.status).toBe("open");
        expect(task.reason.code).toEqual(expect.any(String));
        expect(task.reasonText.length).toBeGreaterThan(5);
        expect(task.reasonText).not.toContain("{");
        expect(task.details.playbook).toBe("value");
      }
      // Earliest first, the most urgent first on the same day.
      const order = all.map((task) => `${task.dueOn}:${TASK_PRIORITIES.indexOf(task.priority as never)}`);
      expect(order).toEqual([...order].sort());

      const collection = await list(["--kind", "collection"]);
      expect(collection.length).toBe(all.filter((task) => task.kind === "collection").length);
      expect(collection.every((task) => task.reasonText.startsWith("Payment overdue"))).toBe(true);
      const owner = all.find((task) => task.owner !== null)!.owner!;
      const owned = await list(["--owner", owner]);
      expect(owned.length).toBe(all.filter((task) => task.owner === owner).length);
      const customer = all[0]!.customerCode;
      expect((await list(["--customer", customer])).every((task) => task.customerCode === customer)).toBe(
        true,
      );
      expect(await json(["tasks", "list", "--limit", "2", ...at])).toMatchObject({ tasks: [all[0], all[1]] });

      const readable = await custra(["tasks", "list", "--kind", "collection", ...at]);
      expect(readable.stdout).toMatch(/^ *id +due +priority +kind +customer +owner +reason\n/);
      expect(readable.stdout).toContain("Payment collection");
      expect(readable.stdout).toContain(collection[0]!.reasonText);
      const none = await custra(["tasks", "list", "--owner", "nobody-at-all", ...at]);
      expect(none.stdout).toBe("");
      expect(none.stderr).toContain("no tasks match");
    });

    it("a task done is never created again", async () => {
      const [task] = await list([]);
      const done = await custra(["tasks", "done", String(task!.id), "--by", "tester", ...at]);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toContain(`task #${task!.id} (`);
      expect(done.stderr).toContain("is done, by tester");
      expect(await list(["--status", "done"])).toMatchObject([
        { id: task!.id, status: "done", doneBy: "tester" },
      ]);
      expect((await list([])).some((open) => open.id === task!.id)).toBe(false);

      const rows = await taskRows();
      const again = await json(["tasks", "generate", "--as-of", AS_OF, ...at]);
      expect(again.created).toBe(0);
      expect(await taskRows()).toBe(rows);
      expect(
        (await list(["--customer", task!.customerCode, "--kind", task!.kind])).map((t) => t.reasonText),
      ).not.toContain(task!.reasonText);

      const twice = await custra(["tasks", "done", String(task!.id), ...at]);
      expect(twice.code).toBe(0);
      expect(twice.stderr).toContain("was already done on");
      const unknown = await custra(["tasks", "done", "999999", ...at]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("there is no task 999999");
    });

    it("care tasks carry up to three recommended products, and customer show lists grades, tasks and products", async () => {
      const before = new Set((await list(["--kind", "care"])).map((task) => task.id));
      const report = await json(["tasks", "generate", "--as-of", BEFORE_MID_AUTUMN, "--kind", "care", ...at]);
      expect(report.created).toBeGreaterThan(0);
      expect(Object.keys(report.createdByKind)).toEqual(["care"]);
      const care = (await list(["--kind", "care"])).filter((task) => !before.has(task.id));
      expect(care.length).toBe(report.created);
      // Mid-Autumn for every A and B customer, and the birthdays of the week.
      const festival = care.filter((task) => task.reason.params.festival === "mid_autumn");
      expect(festival.length).toBeGreaterThan(care.length / 2);
      expect(festival.every((task) => /Mid-Autumn/.test(task.reasonText))).toBe(true);
      const recommended = care.filter((task) => task.details.recommendations !== undefined);
      expect(recommended.length).toBeGreaterThan(0);
      for (const task of recommended) {
        expect(task.details.recommendations!.length).toBeGreaterThan(0);
        expect(task.details.recommendations!.length).toBeLessThanOrEqual(3);
        for (const product of task.details.recommendations!) {
          expect(product).toMatchObject({ sku: expect.any(String), name: expect.any(String) });
          expect(["bought_together", "peers_buy_category"]).toContain(product.reason.code);
        }
      }

      const code = recommended[0]!.customerCode;
      const profile = await json(["customer", "show", code, ...at]);
      expect(profile.customer.code).toBe(code);
      expect(profile.run.asOf).toBe(AS_OF);
      expect(profile.scores.orders).toEqual(expect.any(Number));
      expect(profile.grades).toEqual([
        expect.objectContaining({
          scheme: "value",
          grade: expect.stringMatching(/^[AB]$/),
          score: expect.any(Number),
        }),
      ]);
      const open = await list(["--customer", code]);
      expect(profile.tasks.map((task: TaskJson) => task.id)).toEqual(open.map((task) => task.id));
      expect(profile.tasks.map((task: TaskJson) => task.id)).toContain(recommended[0]!.id);
      expect(profile.recommendations.length).toBeGreaterThan(0);
      expect(profile.recommendations.length).toBeLessThanOrEqual(3);
      expect(profile.recommendations[0].reasonText).toMatch(
        /Often bought with|of customers of the same grade/,
      );

      const readable = await custra(["customer", "show", code, ...at]);
      expect(readable.code, readable.stderr).toBe(0);
      expect(readable.stdout).toMatch(/Grades:\nscheme +grade +score +as of\n/);
      expect(readable.stdout).toContain("Customer value grading (value)");
      expect(readable.stdout).toContain(`Open tasks (${open.length}):`);
      expect(readable.stdout).toContain(recommended[0]!.reasonText);
      expect(readable.stdout).toContain("Recommended products:");
      expect(readable.stdout).toContain(profile.recommendations[0].name);
      // The latest orders (five of the 360 view's twenty), the receivables' aging and the payments.
      expect(profile.orders.length).toBeGreaterThan(0);
      expect(readable.stdout).toContain(`Latest ${Math.min(5, profile.orders.length)} orders:`);
      expect(readable.stdout).toContain(profile.orders[0].externalId);
      expect(readable.stdout).toMatch(
        profile.aging.openInvoices === 0
          ? /No open invoices as of \d{4}-\d\d-\d\d/
          : /Receivables aging as of \d{4}-\d\d-\d\d \(\d+ open invoices/,
      );
      expect(readable.stdout).toContain(
        profile.payments.length === 0
          ? "No payments"
          : `Latest ${Math.min(5, profile.payments.length)} payments:`,
      );
    });
  });
}
