import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GRADING_FIELDS } from "@custra/core";
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliLocale, useCliLocale } from "../locale.ts";
import { binary, custra, json, sum } from "../testing/run-cli.ts";

const CUSTOMERS = 300;
const AS_OF = "2026-06-30";

let work: string;
const locale = cliLocale();
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-cli-grade-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  useCliLocale(locale);
});

describe("custra grade usage", () => {
  it("exits 2 on usage errors, in-process and as a real process", async () => {
    expect((await custra(["grade", "--run", "abc"])).code).toBe(2);
    expect((await custra(["grade", "run", "extra"])).code).toBe(2);
    expect((await custra(["grade", "pin", "C0000001", "--reason", "r"])).code).toBe(2);
    const badUntil = await custra([
      "grade",
      "pin",
      "C1",
      "--grade",
      "A",
      "--reason",
      "r",
      "--until",
      "2026-02-30",
    ]);
    expect(badUntil.code).toBe(2);
    expect(badUntil.stderr).toContain("2026-02-30");
    expect((await custra(["grade", "pin", "C1", "--grade", "A", "--reason", "  "])).code).toBe(2);
    expect((await custra(["grade", "migration", "--from", "1"])).code).toBe(2);
    const dimension = await custra(["structure", "--by", "grade,planet"]);
    expect(dimension.code).toBe(2);
    expect(dimension.stderr).toContain("planet");
    expect(dimension.stderr).toContain("industry");
    expect((await custra(["scheme", "show"])).code).toBe(2);
    expect((await binary(["grade", "migration", "--to", "2"])).code).toBe(2);
  });

  it("lists the fields a scheme can use, with their labels", async () => {
    const fields: { field: string; kind: string; label: string; codes?: string[] }[] = await json([
      "scheme",
      "fields",
    ]);
    expect(fields.map((entry) => entry.field)).toEqual([
      ...GRADING_FIELDS.numeric,
      ...GRADING_FIELDS.categorical,
    ]);
    expect(fields.find((entry) => entry.field === "recency_days")).toMatchObject({
      kind: "numeric",
      label: "Days since the last purchase",
    });
    expect(fields.find((entry) => entry.field === "credit_grade")?.codes).toContain("poor");
    const readable = await custra(["scheme", "fields"]);
    expect(readable.stdout).toMatch(/\ncredit_grade +categorical +Credit grade +.*poor/);
  });
});

for (const engine of ENGINES) {
  describe(`custra grade on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    /** Grade runs and graded rows in the database now. */
    const counts = async () => {
      const { tables }: { tables: Record<string, number> } = await json(["db", "info", ...at]);
      return { runs: tables.grade_runs, grades: tables.customer_grades };
    };

    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
      const demo = await custra([
        "demo",
        "--customers",
        String(CUSTOMERS),
        "--seed",
        "3",
        "--as-of",
        AS_OF,
        ...at,
      ]);
      expect(demo.code, demo.stderr).toBe(0);
      const analysis = await custra(["analyze", ...at]);
      expect(analysis.code, analysis.stderr).toBe(0);
    });
    afterAll(async () => {
      await db?.drop();
    });
    /** How many customers each grade run graded, counted in the database. */
    const gradedPerRun = async (ids: readonly number[]) => {
      const handle = await openDb(db.location);
      try {
        return await Promise.all(
          ids.map(async (id) => {
            const row = await handle.db
              .selectFrom("customer_grades")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("grade_run_id", "=", id)
              .executeTakeFirstOrThrow();
            return Number(row.n);
          }),
        );
      } finally {
        await handle.close();
      }
    };

    it("grades every customer once: the distribution adds up to the customers, --json has the grade run", async () => {
      const readable = await custra(["grade", ...at]);
      expect(readable.code, readable.stderr).toBe(0);
      expect(readable.stdout).toContain("Customer value grading (value v1)");
      const rows = [...readable.stdout.matchAll(/^([ABCD]) · [A-Za-z ]+? {2,}([\d,]+) /gm)];
      expect(rows.map((row) => row[1])).toEqual(["A", "B", "C", "D"]);
      expect(sum(rows.map((row) => Number(row[2]!.replace(/,/g, ""))))).toBe(CUSTOMERS);
      expect(readable.stdout).toMatch(/grades changed by rules: \d+; pinned by hand: 0/);

      const report = await json(["grade", ...at]);
      expect(Number.isInteger(report.gradeRunId)).toBe(true);
      expect(report).toMatchObject({
        scheme: { name: "value", version: 1 },
        customers: CUSTOMERS,
        pinned: 0,
      });
      expect(sum(report.distribution.map((row: { customers: number }) => row.customers))).toBe(CUSTOMERS);
      expect(sum(report.distribution.map((row: { customerShare: number }) => row.customerShare))).toBeCloseTo(
        1,
        10,
      );
      expect(Object.keys(report.timings)).toEqual(["load", "grade", "write"]);
    });

    it("speaks Chinese by default", async () => {
      const run = await custra(["grade", "--preview", ...at], "zh-CN");
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("A 级 · 重要客户");
      expect(run.stderr).toContain("没有保存任何分级结果");
    });

    it("--preview reports the distribution and saves no grade run", async () => {
      const before = await counts();
      const preview = await custra(["grade", "--preview", "--scheme", "key_account", ...at, "--json"]);
      expect(preview.code, preview.stderr).toBe(0);
      const report = JSON.parse(preview.stdout);
      expect(report.gradeRunId).toBeUndefined();
      expect(report.scheme.name).toBe("key_account");
      expect(sum(report.distribution.map((row: { customers: number }) => row.customers))).toBe(CUSTOMERS);
      expect(preview.stderr).toContain("this is a preview: no grades were saved");
      const readable = await custra(["grade", "--preview", ...at]);
      expect(readable.stdout).toContain("not saved");
      expect(await counts()).toEqual(before);
    });

    it("a pin decides the next grading, explain names it, and migration counts the move", async () => {
      // A customer the score puts at the bottom, pinned to the top.
      const handle = await openDb(db.location);
      let code: string;
      try {
        const row = await handle.db
          .selectFrom("customer_grades as g")
          .innerJoin("customers as c", "c.id", "g.customer_id")
          .select("c.code")
          .where("g.grade_run_id", "=", (eb) =>
            eb.selectFrom("grade_runs").select((e) => e.fn.max("id").as("id")),
          )
          .where("g.grade", "=", "D")
          .orderBy("c.code")
          .limit(1)
          .executeTakeFirstOrThrow();
        code = row.code;
      } finally {
        await handle.close();
      }
      const pin = await custra([
        "grade",
        "pin",
        code,
        "--grade",
        "A",
        "--reason",
        "strategic partner",
        "--author",
        "tester",
        ...at,
      ]);
      expect(pin.code, pin.stderr).toBe(0);
      expect(pin.stderr).toContain(
        `customer ${code} is pinned to A · Key customers under scheme value until removed`,
      );
      expect(await json(["grade", "pins", ...at])).toMatchObject([
        {
          customerCode: code,
          scheme: "value",
          grade: "A",
          reason: "strategic partner",
          author: "tester",
          until: null,
        },
      ]);

      const report = await json(["grade", ...at]);
      expect(report.pinned).toBe(1);
      const explained = await json(["grade", "explain", code, ...at]);
      expect(explained.grades).toHaveLength(1);
      expect(explained.grades[0]).toMatchObject({
        scheme: "value",
        gradeRunId: report.gradeRunId,
        grade: "A",
        scoreGrade: "D",
        pinned: true,
        pin: { grade: "A", reason: "strategic partner", author: "tester" },
      });
      const contributions = explained.grades[0].components.map(
        (c: { contribution: number }) => c.contribution,
      );
      // Dimension scores are kept to two decimals, so the parts add up to the score to about 0.01.
      expect(sum(contributions)).toBeCloseTo(explained.grades[0].score, 1);
      const readable = await custra(["grade", "explain", code, ...at]);
      expect(readable.stdout).toContain("Grade: A · Key customers (score ");
      expect(readable.stdout).toContain("which alone gives D · Small customers");
      expect(readable.stdout).toContain(
        "Pinned to A · Key customers: strategic partner (by tester, until removed)",
      );
      expect(readable.stdout).toContain("Days since the last purchase");

      // The last two runs: before and after the pin, of the same analysis.
      const migration = await json(["grade", "migration", ...at]);
      const both = sum(
        migration.grades.flatMap((from: string) =>
          migration.grades.map((to: string) => migration.counts[from][to] as number),
        ),
      );
      const graded = await gradedPerRun([migration.from.id, migration.to.id]);
      expect(both + migration.goneCustomers.customers).toBe(graded[0]);
      expect(both + migration.newCustomers.customers).toBe(graded[1]);
      expect(both).toBe(CUSTOMERS);
      expect(migration.up.customers + migration.same.customers + migration.down.customers).toBe(both);
      expect(migration.counts.D.A).toBeGreaterThanOrEqual(1);
      expect(migration.up.customers).toBeGreaterThanOrEqual(1);

      const table = await custra(["grade", "migration", ...at]);
      expect(table.stdout).toContain(`grade run #${migration.from.id}`);
      expect(table.stdout).toMatch(/\ntotal +[\d,]+ +[\d,]+ +[\d,]+ +[\d,]+ +300\n/);
      expect(table.stdout).toMatch(/moved up: \d+ \(revenue CN¥[\d,.]+\)/);
      // The same comparison named by its runs.
      const named = await json([
        "grade",
        "migration",
        "--from",
        String(migration.from.id),
        "--to",
        String(migration.to.id),
        ...at,
      ]);
      expect(named.counts).toEqual(migration.counts);

      // Its history: D in the runs before the pin, A in the last one.
      const history = await json(["grade", "history", code, "--scheme", "value", ...at]);
      const runs = history.history.map((entry: { gradeRunId: number }) => entry.gradeRunId);
      expect(runs).toEqual([...runs].sort((a, b) => a - b));
      expect(history.history.at(-1)).toMatchObject({
        gradeRunId: report.gradeRunId,
        grade: "A",
        pinned: true,
      });
      expect(history.history.at(-2)).toMatchObject({
        gradeRunId: migration.from.id,
        grade: "D",
        pinned: false,
      });
      const historyTable = await custra(["grade", "history", code, ...at]);
      expect(historyTable.stdout).toContain(`grade history of customer ${code}`);
      expect(historyTable.stdout).toContain("A · Key customers (pinned)");

      const unpin = await custra(["grade", "unpin", code, ...at]);
      expect(unpin.code, unpin.stderr).toBe(0);
      expect(await json(["grade", "pins", ...at])).toEqual([]);
      const again = await custra(["grade", "unpin", code, ...at]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`customer ${code} has no pin`);
    });

    it("refuses a grade the scheme does not have, an unknown scheme and an unknown customer, naming what there is", async () => {
      const grade = await custra(["grade", "pin", "C0000001", "--grade", "Z", "--reason", "r", ...at]);
      expect(grade.code).toBe(1);
      expect(grade.stderr).toContain("scheme value has no grade Z (choose from: A, B, C, D)");

      for (const args of [
        ["grade", "--scheme", "nope"],
        ["grade", "pin", "C0000001", "--grade", "A", "--reason", "r", "--scheme", "nope"],
        ["grade", "explain", "C0000001", "--scheme", "nope"],
        ["scheme", "show", "nope"],
      ]) {
        const run = await custra([...args, ...at]);
        expect(run.code, args.join(" ")).toBe(1);
        expect(run.stderr).toContain("no grading scheme named nope (there are: credit, key_account, value)");
      }
      const real = await binary(["grade", "--scheme", "nope", ...at]);
      expect(real.code).toBe(1);
      expect(real.stderr).toContain("there are: credit, key_account, value");

      const customer = await custra(["grade", "explain", "NO-SUCH", ...at]);
      expect(customer.code).toBe(1);
      expect(customer.stderr).toContain("NO-SUCH");
      const ungraded = await custra(["grade", "explain", "C0000001", "--scheme", "credit", ...at]);
      expect(ungraded.code).toBe(1);
      expect(ungraded.stderr).toContain("custra grade --scheme credit");
    });

    it("structure --by grade,industry: the cells add up to every customer", async () => {
      const report = await json(["structure", "--by", "grade,industry", ...at]);
      expect(report.by).toEqual(["grade", "industry"]);
      expect(report.scheme).toBe("value");
      expect(report.totals.customers).toBe(CUSTOMERS);
      expect(sum(report.cells.map((cell: { customers: number }) => cell.customers))).toBe(CUSTOMERS);
      expect(sum(report.cells.map((cell: { revenue: number }) => cell.revenue))).toBeCloseTo(
        report.totals.revenue,
        4,
      );
      for (const cell of report.cells) expect(["A", "B", "C", "D"]).toContain(cell.keys[0]);

      const readable = await custra(["structure", "--by", "grade,industry", ...at]);
      expect(readable.stdout).toContain("Customer structure by grade × industry");
      expect(readable.stdout).toContain("A · Key customers");
      expect(readable.stdout).toMatch(/\ntotal +300 +100\.0% /);
      // Revenue in the company's currency (CNY by default, CN¥ in English).
      expect(readable.stdout).toMatch(/\ntotal +300 +100\.0% +CN¥[\d,]+\.\d\d /);
      const tiers = await custra(["structure", "--by", "value_tier,customer_type", ...at]);
      expect(tiers.stdout).toMatch(/High value|Mid value|Low value/);
      expect(tiers.stdout).not.toMatch(/\n(high|mid|low) /);
    });

    it("scheme import adds version 2 of an edited scheme, and nothing when imported again", async () => {
      const shown = await custra(["scheme", "show", "value", ...at]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/^name: value\nversion: 1\n/);
      const file = join(work, `${engine}-value.yaml`);
      expect(shown.stdout).toContain("weight: 0.45");
      await writeFile(file, shown.stdout.replace("weight: 0.45", "weight: 0.4"));

      expect(await json(["scheme", "import", file, ...at])).toEqual({
        kind: "scheme",
        name: "value",
        version: 2,
        added: true,
      });
      const again = await custra(["scheme", "import", file, ...at]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain("grading scheme value is the same as version 2; no version added");
      const listed: { name: string; version: number }[] = await json(["scheme", "list", ...at]);
      expect(listed.map(({ name, version }) => [name, version])).toEqual([
        ["credit", 1],
        ["key_account", 1],
        ["value", 2],
      ]);
      expect((await json(["scheme", "show", "value", "--version", "1", ...at])).dimensions[0].weight).toBe(
        0.45,
      );
      expect((await json(["grade", "--preview", ...at])).scheme).toEqual({ name: "value", version: 2 });

      const broken = join(work, `${engine}-broken.yaml`);
      await writeFile(broken, "name: value\ngrades: [A, B\n");
      const syntax = await custra(["scheme", "import", broken, ...at]);
      expect(syntax.code).toBe(1);
      expect(syntax.stderr).toMatch(/broken\.yaml, line \d+, column \d+ is not valid YAML/);
      const invalid = join(work, `${engine}-invalid.json`);
      await writeFile(invalid, JSON.stringify({ name: "value", version: 1, grades: 3 }));
      const problems = await custra(["scheme", "import", invalid, ...at]);
      expect(problems.code).toBe(1);
      expect(problems.stderr).toContain("invalid.json: ");
      expect(problems.stderr).toContain("grades");
      expect((await custra(["scheme", "import", join(work, "missing.yaml"), ...at])).code).toBe(1);

      const playbook = await custra(["playbook", "show", "value", ...at]);
      expect(playbook.stdout).toContain("basis:\n  kind: grade\n  scheme: value\n");
      const playbookFile = join(work, `${engine}-playbook.yaml`);
      await writeFile(playbookFile, playbook.stdout);
      expect(await json(["playbook", "import", playbookFile, ...at])).toMatchObject({
        version: 1,
        added: false,
      });
    });
  });
}

for (const engine of ENGINES) {
  describe(`custra grade migration with customers who came later, on ${engine}`, () => {
    it("reports customers who did not exist at the earlier as-of date as new, not as moves", async () => {
      const db = await createTestLocation(engine);
      const at = ["--db", db.location];
      try {
        // K01..K12 registered in 2025 and bought in 2026 Q1; N1, N2 registered in May 2026 (N1
        // bought then); N3 has no registration date and first bought in May 2026.
        const customers = ["code,name,registered_on"];
        const orders = ["order_id,customer_code,order_date,amount"];
        for (let k = 1; k <= 12; k++) {
          const code = `K${String(k).padStart(2, "0")}`;
          customers.push(`${code},Kunde ${k},2025-0${1 + (k % 9)}-15`);
          for (let j = 0; j < 1 + (k % 4); j++)
            orders.push(`${code}-${j},${code},2026-0${1 + j}-${10 + k},${10 * k + j}`);
          orders.push(`${code}-m,${code},2026-05-20,${5 * k}`);
        }
        customers.push("N1,Neu 1,2026-05-02", "N2,Neu 2,2026-05-03", "N3,Neu 3,");
        orders.push("n1,N1,2026-05-10,400", "n3,N3,2026-05-12,300");
        const customersFile = join(work, `later-customers-${engine}.csv`);
        const ordersFile = join(work, `later-orders-${engine}.csv`);
        await writeFile(customersFile, `${customers.join("\n")}\n`);
        await writeFile(ordersFile, `${orders.join("\n")}\n`);
        for (const args of [
          ["import", "customers", customersFile],
          ["import", "orders", ordersFile],
          ["analyze", "--as-of", "2026-04-30"],
          ["grade"],
          ["analyze", "--as-of", "2026-06-30"],
          ["grade"],
        ]) {
          const result = await custra([...args, ...at]);
          expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
        }
        const migration = await json(["grade", "migration", ...at]);
        expect(migration.newCustomers.customers).toBe(3);
        expect(migration.up.customers + migration.same.customers + migration.down.customers).toBe(12);
        const table = await custra(["grade", "migration", ...at]);
        expect(table.stdout).toContain("new: 3 (revenue CN¥700.00)");
        expect(table.stdout).toContain("new customers did not exist yet on 2026-04-30");
      } finally {
        await db.drop();
      }
    });
  });
}
