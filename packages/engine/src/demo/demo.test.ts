import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENTITIES, type EntityName, type FieldSpec, LOAD_ORDER } from "@custra/core";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WRITTEN_COLUMNS } from "./columns.ts";
import { checkColumns } from "./csv.ts";
import { DemoOptionsError } from "./errors.ts";
import { writeDemoCsv } from "./write-demo-csv.ts";

const AS_OF = "2025-06-30";
const N = 2000;

type Row = Record<string, string>;
const dirs: string[] = [];

async function generate(
  customers: number,
  seed: number,
): Promise<{ dir: string; counts: Record<EntityName, number> }> {
  const dir = await mkdtemp(join(tmpdir(), "custra-demo-test-"));
  dirs.push(dir);
  const counts = await writeDemoCsv({ customers, seed, asOf: AS_OF, outDir: dir });
  return { dir, counts };
}

async function digest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const entity of LOAD_ORDER) hash.update(await readFile(join(dir, `${entity}.csv`)));
  return hash.digest("hex");
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("writeDemoCsv", () => {
  let dir: string;
  let counts: Record<EntityName, number>;
  const tables = {} as Record<EntityName, Row[]>;
  const headers = {} as Record<EntityName, string[]>;

  beforeAll(async () => {
    ({ dir, counts } = await generate(N, 7));
    for (const entity of LOAD_ORDER) {
      const text = await readFile(join(dir, `${entity}.csv`), "utf8");
      const records = parse(text, { relax_column_count: false }) as string[][];
      headers[entity] = records[0]!;
      tables[entity] = records
        .slice(1)
        .map((values) => Object.fromEntries(values.map((v, i) => [records[0]![i]!, v])));
    }
  });

  it("writes one file per entity with the registry's fields as header and the returned row counts", () => {
    for (const entity of LOAD_ORDER) {
      expect(headers[entity]).toEqual(ENTITIES[entity].fields.map((f) => f.name));
      expect(tables[entity].length).toBe(counts[entity]);
      expect(counts[entity]).toBeGreaterThan(0);
    }
    expect(counts.customers).toBe(N);
  });

  it("is byte-identical for the same seed and different for another seed", async () => {
    const again = await generate(N, 7);
    const other = await generate(N, 8);
    const first = await digest(dir);
    expect(await digest(again.dir)).toBe(first);
    expect(await digest(other.dir)).not.toBe(first);
  });

  it("writes only values the importer accepts, field by field", () => {
    for (const entity of LOAD_ORDER) {
      for (const row of tables[entity]) {
        for (const field of ENTITIES[entity].fields) {
          const problem = invalid(field, row[field.name]!);
          if (problem) throw new Error(`${entity} ${JSON.stringify(row)}: ${field.name} ${problem}`);
        }
      }
    }
  });

  it("gives every row a unique key", () => {
    for (const entity of LOAD_ORDER) {
      const key = ENTITIES[entity].key;
      const keys = new Set(tables[entity].map((row) => row[key]));
      expect(keys.size, entity).toBe(tables[entity].length);
    }
  });

  it("resolves every reference", () => {
    const keysOf = (entity: EntityName) => new Set(tables[entity].map((row) => row[ENTITIES[entity].key]));
    for (const entity of LOAD_ORDER) {
      for (const ref of ENTITIES[entity].references) {
        const targets = keysOf(ref.entity);
        for (const row of tables[entity])
          expect(targets.has(row[ref.field]), `${entity}.${ref.field}`).toBe(true);
      }
    }
    const users = keysOf("users");
    for (const row of [...tables.customers, ...tables.interactions]) {
      if (row.owner) expect(users.has(row.owner)).toBe(true);
    }
    const orders = keysOf("orders");
    for (const row of tables.invoices) expect(orders.has(row.order_external_id)).toBe(true);
    const invoices = keysOf("invoices");
    for (const row of tables.payments) expect(invoices.has(row.invoice_external_id)).toBe(true);
  });

  it("puts nothing after the as-of date", () => {
    for (const entity of LOAD_ORDER) {
      for (const field of ENTITIES[entity].fields) {
        if (field.kind !== "date" && field.kind !== "timestamp") continue;
        if (entity === "invoices" && field.name === "due_on") continue; // a due date may lie ahead
        for (const row of tables[entity]) {
          const value = row[field.name]!;
          if (value) expect(value.slice(0, 10) <= AS_OF, `${entity}.${field.name} ${value}`).toBe(true);
        }
      }
    }
  });

  it("keeps the books consistent: lines sum to orders, margin is amount minus cost, payments within invoices", () => {
    const lineTotals = new Map<string, number>();
    for (const line of tables["order-lines"]) {
      lineTotals.set(
        line.order_external_id!,
        (lineTotals.get(line.order_external_id!) ?? 0) + cents(line.amount!),
      );
      expect(cents(line.amount!)).toBe(Math.round(Number(line.quantity) * cents(line.unit_price!)));
    }
    for (const order of tables.orders) {
      expect(lineTotals.get(order.external_id!)).toBe(cents(order.amount!));
      expect(cents(order.amount!) - cents(order.cost!)).toBe(cents(order.margin!));
    }
    const orderDates = new Map(tables.orders.map((o) => [o.external_id!, o]));
    const invoices = new Map(tables.invoices.map((i) => [i.external_id!, i]));
    for (const invoice of invoices.values()) {
      const order = orderDates.get(invoice.order_external_id!)!;
      expect(invoice.issued_on).toBe(order.order_date);
      expect(invoice.amount).toBe(order.amount);
      expect(invoice.customer_code).toBe(order.customer_code);
    }
    const paid = new Map<string, number>();
    for (const p of tables.payments)
      paid.set(p.invoice_external_id!, (paid.get(p.invoice_external_id!) ?? 0) + cents(p.amount!));
    for (const [id, amount] of paid) expect(amount).toBeLessThanOrEqual(cents(invoices.get(id)!.amount!));
    // Some invoices are still open at the as-of date.
    expect(paid.size).toBeLessThan(invoices.size);
  });

  it("registers customers before their first order", () => {
    const first = new Map<string, string>();
    for (const o of tables.orders) {
      const seen = first.get(o.customer_code!);
      if (!seen || o.order_date! < seen) first.set(o.customer_code!, o.order_date!);
    }
    for (const c of tables.customers) {
      const f = first.get(c.code!);
      if (f) expect(c.registered_on! <= f).toBe(true);
    }
  });

  it("has plausible aggregates", () => {
    const customers = tables.customers;
    const enterprise = customers.filter((c) => c.type === "enterprise").length / N;
    expect(enterprise).toBeGreaterThan(0.2);
    expect(enterprise).toBeLessThan(0.4);
    const perCustomer = tables.orders.length / N;
    expect(perCustomer).toBeGreaterThan(5);
    expect(perCustomer).toBeLessThan(15);

    const revenue = new Map<string, number>();
    const orderCount = new Map<string, number>();
    for (const o of tables.orders) {
      orderCount.set(o.customer_code!, (orderCount.get(o.customer_code!) ?? 0) + 1);
      if (o.status === "completed")
        revenue.set(o.customer_code!, (revenue.get(o.customer_code!) ?? 0) + cents(o.amount!));
    }
    const values = customers.map((c) => revenue.get(c.code!) ?? 0).sort((a, b) => b - a);
    const total = values.reduce((a, b) => a + b, 0);
    const top = values.slice(0, N / 5).reduce((a, b) => a + b, 0) / total;
    expect(top).toBeGreaterThan(0.55);
    expect(top).toBeLessThan(0.9);

    // Heterogeneous buying: many one-time buyers, and a tail of very frequent ones.
    const counts = customers.map((c) => orderCount.get(c.code!) ?? 0);
    expect(counts.filter((n) => n === 1).length / N).toBeGreaterThan(0.05);
    expect(counts.filter((n) => n >= 30).length / N).toBeGreaterThan(0.02);

    const unusual = tables.orders.filter((o) => o.status !== "completed").length / tables.orders.length;
    expect(unusual).toBeGreaterThan(0.01);
    expect(unusual).toBeLessThan(0.04);

    const foreign = customers.filter((c) => /^[A-Za-z]/.test(c.name!)).length / N;
    expect(foreign).toBeGreaterThan(0.02);
    expect(foreign).toBeLessThan(0.1);
    const lunar = customers.filter((c) => c.birthday_lunar === "true").length;
    const withBirthday = customers.filter((c) => c.birthday).length;
    expect(lunar / withBirthday).toBeGreaterThan(0.15);
    expect(lunar / withBirthday).toBeLessThan(0.45);
  });

  it("buys more in November and December than in February", () => {
    const byMonth = new Array<number>(12).fill(0);
    for (const o of tables.orders) {
      const date = o.order_date!;
      // Only complete years of the window, so growth does not favour months near the end.
      if (date >= "2023-07-01" && date < "2025-07-01") byMonth[Number(date.slice(5, 7)) - 1]!++;
    }
    expect(byMonth[10]!).toBeGreaterThan(byMonth[1]! * 1.5);
    expect(byMonth[11]!).toBeGreaterThan(byMonth[1]! * 1.5);
  });

  it("makes churned customers more often detractors", () => {
    const last = new Map<string, string>();
    for (const o of tables.orders)
      if ((last.get(o.customer_code!) ?? "") < o.order_date!) last.set(o.customer_code!, o.order_date!);
    let lapsed = 0;
    let lapsedDetractors = 0;
    let recent = 0;
    let recentDetractors = 0;
    for (const s of tables.surveys) {
      if (!s.nps) continue;
      const detractor = Number(s.nps) <= 6;
      // No order in the last year: the customer has most likely left.
      if (last.get(s.customer_code!)! < "2024-06-30") {
        lapsed++;
        if (detractor) lapsedDetractors++;
      } else {
        recent++;
        if (detractor) recentDetractors++;
      }
    }
    expect(lapsedDetractors / lapsed).toBeGreaterThan((recentDetractors / recent) * 1.3);
  });

  it("gives enterprises contacts, invoices and a credit limit, and individuals none", () => {
    const types = new Map(tables.customers.map((c) => [c.code!, c.type!]));
    for (const c of tables.contacts) expect(types.get(c.customer_code!)).toBe("enterprise");
    for (const i of tables.invoices) expect(types.get(i.customer_code!)).toBe("enterprise");
    for (const c of tables.customers) expect(c.credit_limit !== "").toBe(c.type === "enterprise");
    const withContacts = new Set(tables.contacts.map((c) => c.customer_code));
    expect(withContacts.size).toBe(tables.customers.filter((c) => c.type === "enterprise").length);
  });
});

describe("writeDemoCsv options", () => {
  it("rejects options it cannot honour with a typed error", async () => {
    const outDir = join(tmpdir(), "custra-demo-never-written");
    await expect(writeDemoCsv({ customers: 0, seed: 1, asOf: AS_OF, outDir })).rejects.toBeInstanceOf(
      DemoOptionsError,
    );
    await expect(writeDemoCsv({ customers: 10, seed: -1, asOf: AS_OF, outDir })).rejects.toThrow(
      DemoOptionsError,
    );
    await expect(writeDemoCsv({ customers: 10, seed: 1, asOf: "2025-02-30", outDir })).rejects.toMatchObject({
      code: "DEMO_INVALID_AS_OF",
    });
  });

  it("writes the columns in the registry's order", () => {
    for (const entity of LOAD_ORDER)
      expect(() => checkColumns(entity, WRITTEN_COLUMNS[entity])).not.toThrow();
    expect(() => checkColumns("users", ["username", "email"])).toThrow(/registry/);
  });

  it("reports progress up to the last customer", async () => {
    const seen: number[] = [];
    const outDir = await mkdtemp(join(tmpdir(), "custra-demo-test-"));
    dirs.push(outDir);
    await writeDemoCsv({
      customers: 4_100,
      seed: 1,
      asOf: AS_OF,
      outDir,
      onProgress: (done) => seen.push(done),
    });
    expect(seen).toEqual([2_000, 4_000, 4_100]);
  });

  it("works for a single customer", async () => {
    const { counts } = await generate(1, 3);
    expect(counts.customers).toBe(1);
    expect(counts.users).toBeGreaterThanOrEqual(3);
  });
});

function cents(text: string): number {
  return Math.round(Number(text) * 100);
}

const CANONICAL = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  decimal: /^-?\d+\.\d{2}$/,
  int: /^-?\d+$/,
  bool: /^(true|false)$/,
};

/** Why `value` would not import as `field`, or undefined when it would. */
function invalid(field: FieldSpec, value: string): string | undefined {
  if (value === "") return field.required ? "is required" : undefined;
  switch (field.kind) {
    case "date":
    case "timestamp":
      if (!CANONICAL[field.kind].test(value) || Number.isNaN(Date.parse(value)))
        return `is not a ${field.kind}`;
      return undefined;
    case "decimal":
    case "bool":
      return CANONICAL[field.kind].test(value) ? undefined : `is not a ${field.kind}`;
    case "int": {
      if (!CANONICAL.int.test(value)) return "is not an int";
      const n = Number(value);
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
        return "is out of range";
      return undefined;
    }
    case "enum":
      return Object.hasOwn(field.values!, value)
        ? undefined
        : `is not one of ${Object.keys(field.values!).join("/")}`;
    case "tags": {
      const tags: unknown = JSON.parse(value);
      return Array.isArray(tags) && tags.every((tag) => typeof tag === "string")
        ? undefined
        : "is not a tag list";
    }
    case "json": {
      const object: unknown = JSON.parse(value);
      return object && typeof object === "object" && !Array.isArray(object)
        ? undefined
        : "is not a JSON object";
    }
    default:
      return value.trim() === value ? undefined : "has surrounding spaces";
  }
}
