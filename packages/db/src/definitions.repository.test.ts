import { BUILTIN_PLAYBOOKS, BUILTIN_SCHEMES } from "@custra/core";
import { BUILTIN_DEFINITIONS_RELEASE } from "@custra/core/builtin-release";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestDefinitionRow } from "./definitions.repository.ts";
import { type DbHandle, openDb } from "./open.ts";
import { createTestLocation, ENGINES, type TestLocation } from "./testing/engines.ts";

const SCHEMES = Object.keys(BUILTIN_SCHEMES).sort();
const PLAYBOOKS = Object.keys(BUILTIN_PLAYBOOKS).sort();

/** (name, versions) of a definitions table. */
async function versions(handle: DbHandle, table: "grading_schemes" | "playbooks") {
  const { rows } = await sql<{ name: string; versions: number }>`
    SELECT name, COUNT(*) AS versions FROM ${sql.table(table)} GROUP BY name ORDER BY name`.execute(
    handle.db,
  );
  return rows.map((row) => [row.name, Number(row.versions)]);
}

/** As if the database predated the ready-made definitions: none stored, no release held. */
async function forgetBuiltins(handle: DbHandle): Promise<void> {
  await handle.db.deleteFrom("grading_schemes").execute();
  await handle.db.deleteFrom("playbooks").execute();
  await handle.db.deleteFrom("builtin_definitions").execute();
}

for (const engine of ENGINES) {
  describe(`the ready-made definitions on ${engine}`, () => {
    let where: TestLocation;
    beforeAll(async () => {
      where = await createTestLocation(engine);
    });
    afterAll(async () => {
      await where?.drop();
    });

    it("are stored at the first open, once, and left alone by later opens", async () => {
      const first = await openDb(where.location, { createIfMissing: true });
      try {
        expect(await versions(first, "grading_schemes")).toEqual(SCHEMES.map((name) => [name, 1]));
        expect(await versions(first, "playbooks")).toEqual(PLAYBOOKS.map((name) => [name, 1]));
        const held = await first.db.selectFrom("builtin_definitions").select("release").execute();
        expect(held.map((row) => Number(row.release))).toEqual([BUILTIN_DEFINITIONS_RELEASE]);
      } finally {
        await first.close();
      }
      const again = await openDb(where.location);
      try {
        expect(await versions(again, "grading_schemes")).toEqual(SCHEMES.map((name) => [name, 1]));
        expect(await again.db.selectFrom("builtin_definitions").selectAll().execute()).toHaveLength(1);
      } finally {
        await again.close();
      }
    });

    it("get a new version when custra's own changed, but not over the company's", async () => {
      const handle = await openDb(where.location);
      try {
        // An older custra's "value" (another weight), and the company's own "credit".
        const value = await latestDefinitionRow(handle.db, "scheme", "value");
        const older = structuredClone(value!.definition) as { dimensions: { weight: number }[] };
        older.dimensions[0]!.weight += 1;
        await handle.db
          .updateTable("grading_schemes")
          .set({ definition: JSON.stringify(older) })
          .where("name", "=", "value")
          .execute();
        await handle.db
          .updateTable("grading_schemes")
          .set({ source: "user" })
          .where("name", "=", "credit")
          .execute();
        await handle.db.updateTable("builtin_definitions").set({ release: 0 }).execute();
      } finally {
        await handle.close();
      }
      const newer = await openDb(where.location);
      try {
        const counts = Object.fromEntries(await versions(newer, "grading_schemes"));
        expect(counts).toEqual({ ...Object.fromEntries(SCHEMES.map((name) => [name, 1])), value: 2 });
        const latest = await latestDefinitionRow(newer.db, "scheme", "value");
        expect(latest).toMatchObject({ version: 2, source: "builtin" });
        expect(latest!.definition).toEqual({ ...BUILTIN_SCHEMES.value, version: 2 });
      } finally {
        await newer.close();
      }
    });
  });
}

describe("the ready-made definitions when PostgreSQL servers start at once", () => {
  let where: TestLocation;
  beforeAll(async () => {
    where = await createTestLocation("postgres");
    const first = await openDb(where.location);
    await forgetBuiltins(first);
    await first.close();
  });
  afterAll(async () => {
    await where?.drop();
  });

  it("are stored by one of them: every open succeeds and each definition has one row", async () => {
    // Without the migrations' lock each would find them missing and insert version 1: all but
    // one would fail on the primary key, or two would store version 1 and 2 of the same.
    const handles = await Promise.all(Array.from({ length: 6 }, () => openDb(where.location)));
    try {
      expect(await versions(handles[0]!, "grading_schemes")).toEqual(SCHEMES.map((name) => [name, 1]));
      expect(await versions(handles[0]!, "playbooks")).toEqual(PLAYBOOKS.map((name) => [name, 1]));
      expect(await handles[0]!.db.selectFrom("builtin_definitions").selectAll().execute()).toHaveLength(1);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });
});
