import { execFile } from "node:child_process";
import { join } from "node:path";
import { ENTITIES, ENTITY_NAMES } from "@custra/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableCounts } from "./counts.ts";
import { loadDialect } from "./dialects/index.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { runMigrations } from "./migrator.ts";
import { type DbHandle, openDb } from "./open.ts";
import { CUSTRA_TABLES } from "./schema.ts";
import { createTestLocation, ENGINES, openTestDb } from "./testing/engines.ts";

/** Entity fields that name another row by its key; the importer stores the resolved id instead. */
const RESOLVED: Record<string, Record<string, string>> = {
  contacts: { customer_code: "customer_id" },
  orders: { customer_code: "customer_id" },
  "order-lines": { order_external_id: "order_id", sku: "product_id" },
  invoices: { customer_code: "customer_id" },
  payments: { customer_code: "customer_id" },
  interactions: { customer_code: "customer_id" },
  surveys: { customer_code: "customer_id" },
};

for (const engine of ENGINES) {
  describe(`migrations on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("opens a database whose first, migrating process was killed right after start-up", async () => {
      const where = await createTestLocation(engine);
      try {
        const signal = await new Promise<string | null>((resolve) => {
          execFile(
            process.execPath,
            ["--import", "tsx", join(import.meta.dirname, "testing", "open-and-die.ts"), where.location],
            (error) => resolve(error?.signal ?? null),
          );
        });
        expect(signal).toBe("SIGKILL");
        const reopened = await openDb(where.location);
        try {
          expect(await reopened.migrate()).toEqual({ applied: [], current: MIGRATIONS.at(-1)!.version });
          expect(await tableCounts(reopened)).toMatchObject({ customers: 0, payments: 0 });
        } finally {
          await reopened.close();
        }
      } finally {
        await where.drop();
      }
    }, 60_000);

    it("records every migration, and running again changes nothing", async () => {
      const versions = MIGRATIONS.map((m) => m.version);
      const recorded = await handle.db
        .selectFrom("schema_migrations")
        .select("version")
        .orderBy("version")
        .execute();
      expect(recorded.map((r) => r.version)).toEqual(versions);
      expect(await handle.migrate()).toEqual({ applied: [], current: versions.at(-1) });
      expect(await handle.migrate()).toEqual({ applied: [], current: versions.at(-1) });
      expect(await handle.db.selectFrom("schema_migrations").select("version").execute()).toHaveLength(
        versions.length,
      );
    });

    it("creates every custra table, empty but for the ready-made schemes and playbooks", async () => {
      const tables = (await handle.db.introspection.getTables()).map((table) => table.name);
      expect(tables).toEqual(expect.arrayContaining([...CUSTRA_TABLES, "schema_migrations"]));
      const { grading_schemes: schemes, playbooks, ...counts } = await tableCounts(handle);
      expect([...Object.keys(counts), "grading_schemes", "playbooks"].sort()).toEqual(
        [...CUSTRA_TABLES].sort(),
      );
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      expect([schemes, playbooks]).toEqual([3, 3]);
    });

    it("has a column for every entity field, named as in the registry", async () => {
      const columns = new Map(
        (await handle.db.introspection.getTables()).map((table) => [
          table.name,
          table.columns.map((c) => c.name),
        ]),
      );
      for (const name of ENTITY_NAMES) {
        const spec = ENTITIES[name];
        const expected = spec.fields.map((field) => RESOLVED[name]?.[field.name] ?? field.name);
        if (spec.customerOwned) expected.push("customer_id");
        expect(columns.get(spec.table), spec.table).toEqual(expect.arrayContaining(["id", ...expected]));
      }
    });

    it("assigns ids from per-table sequences", async () => {
      await handle.db
        .insertInto("products")
        .values([
          { sku: "A", name: "a" },
          { sku: "B", name: "b" },
        ])
        .execute();
      const ids = await handle.db.selectFrom("products").select("id").orderBy("id").execute();
      expect(ids.map((r) => r.id)).toEqual([1, 2]);
    });

    it("0007 adds a customer's country and the order of payments and survey answers, rows kept", async () => {
      const old = await openTestDb(engine, { migrate: false });
      try {
        const before = MIGRATIONS.findIndex((m) => m.version === "0007_import_fields");
        await runMigrations(old.db, await loadDialect(engine), MIGRATIONS.slice(0, before));
        await sql`INSERT INTO customers (code, province) VALUES ('C1', '浙江')`.execute(old.db);
        await sql`INSERT INTO payments (customer_id, external_id, paid_on, amount) VALUES (1, 'P1', '2024-01-05', 12.5)`.execute(
          old.db,
        );
        await old.migrate();
        expect(
          await old.db.selectFrom("customers").select(["code", "province", "country", "gender"]).execute(),
        ).toEqual([{ code: "C1", province: "浙江", country: null, gender: null }]);
        await old.db.updateTable("payments").set({ order_external_id: "O1" }).execute();
        expect(
          await old.db.selectFrom("payments").select(["external_id", "order_external_id"]).execute(),
        ).toEqual([{ external_id: "P1", order_external_id: "O1" }]);
        expect(await old.db.selectFrom("survey_answers").select("order_external_id").execute()).toEqual([]);
      } finally {
        await old.close();
      }
    });

    it("keeps the grades and tasks of a database made before 0004 (rebuilt without keys on DuckDB)", async () => {
      const old = await openTestDb(engine, { migrate: false });
      try {
        const before = MIGRATIONS.findIndex((m) => m.version === "0004_bulk_table_keys");
        await runMigrations(old.db, await loadDialect(engine), MIGRATIONS.slice(0, before));
        const grade = { grade_run_id: 1, customer_id: 7, grade: "A", score: 91.5, score_grade: "B" };
        // Its grade run is recorded (0008 removes grades of runs never recorded).
        await old.db
          .insertInto("grade_runs")
          .values({
            id: 1,
            scheme_name: "value",
            scheme_version: 1,
            analysis_run_id: 1,
            as_of: "2026-01-01",
            customers: 1,
            report: "{}",
          })
          .execute();
        await old.db
          .insertInto("customer_grades")
          .values({ ...grade, components: "[91.5,null]", pinned: true })
          .execute();
        const task = {
          customer_id: 7,
          kind: "care",
          due_on: "2026-02-16",
          priority: 2,
          reason: '{"code":"x"}',
        };
        await old.db
          .insertInto("tasks")
          .values({ ...task, occasion_key: "care:birthday:2026" })
          .execute();
        // 0004 and every later migration apply on top.
        expect(await old.migrate()).toEqual({
          applied: MIGRATIONS.slice(before).map((m) => m.version),
          current: MIGRATIONS.at(-1)!.version,
        });

        expect(
          await old.db
            .selectFrom("customer_grades")
            .select(["customer_id", "grade", "score", "pinned"])
            .execute(),
        ).toEqual([{ customer_id: 7, grade: "A", score: 91.5, pinned: true }]);
        // The tasks keep their ids, and new ones still take theirs from the sequence.
        await old.db
          .insertInto("tasks")
          .values({ ...task, occasion_key: "care:spring_festival:2026" })
          .execute();
        const tasks = await old.db
          .selectFrom("tasks")
          .select(["id", "occasion_key", "status"])
          .orderBy("id")
          .execute();
        expect(tasks).toEqual([
          { id: 1, occasion_key: "care:birthday:2026", status: "open" },
          { id: 2, occasion_key: "care:spring_festival:2026", status: "open" },
        ]);
      } finally {
        await old.close();
      }
    });

    it("adds company_settings to a database made before 0006, one row per key", async () => {
      const old = await openTestDb(engine, { migrate: false });
      try {
        const before = MIGRATIONS.findIndex((m) => m.version === "0006_company_settings");
        await runMigrations(old.db, await loadDialect(engine), MIGRATIONS.slice(0, before));
        expect((await old.db.introspection.getTables()).map((table) => table.name)).not.toContain(
          "company_settings",
        );
        await old.migrate();
        await old.db.insertInto("company_settings").values({ key: "currency", value: "USD" }).execute();
        await expect(
          old.db.insertInto("company_settings").values({ key: "currency", value: "EUR" }).execute(),
        ).rejects.toThrow();
        const rows = await old.db
          .selectFrom("company_settings")
          .select(["key", "value", "updated_at"])
          .execute();
        expect(rows.map(({ key, value }) => ({ key, value }))).toEqual([{ key: "currency", value: "USD" }]);
        expect(rows[0]!.updated_at).toBeInstanceOf(Date);
      } finally {
        await old.close();
      }
    });

    it("removes, in 0008, the scores and grades that crashes before it left without a run", async () => {
      const old = await openTestDb(engine, { migrate: false });
      try {
        const before = MIGRATIONS.findIndex((m) => m.version === "0008_run_writes");
        await runMigrations(old.db, await loadDialect(engine), MIGRATIONS.slice(0, before));
        await old.db
          .insertInto("analysis_runs")
          .values({
            id: 1,
            as_of: "2026-01-01",
            time_unit: "week",
            horizon: 52,
            model: "bgnbd",
            discount_rate: 0.1,
            customers: 1,
            report: "{}",
          })
          .execute();
        const score = { customer_id: 7, orders: 1, revenue: 5, revenue_12m: 5, margin: 1 };
        // Run 1 was recorded; run 2's scores and grade run 3's grades were loaded, then the process died.
        await old.db
          .insertInto("customer_scores")
          .values([
            { ...score, run_id: 1 },
            { ...score, run_id: 2 },
          ])
          .execute();
        await old.db
          .insertInto("customer_grades")
          .values({ grade_run_id: 3, customer_id: 7, grade: "A", score_grade: "A", pinned: false })
          .execute();
        await old.migrate();
        expect(await old.db.selectFrom("customer_scores").select("run_id").execute()).toEqual([
          { run_id: 1 },
        ]);
        expect(await old.db.selectFrom("customer_grades").selectAll().execute()).toEqual([]);
      } finally {
        await old.close();
      }
    });

    it("0009 keeps imported users (who cannot sign in yet), seeds the four roles, and keys shares by customer", async () => {
      const old = await openTestDb(engine, { migrate: false });
      try {
        const before = MIGRATIONS.findIndex((m) => m.version === "0009_access");
        await runMigrations(old.db, await loadDialect(engine), MIGRATIONS.slice(0, before));
        await sql`INSERT INTO users (username, display_name, email, team, role) VALUES ('u1', '张三', 'z@example.com', '华东', 'sales')`.execute(
          old.db,
        );
        await old.migrate();
        expect(
          await old.db
            .selectFrom("users")
            .select(["username", "role", "deactivated_at", "failed_logins", "password_hash", "department_id"])
            .execute(),
        ).toEqual([
          {
            username: "u1",
            role: "sales",
            deactivated_at: null,
            failed_logins: null,
            password_hash: null,
            department_id: null,
          },
        ]);
        // The importer's insert (the entity's columns only) still works.
        await sql`INSERT INTO users (username, display_name, email, team, role) VALUES ('u2', '李四', NULL, NULL, 'analyst')`.execute(
          old.db,
        );
        const roles = await old.db
          .selectFrom("roles")
          .select(["code", "data_scope", "list_fields", "detail_fields", "builtin"])
          .orderBy("code")
          .execute();
        expect(roles).toEqual([
          { code: "admin", data_scope: "all", list_fields: "show", detail_fields: "show", builtin: true },
          { code: "analyst", data_scope: "all", list_fields: "mask", detail_fields: "mask", builtin: true },
          {
            code: "manager",
            data_scope: "department_tree",
            list_fields: "mask",
            detail_fields: "show",
            builtin: true,
          },
          { code: "sales", data_scope: "own", list_fields: "mask", detail_fields: "show", builtin: true },
        ]);
        const share = { customer_id: 7, user_id: 1, access: "read" as const, until: "2026-12-31" };
        await old.db.insertInto("customer_shares").values(share).execute();
        await old.db
          .insertInto("customer_shares")
          .values({ ...share, customer_id: 8 })
          .execute();
        expect(
          await old.db
            .selectFrom("customer_shares")
            .select(["customer_id", "id", "until"])
            .orderBy("id")
            .execute(),
        ).toEqual([
          { customer_id: 7, id: 1, until: "2026-12-31" },
          { customer_id: 8, id: 2, until: "2026-12-31" },
        ]);
        // A share names a user or a department, not both and not neither; access is read or write.
        await expect(
          old.db
            .insertInto("customer_shares")
            .values({ ...share, department_id: 2 })
            .execute(),
        ).rejects.toThrow();
        await expect(
          old.db
            .insertInto("customer_shares")
            .values({ ...share, user_id: null })
            .execute(),
        ).rejects.toThrow();
        await expect(
          old.db
            .insertInto("customer_shares")
            .values({ ...share, access: "admin" as "read" })
            .execute(),
        ).rejects.toThrow();
        expect(await old.db.selectFrom("audit_head").selectAll().execute()).toEqual([
          { id: 1, last_id: 0, last_hash: "0".repeat(64) },
        ]);
      } finally {
        await old.close();
      }
    });

    it("adds the satisfaction score to a database made before 0005, and campaigns that share the tasks' ids", async () => {
      const old = await openTestDb(engine, { migrate: false });
      try {
        const before = MIGRATIONS.findIndex((m) => m.version === "0005_satisfaction_campaigns");
        await runMigrations(old.db, await loadDialect(engine), MIGRATIONS.slice(0, before));
        // The score belongs to a recorded run (0008 removes scores without one).
        await old.db
          .insertInto("analysis_runs")
          .values({
            id: 1,
            as_of: "2026-01-01",
            time_unit: "week",
            horizon: 52,
            model: "bgnbd",
            discount_rate: 0.1,
            customers: 1,
            report: "{}",
          })
          .execute();
        await old.db
          .insertInto("customer_scores")
          .values({
            run_id: 1,
            customer_id: 7,
            orders: 2,
            revenue: 10,
            revenue_12m: 10,
            margin: 1,
            last_nps: 9,
          })
          .execute();
        await old.migrate();
        expect(
          await old.db
            .selectFrom("customer_scores")
            .select(["customer_id", "last_nps", "last_satisfaction"])
            .execute(),
        ).toEqual([{ customer_id: 7, last_nps: 9, last_satisfaction: null }]);

        const task = {
          customer_id: 7,
          kind: "care",
          due_on: "2026-02-16",
          priority: 2,
          reason: '{"code":"x"}',
        };
        await old.db
          .insertInto("tasks")
          .values({ ...task, occasion_key: "care:birthday:2026" })
          .execute();
        const campaign = {
          occasion_key: "campaign:value:C:2026-Q1",
          playbook: "value",
          playbook_version: 1,
          basis: "grade",
          segment: "C",
          due_on: "2026-03-31",
          priority: 2,
          reason: '{"code":"campaign_segment","params":{}}',
          members: 1,
        };
        await old.db.insertInto("campaigns").values(campaign).execute();
        await old.db.insertInto("campaign_members").values({ customer_id: 7, campaign_id: 2 }).execute();
        const [row] = await old.db.selectFrom("campaigns").select(["id", "status"]).execute();
        expect(row).toEqual({ id: 2, status: "open" });
        await expect(old.db.insertInto("campaigns").values(campaign).execute()).rejects.toThrow();
      } finally {
        await old.close();
      }
    });
  });
}
